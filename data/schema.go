package data

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/landplan/landplan/planner"
)

// SchemaVersion is the landplan schema version this build creates and
// understands: the number of migrations.
var SchemaVersion = len(migrations)

// schemaTable records the applied migrations, one row each. It is not
// registered in gpkg_contents: it is the application's own bookkeeping.
const schemaTable = "landplan_schema"

// migration is one step of the schema: it runs in its own transaction,
// together with the row that records it.
type migration struct {
	Version     int
	Description string
	Up          func(ctx context.Context, tx *sql.Tx) error
}

// migrations are the schema steps in order; Version i+1 is migrations[i].
// A new step is appended here and never changes the ones before it.
var migrations = []migration{
	{1, "GeoPackage core, parcels feature table, proposals and imports", migrate1},
	{2, "plans, their allocations and lots, and scenarios", migrate2},
	{3, "proposals: requested supply mode and term, floor areas, earliest year", migrate3},
	{4, "performance rows of the awards; parcels: evaluation class and years running; proposals: enterprise", migrate4},
	{5, "signed contracts", migrate5},
	{6, "allocations and lots: the term as shown, the disposal route and the free date", migrate6},
	{7, "allocations and lots: the supply year, and the year each phase is released", migrate7},
}

// migrate1 creates the GeoPackage core tables and the first landplan
// tables: the parcels feature layer and the proposals and imports
// attribute tables.
func migrate1(ctx context.Context, tx *sql.Tx) error {
	if err := createGPKGCore(ctx, tx); err != nil {
		return err
	}
	if err := createAttributesTable(ctx, tx, attributesTable{
		Name:        "imports",
		Identifier:  "imports",
		Description: "landplan imports: one row per imported file content",
		Columns: `kind TEXT NOT NULL,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  crs TEXT NOT NULL DEFAULT '',
  "replace" BOOLEAN NOT NULL,
  count INTEGER NOT NULL,
  time DATETIME NOT NULL`,
		TableOptions: `,
  CONSTRAINT uk_imports_content UNIQUE (kind, sha256, crs)`,
	}); err != nil {
		return err
	}
	if err := createFeatureTable(ctx, tx, featureTable{
		Name:        "parcels",
		GeomColumn:  "geom",
		GeomType:    "MULTIPOLYGON",
		SRSID:       SRSCGCS2000,
		Identifier:  "parcels",
		Description: "landplan land pool: parcels (宗地)",
		Columns: `id TEXT NOT NULL UNIQUE,
  zone TEXT,
  land_use TEXT NOT NULL,
  status TEXT NOT NULL,
  min_plot_ratio DOUBLE,
  max_plot_ratio DOUBLE,
  serviced BOOLEAN,
  price DOUBLE,
  agreed_start DATE,
  halted_since DATE,
  developed_share DOUBLE,
  invested_share DOUBLE,
  current_plot_ratio DOUBLE,
  current_tax_per_mu DOUBLE,
  area_m2 DOUBLE NOT NULL,
  area_mu DOUBLE NOT NULL,
  area_ha DOUBLE NOT NULL,
  extra TEXT,
  import_id INTEGER,
  CONSTRAINT fk_parcels_import FOREIGN KEY (import_id) REFERENCES imports(fid)`,
	}); err != nil {
		return err
	}
	return createAttributesTable(ctx, tx, attributesTable{
		Name:        "proposals",
		Identifier:  "proposals",
		Description: "landplan project proposals",
		Columns: `id TEXT NOT NULL UNIQUE,
  name TEXT,
  industry TEXT NOT NULL,
  land_class INTEGER,
  area_mu DOUBLE NOT NULL,
  min_area_mu DOUBLE NOT NULL,
  phases INTEGER NOT NULL,
  phase1_share DOUBLE NOT NULL,
  investment DOUBLE NOT NULL,
  output DOUBLE NOT NULL,
  tax DOUBLE NOT NULL,
  jobs INTEGER NOT NULL,
  rd_share DOUBLE,
  plot_ratio DOUBLE,
  building_coverage DOUBLE,
  facility_share DOUBLE,
  dormitory_share DOUBLE,
  lifecycle_years DOUBLE,
  enterprise_type TEXT,
  preferred_zone TEXT,
  import_id INTEGER,
  CONSTRAINT fk_proposals_import FOREIGN KEY (import_id) REFERENCES imports(fid)`,
	})
}

// querier is what both *sql.DB and *sql.Tx offer for reading.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// schemaState reads the schema version of the database: 0 for a database
// with no tables at all, or an error for a database that landplan did not
// create.
func (db *DB) schemaState(ctx context.Context, q querier) (int, error) {
	var tables int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&tables); err != nil {
		return 0, fmt.Errorf("read database %s: %w", db.path, err)
	}
	if tables == 0 {
		return 0, nil
	}
	var appID int64
	if err := q.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID); err != nil {
		return 0, fmt.Errorf("read database %s: %w", db.path, err)
	}
	has := func(name string) (bool, error) {
		var n int
		err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, name).Scan(&n)
		if err != nil {
			return false, fmt.Errorf("read database %s: %w", db.path, err)
		}
		return n > 0, nil
	}
	hasSchema, err := has(schemaTable)
	if err != nil {
		return 0, err
	}
	if !hasSchema {
		isGPKG, err := has("gpkg_contents")
		if err != nil {
			return 0, err
		}
		if isGPKG || appID == GPKGApplicationID {
			return 0, planner.ErrorfZH(planner.KindInvalid,
				"%s is a GeoPackage that landplan did not create (no %s table): landplan does not write into it; read its parcels with `landplan import parcels %s` into a landplan database",
				"%s 是一个不由 landplan 创建的 GeoPackage（没有 %s 表）：landplan 不写入它；请用 `landplan import parcels %s` 把其中的地块读入 landplan 数据库",
				db.path, schemaTable, db.path)
		}
		return 0, planner.ErrorfZH(planner.KindInvalid,
			"%s is an SQLite database but not a landplan database (no %s table): landplan does not write into it",
			"%s 是 SQLite 数据库，但不是 landplan 数据库（没有 %s 表）：landplan 不写入它", db.path, schemaTable)
	}
	if appID != GPKGApplicationID {
		return 0, planner.ErrorfZH(planner.KindInvalid,
			"%s has a %s table but is not a GeoPackage (application_id %d, want %d): it is not a landplan database",
			"%s 有 %s 表，但不是 GeoPackage（application_id 为 %d，应为 %d）：它不是 landplan 数据库",
			db.path, schemaTable, appID, GPKGApplicationID)
	}
	var version sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(version) FROM `+schemaTable).Scan(&version); err != nil {
		return 0, fmt.Errorf("read schema version of %s: %w", db.path, err)
	}
	return int(version.Int64), nil
}

// migrate brings the database up to the last of ms, one migration per
// transaction. The version is read again inside each transaction, so that
// two processes opening a new file at once apply each step once.
func (db *DB) migrate(ctx context.Context, ms []migration) error {
	latest := len(ms)
	v, err := db.schemaState(ctx, db.sql)
	if err != nil {
		return err
	}
	for {
		if v > latest {
			return planner.ErrorfZH(planner.KindInvalid,
				"%s has landplan schema version %d, newer than this landplan understands (%d): use a newer landplan",
				"%s 的 landplan 数据库版本为 %d，新于本程序能识别的版本（%d）：请使用更新的 landplan",
				db.path, v, latest)
		}
		if v == latest {
			return nil
		}
		if v, err = db.applyNext(ctx, ms); err != nil {
			return err
		}
	}
}

// applyNext applies the migration after the database's current version in
// one transaction and returns the version reached.
func (db *DB) applyNext(ctx context.Context, ms []migration) (int, error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("migrate %s: %w", db.path, err)
	}
	defer tx.Rollback()
	v, err := db.schemaState(ctx, tx)
	if err != nil {
		return 0, err
	}
	if v >= len(ms) {
		return v, nil
	}
	m := ms[v]
	if v == 0 {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE `+schemaTable+` (
  version INTEGER PRIMARY KEY NOT NULL,
  description TEXT NOT NULL,
  applied DATETIME NOT NULL
)`); err != nil {
			return 0, fmt.Errorf("migrate %s: create %s: %w", db.path, schemaTable, err)
		}
	}
	if err := m.Up(ctx, tx); err != nil {
		return 0, fmt.Errorf("migrate %s to schema version %d (%s): %w", db.path, m.Version, m.Description, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO `+schemaTable+` (version, description, applied) VALUES (?, ?, ?)`,
		m.Version, m.Description, db.now().UTC().Format(gpkgTimeFormat)); err != nil {
		return 0, fmt.Errorf("migrate %s: record schema version %d: %w", db.path, m.Version, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("migrate %s: commit schema version %d: %w", db.path, m.Version, err)
	}
	return m.Version, nil
}

// Version returns the landplan schema version of the open database.
func (db *DB) Version(ctx context.Context) (int, error) {
	return db.schemaState(ctx, db.sql)
}
