package export_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/export/exporttest"
	"github.com/landplan/landplan/geo/mapdraw"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// A programme's map by year paints each lot in the colour of the year its
// land is supplied, lists those years in the legend, and keeps the
// parcels' status colours; a one-year plan's map by year is its plan map.
func TestYearMapColoursLotsByYear(t *testing.T) {
	p, parcels := exporttest.Plan()
	one := export.YearMap(p, parcels, export.MapOptions{Lang: policy.LangEN})
	if want := export.PlanMap(p, parcels, export.MapOptions{Lang: policy.LangEN}); fmt.Sprint(one.Legend) != fmt.Sprint(want.Legend) {
		t.Errorf("one-year map by year: legend %v, want the plan map's %v", one.Legend, want.Legend)
	}
	p.Years = []int{2026, 2027, 2028}
	for i := range p.Allocations {
		p.Allocations[i].Year = 2026
	}
	p.Allocations[0].Year = 2027
	cats := export.YearCategories(p.Years)
	m := export.YearMap(p, parcels, export.MapOptions{Lang: policy.LangZH})
	var lots []mapdraw.Feature
	for _, f := range m.Features {
		if f.Layer == "lots" {
			lots = append(lots, f)
		}
	}
	if len(lots) != len(p.Lots) || len(lots) == 0 {
		t.Fatalf("%d lot features for %d lots", len(lots), len(p.Lots))
	}
	years := map[int]bool{}
	for i, l := range p.Lots {
		y := export.LotYear(p, l)
		if l.Kind == plan.LotRemainder {
			if y != 0 {
				t.Errorf("remainder %s has year %d", l.ID, y)
			}
			continue
		}
		want := cats[y-2026].Fill
		if lots[i].Fill != want {
			t.Errorf("lot %s of %s (year %d) filled %v, want %v", l.ID, l.Proposal, y, lots[i].Fill, want)
		}
		years[y] = true
	}
	if !years[2027] || !years[2026] {
		t.Fatalf("lot years %v: the fixture should hold lots of 2026 and 2027", years)
	}
	var labels, want []string
	for _, it := range m.Legend {
		labels = append(labels, it.Label)
	}
	for _, y := range p.Years {
		if years[y] {
			want = append(want, fmt.Sprintf("%d 年", y))
		}
	}
	legend := strings.Join(labels, "|")
	if !strings.Contains(legend, "|"+strings.Join(want, "|")+"|") {
		t.Errorf("legend %q: want the years with lots, %v, in order", legend, want)
	}
	for _, c := range export.LotCategories[:5] {
		if strings.Contains(legend, c.ZH) {
			t.Errorf("legend %q still lists the supply mode %s", legend, c.ZH)
		}
	}
	var svg bytes.Buffer
	if err := mapdraw.RenderSVG(&svg, m); err != nil {
		t.Fatal(err)
	}
	c := cats[1].Fill
	if hex := fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B); !strings.Contains(strings.ToLower(svg.String()), hex) {
		t.Errorf("the SVG does not paint 2027's colour %s", hex)
	}
}

// The QGIS style by year classifies lots on their year and parcels on
// their status, labelled in the language asked for.
func TestYearQML(t *testing.T) {
	p, _ := exporttest.Plan()
	p.Years = []int{2026, 2027}
	q := export.YearQML(p, nil, policy.LangZH)
	for _, want := range []string{`attr="CASE WHEN &quot;year&quot; IS NOT NULL THEN to_string(&quot;year&quot;) ELSE &quot;category&quot; END"`,
		`value="2026"`, `label="2027 年"`, `value="new"`, `value="remainder"`} {
		if !strings.Contains(q, want) {
			t.Errorf("style lacks %s", want)
		}
	}
}
