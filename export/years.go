package export

import (
	"fmt"
	"sort"
	"strings"

	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// yearChart writes, for a programme of more than one year, the quota use per year as an inline SVG bar chart: for
// each year its quota (outlined), the new land charged to it (filled) and
// the stock land supplied in it (hatched beside), with the projects
// starting in the year under the bars.
func yearChart(b *strings.Builder, p *plan.Plan, lang policy.Lang) {
	if len(p.Years) <= 1 {
		return // a one-year plan has its table
	}
	t := p.Totals
	set := map[string]bool{}
	for y := range t.QuotaByYear {
		set[y] = true
	}
	for y := range t.ProjectsByYear {
		set[y] = true
	}
	if len(set) == 0 {
		return
	}
	years := make([]string, 0, len(set))
	for y := range set {
		years = append(years, y)
	}
	sort.Strings(years)
	top := 0.0
	for _, y := range years {
		top = max(top, t.QuotaByYear[y], t.NewLandByYear[y], t.StockLandByYear[y])
	}
	if top <= 0 {
		top = 1
	}
	const colW, barW, h, base = 90, 28, 160, 180
	w := colW*len(years) + 20
	fmt.Fprintf(b, "<figure class=\"year-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">\n",
		w, base+44, esc(tr(lang, "quota use per year", "分年度指标使用")))
	for i, y := range years {
		x := 10 + colW*i
		q, n, s := t.QuotaByYear[y], t.NewLandByYear[y], t.StockLandByYear[y]
		qh, nh, sh := h*q/top, h*n/top, h*s/top
		fmt.Fprintf(b, "<rect class=\"quota\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"none\" stroke=\"#555\" stroke-dasharray=\"3 2\"><title>%s</title></rect>\n",
			x, base-qh, barW, qh, esc(fmt.Sprintf(tr(lang, "%s quota %.2f mu", "%s 年指标 %.2f 亩"), y, q)))
		fmt.Fprintf(b, "<rect class=\"new\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#d95f02\"><title>%s</title></rect>\n",
			x, base-nh, barW, nh, esc(fmt.Sprintf(tr(lang, "%s new land %.2f mu", "%s 年新增用地 %.2f 亩"), y, n)))
		fmt.Fprintf(b, "<rect class=\"stock\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#1b9e77\"><title>%s</title></rect>\n",
			x+barW+4, base-sh, barW, sh, esc(fmt.Sprintf(tr(lang, "%s stock land %.2f mu", "%s 年存量用地 %.2f 亩"), y, s)))
		fmt.Fprintf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n", x, base+16, esc(y))
		fmt.Fprintf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n", x, base+32,
			esc(fmt.Sprintf(tr(lang, "%d projects", "%d 个项目"), t.ProjectsByYear[y])))
	}
	fmt.Fprintf(b, "</svg><figcaption>%s</figcaption></figure>\n", esc(tr(lang,
		"Quota use per year: new land charged to the year (orange) against its quota (dashed), stock land supplied in the year (green), projects starting in it.",
		"分年度指标使用：计入该年度的新增用地（橙色）与年度指标（虚线），该年度供应的存量用地（绿色），该年度开工项目数。")))
}
