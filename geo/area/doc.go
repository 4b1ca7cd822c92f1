// Package area measures polygons: EllipsoidArea is the survey area of a
// lon/lat MultiPolygon on the CGCS2000 ellipsoid (square metres, by the
// authalic latitude); PlanarArea is the shoelace area of projected
// coordinates. Holes are subtracted. See docs/geodesy.md.
package area
