package export

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/landplan/landplan/geo/mapdraw"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/monitor"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// SortedEntries returns the register's entries, the most serious status
// first, then by the next date and the project.
func SortedEntries(reg *monitor.Register) []monitor.Entry {
	es := append([]monitor.Entry(nil), reg.Entries...)
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if ra, rb := monitor.StatusRank(a.Status), monitor.StatusRank(b.Status); ra != rb {
			return ra < rb
		}
		if a.Next != b.Next {
			return a.Next < b.Next
		}
		return a.Project < b.Project
	})
	return es
}

// MonitorMap returns the map of a monitoring: every parcel in the tint of
// its status, each award's land in the colour of its enterprise's class,
// labelled with its status where something is wrong.
func MonitorMap(reg *monitor.Register, pl *plan.Plan, parcels []planner.Parcel, o MapOptions) *mapdraw.Map {
	lang := o.lang()
	parcels = o.filter(parcels)
	crs := MapCRS(parcels)
	m := baseMap(o, crs)
	m.Title = joinTitle(tr(lang, "Monitoring of plan "+reg.Plan+" at "+reg.AsOf, "方案 "+reg.Plan+" 履约监管 · "+reg.AsOf), o.Zone)
	m.Subtitle = tr(lang, fmt.Sprintf("awards coloured by the per-mu evaluation class of %d", reg.Year), fmt.Sprintf("按 %d 年度亩均效益评价等级着色", reg.Year))
	byParcel := map[string]*monitor.Entry{}
	for i := range reg.Entries {
		byParcel[reg.Entries[i].Parcel+"@"+reg.Entries[i].Project] = &reg.Entries[i]
	}
	shown := map[string]bool{}
	for i := range parcels {
		x := &parcels[i]
		shown[x.ID] = true
		c, _ := Palette(string(x.Status))
		m.Features = append(m.Features, mapdraw.Feature{Geometry: project(x.Geometry, crs), Fill: c.Fill, Stroke: c.Stroke, StrokeWidth: 0.6, Layer: "parcels"})
	}
	used := map[string]bool{}
	for _, l := range pl.Lots {
		e := byParcel[l.Parcel+"@"+l.Proposal]
		if e == nil || !shown[l.Parcel] || l.Kind == plan.LotReserved {
			continue
		}
		c := classCategory(e.Class)
		used[c.Value] = true
		f := mapdraw.Feature{Geometry: project(l.Geometry, crs), Fill: c.Fill, Stroke: c.Stroke, StrokeWidth: 1, Layer: "lots"}
		if e.Status != monitor.StatusOK {
			f.Label, f.LabelPriority = ShortName(monitorName(e.Status, lang), labelColumns, labelLines), 1+l.AreaMu
		}
		m.Features = append(m.Features, f)
	}
	for _, c := range ClassCategories {
		if used[c.Value] {
			m.Legend = append(m.Legend, mapdraw.LegendItem{Label: c.Label(lang), Fill: c.Fill, Stroke: c.Stroke})
		}
	}
	m.Note = crsNote(crs, lang)
	return m
}

// checkText shows a check as "动工 2027-12-31 已履约".
func checkText(c monitor.Check, lang policy.Lang) string {
	s := monitorName(c.Name, lang) + " " + c.Due + " " + monitorName(c.State, lang)
	if c.Done != "" {
		s += tr(lang, " (done "+c.Done+")", "(实际 "+c.Done+")")
	}
	for _, ic := range c.Indicators {
		mark := "✓"
		if !ic.Met {
			mark = "✗"
		}
		s += fmt.Sprintf("; %s %.2f/%.2f %s", commitmentName(ic.Name, lang), ic.Achieved, ic.Required, mark)
	}
	return s
}

// indicatorName names an evaluation indicator in lang.
func indicatorName(name string, lang policy.Lang) string {
	if lang == policy.LangZH {
		return policy.IndicatorNameZH(name)
	}
	for _, in := range policy.EvaluationIndicators() {
		if in.Name == name {
			return in.EN
		}
	}
	return name
}

// idleText shows an entry's idle-land state with its dates.
func idleText(e monitor.Entry, lang policy.Lang) string {
	if e.Idle == "" {
		return ""
	}
	return tr(lang,
		fmt.Sprintf("%s: from %s, fee due %s (%.0f yuan), recovery due %s", monitorName(e.Idle, lang), e.IdleFrom, e.IdleFeeDue, e.IdleFeeYuan, e.RecoverDue),
		fmt.Sprintf("%s:自 %s 起计,%s 起征缴闲置费(%.0f 元),%s 起可无偿收回", monitorName(e.Idle, lang), e.IdleFrom, e.IdleFeeDue, e.IdleFeeYuan, e.RecoverDue))
}

// StockText shows how an entry's land enters the stock pool: "收回,
// 2030-07-01 起可供" / "recovery, free from 2030-07-01"; "" for none.
func StockText(e monitor.Entry, lang policy.Lang) string {
	if e.Route == "" {
		return ""
	}
	return tr(lang, routeText(e.Route, lang)+", free from "+e.FreeFrom, routeText(e.Route, lang)+","+e.FreeFrom+" 起可供")
}

// historyText shows a class history as "2028 B → 2029 D".
func historyText(h []monitor.YearClass) string {
	var parts []string
	for _, yc := range h {
		parts = append(parts, fmt.Sprintf("%d %s", yc.Year, yc.Class))
	}
	return strings.Join(parts, " → ")
}

// WriteMonitorHTML writes the monitoring report: the counts by status, the
// map coloured by class, the register of every award (the most serious
// first) with its checks, idle-land state and dates, class history and
// next date, and the per-亩 evaluation of the year with each enterprise's
// breakdown. The page loads nothing from the network.
func WriteMonitorHTML(w io.Writer, reg *monitor.Register, pl *plan.Plan, parcels []planner.Parcel, o MapOptions) error {
	lang := o.lang()
	var b strings.Builder
	title := tr(lang, fmt.Sprintf("Monitoring report · plan %s · %s", reg.Plan, reg.AsOf), fmt.Sprintf("履约监管报告 · 方案 %s · %s", reg.Plan, reg.AsOf))
	htmlHead(&b, title, lang)
	b.WriteString("<style>" + printStyle + "</style>\n")
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p class=\"meta\">%s %d</p>\n", esc(title), tr(lang, "performance year", "监管数据年度"), reg.Year)
	b.WriteString("<table><tr>")
	for _, s := range []string{monitor.StatusRecovery, monitor.StatusIdleFee, monitor.StatusIdle, monitor.StatusException, monitor.StatusInefficient, monitor.StatusBreach, monitor.StatusNoData, monitor.StatusOK} {
		fmt.Fprintf(&b, "<th>%s</th>", esc(monitorName(s, lang)))
	}
	b.WriteString("</tr><tr>")
	for _, s := range []string{monitor.StatusRecovery, monitor.StatusIdleFee, monitor.StatusIdle, monitor.StatusException, monitor.StatusInefficient, monitor.StatusBreach, monitor.StatusNoData, monitor.StatusOK} {
		fmt.Fprintf(&b, "<td class=\"n\">%d</td>", reg.Counts[s])
	}
	b.WriteString("</tr></table>\n")
	if err := inlineSVG(&b, MonitorMap(reg, pl, parcels, o)); err != nil {
		return err
	}
	if zs := Zones(parcels); len(zs) > 1 && o.Zone == "" {
		for _, z := range zs {
			zo := o
			zo.Zone = z
			if err := inlineSVG(&b, MonitorMap(reg, pl, parcels, zo)); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(&b, "<h2>%s</h2>\n<table>\n<tr>", tr(lang, "Register", "监管台账"))
	for _, h := range []string{tr(lang, "project", "项目"), tr(lang, "enterprise", "企业"), tr(lang, "parcel", "宗地"), tr(lang, "mu", "亩"),
		tr(lang, "status", "状态"), tr(lang, "checks", "履约核查"), tr(lang, "idle land (令第53号)", "闲置土地(令第53号)"),
		tr(lang, "into the stock pool", "转入存量用地"), tr(lang, "class", "评价等级"), tr(lang, "class history", "历年等级"), tr(lang, "next date", "下一期限")} {
		fmt.Fprintf(&b, "<th>%s</th>", esc(h))
	}
	b.WriteString("</tr>\n")
	for _, e := range SortedEntries(reg) {
		var checks []string
		for _, c := range e.Checks {
			checks = append(checks, esc(checkText(c, lang)))
		}
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"n\">%.2f</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			esc(e.Project), esc(e.Enterprise), esc(e.Parcel), e.AreaMu, esc(monitorName(e.Status, lang)), strings.Join(checks, "<br>"),
			esc(idleText(e, lang)), esc(StockText(e, lang)), esc(e.Class), esc(historyText(e.History)), esc(e.Next))
	}
	b.WriteString("</table>\n")
	fmt.Fprintf(&b, "<h2>%s</h2>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
		tr(lang, fmt.Sprintf("Per-mu evaluation %d", reg.Year), fmt.Sprintf("%d 年度亩均效益评价", reg.Year)),
		tr(lang, "rank", "排名"), tr(lang, "enterprise", "企业"), tr(lang, "mu", "亩"), tr(lang, "score", "综合得分"), tr(lang, "class", "等级"), tr(lang, "breakdown (value ÷ benchmark × weight)", "得分构成(指标值 ÷ 基准值 × 权重)"))
	for _, ev := range reg.Evaluations {
		if ev.Year != reg.Year {
			continue
		}
		var parts []string
		for _, s := range ev.Breakdown {
			parts = append(parts, fmt.Sprintf("%s %.2f ÷ %.2f × %.2f = %.3f", indicatorName(s.Name, lang), s.Value, s.Benchmark, s.Weight, s.Score))
		}
		fmt.Fprintf(&b, "<tr><td class=\"n\">%d</td><td>%s</td><td class=\"n\">%.2f</td><td class=\"n\">%.3f</td><td>%s</td><td>%s</td></tr>\n",
			ev.Rank, esc(ev.Enterprise), ev.AreaMu, ev.Score, esc(ev.Class), esc(strings.Join(parts, tr(lang, "; ", ";"))))
	}
	b.WriteString("</table>\n</body>\n</html>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("export: writing HTML: %w", err)
	}
	return nil
}

// WriteCovenantXLSX writes the covenants as an XLSX workbook: a sheet
// listing every award's deadlines and check dates, and a sheet of every
// committed indicator with its threshold, requirement and source.
func WriteCovenantXLSX(w io.Writer, p *policy.Profile, covs []monitor.Covenant, lang policy.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	main := tr(lang, "covenants", "履约监管协议")
	if err := f.SetSheetName(f.GetSheetName(0), main); err != nil {
		return err
	}
	rows := [][]any{{tr(lang, "project", "项目编号"), tr(lang, "project name", "项目名称"), tr(lang, "industry", "行业"), tr(lang, "parcel", "宗地编号"),
		tr(lang, "zone", "园区"), tr(lang, "area (mu)", "用地面积(亩)"), tr(lang, "supply mode and term", "供地方式与年期"), tr(lang, "land price (yuan)", "土地价款(元)"),
		tr(lang, "land delivered", "交地日期"), tr(lang, "start by", "约定动工日期"), tr(lang, "completion by", "约定竣工日期"),
		tr(lang, "checks at full production", "达产复核日期"), tr(lang, "idle fee from", "征缴闲置费起始日"), tr(lang, "idle fee (yuan)", "闲置费(元)"), tr(lang, "recovery from", "无偿收回起始日")}}
	inds := [][]any{{tr(lang, "project", "项目编号"), tr(lang, "parcel", "宗地编号"), tr(lang, "indicator", "指标"), tr(lang, "unit", "单位"),
		tr(lang, "committed", "企业承诺值"), tr(lang, "standard-land threshold", "标准地控制值"), tr(lang, "checked against", "复核要求"), tr(lang, "source", "依据")}}
	for _, c := range covs {
		rows = append(rows, []any{c.Project, c.ProjectName, industryName(p, c.Industry, lang), c.Parcel, c.Zone, round(c.AreaMu, 2), tr(lang, c.TermText, c.TermTextZH),
			round(c.PriceYuan, 0), c.Delivered, c.StartBy, c.CompleteBy, strings.Join(c.Checks, tr(lang, ", ", "、")), c.FeeDue, round(c.FeeYuan, 0), c.RecoveryDue})
		for _, in := range c.Indicators {
			inds = append(inds, []any{c.Project, c.Parcel, commitmentName(in.Name, lang), in.Unit, round(in.Committed, 2), round(in.Threshold, 2), round(in.Required, 2), in.Source})
		}
	}
	if err := writeSheet(f, main, rows); err != nil {
		return err
	}
	second := tr(lang, "indicators", "承诺指标")
	if _, err := f.NewSheet(second); err != nil {
		return err
	}
	if err := writeSheet(f, second, inds); err != nil {
		return err
	}
	return f.Write(w)
}

// WriteMonitorXLSX writes the register and the evaluations as an XLSX
// workbook.
func WriteMonitorXLSX(w io.Writer, reg *monitor.Register, lang policy.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	main := tr(lang, "register", "监管台账")
	if err := f.SetSheetName(f.GetSheetName(0), main); err != nil {
		return err
	}
	rows := [][]any{{tr(lang, "project", "项目编号"), tr(lang, "enterprise", "企业名称"), tr(lang, "parcel", "宗地编号"), tr(lang, "area (mu)", "用地面积(亩)"),
		tr(lang, "status", "状态"), tr(lang, "start", "动工"), tr(lang, "completion", "竣工"), tr(lang, "check at full production", "达产复核"),
		tr(lang, "idle land", "闲置土地"), tr(lang, "into the stock pool", "转入存量用地"), tr(lang, "class", "评价等级"), tr(lang, "class history", "历年等级"), tr(lang, "next date", "下一期限")}}
	for _, e := range SortedEntries(reg) {
		r := []any{e.Project, e.Enterprise, e.Parcel, round(e.AreaMu, 2), monitorName(e.Status, lang)}
		for _, c := range e.Checks {
			r = append(r, checkText(c, lang))
		}
		r = append(r, idleText(e, lang), StockText(e, lang), e.Class, historyText(e.History), e.Next)
		rows = append(rows, r)
	}
	if err := writeSheet(f, main, rows); err != nil {
		return err
	}
	evs := [][]any{{tr(lang, "year", "年度"), tr(lang, "rank", "排名"), tr(lang, "enterprise", "企业名称"), tr(lang, "area (mu)", "用地面积(亩)"), tr(lang, "score", "综合得分"), tr(lang, "class", "等级")}}
	for _, ev := range reg.Evaluations {
		r := []any{ev.Year, ev.Rank, ev.Enterprise, round(ev.AreaMu, 2), round(ev.Score, 4), ev.Class}
		for _, s := range ev.Breakdown {
			r = append(r, indicatorName(s.Name, lang), round(s.Value, 3), round(s.Score, 4))
		}
		evs = append(evs, r)
	}
	second := tr(lang, "evaluation", "亩均效益评价")
	if _, err := f.NewSheet(second); err != nil {
		return err
	}
	if err := writeSheet(f, second, evs); err != nil {
		return err
	}
	return f.Write(w)
}

// writeSheet writes rows from A1 down; text cells pass through SafeCell,
// so that a workbook saved again as CSV carries no formula either.
func writeSheet(f *excelize.File, sheet string, rows [][]any) error {
	for i, r := range rows {
		for j, v := range r {
			if t, ok := v.(string); ok {
				r[j] = SafeCell(t)
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return fmt.Errorf("export: writing XLSX: %w", err)
		}
	}
	return nil
}
