package assign_test

import (
	"context"
	"fmt"

	"github.com/landplan/landplan/planner/assign"
)

// Three proposals, two parcels and a new-land quota that cannot take both
// large proposals: the solver puts one of them on stock land.
func ExampleSolve() {
	p := &assign.Problem{
		Items:     3,
		ItemNames: []string{"gearbox plant", "battery line", "logistics"},
		Bins: []assign.Bin{
			{Name: "new land A-8-1", Capacity: 120},
			{Name: "stock land B-2", Capacity: 80},
		},
		Pairs: []assign.Pair{
			{Item: 0, Bin: 0, Value: 900, Weight: 70}, // pair 0
			{Item: 0, Bin: 1, Value: 700, Weight: 70}, // pair 1
			{Item: 1, Bin: 0, Value: 800, Weight: 50}, // pair 2
			{Item: 2, Bin: 0, Value: 200, Weight: 30}, // pair 3
			{Item: 2, Bin: 1, Value: 150, Weight: 30}, // pair 4
		},
		Side: []assign.Constraint{{
			Name:     "new-land quota",
			Capacity: 90,
			Terms:    []assign.Term{{Pair: 0, Coef: 70}, {Pair: 2, Coef: 50}, {Pair: 3, Coef: 30}},
		}},
	}
	// A negative target gap asks for a proof of optimality.
	res, err := assign.Solve(context.Background(), p, &assign.Settings{TargetGap: -1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Status, res.Objective, res.Chosen)
	for _, j := range res.Chosen {
		pr := p.Pairs[j]
		fmt.Printf("%s → %s\n", p.ItemNames[pr.Item], p.Bins[pr.Bin].Name)
	}
	// Output:
	// optimal 1700 [1 2 3]
	// gearbox plant → stock land B-2
	// battery line → new land A-8-1
	// logistics → new land A-8-1
}
