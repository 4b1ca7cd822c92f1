package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/ingest"
	"github.com/landplan/landplan/planner/monitor"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// runImportPerformance imports the yearly performance rows of the awards.
func (m *Main) runImportPerformance(ctx context.Context) error {
	fs := m.newFlagSet()
	replace := fs.Bool("replace", false, "replace stored rows of the same project, parcel and year")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageBoth("import performance takes one FILE (CSV or XLSX)", "import performance 需要一个文件（CSV 或 XLSX）")
	}
	path := pos[0]
	b, sum, err := readInput(path)
	if err != nil {
		return err
	}
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	n, err := m.importPerformance(ctx, db, path, b, sum, *replace)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, m.tr("imported %d performance rows from %s into %s\n", "已导入 %d 行履约监管数据，来源 %s，数据库 %s\n"), n, path, m.DBPath)
	return nil
}

// importPerformance reads, checks against the stored data and stores the
// performance rows of file: all or nothing.
func (m *Main) importPerformance(ctx context.Context, db *data.DB, path string, b []byte, sum string, replace bool) (int, error) {
	rows, err := ingest.ReadPerformance(bytes.NewReader(b), ingest.PerformanceOptions{File: path, Warn: func(d planner.Diagnostic) {
		fmt.Fprintln(m.Stderr, m.diagnostic(d))
	}})
	if err != nil {
		return 0, err
	}
	props, err := db.Proposals(ctx)
	if err != nil {
		return 0, err
	}
	k, err := known(ctx, db, props, replace)
	if err != nil {
		return 0, err
	}
	defaultEnterprises(props, rows)
	if err := monitor.CheckRows(path, rows, k); err != nil {
		return 0, err
	}
	imp := planner.Import{Kind: "performance", File: filepath.Base(path), SHA256: sum, Replace: replace}
	return len(rows), db.PutPerformance(ctx, imp, rows)
}

// known reads what performance rows are checked against, beside the
// stored proposals props.
func known(ctx context.Context, db *data.DB, props []planner.Proposal, replace bool) (monitor.Known, error) {
	k := monitor.Known{Projects: map[string]bool{}, Parcels: map[string]bool{}, Stored: map[string]bool{}, Enterprises: map[string]string{}}
	for _, q := range props {
		k.Projects[q.ID] = true
		k.Enterprises[q.ID] = q.Enterprise
	}
	parcels, err := db.Parcels(ctx)
	if err != nil {
		return k, err
	}
	for _, x := range parcels {
		k.Parcels[x.ID] = true
	}
	if k.Awards, err = db.Awards(ctx); err != nil {
		return k, err
	}
	if !replace {
		stored, err := db.Performance(ctx)
		if err != nil {
			return k, err
		}
		for _, r := range stored {
			k.Stored[monitor.StoredKey(r)] = true
		}
	}
	return k, nil
}

// monitorOptions are the flags of landplan monitor.
type monitorOptions struct {
	plan, asOf, export, covenants, policyFile string
	year                                      int
	feed                                      bool
}

// runMonitor prints the monitoring register of a plan's awards.
func (m *Main) runMonitor(ctx context.Context) error {
	fs := m.newFlagSet()
	var o monitorOptions
	fs.StringVar(&o.plan, "plan", "", "plan whose allocations are the awards (default: the latest plan)")
	fs.IntVar(&o.year, "year", 0, "performance year (default: the latest year stored)")
	fs.StringVar(&o.asOf, "as-of", "", "monitoring date YYYY-MM-DD (default: the end of the year)")
	fs.StringVar(&o.export, "export", "", "write the register to FILE (.html, .xlsx or .json)")
	fs.StringVar(&o.covenants, "covenants", "", "write the covenant sheets to FILE (.html or .xlsx)")
	fs.StringVar(&o.policyFile, "policy", "", "policy profile file (default: the embedded Liuzhou 2022 profile)")
	fs.BoolVar(&o.feed, "feed", false, "write the findings into the land pool: land found idle or inefficient becomes stock land for the next plan")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageBoth("monitor takes no arguments (did you mean --plan %s?)", "monitor 不接受位置参数（是否想用 --plan %s？）", pos[0])
	}
	for _, f := range []struct{ flag, path string }{{"--export", o.export}, {"--covenants", o.covenants}} {
		ext := strings.ToLower(filepath.Ext(f.path))
		if f.path != "" && ext != ".html" && ext != ".xlsx" && !(ext == ".json" && f.flag == "--export") {
			return usageBoth("monitor %s %s: want a .html or .xlsx file (or .json for --export)", "monitor %s %s：应为 .html 或 .xlsx 文件（--export 也可为 .json）", f.flag, f.path)
		}
	}
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	mr, err := m.monitorRun(ctx, db, o)
	if err != nil {
		return err
	}
	res := mr.res
	if o.covenants != "" {
		if err := m.writeCovenants(mr, o.covenants); err != nil {
			return err
		}
	}
	if o.export != "" {
		if err := m.writeMonitor(mr, o.export); err != nil {
			return err
		}
	}
	if o.feed {
		if err := m.feed(ctx, db, res); err != nil {
			return err
		}
	}
	if m.JSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res.Register)
	}
	return m.printRegister(&res.Register)
}

// monitored is a monitoring run and what it read: the covenant sheets
// and the register's files are written from it.
type monitored struct {
	res       *monitor.Result
	plan      *plan.Plan
	parcels   []planner.Parcel
	proposals []planner.Proposal
	prof      *policy.Profile
}

// monitorRun monitors the awards of the plan o names (the latest without
// one) at the date and year o names.
func (m *Main) monitorRun(ctx context.Context, db *data.DB, o monitorOptions) (*monitored, error) {
	fail := func(err error) (*monitored, error) { return nil, err }
	id := o.plan
	if id == "" {
		ps, err := db.Plans(ctx)
		if err != nil {
			return fail(err)
		}
		if len(ps) == 0 {
			return fail(planner.ErrorfZH(planner.KindNotFound, "%s holds no plan: the awards to monitor are a plan's allocations (landplan plan)",
				"%s 中没有方案：要监测的供地是某个方案的配置（landplan plan）", m.DBPath))
		}
		id = ps[len(ps)-1].ID
	}
	pl, err := db.Plan(ctx, id)
	if err != nil {
		return fail(err)
	}
	prof, err := loadProfile(o.policyFile)
	if err != nil {
		return fail(err)
	}
	if len(pl.Overrides) > 0 {
		// The covenants hold the thresholds the plan was made under.
		if prof, err = plan.ApplyScenario(prof, plan.Scenario{Name: pl.Scenario, Overrides: pl.Overrides}); err != nil {
			return fail(err)
		}
	}
	rows, err := db.Performance(ctx)
	if err != nil {
		return fail(err)
	}
	year := o.year
	if year == 0 {
		for _, r := range rows {
			year = max(year, r.Year)
		}
		if year == 0 {
			year = prof.PlanYear()
		}
	}
	asOf := o.asOf
	if asOf == "" {
		asOf = strconv.Itoa(year) + "-12-31"
	}
	props, err := db.Proposals(ctx)
	if err != nil {
		return fail(err)
	}
	parcels, err := db.Parcels(ctx)
	if err != nil {
		return fail(err)
	}
	var mine []monitor.Performance
	awards := map[string]bool{}
	for _, a := range pl.Allocations {
		awards[a.Proposal+"@"+a.Parcel] = true
	}
	for _, r := range rows {
		if awards[r.Key()] {
			mine = append(mine, r)
		}
	}
	res, err := monitor.Monitor(prof, monitor.Input{Plan: pl, Proposals: props, Parcels: parcels, Rows: mine, AsOf: asOf, Year: year})
	if err != nil {
		return fail(monitorError(err))
	}
	return &monitored{res: res, plan: pl, parcels: parcels, proposals: props, prof: prof}, nil
}

// monitorError is the monitor's refusal err as the command's error, with
// the monitor's own Chinese words when it has them.
func monitorError(err error) error {
	zh := "监测：" + err.Error()
	var pe *planner.Error
	if errors.As(err, &pe) && pe.MsgZH != "" {
		zh = "监测：" + pe.MsgZH
	}
	return withZH(planner.Errorf(planner.KindInvalid, "monitor: %w", err), zh)
}

// writeCovenants writes the covenant sheets of the plan's awards.
func (m *Main) writeCovenants(mr *monitored, path string) error {
	covs, err := monitor.Covenants(mr.prof, mr.plan, mr.proposals)
	if err != nil {
		return err
	}
	return export.WriteFile(path, func(w io.Writer) error {
		return export.WriteCovenants(w, export.FormatOf(path), mr.prof, covs, mr.plan, mr.parcels, m.lang())
	})
}

// writeMonitor writes the register as HTML, XLSX or JSON.
func (m *Main) writeMonitor(mr *monitored, path string) error {
	return export.WriteFile(path, func(w io.Writer) error {
		return export.WriteMonitorReport(w, export.FormatOf(path), &mr.res.Register, mr.plan, mr.parcels, m.lang())
	})
}

// feed writes the monitoring's parcel records into the land pool, as an
// import that replaces them.
func (m *Main) feed(ctx context.Context, db *data.DB, res *monitor.Result) error {
	if len(res.Pool) == 0 {
		return nil
	}
	b, err := json.Marshal(res.Pool)
	if err != nil {
		return err
	}
	s := sha256.Sum256(append([]byte(res.Plan+"@"+res.AsOf), b...))
	imp := planner.Import{Kind: "parcels", File: fmt.Sprintf("monitor %s %s", res.Plan, res.AsOf), SHA256: hex.EncodeToString(s[:]), Replace: true}
	if err := db.PutParcels(ctx, imp, res.Pool); err != nil {
		return err
	}
	var stock int
	for _, x := range res.Pool {
		if x.Status.IsStock() {
			stock++
		}
	}
	fmt.Fprintf(m.Stderr, m.tr("land pool updated: %d parcels, %d of them now stock land for the next plan\n",
		"已更新地块库：%d 宗地块，其中 %d 宗转为存量用地供下次规划\n"), len(res.Pool), stock)
	return nil
}

// printRegister prints the register as a table, the most serious first.
func (m *Main) printRegister(reg *monitor.Register) error {
	zh := m.lang() == policy.LangZH
	name := func(id string) string {
		if zh {
			return monitor.NameZH(id)
		}
		return monitor.NameEN(id)
	}
	fmt.Fprintf(m.Stdout, m.tr("Monitoring of plan %s at %s (performance year %d): %d awards\n", "方案 %s 履约监管，截至 %s（数据年度 %d）：%d 宗供地\n"),
		reg.Plan, reg.AsOf, reg.Year, len(reg.Entries))
	var counts []string
	for _, s := range []string{monitor.StatusRecovery, monitor.StatusIdleFee, monitor.StatusIdle, monitor.StatusException, monitor.StatusInefficient, monitor.StatusBreach, monitor.StatusNoData, monitor.StatusOK} {
		if n := reg.Counts[s]; n > 0 {
			counts = append(counts, fmt.Sprintf("%s %d", name(s), n))
		}
	}
	fmt.Fprintf(m.Stdout, "%s\n\n", strings.Join(counts, m.tr(", ", "，")))
	tw := tabwriter.NewWriter(m.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, m.tr("project\tparcel\tmu\tstatus\tstart\tclass\tnext date\tidle land\tinto the stock pool", "项目\t宗地\t亩\t状态\t动工\t等级\t下一期限\t闲置土地\t转入存量用地"))
	for _, e := range export.SortedEntries(reg) {
		idle := ""
		if e.Idle != "" {
			idle = m.tr(fmt.Sprintf("from %s, fee %s, recovery %s", e.IdleFrom, e.IdleFeeDue, e.RecoverDue),
				fmt.Sprintf("自 %s 起计，%s 征费，%s 收回", e.IdleFrom, e.IdleFeeDue, e.RecoverDue))
		}
		class := e.Class
		if class == "" {
			class = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Project, e.Parcel, e.AreaMu, name(e.Status), name(e.Checks[0].State), class, e.Next, idle, export.StockText(e, m.lang()))
	}
	return tw.Flush()
}

// defaultEnterprises names the enterprise of each row that names none by
// its proposal's enterprise (of props), or else the proposal's name.
func defaultEnterprises(props []planner.Proposal, rows []monitor.Performance) {
	byID := map[string]planner.Proposal{}
	for _, q := range props {
		byID[q.ID] = q
	}
	for i := range rows {
		if rows[i].Enterprise != "" {
			continue
		}
		q := byID[rows[i].Project]
		switch {
		case q.Enterprise != "":
			rows[i].Enterprise = q.Enterprise
		case q.Name != "":
			rows[i].Enterprise = q.Name
		default:
			rows[i].Enterprise = rows[i].Project
		}
	}
}

// withClasses fills in, when the profile's monitor.class_in_score is on,
// each proposal's EvaluationClass: its enterprise's class in the latest
// per-亩 evaluation of the stored performance rows.
func withClasses(ctx context.Context, db *data.DB, prof *policy.Profile, props []planner.Proposal) error {
	if !prof.Monitor.ClassInScore {
		return nil
	}
	rows, err := db.Performance(ctx)
	if err != nil {
		return err
	}
	areas, err := db.AwardAreas(ctx)
	if err != nil {
		return err
	}
	classes := monitor.LatestClasses(prof, rows, areas)
	for i := range props {
		if c, ok := classes[props[i].Enterprise]; ok && props[i].Enterprise != "" {
			props[i].EvaluationClass = c.Class
		}
	}
	return nil
}
