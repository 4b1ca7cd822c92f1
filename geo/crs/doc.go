// Package crs names the coordinate reference systems landplan accepts for
// input coordinates and converts between them and longitude/latitude.
//
// CRS and ParseCRS name the accepted systems (lon/lat, and the CGCS2000
// 3-degree Gauss-Krüger zones with central meridians 108°E and 111°E,
// plain or zone-prefixed); ToLonLat and FromLonLat evaluate the transverse
// Mercator by the 6th-order Krüger series, agreeing with PROJ to
// nanometres. TransformPolygon and TransformMultiPolygon apply a
// conversion to every position; SRSDefinition gives the GeoPackage SRS
// rows. See docs/geodesy.md.
package crs
