package ingest

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
)

// The columns of a contracts table, by their English names; contractAliases
// gives the Chinese headers each is also known by.
var contractColumns = []string{"proposal", "parcel", "year", "area_mu", "parcel_area_mu", "signed"}

var contractAliases = map[string]string{
	"proposal_id": "proposal", "项目编号": "proposal", "项目": "proposal", "项目代码": "proposal",
	"parcel_id": "parcel", "地块编号": "parcel", "宗地编号": "parcel", "地块": "parcel",
	"供地年度": "year", "年度": "year", "供地年份": "year",
	"供地面积": "area_mu", "合同面积": "area_mu", "出让面积": "area_mu", "用地面积": "area_mu",
	"宗地面积": "parcel_area_mu", "地块面积": "parcel_area_mu",
	"签约日期": "signed", "签订日期": "signed", "合同签订日期": "signed", "signed_date": "signed",
}

// ReadContracts reads the contracts signed outside landplan from a CSV
// (UTF-8 or GB18030) or XLSX table (docs/product.md, "Contracts"): one row
// per contract with proposal (项目编号) and parcel (地块编号), and
// optionally year (供地年度), area_mu (供地面积, 亩), parcel_area_mu
// (宗地面积, the parcel's area when signed, to detect a re-cut) and signed
// (签约日期, YYYY-MM-DD). Headers are matched as for proposals. Every
// problem is returned in one *planner.Error of kind KindInvalid naming the
// file, row and column; each contract records its file and row.
func ReadContracts(r io.Reader, file string) ([]plan.Contract, error) {
	c := &collector{file: file}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read contracts from %s: %w", displayName(file), err)
	}
	rows, ok := tableRows(b, "contract", false, c)
	if !ok {
		return nil, c.err("contracts")
	}
	idx, headerRow, ok := contractHeader(rows, c)
	if !ok {
		return nil, c.err("contracts")
	}
	for _, col := range []string{"proposal", "parcel"} {
		if _, ok := idx[col]; !ok {
			c.add(planner.Diagnostic{Code: "contract.column_missing", Location: fmt.Sprintf("row %d", headerRow), Property: col,
				Message: fmt.Sprintf("required column %q (%s) is missing from the header", col, map[string]string{"proposal": "项目编号", "parcel": "地块编号"}[col])})
		}
	}
	if c.errors > 0 {
		return nil, c.err("contracts")
	}
	source := filepath.Base(displayName(file))
	out := readContractRows(rows, idx, source, c)
	if c.errors > 0 {
		return nil, c.err("contracts")
	}
	if len(out) == 0 {
		c.add(planner.Diagnostic{Code: "contract.no_rows", Message: fmt.Sprintf("the file has a header (row %d) but no contract rows", headerRow)})
		return nil, c.err("contracts")
	}
	return out, nil
}

// contractHeader reads the header (the first row that is not blank) into
// the place of each known column, noting duplicates; false when the file
// ends first or cannot be read.
func contractHeader(rows rowSource, c *collector) (map[string]int, int, bool) {
	idx := map[string]int{}
	headerRow := 0
	for {
		row, cells, ok, err := rows.next()
		if err != nil {
			c.add(planner.Diagnostic{Code: "contract.format", Location: fmt.Sprintf("row %d", row), Message: err.Error()})
			return nil, 0, false
		}
		if !ok {
			c.add(planner.Diagnostic{Code: "contract.file_empty", Message: "the file is empty: want a header row and one row per contract"})
			return nil, 0, false
		}
		if blank(cells) {
			continue
		}
		headerRow = row
		for i, h := range cells {
			name := normaliseHeader(h)
			if a, ok := contractAliases[name]; ok {
				name = a
			}
			known := false
			for _, col := range contractColumns {
				known = known || col == name
			}
			if !known {
				continue
			}
			if prev, dup := idx[name]; dup {
				c.add(planner.Diagnostic{Code: "contract.column_duplicate", Location: fmt.Sprintf("row %d", row), Property: name,
					Message: fmt.Sprintf("columns %d and %d both give %s", prev+1, i+1, name)})
			}
			idx[name] = i
		}
		break
	}
	return idx, headerRow, true
}

// readContractRows reads the contract rows after the header, skipping
// blank ones.
func readContractRows(rows rowSource, idx map[string]int, source string, c *collector) []plan.Contract {
	var out []plan.Contract
	for {
		row, cells, ok, err := rows.next()
		if err != nil {
			c.add(planner.Diagnostic{Code: "contract.format", Location: fmt.Sprintf("row %d", row), Message: err.Error()})
			break
		}
		if !ok {
			break
		}
		if blank(cells) {
			continue
		}
		ct := parseContractRow(row, cells, idx, source, c)
		out = append(out, ct)
	}
	return out
}

// parseContractRow reads one contract: proposal and parcel (required),
// year, areas and the date signed.
func parseContractRow(row int, cells []string, idx map[string]int, source string, c *collector) plan.Contract {
	get := func(col string) string {
		i, ok := idx[col]
		if !ok || i >= len(cells) {
			return ""
		}
		return strings.TrimSpace(cells[i])
	}
	ct := plan.Contract{Proposal: get("proposal"), Parcel: get("parcel"), Source: source, Row: row}
	fail := func(col, format string, args ...any) {
		c.add(planner.Diagnostic{Code: "contract.value", Location: fmt.Sprintf("row %d", row), ID: ct.Proposal, Property: col, Message: fmt.Sprintf(format, args...), MessageZH: zhf(format, args...)})
	}
	if ct.Proposal == "" {
		fail("proposal", "no proposal id")
	}
	if ct.Parcel == "" {
		fail("parcel", "no parcel id")
	}
	if v := strings.TrimSuffix(get("year"), "年"); v != "" {
		y, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
		if err != nil || y < 2000 || y > 2100 {
			fail("year", "%q is not a year: want a whole year from 2000 to 2100", get("year"))
		}
		ct.Year = y
	}
	num := func(col string) float64 {
		v := strings.TrimSuffix(get(col), "亩")
		if v == "" {
			return 0
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || !isDecimal(strings.TrimSpace(v)) || f <= 0 || f > 1e6 {
			fail(col, "%q is not an area in 亩: want a positive number", get(col))
			return 0
		}
		return f
	}
	ct.AreaMu = num("area_mu")
	ct.ParcelAreaMu = num("parcel_area_mu")
	if v := get("signed"); v != "" {
		if _, err := time.Parse("2006-01-02", v); err != nil {
			fail("signed", "%q is not a date YYYY-MM-DD", v)
		}
		ct.Signed = v
	}
	return ct
}
