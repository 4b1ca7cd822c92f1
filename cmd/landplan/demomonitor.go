package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/data/sample"
	"github.com/landplan/landplan/planner/policy"
)

// demoYears are the performance years of the demo's generated sample: the
// three years after the baseline plan's awards.
var demoYears = []int{2027, 2028, 2029}

// demoMonitor follows the baseline plan's awards: it writes their covenant
// sheets, generates the sample performance of demoYears (labelled as a
// generated sample), imports it as a user would, and writes the
// monitoring report of the last year. It returns the files written.
func (m *Main) demoMonitor(ctx context.Context, db *data.DB, out, planID string) ([]string, error) {
	fmt.Fprintln(m.Stderr, m.tr("monitoring the baseline plan's awards on a generated sample", "按生成的样例数据对基准方案的供地进行履约监管"))
	pl, err := db.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	props, err := db.Proposals(ctx)
	if err != nil {
		return nil, err
	}
	prof := policy.Default()
	last := demoYears[len(demoYears)-1]
	csv, err := sample.Performance(prof, pl, props, demoYears)
	if err != nil {
		return nil, fmt.Errorf("demo: sample performance: %w", err)
	}
	perf := filepath.Join(out, sample.PerformanceFile(last))
	if err := os.WriteFile(perf, csv, 0o644); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if _, err := m.importPerformance(ctx, db, perf, csv, sha(csv), false); err != nil {
		return nil, err
	}
	o := monitorOptions{plan: planID, year: last,
		export: filepath.Join(out, fmt.Sprintf("monitor-%d.html", last)), covenants: filepath.Join(out, "covenants.html")}
	mr, err := m.monitorRun(ctx, db, o)
	if err != nil {
		return nil, err
	}
	written := []string{perf}
	for _, f := range []string{o.covenants, filepath.Join(out, "covenants.xlsx")} {
		if err := m.writeCovenants(mr, f); err != nil {
			return nil, err
		}
		written = append(written, f)
	}
	for _, f := range []string{o.export, filepath.Join(out, fmt.Sprintf("monitor-%d.xlsx", last))} {
		if err := m.writeMonitor(mr, f); err != nil {
			return nil, err
		}
		written = append(written, f)
	}
	fmt.Fprintf(m.Stdout, "\n%s\n", m.tr("After the award (generated sample performance, not data of any enterprise):", "供地之后（生成的样例履约数据，非任何企业的真实数据）："))
	if err := m.printRegister(&mr.res.Register); err != nil {
		return nil, err
	}
	return written, nil
}
