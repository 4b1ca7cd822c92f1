// Package export turns a stored plan into the files a planner hands on:
// GeoJSON with a QGIS style beside it, the attribute layers of a
// GeoPackage (written by package data, the only one that speaks SQL),
// print-ready SVG and PNG maps, a CSV allocation table that Excel opens,
// and a self-contained HTML report; for a comparison of two plans, a map
// and a report of what moved.
//
// Geometries come in lon/lat degrees (CGCS2000) as the planner keeps them.
// GeoJSON is written as RFC 7946 (lon/lat, exterior rings
// counter-clockwise, no crs member) unless a projected CRS is asked for:
// that variant carries the legacy "crs" member so that GDAL and QGIS read
// the coordinates as Gauss-Krüger metres, and is therefore not RFC 7946.
//
// One palette (Palette) colours the parcels by status and the lots by
// supply mode in the maps, their legends and the QGIS styles, so that a
// map printed from QGIS and one drawn by landplan agree.
package export
