package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner/plan"
)

// yearPlan is tenurePlan as a programme gives it: P1 supplied in 2027,
// the phased P2 in 2026 with its second phase released in 2028.
func yearPlan() *plan.Plan {
	p := tenurePlan()
	p.Allocations[0].Year = 2027
	p.Allocations[1].Year = 2026
	return p
}

// wantYears are the year columns yearPlan's allocations (year and
// phase_years) and lots (year) hold, "" for NULL.
var wantYears = map[string][2]string{
	"P1":     {"2027", ""},
	"P2":     {"2026", "2026;2028"},
	"HX-1-1": {"2027", ""},
	"HX-1-2": {"2026", ""},
	"HX-1-3": {"", ""},
	"HX-1-4": {"2028", ""},
}

// checkYears compares the year columns of a table, keyed by key, with
// wantYears; second is the second column ("NULL" for lots).
func checkYears(t *testing.T, d *sql.DB, table, key, second string) {
	t.Helper()
	rows, err := d.Query(`SELECT ` + key + `, CAST(year AS TEXT), ` + second + ` FROM ` + table + ` ORDER BY fid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var k string
		var y, py sql.NullString
		if err := rows.Scan(&k, &y, &py); err != nil {
			t.Fatal(err)
		}
		if got := [2]string{y.String, py.String}; got != wantYears[k] {
			t.Errorf("%s %s: years %q, want %q", table, k, got, wantYears[k])
		}
		n++
	}
	if n == 0 {
		t.Errorf("%s: no rows", table)
	}
}

// TestYearColumns stores a programme's plan and reads each allocation's
// supply year and its phases' years, and each lot's year, back with SQL
// and with GDAL (ogrinfo), and finds the lots style's Chinese name of the
// year column.
func TestYearColumns(t *testing.T) {
	requireTool(t, "ogrinfo", "gdal-bin")
	db := openTest(t)
	if _, err := db.PutPlan(context.Background(), yearPlan()); err != nil {
		t.Fatal(err)
	}
	checkYears(t, db.sql, "allocations", "proposal", "phase_years")
	checkYears(t, db.sql, "lots", "lot_id", "NULL")
	path := db.Path()
	db.Close()

	info := runTool(t, "ogrinfo", "-ro", "-so", path, "allocations")
	for _, w := range []string{"year: Integer", "phase_years: String"} {
		if !strings.Contains(info, w) {
			t.Errorf("ogrinfo allocations lacks %q:\n%s", w, info)
		}
	}
	feat := runTool(t, "ogrinfo", "-ro", "-q", "-where", "proposal = 'P2'", path, "allocations")
	for _, w := range []string{"year (Integer", ") = 2026", "phase_years (String) = 2026;2028"} {
		if !strings.Contains(feat, w) {
			t.Errorf("ogrinfo allocation P2 lacks %q:\n%s", w, feat)
		}
	}
	feat = runTool(t, "ogrinfo", "-ro", "-q", "-where", "lot_id = 'HX-1-4'", path, "lots")
	for _, w := range []string{"phase (Integer64) = 2", "year (Integer64) = 2028"} {
		if !strings.Contains(feat, w) {
			t.Errorf("ogrinfo lot HX-1-4 lacks %q:\n%s", w, feat)
		}
	}
}

// TestMigrateYearColumns opens a database of schema version 6 holding a
// programme's plan stored before the year columns existed: the migration
// fills them from the stored plan, leaves the plan itself as it was, and
// the tables stay immutable with the columns of a new database.
func TestMigrateYearColumns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v6.gpkg")
	blob := oldDatabase(t, path, 6, yearPlan())
	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open of a version-6 database: %v", err)
	}
	defer db.Close()
	checkYears(t, db.sql, "allocations", "proposal", "phase_years")
	checkYears(t, db.sql, "lots", "lot_id", "NULL")
	checkMigrated(t, db, blob, "year = 1999")
}
