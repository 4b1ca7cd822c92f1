// Package subdivide cuts lots of given areas out of a parcel polygon, for a
// parcel shared by several projects or a phased project whose later phases
// stay reserved.
//
// Coordinates are planar: projected metres, easting then northing (for
// landplan, CGCS2000 Gauss-Krüger; package geo/crs projects lon/lat there and
// back). Work is done relative to a local origin at the lower-left corner of
// the parcel's bounding box, so coordinates of the size of Gauss-Krüger
// eastings (~640 000 m) and northings (~2 690 000 m) lose no precision to
// cancellation.
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
// lots go in a row is chosen as in a squarified treemap (the count whose worst
// predicted aspect ratio is least), and rows of one and of two lots are always
// tried as well.
//
// Every line position is found by a bracketing root search on the area cut
// off, which is computed exactly for any polygon, convex or not and with
// holes, by clipping each ring against the half-plane and summing signed
// areas. Pieces are then cut by a line splitter of the package's own: each
// crossing point is computed once and used in both pieces, so neighbours
// share their cut vertices exactly, and the crossings, sorted along the
// line, pair up into the segments inside the polygon, so a non-convex
// parcel cut into several pieces comes out right. Only a line through a
// hole, or exactly through a vertex of a non-convex ring, is left to the
// overlay of github.com/peterstace/simplefeatures, whose result is checked
// against the exact areas.
//
// At each step every candidate row is cut for real and checked: each lot must
// be one polygon, within the area tolerance, and touch the parcel's exterior
// boundary over at least the minimum frontage; while lots remain, the land
// left must keep that frontage too. Among the valid candidates, rows whose
// lots are within the aspect-ratio limit come first (in the passes where the
// limit is not enforced), then rows that leave the remaining land some
// frontage, then the one whose
// least compact piece (the row's lots and the land left, by Polsby–Popper)
// is most compact; ties go to the earlier candidate (sides in the order
// above, fewer lots first). When a choice leaves later lots no valid row, the
// search backtracks to the next candidate, within a budget of candidate rows.
//
// The search runs in up to four passes and keeps the first layout found:
// with every lot held within the aspect-ratio limit and the remainder laid
// out as one more item (so that it too is one compact polygon with
// frontage); held within the limit with the remainder whatever the lots
// leave; and the same two with the limit only preferred. A remainder smaller
// than Tolerance × the smallest lot is given to the last lot rather than
// left as a sliver. The result depends only on the input: the same input
// always gives the same output.
package subdivide
