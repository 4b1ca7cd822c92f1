package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// commandDoc is what `landplan help CMD` and `landplan CMD --help` print
// around the command's flags, which come from its own flag.FlagSet.
type commandDoc struct {
	// Args is the synopsis after the command's name, e.g. "PLAN
	// --format F --out FILE".
	Args string
	// Summary says in one line what the command does.
	Summary string
	// Example is one command line a user can copy.
	Example string
}

// commandDocs holds the help of every command by its name ("plan",
// "import parcels"); describe fills it.
var commandDocs = map[string]commandDoc{}

// describe registers the help of a command: its synopsis after the name,
// one line of what it does and one example. A new subcommand calls it
// once (in an init function beside its run function) and declares its
// flags in its flag.FlagSet as usual: `landplan help CMD` and `CMD -h`
// then list them with the example.
func describe(name, args, summary, example string) {
	commandDocs[name] = commandDoc{Args: args, Summary: summary, Example: example}
}

func init() {
	describe("demo", "[--out DIR] [--time-limit D] [--gap G] [--max-memory SIZE]", "the whole job on the embedded Liuzhou sample: import, check, plan a baseline and two what-ifs, compare, export",
		"landplan demo --out landplan-demo")
	describe("import parcels", "FILE [--crs EPSG:N] [--layer NAME] [--replace]", "import parcels from a GeoJSON or a GeoPackage layer (all or nothing)",
		"landplan import parcels parcels.geojson --crs EPSG:4545")
	describe("import proposals", "FILE [--replace]", "import project proposals from CSV (UTF-8 or GB18030) or XLSX (all or nothing)",
		"landplan import proposals proposals.xlsx")
	describe("check", "[--policy FILE]", "the stored data, the clause-12 pre-check of every proposal, idle and inefficient land candidates",
		"landplan check --lang zh")
	describe("policy show", "[--policy FILE]", "the effective policy profile, each setting with its clause and source",
		"landplan policy show --policy local.toml")
	describe("scenario add", "NAME --set KEY=VALUE ... | --file F", "store a what-if: named overrides of the policy profile's settings",
		"landplan scenario add quota800 --set quota.new_land_mu=800")
	describe("scenario list", "", "the stored scenarios with their overrides", "landplan scenario list --json")
	describe("plan", "[--scenario NAME] [--time-limit D] [--gap G] [--max-memory SIZE] [--export-mps FILE] [--flips N] [--policy FILE] [--horizon FROM-TO] [--previous PLAN] [--warm-start PLAN]",
		"a planning run: stores an immutable plan and prints its summary", "landplan plan --scenario quota800 --time-limit 2m --gap 0.0001")
	describe("import performance", "FILE [--replace]", "import the yearly performance of the awards from CSV or XLSX with Chinese or English headers (all or nothing)",
		"landplan import performance performance-2029.xlsx")
	describe("import contracts", "FILE", "import contracts signed elsewhere from CSV or XLSX: every later run keeps them (all or nothing)",
		"landplan import contracts contracts.csv")
	describe("adopt", "PLAN [--proposal ID ...] [--signed YYYY-MM-DD]", "record a plan's allocations as signed contracts: every later run keeps them",
		"landplan adopt plan-1 --proposal P2025-002 --signed 2026-11-30")
	describe("monitor", "[--plan PLAN] [--year Y] [--as-of DATE] [--export FILE] [--covenants FILE] [--feed] [--policy FILE]",
		"the awards after supply: covenant checks, idle land by 令第53号, per-mu evaluation classes; --feed puts the findings into the land pool",
		"landplan monitor --plan plan-1 --export monitor.html --covenants covenants.html")
	describe("sweep", "--set KEY=FROM:TO:STEP|KEY=a,b,c [--set ...] [--scenario BASE] [--time-limit D] [--gap G] [--cold] [--chart FILE]",
		"one plan per value of a setting (two keys: a grid), each stored, with their figures and marginal values side by side",
		"landplan sweep --set quota.new_land_mu=800:1600:200 --gap 0.001 --chart sweep.html")
	describe("plans", "", "the stored plans with their scenario and headline figures", "landplan plans")
	describe("show", "PLAN [--proposal ID]", "a plan's allocations and rejections, each with its reasons", "landplan show plan-1 --proposal P2025-003")
	describe("compare", "PLAN PLAN [...] [--map FILE]", "plans side by side: totals, indicators and what moved", "landplan compare plan-1 plan-2 --map compare.html")
	describe("export", "PLAN --format geojson|gpkg|svg|png|csv|xlsx|html --out FILE", "a plan as a map or a table",
		"landplan export plan-1 --format gpkg --out plan-1.gpkg")
	describe("serve", "[--addr HOST:PORT] [--token-file FILE] [--time-limit D] [--gap G] [--max-memory SIZE] [--policy FILE]",
		"the local web interface: map, plans, runs, scenarios, comparison", "landplan serve --db landplan-demo/landplan.gpkg")
	describe("version", "", "the module version, VCS revision and Go version of this build", "landplan version --json")
	describe("help", "[COMMAND]", "the commands, or one command's flags and an example", "landplan help plan")
}

// globalFlagsHelp is the part of every command's help about the global
// flags.
const globalFlagsHelp = `Global flags (before or after the command):
  --db FILE        database (default landplan.gpkg, or $LANDPLAN_DB)
  --lang zh|en     language of messages (default from LANG)
  --json           machine-readable output on stdout
`

// printCommandHelp writes the help of the command name in lang ("zh" or
// "en"): synopsis, summary, the flags of fs (nil: none) and the example.
func printCommandHelp(w io.Writer, lang, name string, fs *flag.FlagSet) {
	zh := lang == langZH
	d := commandDocs[name]
	heading := func(en, zhText string) string {
		if zh {
			return zhText
		}
		return en
	}
	fmt.Fprintln(w, strings.TrimSpace(heading("Usage: ", "用法：")+"landplan "+name+" "+d.Args))
	if sum := summaryText(lang, name); sum != "" {
		if zh {
			fmt.Fprintf(w, "\n%s。\n", strings.TrimSuffix(sum, "。"))
		} else {
			fmt.Fprintf(w, "\n%s.\n", capitalise(strings.TrimSuffix(sum, ".")))
		}
	}
	var lines [][2]string
	if fs != nil {
		fs.VisitAll(func(f *flag.Flag) {
			typ, usage := flag.UnquoteUsage(f)
			if zh {
				if t, u, ok := flagHelpZH(name, f); ok {
					typ, usage = t, u
				}
			}
			left := "--" + f.Name
			if typ != "" {
				left += " " + typ
			}
			if def := f.DefValue; def != "" && def != "false" && def != "0" && def != "[]" {
				usage += fmt.Sprintf(heading(" (default %s)", "（默认 %s）"), def)
			}
			lines = append(lines, [2]string{left, usage})
		})
	}
	fmt.Fprintln(w, heading("\nFlags:", "\n参数："))
	if len(lines) == 0 {
		fmt.Fprintln(w, heading("  none but the global flags", "  无，只有全局参数"))
	}
	width := 0
	for _, l := range lines {
		width = max(width, displayWidth(l[0]))
	}
	for _, l := range lines {
		fmt.Fprintf(w, "  %s%s  %s\n", l[0], strings.Repeat(" ", width-displayWidth(l[0])), l[1])
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, heading(globalFlagsHelp, globalFlagsHelpZH))
	if d.Example != "" {
		fmt.Fprintf(w, heading("\nExample:\n  %s\n", "\n示例：\n  %s\n"), d.Example)
	}
}

// displayWidth is the width of s in a terminal: two columns for a
// Chinese character, one for the rest.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x2E80 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// printGroupHelp writes the commands of a group ("import", "scenario")
// with their synopses in lang, or reports false when name is no group.
func printGroupHelp(w io.Writer, lang, group string) bool {
	var names []string
	for n := range commandDocs {
		if strings.HasPrefix(n, group+" ") {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return false
	}
	sort.Strings(names)
	if lang == langZH {
		g := groupZH[group]
		if g == "" {
			g = group
		}
		fmt.Fprintf(w, "landplan %s（%s）包含以下命令：\n", group, g)
	} else {
		fmt.Fprintf(w, "landplan %s has these commands:\n", group)
	}
	for _, n := range names {
		d := commandDocs[n]
		fmt.Fprintf(w, "  %s\n      %s\n", strings.TrimSpace("landplan "+n+" "+d.Args), summaryText(lang, n))
	}
	if lang == langZH {
		fmt.Fprintf(w, "\nlandplan help %s COMMAND（或 landplan %s COMMAND --help）列出某个命令的参数。\n", group, group)
	} else {
		fmt.Fprintf(w, "\nlandplan help %s COMMAND (or landplan %s COMMAND --help) lists a command's flags.\n", group, group)
	}
	return true
}

// commandNames are every command's name, for suggestions: the documented
// ones and the words of the subcommand table.
func commandNames() []string {
	seen := map[string]bool{}
	var out []string
	for n := range commandDocs {
		seen[n] = true
		out = append(out, n)
	}
	for n := range subcommands {
		if !seen[n] {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// nearest returns the candidate closest to s by edit distance, when it is
// close enough to be a likely typo (at most a third of its length, and at
// most 3 edits), or a candidate that s is a prefix of.
func nearest(s string, candidates []string) (string, bool) {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		d := editDistance(s, c)
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	if best != "" && bestD <= min(3, max(1, (len([]rune(s))+2)/3)) {
		return best, true
	}
	for _, c := range candidates {
		if len(s) >= 3 && strings.HasPrefix(c, s) {
			return c, true
		}
	}
	return "", false
}

// capitalise returns s with its first letter in upper case.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// editDistance is the edit distance of a and b by runes, a swap of two
// neighbours counting as one edit (optimal string alignment).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// unknownCommand is the error for a command that does not exist, with
// the nearest one when there is one.
func unknownCommand(name string) error {
	if s, ok := nearest(name, commandNames()); ok {
		return usageBoth("unknown command %q: did you mean landplan %s? (landplan help lists the commands)",
			"未知命令 %q：是否想用 landplan %s？（landplan help 列出全部命令）", name, s)
	}
	return usageBoth("unknown command %q (landplan help lists the commands)", "未知命令 %q（landplan help 列出全部命令）", name)
}

// flagError turns the flag package's parse error into a usage error that
// names the command and, for an unknown flag, the nearest one it has.
func flagError(fs *flag.FlagSet, cmd string, err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		names = append(names, "db", "lang", "json")
		if s, ok := nearest(strings.TrimLeft(name, "-"), names); ok {
			return usageBoth("%s: unknown flag --%s: did you mean --%s? (landplan %s --help lists its flags)",
				"%s：未知参数 --%s：是否想用 --%s？（landplan %s --help 列出其参数）", cmd, strings.TrimLeft(name, "-"), s, cmd)
		}
		return usageBoth("%s: unknown flag --%s (landplan %s --help lists its flags)", "%s：未知参数 --%s（landplan %s --help 列出其参数）",
			cmd, strings.TrimLeft(name, "-"), cmd)
	}
	return &usageError{msg: fmt.Sprintf("%s: %s (landplan %s --help lists its flags)", cmd, msg, cmd), zh: flagMessageZH(cmd, msg)}
}

// errHelpShown says that help was asked for and printed: exit status 0.
var errHelpShown = flag.ErrHelp

// isHelp reports whether err means that help was printed.
func isHelp(err error) bool { return errors.Is(err, errHelpShown) }
