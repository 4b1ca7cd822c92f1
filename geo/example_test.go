package geo_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/landplan/landplan/geo"
	"github.com/paulmach/orb"
)

func ExampleParseCRS() {
	crs, err := geo.ParseCRS("EPSG:4545")
	if err != nil {
		log.Fatal(err)
	}
	lon, lat := crs.ToLonLat(642129.727111, 2689231.438153)
	fmt.Printf("%v projected=%v: (%.6f, %.6f)\n", crs, crs.Projected(), lon, lat)
	e, n := crs.FromLonLat(109.4, 24.3)
	fmt.Printf("back: E %.3f N %.3f\n", e, n)
	_, err = geo.ParseCRS("EPSG:3857")
	fmt.Println(err != nil)
	// Output:
	// EPSG:4545 projected=true: (109.400000, 24.300000)
	// back: E 642129.727 N 2689231.438
	// true
}

func ExampleEllipsoidArea() {
	// A parcel near Liuzhou, about 100 m by 110 m.
	parcel := orb.MultiPolygon{{{
		{109.400, 24.300}, {109.401, 24.300}, {109.401, 24.301}, {109.400, 24.301}, {109.400, 24.300},
	}}}
	m2 := geo.EllipsoidArea(parcel)
	fmt.Printf("%.1f m² = %.2f mu = %.4f ha\n", m2, m2*15/10000, m2/10000)
	// Output:
	// 11244.0 m² = 16.87 mu = 1.1244 ha
}

func ExampleReadFeatureCollection() {
	in := `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "L1"}, "geometry": {"type": "Polygon", "coordinates": [[[109.40, 24.30], [109.41, 24.31], [109.41, 24.30], [109.40, 24.31], [109.40, 24.30]]]}},
{"type": "Feature", "properties": {"id": "L2"}, "geometry": {"type": "Polygon", "coordinates": [[[24.30, 109.40], [24.30, 109.41], [24.31, 109.41], [24.30, 109.40]]]}}
]}`
	_, err := geo.ReadFeatureCollection(strings.NewReader(in), geo.ReadOptions{File: "parcels.geojson"})
	fmt.Println(err)
	// Output:
	// parcels.geojson: feature 1 (id "L1"): property "geometry": exterior ring crosses itself at (109.405, 24.305)
	// parcels.geojson: feature 2 (id "L2"): property "geometry": latitude 109.4 is out of range [-90, 90] at position (24.3, 109.4): are longitude and latitude swapped? GeoJSON puts longitude first
}
