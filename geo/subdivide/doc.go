// Package subdivide cuts lots of given areas out of a parcel polygon, for a
// parcel shared by several projects or a phased project whose later phases
// stay reserved.
//
// Coordinates are planar: projected metres, easting then northing (for
// landplan, CGCS2000 Gauss-Krüger; package geo projects lon/lat there and
// back). Work is done relative to a local origin inside the parcel, so
// coordinates of the size of Gauss-Krüger eastings (~640 000 m) and
// northings (~2 690 000 m) lose no precision to cancellation.
//
// # Method
//
// Split uses guillotine cuts (straight lines across the remaining land) in a
// frame aligned with the parcel's minimum-area bounding rectangle: u along
// its long side, v across it. Lots are placed largest first, in rows: a row
// is cut off one of the four sides of the remaining land (the u-min end, the
// u-max end, the v-min side, the v-max side) by a line parallel to that side,
// and the row is then cut into its lots by lines across it. A row of one lot
// spans the whole remaining land from side to side; a row of several lots
// runs along a side, each lot having its own stretch of that side. How many
// lots go in a row is chosen as in a squarified treemap (lots are added while
// the worst predicted aspect ratio improves), and a row of one or two lots is
// always tried as well.
//
// Every line position is found by bisection on the area cut off, which is
// computed exactly for any polygon, convex or not and with holes, by clipping
// each ring against the half-plane and summing signed areas. Convex pieces are
// then cut by a half-plane clipper that computes each crossing point once, so
// the two pieces share their cut vertices exactly; pieces that are not convex
// or have holes are cut with the overlay of github.com/peterstace/simplefeatures.
//
// At each step every candidate row is cut for real and checked: each lot must
// be one polygon, within the area tolerance, and touch the parcel's exterior
// boundary over at least the minimum frontage. Among the valid candidates the
// one whose lots stay within the aspect-ratio limit is preferred, then one
// that leaves the remaining land some frontage, then the one whose least
// compact piece (the row's lots and the remaining land, by Polsby–Popper) is
// most compact; ties go to the earlier candidate (sides in the order above,
// fewer lots first), so the result is deterministic. When no candidate is
// valid, Split reports which lot could not be placed.
package subdivide
