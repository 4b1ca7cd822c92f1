package export_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/export/exporttest"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/monitor"
	"github.com/landplan/landplan/planner/policy"
)

// fixtureProposals are the proposals of exporttest.Plan's allocations.
func fixtureProposals() []planner.Proposal {
	pr := 1.2
	return []planner.Proposal{
		{ID: "P01", Industry: "nev", AreaMu: 20, Investment: 6000, Output: 9000, Tax: 500, Jobs: 100, PlotRatio: &pr},
		{ID: "P02", Industry: "other", AreaMu: 10, Investment: 2500, Output: 4000, Tax: 200, Jobs: 50},
		{ID: "P03", Industry: "equipment", AreaMu: 30, Investment: 9000, Output: 12000, Tax: 600, Jobs: 150},
	}
}

// TestCovenantAndMonitorExports checks the covenant sheets (printable
// HTML with print CSS, a sheet and a map per award, the breach under
// 令第53号; an XLSX with a row per award and per indicator) and the
// monitoring report (HTML with the class map and the register, the most
// serious first; XLSX with the register and the evaluation).
func TestCovenantAndMonitorExports(t *testing.T) {
	p, parcels := exporttest.Plan()
	prof := policy.Default()
	props := fixtureProposals()
	covs, err := monitor.Covenants(prof, p, props)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := export.WriteCovenantHTML(&b, prof, covs, p, parcels, export.MapOptions{}); err != nil {
		t.Fatal(err)
	}
	doc := b.String()
	checkSelfContained(t, doc)
	if n := checkXMLFragment(t, doc); n != len(covs) {
		t.Errorf("%d maps for %d covenants", n, len(covs))
	}
	for _, want := range []string{"@media print", "@page", "标准地履约监管协议附件 · P01", "约定动工日期", "达产复核日期", "令第53号", "无偿收回", "横州市"} {
		if !strings.Contains(doc, want) {
			t.Errorf("covenant sheets lack %q", want)
		}
	}
	if n := strings.Count(doc, `<section class="sheet">`); n != 3 {
		t.Errorf("%d sheets, want 3", n)
	}
	b.Reset()
	if err := export.WriteCovenantXLSX(&b, prof, covs, policy.LangZH); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("履约监管协议")
	inds, _ := f.GetRows("承诺指标")
	if len(rows) != 1+len(covs) || len(inds) != 1+4*len(covs) || rows[1][0] != "P01" || rows[0][9] != "约定动工日期" {
		t.Errorf("covenant workbook: %d rows, %d indicator rows; %v", len(rows), len(inds), rows[:2])
	}

	perf := []monitor.Performance{
		{Project: "P01", Parcel: "L001", Enterprise: "甲", Year: 2029, Started: "2026-05-01", Output: 8000, Tax: 400, Investment: 6000, EnergyTCE: 3000, FloorAreaM2: 15000},
		{Project: "P02", Parcel: "L002", Enterprise: "乙", Year: 2029},
	}
	res, err := monitor.Monitor(prof, monitor.Input{Plan: p, Proposals: props, Parcels: parcels, Rows: perf, AsOf: "2029-12-31", Year: 2029})
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := export.WriteMonitorHTML(&b, &res.Register, p, parcels, export.MapOptions{}); err != nil {
		t.Fatal(err)
	}
	doc = b.String()
	checkSelfContained(t, doc)
	checkXMLFragment(t, doc)
	iRecovery, iOK := strings.Index(doc, "<td>P02</td>"), strings.Index(doc, "<td>P01</td>")
	if iRecovery < 0 || iOK < 0 || iRecovery > iOK {
		t.Errorf("the register does not list P02 (idle two years) before P01 (on track)")
	}
	for _, want := range []string{"闲置满两年:无偿收回", "A 类", "亩均效益评价", "÷"} {
		if !strings.Contains(doc, want) {
			t.Errorf("monitoring report lacks %q", want)
		}
	}
	b.Reset()
	if err := export.WriteMonitorXLSX(&b, &res.Register, policy.LangZH); err != nil {
		t.Fatal(err)
	}
	f, err = excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	reg, _ := f.GetRows("监管台账")
	evs, _ := f.GetRows("亩均效益评价")
	if len(reg) != 1+len(res.Entries) || reg[1][0] != "P02" || len(evs) != 2 {
		t.Errorf("monitoring workbook: %d register rows (first %v), %d evaluation rows", len(reg), reg[1], len(evs))
	}
}
