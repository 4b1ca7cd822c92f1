package ingest

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
)

const perfHeader = "项目编号,宗地编号,企业名称,年度,产值(万元),税收(万元),累计投资(万元),就业人数,综合能耗(吨标准煤),已建建筑面积(平方米),动工日期,竣工日期,停工日期,政府原因延迟\n"

func TestReadPerformance(t *testing.T) {
	in := perfHeader +
		"P1,L1,柳州甲公司,2029,24000,1000,12000,200,9000,40000,2027-05-01,2029/6/30,,否\n" +
		"P2,L2,,2029年,0,0,0,0,0,0,,,,是\n"
	rows, err := ReadPerformance(strings.NewReader(in), PerformanceOptions{File: "p.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows", len(rows))
	}
	r := rows[0]
	if r.Project != "P1" || r.Parcel != "L1" || r.Enterprise != "柳州甲公司" || r.Year != 2029 || r.Output != 24000 || r.Tax != 1000 ||
		r.Investment != 12000 || r.Jobs != 200 || r.EnergyTCE != 9000 || r.FloorAreaM2 != 40000 || r.Started != "2027-05-01" ||
		r.Completed != "2029-06-30" || r.GovernmentDelay || r.Row != 2 {
		t.Errorf("row 2: %+v", r)
	}
	if !rows[1].GovernmentDelay || rows[1].Year != 2029 || rows[1].Row != 3 {
		t.Errorf("row 3: %+v", rows[1])
	}
	// The same table as XLSX.
	var cells [][]any
	for _, line := range strings.Split(strings.TrimSpace(in), "\n") {
		var row []any
		for _, c := range strings.Split(line, ",") {
			row = append(row, c)
		}
		cells = append(cells, row)
	}
	x, err := ReadPerformance(bytes.NewReader(writeXLSX(t, 1, cells, "")), PerformanceOptions{File: "p.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if len(x) != 2 || x[0] != rows[0] {
		t.Errorf("xlsx %+v", x)
	}
}

// TestReadPerformanceBadInput checks that each problem is named by file,
// row and column and that nothing is returned.
func TestReadPerformanceBadInput(t *testing.T) {
	good := "P1,L1,甲,2029,24000,1000,12000,200,9000,40000,2027-05-01,2029-06-30,,否\n"
	cases := []struct {
		name, rows string
		row, col   string
		want       string
	}{
		{"negative figure", "P1,L1,甲,2029,-5,1000,12000,200,9000,40000,2027-05-01,,,\n", "row 2", "output", "negative"},
		{"missing figure", "P1,L1,甲,2029,24000,,12000,200,9000,40000,2027-05-01,,,\n", "row 2", "tax", "missing"},
		{"not a number", "P1,L1,甲,2029,24000,1000,很多,200,9000,40000,2027-05-01,,,\n", "row 2", "investment", "not a number"},
		{"two rows for the same year", good + good, "row 3", "year", "already has a row for 2029 (row 2)"},
		{"completed before started", "P1,L1,甲,2029,24000,1000,12000,200,9000,40000,2028-05-01,2027-06-30,,\n", "row 2", "completed", "before it started"},
		{"halted without a start", "P1,L1,甲,2029,0,0,0,0,0,0,,,2028-01-01,\n", "row 2", "halted_since", "without a start date"},
		{"date after the year", "P1,L1,甲,2028,24000,1000,12000,200,9000,40000,2029-01-02,,,\n", "row 2", "started", "after the row's year 2028"},
		{"not a date", "P1,L1,甲,2029,24000,1000,12000,200,9000,40000,2027-02-30,,,\n", "row 2", "started", "not a real date"},
		{"missing project", ",L1,甲,2029,24000,1000,12000,200,9000,40000,2027-05-01,,,\n", "row 2", "project", "missing"},
		{"year out of range", "P1,L1,甲,1990,24000,1000,12000,200,9000,40000,,,,\n", "row 2", "year", "between 2000 and 2100"},
		{"delay flag", "P1,L1,甲,2029,0,0,0,0,0,0,,,,也许\n", "row 2", "government_delay", "是 or 否"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, err := ReadPerformance(strings.NewReader(perfHeader+c.rows), PerformanceOptions{File: "bad.csv"})
			if rows != nil {
				t.Errorf("rows returned with an error: %+v", rows)
			}
			var pe *planner.Error
			if !errors.As(err, &pe) || pe.Kind != planner.KindInvalid {
				t.Fatalf("error %v, want a KindInvalid *planner.Error", err)
			}
			found := false
			for _, d := range pe.Diagnostics {
				if d.File == "bad.csv" && d.Location == c.row && d.Property == c.col && strings.Contains(d.Message, c.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("no diagnostic at %s, column %s saying %q: %+v", c.row, c.col, c.want, pe.Diagnostics)
			}
		})
	}
	// A missing required column is named in the header row.
	_, err := ReadPerformance(strings.NewReader("项目编号,宗地编号,年度\nP1,L1,2029\n"), PerformanceOptions{File: "bad.csv"})
	var pe *planner.Error
	if !errors.As(err, &pe) || !strings.Contains(err.Error()+pe.Diagnostics[0].Property, "output") {
		t.Errorf("missing columns: %v", err)
	}
}
