package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/data/sample"
	"github.com/landplan/landplan/planner"
)

// run runs the whole program as a user would and returns exit status,
// stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func fileSHA(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

const goodParcels = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"HX-1","zone":"河西柳州高新区","land_use":"100102","status":"new","price":236,"road":"阳和大道"},
 "geometry":{"type":"Polygon","coordinates":[[[109.430,24.330],[109.433,24.330],[109.433,24.332],[109.430,24.332],[109.430,24.330]]]}},
{"type":"Feature","properties":{"id":"HX-2","zone":"河西柳州高新区","land_use":"M1","status":"idle","agreed_start":"2023-01-01"},
 "geometry":{"type":"Polygon","coordinates":[[[109.434,24.330],[109.436,24.330],[109.436,24.332],[109.434,24.332],[109.434,24.330]]]}}
]}`

const goodProposals = "id,name,industry,land_class,area_mu,investment,output,tax,jobs\n" +
	"P1,柳州甲汽车零部件有限公司,auto_parts,2,20,6000,9000,600,300\n" +
	"P2,柳州乙新能源有限公司,nev,1,12,4000,7000,500,200\n"

func TestImportAndCheck(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.gpkg")
	parcels := writeFile(t, dir, "parcels.geojson", goodParcels)
	props := writeFile(t, dir, "proposals.csv", goodProposals)

	code, _, errs := run(t, "import", "parcels", parcels, "--db", db)
	if code != 0 {
		t.Fatalf("import parcels: exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "imported 2 parcels") {
		t.Errorf("import message %q", errs)
	}
	code, _, errs = run(t, "--db", db, "import", "proposals", props)
	if code != 0 {
		t.Fatalf("import proposals: exit %d: %s", code, errs)
	}

	// Importing the same file again is refused without --replace and
	// leaves the database as it was.
	before := fileSHA(t, db)
	code, _, errs = run(t, "import", "parcels", parcels, "--db", db)
	if code != 2 || !strings.Contains(errs, "HX-1") || !strings.Contains(errs, "--replace") {
		t.Errorf("second import: exit %d, %q", code, errs)
	}
	if fileSHA(t, db) != before {
		t.Error("refused import changed the database file")
	}
	// With --replace it is idempotent: the parcels read back the same.
	code, out1, _ := run(t, "check", "--json", "--db", db)
	if code != 0 {
		t.Fatalf("check exit %d", code)
	}
	if code, _, errs = run(t, "import", "parcels", "--replace", parcels, "--db", db); code != 0 {
		t.Fatalf("replace: exit %d %s", code, errs)
	}
	_, out2, _ := run(t, "check", "--json", "--db", db)
	if out1 != out2 {
		t.Error("check output differs after an idempotent --replace import")
	}
	var rep struct {
		Diagnostics []struct{ ID, Code string }
		Pool        struct{ Parcels int }
		Proposals   []struct {
			Proposal string
			Eligible bool
		}
	}
	if err := json.Unmarshal([]byte(out1), &rep); err != nil {
		t.Fatalf("check --json: %v\n%s", err, out1)
	}
	if rep.Pool.Parcels != 2 || len(rep.Proposals) != 2 {
		t.Errorf("check report: %+v", rep)
	}

	// Chinese output.
	code, out, _ := run(t, "check", "--lang", "zh", "--db", db)
	if code != 0 || !strings.Contains(out, "宗地块") {
		t.Errorf("check --lang zh: exit %d\n%s", code, out)
	}
}

func TestBadInputLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.gpkg")
	tests := []struct {
		name, file, content string
		args                []string
		want                []string
	}{
		{"not json", "p.geojson", `{"type":"FeatureCollection","features":[`, nil, []string{"p.geojson"}},
		{"unknown status", "p.geojson", strings.Replace(goodParcels, `"status":"idle"`, `"status":"vacant"`, 1), nil,
			[]string{"p.geojson", "feature 2", "HX-2", "status", "vacant"}},
		{"open ring and unknown status", "p.geojson", strings.NewReplacer(
			`[109.430,24.332],[109.430,24.330]]`, `[109.430,24.332],[109.430,24.331]]`,
			`"status":"idle"`, `"status":"vacant"`).Replace(goodParcels), nil,
			[]string{"2 problems", "feature 1", "HX-1", "geometry", "not closed", "feature 2", "HX-2", "status", "vacant"}},
		{"unknown land use", "p.geojson", strings.Replace(goodParcels, `"M1"`, `"XX9"`, 1), nil,
			[]string{"feature 2", "land_use"}},
		{"projected without crs", "p.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"A","land_use":"100101","status":"new"},"geometry":{"type":"Polygon","coordinates":[[[642129,2689231],[642229,2689231],[642229,2689331],[642129,2689231]]]}}]}`, nil,
			[]string{"feature 1", "--crs"}},
		{"empty", "p.geojson", "", nil, []string{"empty"}},
		{"csv bad number", "p.csv", "id,industry,area_mu\nP1,nev,ten\n", []string{"proposals"}, []string{"p.csv", "row 2", "area_mu"}},
		{"csv missing column", "p.csv", "id,industry\nP1,nev\n", []string{"proposals"}, []string{"p.csv", "area_mu"}},
		{"csv duplicate id", "p.csv", "id,industry,area_mu\nP1,nev,10\nP1,nev,12\n", []string{"proposals"}, []string{"P1", "row 3"}},
		{"csv unknown requested mode", "p.csv", "id,industry,area_mu,requested_mode\nP1,nev,10,lease\n", []string{"proposals"},
			[]string{"p.csv", "row 2", `"P1"`, `"requested_mode"`, `"lease"`, "flexible_term", "transfer"}},
		{"csv 60-year term", "p.csv", "id,industry,area_mu,requested_mode,requested_term_years\nP1,nev,10,transfer,60\n", []string{"proposals"},
			[]string{"p.csv", "row 2", `"P1"`, `"requested_term_years"`, "statutory", "50"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kind := "parcels"
			if tc.args != nil {
				kind = tc.args[0]
			}
			p := writeFile(t, dir, tc.file, tc.content)
			code, _, errs := run(t, "import", kind, p, "--db", db)
			if code != 2 {
				t.Fatalf("exit %d, want 2; stderr %s", code, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr does not name %q:\n%s", w, errs)
				}
			}
			if _, err := os.Stat(db); !os.IsNotExist(err) {
				t.Errorf("a failed first import left a database file behind (%v)", err)
			}
		})
	}
}

// requestProposals adds the optional request and floor-area columns to
// goodProposals.
const requestProposals = "id,name,industry,land_class,area_mu,investment,output,tax,jobs,申请供地方式,申请年期,总建筑面积,配套建筑面积,最早用地年份\n" +
	"P1,柳州甲汽车零部件有限公司,auto_parts,2,20,6000,9000,600,300,transfer,50,16000,2000,2028\n" +
	"P2,柳州乙新能源有限公司,nev,1,12,4000,7000,500,200,,,,,\n"

// TestImportProposalRequests imports proposals with the request and
// floor-area columns: they are stored; then files with an unknown requested
// mode or a term above the statutory 50 years are refused with exit status
// 2, naming the file, row, id and column of each problem, and leave the
// database file byte for byte as it was, with or without --replace.
func TestImportProposalRequests(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "t.gpkg")
	good := writeFile(t, dir, "good.csv", requestProposals)
	if code, _, errs := run(t, "import", "proposals", good, "--db", dbPath); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	db, err := data.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := db.Proposals(context.Background())
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 {
		t.Fatalf("stored %d proposals, want 2", len(ps))
	}
	p1, p2 := ps[0], ps[1]
	if p1.RequestedMode != planner.ModeTransfer || p1.RequestedTermYears == nil || *p1.RequestedTermYears != 50 ||
		p1.FloorAreaM2 == nil || *p1.FloorAreaM2 != 16000 || p1.FacilityFloorAreaM2 == nil || *p1.FacilityFloorAreaM2 != 2000 || p1.EarliestYear != 2028 {
		t.Errorf("P1 stored as %+v", p1)
	}
	if p2.RequestedMode != "" || p2.RequestedTermYears != nil || p2.FloorAreaM2 != nil || p2.FacilityFloorAreaM2 != nil || p2.EarliestYear != 0 {
		t.Errorf("P2 stored as %+v", p2)
	}

	bad := strings.NewReplacer(",transfer,50,", ",lease,60,", "P2,", "P3,").Replace(requestProposals) +
		"P4,柳州丙机械装备有限公司,equipment,2,30,9000,12000,700,350,长期租赁,60,,,\n"
	badPath := writeFile(t, dir, "bad.csv", bad)
	before := fileSHA(t, dbPath)
	for _, args := range [][]string{
		{"import", "proposals", badPath, "--db", dbPath},
		{"import", "proposals", "--replace", badPath, "--db", dbPath},
	} {
		code, _, errs := run(t, args...)
		if code != 2 {
			t.Fatalf("%v: exit %d, want 2; stderr %s", args, code, errs)
		}
		for _, want := range []string{
			"bad.csv: 3 problems",
			`bad.csv: row 2 (id "P1"): property "requested_mode": unknown supply mode "lease" (want one of flexible_term 弹性年期出让,`,
			`bad.csv: row 2 (id "P1"): property "requested_term_years": 60 years is longer than the statutory maximum term of industrial land, 50 years`,
			`bad.csv: row 4 (id "P4"): property "requested_term_years": 60 years`,
		} {
			if !strings.Contains(errs, want) {
				t.Errorf("%v: stderr does not say %q:\n%s", args, want, errs)
			}
		}
		if fileSHA(t, dbPath) != before {
			t.Errorf("%v: a refused import changed the database", args)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"import"}, {"import", "parcels"}, {"check", "extra"}, {"--lang", "fr", "check"}, {"import", "parcels", "x.geojson", "--crs", "EPSG:3857"}} {
		if code, _, errs := run(t, args...); code != 2 || errs == "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, errs)
		}
	}
	code, _, errs := run(t, "check", "--db", filepath.Join(t.TempDir(), "none.gpkg"))
	if code != 2 || !strings.Contains(errs, "does not exist") {
		t.Errorf("check on a missing database: exit %d %q", code, errs)
	}
}

func TestPolicyShow(t *testing.T) {
	code, out, _ := run(t, "policy", "show", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var show struct {
		Name     string
		SHA256   string
		Settings []struct{ Key, Clause string }
	}
	if err := json.Unmarshal([]byte(out), &show); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range show.Settings {
		if s.Clause == "" {
			t.Errorf("setting %s has no clause", s.Key)
		}
		if strings.HasPrefix(s.Key, "facility.") {
			found = true
		}
	}
	if !found || len(show.SHA256) != 64 {
		t.Errorf("policy show: %d settings, sha %q", len(show.Settings), show.SHA256)
	}
	if code, out, _ := run(t, "policy", "show", "--lang", "zh"); code != 0 || !strings.Contains(out, "条") {
		t.Errorf("policy show zh: exit %d", code)
	}
}

func TestDemo(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := run(t, "demo", "--out", dir)
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, errs)
	}
	for _, w := range []string{"柳州国家高新区", "河西柳州高新区", "auto_parts", filepath.Join(dir, "landplan.gpkg")} {
		if !strings.Contains(out, w) {
			t.Errorf("demo output lacks %q", w)
		}
	}
	if !strings.Contains(errs, "parcels") {
		t.Errorf("demo progress %q", errs)
	}
	if len(sample.ParcelsGeoJSON) == 0 {
		t.Fatal("no embedded sample")
	}
}
