package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/landplan/landplan/geo"
	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/geo/gpkgwkb"
	"github.com/landplan/landplan/geo/valid"
	"github.com/landplan/landplan/planner"
)

// maxReadProblems bounds the problems ReadGeoPackageLayer collects before
// it stops, as geojson.ReadFeatureCollection does by default.
const maxReadProblems = 100

// layerInfo is one feature layer of a GeoPackage.
type layerInfo struct {
	table, geomColumn, geomType string
	srsID                       int64
}

// ReadGeoPackageLayer reads the polygon features of one feature layer of
// a GeoPackage, opened read-only. layer "" means the only feature layer;
// a file with several needs one named. The layer's srs_id must name (in
// gpkg_spatial_ref_sys) one of the CRSs crs.ParseCRS accepts: EPSG:4326
// or 4490 (longitude/latitude) or EPSG:4545, 4546, 4524 or 4525
// (projected, converted to longitude/latitude).
//
// Each row becomes a geo.Feature in primary-key order. Its properties are
// the columns other than the primary key and the geometry, typed as
// GeoJSON properties are: BOOLEAN columns as bool, other integer columns
// as int64, real columns as float64, text, DATE and DATETIME columns as
// string (as stored); NULL columns and BLOB columns are left out. ID is the
// "id" column as text. The geometry is decoded and checked with
// valid.NormalizeGeometry; every problem found (up to 100) is returned in
// one *geo.InputError.
//
// A file that is not a GeoPackage, a missing layer, a layer that is not
// polygonal or an unsupported CRS is a planner.Error of KindInvalid or
// KindNotFound.
func ReadGeoPackageLayer(path, layer string) ([]geo.Feature, error) {
	ctx := context.Background()
	if _, err := os.Stat(path); err != nil {
		return nil, planner.ErrorfZH(planner.KindNotFound, "GeoPackage %s: %w", "GeoPackage %[1]s：文件不存在或无法读取", path, err)
	}
	if err := checkFileHeader(path); err != nil {
		return nil, planner.ErrorfZH(planner.KindInvalid, "%s is not a GeoPackage: it is not an SQLite file", "%s 不是 GeoPackage：它不是 SQLite 文件", path)
	}
	sdb, err := sql.Open(DriverName, dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("open GeoPackage %s: %w", path, err)
	}
	defer sdb.Close()

	layers, err := featureLayers(ctx, sdb, path)
	if err != nil {
		return nil, err
	}
	li, err := chooseLayer(path, layer, layers)
	if err != nil {
		return nil, err
	}
	switch strings.ToUpper(li.geomType) {
	case "POLYGON", "MULTIPOLYGON", "GEOMETRY", "SURFACE", "MULTISURFACE":
	default:
		return nil, planner.ErrorfZH(planner.KindInvalid, "%s: layer %q has geometry type %s: parcels must be polygons", "%s：图层 %q 的几何类型是 %s：地块应为多边形",
			path, li.table, li.geomType)
	}
	crs, err := layerCRS(ctx, sdb, path, li)
	if err != nil {
		return nil, err
	}
	return readFeatures(ctx, sdb, path, li, crs)
}

// featureLayers lists the feature layers of a GeoPackage by name.
func featureLayers(ctx context.Context, sdb *sql.DB, path string) ([]layerInfo, error) {
	var n int
	err := sdb.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master
		WHERE type IN ('table', 'view') AND name IN ('gpkg_contents', 'gpkg_geometry_columns')`).Scan(&n)
	if err != nil {
		return nil, planner.ErrorfZH(planner.KindInvalid, "%s: cannot read it as an SQLite database: %w", "%[1]s：无法作为 SQLite 数据库读取", path, err)
	}
	if n != 2 {
		return nil, planner.ErrorfZH(planner.KindInvalid, "%s is an SQLite database but not a GeoPackage (no gpkg_contents and gpkg_geometry_columns tables)", "%s 是 SQLite 数据库，但不是 GeoPackage（没有 gpkg_contents 和 gpkg_geometry_columns 表）", path)
	}
	rows, err := sdb.QueryContext(ctx, `SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id
		FROM gpkg_contents c JOIN gpkg_geometry_columns g ON lower(g.table_name) = lower(c.table_name)
		WHERE c.data_type = 'features' ORDER BY c.table_name`)
	if err != nil {
		return nil, planner.ErrorfZH(planner.KindInvalid, "%s: read its layers: %w", "%[1]s：无法读取其图层", path, err)
	}
	defer rows.Close()
	var out []layerInfo
	for rows.Next() {
		var li layerInfo
		if err := rows.Scan(&li.table, &li.geomColumn, &li.geomType, &li.srsID); err != nil {
			return nil, planner.ErrorfZH(planner.KindInvalid, "%s: read its layers: %w", "%[1]s：无法读取其图层", path, err)
		}
		out = append(out, li)
	}
	if err := rows.Err(); err != nil {
		return nil, planner.ErrorfZH(planner.KindInvalid, "%s: read its layers: %w", "%[1]s：无法读取其图层", path, err)
	}
	return out, nil
}

// chooseLayer picks the layer named, or the only one when layer is "".
func chooseLayer(path, layer string, layers []layerInfo) (layerInfo, error) {
	names := make([]string, len(layers))
	for i, li := range layers {
		names[i] = li.table
		if layer != "" && li.table == layer {
			return li, nil
		}
	}
	switch {
	case len(layers) == 0:
		return layerInfo{}, planner.ErrorfZH(planner.KindInvalid, "%s has no feature layer", "%s 中没有要素图层", path)
	case layer != "":
		return layerInfo{}, planner.ErrorfZH(planner.KindNotFound, "%s has no feature layer %q; its feature layers are: %s", "%s 中没有要素图层 %q；其要素图层有：%s",
			path, layer, strings.Join(names, ", "))
	case len(layers) > 1:
		return layerInfo{}, planner.ErrorfZH(planner.KindInvalid, "%s has %d feature layers (%s): name the one to read with --layer", "%s 有 %d 个要素图层（%s）：请用 --layer 指定要读取的图层",
			path, len(layers), strings.Join(names, ", "))
	}
	return layers[0], nil
}

// layerCRS returns the CRS of a layer's srs_id.
func layerCRS(ctx context.Context, sdb *sql.DB, path string, li layerInfo) (crs.CRS, error) {
	var org, name string
	var code int64
	err := sdb.QueryRowContext(ctx, `SELECT organization, organization_coordsys_id, srs_name
		FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, li.srsID).Scan(&org, &code, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return crs.CRS{}, planner.ErrorfZH(planner.KindInvalid, "%s: layer %q has srs_id %d, which gpkg_spatial_ref_sys does not define", "%s：图层 %q 的 srs_id 为 %d，gpkg_spatial_ref_sys 中没有定义",
			path, li.table, li.srsID)
	}
	if err != nil {
		return crs.CRS{}, planner.ErrorfZH(planner.KindInvalid, "%s: read the CRS of layer %q: %w", "%[1]s：无法读取图层 %[2]q 的坐标参考系", path, li.table, err)
	}
	srs := fmt.Sprintf("srs_id %d (%s:%d, %q)", li.srsID, org, code, name)
	if !strings.EqualFold(org, "EPSG") {
		return crs.CRS{}, planner.ErrorfZH(planner.KindInvalid, "%s: layer %q is in %s, not an EPSG system landplan reads: use EPSG:4326, 4490, 4545, 4546, 4524 or 4525", "%s：图层 %q 的坐标系是 %s，不是 landplan 可读的 EPSG 坐标系：请用 EPSG:4326、4490、4545、4546、4524 或 4525",
			path, li.table, srs)
	}
	c, err := crs.ParseCRS(fmt.Sprintf("EPSG:%d", code))
	if err != nil {
		return crs.CRS{}, planner.ErrorfZH(planner.KindInvalid, "%s: layer %q is in %s: %w", "%s：图层 %q 的坐标系是 %s：%v", path, li.table, srs, err)
	}
	if c.EPSG == 0 {
		return crs.CRS{}, planner.ErrorfZH(planner.KindInvalid, "%s: layer %q is in %s, not an EPSG system landplan reads", "%s：图层 %q 的坐标系是 %s，不是 landplan 可读的 EPSG 坐标系", path, li.table, srs)
	}
	return c, nil
}

// column is an attribute column of a layer.
type column struct {
	name, declType string
}

// readFeatures reads every row of a layer as a feature.
func readFeatures(ctx context.Context, sdb *sql.DB, path string, li layerInfo, crs crs.CRS) ([]geo.Feature, error) {
	cols, pk, err := layerColumns(ctx, sdb, path, li)
	if err != nil {
		return nil, err
	}
	// Each column is selected as an expression ("+col") so that the driver
	// returns the stored value rather than converting by declared type
	// (go-sqlite3 turns DATE text into time.Time).
	sel := []string{quoteIdent(li.geomColumn)}
	for _, c := range cols {
		sel = append(sel, "+"+quoteIdent(c.name))
	}
	q := `SELECT ` + strings.Join(sel, ", ") + ` FROM ` + quoteIdent(li.table) + ` ORDER BY ` + quoteIdent(pk)
	rows, err := sdb.QueryContext(ctx, q)
	if err != nil {
		return nil, planner.ErrorfZH(planner.KindInvalid, "%s: read layer %q: %w", "%[1]s：无法读取图层 %[2]q", path, li.table, err)
	}
	defer rows.Close()

	inErr := &geo.InputError{File: path}
	var out []geo.Feature
	vals := make([]any, len(sel))
	ptrs := make([]any, len(sel))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for idx := 0; rows.Next(); idx++ {
		if len(inErr.Problems) >= maxReadProblems {
			inErr.Truncated = true
			break
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, planner.ErrorfZH(planner.KindInvalid, "%s: read layer %q, feature %d: %w", "%[1]s：无法读取图层 %[2]q 的第 %[3]d 个要素", path, li.table, idx+1, err)
		}
		f, problems := layerFeature(idx, vals, cols, crs)
		inErr.Problems = append(inErr.Problems, problems...)
		if len(problems) == 0 {
			out = append(out, f)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, planner.ErrorfZH(planner.KindInvalid, "%s: read layer %q: %w", "%[1]s：无法读取图层 %[2]q", path, li.table, err)
	}
	if len(inErr.Problems) > 0 {
		return nil, inErr
	}
	return out, nil
}

// layerColumns returns the attribute columns of a layer, without its
// integer primary key and geometry column, and the key's name ("rowid"
// when it has none).
func layerColumns(ctx context.Context, sdb *sql.DB, path string, li layerInfo) ([]column, string, error) {
	rows, err := sdb.QueryContext(ctx, `SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid`, li.table)
	if err != nil {
		return nil, "", planner.ErrorfZH(planner.KindInvalid, "%s: read the columns of layer %q: %w", "%[1]s：无法读取图层 %[2]q 的字段", path, li.table, err)
	}
	defer rows.Close()
	var cols []column
	pk := "rowid"
	for rows.Next() {
		var c column
		var pkPos int
		if err := rows.Scan(&c.name, &c.declType, &pkPos); err != nil {
			return nil, "", planner.ErrorfZH(planner.KindInvalid, "%s: read the columns of layer %q: %w", "%[1]s：无法读取图层 %[2]q 的字段", path, li.table, err)
		}
		switch {
		case pkPos == 1 && strings.EqualFold(c.declType, "INTEGER"):
			pk = c.name
		case strings.EqualFold(c.name, li.geomColumn):
		default:
			cols = append(cols, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, "", planner.ErrorfZH(planner.KindInvalid, "%s: read the columns of layer %q: %w", "%[1]s：无法读取图层 %[2]q 的字段", path, li.table, err)
	}
	return cols, pk, nil
}

// layerFeature makes feature idx of a layer from its row's values (the
// geometry blob, then the columns cols), with its geometry checked and
// normalised in crs; the problems are those of the geometry.
func layerFeature(idx int, vals []any, cols []column, crs crs.CRS) (geo.Feature, []geo.Problem) {
	f := geo.Feature{Index: idx, Properties: make(map[string]any, len(cols))}
	for i, c := range cols {
		if v := propertyValue(vals[i+1], c.declType); v != nil {
			f.Properties[c.name] = v
		}
	}
	if v, ok := f.Properties["id"]; ok {
		f.ID = fmt.Sprint(v)
	}
	var problems []geo.Problem
	switch blob := vals[0].(type) {
	case []byte:
		g, _, err := gpkgwkb.DecodeGPKG(blob)
		if err != nil {
			problems = []geo.Problem{{Property: "geometry", Code: "geometry.invalid_blob", Message: err.Error()}}
			break
		}
		f.Geometry, problems = valid.NormalizeGeometry(g, crs)
	default:
		_, problems = valid.NormalizeGeometry(nil, crs)
	}
	for i := range problems {
		problems[i].Feature, problems[i].ID = idx, f.ID
	}
	return f, problems
}

// propertyValue converts a stored value to the type a GeoJSON property of
// the column would have; nil for NULL and BLOB values.
func propertyValue(v any, declType string) any {
	switch x := v.(type) {
	case int64:
		if strings.EqualFold(declType, "BOOLEAN") {
			return x != 0
		}
		return x
	case float64, string:
		return x
	}
	return nil
}
