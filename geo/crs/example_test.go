package crs_test

import (
	"fmt"
	"log"

	"github.com/landplan/landplan/geo/crs"
)

func ExampleParseCRS() {
	c, err := crs.ParseCRS("EPSG:4545")
	if err != nil {
		log.Fatal(err)
	}
	lon, lat := c.ToLonLat(642129.727111, 2689231.438153)
	fmt.Printf("%v projected=%v: (%.6f, %.6f)\n", c, c.Projected(), lon, lat)
	e, n := c.FromLonLat(109.4, 24.3)
	fmt.Printf("back: E %.3f N %.3f\n", e, n)
	_, err = crs.ParseCRS("EPSG:3857")
	fmt.Println(err != nil)
	// Output:
	// EPSG:4545 projected=true: (109.400000, 24.300000)
	// back: E 642129.727 N 2689231.438
	// true
}
