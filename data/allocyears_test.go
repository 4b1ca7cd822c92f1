package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v6.gpkg")
	old := &DB{path: path, now: func() time.Time { return fixedNow }}
	var err error
	if old.sql, err = sql.Open(DriverName, dsn(path, false)); err != nil {
		t.Fatal(err)
	}
	if err := old.migrate(ctx, migrations[:6]); err != nil {
		t.Fatalf("schema version 6: %v", err)
	}
	p := yearPlan()
	p.ID = "plan-1"
	blob, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.sql.ExecContext(ctx, `INSERT INTO plans (plan_id, scenario, created, inputs_sha256, policy_sha256, content_sha256,
		objective, bound, gap, status, projects, allocated_mu, new_land_mu, stock_land_mu, quota_mu, quota_used_share, plan_json)
		VALUES ('plan-1', 'cap7', '2026-01-01T00:00:00.000Z', 'a', 'b', 'c', 80, 80.5, 0.006, 'gap_reached', 2, 30, 30, 0, 100, 0.3, ?)`, string(blob)); err != nil {
		t.Fatal(err)
	}
	for _, a := range p.Allocations {
		if _, err := old.sql.ExecContext(ctx, `INSERT INTO allocations (plan_id, proposal, parcel, lot, area_mu, now_mu, new_land_mu,
			stock_mu, supply_mode, term_years, price_yuan, annual_rent_yuan, facility_mu, dormitory_mu, score, value)
			VALUES ('plan-1', ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, 0, 0, 0, ?, ?)`,
			a.Proposal, a.Parcel, a.Lot, a.AreaMu, a.NowMu, a.NewLandMu, a.SupplyMode, a.TermYears, a.Score, a.Value); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range p.Lots {
		var phase any
		if l.Phase > 0 {
			phase = l.Phase
		}
		if _, err := old.sql.ExecContext(ctx, `INSERT INTO lots (plan_id, lot_id, parcel, proposal, kind, area_mu, phase)
			VALUES ('plan-1', ?, ?, ?, ?, ?, ?)`, l.ID, l.Parcel, nullString(l.Proposal), l.Kind, l.AreaMu, phase); err != nil {
			t.Fatal(err)
		}
	}
	if err := old.sql.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open of a version-6 database: %v", err)
	}
	defer db.Close()
	checkYears(t, db.sql, "allocations", "proposal", "phase_years")
	checkYears(t, db.sql, "lots", "lot_id", "NULL")
	var stored string
	if err := db.sql.QueryRowContext(ctx, `SELECT plan_json FROM plans WHERE plan_id = 'plan-1'`).Scan(&stored); err != nil || stored != string(blob) {
		t.Errorf("the stored plan changed in the migration (%v)", err)
	}
	for _, table := range []string{"allocations", "lots"} {
		if _, err := db.sql.ExecContext(ctx, `UPDATE `+table+` SET year = 1999`); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("update of %s after the migration: %v, want it refused", table, err)
		}
	}
	columns := func(db *DB, table string) string {
		t.Helper()
		var s string
		if err := db.sql.QueryRowContext(ctx, `SELECT group_concat(name || ' ' || type, ', ') FROM pragma_table_info(?)`, table).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	fresh := openTest(t)
	for _, table := range []string{"allocations", "lots"} {
		if got, want := columns(db, table), columns(fresh, table); got != want {
			t.Errorf("migrated %s columns:\n%s\nnew database:\n%s", table, got, want)
		}
	}
}
