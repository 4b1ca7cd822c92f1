package ingest

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/landplan/landplan/planner"
)

// tableRows opens a table of proposals, performance rows or contracts: an
// XLSX workbook (its first sheet) when b starts with the zip signature,
// otherwise CSV text in UTF-8 or GB18030 (decodeText). A workbook that
// cannot be read is a "<kind>.format" problem, text that cannot be
// decoded a "<kind>.encoding" problem; with refuseXLS an old .xls
// workbook is a "<kind>.format" problem too. It reports to c and returns
// false when the table cannot be read.
func tableRows(b []byte, kind string, refuseXLS bool, c *collector) (rowSource, bool) {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		rows, err := xlsxRows(b)
		if err != nil {
			c.add(planner.Diagnostic{Code: kind + ".format", Message: fmt.Sprintf("not a readable XLSX workbook: %v", err)})
			return nil, false
		}
		return rows, true
	case refuseXLS && bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		c.add(planner.Diagnostic{Code: kind + ".format", Message: "this is an old Excel .xls workbook (or another OLE file); save it as .xlsx or CSV"})
		return nil, false
	}
	text, _, err := decodeText(b)
	if err != nil {
		var ee *encodingError
		if errors.As(err, &ee) {
			c.add(planner.Diagnostic{Code: kind + ".encoding", Location: fmt.Sprintf("row %d", ee.Row), Message: fmt.Sprintf("byte offset %d: %s", ee.Offset, ee.Msg)})
		} else {
			c.add(planner.Diagnostic{Code: kind + ".encoding", Message: err.Error()})
		}
		return nil, false
	}
	return csvRows(text), true
}
