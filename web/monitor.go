package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/geo/mapdraw"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/monitor"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// MonitorStore is what the monitoring page reads beyond Store: the stored
// performance rows of the awards. A Store that does not offer it has no
// monitoring page. Package data implements it.
type MonitorStore interface {
	Performance(ctx context.Context) ([]monitor.Performance, error)
}

// monitorRow is one award of the register as the page shows it.
type monitorRow struct {
	Project, Enterprise, Parcel, Status, Class, History, Next, Idle, Stock string
	AreaMu                                                                 float64
	Rank                                                                   int // status rank, for sorting
	Checks                                                                 []string
	Bad                                                                    bool
}

// monitorPage is the monitoring page's data.
type monitorPage struct {
	Plans             []plan.PlanSummary
	Plan, AsOf        string
	Year              int
	Rows              []monitorRow
	Counts            []string
	Map               template.HTML
	Text              map[string]string
	Query             string
	NoData, NoMonitor bool
}

// pageMonitor is GET /monitor[?plan=PLAN&year=Y&format=F]: the register of
// a plan's awards (the latest plan by default) at the end of a performance
// year (the latest by default): each award's status, checks, idle-land
// dates, class and next date, sortable, with a map coloured by class; with
// format=html|xlsx|json the report as a download, with
// format=covenants.html|covenants.xlsx the covenant sheets. It reads and
// changes nothing.
func (s *Server) pageMonitor(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	t := func(en, zh string) string {
		if lang == policy.LangZH {
			return zh
		}
		return en
	}
	p := s.newPage(w, r, "monitor", "plans.title")
	p.Title = t("Monitoring", "履约监管")
	d := monitorPage{Text: map[string]string{}}
	ms, ok := s.cfg.Store.(MonitorStore)
	sums, err := s.cfg.Store.Plans(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Plans = sums
	if !ok || len(sums) == 0 {
		d.NoMonitor = true
		p.Data = d
		s.fillMonitorText(&d, t)
		s.render(w, r, http.StatusOK, "monitor.html", p)
		return
	}
	q := r.URL.Query()
	d.Plan = q.Get("plan")
	if d.Plan == "" {
		d.Plan = sums[len(sums)-1].ID
	}
	run, err := s.monitorRun(r, ms, &d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f := q.Get("format"); f != "" {
		s.monitorDownload(w, r, f, s.cfg.Profile, &run.res.Register, run.plan, run.props, run.parcels, lang)
		return
	}
	name := func(id string) string { return t(monitor.NameEN(id), monitor.NameZH(id)) }
	for _, st := range []string{monitor.StatusRecovery, monitor.StatusIdleFee, monitor.StatusIdle, monitor.StatusException, monitor.StatusInefficient, monitor.StatusBreach, monitor.StatusNoData, monitor.StatusOK} {
		if n := run.res.Counts[st]; n > 0 {
			d.Counts = append(d.Counts, fmt.Sprintf("%s %d", name(st), n))
		}
	}
	for _, e := range export.SortedEntries(&run.res.Register) {
		d.Rows = append(d.Rows, monitorRowOf(e, lang, t, name))
	}
	if d.Map, err = monitorMap(run, lang); err != nil {
		s.fail(w, r, err)
		return
	}
	d.Query = "plan=" + d.Plan + "&year=" + strconv.Itoa(d.Year)
	s.fillMonitorText(&d, t)
	p.Data = d
	s.render(w, r, http.StatusOK, "monitor.html", p)
}

// monitoring is a monitoring run of the page: the plan, what it read and
// the register.
type monitoring struct {
	plan    *plan.Plan
	props   []planner.Proposal
	parcels []planner.Parcel
	res     *monitor.Result
}

// monitorRun monitors the page's plan in its year (the ?year given, or
// the latest year of the plan's performance rows, or the planning year
// without rows), at the year's end, setting d's year and date.
func (s *Server) monitorRun(r *http.Request, ms MonitorStore, d *monitorPage) (*monitoring, error) {
	pl, err := s.cfg.Store.Plan(r.Context(), d.Plan)
	if err != nil {
		return nil, err
	}
	rows, err := ms.Performance(r.Context())
	if err != nil {
		return nil, err
	}
	awards := map[string]bool{}
	for _, a := range pl.Allocations {
		awards[a.Proposal+"@"+a.Parcel] = true
	}
	var mine []monitor.Performance
	for _, row := range rows {
		if awards[row.Key()] {
			mine = append(mine, row)
			d.Year = max(d.Year, row.Year)
		}
	}
	if y := r.URL.Query().Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			return nil, planner.Errorf(planner.KindInvalid, "year %q: want a year between 2000 and 2100", y)
		}
		d.Year = n
	}
	prof := s.cfg.Profile
	if d.Year == 0 {
		d.NoData = true
		d.Year = prof.PlanYear()
	}
	d.AsOf = fmt.Sprintf("%04d-12-31", d.Year)
	parcels, err := s.cfg.Store.Parcels(r.Context())
	if err != nil {
		return nil, err
	}
	props, err := s.cfg.Store.Proposals(r.Context())
	if err != nil {
		return nil, err
	}
	res, err := monitor.Monitor(prof, monitor.Input{Plan: pl, Proposals: props, Parcels: parcels, Rows: mine, AsOf: d.AsOf, Year: d.Year})
	if err != nil {
		return nil, err
	}
	return &monitoring{plan: pl, props: props, parcels: parcels, res: res}, nil
}

// monitorRowOf is one award of the register as a row of the page's table.
func monitorRowOf(e monitor.Entry, lang policy.Lang, t func(en, zh string) string, name func(string) string) monitorRow {
	row := monitorRow{Project: e.Project, Enterprise: e.Enterprise, Parcel: e.Parcel, Status: name(e.Status), Class: e.Class,
		Next: e.Next, AreaMu: e.AreaMu, Rank: monitor.StatusRank(e.Status), Bad: e.Status != monitor.StatusOK}
	var hs []string
	for _, yc := range e.History {
		hs = append(hs, fmt.Sprintf("%d %s", yc.Year, yc.Class))
	}
	row.History = strings.Join(hs, " → ")
	row.Stock = export.StockText(e, lang)
	for _, c := range e.Checks {
		txt := name(c.Name) + " " + c.Due + " " + name(c.State)
		if c.Done != "" {
			txt += t(" (done "+c.Done+")", "(实际 "+c.Done+")")
		}
		row.Checks = append(row.Checks, txt)
	}
	if e.Idle != "" {
		row.Idle = t(fmt.Sprintf("%s: fee from %s, recovery from %s", name(e.Idle), e.IdleFeeDue, e.RecoverDue),
			fmt.Sprintf("%s:%s 起征缴闲置费,%s 起可无偿收回", name(e.Idle), e.IdleFeeDue, e.RecoverDue))
	}
	return row
}

// monitorMap draws the register's map as inline SVG.
func monitorMap(run *monitoring, lang policy.Lang) (template.HTML, error) {
	var buf bytes.Buffer
	if err := mapdraw.RenderSVG(&buf, export.MonitorMap(&run.res.Register, run.plan, run.parcels, export.MapOptions{Lang: lang, Width: 960, Height: 640})); err != nil {
		return "", err
	}
	svg := buf.Bytes()
	if i := bytes.Index(svg, []byte("<svg")); i > 0 {
		svg = svg[i:]
	}
	return template.HTML(svg), nil // drawn by mapdraw from stored data, every text escaped there
}

// fillMonitorText sets the page's words in its language.
func (s *Server) fillMonitorText(d *monitorPage, t func(en, zh string) string) {
	for k, v := range map[string][2]string{
		"title": {"Monitoring after the award", "供地后履约监管"}, "plan": {"plan", "方案"}, "year": {"performance year", "数据年度"},
		"show": {"show", "查看"}, "asof": {"checked at", "核查日期"}, "project": {"project", "项目"}, "enterprise": {"enterprise", "企业"},
		"parcel": {"parcel", "宗地"}, "mu": {"mu", "亩"}, "status": {"status", "状态"}, "checks": {"checks", "履约核查"},
		"idle": {"idle land (令第53号)", "闲置土地(令第53号)"}, "class": {"class", "评价等级"}, "history": {"class history", "历年等级"},
		"next": {"next date", "下一期限"}, "stock": {"into the stock pool", "转入存量用地"}, "downloads": {"downloads", "下载"}, "report": {"report", "监管报告"},
		"covenants": {"covenant sheets", "履约监管协议附件"}, "nodata": {"No performance rows for this plan's awards: import them with landplan import performance FILE.", "本方案供地尚无履约监管数据:请用 landplan import performance FILE 导入。"},
		"nomonitor": {"No plan to monitor: the awards are a plan's allocations.", "尚无可监管的方案:供地即方案的安排结果。"},
	} {
		d.Text[k] = t(v[0], v[1])
	}
}

// monitorDownload answers a format of the monitoring page.
func (s *Server) monitorDownload(w http.ResponseWriter, r *http.Request, format string, prof *policy.Profile, reg *monitor.Register, pl *plan.Plan, props []planner.Proposal, parcels []planner.Parcel, lang policy.Lang) {
	var buf bytes.Buffer
	var err error
	ctype, name := "", ""
	switch format {
	case "html":
		ctype, name = "text/html; charset=utf-8", "monitor-"+reg.Plan+".html"
		err = export.WriteMonitorReport(&buf, format, reg, pl, parcels, lang)
	case "xlsx":
		ctype, name = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "monitor-"+reg.Plan+".xlsx"
		err = export.WriteMonitorReport(&buf, format, reg, pl, parcels, lang)
	case "json":
		ctype, name = "application/json", "monitor-"+reg.Plan+".json"
		err = export.WriteMonitorReport(&buf, format, reg, pl, parcels, lang)
	case "covenants.html", "covenants.xlsx":
		var covs []monitor.Covenant
		if covs, err = monitor.Covenants(prof, pl, props); err == nil {
			ctype, name = "text/html; charset=utf-8", "covenants-"+reg.Plan+".html"
			if format == "covenants.xlsx" {
				ctype, name = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "covenants-"+reg.Plan+".xlsx"
			}
			err = export.WriteCovenants(&buf, strings.TrimPrefix(format, "covenants."), prof, covs, pl, parcels, lang)
		}
	default:
		s.fail(w, r, planner.Errorf(planner.KindNotFound, "no monitoring format %q (offered: html, xlsx, json, covenants.html, covenants.xlsx)", format))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(buf.Bytes())
}
