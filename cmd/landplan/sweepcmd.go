package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/sweep"
	"github.com/landplan/landplan/web"
)

// runSweep is `landplan sweep`: one plan per point of one or two swept
// settings, each stored under its own scenario, and the table of their
// headline figures (or --json); --chart writes the chart of an indicator.
func (m *Main) runSweep(ctx context.Context) error {
	sf, err := m.sweepFlags()
	if err != nil {
		return err
	}
	prof, err := loadProfile(sf.policyFile)
	if err != nil {
		return err
	}
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	base, axes, err := sweepAxes(ctx, db, prof, sf.scenario, sf.sets)
	if err != nil {
		return err
	}
	in, err := m.planInputs(ctx, db, prof)
	if err != nil {
		return err
	}
	var npts int
	ss := m.sweepSettings(sf, &npts)
	pts, _ := sweep.Points(base, axes)
	npts = len(pts)
	res, err := sweep.Run(ctx, db, in, base, axes, ss)
	if err != nil {
		return err
	}
	if sf.chart != "" {
		if err := m.writeSweepChart(res, sf.chart, sf.indicator); err != nil {
			return err
		}
	}
	if m.JSON {
		return writeJSON(m.Stdout, res)
	}
	return m.sweepTable(m.Stdout, res)
}

// sweepOptions are the flags of `landplan sweep`.
type sweepOptions struct {
	sets                                   stringList
	scenario, policyFile, chart, indicator string
	timeLimit                              time.Duration
	gap                                    float64
	flips                                  int
	cold                                   bool
}

// sweepFlags parses and checks the flags of `landplan sweep`.
func (m *Main) sweepFlags() (sweepOptions, error) {
	var sf sweepOptions
	fs := m.newFlagSet()
	fs.Var(&sf.sets, "set", "KEY=FROM:TO:STEP or KEY=a,b,c (once, or twice for a grid)")
	fs.StringVar(&sf.scenario, "scenario", "", "base scenario the sweep changes")
	fs.StringVar(&sf.policyFile, "policy", "", "policy profile file (default: the embedded Liuzhou 2022 profile)")
	fs.DurationVar(&sf.timeLimit, "time-limit", plan.DefaultTimeLimit, "solver time limit of each point")
	fs.Float64Var(&sf.gap, "gap", plan.DefaultTargetGap, "proven relative gap at which each point's solver stops")
	fs.IntVar(&sf.flips, "flips", -1, "re-solves per point to verify counterfactuals (-1: none, 0: plan's default)")
	fs.BoolVar(&sf.cold, "cold", false, "start every point's solver from scratch instead of from the previous point's plan")
	fs.StringVar(&sf.chart, "chart", "", "write the chart to FILE: .svg or .png (the --indicator), .html (every indicator and the table)")
	fs.StringVar(&sf.indicator, "indicator", "objective", "indicator of an .svg or .png chart: "+sweep.IndicatorNames())
	pos, err := m.parseArgs(fs)
	if err != nil {
		return sf, err
	}
	if len(pos) != 0 {
		return sf, usageBoth("sweep takes no arguments (give --set KEY=FROM:TO:STEP)", "sweep 不接受位置参数（请给出 --set 键=起:止:步长）")
	}
	if len(sf.sets) == 0 || len(sf.sets) > 2 {
		return sf, usageBoth("sweep: give one or two --set KEY=FROM:TO:STEP or KEY=a,b,c (%d given)", "sweep：请给出一个或两个 --set 键=起:止:步长 或 键=a,b,c（现有 %d 个）", len(sf.sets))
	}
	if err := checkTimeLimit(sf.timeLimit); err != nil {
		return sf, err
	}
	if sf.gap <= 0 || sf.gap >= 1 {
		return sf, usageBoth("--gap %g: want a relative gap between 0 and 1, such as 0.001", "--gap %g 无效：相对间隙应在 0 与 1 之间，如 0.001", sf.gap)
	}
	if _, ok := sweep.IndicatorByName(sf.indicator); !ok {
		return sf, usageBoth("--indicator %q: want one of %s", "--indicator %q 无效：可选 %s", sf.indicator, sweep.IndicatorNames())
	}
	if ext := strings.ToLower(filepath.Ext(sf.chart)); sf.chart != "" && ext != ".svg" && ext != ".png" && ext != ".html" {
		return sf, usageBoth("--chart %s: want a file ending in .svg, .png or .html", "--chart %s 无效：文件名应以 .svg、.png 或 .html 结尾", sf.chart)
	}
	return sf, nil
}

// sweepAxes reads the base scenario and the swept settings, checked
// against the profile with the scenario applied, and checks their points.
func sweepAxes(ctx context.Context, db *data.DB, prof *policy.Profile, scenario string, sets []string) (plan.Scenario, []sweep.Axis, error) {
	var base plan.Scenario
	baseProf := prof
	var err error
	if scenario != "" {
		if base, err = db.Scenario(ctx, scenario); err != nil {
			return base, nil, err
		}
		if baseProf, err = plan.ApplyScenario(prof, base); err != nil {
			return base, nil, err
		}
	}
	var axes []sweep.Axis
	for _, s := range sets {
		ax, err := sweep.ParseAxis(baseProf, s)
		if err != nil {
			return base, nil, err
		}
		axes = append(axes, ax)
	}
	if _, err := sweep.Points(base, axes); err != nil {
		return base, nil, err
	}
	return base, axes, nil
}

// sweepSettings are the sweep's run settings, with its progress on the
// terminal (of *npts points) and a line per point on stderr.
func (m *Main) sweepSettings(sf sweepOptions, npts *int) sweep.Settings {
	term := isTerminal(m.Stderr)
	ss := sweep.Settings{Run: plan.Settings{TimeLimit: sf.timeLimit, TargetGap: sf.gap, Flips: sf.flips}, Cold: sf.cold}
	if term {
		last := time.Time{}
		ss.Progress = func(i int, p assign.Progress) {
			if p.Done || time.Since(last) >= 200*time.Millisecond {
				last = time.Now()
				fmt.Fprintf(m.Stderr, "\r\033[K%d/%d %s", i+1, *npts, m.progressLine(p))
			}
		}
	}
	ss.Row = func(r sweep.Row) {
		if term {
			fmt.Fprint(m.Stderr, "\r\033[K")
		}
		fmt.Fprintf(m.Stderr, m.tr("point %d: %s → %s, objective %s, gap %.4f%%, %.1fs\n", "第 %d 点:%s → %s,目标值 %s,间隙 %.4f%%,%.1f 秒\n"),
			r.Index+1, m.setText(r.Set), r.Plan, fmtNum(r.Objective, 4), 100*r.Gap, r.Seconds)
	}
	return ss
}

// setText shows a point's overrides, by the settings' Chinese names in
// Chinese.
func (m *Main) setText(set []string) string {
	if m.lang() != policy.LangZH {
		return strings.Join(set, " ")
	}
	out := make([]string, len(set))
	for i, s := range set {
		out[i] = policy.OverrideZH(s)
	}
	return strings.Join(out, " ")
}

// sweepTable writes the sweep's rows as a table.
func (m *Main) sweepTable(w io.Writer, res *sweep.Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	var head []string
	for _, ax := range res.Axes {
		if m.lang() == policy.LangZH {
			head = append(head, policy.Default().LabelZH(ax.Key))
		} else {
			head = append(head, ax.Key)
		}
	}
	head = append(head, strings.Split(m.tr("plan\tobjective\tbound\tgap\tprojects\tnew mu\tstock mu\toutput/mu\ttax/mu\trevenue 万元\tseconds",
		"方案\t目标值\t上界\t间隙\t项目数\t新增(亩)\t存量(亩)\t亩均产值\t亩均税收\t土地收入(万元)\t秒"), "\t")...)
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, r := range res.Rows {
		var cells []string
		for i, ax := range res.Axes {
			v := ax.Values[r.At[i]]
			if m.lang() == policy.LangZH {
				v = ax.ValueZH(v)
			}
			cells = append(cells, v)
		}
		cells = append(cells, r.Plan, fmtNum(r.Objective, 4), fmtNum(r.Bound, 4), fmt.Sprintf("%.4f%%", 100*r.Gap),
			fmt.Sprint(r.Projects), fmtNum(r.NewLandMu, 2), fmtNum(r.StockLandMu, 2), fmtNum(r.OutputPerMu, 1),
			fmtNum(r.TaxPerMu, 1), fmtNum(r.RevenueYuan/1e4, 0), fmt.Sprintf("%.1f", r.Seconds))
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// The marginal values of the rows that bind at each point.
	for _, r := range res.Rows {
		var mv []string
		for _, v := range r.Marginal {
			if v.Binding {
				mv = append(mv, fmt.Sprintf(m.tr("%s %.6g per mu", "%s 每亩 %.6g"), v.Label(m.lang() == policy.LangZH), v.PerMu))
			}
		}
		if len(mv) > 0 {
			fmt.Fprintf(w, m.tr("%s marginal values: %s\n", "%s 边际价值:%s\n"), r.Plan, strings.Join(mv, m.tr("; ", ";")))
		}
	}
	return nil
}

// writeSweepChart writes the chart file whole or not at all.
func (m *Main) writeSweepChart(res *sweep.Result, path, indicator string) error {
	var buf bytes.Buffer
	if err := export.WriteSweepChart(&buf, export.FormatOf(path), res, indicator, m.lang()); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".landplan-chart-*")
	if err != nil {
		return fmt.Errorf("--chart: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("--chart: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("--chart: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("--chart: %w", err)
	}
	fmt.Fprintf(m.Stderr, m.tr("wrote %s\n", "已写入 %s\n"), path)
	return nil
}

// webSweeper runs a sweep for the /sweep page: the sets parsed against
// the base scenario's profile, every point stored as `landplan sweep`
// stores it, each point's solver bounded by the server's --time-limit.
func (m *Main) webSweeper(db *data.DB, o serveOptions, prof *policy.Profile) web.SweepRunner {
	return func(ctx context.Context, baseName string, sets []string, row func(sweep.Row), progress func(int, assign.Progress)) (*sweep.Result, error) {
		var base plan.Scenario
		baseProf := prof
		var err error
		if baseName != "" {
			if base, err = db.Scenario(ctx, baseName); err != nil {
				return nil, err
			}
			if baseProf, err = plan.ApplyScenario(prof, base); err != nil {
				return nil, err
			}
		}
		var axes []sweep.Axis
		for _, x := range sets {
			ax, err := sweep.ParseAxis(baseProf, x)
			if err != nil {
				return nil, err
			}
			axes = append(axes, ax)
		}
		in, err := m.planInputs(ctx, db, prof)
		if err != nil {
			return nil, err
		}
		return sweep.Run(ctx, db, in, base, axes,
			sweep.Settings{Run: plan.Settings{TimeLimit: o.timeLimit, Flips: -1}, Progress: progress, Row: row})
	}
}
