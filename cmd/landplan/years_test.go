package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner/plan"
)

// ogrRows runs ogrinfo with the SQL query q on the GeoPackage path and
// returns each feature's fields by name, as GDAL reads them ("" for
// NULL; a text of several lines, its first line).
func ogrRows(t *testing.T, path, q string) []map[string]string {
	t.Helper()
	out, err := exec.Command("ogrinfo", "-ro", "-q", "-sql", q, path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo (install the Debian package gdal-bin): %v\n%s", err, out)
	}
	field := regexp.MustCompile(`^\s+(\w+) \(\w+\) = (.*)$`)
	var rows []map[string]string
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "OGRFeature") {
			rows = append(rows, map[string]string{})
			continue
		}
		if m := field.FindStringSubmatch(line); m != nil && len(rows) > 0 {
			if m[2] == "(null)" {
				m[2] = ""
			}
			rows[len(rows)-1][m[1]] = m[2]
		}
	}
	return rows
}

// phaseYearsOf is the year each phase of a is released, joined with ";".
func phaseYearsOf(a plan.Allocation) string {
	ys := make([]string, len(a.Phases))
	for i, ph := range a.Phases {
		ys[i] = strconv.Itoa(ph.Year)
	}
	return strings.Join(ys, ";")
}

// TestProgrammeYearsStored plans a three-year programme of the sample and
// reads each allocation's supply year and the year each phase of a phased
// supply is released back from the database's allocations table and lots
// layer with GDAL, finds the lots style's Chinese name for the year, and
// finds the same years in the exported GeoPackage's lots layer and its
// style, and in the exported CSV (year, phase_years).
func TestProgrammeYearsStored(t *testing.T) {
	db := sampleDB(t)
	dir := filepath.Dir(db)
	code, out, errs := run(t, "plan", "--db", db, "--json", "--horizon", "2026-2028", "--time-limit", "10s", "--gap", "0.02", "--flips", "-1")
	if code != 0 {
		t.Fatalf("plan --horizon: exit %d\n%s", code, errs)
	}
	var p plan.Plan
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	byProposal := map[string]plan.Allocation{}
	years, phased := map[int]bool{}, 0
	for _, a := range p.Allocations {
		byProposal[a.Proposal] = a
		years[a.Year] = true
		if len(a.Phases) > 1 {
			phased++
		}
	}
	if len(years) < 2 || phased == 0 {
		t.Fatalf("the programme has allocations in %d years and %d phased supplies: the test needs more than one year and a phased supply", len(years), phased)
	}

	rows := ogrRows(t, db, "SELECT proposal, year, phase_years FROM allocations WHERE plan_id = '"+p.ID+"'")
	if len(rows) != len(p.Allocations) {
		t.Fatalf("ogrinfo reads %d allocations, the plan has %d", len(rows), len(p.Allocations))
	}
	for _, r := range rows {
		a := byProposal[r["proposal"]]
		if r["year"] != strconv.Itoa(a.Year) {
			t.Errorf("allocations %s: year %q, plan %d", r["proposal"], r["year"], a.Year)
		}
		if want := phaseYearsOf(a); r["phase_years"] != want {
			t.Errorf("allocations %s: phase_years %q, plan %q", r["proposal"], r["phase_years"], want)
		}
	}
	lots := ogrRows(t, db, "SELECT lot_id, proposal, phase, year FROM lots WHERE plan_id = '"+p.ID+"' AND proposal IS NOT NULL")
	later := 0
	for _, l := range lots {
		a := byProposal[l["proposal"]]
		want := a.Year
		if ph, err := strconv.Atoi(l["phase"]); err == nil {
			want = a.Phases[ph-1].Year
			if ph > 1 {
				later++
			}
		}
		if l["year"] != strconv.Itoa(want) {
			t.Errorf("lot %s (%s, phase %q): year %q, want %d", l["lot_id"], l["proposal"], l["phase"], l["year"], want)
		}
	}
	if later == 0 {
		t.Error("no lot of a later phase among the stored lots")
	}
	style, err := exec.Command("ogrinfo", "-ro", "-q", "-sql", "SELECT styleQML FROM layer_styles WHERE f_table_name = 'lots' AND useAsDefault = 1", db).CombinedOutput()
	if err != nil || !regexp.MustCompile(`<alias field="year" index="\d+" name="供地年度"/>`).Match(style) {
		t.Errorf("the lots style does not name the year column 供地年度 (%v)", err)
	}

	// The exported GeoPackage: each lot of a project has the year its land
	// is supplied, and its style names the field 供地年度.
	gpkg := filepath.Join(dir, "plan.gpkg")
	if code, _, errs := run(t, "export", p.ID, "--db", db, "--format", "gpkg", "--lang", "zh", "--out", gpkg); code != 0 {
		t.Fatalf("export gpkg: exit %d\n%s", code, errs)
	}
	exported := ogrRows(t, gpkg, "SELECT lot, proposal, phase, year FROM lots WHERE proposal IS NOT NULL")
	if len(exported) != len(lots) {
		t.Errorf("the exported GeoPackage has %d lots of projects, the database %d", len(exported), len(lots))
	}
	for _, l := range exported {
		a := byProposal[l["proposal"]]
		want := a.Year
		if ph, err := strconv.Atoi(l["phase"]); err == nil {
			want = a.Phases[ph-1].Year
		}
		if l["year"] != strconv.Itoa(want) {
			t.Errorf("exported lot %s (%s, phase %q): year %q, want %d", l["lot"], l["proposal"], l["phase"], l["year"], want)
		}
	}
	style, err = exec.Command("ogrinfo", "-ro", "-q", "-sql", "SELECT styleQML FROM layer_styles WHERE f_table_name = 'lots'", gpkg).CombinedOutput()
	if err != nil || !regexp.MustCompile(`<alias field="year" index="\d+" name="供地年度"/>`).Match(style) {
		t.Errorf("the exported lots style does not name the year field 供地年度 (%v)", err)
	}

	path := filepath.Join(dir, "plan.csv")
	if code, _, errs := run(t, "export", p.ID, "--db", db, "--format", "csv", "--out", path); code != 0 {
		t.Fatalf("export csv: exit %d\n%s", code, errs)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, rec := range recs[1:] {
		a := byProposal[rec[col["proposal"]]]
		if rec[col["year"]] != strconv.Itoa(a.Year) || rec[col["phase_years"]] != phaseYearsOf(a) {
			t.Errorf("CSV %s: year %q phase_years %q, plan %d %q", a.Proposal, rec[col["year"]], rec[col["phase_years"]], a.Year, phaseYearsOf(a))
		}
	}
}
