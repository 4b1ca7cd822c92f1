package export

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"strings"

	"github.com/landplan/landplan/geo/mapdraw"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/sweep"
)

// sweepColors colour the lines of a sweep chart, one per value of the
// second swept setting.
var sweepColors = []color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff}, {0xd6, 0x27, 0x28, 0xff}, {0x2c, 0xa0, 0x2c, 0xff}, {0xff, 0x7f, 0x0e, 0xff},
	{0x94, 0x67, 0xbd, 0xff}, {0x8c, 0x56, 0x4b, 0xff}, {0xe3, 0x77, 0xc2, 0xff}, {0x7f, 0x7f, 0x7f, 0xff},
}

// keyLabel names a setting in the language: its key in English, its
// Chinese description in Chinese.
func keyLabel(key string, lang policy.Lang) string {
	if lang == policy.LangZH {
		return policy.Default().LabelZH(key)
	}
	return key
}

// SweepChart is the chart of one indicator of a sweep against the first
// swept setting: one line, or one per value of the second setting of a
// grid. The objective's points carry their proven range [objective,
// bound] as a band. A first setting that is not a number is drawn at
// positions 1, 2, … in the order of its values. An unknown indicator is
// an error.
func SweepChart(res *sweep.Result, indicator string, lang policy.Lang) (*mapdraw.Chart, error) {
	ind, ok := sweep.IndicatorByName(indicator)
	if !ok {
		return nil, fmt.Errorf("export: unknown indicator %q (want one of %s)", indicator, sweep.IndicatorNames())
	}
	if len(res.Axes) == 0 {
		return nil, fmt.Errorf("export: the sweep has no axes")
	}
	label := ind.Label
	if lang == policy.LangZH {
		label = ind.LabelZH
	}
	ax := res.Axes[0]
	c := &mapdraw.Chart{
		Title:  tr(lang, label+" against "+ax.Key, label+" 随 "+keyLabel(ax.Key, lang)+" 的变化"),
		XLabel: keyLabel(ax.Key, lang),
		YLabel: label,
	}
	if !ax.Numeric {
		c.XLabel += tr(lang, " (values in order: ", "(取值依次为:") + strings.Join(ax.Values, ", ") + tr(lang, ")", ")")
	}
	rows := 1
	if len(res.Axes) == 2 {
		rows = len(res.Axes[1].Values)
		c.LegendTitle = ShortName(keyLabel(res.Axes[1].Key, lang), 20, 2)
	}
	for r := 0; r < rows; r++ {
		s := mapdraw.ChartSeries{Color: sweepColors[r%len(sweepColors)]}
		if len(res.Axes) == 2 {
			s.Name = res.Axes[1].Values[r]
			if lang == policy.LangZH {
				s.Name = res.Axes[1].ValueZH(s.Name)
			}
			s.Name = ShortName(s.Name, 20, 1)
		}
		// The points of this line in the order of the first axis.
		byAt := map[int]sweep.Row{}
		for _, row := range res.Rows {
			if len(row.At) == 1 || row.At[1] == r {
				byAt[row.At[0]] = row
			}
		}
		for i := range ax.Values {
			row, ok := byAt[i]
			if !ok {
				continue
			}
			x := float64(i + 1)
			if ax.Numeric {
				x = ax.X[i]
			}
			p := mapdraw.ChartPoint{X: x, Y: ind.Value(row)}
			if ind.Band != nil {
				p.Lo, p.Hi = ind.Band(row)
				p.Band = true
			}
			s.Points = append(s.Points, p)
		}
		c.Series = append(c.Series, s)
	}
	return c, nil
}

// WriteSweepSVG writes the chart of one indicator (SweepChart) as SVG.
func WriteSweepSVG(w io.Writer, res *sweep.Result, indicator string, lang policy.Lang) error {
	c, err := SweepChart(res, indicator, lang)
	if err != nil {
		return err
	}
	return mapdraw.RenderChartSVG(w, c)
}

// WriteSweepPNG writes the chart of one indicator (SweepChart) as PNG,
// its text in Noto Sans CJK.
func WriteSweepPNG(w io.Writer, res *sweep.Result, indicator string, lang policy.Lang) error {
	c, err := SweepChart(res, indicator, lang)
	if err != nil {
		return err
	}
	return mapdraw.RenderChartPNG(w, c)
}

// WriteSweepHTML writes one self-contained report of a sweep: the table
// of its points (each with its plan, objective, bound and gap, and the
// marginal values of the rows that bind) and the chart of every
// indicator, the objective's with its proven band.
func WriteSweepHTML(w io.Writer, res *sweep.Result, lang policy.Lang) error {
	var b strings.Builder
	var keys []string
	for _, ax := range res.Axes {
		keys = append(keys, keyLabel(ax.Key, lang))
	}
	title := tr(lang, "Sweep of ", "参数扫描:") + strings.Join(keys, " × ")
	htmlHead(&b, title, lang)
	fmt.Fprintf(&b, "<h1>%s</h1>\n", esc(title))
	if res.Base != "" {
		fmt.Fprintf(&b, "<p class=\"meta\">%s %s</p>\n", tr(lang, "base scenario", "基础情景"), esc(res.Base))
	}
	SweepTableHTML(&b, res, lang)
	for _, ind := range sweep.Indicators() {
		c, err := SweepChart(res, ind.Name, lang)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := mapdraw.RenderChartSVG(&buf, c); err != nil {
			return err
		}
		fmt.Fprintf(&b, "<div class=\"chart\" data-indicator=\"%s\">\n%s</div>\n", esc(ind.Name), buf.String())
	}
	b.WriteString("<p class=\"meta\">" + esc(tr(lang,
		"The band around the objective runs from the plan's value to the bound proven for it: the best plan at that point lies inside it.",
		"目标值周围的色带从方案目标值到已证上界：该点的最优方案必在其中。")) + "</p>\n")
	b.WriteString("</body>\n</html>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("export: writing HTML: %w", err)
	}
	return nil
}

// SweepTableHTML writes the table of a sweep's points as an HTML table.
func SweepTableHTML(b *strings.Builder, res *sweep.Result, lang policy.Lang) {
	b.WriteString("<table class=\"sweep\">\n<tr>")
	for _, ax := range res.Axes {
		fmt.Fprintf(b, "<th>%s</th>", esc(keyLabel(ax.Key, lang)))
	}
	for _, h := range strings.Split(tr(lang, "plan|objective|bound|gap|projects|new mu|stock mu|output/mu|tax/mu|revenue 万元|marginal values per mu",
		"方案|目标值|上界|间隙|项目数|新增(亩)|存量(亩)|亩均产值|亩均税收|土地收入(万元)|每亩边际价值"), "|") {
		fmt.Fprintf(b, "<th>%s</th>", esc(h))
	}
	b.WriteString("</tr>\n")
	for _, r := range res.Rows {
		b.WriteString("<tr>")
		for i, ax := range res.Axes {
			v := ax.Values[r.At[i]]
			if lang == policy.LangZH {
				v = ax.ValueZH(v)
			}
			fmt.Fprintf(b, "<td>%s</td>", esc(v))
		}
		var mv []string
		for _, v := range r.Marginal {
			if v.Binding {
				mv = append(mv, fmt.Sprintf("%s %.6g", v.Label(lang == policy.LangZH), v.PerMu))
			}
		}
		fmt.Fprintf(b, "<td>%s</td><td>%.4f</td><td>%.4f</td><td>%.4f%%</td><td>%d</td><td>%.2f</td><td>%.2f</td><td>%.1f</td><td>%.1f</td><td>%.0f</td><td>%s</td></tr>\n",
			esc(r.Plan), r.Objective, r.Bound, 100*r.Gap, r.Projects, r.NewLandMu, r.StockLandMu, r.OutputPerMu, r.TaxPerMu, r.RevenueYuan/1e4,
			esc(strings.Join(mv, tr(lang, "; ", ";"))))
	}
	b.WriteString("</table>\n")
}
