package export

import (
	"fmt"
	"image/color"
	"io"
	"strings"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/geo/mapdraw"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/monitor"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// printStyle lays a covenant sheet out for A4 paper: one sheet a page.
const printStyle = `
.sheet{page-break-after:always;break-after:page;margin-bottom:56px}.sheet:last-child{page-break-after:auto;break-after:auto}
.sign{margin-top:32px;display:grid;grid-template-columns:1fr 1fr;gap:48px}.sign div{border-top:1px solid #333;padding-top:4px}
.map svg{max-height:380px}
@page{size:A4;margin:16mm}
@media print{body{margin:0;max-width:none;font-size:11pt}.sheet{margin-bottom:0}.map svg{max-height:90mm}table{font-size:9pt}h2{margin-top:12px}}`

// commitmentName names a committed indicator in lang.
func commitmentName(name string, lang policy.Lang) string {
	if lang == policy.LangZH {
		return monitor.NameZH(name)
	}
	return monitor.NameEN(name)
}

// monitorName names a monitoring identifier (check, state, status) in lang.
func monitorName(id string, lang policy.Lang) string { return commitmentName(id, lang) }

// industryName names an industry of the profile in lang.
func industryName(p *policy.Profile, key string, lang policy.Lang) string {
	if ind, ok := p.Industries[key]; ok {
		if lang == policy.LangZH {
			return ind.NameZH
		}
		return ind.NameEN
	}
	return key
}

// CovenantMap returns the map of one award: its parcel (its lot when the
// plan cut one) in the strong colour of the supply mode, the parcels
// around it in the tint of their status, with the award's id and a scale
// bar.
func CovenantMap(c monitor.Covenant, pl *plan.Plan, parcels []planner.Parcel, o MapOptions) *mapdraw.Map {
	lang := o.lang()
	var target *planner.Parcel
	for i := range parcels {
		if parcels[i].ID == c.Parcel {
			target = &parcels[i]
		}
	}
	if target == nil {
		return nil
	}
	b := target.Geometry.Bound()
	pad := max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]) * 1.5
	view := orb.Bound{Min: orb.Point{b.Min[0] - pad, b.Min[1] - pad}, Max: orb.Point{b.Max[0] + pad, b.Max[1] + pad}}
	var near []planner.Parcel
	for i := range parcels {
		if parcels[i].Geometry.Bound().Intersects(view) {
			near = append(near, parcels[i])
		}
	}
	crs := MapCRS([]planner.Parcel{*target})
	m := baseMap(o, crs)
	m.Title = tr(lang, "Parcel "+c.Parcel+" · "+c.Project, "宗地 "+c.Parcel+" · "+c.Project)
	m.Subtitle = fmt.Sprintf("%s %.2f %s", c.ProjectName, c.AreaMu, tr(lang, "mu", "亩"))
	used := map[string]bool{}
	for i := range near {
		x := &near[i]
		cat, _ := Palette(string(x.Status))
		f := mapdraw.Feature{Geometry: project(x.Geometry, crs), Fill: cat.Fill, Stroke: cat.Stroke, StrokeWidth: 0.6, Layer: "parcels"}
		if x.ID != c.Parcel {
			used[cat.Value] = true
		}
		m.Features = append(m.Features, f)
	}
	mode, _ := Palette(c.SupplyMode)
	drawn := false
	for _, l := range pl.Lots {
		if l.Parcel == c.Parcel && l.Proposal == c.Project {
			cat := mode
			if l.Kind == plan.LotReserved {
				cat, _ = Palette(plan.LotReserved)
			}
			m.Features = append(m.Features, mapdraw.Feature{Geometry: project(l.Geometry, crs), Fill: cat.Fill, Stroke: cat.Stroke,
				StrokeWidth: 2, Layer: "lots", Dash: l.Kind == plan.LotReserved, Label: c.Parcel, LabelPriority: 10})
			drawn = true
		}
	}
	if !drawn {
		m.Features = append(m.Features, mapdraw.Feature{Geometry: project(target.Geometry, crs), Fill: mode.Fill, Stroke: mode.Stroke,
			StrokeWidth: 2, Layer: "lots", Label: c.Parcel, LabelPriority: 10})
	}
	m.Legend = append(m.Legend, mapdraw.LegendItem{Label: mode.Label(lang), Fill: mode.Fill, Stroke: mode.Stroke})
	for _, sc := range StatusCategories {
		if used[sc.Value] {
			m.Legend = append(m.Legend, mapdraw.LegendItem{Label: sc.Label(lang), Fill: sc.Fill, Stroke: sc.Stroke})
		}
	}
	m.Note = crsNote(crs, lang)
	return m
}

// WriteCovenantHTML writes the covenant sheets (标准地履约监管协议附件) of the
// covenants as one printable HTML page, a sheet a printed page: the award,
// the committed indicators with their thresholds and sources, the agreed
// start and completion, the check dates, what a breach costs, the parcel
// map and lines for the signatures. The page loads nothing from the
// network.
func WriteCovenantHTML(w io.Writer, p *policy.Profile, covs []monitor.Covenant, pl *plan.Plan, parcels []planner.Parcel, o MapOptions) error {
	lang := o.lang()
	var b strings.Builder
	title := tr(lang, "Standard-land covenant sheets", "标准地履约监管协议附件")
	htmlHead(&b, title, lang)
	b.WriteString("<style>" + printStyle + "</style>\n")
	for _, c := range covs {
		b.WriteString("<section class=\"sheet\">\n")
		fmt.Fprintf(&b, "<h1>%s</h1>\n", esc(tr(lang, "Standard-land covenant · "+c.Project, "标准地履约监管协议附件 · "+c.Project)))
		fmt.Fprintf(&b, "<p class=\"meta\">%s %s · %s %s</p>\n", tr(lang, "plan", "方案"), esc(c.Plan), tr(lang, "planning date", "规划基准日"), esc(pl.AsOf))
		b.WriteString("<table>\n")
		row := func(k, v string) { fmt.Fprintf(&b, "<tr><th>%s</th><td>%s</td></tr>\n", esc(k), esc(v)) }
		row(tr(lang, "Project", "项目"), c.Project+" "+c.ProjectName)
		row(tr(lang, "Industry", "行业"), industryName(p, c.Industry, lang))
		row(tr(lang, "Parcel", "宗地"), c.Parcel+" "+c.Zone)
		row(tr(lang, "Area", "用地面积"), fmt.Sprintf("%.2f %s", c.AreaMu, tr(lang, "mu", "亩")))
		row(tr(lang, "Supply mode and term", "供地方式与年期"), tr(lang, c.TermText, c.TermTextZH))
		row(tr(lang, "Land price", "土地价款"), fmt.Sprintf("%.0f %s", c.PriceYuan, tr(lang, "yuan", "元")))
		row(tr(lang, "Land delivered", "交地日期"), c.Delivered)
		row(tr(lang, "Start of construction by", "约定动工日期"), c.StartBy)
		row(tr(lang, "Completion by", "约定竣工日期"), c.CompleteBy)
		row(tr(lang, "Checks at full production", "达产复核日期"), strings.Join(c.Checks, tr(lang, ", ", "、")))
		b.WriteString("</table>\n")
		fmt.Fprintf(&b, "<h2>%s</h2>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
			tr(lang, "Committed indicators", "承诺指标"), tr(lang, "indicator", "指标"), tr(lang, "committed", "企业承诺值"),
			tr(lang, "standard-land threshold", "标准地控制值"), tr(lang, "checked against", "复核要求"), tr(lang, "source", "依据"))
		for _, in := range c.Indicators {
			th := tr(lang, "none", "无")
			if in.Threshold > 0 {
				th = fmtIndicator(in.Threshold, in.Unit)
			}
			fmt.Fprintf(&b, "<tr><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">≥ %s</td><td>%s</td></tr>\n",
				esc(commitmentName(in.Name, lang)), esc(fmtIndicator(in.Committed, in.Unit)), esc(th), esc(fmtIndicator(in.Required, in.Unit)), esc(in.Source))
		}
		b.WriteString("</table>\n")
		fmt.Fprintf(&b, "<p class=\"meta\">%s</p>\n", esc(tr(lang,
			fmt.Sprintf("Checked against: the standard-land threshold, and at least %.0f%% of the enterprise's own commitment.", 100*p.Monitor.CommitmentShare),
			fmt.Sprintf("复核要求:不低于标准地控制值,且不低于企业承诺值的 %.0f%%。", 100*p.Monitor.CommitmentShare))))
		en, zh := c.BreachText()
		fmt.Fprintf(&b, "<h2>%s</h2>\n<p>%s</p>\n", tr(lang, "Breach", "违约责任"), esc(tr(lang, en, zh)))
		if m := CovenantMap(c, pl, parcels, o); m != nil {
			if err := inlineSVG(&b, m); err != nil {
				return err
			}
		}
		fmt.Fprintf(&b, "<div class=\"sign\"><div>%s</div><div>%s</div></div>\n", tr(lang, "For the land bureau (seal, date)", "出让人(盖章、日期)"), tr(lang, "For the enterprise (seal, date)", "受让人(盖章、日期)"))
		b.WriteString("</section>\n")
	}
	b.WriteString("</body>\n</html>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("export: writing HTML: %w", err)
	}
	return nil
}

// ClassCategories colour a monitoring map by the enterprise's class.
var ClassCategories = []Category{
	{"A", "class A", "A 类", color.RGBA{0x1a, 0x98, 0x50, 0xff}, edgeDark},
	{"B", "class B", "B 类", color.RGBA{0x91, 0xcf, 0x60, 0xff}, edgeDark},
	{"C", "class C", "C 类", color.RGBA{0xfe, 0xe0, 0x8b, 0xff}, edgeDark},
	{"D", "class D", "D 类", color.RGBA{0xd7, 0x30, 0x27, 0xff}, edgeDark},
	{"", "no evaluation", "未评价", color.RGBA{0xbd, 0xbd, 0xbd, 0xff}, edgeDark},
}

func classCategory(class string) Category {
	for _, c := range ClassCategories {
		if c.Value == class {
			return c
		}
	}
	return ClassCategories[len(ClassCategories)-1]
}
