package export

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// numericColumns are the columns of CSVColumns that hold numbers: the
// workbook stores them as numbers, so that Excel sums and sorts them.
var numericColumns = map[string]bool{
	"area_mu": true, "term_years": true, "price_yuan": true, "annual_rent_yuan": true, "facility_mu": true,
	"dormitory_mu": true, "score": true, "value": true, "lease_years": true, "transfer_years": true, "year": true,
}

// WriteXLSX writes the plan's allocation table as an XLSX workbook: one
// sheet with the columns and rows of WriteCSV in lang (the term as
// shown, the disposal route and the free date among them), numbers as
// numbers rounded as the CSV rounds them, an empty cell where the CSV's
// is empty, and text cells through SafeCell.
func WriteXLSX(w io.Writer, p *plan.Plan, lang policy.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := tr(lang, "allocations", "供地安排")
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return fmt.Errorf("export: writing XLSX: %w", err)
	}
	head := make([]any, len(CSVColumns))
	for i, c := range CSVColumns {
		head[i] = tr(lang, c[1], c[2])
	}
	rows := [][]any{head}
	for i := range p.Allocations {
		rec := csvRecord(&p.Allocations[i], lang)
		row := make([]any, len(rec))
		for j, s := range rec {
			row[j] = s
			if s == "" {
				row[j] = nil
			} else if numericColumns[CSVColumns[j][0]] {
				v, err := strconv.ParseFloat(s, 64)
				if err != nil {
					return fmt.Errorf("export: writing XLSX: %s of %s: %w", CSVColumns[j][0], p.Allocations[i].Proposal, err)
				}
				row[j] = v
			}
		}
		rows = append(rows, row)
	}
	if err := writeSheet(f, sheet, rows); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("export: writing XLSX: %w", err)
	}
	return nil
}
