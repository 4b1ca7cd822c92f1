package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/compare"
	"github.com/landplan/landplan/planner/explain"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/sweep"
)

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }

// checkTimeLimit refuses a --time-limit that is not positive.
func checkTimeLimit(d time.Duration) error {
	if d <= 0 {
		return usageBoth("--time-limit %s: want a positive duration such as 30s or 2m", "--time-limit %s 无效：应为正的时长，如 30s 或 2m", d)
	}
	return nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// planOptions are the flags of a planning run.
type planOptions struct {
	scenario   string
	policyFile string
	timeLimit  time.Duration
	// gap is the --gap (0: proven optimal) and maxMemory the run's
	// memory budget in bytes (0: none).
	gap       float64
	maxMemory int64
	exportMPS string
	// flips is the budget of verifying re-solves (plan.Settings.Flips).
	flips int
	// warmStart is the id of a stored plan whose allocations start the
	// solver (plan.Settings.WarmStart).
	warmStart string
	// horizon is --horizon FROM-TO ("" for the profile's); previous is
	// --previous PLAN, the plan to re-plan with minimal churn.
	horizon  string
	previous string
	// progress receives the solver's progress; nil shows it on a
	// terminal.
	progress func(assign.Progress)
}

// planRun makes a plan from the stored data under the profile and the
// scenario, stores it, and returns it with its id. Nothing is stored when
// the run fails or is interrupted.
// planInputs reads what every planning run of the database plans under
// prof — the plan command's, the sweep's and the web's alike: the
// parcels, the proposals (with their enterprises' latest evaluation class
// where prof scores it) and the signed contracts. A database without
// parcels or proposals is refused, naming the imports.
func (m *Main) planInputs(ctx context.Context, db *data.DB, prof *policy.Profile) (plan.Input, error) {
	in := plan.Input{Profile: prof}
	var err error
	if in.Parcels, err = db.Parcels(ctx); err != nil {
		return in, err
	}
	if in.Proposals, err = db.Proposals(ctx); err != nil {
		return in, err
	}
	if len(in.Parcels) == 0 || len(in.Proposals) == 0 {
		return in, withZH(planner.Errorf(planner.KindInvalid, "%s holds %d parcels and %d proposals: import both before planning (landplan import parcels FILE, landplan import proposals FILE)", m.DBPath, len(in.Parcels), len(in.Proposals)),
			fmt.Sprintf("%s 中有 %d 个地块、%d 个项目提案：规划前请先导入两者（landplan import parcels 文件，landplan import proposals 文件）", m.DBPath, len(in.Parcels), len(in.Proposals)))
	}
	if err := withClasses(ctx, db, prof, in.Proposals); err != nil {
		return in, err
	}
	in.Contracts, err = db.Contracts(ctx)
	return in, err
}

func (m *Main) planRun(ctx context.Context, db *data.DB, o planOptions) (*plan.Plan, error) {
	prof, sc, overrides, err := planProfile(ctx, db, o)
	if err != nil {
		return nil, err
	}
	in, err := m.planInputs(ctx, db, prof)
	if err != nil {
		return nil, err
	}
	in.Scenario, in.Overrides = sc.Name, overrides
	if o.previous != "" {
		if in.Previous, err = db.Plan(ctx, o.previous); err != nil {
			return nil, err
		}
	}
	set := &plan.Settings{TimeLimit: o.timeLimit, TargetGap: targetGap(o.gap), MaxMemory: o.maxMemory, Progress: o.progress, Flips: o.flips,
		RecordDuals: strings.HasPrefix(sc.Name, sweep.Prefix)}
	if o.maxMemory > 0 {
		// The collector works harder as the budget nears, so that the
		// budget is reached by live data only.
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(o.maxMemory))
	}
	if o.warmStart != "" {
		if set.WarmStart, err = db.Plan(ctx, o.warmStart); err != nil {
			return nil, fmt.Errorf("--warm-start: %w", err)
		}
	}
	if set.Progress == nil && isTerminal(m.Stderr) {
		set.Progress = m.terminalProgress()
	}
	var mps *os.File
	if o.exportMPS != "" {
		if mps, err = os.CreateTemp(filepath.Dir(o.exportMPS), ".landplan-*.mps"); err != nil {
			return nil, fmt.Errorf("--export-mps: %w", err)
		}
		defer os.Remove(mps.Name())
		defer mps.Close()
		set.ExportMPS = bufio.NewWriter(mps)
	}
	p, err := plan.Run(ctx, in, set)
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("the run was interrupted: no plan stored")
	}
	if mps != nil {
		if err := finishMPS(set.ExportMPS.(*bufio.Writer), mps, o.exportMPS); err != nil {
			return nil, err
		}
	}
	return m.storePlan(ctx, db, p)
}

// planProfile loads the policy profile and applies the scenario and the
// horizon; it returns the profile, the scenario and the run's overrides.
func planProfile(ctx context.Context, db *data.DB, o planOptions) (*policy.Profile, plan.Scenario, []string, error) {
	var sc plan.Scenario
	prof, err := loadProfile(o.policyFile)
	if err != nil {
		return nil, sc, nil, err
	}
	if o.scenario != "" {
		if sc, err = db.Scenario(ctx, o.scenario); err != nil {
			return nil, sc, nil, err
		}
		if prof, err = plan.ApplyScenario(prof, sc); err != nil {
			return nil, sc, nil, err
		}
	}
	overrides := sc.Overrides
	if o.horizon != "" {
		end, err := parseHorizon(o.horizon, prof.PlanYear())
		if err != nil {
			return nil, sc, nil, err
		}
		prof = prof.Clone()
		prof.Plan.HorizonEnd = end
		overrides = append(slices.Clone(overrides), fmt.Sprintf("plan.horizon_end=%d", end))
	}
	return prof, sc, overrides, nil
}

// terminalProgress shows the solver's progress on one line of the
// terminal, at most five times a second.
func (m *Main) terminalProgress() func(assign.Progress) {
	last := time.Time{}
	return func(p assign.Progress) {
		if p.Done || time.Since(last) >= 200*time.Millisecond {
			last = time.Now()
			fmt.Fprintf(m.Stderr, "\r\033[K%s", m.progressLine(p))
			if p.Done {
				fmt.Fprintln(m.Stderr)
			}
		}
	}
}

// finishMPS flushes and closes the MPS file written beside path and
// renames it into place.
func finishMPS(w *bufio.Writer, f *os.File, path string) error {
	if err := w.Flush(); err != nil {
		return fmt.Errorf("--export-mps: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--export-mps: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("--export-mps: %w", err)
	}
	return nil
}

// storePlan stores the plan and returns it as stored; a plan of the same
// scenario with the same content is stored once: the run gives the stored
// one back.
func (m *Main) storePlan(ctx context.Context, db *data.DB, p *plan.Plan) (*plan.Plan, error) {
	stored, err := db.Plans(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range stored {
		if s.Scenario == p.Scenario && s.ContentSHA256 != "" && s.ContentSHA256 == p.ContentSHA256 {
			fmt.Fprintf(m.Stderr, m.tr("the same inputs and policy gave %s again: it is not stored twice\n",
				"相同的输入和政策再次得到方案 %s，不重复保存\n"), s.ID)
			return db.Plan(ctx, s.ID)
		}
	}
	id, err := db.PutPlan(ctx, p)
	if err != nil {
		return nil, err
	}
	q, err := db.Plan(ctx, id)
	if err != nil {
		return nil, err
	}
	if same, ok := plan.Identical(stored, q); ok {
		fmt.Fprintf(m.Stderr, m.tr("%s is identical to %s: the same inputs and policy gave the same plan\n",
			"%s 与 %s 完全相同：相同的输入和政策得到相同的方案\n"), id, same)
	}
	return q, nil
}

func (m *Main) runPlan(ctx context.Context) error {
	fs := m.newFlagSet()
	var o planOptions
	var sf solverFlags
	fs.StringVar(&o.scenario, "scenario", "", "scenario to apply")
	fs.StringVar(&o.policyFile, "policy", "", "policy profile file (default: the embedded Liuzhou 2022 profile)")
	sf.add(fs, plan.DefaultTimeLimit, plan.DefaultTargetGap, "")
	fs.StringVar(&o.exportMPS, "export-mps", "", "write the model solved as free MPS to FILE")
	fs.IntVar(&o.flips, "flips", 0, "re-solves to spend verifying counterfactuals for proposals left out (0: the default, -1: none)")
	fs.StringVar(&o.warmStart, "warm-start", "", "start the solver from the allocations of this stored PLAN (as a sweep does)")
	fs.StringVar(&o.horizon, "horizon", "", "multi-year programme FROM-TO, e.g. 2026-2030 (FROM is the planning year)")
	fs.StringVar(&o.previous, "previous", "", "re-plan PLAN: keep as many of its tentative allocations as the best value allows")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageBoth("plan takes no arguments (did you mean --scenario %s?)", "plan 不接受位置参数（是否想用 --scenario %s？）", pos[0])
	}
	if err := sf.check(); err != nil {
		return err
	}
	o.timeLimit, o.gap, o.maxMemory = sf.timeLimit, sf.gap, sf.maxMemory.bytes()
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	before, err := db.Plans(ctx)
	if err != nil {
		return err
	}
	p, err := m.planRun(ctx, db, o)
	if err != nil {
		return err
	}
	reused := false
	for _, s := range before {
		reused = reused || s.ID == p.ID
	}
	if !m.JSON && !reused {
		fmt.Fprintf(m.Stderr, m.tr("stored %s in %s\n", "方案 %s 已保存到 %s\n"), p.ID, m.DBPath)
	}
	return explain.Render(m.Stdout, p, m.format(), m.lang())
}

func (m *Main) runPlans(ctx context.Context) error {
	pos, err := m.parseArgs(m.newFlagSet())
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageBoth("plans takes no arguments", "plans 不接受参数")
	}
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	sums, err := db.Plans(ctx)
	if err != nil {
		return err
	}
	if m.JSON {
		if sums == nil {
			sums = []plan.PlanSummary{}
		}
		return writeJSON(m.Stdout, sums)
	}
	if len(sums) == 0 {
		fmt.Fprintln(m.Stdout, m.tr("no plans stored yet: run landplan plan", "尚无方案：请运行 landplan plan"))
		return nil
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, m.tr("plan\tscenario\tcreated\tprojects\tmu\tquota used\tobjective\tgap\tcontent",
		"方案\t情景\t创建时间\t项目数\t亩\t指标使用\t目标值\t间隙\t内容摘要"))
	for _, s := range sums {
		scen := s.Scenario
		if scen == "" {
			scen = m.tr("(base)", "（基准）")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\t%.1f%%\t%s\t%.3f%%\t%s\n", s.ID, scen, s.Created, s.Projects,
			fmtNum(s.AllocatedMu, 1), 100*s.QuotaUsedShare, fmtNum(s.Objective, 2), 100*s.Gap, s.ContentSHA256[:min(12, len(s.ContentSHA256))])
	}
	return w.Flush()
}

func (m *Main) runShow(ctx context.Context) error {
	fs := m.newFlagSet()
	proposal := fs.String("proposal", "", "explain only this proposal")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageBoth("show takes one PLAN (see landplan plans)", "show 需要一个方案编号（landplan plans 列出方案）")
	}
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	p, err := db.Plan(ctx, pos[0])
	if err != nil {
		return err
	}
	if m.JSON && *proposal == "" {
		return explain.Render(m.Stdout, p, policy.FormatJSON, m.lang())
	}
	if !m.JSON && *proposal == "" {
		if err := explain.Render(m.Stdout, p, policy.FormatText, m.lang()); err != nil {
			return err
		}
		fmt.Fprintln(m.Stdout)
	}
	return explain.Explain(m.Stdout, p, *proposal, m.format(), m.lang())
}

func (m *Main) runCompare(ctx context.Context) error {
	fs := m.newFlagSet()
	mapOut := fs.String("map", "", "write the comparison map of the first two plans to FILE (.html report, .png, else .svg)")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usageBoth("compare takes two or more PLANs (see landplan plans)", "compare 需要两个或更多方案编号（landplan plans 列出方案）")
	}
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	var plans []*plan.Plan
	for _, id := range pos {
		p, err := db.Plan(ctx, id)
		if err != nil {
			return err
		}
		plans = append(plans, p)
	}
	if *mapOut != "" {
		if err := m.writeCompareMap(ctx, db, plans, *mapOut); err != nil {
			return err
		}
	}
	return compare.Diff(plans...).Render(m.Stdout, m.format(), m.lang())
}

func (m *Main) runScenario(ctx context.Context) error {
	switch m.cmd[1] {
	case "add":
		return m.runScenarioAdd(ctx)
	case "list":
		return m.runScenarioList(ctx)
	}
	return unknownCommand("scenario " + m.cmd[1])
}

func (m *Main) runScenarioAdd(ctx context.Context) error {
	fs := m.newFlagSet()
	var sets stringList
	fs.Var(&sets, "set", "KEY=VALUE override of the policy profile (repeatable)")
	file := fs.String("file", "", "file of KEY=VALUE lines")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageBoth("scenario add takes one NAME and --set KEY=VALUE ... or --file F", "scenario add 需要一个情景名称，以及 --set 键=值 ... 或 --file 文件")
	}
	var overrides []string
	if *file != "" {
		lines, err := readOverrides(*file)
		if err != nil {
			return err
		}
		overrides = append(overrides, lines...)
	}
	overrides = append(overrides, sets...)
	if len(overrides) == 0 {
		return usageBoth("scenario add %s: give at least one --set KEY=VALUE or --file F", "scenario add %s：至少给出一个 --set 键=值 或 --file 文件", pos[0])
	}
	sc := plan.Scenario{Name: pos[0], Overrides: overrides}
	if _, err := plan.ApplyScenario(policy.Default(), sc); err != nil {
		return err
	}
	db, err := m.openDB(true)
	if err != nil {
		return err
	}
	if err := db.PutScenario(ctx, sc); err != nil {
		m.discardNewDB()
		return err
	}
	fmt.Fprintf(m.Stderr, m.tr("stored scenario %s (%d overrides) in %s\n", "情景 %s（%d 项调整）已保存到 %s\n"), sc.Name, len(overrides), m.DBPath)
	return nil
}

// readOverrides reads KEY=VALUE lines; blank lines and lines starting
// with # are skipped.
func readOverrides(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, withZH(planner.Errorf(planner.KindInvalid, "--file: %w", err), "--file "+readErrorZH(path, err))
	}
	var out []string
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !strings.Contains(line, "=") {
			return nil, withZH(planner.Errorf(planner.KindInvalid, "%s: line %d: %q is not KEY=VALUE", path, i+1, line),
				fmt.Sprintf("%s：第 %d 行：%q 不是 键=值", path, i+1, line))
		}
		out = append(out, line)
	}
	return out, nil
}

func (m *Main) runScenarioList(ctx context.Context) error {
	pos, err := m.parseArgs(m.newFlagSet())
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageBoth("scenario list takes no arguments", "scenario list 不接受参数")
	}
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	scs, err := db.Scenarios(ctx)
	if err != nil {
		return err
	}
	if m.JSON {
		if scs == nil {
			scs = []plan.Scenario{}
		}
		return writeJSON(m.Stdout, scs)
	}
	for _, sc := range scs {
		ovs := sc.Overrides
		if m.lang() == policy.LangZH {
			ovs = make([]string, len(sc.Overrides))
			for i, o := range sc.Overrides {
				ovs[i] = policy.OverrideZH(o)
			}
		}
		fmt.Fprintf(m.Stdout, "%s\t%s\n", sc.Name, strings.Join(ovs, "  "))
	}
	return nil
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// progressLine is one terminal line of a run's progress in the chosen
// language.
func (m *Main) progressLine(p assign.Progress) string {
	if m.lang() != policy.LangZH {
		return p.String()
	}
	return fmt.Sprintf("%7.1f 秒  目标值 %.6g  上界 %.6g  间隙 %.3f%%  迭代 %d  节点 %d",
		p.Elapsed.Seconds(), p.Objective, p.Bound, 100*p.Gap, p.Iterations, p.Nodes)
}

// parseHorizon reads --horizon FROM-TO (or a single year): FROM must be
// the planning year, TO not before it.
func parseHorizon(s string, planYear int) (int, error) {
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		to = from
	}
	f, err1 := strconv.Atoi(strings.TrimSpace(from))
	t, err2 := strconv.Atoi(strings.TrimSpace(to))
	switch {
	case err1 != nil || err2 != nil:
		return 0, usageBoth("--horizon %q: want FROM-TO, e.g. %d-%d", "--horizon %q 无效：应为 起始年-结束年，如 %d-%d", s, planYear, planYear+4)
	case f != planYear:
		return 0, usageBoth("--horizon %q: the programme starts in the planning year %d (plan.as_of), not %d", "--horizon %q 无效：多年度计划从规划年度 %d（plan.as_of）开始，而不是 %d", s, planYear, f)
	case t < f:
		return 0, usageBoth("--horizon %q: %d is before %d", "--horizon %q 无效：%d 早于 %d", s, t, f)
	}
	return t, nil
}
