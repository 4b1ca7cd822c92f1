package area_test

import (
	"fmt"

	"github.com/landplan/landplan/geo/area"
	"github.com/paulmach/orb"
)

func ExampleEllipsoidArea() {
	// A parcel near Liuzhou, about 100 m by 110 m.
	parcel := orb.MultiPolygon{{{
		{109.400, 24.300}, {109.401, 24.300}, {109.401, 24.301}, {109.400, 24.301}, {109.400, 24.300},
	}}}
	m2 := area.EllipsoidArea(parcel)
	fmt.Printf("%.1f m² = %.2f mu = %.4f ha\n", m2, m2*15/10000, m2/10000)
	// Output:
	// 11244.0 m² = 16.87 mu = 1.1244 ha
}
