// Package data is the storage of landplan: one SQLite file (go-sqlite3) that
// is also a valid OGC GeoPackage 1.3, its schema and versioned migrations,
// and the implementations of the planner's store interfaces.
//
// A database holds the GeoPackage core tables, the parcels feature layer
// (MULTIPOLYGON in CGCS2000, EPSG:4490, with its R-tree spatial index) and
// the proposals and imports attribute tables; landplan_schema records the
// migrations applied. GDAL and QGIS open the file directly. Open refuses
// files landplan did not create and databases of a newer schema rather
// than touching them.
//
// Every store call runs in one transaction: all or nothing. Large parcel
// batches are written through multi-row inserts and a bulk-loaded spatial
// index (see rtree.go); small ones through the GeoPackage R-tree triggers.
// ReadGeoPackageLayer reads a polygon layer of a user's GeoPackage;
// WriteGeoPackage writes a standalone GeoPackage of the feature tables and
// QGIS styles it is given, and SetWorkingStyles hands the database the
// styles it keeps for its own parcels and lots. What those tables and
// styles hold is package export's business: data knows no file format
// but its own.
//
// It is the only package that imports database/sql and go-sqlite3. The
// script bench/import_vs_ogr2ogr.sh times an end-to-end import against
// GDAL's ogr2ogr on the same file.
package data
