// Package geo holds the vocabulary the geometry packages share and knows
// nothing of planning: a Feature read from an input file, a Problem found
// in it (saying which feature and property), and the InputError listing
// every problem of one file.
//
// The geometry itself lives in one package per job:
//
//   - geo/crs: the accepted coordinate reference systems and the CGCS2000
//     Gauss-Krüger projections;
//   - geo/area: ellipsoid and planar areas;
//   - geo/valid: polygon validity and RFC 7946 winding;
//   - geo/geojson: the streaming GeoJSON FeatureCollection reader;
//   - geo/gpkgwkb: GeoPackage geometry blobs;
//   - geo/subdivide: cutting lots out of a parcel;
//   - geo/mapdraw: drawing maps.
//
// Coordinates are longitude/latitude degrees unless a name says otherwise
// ("planar" or a CRS: projected metres, easting then northing).
package geo
