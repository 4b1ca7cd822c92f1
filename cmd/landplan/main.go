package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/planner"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Run runs the program with args (without the program name) and returns
// the exit status. End-to-end tests call it directly.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	m := NewMain(stdout, stderr)
	defer m.Close()
	if err := m.ParseFlags(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "landplan:", errorText(err, m.Lang))
		return 2
	}
	if err := m.Run(ctx); err != nil {
		if isHelp(err) {
			return 0
		}
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "landplan: interrupted: nothing was stored")
			return 1
		}
		fmt.Fprintln(stderr, "landplan:", errorText(err, m.Lang))
		return exitCode(err)
	}
	return 0
}

// usageError is bad usage of the command line: exit status 2. zh is the
// message in Chinese, when it has one (usageBoth).
type usageError struct{ msg, zh string }

func (e *usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	switch planner.KindOf(err) {
	case planner.KindInvalid, planner.KindNotFound, planner.KindConflict:
		return 2
	}
	return 1
}

// Main is the program: global flags, the chosen subcommand and the open
// database.
type Main struct {
	DBPath string // --db
	Lang   string // --lang: "zh" or "en"
	JSON   bool   // --json

	Stdout io.Writer // results
	Stderr io.Writer // progress and messages

	cmd  []string // subcommand words, e.g. ["import", "parcels"]
	args []string // the subcommand's own arguments and flags

	db        *data.DB
	dbCreated bool // the database file did not exist before this run
}

// NewMain returns a Main writing to stdout and stderr with the defaults of
// the environment.
func NewMain(stdout, stderr io.Writer) *Main {
	m := &Main{DBPath: "landplan.gpkg", Lang: langFromEnv(), Stdout: stdout, Stderr: stderr}
	if p := os.Getenv("LANDPLAN_DB"); p != "" {
		m.DBPath = p
	}
	return m
}

func langFromEnv() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return "zh"
			}
			return "en"
		}
	}
	return "en"
}

// subcommands lists each subcommand with how many words name it.
var subcommands = map[string]int{
	"demo": 1, "import": 2, "check": 1, "policy": 2, "help": 1, "export": 1,
	"plan": 1, "plans": 1, "show": 1, "compare": 1, "scenario": 2, "serve": 1,
	"monitor": 1,
	"sweep":   1,
	"adopt":   1,
	"version": 1,
}

// ParseFlags takes the global flags wherever they stand and splits off the
// subcommand.
func (m *Main) ParseFlags(args []string) error {
	rest, wantUsage, err := m.globalFlags(args)
	if err != nil {
		m.Lang = langOfArgs(args, m.Lang)
		return err
	}
	if wantUsage {
		fmt.Fprint(m.Stdout, usageText(m.Lang))
		return flag.ErrHelp
	}
	if len(rest) == 0 {
		fmt.Fprint(m.Stderr, usageText(m.Lang))
		return usageBoth("no subcommand given", "没有给出命令")
	}
	n, ok := subcommands[rest[0]]
	if !ok {
		return unknownCommand(rest[0])
	}
	if n == 2 && len(rest) >= 2 && isHelpFlag(rest[1]) {
		if printGroupHelp(m.Stdout, m.Lang, rest[0]) {
			return flag.ErrHelp
		}
	}
	if len(rest) < n || (n == 2 && strings.HasPrefix(rest[1], "-")) {
		printGroupHelp(m.Stderr, m.Lang, rest[0])
		return usageBoth("%s needs a subcommand (landplan help %s lists them)", "%s 需要子命令（landplan help %s 列出其子命令）", rest[0], rest[0])
	}
	m.cmd, m.args = rest[:n], rest[n:]
	return nil
}

// langOfArgs is the language a valid --lang among args asks for, else
// lang: a misused global flag before --lang zh is still told in Chinese.
func langOfArgs(args []string, lang string) string {
	for i, a := range args {
		v, ok := strings.CutPrefix(a, "--lang=")
		if !ok && (a == "--lang" || a == "-lang") && i+1 < len(args) {
			v, ok = args[i+1], true
		}
		if !ok {
			v, ok = strings.CutPrefix(a, "-lang=")
		}
		if ok && (v == "zh" || v == "en") {
			lang = v
		}
	}
	return lang
}

// globalFlags takes the global flags (--db, --lang, --json) wherever they
// stand and returns the other arguments in order; wantUsage is a -h
// before any command (the list, in the language of all the flags).
func (m *Main) globalFlags(args []string) (rest []string, wantUsage bool, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || a == "-" || a == "--" {
			rest = append(rest, a)
			continue
		}
		takeVal := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if i+1 >= len(args) {
				return "", usageBoth("flag --%s needs a value", "参数 --%s 需要一个值", name)
			}
			i++
			return args[i], nil
		}
		switch name {
		case "db", "lang", "json":
			if err := m.globalFlag(name, val, hasVal, takeVal); err != nil {
				return nil, false, err
			}
		case "h", "help":
			if len(rest) == 0 {
				wantUsage = true
				continue
			}
			rest = append(rest, a)
		default:
			rest = append(rest, a)
		}
	}
	return rest, wantUsage, nil
}

// globalFlag sets one global flag; takeVal gives its value (after = or
// the next argument).
func (m *Main) globalFlag(name, val string, hasVal bool, takeVal func() (string, error)) error {
	switch name {
	case "db":
		v, err := takeVal()
		if err != nil {
			return err
		}
		m.DBPath = v
	case "lang":
		v, err := takeVal()
		if err != nil {
			return err
		}
		if v != "zh" && v != "en" {
			return usageBoth("--lang %q: want zh or en", "--lang %q 无效：应为 zh（中文）或 en（英文）", v)
		}
		m.Lang = v
	case "json":
		if hasVal && val != "true" && val != "false" {
			return usageBoth("--json takes no value", "--json 不带值（可写 --json 或 --json=true、--json=false）")
		}
		m.JSON = !hasVal || val == "true"
	}
	return nil
}

const usage = `landplan — industrial land allocation planner (Liuzhou 2022 measures, clause 12)

Usage:
  landplan demo [--out DIR]                the whole job on the embedded Liuzhou sample
  landplan import parcels FILE             GeoJSON or GeoPackage parcels; --crs EPSG:N, --layer NAME, --replace
  landplan import proposals FILE           CSV (UTF-8 / GB18030) or XLSX proposals; --replace
  landplan import performance FILE         CSV or XLSX yearly performance of the awards; --replace
  landplan import contracts FILE           CSV or XLSX contracts signed elsewhere (项目编号, 地块编号, 供地年度 ...)
  landplan check                           validate stored data and pre-check the rules
  landplan policy show                     the effective policy profile with clause references
  landplan scenario add NAME --set KEY=VALUE ... | --file F
                                           store a what-if: named overrides of the policy profile
  landplan scenario list                   stored scenarios
  landplan plan [--scenario NAME] [--time-limit D] [--gap G] [--max-memory SIZE] [--export-mps FILE]
                                           a planning run: stores the plan and prints its summary;
                                           --horizon 2026-2030 a multi-year programme, --previous PLAN
                                           a re-plan that moves as few of PLAN's allocations as it can
  landplan adopt PLAN [--proposal ID ...]  record the plan's allocations as signed: every later run keeps them
  landplan sweep --set KEY=FROM:TO:STEP|KEY=a,b,c [--set ...] [--scenario BASE] [--chart FILE]
                                           one plan per value (two keys: a grid), each stored as
                                           scenario sweep:KEY=VALUE; the table of their figures
  landplan plans                           stored plans
  landplan show PLAN [--proposal ID]       allocations and rejections, each with its reasons
  landplan compare PLAN PLAN [...]         plans side by side: totals, indicators, what moved; --map FILE
  landplan export PLAN --format geojson|gpkg|svg|png|csv|xlsx|html --out FILE
                                           the plan as a map or a table; --crs EPSG:4545|4546 (geojson),
                                           --zone NAME, --width N --height N (maps)
  landplan monitor [--plan PLAN] [--year Y] [--as-of DATE] [--export FILE] [--covenants FILE] [--feed]
                                           the awards after supply: covenant checks, idle land (令第53号),
                                           per-mu evaluation classes; --feed puts what is found into the land pool
  landplan serve [--addr 127.0.0.1:8080] [--token-file FILE] [--gap G] [--time-limit D]
                                           local web interface: map, plans, runs, scenarios, comparison
  landplan version                         module version, VCS revision and Go version of this build
  landplan help [COMMAND]                  this text, or a command's flags and an example
                                           (also: landplan COMMAND --help)

Global flags (before or after the subcommand):
  --db FILE        database (default landplan.gpkg, or $LANDPLAN_DB)
  --lang zh|en     language of messages (default from LANG)
  --json           machine-readable output on stdout

Exit status: 0 success, 1 failed run, 2 bad usage or bad input.
`

// Run runs the chosen subcommand.
func (m *Main) Run(ctx context.Context) error {
	switch strings.Join(m.cmd, " ") {
	case "help":
		return m.runHelp(ctx)
	case "version":
		return m.runVersion()
	case "demo":
		return m.runDemo(ctx)
	case "import parcels":
		return m.runImportParcels(ctx)
	case "import proposals":
		return m.runImportProposals(ctx)
	case "import performance":
		return m.runImportPerformance(ctx)
	case "monitor":
		return m.runMonitor(ctx)
	case "import contracts":
		return m.runImportContracts(ctx)
	case "adopt":
		return m.runAdopt(ctx)
	case "check":
		return m.runCheck(ctx)
	case "policy show":
		return m.runPolicyShow(ctx)
	case "plan":
		return m.runPlan(ctx)
	case "plans":
		return m.runPlans(ctx)
	case "show":
		return m.runShow(ctx)
	case "compare":
		return m.runCompare(ctx)
	case "export":
		return m.runExport(ctx)
	case "serve":
		return m.runServe(ctx)
	case "sweep":
		return m.runSweep(ctx)
	}
	if m.cmd[0] == "scenario" {
		return m.runScenario(ctx)
	}
	return unknownCommand(strings.Join(m.cmd, " "))
}

// openDB opens the database, creating it when create is true.
func (m *Main) openDB(create bool) (*data.DB, error) {
	if m.db != nil {
		return m.db, nil
	}
	if _, err := os.Stat(m.DBPath); errors.Is(err, os.ErrNotExist) {
		if !create {
			return nil, planner.ErrorfZH(planner.KindNotFound, "database %s does not exist: import parcels and proposals first (landplan import parcels FILE)",
				"数据库 %s 不存在：请先导入地块和项目提案（landplan import parcels 文件）", m.DBPath)
		}
		m.dbCreated = true
	}
	db, err := openData(m.DBPath)
	if err != nil {
		return nil, err
	}
	m.db = db
	return db, nil
}

// Close closes the database.
func (m *Main) Close() error {
	if m.db == nil {
		return nil
	}
	err := m.db.Close()
	m.db = nil
	return err
}

// discardNewDB closes and removes a database file that this run created,
// so that a failed first import leaves nothing behind.
func (m *Main) discardNewDB() {
	if !m.dbCreated {
		return
	}
	m.Close()
	for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
		os.Remove(m.DBPath + suffix)
	}
	m.dbCreated = false
}

// newFlagSet returns a flag set for a subcommand that reports errors as
// usage errors.
func (m *Main) newFlagSet() *flag.FlagSet {
	fs := flag.NewFlagSet("landplan "+strings.Join(m.cmd, " "), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseArgs parses the subcommand's arguments, flags anywhere among them,
// and returns the positional ones.
func (m *Main) parseArgs(fs *flag.FlagSet) ([]string, error) {
	var pos []string
	args := m.args
	for {
		if err := fs.Parse(args); err != nil {
			name := strings.Join(m.cmd, " ")
			if errors.Is(err, flag.ErrHelp) {
				printCommandHelp(m.Stdout, m.Lang, name, fs)
				return nil, errHelpShown
			}
			return nil, flagError(fs, name, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
