package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/landplan/landplan/planner"
)

// ProposalOptions configures ReadProposals.
type ProposalOptions struct {
	// File is the input's name, used in diagnostics.
	File string
	// Warn, when not nil, receives each warning (an unknown column, values
	// beyond the last header cell). Warnings never fail the read; they are
	// also carried in the returned *planner.Error when there is one.
	Warn func(planner.Diagnostic)
}

// column is one column of the proposals table (docs/product.md, "Proposals").
type column int

const (
	colID column = iota
	colName
	colIndustry
	colLandClass
	colAreaMu
	colMinAreaMu
	colPhases
	colPhase1Share
	colInvestment
	colOutput
	colTax
	colJobs
	colRDShare
	colPlotRatio
	colBuildingCoverage
	colFacilityShare
	colDormitoryShare
	colLifecycleYears
	colEnterpriseType
	colPreferredZone
	colRequestedMode
	colRequestedTermYears
	colFloorAreaM2
	colFacilityFloorAreaM2
	colEarliestYear
	colEnterprise
	numColumns
)

// columnNames are the English headers, indexed by column.
var columnNames = [numColumns]string{
	"id", "name", "industry", "land_class", "area_mu", "min_area_mu", "phases",
	"phase1_share", "investment", "output", "tax", "jobs", "rd_share",
	"plot_ratio", "building_coverage", "facility_share", "dormitory_share",
	"lifecycle_years", "enterprise_type", "preferred_zone",
	"requested_mode", "requested_term_years", "floor_area_m2", "facility_floor_area_m2", "earliest_year",
	"enterprise",
}

// columnAliases are the Chinese headers accepted for the columns that have one.
var columnAliases = map[string]column{
	"项目编号":   colID,
	"项目名称":   colName,
	"行业":     colIndustry,
	"用地类别":   colLandClass,
	"用地面积":   colAreaMu,
	"分期数":    colPhases,
	"投资":     colInvestment,
	"产值":     colOutput,
	"税收":     colTax,
	"就业":     colJobs,
	"容积率":    colPlotRatio,
	"建筑系数":   colBuildingCoverage,
	"配套用地比例": colFacilityShare,
	"宿舍比例":   colDormitoryShare,
	"生命周期":   colLifecycleYears,
	"企业类型":   colEnterpriseType,
	"申请供地方式": colRequestedMode,
	"申请年期":   colRequestedTermYears,
	"总建筑面积":  colFloorAreaM2,
	"配套建筑面积": colFacilityFloorAreaM2,
	"最早用地年份": colEarliestYear,
	"企业名称":   colEnterprise,
}

// requiredColumns must be present in the header.
var requiredColumns = []column{colID, colIndustry, colAreaMu}

// enterpriseTypeAliases maps Chinese enterprise-type names to the keys of
// planner.EnterpriseTypeNames.
var enterpriseTypeAliases = map[string]string{
	"大型企业":   "large",
	"大型":     "large",
	"中小企业":   "sme",
	"中小型企业":  "sme",
	"初创企业":   "startup",
	"初创":     "startup",
	"高新技术企业": "high_tech",
	"高新技术":   "high_tech",
	"专精特新":   "specialized",
	"专精特新企业": "specialized",
	"瞪羚企业":   "gazelle",
	"瞪羚":     "gazelle",
	"独角兽企业":  "unicorn",
	"独角兽":    "unicorn",
}

// landClassAliases maps the Chinese names of the industrial land classes.
var landClassAliases = map[string]int{"一类": 1, "二类": 2, "三类": 3, "一类工业用地": 1, "二类工业用地": 2, "三类工业用地": 3}

// ReadProposals reads project proposals from a CSV or XLSX spreadsheet
// (docs/product.md, "Proposals"). An input starting with the zip signature "PK\x03\x04" is
// read as XLSX (its first sheet); anything else as CSV in UTF-8, UTF-8 with
// a byte-order mark, or GB18030/GBK. Headers are matched case-insensitively
// after trimming, in English or by their Chinese aliases, and a trailing
// unit in brackets ("用地面积(亩)") is ignored.
//
// Every problem found is returned in one *planner.Error of kind
// planner.KindInvalid, with the file, the row (as a spreadsheet numbers
// it, the header being row 1), the id and the column of each. Defaults:
// min_area_mu = area_mu; phases = 1; phase1_share = 1 for one phase and
// 1/phases otherwise. The optional columns of what the enterprise asks for
// and of its floor areas (requested_mode, requested_term_years,
// floor_area_m2, facility_floor_area_m2, earliest_year) stay empty
// (nil, "" or 0) when absent; years may carry the unit 年 ("30年").
func ReadProposals(r io.Reader, opt ProposalOptions) ([]planner.Proposal, error) {
	c := &collector{file: opt.File, warn: opt.Warn}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read proposals from %s: %w", displayName(opt.File), err)
	}
	rows, ok := tableRows(b, "proposal", true, c)
	if !ok {
		return nil, c.err("proposals")
	}
	return parseProposals(rows, c)
}

// displayName returns file, or a stand-in when it is empty.
func displayName(file string) string {
	if file == "" {
		return "input"
	}
	return file
}

// rowSource yields the rows of a table with their spreadsheet row numbers
// (from 1). next returns ok=false at the end; err is a syntax error of the
// file, reported where it happened.
type rowSource interface {
	next() (row int, cells []string, ok bool, err error)
}

// csvSource reads CSV records, numbering them as a spreadsheet does: a
// blank line is an empty row, a quoted line break does not start one.
type csvSource struct {
	text string
	r    *csv.Reader
	prev int64
	row  int
}

func csvRows(text string) *csvSource {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return &csvSource{text: text, r: r}
}

func (s *csvSource) next() (int, []string, bool, error) {
	rec, err := s.r.Read()
	if err == io.EOF {
		return 0, nil, false, nil
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return s.row + 1, nil, false, fmt.Errorf("line %d, column %d: %w", pe.Line, pe.Column, pe.Err)
		}
		return s.row + 1, nil, false, err
	}
	off := s.r.InputOffset()
	chunk := s.text[s.prev:off]
	s.prev = off
	// encoding/csv skips empty lines; count them as the empty rows a
	// spreadsheet shows.
	for {
		switch {
		case strings.HasPrefix(chunk, "\n"):
			chunk = chunk[1:]
		case strings.HasPrefix(chunk, "\r\n"):
			chunk = chunk[2:]
		default:
			s.row++
			return s.row, rec, true, nil
		}
		s.row++
	}
}

// sliceSource yields rows already in memory, row i being row i+1.
type sliceSource struct {
	rows [][]string
	i    int
}

func (s *sliceSource) next() (int, []string, bool, error) {
	if s.i >= len(s.rows) {
		return 0, nil, false, nil
	}
	s.i++
	return s.i, s.rows[s.i-1], true, nil
}

// blank reports whether every cell is empty or white space.
func blank(cells []string) bool {
	for _, v := range cells {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

var unitSuffix = regexp.MustCompile(`\s*[(（][^()（）]*[)）]\s*$`)

// normaliseHeader trims a header cell, drops a trailing unit in brackets and
// lower-cases it.
func normaliseHeader(h string) string {
	h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
	if s := unitSuffix.ReplaceAllString(h, ""); s != "" {
		h = s
	}
	return strings.ToLower(strings.TrimSpace(h))
}

// lookupColumn returns the column a normalised header names.
func lookupColumn(h string) (column, bool) {
	for i, n := range columnNames {
		if n == h {
			return column(i), true
		}
	}
	c, ok := columnAliases[h]
	return c, ok
}

// parseProposals reads the header and the data rows of a table.
func parseProposals(src rowSource, c *collector) ([]planner.Proposal, error) {
	headerRow, header, ok := readHeader(src, c)
	if !ok {
		return nil, c.err("proposals")
	}
	idx := columnIndex(header, headerRow, c)
	if c.errors > 0 {
		return nil, c.err("proposals")
	}

	out := readProposalRows(src, header, &idx, c)
	if c.errors > 0 {
		return nil, c.err("proposals")
	}
	if len(out) == 0 {
		c.add(planner.Diagnostic{Code: "proposal.no_rows", Message: fmt.Sprintf("the file has a header (row %d) but no proposal rows", headerRow)})
		return nil, c.err("proposals")
	}
	return out, nil
}

// readHeader reads the header: the first row that is not blank; false
// when the file ends first or cannot be read.
func readHeader(src rowSource, c *collector) (int, []string, bool) {
	var (
		headerRow int
		header    []string
	)
	for {
		row, cells, ok, err := src.next()
		if err != nil {
			c.add(planner.Diagnostic{Code: "proposal.format", Location: fmt.Sprintf("row %d", row), Message: err.Error()})
			return 0, nil, false
		}
		if !ok {
			c.add(planner.Diagnostic{Code: "proposal.file_empty", Message: "the file is empty: want a header row and one row per proposal"})
			return 0, nil, false
		}
		if !blank(cells) {
			headerRow, header = row, slices.Clone(cells)
			break
		}
	}
	return headerRow, header, true
}

// columnIndex maps each proposal column to its place in the header (-1
// when absent), noting unknown, duplicate and missing required columns.
func columnIndex(header []string, headerRow int, c *collector) [numColumns]int {
	var idx [numColumns]int
	for i := range idx {
		idx[i] = -1
	}
	for i, h := range header {
		name := normaliseHeader(h)
		if name == "" {
			continue
		}
		col, ok := lookupColumn(name)
		if !ok {
			c.add(planner.Diagnostic{Severity: planner.SeverityWarning, Code: "proposal.column_unknown", Location: fmt.Sprintf("row %d", headerRow), Property: strings.TrimSpace(h),
				Message: fmt.Sprintf("column %d is not a proposal column; its values are ignored", i+1)})
			continue
		}
		if prev := idx[col]; prev >= 0 {
			c.add(planner.Diagnostic{Code: "proposal.column_duplicate", Location: fmt.Sprintf("row %d", headerRow), Property: columnNames[col],
				Message: fmt.Sprintf("columns %d (%q) and %d (%q) both give %s", prev+1, strings.TrimSpace(header[prev]), i+1, strings.TrimSpace(h), columnNames[col])})
			continue
		}
		idx[col] = i
	}
	for _, col := range requiredColumns {
		if idx[col] < 0 {
			c.add(planner.Diagnostic{Code: "proposal.column_missing", Location: fmt.Sprintf("row %d", headerRow), Property: columnNames[col],
				Message: fmt.Sprintf("required column %q is missing from the header", columnNames[col])})
		}
	}
	return idx
}

// readProposalRows reads the proposal rows after the header, skipping
// blank ones; a row with an error, or with an id used before, is left out.
func readProposalRows(src rowSource, header []string, idx *[numColumns]int, c *collector) []planner.Proposal {
	var (
		out  []planner.Proposal
		seen = make(map[string]int) // id -> row
	)
	for {
		row, cells, ok, err := src.next()
		if err != nil {
			c.add(planner.Diagnostic{Code: "proposal.format", Location: fmt.Sprintf("row %d", row), Message: err.Error()})
			break
		}
		if !ok {
			break
		}
		if blank(cells) {
			continue
		}
		p, good := parseProposalRow(row, cells, header, idx, c)
		if p.ID != "" {
			if first, dup := seen[p.ID]; dup {
				c.add(planner.Diagnostic{Code: "proposal.id_duplicate", Location: fmt.Sprintf("row %d", row), ID: p.ID, Property: "id",
					Message: fmt.Sprintf("id %q is also used in row %d", p.ID, first)})
				good = false
			} else {
				seen[p.ID] = row
			}
		}
		if good {
			out = append(out, p)
		}
	}
	return out
}

// rowParser reads the cells of one data row.
type rowParser struct {
	row   int
	cells []string
	idx   *[numColumns]int
	id    string
	c     *collector
	ok    bool
}

func (rp *rowParser) loc() string { return fmt.Sprintf("row %d", rp.row) }

// value returns the trimmed cell of col, "" when the column is absent or
// the row is short.
func (rp *rowParser) value(col column) string {
	i := rp.idx[col]
	if i < 0 || i >= len(rp.cells) {
		return ""
	}
	return strings.TrimSpace(rp.cells[i])
}

func (rp *rowParser) fail(col column, code, format string, args ...any) {
	rp.ok = false
	rp.c.add(planner.Diagnostic{Code: code, Location: rp.loc(), ID: rp.id, Property: columnNames[col], Message: fmt.Sprintf(format, args...), MessageZH: zhf(format, args...)})
}

// isDecimal reports whether s is a plain decimal number: an optional sign,
// digits with at most one decimal point (at least one digit), and an
// optional exponent. It excludes what strconv.ParseFloat also takes (NaN,
// Inf, hexadecimal, underscores).
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, dot := 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			goto exponent
		}
	}
exponent:
	if digits == 0 {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != 'e' && s[i] != 'E' {
		return false
	}
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if i == len(s) {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// stripThousands removes the thousands separators of a number written as
// "1,234,567.5"; it returns s unchanged when the commas are not in groups
// of three before the decimal point.
func stripThousands(s string) string {
	if !strings.Contains(s, ",") {
		return s
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	sign := ""
	if intPart != "" && (intPart[0] == '+' || intPart[0] == '-') {
		sign, intPart = intPart[:1], intPart[1:]
	}
	groups := strings.Split(intPart, ",")
	for i, g := range groups {
		if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
			return s
		}
	}
	if strings.Contains(frac, ",") {
		return s
	}
	return sign + strings.Join(groups, "") + frac
}

// parseNumber reads a decimal number as spreadsheets write it: thousands
// separators ("1,234.5") and, when percent is true, a trailing "%"
// ("7%" = 0.07) are accepted. NaN, infinities and hexadecimal forms are not.
func parseNumber(s string, percent bool) (float64, bool) {
	div := 1.0
	if percent && strings.HasSuffix(s, "%") {
		s, div = strings.TrimSpace(strings.TrimSuffix(s, "%")), 100
	}
	s = stripThousands(s)
	if !isDecimal(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v / div, true
}

// number reads an optional number of col: never negative, between 0 and 1
// for a share, greater than 0 when strictlyPositive. It returns
// present=false for an empty cell or a bad value (which is reported).
func (rp *rowParser) number(col column, share bool, strictlyPositive bool) (v float64, present bool) {
	s := rp.value(col)
	if s == "" {
		return 0, false
	}
	v, ok := parseNumber(s, share)
	if !ok {
		rp.fail(col, "proposal.number_invalid", "%q is not a number", s)
		return 0, false
	}
	switch {
	case share && (v < 0 || v > 1):
		rp.fail(col, "proposal.range", "%s is a share and must lie between 0 and 1", s)
		return 0, false
	case strictlyPositive && v <= 0:
		rp.fail(col, "proposal.range", "%s must be greater than 0", s)
		return 0, false
	case v < 0:
		rp.fail(col, "proposal.range", "%s is negative", s)
		return 0, false
	}
	return v, true
}

// whole reads an optional whole number of col that must be at least min;
// ok is false for an empty cell or a bad value (which is reported).
func (rp *rowParser) whole(col column, min int) (int, bool) {
	s := rp.value(col)
	if s == "" {
		return 0, false
	}
	v, ok := parseNumber(s, false)
	if !ok || v != math.Trunc(v) {
		rp.fail(col, "proposal.number_invalid", "%q is not a whole number", s)
		return 0, false
	}
	if v < float64(min) || v > math.MaxInt32 {
		rp.fail(col, "proposal.range", "%s must be a whole number of at least %d", s, min)
		return 0, false
	}
	return int(v), true
}

// optional returns a pointer to v when present, else nil.
func optional(v float64, present bool) *float64 {
	if !present {
		return nil
	}
	return &v
}

// parseProposalRow converts one data row; good is false when it has an error.
func parseProposalRow(row int, cells, header []string, idx *[numColumns]int, c *collector) (planner.Proposal, bool) {
	rp := &rowParser{row: row, cells: cells, idx: idx, c: c, ok: true}
	var p planner.Proposal

	p.ID = rp.value(colID)
	rp.id = p.ID
	if p.ID == "" {
		rp.fail(colID, "proposal.value_missing", "the required id is empty")
	}
	if len(cells) > len(header) && !blank(cells[len(header):]) {
		c.add(planner.Diagnostic{Severity: planner.SeverityWarning, Code: "proposal.extra_values", Location: rp.loc(), ID: p.ID,
			Message: fmt.Sprintf("the row has values in column %d and beyond, where the header has no name; they are ignored", len(header)+1)})
	}
	p.Name = rp.value(colName)
	p.Industry = strings.ToLower(rp.value(colIndustry))
	if p.Industry == "" {
		rp.fail(colIndustry, "proposal.value_missing", "the required industry is empty")
	}
	rp.landClass(&p)
	rp.areas(&p)
	rp.phases(&p)
	p.Investment, _ = rp.number(colInvestment, false, false)
	p.Output, _ = rp.number(colOutput, false, false)
	p.Tax, _ = rp.number(colTax, false, false)
	p.Jobs, _ = rp.whole(colJobs, 0)
	p.RDShare = optional(rp.number(colRDShare, true, false))
	p.PlotRatio = optional(rp.number(colPlotRatio, false, false))
	p.BuildingCoverage = optional(rp.number(colBuildingCoverage, true, false))
	p.FacilityShare = optional(rp.number(colFacilityShare, true, false))
	p.DormitoryShare = optional(rp.number(colDormitoryShare, true, false))
	p.LifecycleYears = optional(rp.number(colLifecycleYears, false, true))

	rp.enterpriseTypes(&p)
	p.PreferredZone = rp.value(colPreferredZone)
	p.Enterprise = rp.value(colEnterprise)
	rp.request(&p)
	rp.floorAreas(&p)
	rp.earliestYear(&p)
	return p, rp.ok
}

// landClass reads the industrial land class (1, 2, 3 or an alias).
func (rp *rowParser) landClass(p *planner.Proposal) {
	if s := rp.value(colLandClass); s != "" {
		if v, ok := landClassAliases[s]; ok {
			p.LandClass = v
		} else if v, ok := parseNumber(s, false); ok && (v == 1 || v == 2 || v == 3) {
			p.LandClass = int(v)
		} else {
			rp.fail(colLandClass, "proposal.land_class", "%q is not an industrial land class: want 1, 2 or 3", s)
		}
	}
}

// areas reads area_mu (required) and min_area_mu (area_mu when empty,
// never more).
func (rp *rowParser) areas(p *planner.Proposal) {
	if rp.value(colAreaMu) == "" {
		rp.fail(colAreaMu, "proposal.value_missing", "the required area_mu is empty")
	}
	area, hasArea := rp.number(colAreaMu, false, true)
	p.AreaMu = area
	minArea, hasMin := rp.number(colMinAreaMu, false, true)
	switch {
	case hasMin && hasArea && minArea > area:
		rp.fail(colMinAreaMu, "proposal.min_area", "min_area_mu %s is greater than area_mu %s", rp.value(colMinAreaMu), rp.value(colAreaMu))
	case hasMin:
		p.MinAreaMu = minArea
	default:
		p.MinAreaMu = area
	}
}

// phases reads the number of phases and phase 1's share of the land.
func (rp *rowParser) phases(p *planner.Proposal) {
	p.Phases = 1
	if v, ok := rp.whole(colPhases, 1); ok {
		p.Phases = v
	}
	share, hasShare := rp.number(colPhase1Share, true, false)
	switch {
	case !hasShare && p.Phases == 1:
		p.Phase1Share = 1
	case !hasShare:
		p.Phase1Share = 1 / float64(p.Phases)
	case p.Phases == 1 && share != 1:
		rp.fail(colPhase1Share, "proposal.phases", "phase1_share is %s but the project has a single phase (phases = 1): leave it empty or write 1", rp.value(colPhase1Share))
	case share == 0:
		rp.fail(colPhase1Share, "proposal.phases", "phase1_share is 0: phase 1 of a %d-phase project needs some land", p.Phases)
	default:
		p.Phase1Share = share
	}
}

// enterpriseTypes reads the enterprise types, separated by ;, ； or 、
// (English names or their Chinese aliases), each once.
func (rp *rowParser) enterpriseTypes(p *planner.Proposal) {
	if s := rp.value(colEnterpriseType); s != "" {
		for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '；' || r == '、' }) {
			t = strings.TrimSpace(t)
			if t == "" {
				continue
			}
			key := strings.ToLower(t)
			if alias, ok := enterpriseTypeAliases[t]; ok {
				key = alias
			}
			if !slices.Contains(planner.EnterpriseTypeNames, key) {
				rp.fail(colEnterpriseType, "proposal.enterprise_type", "%q is not an enterprise type: want %s (separated by ;)", t, strings.Join(planner.EnterpriseTypeNames, ", "))
				continue
			}
			if !slices.Contains(p.EnterpriseTypes, key) {
				p.EnterpriseTypes = append(p.EnterpriseTypes, key)
			}
		}
	}
}

// earliestYear reads the earliest year the project may start.
func (rp *rowParser) earliestYear(p *planner.Proposal) {
	if v, s, ok := rp.yearNumber(colEarliestYear); ok {
		if v != math.Trunc(v) || v < minEarliestYear || v > maxEarliestYear {
			rp.fail(colEarliestYear, "proposal.range", "%s is not a plausible year: want a whole year from %d to %d", s, minEarliestYear, maxEarliestYear)
		} else {
			p.EarliestYear = int(v)
		}
	}
}

// The years accepted in earliest_year: a programme year of this century.
const (
	minEarliestYear = 2000
	maxEarliestYear = 2100
)

// yearNumber reads an optional number of years, or a year, of col, written
// as a plain number or with the unit 年 after it ("30", "30年"). present is
// false for an empty cell or a value that is not a number (which is
// reported); s is the value as written.
func (rp *rowParser) yearNumber(col column) (v float64, s string, present bool) {
	s = rp.value(col)
	if s == "" {
		return 0, "", false
	}
	v, ok := parseNumber(strings.TrimSpace(strings.TrimSuffix(s, "年")), false)
	if !ok {
		rp.fail(col, "proposal.number_invalid", "%q is not a number", s)
		return 0, s, false
	}
	return v, s, true
}

// request reads the supply mode and the term the enterprise asks for
// (12.3). The mode is a key of planner.SupplyModes or its Chinese name;
// the term a whole number of years from 1 to the statutory
// planner.StatutoryMaxTermYears. Whether the mode and term are lawful
// together is for the rules to say, not the reader.
func (rp *rowParser) request(p *planner.Proposal) {
	if s := rp.value(colRequestedMode); s != "" {
		m, err := planner.ParseSupplyMode(s)
		if err != nil {
			// Keys are accepted in any case, as industries are.
			if m2, err2 := planner.ParseSupplyMode(strings.ToLower(s)); err2 == nil {
				m, err = m2, nil
			}
		}
		if err != nil {
			rp.fail(colRequestedMode, "proposal.requested_mode", "%v", err)
		} else {
			p.RequestedMode = m
		}
	}
	if v, s, ok := rp.yearNumber(colRequestedTermYears); ok {
		switch {
		case v != math.Trunc(v):
			rp.fail(colRequestedTermYears, "proposal.term", "%s is not a whole number of years", s)
		case v <= 0:
			rp.fail(colRequestedTermYears, "proposal.term", "%s: a requested term must be at least 1 year", s)
		case v > planner.StatutoryMaxTermYears:
			rp.fail(colRequestedTermYears, "proposal.term", "%s years is longer than the statutory maximum term of industrial land, %d years",
				strconv.FormatFloat(v, 'f', -1, 64), planner.StatutoryMaxTermYears)
		default:
			t := int(v)
			p.RequestedTermYears = &t
		}
	}
}

// floorAreas reads the planned total floor area (> 0) and the floor area
// of office and living facilities (≥ 0, at most the total), m², that
// clause 13 compares. A facility floor area needs the total beside it.
func (rp *rowParser) floorAreas(p *planner.Proposal) {
	total, hasTotal := rp.number(colFloorAreaM2, false, true)
	p.FloorAreaM2 = optional(total, hasTotal)
	facility, hasFacility := rp.number(colFacilityFloorAreaM2, false, false)
	switch {
	case !hasFacility:
	case !hasTotal && rp.value(colFloorAreaM2) == "":
		rp.fail(colFacilityFloorAreaM2, "proposal.floor_area", "facility_floor_area_m2 %s is given without floor_area_m2: clause 13 caps the facilities' share of the total floor area, so give both or neither",
			rp.value(colFacilityFloorAreaM2))
	case !hasTotal:
		// The total is bad and reported already.
	case facility > total:
		rp.fail(colFacilityFloorAreaM2, "proposal.floor_area", "facility_floor_area_m2 %s is greater than floor_area_m2 %s",
			rp.value(colFacilityFloorAreaM2), rp.value(colFloorAreaM2))
	default:
		p.FacilityFloorAreaM2 = &facility
	}
}
