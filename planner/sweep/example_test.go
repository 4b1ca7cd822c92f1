package sweep_test

import (
	"fmt"

	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/sweep"
)

// The grid of two swept settings: every point is a scenario of its own,
// visited row by row, each row in the opposite direction to the last so
// that each point starts from a neighbour's plan. A range that leads
// nowhere is refused before anything runs.
func ExamplePoints() {
	base := policy.Default()
	quota, err := sweep.ParseAxis(base, "quota.new_land_mu=1000:2000:500")
	if err != nil {
		panic(err)
	}
	stock, err := sweep.ParseAxis(base, "stock.first=false,true")
	if err != nil {
		panic(err)
	}
	pts, err := sweep.Points(plan.Scenario{}, []sweep.Axis{quota, stock})
	if err != nil {
		panic(err)
	}
	for _, pt := range pts {
		fmt.Println(pt.At, pt.Scenario.Name)
	}
	_, err = sweep.ParseAxis(base, "quota.new_land_mu=2000:1000:500")
	fmt.Println(err)
	// Output:
	// [0 0] sweep:quota.new_land_mu=1000,stock.first=false
	// [1 0] sweep:quota.new_land_mu=1500,stock.first=false
	// [2 0] sweep:quota.new_land_mu=2000,stock.first=false
	// [2 1] sweep:quota.new_land_mu=2000,stock.first=true
	// [1 1] sweep:quota.new_land_mu=1500,stock.first=true
	// [0 1] sweep:quota.new_land_mu=1000,stock.first=true
	// sweep --set quota.new_land_mu=2000:1000:500: the range of key "quota.new_land_mu" has no points: STEP 500 does not lead from 2000 to 1000
	//   property "quota.new_land_mu": the range of key "quota.new_land_mu" has no points: STEP 500 does not lead from 2000 to 1000
}
