package geojson_test

import (
	"fmt"
	"strings"

	"github.com/landplan/landplan/geo/geojson"
)

func ExampleReadFeatureCollection() {
	in := `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "L1"}, "geometry": {"type": "Polygon", "coordinates": [[[109.40, 24.30], [109.41, 24.31], [109.41, 24.30], [109.40, 24.31], [109.40, 24.30]]]}},
{"type": "Feature", "properties": {"id": "L2"}, "geometry": {"type": "Polygon", "coordinates": [[[24.30, 109.40], [24.30, 109.41], [24.31, 109.41], [24.30, 109.40]]]}}
]}`
	_, err := geojson.ReadFeatureCollection(strings.NewReader(in), geojson.ReadOptions{File: "parcels.geojson"})
	fmt.Println(err)
	// Output:
	// parcels.geojson: feature 1 (id "L1"): property "geometry": exterior ring crosses itself at (109.405, 24.305)
	// parcels.geojson: feature 2 (id "L2"): property "geometry": latitude 109.4 is out of range [-90, 90] at position (24.3, 109.4): are longitude and latitude swapped? GeoJSON puts longitude first
}
