package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// wantDiag is a diagnostic a test expects: every non-empty field must match
// exactly, except Message, which must be contained in the message.
type wantDiag struct {
	Code, Location, ID, Property, Message string
}

// matchDiags checks that err is a KindInvalid *planner.Error for file
// holding each wanted error diagnostic.
func matchDiags(t *testing.T, err error, file string, want []wantDiag) *planner.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %d diagnostics", len(want))
	}
	var pe *planner.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v is a %T, want *planner.Error", err, err)
	}
	if pe.Kind != planner.KindInvalid {
		t.Errorf("kind = %v, want invalid", pe.Kind)
	}
	for _, w := range want {
		found := false
		for _, d := range pe.Diagnostics {
			if d.Severity == planner.SeverityError && d.Code == w.Code && d.File == file && d.Location == w.Location &&
				d.ID == w.ID && d.Property == w.Property && strings.Contains(d.Message, w.Message) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no diagnostic %+v in:\n%s", w, dumpDiags(pe.Diagnostics))
		}
	}
	return pe
}

func dumpDiags(ds []planner.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "  %s [%s] %#v\n", d.Severity, d.Code, d)
	}
	return b.String()
}

func TestReadProposalsErrors(t *testing.T) {
	const h = "id,industry,area_mu,min_area_mu,phases,phase1_share,investment,tax,jobs,land_class,facility_share,enterprise_type\n"
	badGB := []byte("id,industry,area_mu\nP1,nev,10\nP2,\xff\xfe,12\n")
	latin1 := []byte("id,name,industry,area_mu\nP1,Caf\xe9,nev,10\n")
	tests := []struct {
		name  string
		input string
		want  []wantDiag
	}{
		{"empty file", "", []wantDiag{{Code: "proposal.file_empty", Message: "empty"}}},
		{"only a byte-order mark and blank lines", "\uFEFF\n\n", []wantDiag{{Code: "proposal.file_empty"}}},
		{"header only", h, []wantDiag{{Code: "proposal.no_rows", Message: "row 1"}}},
		{"header and blank rows only", h + ",,,,,,,,,,,\n\n", []wantDiag{{Code: "proposal.no_rows"}}},
		{"missing required column", "id,industry,investment\nP1,nev,100\n",
			[]wantDiag{{Code: "proposal.column_missing", Location: "row 1", Property: "area_mu", Message: `"area_mu"`}}},
		{"two missing columns", "name,area_mu\nx,10\n", []wantDiag{
			{Code: "proposal.column_missing", Location: "row 1", Property: "id"},
			{Code: "proposal.column_missing", Location: "row 1", Property: "industry"}}},
		{"column given twice", "id,项目编号,industry,area_mu\nP1,P1,nev,10\n",
			[]wantDiag{{Code: "proposal.column_duplicate", Location: "row 1", Property: "id", Message: `columns 1 ("id") and 2 ("项目编号")`}}},
		{"missing id", h + ",nev,10,,,,,,,,,\n", []wantDiag{{Code: "proposal.value_missing", Location: "row 2", Property: "id"}}},
		{"missing industry", h + "P1,,10,,,,,,,,,\n", []wantDiag{{Code: "proposal.value_missing", Location: "row 2", ID: "P1", Property: "industry"}}},
		{"missing area", h + "P1,nev,,,,,,,,,,\n", []wantDiag{{Code: "proposal.value_missing", Location: "row 2", ID: "P1", Property: "area_mu"}}},
		{"short row lacks the area", "id,industry,area_mu\nP1,nev\n", []wantDiag{{Code: "proposal.value_missing", Location: "row 2", ID: "P1", Property: "area_mu"}}},
		{"zero area", h + "P1,nev,0,,,,,,,,,\n", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "area_mu", Message: "greater than 0"}}},
		{"non-numeric investment", h + "P1,nev,10,,,,abc,,,,,\n", []wantDiag{{Code: "proposal.number_invalid", Location: "row 2", ID: "P1", Property: "investment", Message: `"abc"`}}},
		{"NaN is not a number", h + "P1,nev,NaN,,,,,,,,,\n", []wantDiag{{Code: "proposal.number_invalid", Location: "row 2", ID: "P1", Property: "area_mu"}}},
		{"hexadecimal is not a number", h + "P1,nev,0x10,,,,,,,,,\n", []wantDiag{{Code: "proposal.number_invalid", Location: "row 2", ID: "P1", Property: "area_mu"}}},
		{"negative tax", h + "P1,nev,10,,,,,-5,,,,\n", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "tax", Message: "negative"}}},
		{"share above 1", h + "P1,nev,10,,,,,,,,1.5,\n", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "facility_share", Message: "between 0 and 1"}}},
		{"percent share above 100%", h + "P1,nev,10,,,,,,,,120%,\n", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "facility_share"}}},
		{"negative share", h + "P1,nev,10,,,,,,,,-0.1,\n", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "facility_share"}}},
		{"land class 4", h + "P1,nev,10,,,,,,,4,,\n", []wantDiag{{Code: "proposal.land_class", Location: "row 2", ID: "P1", Property: "land_class", Message: `"4"`}}},
		{"land class text", h + "P1,nev,10,,,,,,,heavy,,\n", []wantDiag{{Code: "proposal.land_class", Location: "row 2", ID: "P1", Property: "land_class"}}},
		{"zero phases", h + "P1,nev,10,,0,,,,,,,\n", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "phases", Message: "at least 1"}}},
		{"fractional phases", h + "P1,nev,10,,1.5,,,,,,,\n", []wantDiag{{Code: "proposal.number_invalid", Location: "row 2", ID: "P1", Property: "phases", Message: "whole number"}}},
		{"fractional jobs", h + "P1,nev,10,,,,,,2.5,,,\n", []wantDiag{{Code: "proposal.number_invalid", Location: "row 2", ID: "P1", Property: "jobs"}}},
		{"phase-1 share for one phase", h + "P1,nev,10,,1,0.5,,,,,,\n", []wantDiag{{Code: "proposal.phases", Location: "row 2", ID: "P1", Property: "phase1_share"}}},
		{"zero phase-1 share", h + "P1,nev,10,,2,0,,,,,,\n", []wantDiag{{Code: "proposal.phases", Location: "row 2", ID: "P1", Property: "phase1_share"}}},
		{"min area above area", h + "P1,nev,10,12,,,,,,,,\n", []wantDiag{{Code: "proposal.min_area", Location: "row 2", ID: "P1", Property: "min_area_mu", Message: "12 is greater than area_mu 10"}}},
		{"unknown enterprise type", h + "P1,nev,10,,,,,,,,,sme;giant\n", []wantDiag{{Code: "proposal.enterprise_type", Location: "row 2", ID: "P1", Property: "enterprise_type", Message: `"giant"`}}},
		{"duplicate id names both rows", h + "P1,nev,10,,,,,,,,,\nP2,nev,10,,,,,,,,,\nP1,ict,5,,,,,,,,,\n",
			[]wantDiag{{Code: "proposal.id_duplicate", Location: "row 4", ID: "P1", Property: "id", Message: "also used in row 2"}}},
		{"blank lines count as rows", h + "\n\nP1,nev,x,,,,,,,,,\n", []wantDiag{{Code: "proposal.number_invalid", Location: "row 4", ID: "P1", Property: "area_mu"}}},
		{"quoted line break stays in its row", "id,name,industry,area_mu\nP1,\"line one\nline two\",nev,10\nP2,x,nev,-1\n",
			[]wantDiag{{Code: "proposal.range", Location: "row 3", ID: "P2", Property: "area_mu"}}},
		{"bare quote", "id,industry,area_mu\nP1,ne\"v,10\n", []wantDiag{{Code: "proposal.format", Location: "row 2", Message: "line 2"}}},
		{"bytes neither UTF-8 nor GB18030", string(badGB), []wantDiag{{Code: "proposal.encoding", Location: "row 3",
			Message: fmt.Sprintf("byte offset %d", bytes.IndexByte(badGB, 0xff))}}},
		{"Latin-1 text", string(latin1), []wantDiag{{Code: "proposal.encoding", Location: "row 2",
			Message: fmt.Sprintf("byte offset %d", bytes.IndexByte(latin1, 0xe9))}}},
		{"control character", "id,industry,area_mu\nP1,nev\x00,10\n", []wantDiag{{Code: "proposal.encoding", Location: "row 2", Message: "byte offset 26: control character U+0000"}}},
		{"replacement character", "id,industry,area_mu\nP1,n\uFFFDv,10\n", []wantDiag{{Code: "proposal.encoding", Location: "row 2", Message: "U+FFFD"}}},
		{"UTF-16", "\xff\xfei\x00d\x00", []wantDiag{{Code: "proposal.encoding", Location: "row 1", Message: "UTF-16"}}},
		{"old xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", []wantDiag{{Code: "proposal.format", Message: ".xls"}}},
		{"zip that is not a workbook", "PK\x03\x04garbage", []wantDiag{{Code: "proposal.format", Message: "XLSX"}}},
		{"problems of several rows all reported", h + "P1,nev,-1,,,,,,,,,\nP2,nev,10,,,,,,,,2,\n", []wantDiag{
			{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "area_mu"},
			{Code: "proposal.range", Location: "row 3", ID: "P2", Property: "facility_share"}}},
	}
	// The optional columns of the request and the floor areas.
	const r = "id,industry,area_mu,requested_mode,requested_term_years,floor_area_m2,facility_floor_area_m2,earliest_year\n"
	tests = append(tests, []struct {
		name  string
		input string
		want  []wantDiag
	}{
		{"unknown requested mode lists the modes", r + "P1,nev,10,lease,,,,\n", []wantDiag{{Code: "proposal.requested_mode", Location: "row 2", ID: "P1", Property: "requested_mode",
			Message: `unknown supply mode "lease" (want one of flexible_term 弹性年期出让, lease_then_transfer 先租后让, phased 分期供地, long_lease 长期租赁, transfer 出让)`}}},
		{"unknown Chinese requested mode", r + "P1,nev,10,划拨,,,,\n", []wantDiag{{Code: "proposal.requested_mode", Location: "row 2", ID: "P1", Property: "requested_mode", Message: `"划拨"`}}},
		{"term above the statutory 50 years", r + "P1,nev,10,transfer,60,,,\n", []wantDiag{{Code: "proposal.term", Location: "row 2", ID: "P1", Property: "requested_term_years", Message: "60 years is longer than the statutory maximum term of industrial land, 50 years"}}},
		{"term of 51 years with its unit", r + "P1,nev,10,,51年,,,\n", []wantDiag{{Code: "proposal.term", Location: "row 2", ID: "P1", Property: "requested_term_years", Message: "51 years is longer"}}},
		{"fractional term", r + "P1,nev,10,long_lease,12.5,,,\n", []wantDiag{{Code: "proposal.term", Location: "row 2", ID: "P1", Property: "requested_term_years", Message: "12.5 is not a whole number of years"}}},
		{"zero term", r + "P1,nev,10,,0,,,\n", []wantDiag{{Code: "proposal.term", Location: "row 2", ID: "P1", Property: "requested_term_years", Message: "at least 1 year"}}},
		{"negative term", r + "P1,nev,10,,-5,,,\n", []wantDiag{{Code: "proposal.term", Location: "row 2", ID: "P1", Property: "requested_term_years", Message: "at least 1 year"}}},
		{"term in words", r + "P1,nev,10,,fifty,,,\n", []wantDiag{{Code: "proposal.number_invalid", Location: "row 2", ID: "P1", Property: "requested_term_years", Message: `"fifty"`}}},
		{"zero floor area", r + "P1,nev,10,,,0,,\n", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "floor_area_m2", Message: "greater than 0"}}},
		{"negative facility floor area", r + "P1,nev,10,,,10000,-1,\n", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "facility_floor_area_m2", Message: "negative"}}},
		{"non-numeric floor area", r + "P1,nev,10,,,big,,\n", []wantDiag{{Code: "proposal.number_invalid", Location: "row 2", ID: "P1", Property: "floor_area_m2", Message: `"big"`}}},
		{"facility floor area above the total", r + "P1,nev,10,,,\"12,000\",\"12,500\",\n", []wantDiag{{Code: "proposal.floor_area", Location: "row 2", ID: "P1", Property: "facility_floor_area_m2", Message: "12,500 is greater than floor_area_m2 12,000"}}},
		{"facility floor area without a total", r + "P1,nev,10,,,,1500,\n", []wantDiag{{Code: "proposal.floor_area", Location: "row 2", ID: "P1", Property: "facility_floor_area_m2", Message: "without floor_area_m2"}}},
		{"facility floor area without the total column", "id,industry,area_mu,配套建筑面积\nP1,nev,10,1500\n", []wantDiag{{Code: "proposal.floor_area", Location: "row 2", ID: "P1", Property: "facility_floor_area_m2"}}},
		{"year before 2000", r + "P1,nev,10,,,,,1999\n", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "earliest_year", Message: "1999 is not a plausible year: want a whole year from 2000 to 2100"}}},
		{"year after 2100", r + "P1,nev,10,,,,,2101\n", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "earliest_year"}}},
		{"two-digit year", r + "P1,nev,10,,,,,26\n", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "earliest_year"}}},
		{"fractional year", r + "P1,nev,10,,,,,2026.5\n", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "earliest_year"}}},
		{"year as a date", r + "P1,nev,10,,,,,2026-03-01\n", []wantDiag{{Code: "proposal.number_invalid", Location: "row 2", ID: "P1", Property: "earliest_year"}}},
		{"every new column wrong in one row", r + "P1,nev,10,rent,60,-3,5,1900\n", []wantDiag{
			{Code: "proposal.requested_mode", Location: "row 2", ID: "P1", Property: "requested_mode"},
			{Code: "proposal.term", Location: "row 2", ID: "P1", Property: "requested_term_years"},
			{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "floor_area_m2"},
			{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "earliest_year"}}},
		{"request problems listed with the others", r + "P1,nev,-1,,,,,\nP2,nev,10,lease,,,,\nP3,nev,10,transfer,60,,,\n", []wantDiag{
			{Code: "proposal.range", Location: "row 2", ID: "P1", Property: "area_mu"},
			{Code: "proposal.requested_mode", Location: "row 3", ID: "P2", Property: "requested_mode"},
			{Code: "proposal.term", Location: "row 4", ID: "P3", Property: "requested_term_years"}}},
	}...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := ReadProposals(strings.NewReader(tc.input), ProposalOptions{File: "proposals.csv"})
			if ps != nil {
				t.Errorf("got %d proposals along with the error, want none", len(ps))
			}
			pe := matchDiags(t, err, "proposals.csv", tc.want)
			if pe != nil && !strings.HasPrefix(pe.Error(), "proposals.csv: ") {
				t.Errorf("message %q does not start with the file name", pe.Error())
			}
		})
	}
}

func TestReadProposalsCapsProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,industry,area_mu\n")
	for i := range 150 {
		fmt.Fprintf(&b, "P%d,nev,-%d\n", i, i+1)
	}
	_, err := ReadProposals(strings.NewReader(b.String()), ProposalOptions{File: "big.csv"})
	pe := matchDiags(t, err, "big.csv", []wantDiag{{Code: "proposal.range", Location: "row 2", ID: "P0", Property: "area_mu"}})
	if len(pe.Diagnostics) != MaxProblems {
		t.Errorf("kept %d diagnostics, want %d", len(pe.Diagnostics), MaxProblems)
	}
	if !strings.Contains(pe.Msg, "150 problems") || !strings.Contains(pe.Msg, "first 100") {
		t.Errorf("message %q does not give the total and the cap", pe.Msg)
	}
}

// f64 returns a pointer to v.
func f64(v float64) *float64 { return &v }

func TestReadProposalsValues(t *testing.T) {
	const csvText = "id,name,industry,land_class,area_mu,min_area_mu,phases,phase1_share,investment,output,tax,jobs,rd_share,plot_ratio,building_coverage,facility_share,dormitory_share,lifecycle_years,enterprise_type,preferred_zone\n" +
		"P1,柳州甲汽车零部件有限公司 年产30万套底盘件项目,Auto_Parts,2,60,40,3,0.5,\"18,000\",36000,1800,600,0.03,1.2,0.5,12%,0.6,25,sme; specialized ;high_tech,柳州国家高新区\n" +
		"P2,,nev,,30,,2,,,,,,,,,,,,,\n" +
		"P3,,ict,1,12.5,,,,,,,,,,,,,,,\n"
	ps, err := ReadProposals(strings.NewReader(csvText), ProposalOptions{File: "p.csv"})
	if err != nil {
		t.Fatal(err)
	}
	want := []planner.Proposal{
		{ID: "P1", Name: "柳州甲汽车零部件有限公司 年产30万套底盘件项目", Industry: "auto_parts", LandClass: 2, AreaMu: 60, MinAreaMu: 40,
			Phases: 3, Phase1Share: 0.5, Investment: 18000, Output: 36000, Tax: 1800, Jobs: 600,
			RDShare: f64(0.03), PlotRatio: f64(1.2), BuildingCoverage: f64(0.5), FacilityShare: f64(0.12), DormitoryShare: f64(0.6),
			LifecycleYears: f64(25), EnterpriseTypes: []string{"sme", "specialized", "high_tech"}, PreferredZone: "柳州国家高新区"},
		{ID: "P2", Industry: "nev", AreaMu: 30, MinAreaMu: 30, Phases: 2, Phase1Share: 0.5},
		{ID: "P3", Industry: "ict", LandClass: 1, AreaMu: 12.5, MinAreaMu: 12.5, Phases: 1, Phase1Share: 1},
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d proposals, want %d", len(ps), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(ps[i], want[i]) {
			t.Errorf("proposal %d:\n got %+v\nwant %+v", i, ps[i], want[i])
		}
	}
}

// intp returns a pointer to v.
func intp(v int) *int { return &v }

// requestFields are the optional proposal fields of the enterprise's
// request and floor areas.
type requestFields struct {
	Mode                string
	Term                *int
	FloorArea, Facility *float64
	EarliestYear        int
}

func requestOf(p planner.Proposal) requestFields {
	return requestFields{p.RequestedMode, p.RequestedTermYears, p.FloorAreaM2, p.FacilityFloorAreaM2, p.EarliestYear}
}

// TestReadProposalsRequest reads the optional columns of the supply mode
// and term asked for, the floor areas and the earliest year, under their
// English and Chinese headers, in CSV (UTF-8 and GB18030) and XLSX.
func TestReadProposalsRequest(t *testing.T) {
	const english = "id,industry,area_mu,requested_mode,requested_term_years,floor_area_m2,facility_floor_area_m2,earliest_year\n" +
		"P1,nev,80,transfer,50,\"64,000\",8000,2026\n" +
		"P2,ict,20,Flexible_Term,20,,,\n" +
		"P3,equipment,40,,,26680,0,\n" +
		"P4,auto_parts,30,long_lease,,,,2027\n" +
		"P5,green,15,,,,,\n"
	const chinese = "项目编号,行业,用地面积（亩）,申请供地方式,申请年期（年）,总建筑面积（m²）,配套建筑面积（m²）,最早用地年份\n" +
		"LD-01,nev,80,出让,50年,64000,8000,2026年\n" +
		"LD-02,ict,20,弹性年期出让,20,,,\n" +
		"LD-03,equipment,40,,,26680,0,\n" +
		"LD-04,auto_parts,30,长期租赁,,,,2027\n" +
		"LD-05,green,15,先租后让,,,,\n"
	want := []requestFields{
		{Mode: planner.ModeTransfer, Term: intp(50), FloorArea: f64(64000), Facility: f64(8000), EarliestYear: 2026},
		{Mode: planner.ModeFlexibleTerm, Term: intp(20)},
		{FloorArea: f64(26680), Facility: f64(0)},
		{Mode: planner.ModeLongLease, EarliestYear: 2027},
		{},
	}
	wantChinese := slices.Clone(want)
	wantChinese[4] = requestFields{Mode: planner.ModeLeaseThenTransfer}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(chinese))
	if err != nil {
		t.Fatal(err)
	}
	xlsx := writeXLSX(t, 1, [][]any{
		{"项目编号", "行业", "用地面积", "申请供地方式", "申请年期", "总建筑面积", "配套建筑面积", "最早用地年份"},
		{"X1", "nev", 80, "transfer", 50, 64000, 8000, 2026},
		{"X2", "ict", 20, "flexible_term", 20, nil, nil, nil},
		{"X3", "equipment", 40, nil, nil, 26680, 0, nil},
		{"X4", "auto_parts", 30, "长期租赁", nil, nil, nil, 2027},
		{"X5", "green", 15},
	}, "")
	tests := []struct {
		name  string
		input []byte
		want  []requestFields
	}{
		{"English CSV", []byte(english), want},
		{"Chinese headers with units, GB18030", gb, wantChinese},
		{"XLSX with number cells", xlsx, want},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var warnings []planner.Diagnostic
			ps, err := ReadProposals(bytes.NewReader(tc.input), ProposalOptions{File: "r", Warn: func(d planner.Diagnostic) { warnings = append(warnings, d) }})
			if err != nil {
				t.Fatal(err)
			}
			if len(warnings) > 0 {
				t.Errorf("warnings:\n%s", dumpDiags(warnings))
			}
			if len(ps) != len(tc.want) {
				t.Fatalf("got %d proposals, want %d", len(ps), len(tc.want))
			}
			for i, w := range tc.want {
				if got := requestOf(ps[i]); !reflect.DeepEqual(got, w) {
					t.Errorf("proposal %s: got %s, want %s", ps[i].ID, fmtRequest(got), fmtRequest(w))
				}
			}
		})
	}
}

// fmtRequest shows the values behind the pointers of r.
func fmtRequest(r requestFields) string {
	show := func(v any) string {
		switch v := v.(type) {
		case *int:
			if v != nil {
				return fmt.Sprint(*v)
			}
		case *float64:
			if v != nil {
				return fmt.Sprint(*v)
			}
		}
		return "nil"
	}
	return fmt.Sprintf("{mode %q, term %s, floor area %s, facility %s, earliest year %d}", r.Mode, show(r.Term), show(r.FloorArea), show(r.Facility), r.EarliestYear)
}

// chineseCSV is a proposals table with the Chinese header aliases, units in
// brackets and Chinese enterprise types and land classes.
const chineseCSV = "项目编号,项目名称,行业,用地类别,用地面积（亩）,分期数,投资(万元),产值,税收,就业,容积率,建筑系数,配套用地比例,宿舍比例,生命周期,企业类型\n" +
	"LD-2025-01,柳州乙新能源汽车有限公司 年产5万辆专用车项目,NEV,二类,80,2,24000,48000,2400,900,1.5,0.45,0.1,0.8,30,专精特新企业、高新技术企业\n" +
	"LD-2025-02,柳州丙电子科技有限公司 智能终端项目,ict,1,20,1,8000,16000,900,400,2.2,0.4,0.06,,12,中小企业\n"

func checkChinese(t *testing.T, ps []planner.Proposal) {
	t.Helper()
	if len(ps) != 2 {
		t.Fatalf("got %d proposals, want 2", len(ps))
	}
	p := ps[0]
	if p.ID != "LD-2025-01" || p.Name != "柳州乙新能源汽车有限公司 年产5万辆专用车项目" || p.Industry != "nev" || p.LandClass != 2 ||
		p.AreaMu != 80 || p.Phases != 2 || p.Phase1Share != 0.5 || p.Investment != 24000 || p.Jobs != 900 ||
		p.FacilityShare == nil || *p.FacilityShare != 0.1 || p.LifecycleYears == nil || *p.LifecycleYears != 30 ||
		!reflect.DeepEqual(p.EnterpriseTypes, []string{"specialized", "high_tech"}) {
		t.Errorf("first proposal read as %+v", p)
	}
	if ps[1].ID != "LD-2025-02" || ps[1].LandClass != 1 || !reflect.DeepEqual(ps[1].EnterpriseTypes, []string{"sme"}) || ps[1].DormitoryShare != nil {
		t.Errorf("second proposal read as %+v", ps[1])
	}
}

func TestReadProposalsEncodings(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(chineseCSV))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(gb, []byte(chineseCSV)) {
		t.Fatal("the GB18030 encoding equals the UTF-8 text; the test would prove nothing")
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(chineseCSV))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		input []byte
	}{
		{"UTF-8", []byte(chineseCSV)},
		{"UTF-8 with BOM", append([]byte("\xEF\xBB\xBF"), chineseCSV...)},
		{"GB18030", gb},
		{"GBK", gbk},
		{"CRLF line ends", []byte(strings.ReplaceAll(chineseCSV, "\n", "\r\n"))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := ReadProposals(bytes.NewReader(tc.input), ProposalOptions{File: "zh.csv"})
			if err != nil {
				t.Fatal(err)
			}
			checkChinese(t, ps)
		})
	}
}

func TestReadProposalsGB18030RowError(t *testing.T) {
	text := strings.Replace(chineseCSV, ",20,1,", ",-20,1,", 1)
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ReadProposals(bytes.NewReader(gb), ProposalOptions{File: "zh.csv"})
	matchDiags(t, err, "zh.csv", []wantDiag{{Code: "proposal.range", Location: "row 3", ID: "LD-2025-02", Property: "area_mu", Message: "greater than 0"}})
}

func TestReadProposalsWarnings(t *testing.T) {
	var got []planner.Diagnostic
	text := "id,industry,area_mu,remark,\nP1,nev,10,ok,\nP2,ict,5,,,stray\n"
	ps, err := ReadProposals(strings.NewReader(text), ProposalOptions{File: "w.csv", Warn: func(d planner.Diagnostic) { got = append(got, d) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 {
		t.Fatalf("got %d proposals, want 2", len(ps))
	}
	want := []planner.Diagnostic{
		{Severity: planner.SeverityWarning, Code: "proposal.column_unknown", File: "w.csv", Location: "row 1", Property: "remark", Message: "column 4 is not a proposal column; its values are ignored",
			MessageZH: "不是项目提案的列，其值被忽略"},
		{Severity: planner.SeverityWarning, Code: "proposal.extra_values", File: "w.csv", Location: "row 3", ID: "P2", Message: "the row has values in column 6 and beyond, where the header has no name; they are ignored",
			MessageZH: "该行在表头以外的列中有值，已忽略"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", dumpDiags(got), dumpDiags(want))
	}
}

// writeXLSX builds a workbook whose first sheet holds rows, starting at
// row first; a cell that parses as a number is stored as a number.
func writeXLSX(t *testing.T, first int, rows [][]any, percentCell string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, first+i)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if percentCell != "" {
		style, err := f.NewStyle(&excelize.Style{NumFmt: 9}) // 0%
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle(sheet, percentCell, percentCell, style); err != nil {
			t.Fatal(err)
		}
	}
	// A second sheet that must be ignored.
	if _, err := f.NewSheet("notes"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("notes", "A1", "not proposals"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadProposalsXLSX(t *testing.T) {
	rows := [][]any{
		{"项目编号", "行业", "用地面积", "配套用地比例", "企业类型"},
		{"X1", "auto_parts", 45.5, 0.07, "large"},
		{},
		{1002, "Equipment", 120, 0.12, "sme;gazelle"},
	}
	b := writeXLSX(t, 1, rows, "D2")
	ps, err := ReadProposals(bytes.NewReader(b), ProposalOptions{File: "p.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 {
		t.Fatalf("got %d proposals, want 2", len(ps))
	}
	if ps[0].ID != "X1" || ps[0].AreaMu != 45.5 || ps[0].FacilityShare == nil || *ps[0].FacilityShare != 0.07 || !ps[0].HasType("large") {
		t.Errorf("first row read as %+v", ps[0])
	}
	if ps[1].ID != "1002" || ps[1].Industry != "equipment" || ps[1].AreaMu != 120 || !ps[1].HasType("gazelle") {
		t.Errorf("second row read as %+v", ps[1])
	}

	t.Run("row numbers as the sheet shows them", func(t *testing.T) {
		bad := [][]any{
			{"id", "industry", "area_mu"},
			{"X1", "nev", 10},
			{},
			{"X2", "nev", -3},
		}
		_, err := ReadProposals(bytes.NewReader(writeXLSX(t, 3, bad, "")), ProposalOptions{File: "p.xlsx"})
		matchDiags(t, err, "p.xlsx", []wantDiag{{Code: "proposal.range", Location: "row 6", ID: "X2", Property: "area_mu"}})
	})
	t.Run("header only", func(t *testing.T) {
		_, err := ReadProposals(bytes.NewReader(writeXLSX(t, 1, [][]any{{"id", "industry", "area_mu"}}, "")), ProposalOptions{File: "p.xlsx"})
		matchDiags(t, err, "p.xlsx", []wantDiag{{Code: "proposal.no_rows"}})
	})
	t.Run("empty sheet", func(t *testing.T) {
		_, err := ReadProposals(bytes.NewReader(writeXLSX(t, 1, nil, "")), ProposalOptions{File: "p.xlsx"})
		matchDiags(t, err, "p.xlsx", []wantDiag{{Code: "proposal.file_empty"}})
	})
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		percent bool
		want    float64
		ok      bool
	}{
		{"integer", "42", false, 42, true},
		{"decimal", "0.25", false, 0.25, true},
		{"leading dot", ".5", false, 0.5, true},
		{"exponent", "1e3", false, 1000, true},
		{"thousands", "1,234,567.5", false, 1234567.5, true},
		{"negative thousands", "-1,234", false, -1234, true},
		{"misplaced comma", "12,34", false, 0, false},
		{"long group", "1,2345", false, 0, false},
		{"leading comma", ",123", false, 0, false},
		{"bare dot", ".", false, 0, false},
		{"trailing dot", "7.", false, 7, true},
		{"dangling exponent", "1e", false, 0, false},
		{"percent", "15%", true, 0.15, true},
		{"percent not allowed", "15%", false, 0, false},
		{"NaN", "NaN", false, 0, false},
		{"infinity", "Inf", false, 0, false},
		{"overflow", "1e999", false, 0, false},
		{"hex", "0x1p3", false, 0, false},
		{"underscore", "1_000", false, 0, false},
		{"words", "ten", false, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseNumber(tc.in, tc.percent)
			// A percentage is divided by 100, which rounds correctly, so
			// results compare exactly with the decimal literals.
			if ok != tc.ok || got != tc.want {
				t.Errorf("parseNumber(%q, %v) = %v, %v; want %v, %v", tc.in, tc.percent, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestDecodeTextDetects checks which encoding each kind of input is read
// in and the text it gives.
func TestDecodeTextDetects(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("项目编号\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   []byte
		want textEncoding
		text string
	}{
		{"ASCII", []byte("id\n"), encodingUTF8, "id\n"},
		{"UTF-8", []byte("项目编号\n"), encodingUTF8, "项目编号\n"},
		{"UTF-8 with BOM", []byte("\xEF\xBB\xBF项目编号\n"), encodingUTF8BOM, "项目编号\n"},
		{"GB18030", gb, encodingGB18030, "项目编号\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, enc, err := decodeText(tc.in)
			if err != nil || enc != tc.want || text != tc.text {
				t.Errorf("decodeText = %q, %v, %v; want %q, %v", text, enc, err, tc.text, tc.want)
			}
		})
	}
}
