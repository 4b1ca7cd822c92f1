package export_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/export/exporttest"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

func TestSafeCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+86 772", "'+86 772"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=cmd", "'\t=cmd"},
		{"\r=cmd", "'\r=cmd"},
		{"", ""},
		{"柳州高新区", "柳州高新区"},
		{"P2025-001", "P2025-001"},
		{"a=b", "a=b"},
		{"'=x", "'=x"},
	} {
		if got := export.SafeCell(tc.in); got != tc.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestCSVNeutralisesFormulas writes a plan whose text fields start with
// each character a spreadsheet reads as a formula and reads the CSV back:
// every such text cell starts with an apostrophe, and the numbers are
// still numbers.
func TestCSVNeutralisesFormulas(t *testing.T) {
	p, _ := exporttest.Plan()
	prefixes := []string{"=", "+", "-", "@", "\t", "\r"}
	for i := range p.Allocations {
		a := &p.Allocations[i]
		pre := prefixes[i%len(prefixes)]
		a.ProposalName = pre + `HYPERLINK("http://evil.example","x")`
		a.Zone = pre + "1+1"
		a.Reasons = append([]planner.Reason{{Rule: "x", Clause: "", Message: pre + "cmd|' /C calc'!A0", MessageZH: pre + "cmd"}}, a.Reasons...)
	}
	for _, lang := range []policy.Lang{policy.LangEN, policy.LangZH} {
		var buf bytes.Buffer
		if err := export.WriteCSV(&buf, p, lang); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, c := range export.CSVColumns {
			col[c[0]] = i
		}
		if len(recs) != len(p.Allocations)+1 {
			t.Fatalf("%d rows, want %d", len(recs), len(p.Allocations)+1)
		}
		for r, rec := range recs[1:] {
			pre := prefixes[r%len(prefixes)]
			for _, k := range []string{"name", "zone", "reasons"} {
				if got := rec[col[k]]; len(got) < 2 || got[0] != '\'' || got[1:1+len(pre)] != pre {
					t.Errorf("%s row %d %s = %q: want it neutralised with a leading apostrophe", lang, r+1, k, got)
				}
			}
			for _, k := range []string{"area_mu", "term_years", "price_yuan", "score", "value"} {
				if _, err := strconv.ParseFloat(rec[col[k]], 64); err != nil {
					t.Errorf("%s row %d %s = %q is no longer a number", lang, r+1, k, rec[col[k]])
				}
			}
		}
	}
}
