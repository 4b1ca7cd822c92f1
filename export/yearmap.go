package export

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"github.com/landplan/landplan/geo/mapdraw"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// yearColours colour the years of a programme, the planning year darkest:
// a sequential blue–green scale (ColorBrewer YlGnBu), so that the order of
// the years reads from the map. A horizon of more years than colours
// repeats the lightest.
var yearColours = []color.RGBA{
	{0x25, 0x34, 0x94, 0xff},
	{0x22, 0x5e, 0xa8, 0xff},
	{0x1d, 0x91, 0xc0, 0xff},
	{0x41, 0xb6, 0xc4, 0xff},
	{0x7f, 0xcd, 0xbb, 0xff},
	{0xc7, 0xe9, 0xb4, 0xff},
	{0xed, 0xf8, 0xb1, 0xff},
}

// YearCategories are the classes of a map by year: one per year of the
// programme, its value the year ("2026"), labelled "2026" and "2026 年".
func YearCategories(years []int) []Category {
	out := make([]Category, 0, len(years))
	for i, y := range years {
		c := yearColours[min(i, len(yearColours)-1)]
		out = append(out, Category{Value: strconv.Itoa(y), EN: strconv.Itoa(y), ZH: fmt.Sprintf("%d 年", y), Fill: c, Stroke: edgeDark})
	}
	return out
}

// LotYear is the year a lot's land is supplied: its phase's year for a
// phase of a phased supply, else its allocation's year; 0 for a remainder
// or a lot of no allocation of the plan.
func LotYear(p *plan.Plan, l plan.Lot) int {
	if l.Proposal == "" || l.Kind == plan.LotRemainder {
		return 0
	}
	for i := range p.Allocations {
		a := &p.Allocations[i]
		if a.Proposal != l.Proposal {
			continue
		}
		if ph := lotPhase(a, l); ph != nil && ph.Year > 0 {
			return ph.Year
		}
		return a.Year
	}
	return 0
}

// YearMap is PlanMap with the lots coloured by the year their land is
// supplied (LotYear) instead of by supply mode: the map of a multi-year
// programme. Later phases kept for a phased supply are drawn dashed in the
// colour of the year they are released; remainders as in PlanMap. The
// legend lists the years present. A one-year plan gives PlanMap.
func YearMap(p *plan.Plan, parcels []planner.Parcel, o MapOptions) *mapdraw.Map {
	m := PlanMap(p, parcels, o)
	if len(p.Years) <= 1 {
		return m
	}
	lang := o.lang()
	cats := YearCategories(p.Years)
	byYear := make(map[int]Category, len(cats))
	for i, y := range p.Years {
		byYear[y] = cats[i]
	}
	// PlanMap draws the parcels, then the lots of the parcels shown, in
	// the plan's order.
	shown := map[string]bool{}
	for _, x := range o.filter(parcels) {
		shown[x.ID] = true
	}
	var lots []plan.Lot
	for _, l := range p.Lots {
		if shown[l.Parcel] {
			lots = append(lots, l)
		}
	}
	used := map[int]bool{}
	n, reserved, remainder := 0, false, false
	for i := range m.Features {
		f := &m.Features[i]
		if f.Layer != "lots" || n >= len(lots) {
			continue
		}
		l := lots[n]
		n++
		if c, ok := byYear[LotYear(p, l)]; ok {
			f.Fill, f.Stroke = c.Fill, c.Stroke
			used[LotYear(p, l)] = true
		}
		reserved = reserved || l.Kind == plan.LotReserved
		remainder = remainder || l.Kind == plan.LotRemainder
	}
	legend := m.Legend[:0:0]
	for _, c := range StatusCategories {
		for _, it := range m.Legend {
			if it.Label == c.Label(lang) {
				legend = append(legend, it)
			}
		}
	}
	for i, y := range p.Years {
		if used[y] {
			c := cats[i]
			legend = append(legend, mapdraw.LegendItem{Label: c.Label(lang), Fill: c.Fill, Stroke: c.Stroke})
		}
	}
	if reserved {
		legend = append(legend, mapdraw.LegendItem{Label: tr(lang, "later phase reserved (dashed, in its year's colour)", "分期预留（虚线，按其供地年度着色）"),
			Fill: color.RGBA{0xff, 0xff, 0xff, 0xff}, Stroke: edgeDark, Dash: true})
	}
	if remainder {
		c, _ := Palette(plan.LotRemainder)
		legend = append(legend, mapdraw.LegendItem{Label: c.Label(lang), Fill: c.Fill, Stroke: c.Stroke})
	}
	m.Legend = legend
	m.Subtitle = tr(lang, "by year of supply · ", "按供地年度 · ") + m.Subtitle
	return m
}

// YearStyleAttr is the QGIS expression a style by year classifies on: a
// lot's year (the "year" property), else the feature's category (a
// parcel's status, a remainder).
const YearStyleAttr = `CASE WHEN "year" IS NOT NULL THEN to_string("year") ELSE "category" END`

// YearQML is the QGIS style of a programme's GeoJSON by year: parcels by
// status as in WriteQML, lots by the year their land is supplied in the
// colours of YearMap, remainders as in WriteQML.
func YearQML(p *plan.Plan, fields []Field, lang policy.Lang) string {
	cats := append(append([]Category{}, StatusCategories...), YearCategories(p.Years)...)
	if c, ok := Palette(plan.LotRemainder); ok {
		cats = append(cats, c)
	}
	var b strings.Builder
	_ = writeQML(&b, YearStyleAttr, cats, nil, fields, lang) // a strings.Builder does not fail
	return b.String()
}
