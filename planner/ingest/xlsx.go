package ingest

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// xlsxUnzipLimit bounds the uncompressed size of a workbook, so that a
// crafted file cannot exhaust memory; a proposals sheet is far smaller.
const (
	xlsxUnzipLimit    = 512 << 20
	xlsxUnzipXMLLimit = 64 << 20
)

// xlsxRows reads the cells of the first sheet of an XLSX workbook as
// stored (raw values, not as formatted for display: a percentage cell gives
// 0.07, not "7%").
func xlsxRows(b []byte) (rs rowSource, err error) {
	defer func() {
		// excelize is a large parser of untrusted input; a panic in it
		// is reported as a malformed file rather than ending the program.
		if r := recover(); r != nil {
			rs, err = nil, fmt.Errorf("malformed workbook (%v)", r)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("the workbook has no sheet")
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %w", sheets[0], err)
	}
	return &sliceSource{rows: rows}, nil
}
