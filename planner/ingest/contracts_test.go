package ingest_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/ingest"
)

// Chinese headers with units are read; each contract keeps its file and
// row; bad values are named by row and column, nothing returned.
func TestReadContracts(t *testing.T) {
	cs, err := ingest.ReadContracts(strings.NewReader("项目编号,地块编号,供地年度,供地面积(亩),宗地面积(亩),签约日期,备注\n"+
		"P1,HX-1,2027年,20.5,40,2026-10-08,x\n\nP2,HX-2,,,,,\n"), "dir/signed.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Proposal != "P1" || cs[0].Parcel != "HX-1" || cs[0].Year != 2027 || cs[0].AreaMu != 20.5 || cs[0].ParcelAreaMu != 40 ||
		cs[0].Signed != "2026-10-08" || cs[0].Source != "signed.csv" || cs[0].Row != 2 || cs[1].Row != 4 || cs[1].Year != 0 {
		t.Errorf("contracts %+v", cs)
	}
	_, err = ingest.ReadContracts(strings.NewReader("proposal,parcel,year,area_mu\nP1,,2027,20\nP2,HX-2,27,-3\n"), "bad.csv")
	var pe *planner.Error
	if !errors.As(err, &pe) || pe.Kind != planner.KindInvalid {
		t.Fatalf("err %v, want invalid input", err)
	}
	want := map[string]bool{"row 2/parcel": false, "row 3/year": false, "row 3/area_mu": false}
	for _, d := range pe.Diagnostics {
		want[d.Location+"/"+d.Property] = true
		if d.File != "bad.csv" {
			t.Errorf("diagnostic %+v without the file", d)
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("no diagnostic at %s: %+v", k, pe.Diagnostics)
		}
	}
	if _, err := ingest.ReadContracts(strings.NewReader("项目编号,年度\nP1,2027\n"), "nohead.csv"); err == nil || !strings.Contains(err.Error()+diagText(err), "parcel") {
		t.Errorf("missing parcel column: %v", err)
	}
}

func diagText(err error) string {
	var pe *planner.Error
	if !errors.As(err, &pe) {
		return ""
	}
	var b strings.Builder
	for _, d := range pe.Diagnostics {
		b.WriteString(d.Property + " " + d.Message + "\n")
	}
	return b.String()
}
