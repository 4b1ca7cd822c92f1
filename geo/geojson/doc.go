// Package geojson streams a GeoJSON FeatureCollection of polygon parcels.
//
// ReadFeatureCollection and ScanFeatureCollection read the input once,
// with a hand-written tokenizer, checking each geometry through geo/valid
// while the next features are read; every problem of the file (JSON
// syntax, structure, geometry, property values) is listed in one
// *geo.InputError naming the feature and property, so an import is
// all-or-nothing.
package geojson
