package export

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"sort"
	"strings"

	"github.com/landplan/landplan/geo/mapdraw"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/compare"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// htmlStyle is the report's inline style sheet: no web fonts, no external
// resources.
const htmlStyle = `body{font-family:"Noto Sans CJK SC","Microsoft YaHei","SimHei",sans-serif;margin:24px;color:#222;max-width:1400px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px;border-bottom:1px solid #ccc;padding-bottom:4px}
.meta{color:#666;font-size:12px;word-break:break-all}
table{border-collapse:collapse;font-size:13px;margin:4px 0}th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#f0f0f0;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.map svg{max-width:100%;height:auto;border:1px solid #ddd}
.swatch{display:inline-block;width:12px;height:12px;border:1px solid #555;margin-right:4px;vertical-align:middle}
details summary{cursor:pointer}details ul{margin:4px 0 4px 16px;padding:0}
.side{display:grid;grid-template-columns:1fr 1fr;gap:16px}.pos{color:#1a7f37}.neg{color:#c62828}
@media print{body{margin:0}}`

// WriteHTML writes a self-contained HTML report of a plan: the map as
// inline SVG, the totals with the new land of each year against that
// year's quota, the clause 12.4 check, the allocation table (each term with
// every part, a phased supply's phases with their year and tenure, stock
// land's disposal route and free date, the reasons in a details element),
// the proposals not placed with their causes, and the land to investigate. A
// programme's map by year of supply (YearMap) follows its map. Where the parcels lie in several zones, a map of each zone
// follows the whole map. The file loads nothing from the network.
func WriteHTML(w io.Writer, p *plan.Plan, parcels []planner.Parcel, o MapOptions) error {
	lang := o.lang()
	var b strings.Builder
	title := PlanTitle(p, lang)
	htmlHead(&b, title, lang)
	fmt.Fprintf(&b, "<h1>%s</h1>\n", esc(title))
	planMeta(&b, p, lang)
	if err := inlineSVG(&b, PlanMap(p, parcels, o)); err != nil {
		return err
	}
	if len(p.Years) > 1 {
		if err := inlineSVG(&b, YearMap(p, parcels, o)); err != nil {
			return err
		}
	}
	if zs := Zones(parcels); len(zs) > 1 && o.Zone == "" {
		for _, z := range zs {
			zo := o
			zo.Zone = z
			if err := inlineSVG(&b, PlanMap(p, parcels, zo)); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(&b, "<h2>%s</h2>\n", tr(lang, "Totals", "汇总"))
	totalsTable(&b, []*plan.Plan{p}, lang)
	quotaByYearTable(&b, p, lang)
	yearChart(&b, p, lang)
	dominanceLine(&b, p, lang)
	allocationTable(&b, p, lang)
	unallocatedTable(&b, p, lang)
	investigateTable(&b, p, lang)
	b.WriteString("</body>\n</html>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("export: writing HTML: %w", err)
	}
	return nil
}

// WriteCompareHTML writes a self-contained HTML report comparing plan a
// with plan b: the comparison map, the indicators side by side with their
// differences, the changes, and both plans' allocation tables side by side.
// Where the parcels lie in several zones, a map of each zone follows the
// whole map.
func WriteCompareHTML(w io.Writer, a, b *plan.Plan, parcels []planner.Parcel, o MapOptions) error {
	lang := o.lang()
	var s strings.Builder
	m := CompareMap(a, b, parcels, o)
	htmlHead(&s, m.Title, lang)
	fmt.Fprintf(&s, "<h1>%s</h1>\n", esc(m.Title))
	fmt.Fprintf(&s, "<p class=\"meta\">%s</p>\n", esc(m.Subtitle))
	if err := inlineSVG(&s, m); err != nil {
		return err
	}
	if zs := Zones(parcels); len(zs) > 1 && o.Zone == "" {
		for _, z := range zs {
			zo := o
			zo.Zone = z
			if err := inlineSVG(&s, CompareMap(a, b, parcels, zo)); err != nil {
				return err
			}
		}
	}
	cmp := compare.Diff(a, b)
	fmt.Fprintf(&s, "<h2>%s</h2>\n<table><tr><th>%s</th>", tr(lang, "Indicators", "指标对比"), tr(lang, "indicator", "指标"))
	for _, r := range cmp.Plans {
		fmt.Fprintf(&s, "<th>%s</th>", esc(r.Label))
	}
	fmt.Fprintf(&s, "<th>%s</th></tr>\n", tr(lang, "difference", "差值"))
	for _, ind := range cmp.Indicators {
		name := ind.EN
		if lang == policy.LangZH {
			name = ind.ZH
		}
		if ind.Unit != "" && ind.Unit != plan.UnitShare {
			name += "（" + ind.Unit + "）"
		}
		fmt.Fprintf(&s, "<tr><td>%s</td>", esc(name))
		for _, v := range ind.Values {
			fmt.Fprintf(&s, "<td class=\"n\">%s</td>", fmtIndicator(v, ind.Unit))
		}
		d := ind.Deltas[len(ind.Deltas)-1]
		cls := ""
		if d > 0 {
			cls = " pos"
		} else if d < 0 {
			cls = " neg"
		}
		fmt.Fprintf(&s, "<td class=\"n%s\">%s</td></tr>\n", cls, fmtIndicator(d, ind.Unit))
	}
	s.WriteString("</table>\n")
	if len(cmp.Changes) > 0 {
		cs := cmp.Changes[0]
		summary := cs.Summary
		if lang == policy.LangZH {
			summary = cs.SummaryZH
		}
		fmt.Fprintf(&s, "<h2>%s</h2>\n<p>%s</p>\n<table><tr><th></th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n", tr(lang, "What moved", "变化"), esc(summary),
			tr(lang, "proposal", "项目"), tr(lang, "first plan", "原方案"), tr(lang, "second plan", "新方案"), tr(lang, "cause", "原因"))
		for _, c := range cs.Changes {
			act := c.Action
			if lang == policy.LangZH {
				act += " " + plan.ActionNameZH(c.Action)
			}
			fmt.Fprintf(&s, "<tr><td>%s</td><td>%s %s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", esc(act), esc(c.Proposal), esc(c.Name),
				placementText(c.From, lang), placementText(c.To, lang), esc(causeText(c.Cause, lang)))
		}
		s.WriteString("</table>\n")
	}
	s.WriteString("<div class=\"side\">\n")
	for _, p := range []*plan.Plan{a, b} {
		fmt.Fprintf(&s, "<div>\n<h2>%s</h2>\n", esc(PlanTitle(p, lang)))
		planMeta(&s, p, lang)
		allocationTable(&s, p, lang)
		unallocatedTable(&s, p, lang)
		s.WriteString("</div>\n")
	}
	s.WriteString("</div>\n</body>\n</html>\n")
	if _, err := io.WriteString(w, s.String()); err != nil {
		return fmt.Errorf("export: writing HTML: %w", err)
	}
	return nil
}

func htmlHead(b *strings.Builder, title string, lang policy.Lang) {
	hl := "en"
	if lang == policy.LangZH {
		hl = "zh-CN"
	}
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>\n%s\n</style>\n</head>\n<body>\n", hl, esc(title), htmlStyle)
}

func planMeta(b *strings.Builder, p *plan.Plan, lang policy.Lang) {
	fmt.Fprintf(b, "<p class=\"meta\">%s %s · %s %s<br>%s %s<br>%s %s<br>%s %s</p>\n",
		tr(lang, "created", "生成于"), esc(p.Created), tr(lang, "planning date", "规划基准日"), esc(p.AsOf),
		tr(lang, "inputs sha256", "输入数据 SHA-256"), esc(p.InputsSHA256), tr(lang, "policy sha256", "政策配置 SHA-256"), esc(p.PolicySHA256),
		tr(lang, "content sha256", "方案内容 SHA-256"), esc(p.ContentSHA256))
	if len(p.Overrides) > 0 {
		ovs := p.Overrides
		if lang == policy.LangZH {
			ovs = make([]string, len(p.Overrides))
			for i, o := range p.Overrides {
				ovs[i] = policy.OverrideZH(o)
			}
		}
		fmt.Fprintf(b, "<p class=\"meta\">%s %s</p>\n", tr(lang, "overrides:", "调整项："), esc(strings.Join(ovs, tr(lang, ", ", ";"))))
	}
}

// inlineSVG renders m as SVG and writes it without its XML declaration.
func inlineSVG(b *strings.Builder, m *mapdraw.Map) error {
	var buf bytes.Buffer
	if err := mapdraw.RenderSVG(&buf, m); err != nil {
		return fmt.Errorf("export: drawing the map: %w", err)
	}
	svg := buf.Bytes()
	if i := bytes.Index(svg, []byte("<svg")); i > 0 {
		svg = svg[i:]
	}
	b.WriteString("<div class=\"map\">\n")
	b.Write(svg)
	b.WriteString("</div>\n")
	return nil
}

func totalsTable(b *strings.Builder, ps []*plan.Plan, lang policy.Lang) {
	cmp := compare.Diff(ps...)
	b.WriteString("<table>\n")
	for _, ind := range cmp.Indicators {
		name := ind.EN
		if lang == policy.LangZH {
			name = ind.ZH
		}
		if ind.Unit != "" && ind.Unit != plan.UnitShare {
			name += "（" + ind.Unit + "）"
		}
		fmt.Fprintf(b, "<tr><th>%s</th>", esc(name))
		for _, v := range ind.Values {
			fmt.Fprintf(b, "<td class=\"n\">%s</td>", fmtIndicator(v, ind.Unit))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
	t := ps[0].Totals
	if len(t.BySupplyMode) > 0 {
		fmt.Fprintf(b, "<table><tr><th>%s</th><th>%s</th><th>%s</th></tr>\n", tr(lang, "supply mode", "供地方式"), tr(lang, "projects", "项目数"), tr(lang, "area (mu)", "面积（亩）"))
		keys := make([]string, 0, len(t.BySupplyMode))
		for k := range t.BySupplyMode {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c, _ := Palette(k)
			mt := t.BySupplyMode[k]
			fmt.Fprintf(b, "<tr><td><span class=\"swatch\" style=\"background:%s\"></span>%s</td><td class=\"n\">%d</td><td class=\"n\">%.2f</td></tr>\n",
				cssColor(c), esc(categoryLabel(k, lang)), mt.Count, mt.AreaMu)
		}
		b.WriteString("</table>\n")
	}
}

func allocationTable(b *strings.Builder, p *plan.Plan, lang policy.Lang) {
	fmt.Fprintf(b, "<h3>%s（%d）</h3>\n<table><tr>", tr(lang, "Allocations", "供地安排"), len(p.Allocations))
	for _, h := range []string{tr(lang, "proposal", "项目"), tr(lang, "parcel / lot", "宗地 / 分割"), tr(lang, "area (mu)", "面积（亩）"),
		tr(lang, "supply mode", "供地方式"), tr(lang, "term", "年期"), tr(lang, "score", "评分"), tr(lang, "reasons", "理由")} {
		fmt.Fprintf(b, "<th>%s</th>", h)
	}
	b.WriteString("</tr>\n")
	for i := range p.Allocations {
		a := &p.Allocations[i]
		c, _ := Palette(a.SupplyMode)
		fmt.Fprintf(b, "<tr><td>%s<br>%s</td><td>%s<br>%s%s</td><td class=\"n\">%.2f</td><td><span class=\"swatch\" style=\"background:%s\"></span>%s</td><td class=\"term\">%s</td><td class=\"n\">%.4f</td><td>",
			esc(a.Proposal), esc(a.ProposalName), esc(a.Parcel), esc(a.Lot), stockNote(a, lang), a.AreaMu, cssColor(c), esc(categoryLabel(a.SupplyMode, lang)),
			termCell(a, lang), a.Score)
		reasonsDetails(b, a.Reasons, lang)
		b.WriteString("</td></tr>\n")
	}
	b.WriteString("</table>\n")
}

// termCell is an allocation's term with every part: its term text, or for
// a phased supply each phase on its own line with its year, area, whether
// it is supplied now or reserved, and its own tenure.
func termCell(a *plan.Allocation, lang policy.Lang) string {
	if len(a.Phases) == 0 {
		s := esc(allocationTerm(a, lang))
		if a.Requested {
			s += "<br><small>" + tr(lang, "as the enterprise asked", "按企业申请") + "</small>"
		}
		return s
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<ol class=\"phases\">")
	for _, ph := range a.Phases {
		when := tr(lang, "supplied now", "本期供应")
		if !ph.Now {
			when = fmt.Sprintf(tr(lang, "reserved until %s", "预留至 %s"), ph.Deadline)
		}
		fmt.Fprintf(&b, "<li>%s<br><small>%s</small></li>",
			esc(fmt.Sprintf(tr(lang, "%s (%d): %s", "%s（%d 年）：%s"), phaseName(ph.Index, lang), ph.Year, phaseTerm(ph, lang))),
			esc(fmt.Sprintf(tr(lang, "%.2f mu, %s", "%.2f 亩，%s"), ph.AreaMu, when)))
	}
	b.WriteString("</ol>")
	return b.String()
}

// stockNote says, under the parcel of an allocation on stock land, how the
// land is freed and from when.
func stockNote(a *plan.Allocation, lang policy.Lang) string {
	if !a.Stock {
		return ""
	}
	s := "<br><small>" + tr(lang, "stock land", "存量土地")
	if a.Route != "" {
		s += tr(lang, ", ", "，") + esc(routeText(a.Route, lang))
	}
	if a.FreeFrom != "" {
		s += esc(fmt.Sprintf(tr(lang, ", free from %s", "，%s 起可供"), a.FreeFrom))
	}
	if a.StartFrom != "" && a.StartFrom != a.FreeFrom {
		s += esc(fmt.Sprintf(tr(lang, ", starts no earlier than %s", "，不早于 %s 开工"), a.StartFrom))
	}
	return s + "</small>"
}

// quotaByYearTable writes the new land the plan charges to each year (each
// phase in the year it is released) against that year's quota.
func quotaByYearTable(b *strings.Builder, p *plan.Plan, lang policy.Lang) {
	t := p.Totals
	years := map[string]bool{}
	for y := range t.QuotaByYear {
		years[y] = true
	}
	for y := range t.NewLandByYear {
		years[y] = true
	}
	if len(years) == 0 {
		return
	}
	keys := make([]string, 0, len(years))
	for y := range years {
		keys = append(keys, y)
	}
	sort.Strings(keys)
	fmt.Fprintf(b, "<table class=\"quota-years\"><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
		tr(lang, "year", "年度"), tr(lang, "new land (mu)", "新增用地（亩）"), tr(lang, "quota (mu)", "年度指标（亩）"), tr(lang, "used", "使用率"))
	for _, y := range keys {
		used, quota := t.NewLandByYear[y], t.QuotaByYear[y]
		share := "–"
		if quota > 0 {
			share = fmt.Sprintf("%.1f%%", 100*used/quota)
		}
		fmt.Fprintf(b, "<tr><td>%s</td><td class=\"n\">%.2f</td><td class=\"n\">%.2f</td><td class=\"n\">%s</td></tr>\n", esc(y), used, quota, share)
	}
	fmt.Fprintf(b, "</table>\n<p class=\"meta\">%s</p>\n", tr(lang, "Each phase is charged to the year it is released; no year's new land exceeds its quota.",
		"各期用地计入其供地年度；各年度新增用地均不超过当年指标。"))
}

// dominanceLine writes the result of the clause 12.4 check.
func dominanceLine(b *strings.Builder, p *plan.Plan, lang policy.Lang) {
	d := p.Dominance
	fmt.Fprintf(b, "<p class=\"dominance\">%s</p>\n", esc(fmt.Sprintf(tr(lang,
		"Clause 12.4 check: %d placed/left-out pairs compared on the placed project's parcel, %d dominance breaks in the solved allocation, %d repaired; the plan has none.",
		"第十二条第四句核查：按已安排项目所在地块比较 %d 对已安排/未安排项目，求解结果中占优被排除 %d 处，已调换 %d 处；本方案无此情形。"),
		d.Pairs, len(d.Breaks), d.Repaired)))
	if len(d.Breaks) == 0 {
		return
	}
	b.WriteString("<ul class=\"dominance\">")
	for _, br := range d.Breaks {
		fmt.Fprintf(b, "<li>%s</li>", esc(fmt.Sprintf(tr(lang, "%s was left out while %s, which it dominates, held %s: swapped",
			"%s 占优却未安排，被其占优的 %s 占用 %s：已调换"), br.Dominant, br.Dominated, br.Parcel)))
	}
	b.WriteString("</ul>\n")
}

// investigateTable lists the parcels that only look idle or inefficient:
// not allocated, for the bureau to investigate (12.2).
func investigateTable(b *strings.Builder, p *plan.Plan, lang policy.Lang) {
	if len(p.Investigate) == 0 {
		return
	}
	fmt.Fprintf(b, "<h3>%s（%d）</h3>\n<p class=\"meta\">%s</p>\n<table class=\"investigate\"><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
		tr(lang, "Land to investigate", "待核查土地"), len(p.Investigate),
		tr(lang, "Looks idle or inefficient, but no test holds at the planning date: not allocated.", "疑似闲置或低效，但规划基准日未满足认定条件：不予安排。"),
		tr(lang, "parcel", "宗地"), tr(lang, "zone", "园区"), tr(lang, "status", "土地状态"), tr(lang, "area (mu)", "面积（亩）"), tr(lang, "what the data show", "核查事项"))
	for _, x := range p.Investigate {
		fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"n\">%.2f</td><td>%s</td></tr>\n",
			esc(x.Parcel), esc(x.Zone), esc(statusText(x.Status, lang)), x.AreaMu, esc(reasonsText(x.Reasons, lang, 0, tr(lang, "; ", "；"))))
	}
	b.WriteString("</table>\n")
}

// statusText names a parcel status in lang.
func statusText(st planner.Status, lang policy.Lang) string {
	if lang == policy.LangZH {
		return st.NameZH()
	}
	return string(st)
}

func unallocatedTable(b *strings.Builder, p *plan.Plan, lang policy.Lang) {
	fmt.Fprintf(b, "<h3>%s（%d）</h3>\n<table><tr><th>%s</th><th>%s</th><th>%s</th></tr>\n", tr(lang, "Not placed", "未安排"), len(p.Unallocated),
		tr(lang, "proposal", "项目"), tr(lang, "cause", "原因"), tr(lang, "reasons", "理由"))
	for _, u := range p.Unallocated {
		fmt.Fprintf(b, "<tr><td>%s<br>%s</td><td>%s</td><td>", esc(u.Proposal), esc(u.Name), esc(causeText(u.Cause, lang)))
		reasonsDetails(b, u.Reasons, lang)
		b.WriteString("</td></tr>\n")
	}
	b.WriteString("</table>\n")
}

// reasonsDetails writes reasons as a details element whose summary is the
// first reason.
func reasonsDetails(b *strings.Builder, rs []planner.Reason, lang policy.Lang) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(b, "<details><summary>%s</summary><ul>", esc(reasonsText(rs[:1], lang, 1, "")))
	for _, r := range rs {
		fmt.Fprintf(b, "<li>%s <small>(%s)</small></li>", esc(reasonsText([]planner.Reason{r}, lang, 1, "")), esc(ruleText(r.Rule, lang)))
	}
	b.WriteString("</ul></details>")
}

func placementText(p *compare.Placement, lang policy.Lang) string {
	if p == nil {
		return ""
	}
	return esc(fmt.Sprintf("%s %.2f %s %s", p.Parcel, p.AreaMu, tr(lang, "mu", "亩"), p.Term(lang == policy.LangZH)))
}

func fmtIndicator(v float64, unit string) string {
	switch {
	case unit == plan.UnitShare:
		return fmt.Sprintf("%.2f%%", 100*v)
	case v == float64(int64(v)) && v < 1e15 && v > -1e15:
		return fmt.Sprintf("%d", int64(v))
	default:
		return fmt.Sprintf("%.2f", v)
	}
}

func cssColor(c Category) string {
	return fmt.Sprintf("#%02x%02x%02x", c.Fill.R, c.Fill.G, c.Fill.B)
}

func esc(s string) string { return html.EscapeString(s) }

// causeText names why a proposal is not placed: the cause in English, its
// Chinese name in Chinese.
func causeText(cause string, lang policy.Lang) string {
	if lang == policy.LangZH {
		return plan.CauseNameZH(cause)
	}
	return cause
}

// ruleText names a rule: its identifier in English, its Chinese name in
// Chinese.
func ruleText(rule string, lang policy.Lang) string {
	if lang == policy.LangZH {
		return plan.RuleNameZH(rule)
	}
	return rule
}
