package score_test

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/landplan/landplan/planner/score"
)

func ExampleAHP() {
	// Land price matters moderately more than tax (3) and strongly more
	// than jobs (5); tax moderately more than jobs (3).
	rep, err := score.AHP([][]float64{
		{1, 3, 5},
		{1.0 / 3, 1, 3},
		{1.0 / 5, 1.0 / 3, 1},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("weights %.4f\n", rep.Weights)
	fmt.Printf("λmax %.4f CI %.4f RI %.2f CR %.4f\n", rep.LambdaMax, rep.CI, rep.RI, rep.CR)
	// Output:
	// weights [0.6370 0.2583 0.1047]
	// λmax 3.0385 CI 0.0193 RI 0.58 CR 0.0332
}

func ExampleScore() {
	m := score.Matrix{
		Criteria:   []string{"price", "tax", "jobs"},
		Directions: []score.Direction{score.Cost, score.Benefit, score.Benefit},
		Values: mat.NewDense(3, 3, []float64{
			20, 300, 150, // proposal A
			15, 500, 100, // proposal B
			25, 400, 200, // proposal C
		}),
	}
	for _, agg := range []score.Aggregation{score.WeightedSum, score.TOPSIS} {
		res, err := score.Score(m, &score.Settings{Weights: []float64{2, 5, 3}, Aggregation: agg})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-12s scores %.4f\n", agg, res.Scores)
		fmt.Printf("%-12s B's shares %.4f\n", "", mat.Row(nil, 1, res.Contributions))
	}
	// Output:
	// weighted_sum scores [0.2500 0.7000 0.5500]
	//              B's shares [0.2000 0.5000 0.0000]
	// topsis       scores [0.2878 0.5775 0.5930]
	//              B's shares [0.0797 0.4979 0.0000]
}

func ExampleScore_inconsistent() {
	m := score.Matrix{
		Criteria:   []string{"price", "tax", "jobs"},
		Directions: []score.Direction{score.Cost, score.Benefit, score.Benefit},
		Values:     mat.NewDense(2, 3, []float64{20, 300, 150, 15, 500, 100}),
	}
	// price > tax > jobs > price: a cycle no weights can honour.
	_, err := score.Score(m, &score.Settings{
		Method:    score.MethodAHP,
		Judgement: [][]float64{{1, 3, 1.0 / 3}, {1.0 / 3, 1, 3}, {3, 1.0 / 3, 1}},
	})
	var inc *score.InconsistentError
	if errors.As(err, &inc) {
		fmt.Printf("refused: CR %.2f ≥ %.2f\n", inc.CR, inc.Limit)
	}
	// Output:
	// refused: CR 1.15 ≥ 0.10
}
