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
	"github.com/landplan/landplan/planner/rules"
)

// tenurePlan is testPlan with the tenures a plan's explanation shows: a
// lease then transfer on stock land (route and free date) and a phased
// supply whose phases have their own terms, with a lot for each phase.
func tenurePlan() *plan.Plan {
	p := testPlan()
	a := &p.Allocations[0]
	a.SupplyMode, a.TermYears = rules.ModeLeaseThenTransfer, 20
	a.TermText, a.TermTextZH = "lease then transfer (lease 5 years + transfer 15 years)", "先租后让(租赁 5 年 + 出让 15 年)"
	a.Stock, a.Route, a.FreeFrom = true, "recovery", "2027-03-01"
	b := &p.Allocations[1]
	b.SupplyMode, b.TermYears = rules.ModePhased, 50
	b.TermText, b.TermTextZH = "phased: phase 1 transfer, 50 years; phase 2 flexible-term transfer, 20 years", "分期供地:一期出让 50 年;二期弹性年期出让 20 年"
	b.Phases = []rules.Phase{
		{Index: 1, AreaMu: 6, Now: true, Year: 2026, Tenure: rules.Tenure{Mode: rules.ModeTransfer, TermYears: 50, TermText: "transfer, 50 years", TermTextZH: "出让 50 年"}},
		{Index: 2, AreaMu: 4, Year: 2028, Tenure: rules.Tenure{Mode: rules.ModeFlexibleTerm, TermYears: 20, TermText: "flexible-term transfer, 20 years", TermTextZH: "弹性年期出让 20 年"}},
	}
	p.Lots[1].Phase, p.Lots[1].AreaMu = 1, 6
	p.Lots = append(p.Lots, plan.Lot{ID: "HX-1-4", Parcel: "HX-1", Proposal: "P2", Kind: plan.LotReserved, Phase: 2, AreaMu: 4,
		Geometry: square(109.433, 24.33, 0.0005), SupplyMode: rules.ModeFlexibleTerm})
	return p
}

// wantTenure are the tenure columns tenurePlan's allocations and lots
// hold: by proposal, and by lot id ("" for NULL).
var wantTenure = map[string][4]string{
	"P1":     {"lease then transfer (lease 5 years + transfer 15 years)", "先租后让(租赁 5 年 + 出让 15 年)", "recovery", "2027-03-01"},
	"P2":     {"phased: phase 1 transfer, 50 years; phase 2 flexible-term transfer, 20 years", "分期供地:一期出让 50 年;二期弹性年期出让 20 年", "", ""},
	"HX-1-1": {"lease then transfer (lease 5 years + transfer 15 years)", "先租后让(租赁 5 年 + 出让 15 年)", "recovery", "2027-03-01"},
	"HX-1-2": {"transfer, 50 years", "出让 50 年", "", ""},
	"HX-1-3": {"", "", "", ""},
	"HX-1-4": {"flexible-term transfer, 20 years", "弹性年期出让 20 年", "", ""},
}

// checkTenure compares the tenure columns of a table, keyed by key, with
// wantTenure.
func checkTenure(t *testing.T, d *sql.DB, table, key string) {
	t.Helper()
	rows, err := d.Query(`SELECT ` + key + `, term_text, term_text_zh, route, CAST(free_from AS TEXT) FROM ` + table + ` ORDER BY fid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var k string
		var v [4]sql.NullString
		if err := rows.Scan(&k, &v[0], &v[1], &v[2], &v[3]); err != nil {
			t.Fatal(err)
		}
		got := [4]string{v[0].String, v[1].String, v[2].String, v[3].String}
		if got != wantTenure[k] {
			t.Errorf("%s %s: tenure %q, want %q", table, k, got, wantTenure[k])
		}
		n++
	}
	if n == 0 {
		t.Errorf("%s: no rows", table)
	}
}

// TestTenureColumns stores a plan and reads the term as shown, the
// disposal route and the free date back from the allocations and lots,
// with SQL and with GDAL (ogrinfo), which reads free_from as a date.
func TestTenureColumns(t *testing.T) {
	requireTool(t, "ogrinfo", "gdal-bin")
	db := openTest(t)
	if _, err := db.PutPlan(context.Background(), tenurePlan()); err != nil {
		t.Fatal(err)
	}
	checkTenure(t, db.sql, "allocations", "proposal")
	checkTenure(t, db.sql, "lots", "lot_id")
	path := db.Path()
	db.Close()

	info := runTool(t, "ogrinfo", "-ro", "-so", path, "allocations")
	for _, w := range []string{"term_text: String", "term_text_zh: String", "route: String", "free_from: Date"} {
		if !strings.Contains(info, w) {
			t.Errorf("ogrinfo allocations lacks %q:\n%s", w, info)
		}
	}
	feat := runTool(t, "ogrinfo", "-ro", "-q", "-where", "proposal = 'P1'", path, "allocations")
	for _, w := range []string{"term_text_zh (String) = 先租后让(租赁 5 年 + 出让 15 年)", "route (String) = recovery", "free_from (Date) = 2027/03/01"} {
		if !strings.Contains(feat, w) {
			t.Errorf("ogrinfo allocation P1 lacks %q:\n%s", w, feat)
		}
	}
	feat = runTool(t, "ogrinfo", "-ro", "-q", "-where", "lot_id = 'HX-1-4'", path, "lots")
	for _, w := range []string{"term_text_zh (String) = 弹性年期出让 20 年", "term_text (String) = flexible-term transfer, 20 years", "phase (Integer64) = 2"} {
		if !strings.Contains(feat, w) {
			t.Errorf("ogrinfo lot HX-1-4 lacks %q:\n%s", w, feat)
		}
	}
}

// TestMigrateTenureColumns opens a database of schema version 5 holding a
// plan stored before the tenure columns existed: the migration fills them
// from the stored plan, leaves the plan itself as it was, and the tables
// stay immutable.
func TestMigrateTenureColumns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v5.gpkg")
	blob := oldDatabase(t, path, 5, tenurePlan())
	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open of a version-5 database: %v", err)
	}
	defer db.Close()
	checkTenure(t, db.sql, "allocations", "proposal")
	checkTenure(t, db.sql, "lots", "lot_id")
	checkMigrated(t, db, blob, "route = 'x'")
}

// oldDatabase makes path a database of the first n schema versions
// holding p as plan-1, stored as that version's PutPlan stored it (the
// plan, its allocations and lots without the columns later versions
// add), and returns the plan's stored JSON.
func oldDatabase(t *testing.T, path string, n int, p *plan.Plan) string {
	t.Helper()
	ctx := context.Background()
	old := &DB{path: path, now: func() time.Time { return fixedNow }}
	var err error
	if old.sql, err = sql.Open(DriverName, dsn(path, false)); err != nil {
		t.Fatal(err)
	}
	if err := old.migrate(ctx, migrations[:n]); err != nil {
		t.Fatalf("schema version %d: %v", n, err)
	}
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
	return string(blob)
}

// checkMigrated checks a migrated database: plan-1's stored JSON is blob
// as before, the allocations and lots tables refuse the update set, and
// they have the columns of a new database.
func checkMigrated(t *testing.T, db *DB, blob, set string) {
	t.Helper()
	ctx := context.Background()
	var stored string
	if err := db.sql.QueryRowContext(ctx, `SELECT plan_json FROM plans WHERE plan_id = 'plan-1'`).Scan(&stored); err != nil || stored != blob {
		t.Errorf("the stored plan changed in the migration (%v)", err)
	}
	for _, table := range []string{"allocations", "lots"} {
		if _, err := db.sql.ExecContext(ctx, `UPDATE `+table+` SET `+set); err == nil || !strings.Contains(err.Error(), "immutable") {
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
