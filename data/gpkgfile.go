package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
	"github.com/paulmach/orb"
)

// GeoPackageFile is the content of a standalone GeoPackage file: its
// feature tables and the QGIS styles stored with them. data writes it as
// given; what the tables hold and how they are styled is decided by the
// caller (package export).
type GeoPackageFile struct {
	// Tables are the feature tables, in order.
	Tables []FeatureTable
	// Styles go into QGIS's layer_styles table, in order.
	Styles []LayerStyle
	// Time is recorded as the tables' last change in gpkg_contents and as
	// the styles' update time; the zero value means the time of the call.
	Time time.Time
}

// FeatureTable is one MULTIPOLYGON feature table in CGCS2000 lon/lat
// (EPSG:4490), with fids 1..n in the order of its rows.
type FeatureTable struct {
	// Name is the table's name; Description goes into gpkg_contents.
	Name, Description string
	// Columns follow fid and geom.
	Columns []Column
	// Rows are the features.
	Rows []FeatureRow
}

// Column is a column of a feature table: its name and GeoPackage type,
// one of TEXT, INTEGER, DOUBLE and BOOLEAN.
type Column struct {
	Name, Type string
}

// FeatureRow is one feature: its geometry (none when empty) and one value
// per column (nil for NULL).
type FeatureRow struct {
	Geometry orb.MultiPolygon
	Values   []any
}

// LayerStyle is a QGIS style of a table, stored as its default.
type LayerStyle struct {
	// Table is the styled table; Name, QML and Description are the
	// style's styleName, styleQML and description.
	Table, Name, QML, Description string
}

// layerStylesColumns are the columns of QGIS's layer_styles table, as
// QGIS creates it in a GeoPackage.
const layerStylesColumns = `f_table_catalog TEXT,
  f_table_schema TEXT,
  f_table_name TEXT,
  f_geometry_column TEXT,
  styleName TEXT,
  styleQML TEXT,
  styleSLD TEXT,
  useAsDefault BOOLEAN,
  description TEXT,
  owner TEXT,
  ui TEXT,
  update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))`

// WriteGeoPackage writes f as a standalone GeoPackage 1.3 at path: each
// feature table with its R-tree spatial index, and a layer_styles table
// registered as attributes holding the styles, each marked as default.
//
// The file is written under a temporary name beside path, with the
// journal and syncing off, and renamed into place when complete: a failed
// write leaves nothing, and an existing file at path is replaced only by
// a complete one.
func WriteGeoPackage(ctx context.Context, path string, f GeoPackageFile) error {
	if f.Time.IsZero() {
		f.Time = time.Now()
	}
	now := f.Time.UTC().Format(gpkgTimeFormat)
	tf, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export GeoPackage %s: %w", path, err)
	}
	tmp := tf.Name()
	tf.Close()
	defer os.Remove(tmp)
	if err := writeGeoPackage(ctx, tmp, &f, now); err != nil {
		return fmt.Errorf("export GeoPackage %s: %w", path, err)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("export GeoPackage %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("export GeoPackage %s: %w", path, err)
	}
	return nil
}

// writeGeoPackage writes the GeoPackage into the empty file tmp.
func writeGeoPackage(ctx context.Context, tmp string, f *GeoPackageFile, now string) error {
	sdb, err := sql.Open(DriverName, "file:"+escapePath(tmp)+"?_journal_mode=OFF&_sync=OFF&_cache_size=-65536")
	if err != nil {
		return err
	}
	defer sdb.Close()
	conn, err := sdb.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// The page size is set before the first table exists; GDAL writes
	// GeoPackages with 4096-byte pages too.
	if _, err := conn.ExecContext(ctx, "PRAGMA page_size = 4096"); err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createGPKGCore(ctx, tx); err != nil {
		return err
	}
	for i := range f.Tables {
		if err := writeFeatureTable(ctx, tx, conn, &f.Tables[i], now); err != nil {
			return err
		}
	}
	if err := writeLayerStyles(ctx, tx, f.Styles, now); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if err := conn.Close(); err != nil {
		return err
	}
	return sdb.Close()
}

// geoPackageTypes are the column types a feature table may have.
var geoPackageTypes = map[string]bool{"TEXT": true, "INTEGER": true, "DOUBLE": true, "BOOLEAN": true}

// writeFeatureTable creates the feature table t and fills it: the rows
// go through the driver's own connection in multi-row statements (the
// bulk path of PutParcels, batch.go), with fids 1..n, and the spatial
// index is packed from the rows' boxes and written once (rtree.go).
func writeFeatureTable(ctx context.Context, tx *sql.Tx, conn *sql.Conn, t *FeatureTable, now string) error {
	table, err := createFileTable(ctx, tx, t)
	if err != nil {
		return err
	}
	index := spatialIndex{table: t.Name, geom: "geom", pk: "fid"}
	if err := index.dropWriteTriggers(ctx, tx); err != nil {
		return err
	}
	var entries []rtreeEntry
	err = withRawConn(conn, func(sc *sqlite3.SQLiteConn) error {
		entries, err = insertFeatures(ctx, sc, table, t.Rows)
		return err
	})
	if err != nil {
		return fmt.Errorf("write layer %s: %w", t.Name, err)
	}
	packed := packRtree(entries)
	if err := index.write(ctx, tx, conn, packed); err != nil {
		return err
	}
	return setContentsExtent(ctx, tx, t.Name, now, packed.extent)
}

// createFileTable creates the table of t with its spatial index and
// registers it in gpkg_contents and gpkg_geometry_columns; it returns the
// table's columns for the bulk inserter.
func createFileTable(ctx context.Context, tx *sql.Tx, t *FeatureTable) (*rawTable, error) {
	cols := []string{"fid", "geom"}
	defs := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		if !geoPackageTypes[c.Type] {
			return nil, fmt.Errorf("layer %s field %s: field type %q is not a GeoPackage type", t.Name, c.Name, c.Type)
		}
		defs[i] = quoteIdent(c.Name) + " " + c.Type
		cols = append(cols, quoteIdent(c.Name))
	}
	if len(cols)*rawRows > 32000 {
		return nil, fmt.Errorf("layer %s has %d fields: at most %d can be written", t.Name, len(t.Columns), 32000/rawRows-2)
	}
	ddl := fmt.Sprintf("CREATE TABLE %s (\n  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n  geom MULTIPOLYGON,\n  %s\n)",
		quoteIdent(t.Name), strings.Join(defs, ",\n  "))
	if _, err := tx.ExecContext(ctx, ddl); err != nil {
		return nil, fmt.Errorf("create layer %s: %w", t.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_contents
		(table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, ?)`,
		t.Name, t.Name, t.Description, SRSCGCS2000); err != nil {
		return nil, fmt.Errorf("register layer %s in gpkg_contents: %w", t.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_geometry_columns
		(table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)`,
		t.Name, SRSCGCS2000); err != nil {
		return nil, fmt.Errorf("register layer %s in gpkg_geometry_columns: %w", t.Name, err)
	}
	if err := createSpatialIndex(ctx, tx, t.Name, "geom", "fid"); err != nil {
		return nil, err
	}
	return &rawTable{name: t.Name, cols: cols}, nil
}

// insertFeatures inserts rows into table with fids 1..n in multi-row
// statements and returns the R-tree entries of the rows with a geometry.
func insertFeatures(ctx context.Context, sc *sqlite3.SQLiteConn, table *rawTable, rows []FeatureRow) ([]rtreeEntry, error) {
	ins, err := newRawInserter(sc, table)
	if err != nil {
		return nil, err
	}
	defer ins.close()
	entries := make([]rtreeEntry, 0, len(rows))
	b := newRawBatch(table)
	for i := range rows {
		if i%rawRows == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		r := &rows[i]
		fid := int64(i + 1)
		b.set(0, fid)
		if len(r.Geometry) > 0 {
			bound := r.Geometry.Bound()
			start := len(b.arena)
			b.arena = appendGPKGMultiPolygon(b.arena, r.Geometry, bound, SRSCGCS2000)
			b.set(1, b.arena[start:len(b.arena):len(b.arena)])
			entries = append(entries, newRtreeEntry(fid, bound))
		}
		for k, v := range r.Values {
			b.set(2+k, driver.Value(v))
		}
		b.endRow()
		if b.full() {
			if err := ins.exec(b); err != nil {
				return nil, err
			}
			b.reset()
		}
	}
	return entries, ins.exec(b)
}

// createLayerStylesTable creates QGIS's layer_styles table, registered as
// an attributes table.
func createLayerStylesTable(ctx context.Context, tx *sql.Tx) error {
	return createAttributesTable(ctx, tx, attributesTable{
		Name:        "layer_styles",
		Identifier:  "layer_styles",
		Description: "QGIS layer styles",
		Columns:     layerStylesColumns,
	})
}

// writeLayerStyles creates QGIS's layer_styles table, registered as an
// attributes table, with the styles, each its table's default.
func writeLayerStyles(ctx context.Context, tx *sql.Tx, styles []LayerStyle, now string) error {
	if err := createLayerStylesTable(ctx, tx); err != nil {
		return err
	}
	for _, s := range styles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO layer_styles
			(f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD,
			 useAsDefault, description, owner, ui, update_time)
			VALUES ('', '', ?, 'geom', ?, ?, '', 1, ?, '', NULL, ?)`,
			s.Table, s.Name, s.QML, s.Description, now); err != nil {
			return fmt.Errorf("store the style of layer %s: %w", s.Table, err)
		}
	}
	return updateContents(ctx, tx, "layer_styles", "", now)
}
