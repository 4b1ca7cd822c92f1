package valid_test

import (
	"fmt"

	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/geo/valid"
	"github.com/paulmach/orb"
)

func ExampleNormalizeGeometry() {
	// A bow-tie: the exterior ring crosses itself.
	bowtie := orb.Polygon{{{109.40, 24.30}, {109.41, 24.31}, {109.41, 24.30}, {109.40, 24.31}, {109.40, 24.30}}}
	_, problems := valid.NormalizeGeometry(bowtie, crs.CRS{})
	for _, p := range problems {
		fmt.Println(p.Code+":", p.Message)
	}
	// A clockwise square is accepted and wound counter-clockwise.
	square := orb.Polygon{{{109.40, 24.30}, {109.40, 24.31}, {109.41, 24.31}, {109.41, 24.30}, {109.40, 24.30}}}
	mp, problems := valid.NormalizeGeometry(square, crs.CRS{})
	fmt.Println(len(problems), mp[0][0][1])
	// Output:
	// geometry.self_intersection: exterior ring crosses itself at (109.405, 24.305)
	// 0 [109.41 24.3]
}
