package export_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/export/exporttest"
	"github.com/landplan/landplan/planner/policy"
)

// A programme's report charts each year's new land against its quota, its
// stock land and its projects; the CSV carries each allocation's year.
func TestProgrammeReportByYear(t *testing.T) {
	p, parcels := exporttest.Plan()
	p.Years = []int{2026, 2027}
	p.Totals.QuotaByYear = map[string]float64{"2026": 100, "2027": 120}
	p.Totals.NewLandByYear = map[string]float64{"2026": 80, "2027": 60}
	p.Totals.StockLandByYear = map[string]float64{"2026": 10, "2027": 0}
	p.Totals.ProjectsByYear = map[string]int{"2026": 2, "2027": 1}
	p.Allocations[0].Year, p.Allocations[0].Signed = 2027, true
	var buf bytes.Buffer
	if err := export.WriteHTML(&buf, p, parcels, export.MapOptions{Lang: policy.LangEN}); err != nil {
		t.Fatal(err)
	}
	doc := buf.String()
	if n := checkXMLFragment(t, doc); n != 5 {
		t.Errorf("%d SVG fragments, want the 3 maps, the map by year and the year chart", n)
	}
	if !strings.Contains(doc, "by year of supply") {
		t.Error("the report lacks the map by year of supply")
	}
	for _, want := range []string{`class="year-chart"`, "2027 new land 60.00 mu", "2027 quota 120.00 mu", "2026 stock land 10.00 mu", "1 projects"} {
		if !strings.Contains(doc, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	buf.Reset()
	if err := export.WriteCSV(&buf, p, policy.LangZH); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\r\n")
	if !strings.HasSuffix(lines[0], ",供地年度,已签合同,各期供地年度") || !strings.HasSuffix(lines[1], ",2027,是,") {
		t.Errorf("CSV header %q, first row %q: want the year and signed columns", lines[0], lines[1])
	}
}

// Each lot carries the year its land is supplied: its allocation's, a
// later phase's the year it is released.
func TestLotsCarryTheirYear(t *testing.T) {
	p, parcels := exporttest.Plan()
	p.Allocations[0].Year = 2027
	var lots *export.Layer
	for _, l := range export.Layers(p, parcels) {
		if l.Name == "lots" {
			lots = &l
		}
	}
	if lots == nil {
		t.Fatal("no lots layer")
	}
	col := -1
	for i, f := range lots.Fields {
		if f.Name == "year" {
			col = i
		}
	}
	if col < 0 {
		t.Fatal("the lots layer has no year field")
	}
	found := false
	for _, f := range lots.Features {
		if f.Values[4] == p.Allocations[0].Proposal && f.Values[col] == int64(2027) {
			found = true
		}
	}
	if !found {
		t.Errorf("no lot of %s with year 2027", p.Allocations[0].Proposal)
	}
}
