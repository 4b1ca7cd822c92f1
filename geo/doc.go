// Package geo is the geometry of landplan and knows nothing of planning:
// reading GeoJSON and GeoPackage geometry, validity of polygons, CGCS2000
// Gauss-Krüger projections, ellipsoid areas.
//
// Coordinates are longitude/latitude degrees unless a name says otherwise
// ("planar" or a CRS: projected metres, easting then northing).
//
//   - CRS and ParseCRS name the accepted input systems (lon/lat, and the
//     CGCS2000 3-degree Gauss-Krüger zones with CM 108°E and 111°E, plain
//     or zone-prefixed); ToLonLat and FromLonLat evaluate the transverse
//     Mercator by the 6th-order Krüger series, agreeing with PROJ to
//     nanometres. SRSDefinition gives their GeoPackage SRS rows.
//   - EllipsoidArea is the survey area on the CGCS2000 ellipsoid;
//     PlanarArea the shoelace area of projected coordinates.
//   - ReadFeatureCollection streams a GeoJSON FeatureCollection and lists
//     every problem found as an *InputError; NormalizeGeometry checks one
//     geometry (also for the GeoPackage reader) and Orient applies RFC 7946
//     winding.
//   - EncodeGPKG and DecodeGPKG handle GeoPackage geometry blobs.
package geo
