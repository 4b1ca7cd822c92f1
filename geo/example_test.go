package geo_test

import (
	"fmt"

	"github.com/landplan/landplan/geo"
)

func ExampleInputError() {
	err := &geo.InputError{File: "parcels.geojson", Problems: []geo.Problem{
		{Feature: 16, ID: "L0042", Property: "geometry", Code: "geometry.ring_not_closed", Message: "exterior ring is not closed"},
		{Feature: -1, Property: "crs", Code: "collection.crs_unsupported", Message: "the CRS is not supported"},
	}}
	fmt.Println(err)
	// Output:
	// parcels.geojson: feature 17 (id "L0042"): property "geometry": exterior ring is not closed
	// parcels.geojson: property "crs": the CRS is not supported
}
