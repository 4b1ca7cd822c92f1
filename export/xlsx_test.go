package export_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/export/exporttest"
	"github.com/landplan/landplan/planner/policy"
)

// TestXLSXMatchesCSV writes a plan's allocation table as XLSX and as CSV
// in both languages and reads the workbook back with excelize: the same
// header, rows and cells — the term as shown, the disposal route and the
// free date among them — with the numeric columns stored as numbers.
func TestXLSXMatchesCSV(t *testing.T) {
	p, _ := exporttest.Plan()
	for _, lang := range []policy.Lang{policy.LangEN, policy.LangZH} {
		var cb, xb bytes.Buffer
		if err := export.WriteCSV(&cb, p, lang); err != nil {
			t.Fatal(err)
		}
		if err := export.WriteXLSX(&xb, p, lang); err != nil {
			t.Fatal(err)
		}
		want, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(cb.Bytes(), []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&xb)
		if err != nil {
			t.Fatalf("%s: the workbook does not open: %v", lang, err)
		}
		sheet := f.GetSheetName(0)
		got, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || len(want) < 2 {
			t.Fatalf("%s: %d rows in the workbook, %d in the CSV", lang, len(got), len(want))
		}
		tenure := 0
		for i, row := range want {
			for j, w := range row {
				g := ""
				if j < len(got[i]) {
					g = got[i][j]
				}
				col := export.CSVColumns[j][0]
				numeric := i > 0 && w != "" && map[string]bool{"area_mu": true, "price_yuan": true, "score": true, "term_years": true, "year": true, "lease_years": true}[col]
				if numeric {
					gv, err1 := strconv.ParseFloat(g, 64)
					wv, err2 := strconv.ParseFloat(w, 64)
					if err1 != nil || err2 != nil || gv != wv {
						t.Errorf("%s row %d %s: %q in the workbook, %q in the CSV", lang, i+1, col, g, w)
					}
					cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
					if ct, err := f.GetCellType(sheet, cell); err != nil || ct == excelize.CellTypeSharedString || ct == excelize.CellTypeInlineString {
						t.Errorf("%s %s (%s) is stored as text (type %v, %v)", lang, cell, col, ct, err)
					}
					continue
				}
				if g != w {
					t.Errorf("%s row %d %s: %q in the workbook, %q in the CSV", lang, i+1, col, g, w)
				}
				if i > 0 && w != "" && (col == "term_text" || col == "route" || col == "free_from") {
					tenure++
				}
			}
		}
		if tenure == 0 {
			t.Errorf("%s: no term, route or free date in the table", lang)
		}
		f.Close()
	}
}
