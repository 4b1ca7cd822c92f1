package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// GeoPackage header values (OGC 12-128r18 §1.1.1.1.1): application_id
// "GPKG" as a big-endian int32, and user_version 10300 for version 1.3.0.
const (
	GPKGApplicationID = 0x47504B47 // 1196444487
	GPKGUserVersion   = 10300
)

// gpkgCoreDDL creates the GeoPackage core tables, as OGC 12-128r18 Annex C
// defines them (table definition SQL C.1, C.2, C.3 and C.8).
const gpkgCoreDDL = `
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE,
  min_y DOUBLE,
  max_x DOUBLE,
  max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
CREATE TABLE gpkg_extensions (
  table_name TEXT,
  column_name TEXT,
  extension_name TEXT NOT NULL,
  definition TEXT NOT NULL,
  scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
);
`

// gpkgTimeFormat is the GeoPackage DATETIME format: ISO 8601 UTC with
// milliseconds (OGC 12-128r18 §1.1.1.1.3).
const gpkgTimeFormat = "2006-01-02T15:04:05.000Z"

// createGPKGCore sets the GeoPackage header values and creates the core
// tables with their required spatial reference systems.
func createGPKGCore(ctx context.Context, tx *sql.Tx) error {
	stmts := []string{
		fmt.Sprintf("PRAGMA application_id = %d", GPKGApplicationID),
		fmt.Sprintf("PRAGMA user_version = %d", GPKGUserVersion),
		gpkgCoreDDL,
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("create GeoPackage core tables: %w", err)
		}
	}
	systems, err := spatialRefSystems()
	if err != nil {
		return fmt.Errorf("insert spatial reference systems: %w", err)
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO gpkg_spatial_ref_sys
		(srs_name, srs_id, organization, organization_coordsys_id, definition, description)
		VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("insert spatial reference systems: %w", err)
	}
	defer ins.Close()
	for _, s := range systems {
		if _, err := ins.ExecContext(ctx, s.Name, s.ID, s.Organization, s.OrgID, s.Definition, s.Description); err != nil {
			return fmt.Errorf("insert spatial reference system %d: %w", s.ID, err)
		}
	}
	return nil
}

// featureTable describes a GeoPackage feature table: an INTEGER PRIMARY
// KEY "fid", one geometry column, and attribute columns.
type featureTable struct {
	Name         string
	GeomColumn   string
	GeomType     string // e.g. MULTIPOLYGON
	SRSID        int
	Columns      string // attribute column definitions, comma-separated
	Identifier   string
	Description  string
	TableOptions string // table constraints appended after the columns
}

// createFeatureTable creates a feature table, registers it in
// gpkg_contents and gpkg_geometry_columns, and gives it the R-tree spatial
// index extension with the GeoPackage 1.3 triggers.
func createFeatureTable(ctx context.Context, tx *sql.Tx, t featureTable) error {
	ddl := fmt.Sprintf("CREATE TABLE %s (\n  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n  %s %s,\n  %s%s\n)",
		quoteIdent(t.Name), quoteIdent(t.GeomColumn), t.GeomType, t.Columns, t.TableOptions)
	if _, err := tx.ExecContext(ctx, ddl); err != nil {
		return fmt.Errorf("create feature table %s: %w", t.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_contents
		(table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, ?)`,
		t.Name, t.Identifier, t.Description, t.SRSID); err != nil {
		return fmt.Errorf("register feature table %s in gpkg_contents: %w", t.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_geometry_columns
		(table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, ?, ?, ?, 0, 0)`,
		t.Name, t.GeomColumn, t.GeomType, t.SRSID); err != nil {
		return fmt.Errorf("register feature table %s in gpkg_geometry_columns: %w", t.Name, err)
	}
	return createSpatialIndex(ctx, tx, t.Name, t.GeomColumn, "fid")
}

// createSpatialIndex creates the R-tree spatial index of a geometry column
// and the triggers that keep it current, as the GeoPackage 1.3 R-tree
// extension defines them (OGC 12-128r18 Annex F.3: insert, update1-4,
// delete), and declares the extension in gpkg_extensions.
func createSpatialIndex(ctx context.Context, tx *sql.Tx, table, geom, pk string) error {
	s := spatialIndex{table: table, geom: geom, pk: pk}
	stmts := []string{
		s.expand(`CREATE VIRTUAL TABLE <rt> USING rtree(id, minx, maxx, miny, maxy)`),
		s.expand(`INSERT OR REPLACE INTO <rt>
		  SELECT <qi>, ST_MinX(<qc>), ST_MaxX(<qc>), ST_MinY(<qc>), ST_MaxY(<qc>)
		  FROM <qt> WHERE <qc> NOT NULL AND NOT ST_IsEmpty(<qc>)`),
	}
	for _, t := range rtreeTriggers {
		stmts = append(stmts, s.expand(t.ddl))
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create spatial index of %s.%s: %w", table, geom, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_extensions
		(table_name, column_name, extension_name, definition, scope)
		VALUES (?, ?, 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')`,
		table, geom); err != nil {
		return fmt.Errorf("declare spatial index of %s.%s: %w", table, geom, err)
	}
	return nil
}

// expand fills a statement template: <rt> the R-tree table, <qt>, <qc>
// and <qi> the quoted table, geometry column and primary key, <trig> the
// trigger name prefix.
func (s spatialIndex) expand(tmpl string) string {
	return strings.NewReplacer(
		"<rt>", quoteIdent(s.name()),
		"<qt>", quoteIdent(s.table), "<qc>", quoteIdent(s.geom), "<qi>", quoteIdent(s.pk),
		"<trig>", s.name(),
	).Replace(tmpl)
}

// writeTriggers returns the statements that create the insert and delete
// triggers.
func (s spatialIndex) writeTriggers() []string {
	var out []string
	for _, t := range rtreeTriggers {
		if t.suffix == "_insert" || t.suffix == "_delete" {
			out = append(out, s.expand(t.ddl))
		}
	}
	return out
}

// rtreeTriggers are the GeoPackage 1.3 R-tree triggers (OGC 12-128r18
// Annex F.3), as templates for spatialIndex.expand.
var rtreeTriggers = []struct{ suffix, ddl string }{
	{"_insert", `CREATE TRIGGER "<trig>_insert" AFTER INSERT ON <qt>
  WHEN (new.<qc> NOT NULL AND NOT ST_IsEmpty(NEW.<qc>))
BEGIN
  INSERT OR REPLACE INTO <rt> VALUES (
    NEW.<qi>,
    ST_MinX(NEW.<qc>), ST_MaxX(NEW.<qc>),
    ST_MinY(NEW.<qc>), ST_MaxY(NEW.<qc>)
  );
END`},
	{"_update1", `CREATE TRIGGER "<trig>_update1" AFTER UPDATE OF <qc> ON <qt>
  WHEN OLD.<qi> = NEW.<qi> AND
       (NEW.<qc> NOTNULL AND NOT ST_IsEmpty(NEW.<qc>))
BEGIN
  INSERT OR REPLACE INTO <rt> VALUES (
    NEW.<qi>,
    ST_MinX(NEW.<qc>), ST_MaxX(NEW.<qc>),
    ST_MinY(NEW.<qc>), ST_MaxY(NEW.<qc>)
  );
END`},
	{"_update2", `CREATE TRIGGER "<trig>_update2" AFTER UPDATE OF <qc> ON <qt>
  WHEN OLD.<qi> = NEW.<qi> AND
       (NEW.<qc> ISNULL OR ST_IsEmpty(NEW.<qc>))
BEGIN
  DELETE FROM <rt> WHERE id = OLD.<qi>;
END`},
	{"_update3", `CREATE TRIGGER "<trig>_update3" AFTER UPDATE ON <qt>
  WHEN OLD.<qi> != NEW.<qi> AND
       (NEW.<qc> NOTNULL AND NOT ST_IsEmpty(NEW.<qc>))
BEGIN
  DELETE FROM <rt> WHERE id = OLD.<qi>;
  INSERT OR REPLACE INTO <rt> VALUES (
    NEW.<qi>,
    ST_MinX(NEW.<qc>), ST_MaxX(NEW.<qc>),
    ST_MinY(NEW.<qc>), ST_MaxY(NEW.<qc>)
  );
END`},
	{"_update4", `CREATE TRIGGER "<trig>_update4" AFTER UPDATE ON <qt>
  WHEN OLD.<qi> != NEW.<qi> AND
       (NEW.<qc> ISNULL OR ST_IsEmpty(NEW.<qc>))
BEGIN
  DELETE FROM <rt> WHERE id IN (OLD.<qi>, NEW.<qi>);
END`},
	{"_delete", `CREATE TRIGGER "<trig>_delete" AFTER DELETE ON <qt>
  WHEN old.<qc> NOT NULL
BEGIN
  DELETE FROM <rt> WHERE id = OLD.<qi>;
END`},
}

// attributesTable describes a GeoPackage attributes table: an INTEGER
// PRIMARY KEY "fid" and attribute columns.
type attributesTable struct {
	Name         string
	Columns      string
	Identifier   string
	Description  string
	TableOptions string
}

// createAttributesTable creates an attributes table and registers it in
// gpkg_contents with data_type 'attributes', so that GeoPackage readers
// know it as a table without geometry.
func createAttributesTable(ctx context.Context, tx *sql.Tx, t attributesTable) error {
	ddl := fmt.Sprintf("CREATE TABLE %s (\n  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n  %s%s\n)",
		quoteIdent(t.Name), t.Columns, t.TableOptions)
	if _, err := tx.ExecContext(ctx, ddl); err != nil {
		return fmt.Errorf("create table %s: %w", t.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_contents
		(table_name, data_type, identifier, description) VALUES (?, 'attributes', ?, ?)`,
		t.Name, t.Identifier, t.Description); err != nil {
		return fmt.Errorf("register table %s in gpkg_contents: %w", t.Name, err)
	}
	return nil
}

// updateContents records in gpkg_contents the change time of a table and,
// for a feature table, the extent of its geometries taken from its R-tree
// index (NULL when the table has none).
func updateContents(ctx context.Context, tx *sql.Tx, table, geom string, now string) error {
	var err error
	if geom == "" {
		_, err = tx.ExecContext(ctx, `UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?`, now, table)
	} else {
		rt := quoteIdent("rtree_" + table + "_" + geom)
		_, err = tx.ExecContext(ctx, `UPDATE gpkg_contents SET last_change = ?,
			min_x = (SELECT min(minx) FROM `+rt+`), max_x = (SELECT max(maxx) FROM `+rt+`),
			min_y = (SELECT min(miny) FROM `+rt+`), max_y = (SELECT max(maxy) FROM `+rt+`)
			WHERE table_name = ?`, now, table)
	}
	if err != nil {
		return fmt.Errorf("update gpkg_contents for %s: %w", table, err)
	}
	return nil
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
