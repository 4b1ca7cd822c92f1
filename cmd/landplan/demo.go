package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/data/sample"
	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/compare"
	"github.com/landplan/landplan/planner/explain"
	"github.com/landplan/landplan/planner/ingest"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// demoGap is the demo's default target gap: 10⁻⁴, a plan within 0.01%
// of the best possible, so that the demo's three plans take seconds; a
// planning run's default (plan.DefaultTargetGap) asks for a proof to
// 10⁻⁶, which on the sample takes about ten times as long.
const demoGap = 1e-4

// runDemo runs the whole job on the embedded Liuzhou sample. The database
// is built under a temporary name and renamed into place at the end, so an
// interrupted demo leaves the previous one intact.
func (m *Main) runDemo(ctx context.Context) error {
	fs := m.newFlagSet()
	out := fs.String("out", "landplan-demo", "output directory")
	var sf solverFlags
	sf.add(fs, 30*time.Second, demoGap, " of each plan")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageBoth("demo takes no arguments (did you mean --out %s?)", "demo 不接受位置参数（是否想用 --out %s？）", pos[0])
	}
	if err := sf.check(); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	final := filepath.Join(*out, "landplan.gpkg")
	tmp := final + ".tmp"
	os.Remove(tmp)
	defer os.Remove(tmp)
	db, err := openData(tmp)
	if err != nil {
		return err
	}
	m.db = db
	ids, written, err := m.demoSteps(ctx, db, *out, sf)
	if err != nil {
		return err
	}
	if err := m.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(m.Stdout, "\n%s\n  %s  %s\n", m.tr("Written:", "输出文件："), final, m.tr("(GeoPackage: parcels and the lots of every plan; opens in QGIS)", "（GeoPackage：地块与各方案宗地，可用 QGIS 打开）"))
	for _, w := range written {
		fmt.Fprintf(m.Stdout, "  %s\n", w)
	}
	fmt.Fprintf(m.Stdout, m.tr("\nExplore: landplan --db %s show %s\n", "\n查看：landplan --db %s show %s\n"), final, ids[0])
	return nil
}

// demoSteps runs the demo's stages in turn on db, writing into out:
// import, scenarios, plans, their comparison, the exports and the
// monitoring of the baseline's awards. It returns the plans' ids and the
// files written.
func (m *Main) demoSteps(ctx context.Context, db *data.DB, out string, sf solverFlags) (ids, written []string, err error) {
	if err := m.demoImport(ctx, db); err != nil {
		return nil, nil, err
	}
	if ids, written, err = m.demoPlans(ctx, db, out, sf); err != nil {
		return nil, nil, err
	}
	cpath, err := m.demoCompare(ctx, db, out, ids)
	if err != nil {
		return nil, nil, err
	}
	written = append(written, cpath)
	fmt.Fprintln(m.Stderr, m.tr("exporting maps and tables", "导出地图和表格"))
	maps, err := m.exportDemo(ctx, db, out, ids)
	if err != nil {
		return nil, nil, err
	}
	written = append(written, maps...)
	mon, err := m.demoMonitor(ctx, db, out, ids[0])
	if err != nil {
		return nil, nil, err
	}
	return ids, append(written, mon...), nil
}

// demoImport imports the embedded sample's parcels and proposals as a
// user would, prints their summary and stores the demo's scenarios.
func (m *Main) demoImport(ctx context.Context, db *data.DB) error {
	parcels, err := ingest.ReadParcels(bytes.NewReader(sample.ParcelsGeoJSON),
		ingest.ParcelOptions{File: sample.ParcelsFile, CRS: crs.CRS{}})
	if err != nil {
		return fmt.Errorf("embedded sample: %w", err)
	}
	if err := db.PutParcels(ctx, planner.Import{Kind: "parcels", File: sample.ParcelsFile, SHA256: sha(sample.ParcelsGeoJSON)}, parcels); err != nil {
		return err
	}
	props, err := ingest.ReadProposals(bytes.NewReader(sample.ProposalsCSV), ingest.ProposalOptions{File: sample.ProposalsFile})
	if err != nil {
		return fmt.Errorf("embedded sample: %w", err)
	}
	if err := db.PutProposals(ctx, planner.Import{Kind: "proposals", File: sample.ProposalsFile, SHA256: sha(sample.ProposalsCSV)}, props); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, m.tr("imported the embedded Liuzhou sample: %d parcels, %d proposals\n",
		"已导入内置柳州样例：%d 宗地块，%d 个项目申请\n"), len(parcels), len(props))

	sum := planner.Summarize(parcels, props)
	if err := m.printSummary(sum); err != nil {
		return err
	}

	// The what-ifs of the demo, one change each so that a difference has
	// one cause: the 7% facility cap everywhere (no zone may raise it to
	// 15%), and stock land first.
	scenarios := []plan.Scenario{
		{Name: "cap7", Overrides: []string{"facility.eligible_zones=[]"}},
		{Name: "stock-first", Overrides: []string{"stock.first=true"}},
	}
	for _, sc := range scenarios {
		if err := db.PutScenario(ctx, sc); err != nil {
			return err
		}
	}
	return nil
}

// demoPlans plans the base profile and each scenario, writes each plan as
// text and JSON into out and prints its totals. It returns the plans' ids
// and the files written.
func (m *Main) demoPlans(ctx context.Context, db *data.DB, out string, sf solverFlags) (ids, written []string, err error) {
	for _, name := range []string{"", "cap7", "stock-first"} {
		label := name
		if label == "" {
			label = m.tr("base profile", "基准政策")
		}
		fmt.Fprintf(m.Stderr, m.tr("planning: %s\n", "规划：%s\n"), label)
		p, err := m.planRun(ctx, db, planOptions{scenario: name, timeLimit: sf.timeLimit, gap: sf.gap, maxMemory: sf.maxMemory.bytes()})
		if err != nil {
			return nil, nil, err
		}
		ids = append(ids, p.ID)
		path := filepath.Join(out, p.ID+".txt")
		if err := export.WriteFile(path, func(w io.Writer) error { return explain.Render(w, p, policy.FormatText, m.lang()) }); err != nil {
			return nil, nil, err
		}
		jpath := filepath.Join(out, p.ID+".json")
		if err := export.WriteFile(jpath, func(w io.Writer) error { return explain.Render(w, p, policy.FormatJSON, m.lang()) }); err != nil {
			return nil, nil, err
		}
		written = append(written, path, jpath)
		m.printDemoTotals(p, label)
	}
	return ids, written, nil
}

// printDemoTotals prints one line of a demo plan's totals.
func (m *Main) printDemoTotals(p *plan.Plan, label string) {
	t := p.Totals
	fmt.Fprintf(m.Stdout, m.tr("\n%s (%s): %d of %d projects placed on %s mu (new %s, stock %s; quota %.1f%% used), output %s 万元/yr, tax %s 万元/yr; gap %.3f%% (%s)\n",
		"\n%s（%s）：安排 %d/%d 个项目，用地 %s 亩（新增 %s，存量 %s；指标使用 %.1f%%），产值 %s 万元/年，税收 %s 万元/年；间隙 %.3f%%（%s）\n"),
		p.ID, label, t.Projects, t.Projects+t.Rejected, fmtNum(t.AllocatedMu, 1), fmtNum(t.NewLandMu, 1), fmtNum(t.StockLandMu, 1),
		100*t.QuotaUsedShare, fmtNum(t.Output, 0), fmtNum(t.Tax, 0), 100*p.Gap, plan.StoppedText(p, m.lang() == policy.LangZH))
}

// demoCompare prints the comparison of the demo's stored plans ids and
// writes it into out as compare.txt, whose path it returns.
func (m *Main) demoCompare(ctx context.Context, db *data.DB, out string, ids []string) (string, error) {
	var plans []*plan.Plan
	for _, id := range ids {
		p, err := db.Plan(ctx, id)
		if err != nil {
			return "", err
		}
		plans = append(plans, p)
	}
	cmp := compare.Diff(plans...)
	fmt.Fprintf(m.Stdout, "\n%s\n", m.tr("Comparison", "方案比较"))
	if err := cmp.Render(m.Stdout, policy.FormatText, m.lang()); err != nil {
		return "", err
	}
	cpath := filepath.Join(out, "compare.txt")
	if err := export.WriteFile(cpath, func(w io.Writer) error { return cmp.Render(w, policy.FormatText, m.lang()) }); err != nil {
		return "", err
	}
	return cpath, nil
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
