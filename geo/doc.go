// Package geo is the geometry of landplan and knows nothing of planning:
// reading GeoJSON and GeoPackage geometry, validity of polygons, CGCS2000
// Gauss-Krüger projections, ellipsoid areas.
//
// Coordinates are longitude/latitude degrees unless a name says otherwise
// ("planar" or a CRS: projected metres, easting then northing).
package geo
