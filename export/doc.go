// Package export turns a stored plan into the files a planner hands on:
// a standalone GeoPackage with QGIS styles (its tables described here,
// the file written by package data, the only one that speaks SQL),
// GeoJSON with a QGIS style beside it, print-ready SVG and PNG maps, a
// CSV allocation table that Excel opens, and a self-contained HTML
// report; for a comparison of two plans, a map and a report of what
// moved; after the award, covenant sheets and monitoring reports; for a
// sweep, its charts. The export command, the web interface's downloads
// and the demo all write through it (Formats, WritePlan, WritePlanFile,
// WritePlanSet), so that a plan gives the same file whichever asks.
//
// It sits above data and below the command and the web: it reads stored
// plans from a data.DB and hands data the GeoPackage content to write,
// and it gives the working database its QGIS styles (WorkingStyles).
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
