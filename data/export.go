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

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// GPKGExportOptions tunes ExportGPKG.
type GPKGExportOptions struct {
	// Lang is the language of the style labels and field aliases; empty
	// means Chinese.
	Lang policy.Lang
	// Time is recorded as the tables' last change in gpkg_contents and as
	// the styles' update time; the zero value means the time of the call.
	Time time.Time
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

// ExportGPKG writes the layers (export.Layers) as a standalone GeoPackage
// 1.3 at path: one MULTIPOLYGON feature table per layer in CGCS2000
// lon/lat (EPSG:4490), with its R-tree spatial index, and a layer_styles
// table registered as attributes holding, per layer, a QGIS style
// (export.WriteQML) marked as default, so that QGIS opens each layer
// coloured by its category field with a legend in o.Lang.
//
// The file is written under a temporary name beside path, with the
// journal and syncing off, and renamed into place when complete: a failed
// export leaves nothing, and an existing file at path is replaced only by
// a complete one.
func ExportGPKG(ctx context.Context, path string, layers []export.Layer, o GPKGExportOptions) error {
	if o.Lang == "" {
		o.Lang = policy.LangZH
	}
	if o.Time.IsZero() {
		o.Time = time.Now()
	}
	now := o.Time.UTC().Format(gpkgTimeFormat)
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export GeoPackage %s: %w", path, err)
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp)
	if err := writeExport(ctx, tmp, layers, o.Lang, now); err != nil {
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

// writeExport writes the GeoPackage into the empty file tmp.
func writeExport(ctx context.Context, tmp string, layers []export.Layer, lang policy.Lang, now string) error {
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
	for i := range layers {
		if err := writeExportLayer(ctx, tx, conn, &layers[i], now); err != nil {
			return err
		}
	}
	if err := writeLayerStyles(ctx, tx, layers, lang, now); err != nil {
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

// geoPackageType maps an export field type to its GeoPackage column type.
func geoPackageType(t export.FieldType) (string, error) {
	switch t {
	case export.Text, export.Integer, export.Real, export.Boolean:
		return string(t), nil
	}
	return "", fmt.Errorf("field type %q is not a GeoPackage type", t)
}

// writeExportLayer creates the feature table of l and fills it: the rows
// go through the driver's own connection in multi-row statements (the
// bulk path of PutParcels, batch.go), with fids 1..n, and the spatial
// index is packed from the rows' boxes and written once (rtree.go).
func writeExportLayer(ctx context.Context, tx *sql.Tx, conn *sql.Conn, l *export.Layer, now string) error {
	cols := []string{"fid", "geom"}
	defs := make([]string, len(l.Fields))
	for i, f := range l.Fields {
		t, err := geoPackageType(f.Type)
		if err != nil {
			return fmt.Errorf("layer %s field %s: %w", l.Name, f.Name, err)
		}
		defs[i] = quoteIdent(f.Name) + " " + t
		cols = append(cols, quoteIdent(f.Name))
	}
	if len(cols)*rawRows > 32000 {
		return fmt.Errorf("layer %s has %d fields: at most %d can be written", l.Name, len(l.Fields), 32000/rawRows-2)
	}
	desc := l.TitleZH + " / " + l.Title
	ddl := fmt.Sprintf("CREATE TABLE %s (\n  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n  geom MULTIPOLYGON,\n  %s\n)",
		quoteIdent(l.Name), strings.Join(defs, ",\n  "))
	if _, err := tx.ExecContext(ctx, ddl); err != nil {
		return fmt.Errorf("create layer %s: %w", l.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_contents
		(table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, ?)`,
		l.Name, l.Name, desc, SRSCGCS2000); err != nil {
		return fmt.Errorf("register layer %s in gpkg_contents: %w", l.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_geometry_columns
		(table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)`,
		l.Name, SRSCGCS2000); err != nil {
		return fmt.Errorf("register layer %s in gpkg_geometry_columns: %w", l.Name, err)
	}
	if err := createSpatialIndex(ctx, tx, l.Name, "geom", "fid"); err != nil {
		return err
	}
	index := spatialIndex{table: l.Name, geom: "geom", pk: "fid"}
	if err := index.dropWriteTriggers(ctx, tx); err != nil {
		return err
	}

	table := &rawTable{name: l.Name, cols: cols}
	entries := make([]rtreeEntry, 0, len(l.Features))
	err := withRawConn(conn, func(sc *sqlite3.SQLiteConn) error {
		ins, err := newRawInserter(sc, table)
		if err != nil {
			return err
		}
		defer ins.close()
		b := newRawBatch(table)
		for i := range l.Features {
			if i%rawRows == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			ft := &l.Features[i]
			fid := int64(i + 1)
			b.set(0, fid)
			if len(ft.Geometry) > 0 {
				bound := ft.Geometry.Bound()
				start := len(b.arena)
				b.arena = appendGPKGMultiPolygon(b.arena, ft.Geometry, bound, SRSCGCS2000)
				b.set(1, b.arena[start:len(b.arena):len(b.arena)])
				entries = append(entries, newRtreeEntry(fid, bound))
			}
			for k, v := range ft.Values {
				b.set(2+k, driver.Value(v))
			}
			b.endRow()
			if b.full() {
				if err := ins.exec(b); err != nil {
					return err
				}
				b.reset()
			}
		}
		return ins.exec(b)
	})
	if err != nil {
		return fmt.Errorf("write layer %s: %w", l.Name, err)
	}
	packed := packRtree(entries)
	if err := index.write(ctx, tx, conn, packed); err != nil {
		return err
	}
	return setContentsExtent(ctx, tx, l.Name, now, packed.extent)
}

// writeLayerStyles creates QGIS's layer_styles table, registered as an
// attributes table, with one default style per layer.
func writeLayerStyles(ctx context.Context, tx *sql.Tx, layers []export.Layer, lang policy.Lang, now string) error {
	if err := createAttributesTable(ctx, tx, attributesTable{
		Name:        "layer_styles",
		Identifier:  "layer_styles",
		Description: "QGIS layer styles",
		Columns:     layerStylesColumns,
	}); err != nil {
		return err
	}
	name := "landplan"
	for _, l := range layers {
		desc := l.Title
		if lang == policy.LangZH {
			desc = l.TitleZH
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO layer_styles
			(f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD,
			 useAsDefault, description, owner, ui, update_time)
			VALUES ('', '', ?, 'geom', ?, ?, '', 1, ?, '', NULL, ?)`,
			l.Name, name+" "+l.Name, export.QML(l.Categories, l.Fields, lang), desc, now); err != nil {
			return fmt.Errorf("store the style of layer %s: %w", l.Name, err)
		}
	}
	return updateContents(ctx, tx, "layer_styles", "", now)
}

// ExportPlanGPKG exports a stored plan with the parcels it was made from
// to a standalone GeoPackage at path (see ExportGPKG), its attribute
// values in o.Lang (export.LocalizeLayers; Chinese when empty): every part
// of each term (lease_years, transfer_years, term_text) and, on stock
// land, the disposal route and the date the land is free. An unknown plan
// is a planner.Error of KindNotFound, and nothing is written.
func (db *DB) ExportPlanGPKG(ctx context.Context, planID, path string, o GPKGExportOptions) error {
	p, err := db.Plan(ctx, planID)
	if err != nil {
		return err
	}
	parcels, err := db.Parcels(ctx)
	if err != nil {
		return err
	}
	if len(parcels) == 0 {
		return planner.Errorf(planner.KindInvalid, "%s holds no parcels to export", db.path)
	}
	lang := o.Lang
	if lang == "" {
		lang = policy.LangZH
	}
	return ExportGPKG(ctx, path, export.LocalizeLayers(export.Layers(p, parcels), lang), o)
}
