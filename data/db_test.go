package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
)

// TestOpenNewDatabase checks the GeoPackage header, core tables and
// registrations of a new database.
func TestOpenNewDatabase(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	q := func(query string, args ...any) string {
		t.Helper()
		var s sql.NullString
		if err := db.sql.QueryRowContext(ctx, query, args...).Scan(&s); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return s.String
	}
	for _, tc := range []struct {
		name, query, want string
	}{
		{"application_id", `PRAGMA application_id`, "1196444487"},
		{"user_version", `PRAGMA user_version`, "10300"},
		{"foreign_keys", `PRAGMA foreign_keys`, "1"},
		{"srs ids", `SELECT group_concat(srs_id, ',') FROM (SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id)`, "-1,0,4326,4490,4545,4546"},
		{"srs -1", `SELECT organization || ' ' || organization_coordsys_id || ' ' || definition FROM gpkg_spatial_ref_sys WHERE srs_id = -1`, "NONE -1 undefined"},
		{"srs 0", `SELECT organization || ' ' || organization_coordsys_id || ' ' || definition FROM gpkg_spatial_ref_sys WHERE srs_id = 0`, "NONE 0 undefined"},
		{"contents", `SELECT group_concat(table_name || ':' || data_type || ':' || coalesce(srs_id, ''), ',') FROM (SELECT * FROM gpkg_contents ORDER BY table_name)`,
			"allocations:attributes:,contracts:attributes:,imports:attributes:,lots:features:4490,parcels:features:4490,performance:attributes:,plans:attributes:,proposals:attributes:,scenarios:attributes:"},
		{"geometry columns", `SELECT table_name || '.' || column_name || ' ' || geometry_type_name || ' ' || srs_id || ' ' || z || m FROM gpkg_geometry_columns`,
			"parcels.geom MULTIPOLYGON 4490 00"},
		{"extensions", `SELECT table_name || '.' || column_name || ' ' || extension_name || ' ' || scope FROM gpkg_extensions`,
			"parcels.geom gpkg_rtree_index write-only"},
		{"triggers", `SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name)`,
			"landplan_allocations_no_delete,landplan_allocations_no_update,landplan_lots_no_delete,landplan_lots_no_update,landplan_plans_no_delete,landplan_plans_no_update," +
				"rtree_lots_geom_delete,rtree_lots_geom_insert,rtree_lots_geom_update1,rtree_lots_geom_update2,rtree_lots_geom_update3,rtree_lots_geom_update4," +
				"rtree_parcels_geom_delete,rtree_parcels_geom_insert,rtree_parcels_geom_update1,rtree_parcels_geom_update2,rtree_parcels_geom_update3,rtree_parcels_geom_update4"},
		{"schema versions", `SELECT group_concat(version, ',') FROM (SELECT version FROM landplan_schema ORDER BY version)`, versionList(len(migrations))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := q(tc.query); got != tc.want {
				t.Errorf("%s = %q, want %q", tc.query, got, tc.want)
			}
		})
	}
	v, err := db.Version(ctx)
	if err != nil || v != SchemaVersion {
		t.Errorf("Version = %d, %v; want %d", v, err, SchemaVersion)
	}
}

// versionList returns "1,2,...,n".
func versionList(n int) string {
	var s []string
	for i := 1; i <= n; i++ {
		s = append(s, fmt.Sprint(i))
	}
	return strings.Join(s, ",")
}

// TestMigrationsNumbered checks that migration i+1 is migrations[i].
func TestMigrationsNumbered(t *testing.T) {
	for i, m := range migrations {
		if m.Version != i+1 {
			t.Errorf("migrations[%d] has version %d, want %d", i, m.Version, i+1)
		}
		if m.Description == "" || m.Up == nil {
			t.Errorf("migration %d has no description or no step", m.Version)
		}
	}
}

// TestSRSDefinitionsMatchGDAL compares the stored EPSG definitions with
// the WKT1 that GDAL prints for them.
func TestSRSDefinitionsMatchGDAL(t *testing.T) {
	gdalsrsinfo := requireTool(t, "gdalsrsinfo", "gdal-bin")
	db := openTest(t)
	for _, code := range storedEPSG {
		t.Run(fmt.Sprintf("EPSG:%d", code), func(t *testing.T) {
			want := strings.TrimSpace(runTool(t, gdalsrsinfo, "--single-line", "-o", "wkt1", fmt.Sprintf("EPSG:%d", code)))
			var got, org string
			var orgID int
			err := db.sql.QueryRow(`SELECT definition, organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, code).Scan(&got, &org, &orgID)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("definition of EPSG:%d\n got %s\nwant %s", code, got, want)
			}
			if org != "EPSG" || orgID != code {
				t.Errorf("organization %s:%d, want EPSG:%d", org, orgID, code)
			}
		})
	}
}

// TestOpenRefuses checks that files landplan did not make, and databases
// of a newer schema, are refused with a clear error and left untouched.
func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	otherSQLite := func() string {
		p := filepath.Join(dir, "other.db")
		d := rawDB(t, p)
		if _, err := d.Exec(`CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hello')`); err != nil {
			t.Fatal(err)
		}
		d.Close()
		return p
	}
	gdalGPKG := func() string {
		ogr2ogr := requireTool(t, "ogr2ogr", "gdal-bin")
		src := write("in.geojson", []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"A"},"geometry":{"type":"Polygon","coordinates":[[[109.4,24.3],[109.41,24.3],[109.41,24.31],[109.4,24.3]]]}}]}`))
		p := filepath.Join(dir, "gdal.gpkg")
		runTool(t, ogr2ogr, "-f", "GPKG", p, src)
		return p
	}
	newer := func() string {
		p := filepath.Join(dir, "newer.gpkg")
		db, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.sql.Exec(`INSERT INTO landplan_schema (version, description, applied) VALUES (?, 'from the future', '2030-01-01T00:00:00.000Z')`, SchemaVersion+1); err != nil {
			t.Fatal(err)
		}
		db.Close()
		return p
	}
	for _, tc := range []struct {
		name string
		make func() string
		want string
	}{
		{"text file", func() string { return write("notes.txt", []byte("地块清单\nL0001 new\n")) }, "not an SQLite file"},
		{"short binary file", func() string { return write("short.bin", []byte{0x53, 0x51}) }, "not an SQLite file"},
		{"other SQLite database", otherSQLite, "an SQLite database but not a landplan database"},
		{"GeoPackage made by GDAL", gdalGPKG, "a GeoPackage that landplan did not create"},
		{"newer schema version", newer, fmt.Sprintf("schema version %d, newer than this landplan understands (%d)", SchemaVersion+1, SchemaVersion)},
		{"directory", func() string { return dir }, "is a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.make()
			var before string
			if st, err := os.Stat(path); err == nil && !st.IsDir() {
				before = fileSum(t, path)
			}
			db, err := Open(path)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%s) succeeded", path)
			}
			if planner.KindOf(err) != planner.KindInvalid {
				t.Errorf("error kind %v, want invalid: %v", planner.KindOf(err), err)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file and say %q", err, tc.want)
			}
			if before != "" && fileSum(t, path) != before {
				t.Errorf("Open changed %s", path)
			}
		})
	}
}

// TestOpenEmptyFile checks that an empty file (as mktemp makes) becomes a
// new database.
func TestOpenEmptyFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "empty.gpkg")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := Open(p)
	if err != nil {
		t.Fatalf("Open(empty file): %v", err)
	}
	defer db.Close()
	if v, err := db.Version(context.Background()); err != nil || v != SchemaVersion {
		t.Errorf("Version = %d, %v; want %d", v, err, SchemaVersion)
	}
}

// TestMigrate runs synthetic migration sequences over a real database:
// upgrading an older database, a failing step that must leave the
// database at its version, and reopening an up-to-date database.
func TestMigrate(t *testing.T) {
	addTable := migration{2, "add a test table", func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `CREATE TABLE later (fid INTEGER PRIMARY KEY, x TEXT)`)
		return err
	}}
	failing := migration{2, "a step that fails half way", func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE half (x TEXT)`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO no_such_table VALUES (1)`)
		return err
	}}
	hasTable := func(db *DB, name string) bool {
		var n int
		if err := db.sql.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = ?`, name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n > 0
	}
	for _, tc := range []struct {
		name        string
		second      []migration
		wantErr     string
		wantVersion int
		wantTable   string
		noTable     string
	}{
		{"upgrade", []migration{migrations[0], addTable}, "", 2, "later", ""},
		{"failing step rolls back", []migration{migrations[0], failing}, "no_such_table", 1, "", "half"},
		{"up to date", migrations[:1], "", 1, "", "later"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "m.gpkg")
			db := &DB{path: path, now: openTest(t).now}
			var err error
			if db.sql, err = sql.Open(DriverName, dsn(path, false)); err != nil {
				t.Fatal(err)
			}
			defer db.sql.Close()
			ctx := context.Background()
			if err := db.migrate(ctx, migrations[:1]); err != nil {
				t.Fatalf("first migration: %v", err)
			}
			err = db.migrate(ctx, tc.second)
			if tc.wantErr == "" && err != nil {
				t.Fatalf("migrate: %v", err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("migrate error %v, want one saying %q", err, tc.wantErr)
			}
			if v, err := db.Version(ctx); err != nil || v != tc.wantVersion {
				t.Errorf("version %d, %v; want %d", v, err, tc.wantVersion)
			}
			var rows int
			if err := db.sql.QueryRow(`SELECT count(*) FROM landplan_schema`).Scan(&rows); err != nil || rows != tc.wantVersion {
				t.Errorf("landplan_schema has %d rows (%v), want %d", rows, err, tc.wantVersion)
			}
			if tc.wantTable != "" && !hasTable(db, tc.wantTable) {
				t.Errorf("table %s missing after migration", tc.wantTable)
			}
			if tc.noTable != "" && hasTable(db, tc.noTable) {
				t.Errorf("table %s exists: the step was not rolled back", tc.noTable)
			}
		})
	}
}

// TestMigrateProposalColumns opens a database of schema version 2, with a
// proposal stored before the request and floor-area columns existed: it is
// migrated to the current version in place, the old proposal reads back
// with those fields absent, its other fields unchanged, and new proposals
// store every field.
func TestMigrateProposalColumns(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.gpkg")
	old := &DB{path: path, now: func() time.Time { return fixedNow }}
	var err error
	if old.sql, err = sql.Open(DriverName, dsn(path, false)); err != nil {
		t.Fatal(err)
	}
	if err := old.migrate(ctx, migrations[:2]); err != nil {
		t.Fatalf("schema version 2: %v", err)
	}
	if _, err := old.sql.ExecContext(ctx, `INSERT INTO proposals (id, name, industry, land_class, area_mu, min_area_mu,
		phases, phase1_share, investment, output, tax, jobs, facility_share, enterprise_type)
		VALUES ('P001', '柳州新能源汽车零部件项目', 'nev', 2, 120, 100, 2, 0.6, 150000, 300000, 12000, 800, 0.07, 'large;high_tech')`); err != nil {
		t.Fatal(err)
	}
	if err := old.sql.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open of a version-2 database: %v", err)
	}
	defer db.Close()
	if v, err := db.Version(ctx); err != nil || v != SchemaVersion {
		t.Fatalf("Version = %d, %v; want %d", v, err, SchemaVersion)
	}
	got, err := db.Proposals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []planner.Proposal{{
		ID: "P001", Name: "柳州新能源汽车零部件项目", Industry: "nev", LandClass: 2,
		AreaMu: 120, MinAreaMu: 100, Phases: 2, Phase1Share: 0.6,
		Investment: 150000, Output: 300000, Tax: 12000, Jobs: 800,
		FacilityShare: ptr(0.07), EnterpriseTypes: []string{"large", "high_tech"},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("proposal stored before the migration:\n got %+v\nwant %+v", got, want)
	}

	// The migrated table has the columns of a new database, in its order.
	columns := func(db *DB) string {
		t.Helper()
		var s string
		if err := db.sql.QueryRowContext(ctx, `SELECT group_concat(name || ' ' || type || ' ' || "notnull", ', ') FROM pragma_table_info('proposals')`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if got, want := columns(db), columns(openTest(t)); got != want {
		t.Errorf("migrated proposals columns:\n%s\nnew database:\n%s", got, want)
	}

	props := sampleProposals()[:1]
	props[0].ID = "P009"
	if err := db.PutProposals(ctx, planner.Import{Kind: "proposals", File: "p.csv", SHA256: "09"}, props); err != nil {
		t.Fatal(err)
	}
	got, err = db.Proposals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !reflect.DeepEqual(got[1], props[0]) {
		t.Errorf("proposal stored after the migration reads back as %+v, want %+v", got[1:], props[0])
	}
}

// TestRoundTrip stores parcels and proposals and reads back every field.
func TestRoundTrip(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	ps, props := sampleParcels(), sampleProposals()
	if err := db.PutParcels(ctx, planner.Import{Kind: "parcels", File: "p.geojson", SHA256: "01"}, ps); err != nil {
		t.Fatal(err)
	}
	if err := db.PutProposals(ctx, planner.Import{Kind: "proposals", File: "p.csv", SHA256: "02"}, props); err != nil {
		t.Fatal(err)
	}
	gotPs, err := db.Parcels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotPs) != len(ps) {
		t.Fatalf("read %d parcels, want %d", len(gotPs), len(ps))
	}
	for i := range ps {
		if !reflect.DeepEqual(gotPs[i], ps[i]) {
			t.Errorf("parcel %s:\n got %+v\nwant %+v", ps[i].ID, gotPs[i], ps[i])
		}
	}
	gotProps, err := db.Proposals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotProps, props) {
		t.Errorf("proposals:\n got %+v\nwant %+v", gotProps, props)
	}
	// The derived areas are stored beside area_m2.
	var mu, ha float64
	if err := db.sql.QueryRow(`SELECT area_mu, area_ha FROM parcels WHERE id = 'L0001'`).Scan(&mu, &ha); err != nil {
		t.Fatal(err)
	}
	if mu != ps[0].AreaMu() || ha != ps[0].AreaM2/10000 {
		t.Errorf("area_mu, area_ha = %v, %v; want %v, %v", mu, ha, ps[0].AreaMu(), ps[0].AreaM2/10000)
	}
}

// TestInputsHashOfOldProposals checks that proposals without the request
// and floor-area fields, stored and read back, hash as they did before
// those fields existed: plans stored earlier keep their inputs_sha256. The
// hash was computed by plan.InputsSHA256 at the commit before the fields
// were added, on these two proposals.
func TestInputsHashOfOldProposals(t *testing.T) {
	const before = "e5df72ec5010bc3a948263fbaa150050d1242ef271d9213ed7c2d883146a98d7"
	props := []planner.Proposal{
		{
			ID: "P002", Industry: "ict", AreaMu: 30, MinAreaMu: 30, Phases: 1, Phase1Share: 1,
			Investment: 20000, Output: 40000, Tax: 1500, Jobs: 120,
		},
		{
			ID: "P003", Name: "装备制造", Industry: "nev", LandClass: 1,
			AreaMu: 55.5, MinAreaMu: 40, Phases: 1, Phase1Share: 1,
			Investment: 45000, Output: 90000, Tax: 3600, Jobs: 260,
			RDShare: ptr(0.05), PlotRatio: ptr(1.5), BuildingCoverage: ptr(0.45),
			FacilityShare: ptr(0.07), DormitoryShare: ptr(0.5), LifecycleYears: ptr(30.0),
			EnterpriseTypes: []string{"specialized"}, PreferredZone: "柳州国家高新区",
		},
	}
	db := openTest(t)
	ctx := context.Background()
	if err := db.PutProposals(ctx, planner.Import{Kind: "proposals", File: "p.csv", SHA256: "02"}, props); err != nil {
		t.Fatal(err)
	}
	got, err := db.Proposals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if h := plan.InputsSHA256(nil, got); h != before {
		t.Errorf("InputsSHA256 of proposals without the new fields = %s, want %s as before", h, before)
	}
	// The new fields do count once given.
	got[0].EarliestYear = 2026
	if h := plan.InputsSHA256(nil, got); h == before {
		t.Error("InputsSHA256 ignores earliest_year")
	}
}

// TestPutAllOrNothing checks that a failing Put changes nothing at all:
// a checksum of every table the stores write, and of the schema, is the
// same before and after.
func TestPutAllOrNothing(t *testing.T) {
	newParcel := func(id string) planner.Parcel {
		return planner.Parcel{ID: id, LandUse: "100101", Status: planner.StatusNew, Geometry: square(109.5, 24.4, 0.001), AreaM2: 10000}
	}
	withExtra := func(p planner.Parcel, v any) planner.Parcel {
		p.Extra = map[string]any{"bad": v}
		return p
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name     string
		ctx      context.Context
		bulk     bool
		parcels  []planner.Parcel
		props    []planner.Proposal
		replace  bool
		wantKind planner.ErrorKind
		wantMsg  []string
	}{
		{name: "conflict", parcels: []planner.Parcel{newParcel("L0100"), newParcel("L0002"), newParcel("L0003")},
			wantKind: planner.KindConflict, wantMsg: []string{`"L0002"`, `"L0003"`, "already stored", "--replace", "新.geojson"}},
		{name: "one conflict", parcels: []planner.Parcel{newParcel("L0004")},
			wantKind: planner.KindConflict, wantMsg: []string{`parcel "L0004" is already stored`, "--replace"}},
		{name: "bad value late in the batch", parcels: []planner.Parcel{newParcel("L0100"), newParcel("L0101"), withExtra(newParcel("L0102"), make(chan int))},
			wantKind: planner.KindInternal, wantMsg: []string{`parcel "L0102"`, "extra properties"}},
		{name: "bad value late in a bulk batch", bulk: true, replace: true,
			parcels:  []planner.Parcel{newParcel("L0001"), newParcel("L0101"), withExtra(newParcel("L0102"), make(chan int))},
			wantKind: planner.KindInternal, wantMsg: []string{`parcel "L0102"`}},
		{name: "bad date", parcels: []planner.Parcel{newParcel("L0100"), func() planner.Parcel { p := newParcel("L0101"); p.AgreedStart = "2019/05/01"; return p }()},
			wantKind: planner.KindInvalid, wantMsg: []string{`parcel "L0101"`, `agreed_start "2019/05/01" is not a date`}},
		{name: "id twice in the batch", parcels: []planner.Parcel{newParcel("L0100"), newParcel("L0101"), newParcel("L0100")},
			wantKind: planner.KindInvalid, wantMsg: []string{`id "L0100" is given by parcel 1 and 3`}},
		{name: "empty id", parcels: []planner.Parcel{newParcel("")},
			wantKind: planner.KindInvalid, wantMsg: []string{"parcel 1 has no id"}},
		{name: "cancelled", ctx: cancelled, parcels: []planner.Parcel{newParcel("L0100")},
			wantKind: planner.KindInternal, wantMsg: []string{"context canceled"}},
		{name: "proposal conflict", props: []planner.Proposal{{ID: "P009", Industry: "ict", AreaMu: 1, MinAreaMu: 1, Phases: 1, Phase1Share: 1}, {ID: "P002", Industry: "ict"}},
			wantKind: planner.KindConflict, wantMsg: []string{`proposal "P002" is already stored`, "--replace"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.bulk {
				old := bulkIndexThreshold
				bulkIndexThreshold = 1
				defer func() { bulkIndexThreshold = old }()
			}
			db := openTest(t)
			ctx := context.Background()
			if err := db.PutParcels(ctx, planner.Import{File: "地块.geojson", SHA256: "01"}, sampleParcels()); err != nil {
				t.Fatal(err)
			}
			if err := db.PutProposals(ctx, planner.Import{File: "项目.csv", SHA256: "02"}, sampleProposals()); err != nil {
				t.Fatal(err)
			}
			tables := append(allTables, "sqlite_master")
			before := tableChecksum(t, db, tables...)
			if tc.ctx != nil {
				ctx = tc.ctx
			}
			var err error
			if tc.props != nil {
				err = db.PutProposals(ctx, planner.Import{File: "新.csv", SHA256: "03", Replace: tc.replace}, tc.props)
			} else {
				err = db.PutParcels(ctx, planner.Import{File: "新.geojson", SHA256: "03", Replace: tc.replace}, tc.parcels)
			}
			if err == nil {
				t.Fatal("Put succeeded")
			}
			if k := planner.KindOf(err); k != tc.wantKind {
				t.Errorf("error kind %v, want %v: %v", k, tc.wantKind, err)
			}
			for _, w := range tc.wantMsg {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if after := tableChecksum(t, db, tables...); after != before {
				t.Errorf("the failed Put changed the database")
			}
		})
	}
}

// TestReplaceIdempotent imports the same parcels and proposals twice with
// replace, by triggers and by bulk index, and checks that the tables come
// out identical; then replaces one parcel and checks that it keeps its
// fid and that nothing else moves.
func TestReplaceIdempotent(t *testing.T) {
	for _, tc := range []struct {
		name      string
		threshold int
	}{
		{"triggers", 1 << 30},
		{"bulk index", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := bulkIndexThreshold
			bulkIndexThreshold = tc.threshold
			defer func() { bulkIndexThreshold = old }()
			db := openTest(t)
			ctx := context.Background()
			imp := planner.Import{File: "地块.geojson", SHA256: "0a", Replace: true}
			pimp := planner.Import{File: "项目.csv", SHA256: "0b", Replace: true}
			put := func(ps []planner.Parcel) {
				t.Helper()
				if err := db.PutParcels(ctx, imp, ps); err != nil {
					t.Fatal(err)
				}
				if err := db.PutProposals(ctx, pimp, sampleProposals()); err != nil {
					t.Fatal(err)
				}
			}
			put(sampleParcels())
			tables := []string{"parcels", "rtree_parcels_geom", "proposals", "sqlite_sequence"}
			first := tableChecksum(t, db, tables...)
			put(sampleParcels())
			if second := tableChecksum(t, db, tables...); second != first {
				t.Errorf("re-importing with replace changed the tables")
			}
			recs, err := db.Imports(ctx)
			if err != nil || len(recs) != 2 {
				t.Fatalf("Imports = %d records, %v; want 2 (one per content)", len(recs), err)
			}
			assertRtreeOK(t, db)

			fids := fidsByID(t, db)
			changed := sampleParcels()
			changed[2].Status = planner.StatusIdle
			changed[2].Geometry = square(109.6, 24.5, 0.002)
			imp.SHA256 = "0c"
			put(changed)
			got, err := db.Parcels(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], changed[i]) {
					t.Errorf("parcel %s after replace:\n got %+v\nwant %+v", changed[i].ID, got[i], changed[i])
				}
			}
			if after := fidsByID(t, db); !reflect.DeepEqual(after, fids) {
				t.Errorf("fids moved: before %v, after %v", fids, after)
			}
			var minx float64
			if err := db.sql.QueryRow(`SELECT minx FROM rtree_parcels_geom WHERE id = ?`, fids["L0003"]).Scan(&minx); err != nil || float32(minx) != float32Down(109.6) {
				t.Errorf("index of the replaced parcel: minx %v, %v; want %v", minx, err, float32Down(109.6))
			}
			assertRtreeOK(t, db)
		})
	}
}

// fidsByID returns the fid of every stored parcel.
func fidsByID(t *testing.T, db *DB) map[string]int64 {
	t.Helper()
	tx, err := db.sql.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	m, err := storedIDs(context.Background(), tx, "parcels")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// assertRtreeOK runs SQLite's own R-tree consistency check and compares
// the index with the envelopes of the stored geometries.
func assertRtreeOK(t *testing.T, db *DB) {
	t.Helper()
	var check string
	if err := db.sql.QueryRow(`SELECT rtreecheck('rtree_parcels_geom')`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("rtreecheck: %q, %v", check, err)
	}
	var mismatched int
	err := db.sql.QueryRow(`SELECT count(*) FROM parcels p LEFT JOIN rtree_parcels_geom r ON r.id = p.fid
		WHERE r.id IS NULL OR r.minx > ST_MinX(p.geom) OR r.maxx < ST_MaxX(p.geom)
		   OR r.miny > ST_MinY(p.geom) OR r.maxy < ST_MaxY(p.geom)`).Scan(&mismatched)
	if err != nil || mismatched != 0 {
		t.Errorf("%d parcels missing from the index or not covered by their entry (%v)", mismatched, err)
	}
	var extra int
	if err := db.sql.QueryRow(`SELECT count(*) FROM rtree_parcels_geom WHERE id NOT IN (SELECT fid FROM parcels)`).Scan(&extra); err != nil || extra != 0 {
		t.Errorf("%d index entries without a parcel (%v)", extra, err)
	}
}

// TestSummary compares the database summary with planner.Summarize over
// the parcels and proposals read back.
func TestSummary(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	empty, err := db.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(empty, planner.Summarize(nil, nil)) {
		t.Errorf("empty summary %+v, want %+v", empty, planner.Summarize(nil, nil))
	}
	ps := append(sampleParcels(), syntheticParcels(200)...)
	if err := db.PutParcels(ctx, planner.Import{File: "p", SHA256: "1"}, ps); err != nil {
		t.Fatal(err)
	}
	if err := db.PutProposals(ctx, planner.Import{File: "q", SHA256: "2"}, sampleProposals()); err != nil {
		t.Fatal(err)
	}
	got, err := db.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := db.Parcels(ctx)
	props, _ := db.Proposals(ctx)
	want := planner.Summarize(stored, props)
	// Sums of up to 205 areas added in another order: each addition
	// rounds by at most half an ulp, so 205 × 2^-53 relative bounds the
	// difference; 1e-12 is well above that.
	const rel = 1e-12
	close := func(a, b float64) bool { return a == b || (a-b)/b < rel && (b-a)/b < rel }
	roundTallies := func(s *planner.Summary) {
		fix := func(t *planner.Tally, w planner.Tally) {
			if close(t.AreaMu, w.AreaMu) {
				t.AreaMu = w.AreaMu
			}
		}
		fix(&s.Parcels, want.Parcels)
		for st, tl := range s.ByStatus {
			fix(&tl, want.ByStatus[st])
			s.ByStatus[st] = tl
		}
		for i := range s.Zones {
			if i >= len(want.Zones) {
				break
			}
			fix(&s.Zones[i].Total, want.Zones[i].Total)
			for st, tl := range s.Zones[i].ByStatus {
				fix(&tl, want.Zones[i].ByStatus[st])
				s.Zones[i].ByStatus[st] = tl
			}
		}
	}
	roundTallies(&got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Summary:\n got %+v\nwant %+v", got, want)
	}
}

// TestImports checks the import records: one per content, updated when
// the same content is imported again.
func TestImports(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	ps := sampleParcels()
	steps := []struct {
		imp   planner.Import
		put   []planner.Parcel
		props []planner.Proposal
	}{
		{planner.Import{Kind: "parcels", File: "a.geojson", SHA256: "aa", CRS: "EPSG:4545"}, ps[:2], nil},
		{planner.Import{Kind: "proposals", File: "b.csv", SHA256: "bb"}, nil, sampleProposals()},
		{planner.Import{Kind: "parcels", File: "a2.geojson", SHA256: "aa", CRS: "EPSG:4545", Replace: true}, ps[:3], nil},
	}
	for _, s := range steps {
		var err error
		if s.props != nil {
			err = db.PutProposals(ctx, s.imp, s.props)
		} else {
			err = db.PutParcels(ctx, s.imp, s.put)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Imports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []ImportRecord{
		{ID: 1, Import: planner.Import{Kind: "parcels", File: "a2.geojson", SHA256: "aa", CRS: "EPSG:4545", Replace: true}, Count: 3, Time: fixedNow},
		{ID: 2, Import: planner.Import{Kind: "proposals", File: "b.csv", SHA256: "bb"}, Count: 3, Time: fixedNow},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Imports:\n got %+v\nwant %+v", got, want)
	}
	var ids string
	if err := db.sql.QueryRow(`SELECT group_concat(DISTINCT import_id) FROM parcels`).Scan(&ids); err != nil || ids != "1" {
		t.Errorf("parcels import_id %q, %v; want 1", ids, err)
	}
	if err := db.PutParcels(ctx, planner.Import{Kind: "proposals", File: "x"}, nil); err == nil {
		t.Errorf("PutParcels accepted an import of kind proposals")
	}
}

// TestErrorsWrap checks that store errors keep their cause for errors.Is.
func TestErrorsWrap(t *testing.T) {
	db := openTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := db.PutParcels(ctx, planner.Import{File: "x"}, sampleParcels())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v does not wrap context.Canceled", err)
	}
}
