// Package mapdraw draws print-ready parcel maps as SVG and PNG, with a title,
// a legend, a scale bar in true metres, a north arrow and Chinese labels that
// do not collide.
//
// Coordinates are planar metres, already projected by the caller (for example
// CGCS2000 3-degree Gauss-Krüger, x east, y north); the package never
// projects. Both outputs share one layout: frame, legend, scale bar, north
// arrow and label placement are computed once from font metrics, so an SVG
// and a PNG of the same Map put every label in the same place when they are
// measured with the same Font (set Map.Font).
//
// PNG text is drawn with Noto Sans CJK SC from Debian's fonts-noto-cjk. SVG
// names the font family instead of embedding it.
package mapdraw
