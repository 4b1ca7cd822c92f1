package rules

import (
	"fmt"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/score"
)

// Contribution is one criterion's part of a pair's score.
type Contribution struct {
	Criterion string  `json:"criterion"`
	Value     float64 `json:"value"`  // raw value
	Weight    float64 `json:"weight"` // weight used, the weights summing to 1
	// Share is the criterion's share of the base score (package score's
	// contributions: w·n for the weighted sum; the apportioned closeness
	// for TOPSIS); the shares sum to Base.
	Share float64 `json:"share"`
}

// PairScore is the score of one pair.
type PairScore struct {
	Proposal string `json:"proposal"`
	Parcel   string `json:"parcel"`
	// Scored is false for an ineligible pair, which is not scored.
	Scored bool `json:"scored"`
	// Base is the aggregated score in [0, 1] (weighted sum or TOPSIS).
	Base float64 `json:"base"`
	// Penalty is planned_use.heavier_penalty × the classes the land is
	// heavier than needed; Bonus is stock.first_bonus for stock land when
	// stock.first is on.
	Penalty float64 `json:"penalty,omitempty"`
	Bonus   float64 `json:"bonus,omitempty"`
	// Class is the enterprise's latest per-亩 evaluation class and
	// ClassBonus monitor.class_bonus of it, when monitor.class_in_score is
	// on ("" and 0 otherwise).
	Class      string  `json:"class,omitempty"`
	ClassBonus float64 `json:"class_bonus,omitempty"`
	// Score = Base − Penalty + Bonus + ClassBonus.
	Score     float64          `json:"score"`
	Breakdown []Contribution   `json:"breakdown,omitempty"`
	Reasons   []planner.Reason `json:"reasons,omitempty"`
}

// Scoring is the outcome of ScorePairs.
type Scoring struct {
	Method      string   `json:"method"`
	Aggregation string   `json:"aggregation"`
	Criteria    []string `json:"criteria"`
	// Weights are the weights used, one per criterion, sum 1 (nil when no
	// pair was scored).
	Weights []float64 `json:"weights,omitempty"`
	// AHP is the judgement matrix's report (λmax, CI, CR, RI) for the ahp
	// method.
	AHP *score.AHPReport `json:"ahp,omitempty"`
	// Pairs hold one score per pair given, in the same order.
	Pairs []PairScore `json:"pairs"`

	// detail keeps what Explain needs, for a Scoring made by
	// ScorePairsLean.
	detail *scoreDetail
}

// scoreDetail is the decision matrix and the contributions of a lean
// scoring, with each pair's row (-1 when unscored) and heavier-by count.
type scoreDetail struct {
	vals, contrib *mat.Dense
	row           []int
	heavierBy     []int
}

// ScorePairs scores the eligible pairs together (12.4): the profile's
// criteria form the columns of a decision matrix whose rows are the
// eligible pairs, weighted and aggregated by package score as the profile
// says; then the class penalty is subtracted and the stock-first bonus
// added. Each score is broken down into its criteria, and its reasons say
// so. Ineligible pairs are left unscored. The error is package score's
// (e.g. an AHP matrix refused with its consistency ratio), wrapped.
func ScorePairs(p *policy.Profile, pairs []PairAssessment) (Scoring, error) {
	return scorePairs(p, pairs, true, false)
}

// ScorePairsLean scores the pairs as ScorePairs does, to the same scores,
// but leaves every PairScore's Breakdown and Reasons empty: Explain builds
// one pair's on demand, from the same weights and normalisation. It keeps
// the decision matrix and the contributions (a few numbers per pair), not
// the reasons' text.
func ScorePairsLean(p *policy.Profile, pairs []PairAssessment) (Scoring, error) {
	return scorePairs(p, pairs, false, true)
}

// Explain returns the score of pair i (an index into the pairs scored)
// with its breakdown and reasons, exactly as ScorePairs gives them. For a
// Scoring not made by ScorePairsLean it returns Pairs[i] as it is.
func (s *Scoring) Explain(i int) PairScore {
	ps := s.Pairs[i]
	d := s.detail
	if d == nil || d.row[i] < 0 {
		return ps
	}
	s.explain(&ps, d.vals.RawRowView(d.row[i]), d.contrib.RawRowView(d.row[i]), d.heavierBy[i])
	return ps
}

// explain fills ps's breakdown and reasons from its row of the decision
// matrix and of the contributions.
func (s *Scoring) explain(ps *PairScore, vals, contrib []float64, heavierBy int) {
	ps.Breakdown = make([]Contribution, len(s.Criteria))
	var parts, partsZH []string
	for j, name := range s.Criteria {
		c := Contribution{Criterion: name, Value: vals[j], Weight: s.Weights[j], Share: contrib[j]}
		ps.Breakdown[j] = c
		parts = append(parts, fmt.Sprintf("%s %.3f (value %.4g, weight %.3f)", name, c.Share, c.Value, c.Weight))
		partsZH = append(partsZH, fmt.Sprintf("%s %.3f(值 %.4g,权重 %.3f)", policy.CriterionNameZH(name), c.Share, c.Value, c.Weight))
	}
	agg := s.Aggregation + ", " + s.Method + " weights"
	aggZH := policy.AggregationNameZH(s.Aggregation) + "," + policy.MethodNameZH(s.Method)
	if s.AHP != nil {
		agg += fmt.Sprintf(", AHP CR %.4f", s.AHP.CR)
		aggZH += fmt.Sprintf(",一致性比率 %.4f", s.AHP.CR)
	}
	ps.Reasons = append(ps.Reasons, reason(RuleScore, Clause12, planner.VerdictInfo,
		fmt.Sprintf("score %.4f (%s; 用地少、产出高、前景好) = %s", ps.Base, agg, strings.Join(parts, " + ")),
		fmt.Sprintf("综合得分 %.4f(%s;用地少、产出高、前景好)= %s", ps.Base, aggZH, strings.Join(partsZH, " + "))))
	if ps.Penalty > 0 {
		ps.Reasons = append(ps.Reasons, reason(RuleScoreClassPenalty, Clause12, planner.VerdictInfo,
			fmt.Sprintf("land %d class(es) heavier than needed: −%.3f", heavierBy, ps.Penalty),
			fmt.Sprintf("用地类别高于项目需要 %d 级:扣 %.3f 分", heavierBy, ps.Penalty)))
	}
	if ps.Bonus > 0 {
		ps.Reasons = append(ps.Reasons, reason(RuleScoreStockFirst, Clause12, planner.VerdictInfo,
			fmt.Sprintf("stock land under stock-first priority: +%.3f", ps.Bonus),
			fmt.Sprintf("存量优先:存量土地加 %.3f 分", ps.Bonus)))
	}
	if ps.Class != "" {
		ps.Reasons = append(ps.Reasons, reason(RuleScoreEvaluationClass, Clause12, planner.VerdictInfo,
			fmt.Sprintf("the enterprise's latest per-mu evaluation class %s: %+.3f", ps.Class, ps.ClassBonus),
			fmt.Sprintf("企业最近一次亩均效益评价为 %s 类:%+.3f 分", ps.Class, ps.ClassBonus)))
	}
}

// scorePairs scores the pairs; with full each score gets its breakdown and
// reasons; with keep (and not full) the matrix and contributions are kept
// for Explain; with neither the contributions are not computed.
func scorePairs(p *policy.Profile, pairs []PairAssessment, full, keep bool) (Scoring, error) {
	sc := p.Score
	out := Scoring{Method: sc.Method, Aggregation: sc.Aggregation, Criteria: sc.Criteria, Pairs: make([]PairScore, len(pairs))}
	m, err := criteriaColumns(p)
	if err != nil {
		return out, err
	}
	var rows []int
	for i := range pairs {
		out.Pairs[i] = PairScore{Proposal: pairs[i].Proposal, Parcel: pairs[i].Parcel}
		if pairs[i].Eligible {
			rows = append(rows, i)
		}
	}
	if len(rows) == 0 || len(m.cols) == 0 {
		return out, nil
	}
	vals := mat.NewDense(len(rows), len(m.cols), nil)
	for r, i := range rows {
		for j, c := range m.cols {
			vals.Set(r, j, pairs[i].values[c])
		}
	}
	res, err := score.Score(score.Matrix{Criteria: sc.Criteria, Directions: m.dirs, Values: vals}, &score.Settings{
		Method:            score.WeightMethod(sc.Method),
		Weights:           m.weights,
		Judgement:         sc.Judgement,
		MaxCR:             sc.MaxCR,
		Aggregation:       score.Aggregation(sc.Aggregation),
		Benchmarks:        m.benchmarks,
		OmitContributions: !full && !keep,
	})
	if err != nil {
		return out, fmt.Errorf("rules: scoring %d eligible pairs: %w", len(rows), err)
	}
	out.Weights, out.AHP = res.Weights, res.AHP
	if keep && !full {
		out.detail = &scoreDetail{vals: vals, contrib: res.Contributions, row: make([]int, len(pairs)), heavierBy: make([]int, len(pairs))}
		for i := range out.detail.row {
			out.detail.row[i] = -1
		}
	}
	for r, i := range rows {
		ps := &out.Pairs[i]
		scorePair(p, ps, &pairs[i], res.Scores[r])
		if out.detail != nil {
			out.detail.row[i], out.detail.heavierBy[i] = r, pairs[i].HeavierBy
		}
		if full {
			out.explain(ps, vals.RawRowView(r), res.Contributions.RawRowView(r), pairs[i].HeavierBy)
		}
	}
	return out, nil
}

// columns are the profile's scoring criteria as columns of the decision
// matrix: each one's index among policy.Criteria, direction, weight and
// benchmark.
type columns struct {
	cols       []int
	dirs       []score.Direction
	weights    []float64
	benchmarks []float64
}

// criteriaColumns reads the profile's criteria into columns; an unknown
// criterion is an error.
func criteriaColumns(p *policy.Profile) (columns, error) {
	sc := p.Score
	m := columns{cols: make([]int, len(sc.Criteria)), dirs: make([]score.Direction, len(sc.Criteria)),
		weights: make([]float64, len(sc.Criteria)), benchmarks: make([]float64, len(sc.Criteria))}
	all := policy.Criteria()
	for j, name := range sc.Criteria {
		m.cols[j] = -1
		for i, c := range all {
			if c.Name == name {
				m.cols[j] = i
			}
		}
		if m.cols[j] < 0 {
			return m, fmt.Errorf("rules: score.criteria item %d %q is not a known criterion", j+1, name)
		}
		if p.Direction(name) == policy.DirectionCost {
			m.dirs[j] = score.Cost
		}
		m.weights[j] = sc.Weights[name]
		m.benchmarks[j] = sc.Benchmarks[name]
	}
	return m, nil
}

// scorePair sets an eligible pair's score from its base: the class
// penalty subtracted, the stock-first bonus and the evaluation class's
// bonus added.
func scorePair(p *policy.Profile, ps *PairScore, pair *PairAssessment, base float64) {
	ps.Scored = true
	ps.Base = base
	ps.Penalty = p.PlannedUse.HeavierPenalty * float64(pair.HeavierBy)
	if p.Stock.First && pair.StockMu > 0 {
		ps.Bonus = p.Stock.FirstBonus
	}
	if qa := pair.proposal; p.Monitor.ClassInScore && qa != nil && qa.Proposal.EvaluationClass != "" {
		ps.Class = qa.Proposal.EvaluationClass
		ps.ClassBonus = p.Monitor.ClassBonus[ps.Class]
	}
	ps.Score = ps.Base - ps.Penalty + ps.Bonus + ps.ClassBonus
}
