// Package valid checks polygon geometry for the importers: closed rings,
// finite coordinates plausible for their CRS, no self-intersections, holes
// inside their shells and not overlapping, polygons of a MultiPolygon
// apart. NormalizeGeometry checks one geometry, converts it to lon/lat
// and lists every problem with a stable code; a Validator does the same
// with scratch space kept across calls; Orient applies RFC 7946 winding.
package valid
