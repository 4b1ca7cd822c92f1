package ingest

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/monitor"
)

// PerformanceOptions control ReadPerformance.
type PerformanceOptions struct {
	// File names the input in diagnostics.
	File string
	// Warn receives warnings (unknown columns) as they are found.
	Warn func(planner.Diagnostic)
}

// perfColumns are the performance columns (docs/product.md,
// "Performance"), each with its Chinese names; required marks those a
// file must have.
var perfColumns = []struct {
	name     string
	aliases  []string
	required bool
}{
	{"project", []string{"项目编号", "项目"}, true},
	{"parcel", []string{"宗地编号", "地块编号", "宗地"}, true},
	{"enterprise", []string{"企业名称", "企业"}, false},
	{"year", []string{"年度", "年份"}, true},
	{"output", []string{"产值", "年产值", "工业产值", "销售收入"}, true},
	{"tax", []string{"税收", "年税收", "实缴税金", "税收实际贡献"}, true},
	{"investment", []string{"累计投资", "累计固定资产投资", "已完成投资"}, true},
	{"jobs", []string{"就业", "就业人数", "从业人员"}, true},
	{"energy_tce", []string{"能耗", "综合能耗"}, true},
	{"floor_area_m2", []string{"已建建筑面积", "建筑面积", "已建成建筑面积"}, true},
	{"started", []string{"动工日期", "开工日期", "实际动工日期"}, false},
	{"completed", []string{"竣工日期", "实际竣工日期"}, false},
	{"halted_since", []string{"停工日期", "中止开发日期"}, false},
	{"government_delay", []string{"政府原因延迟", "政府原因"}, false},
}

func perfColumn(h string) int {
	for i, c := range perfColumns {
		if h == c.name || slices.Contains(c.aliases, h) {
			return i
		}
	}
	return -1
}

// ReadPerformance reads the yearly performance rows of the awards from CSV
// (UTF-8, UTF-8 with BOM or GB18030/GBK) or XLSX (the first sheet), with
// English or Chinese headers (a trailing unit in brackets is ignored). It
// returns every problem in one *planner.Error of kind KindInvalid, each
// naming the file, the row (the header being row 1) and the column:
// missing columns or figures, numbers that are not numbers or negative,
// years out of 2000–2100, dates that are not dates, dates out of order
// (completion before start, a halt before the start or without one, a
// date after the row's year) and two rows for the same project, parcel and
// year. Whether the projects and parcels are known is for CheckRows.
func ReadPerformance(r io.Reader, opt PerformanceOptions) ([]monitor.Performance, error) {
	c := &collector{file: opt.File, warn: opt.Warn}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read performance from %s: %w", displayName(opt.File), err)
	}
	rows, ok := tableRows(b, "performance", false, c)
	if !ok {
		return nil, c.err("performance rows")
	}
	return parsePerformance(rows, c)
}

func parsePerformance(src rowSource, c *collector) ([]monitor.Performance, error) {
	headerRow, header, ok := readPerfHeader(src, c)
	if !ok {
		return nil, c.err("performance rows")
	}
	idx := perfColumnIndex(header, headerRow, c)
	if c.errors > 0 {
		return nil, c.err("performance rows")
	}
	out := readPerfRows(src, idx, c)
	if c.errors > 0 {
		return nil, c.err("performance rows")
	}
	if len(out) == 0 {
		c.add(planner.Diagnostic{Code: "performance.no_rows", Message: fmt.Sprintf("the file has a header (row %d) but no rows", headerRow)})
		return nil, c.err("performance rows")
	}
	return out, nil
}

// readPerfHeader reads the header: the first row that is not blank; false
// when the file ends first or cannot be read.
func readPerfHeader(src rowSource, c *collector) (int, []string, bool) {
	var headerRow int
	var header []string
	for {
		row, cells, ok, err := src.next()
		if err != nil {
			c.add(planner.Diagnostic{Code: "performance.format", Location: fmt.Sprintf("row %d", row), Message: err.Error()})
			return 0, nil, false
		}
		if !ok {
			c.add(planner.Diagnostic{Code: "performance.file_empty", Message: "the file is empty: want a header row and one row per project, parcel and year"})
			return 0, nil, false
		}
		if !blank(cells) {
			headerRow, header = row, slices.Clone(cells)
			break
		}
	}
	return headerRow, header, true
}

// perfColumnIndex maps each performance column to its place in the
// header (-1 when absent), noting unknown, duplicate and missing required
// columns.
func perfColumnIndex(header []string, headerRow int, c *collector) []int {
	idx := make([]int, len(perfColumns))
	for i := range idx {
		idx[i] = -1
	}
	for i, h := range header {
		name := normaliseHeader(h)
		if name == "" {
			continue
		}
		col := perfColumn(name)
		switch {
		case col < 0:
			c.add(planner.Diagnostic{Severity: planner.SeverityWarning, Code: "performance.column_unknown", Location: fmt.Sprintf("row %d", headerRow), Property: strings.TrimSpace(h),
				Message: fmt.Sprintf("column %d is not a performance column; its values are ignored", i+1)})
		case idx[col] >= 0:
			c.add(planner.Diagnostic{Code: "performance.column_duplicate", Location: fmt.Sprintf("row %d", headerRow), Property: perfColumns[col].name,
				Message: fmt.Sprintf("columns %d and %d both give %s", idx[col]+1, i+1, perfColumns[col].name)})
		default:
			idx[col] = i
		}
	}
	for i, pc := range perfColumns {
		if pc.required && idx[i] < 0 {
			c.add(planner.Diagnostic{Code: "performance.column_missing", Location: fmt.Sprintf("row %d", headerRow), Property: pc.name,
				Message: fmt.Sprintf("required column %q (%s) is missing from the header", pc.name, pc.aliases[0])})
		}
	}
	return idx
}

// readPerfRows reads the rows after the header, skipping blank ones; a
// row with an error, or a second row of a project, parcel and year, is
// left out.
func readPerfRows(src rowSource, idx []int, c *collector) []monitor.Performance {
	var out []monitor.Performance
	seen := map[string]int{}
	for {
		row, cells, ok, err := src.next()
		if err != nil {
			c.add(planner.Diagnostic{Code: "performance.format", Location: fmt.Sprintf("row %d", row), Message: err.Error()})
			break
		}
		if !ok {
			break
		}
		if blank(cells) {
			continue
		}
		pr := &perfRow{row: row, cells: cells, idx: idx, c: c, ok: true}
		r := pr.parse()
		if r.Project != "" && r.Parcel != "" && r.Year != 0 {
			key := fmt.Sprintf("%s@%s/%d", r.Project, r.Parcel, r.Year)
			if first, dup := seen[key]; dup {
				pr.fail("year", "performance.duplicate", "project %s on parcel %s already has a row for %d (row %d)", r.Project, r.Parcel, r.Year, first)
			} else {
				seen[key] = row
			}
		}
		if pr.ok {
			out = append(out, r)
		}
	}
	return out
}

// perfRow reads the cells of one data row.
type perfRow struct {
	row   int
	cells []string
	idx   []int
	id    string
	c     *collector
	ok    bool
}

func (pr *perfRow) value(name string) string {
	i := pr.idx[perfColumn(name)]
	if i < 0 || i >= len(pr.cells) {
		return ""
	}
	return strings.TrimSpace(pr.cells[i])
}

func (pr *perfRow) fail(col, code, format string, args ...any) {
	pr.ok = false
	pr.c.add(planner.Diagnostic{Code: code, Location: fmt.Sprintf("row %d", pr.row), ID: pr.id, Property: col, Message: fmt.Sprintf(format, args...), MessageZH: zhf(format, args...)})
}

// figure reads a required figure that must not be negative.
func (pr *perfRow) figure(col string) float64 {
	s := pr.value(col)
	if s == "" {
		pr.fail(col, "performance.value_missing", "the figure is missing (write 0 for none)")
		return 0
	}
	v, ok := parseNumber(s, false)
	switch {
	case !ok:
		pr.fail(col, "performance.number_invalid", "%q is not a number", s)
	case v < 0:
		pr.fail(col, "performance.range", "%s is negative", s)
	}
	return v
}

var reDateCN = regexp.MustCompile(`^([0-9]{4})\s*[-/年.]\s*([0-9]{1,2})\s*[-/月.]\s*([0-9]{1,2})\s*日?$`)

// date reads an optional date: YYYY-MM-DD, YYYY/M/D or YYYY年M月D日.
func (pr *perfRow) date(col string) string {
	s := pr.value(col)
	if s == "" {
		return ""
	}
	m := reDateCN.FindStringSubmatch(s)
	if m == nil {
		pr.fail(col, "performance.date_invalid", "%q is not a date (want YYYY-MM-DD)", s)
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		pr.fail(col, "performance.date_invalid", "%q is not a real date", s)
		return ""
	}
	return t.Format(time.DateOnly)
}

func (pr *perfRow) parse() monitor.Performance {
	var r monitor.Performance
	r.Project, r.Parcel, r.Enterprise = pr.value("project"), pr.value("parcel"), pr.value("enterprise")
	pr.id = r.Project
	if r.Project == "" {
		pr.fail("project", "performance.value_missing", "the project id is missing")
	}
	if r.Parcel == "" {
		pr.fail("parcel", "performance.value_missing", "the parcel id is missing")
	}
	r.Year = pr.year()
	r.Output = pr.figure("output")
	r.Tax = pr.figure("tax")
	r.Investment = pr.figure("investment")
	jobs := pr.figure("jobs")
	if jobs != math.Trunc(jobs) {
		pr.fail("jobs", "performance.number_invalid", "%v is not a whole number", jobs)
	}
	r.Jobs = int(jobs)
	r.EnergyTCE = pr.figure("energy_tce")
	r.FloorAreaM2 = pr.figure("floor_area_m2")
	r.Started, r.Completed, r.HaltedSince = pr.date("started"), pr.date("completed"), pr.date("halted_since")
	r.GovernmentDelay = pr.governmentDelay()
	pr.dateOrder(&r)
	if r.Output > 0 && r.Started == "" {
		pr.fail("output", "performance.value_invalid", "output %v without a start date: a project produces only once built", r.Output)
	}
	r.Row = pr.row
	return r
}

// year reads the row's year (2000 to 2100, "年" allowed); 0 when missing
// or wrong.
func (pr *perfRow) year() int {
	if s := strings.TrimSuffix(pr.value("year"), "年"); s == "" {
		pr.fail("year", "performance.value_missing", "the year is missing")
	} else if y, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || y < 2000 || y > 2100 {
		pr.fail("year", "performance.range", "%q is not a year between 2000 and 2100", s)
	} else {
		return y
	}
	return 0
}

// governmentDelay reads whether the government delayed the project (是 or
// 否, yes or no).
func (pr *perfRow) governmentDelay() bool {
	switch s := strings.ToLower(pr.value("government_delay")); s {
	case "", "否", "no", "false", "0":
	case "是", "yes", "true", "1":
		return true
	default:
		pr.fail("government_delay", "performance.value_invalid", "%q is not 是 or 否 (yes or no)", s)
	}
	return false
}

// dateOrder checks the dates in order: start, then completion or halt,
// none after the row's year.
func (pr *perfRow) dateOrder(r *monitor.Performance) {
	switch {
	case r.Completed != "" && r.Started == "":
		pr.fail("completed", "performance.date_order", "completed %s without a start date", r.Completed)
	case r.Completed != "" && r.Completed < r.Started:
		pr.fail("completed", "performance.date_order", "completed %s before it started %s", r.Completed, r.Started)
	}
	switch {
	case r.HaltedSince != "" && r.Started == "":
		pr.fail("halted_since", "performance.date_order", "halted %s without a start date", r.HaltedSince)
	case r.HaltedSince != "" && r.HaltedSince < r.Started:
		pr.fail("halted_since", "performance.date_order", "halted %s before it started %s", r.HaltedSince, r.Started)
	}
	if r.Year != 0 {
		end := fmt.Sprintf("%04d-12-31", r.Year)
		for _, d := range []struct{ col, v string }{{"started", r.Started}, {"completed", r.Completed}, {"halted_since", r.HaltedSince}} {
			if d.v > end {
				pr.fail(d.col, "performance.date_order", "%s is after the row's year %d", d.v, r.Year)
			}
		}
	}
}
