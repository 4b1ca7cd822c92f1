package rules_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
	"github.com/landplan/landplan/planner/score"
)

func TestCriteriaOrder(t *testing.T) {
	// The rules fill criterion values by index; the names must follow
	// policy.Criteria().
	p := policy.Default()
	r := pair(p, parcel("L", 10), proposal("P", 10))
	if len(r.Criteria) != len(policy.Criteria()) {
		t.Fatalf("%d criteria, policy has %d", len(r.Criteria), len(policy.Criteria()))
	}
	if r.Criteria["waste"] != 0 || r.Criteria["area_fit"] != 1 || r.Criteria["tax_per_mu"] != 25 {
		t.Errorf("criteria %v", r.Criteria)
	}
}

func TestScorePairs(t *testing.T) {
	// Two criteria, explicit weights 0.75 / 0.25, weighted sum:
	//   pair   tax/mu  waste  n(tax)  n(waste)  base
	//   A      25      10     0       0         0
	//   B      40      0      1       1         1
	//   C      30      5      1/3     1/2       0.75/3 + 0.25/2 = 0.375
	p := profile(t, "score.aggregation", "weighted_sum", "score.criteria", `["tax_per_mu", "waste"]`, "score.weights.tax_per_mu", "0.75", "score.weights.waste", "0.25",
		"stock.first", "true", "stock.first_bonus", "0.1")
	pairs := []rules.PairAssessment{
		pair(p, parcel("A", 60), proposal("PA", 50)),
		pair(p, parcel("B", 50, idleLand), proposal("PB", 50, func(q *planner.Proposal) { q.Tax = 40 * 50 })),
		pair(p, parcel("C", 55, func(x *planner.Parcel) { x.LandUse = "100103" }), proposal("PC", 50, func(q *planner.Proposal) { q.Tax = 30 * 50 })),
		pair(p, parcel("D", 10), proposal("PD", 50)), // too small: not scored
	}
	sc, err := rules.ScorePairs(p, pairs)
	if err != nil {
		t.Fatal(err)
	}
	wantBase := []float64{0, 1, 0.375}
	wantScore := []float64{0, 1.1, 0.375 - 0.05} // B stock-first bonus; C one class heavier
	// Min–max arithmetic on small decimals: 1e-12.
	const tol = 1e-12
	for i, w := range wantBase {
		ps := sc.Pairs[i]
		if !ps.Scored || math.Abs(ps.Base-w) > tol || math.Abs(ps.Score-wantScore[i]) > tol {
			t.Errorf("pair %s: scored %v base %.6f score %.6f, want %.6f %.6f", ps.Parcel, ps.Scored, ps.Base, ps.Score, w, wantScore[i])
		}
		sum := 0.0
		for _, c := range ps.Breakdown {
			sum += c.Share
		}
		if len(ps.Breakdown) != 2 || math.Abs(sum-ps.Base) > tol {
			t.Errorf("pair %s: breakdown %+v does not sum to %.6f", ps.Parcel, ps.Breakdown, ps.Base)
		}
		if !hasRule(ps.Reasons, rules.RuleScore, planner.VerdictInfo) {
			t.Errorf("pair %s: no score reason", ps.Parcel)
		}
	}
	if c := sc.Pairs[2].Breakdown; math.Abs(c[0].Share-0.25) > tol || math.Abs(c[1].Share-0.125) > tol || c[1].Value != 5 {
		t.Errorf("C breakdown %+v, want shares 0.25 and 0.125", c)
	}
	if !hasRule(sc.Pairs[1].Reasons, rules.RuleScoreStockFirst, planner.VerdictInfo) || !hasRule(sc.Pairs[2].Reasons, rules.RuleScoreClassPenalty, planner.VerdictInfo) {
		t.Error("no bonus or penalty reason")
	}
	if sc.Pairs[3].Scored {
		t.Error("an ineligible pair was scored")
	}
	if !slices.Equal(sc.Weights, []float64{0.75, 0.25}) {
		t.Errorf("weights %v", sc.Weights)
	}

	t.Run("ahp reports CR", func(t *testing.T) {
		p := profile(t, "score.method", "ahp")
		sc, err := rules.ScorePairs(p, pairs)
		if err != nil {
			t.Fatal(err)
		}
		// The default judgement matrix is consistent (ratios of 4/2/1
		// levels): CR 0 up to eigen-solver rounding.
		if sc.AHP == nil || sc.AHP.CR > 1e-9 {
			t.Errorf("AHP %+v", sc.AHP)
		}
	})
	t.Run("inconsistent AHP refused with the ratio", func(t *testing.T) {
		p := profile(t, "score.criteria", `["tax_per_mu", "stock", "serviced"]`)
		p.Score.Method = policy.MethodAHP // bypasses Validate, which would refuse it first
		p.Score.Judgement = [][]float64{{1, 9, 1.0 / 9}, {1.0 / 9, 1, 9}, {9, 1.0 / 9, 1}}
		_, err := rules.ScorePairs(p, pairs)
		var ie *score.InconsistentError
		if !errors.As(err, &ie) || ie.CR < 0.1 || !strings.Contains(err.Error(), "consistency ratio") {
			t.Errorf("err = %v, want an InconsistentError", err)
		}
	})
	t.Run("topsis", func(t *testing.T) {
		p := profile(t, "score.aggregation", "topsis")
		sc, err := rules.ScorePairs(p, pairs[:3])
		if err != nil {
			t.Fatal(err)
		}
		for _, ps := range sc.Pairs {
			if ps.Base < 0 || ps.Base > 1 {
				t.Errorf("closeness %.4f outside [0, 1]", ps.Base)
			}
		}
	})
}

func TestScorePairsLean(t *testing.T) {
	// The lean scoring gives ScorePairs' scores, and Explain gives each
	// pair's breakdown and reasons as ScorePairs does, for every method
	// and aggregation, with the class penalty and the stock bonus; so does
	// the streamed scoring (ScorePairsStream), pair by pair.
	base := []string{"stock.first", "true", "stock.first_bonus", "0.1"}
	tests := []struct {
		name    string
		profile []string
	}{
		{name: "weighted sum, fixed weights", profile: base},
		{name: "weighted sum, ahp", profile: append([]string{"score.method", "ahp"}, base...)},
		{name: "weighted sum, entropy", profile: append([]string{"score.method", "entropy"}, base...)},
		{name: "topsis", profile: append([]string{"score.aggregation", "topsis"}, base...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := profile(t, tc.profile...)
			pairs := []rules.PairAssessment{
				pair(p, parcel("A", 60), proposal("PA", 50)),
				pair(p, parcel("B", 50, idleLand), proposal("PB", 50, func(q *planner.Proposal) { q.Tax = 40 * 50 })),
				pair(p, parcel("C", 55, func(x *planner.Parcel) { x.LandUse = "100103" }), proposal("PC", 50, func(q *planner.Proposal) { q.Tax = 30 * 50; q.Jobs = 400 })),
				pair(p, parcel("D", 10), proposal("PD", 50)), // too small: not scored
				pair(p, parcel("E", 80, func(x *planner.Parcel) { x.Serviced = bp(false) }), proposal("PE", 70, func(q *planner.Proposal) { q.Output = 900 * 70; q.RDShare = f(0.05) })),
			}
			full, err := rules.ScorePairs(p, pairs)
			if err != nil {
				t.Fatal(err)
			}
			lean, err := rules.ScorePairsLean(p, pairs)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(lean.Weights, full.Weights) || !reflect.DeepEqual(lean.AHP, full.AHP) {
				t.Errorf("lean weights %v AHP %+v, full %v %+v", lean.Weights, lean.AHP, full.Weights, full.AHP)
			}
			stream, err := rules.ScorePairsStream(p, func(yield func(*rules.PairAssessment)) {
				for i := range pairs {
					yield(&pairs[i])
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(stream.Scoring.Weights, full.Weights) || !reflect.DeepEqual(stream.Scoring.AHP, full.AHP) || stream.Rows != 4 {
				t.Errorf("streamed weights %v AHP %+v over %d rows, full %v %+v", stream.Scoring.Weights, stream.Scoring.AHP, stream.Rows, full.Weights, full.AHP)
			}
			explained := 0
			for i := range pairs {
				if s := stream.Score(&pairs[i]); !reflect.DeepEqual(s, lean.Pairs[i]) {
					t.Errorf("pair %s: streamed score %+v, lean %+v", pairs[i].Parcel, s, lean.Pairs[i])
				}
				if e := stream.Explain(&pairs[i]); !reflect.DeepEqual(e, full.Pairs[i]) {
					t.Errorf("pair %s: streamed Explain = %+v, ScorePairs = %+v", pairs[i].Parcel, e, full.Pairs[i])
				}
				l := lean.Pairs[i]
				if l.Breakdown != nil || l.Reasons != nil {
					t.Errorf("pair %s: lean score has a breakdown or reasons", l.Parcel)
				}
				e := lean.Explain(i)
				if !reflect.DeepEqual(e, full.Pairs[i]) {
					t.Errorf("pair %s: Explain = %+v, ScorePairs = %+v", l.Parcel, e, full.Pairs[i])
				}
				l.Breakdown, l.Reasons = full.Pairs[i].Breakdown, full.Pairs[i].Reasons
				if !reflect.DeepEqual(l, full.Pairs[i]) {
					t.Errorf("pair %s: lean score %+v, full %+v", l.Parcel, lean.Pairs[i], full.Pairs[i])
				}
				if len(e.Reasons) > 0 {
					explained++
				}
			}
			if explained != 4 {
				t.Errorf("%d pairs explained, want the 4 eligible", explained)
			}
			if !hasRule(lean.Explain(1).Reasons, rules.RuleScoreStockFirst, planner.VerdictInfo) || !hasRule(lean.Explain(2).Reasons, rules.RuleScoreClassPenalty, planner.VerdictInfo) {
				t.Error("Explain gives no bonus or penalty reason")
			}
		})
	}
}

// pool is a small land pool and queue for Check.
func pool() ([]planner.Parcel, []planner.Proposal) {
	parcels := []planner.Parcel{
		parcel("L1", 60),
		parcel("L2", 50, func(x *planner.Parcel) { x.Status, x.AgreedStart = planner.StatusIdle, "2024-01-01" }),
		parcel("L3", 20, func(x *planner.Parcel) { x.Status, x.LandUse = planner.StatusReserved, "13" }),
		parcel("L4", 40, func(x *planner.Parcel) { x.Status, x.CurrentPlotRatio = planner.StatusOccupied, f(0.3) }),
		parcel("L5", 70, func(x *planner.Parcel) { x.LandUse = "100101" }),
		parcel("L6", 80, func(x *planner.Parcel) { x.LandUse = "1101" }),
		parcel("L7", 30),
	}
	proposals := []planner.Proposal{
		proposal("P1", 50, func(q *planner.Proposal) { q.Name = "柳州某汽车零部件" }),
		proposal("P2", 20, func(q *planner.Proposal) { q.Industry = "casino" }),
		proposal("P3", 30, func(q *planner.Proposal) { q.Industry, q.LandClass, q.PlotRatio = "logistics", 0, f(0.8) }),
	}
	return parcels, proposals
}

func TestCheck(t *testing.T) {
	p := policy.Default()
	parcels, proposals := pool()
	rep, err := rules.Check(p, parcels, proposals)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pool.Parcels != 7 || rep.Pool.Available != 5 || math.Abs(rep.Pool.ReservedMu-20) > 1e-9 || math.Abs(rep.Pool.ReservedShare-20.0/350) > 1e-12 {
		t.Errorf("pool %+v", rep.Pool)
	}
	type want struct {
		eligible int
		best     string
		counts   map[string]int
	}
	wants := map[string]want{
		"P1": {2, "", map[string]int{rules.RuleReserved: 1, rules.RuleLandUseIndustrial: 1, rules.RuleOccupied: 1, rules.RuleLandClass: 1, rules.RuleLandUseStorage: 1, rules.RuleAreaFit: 1}},
		"P2": {0, "", map[string]int{rules.RuleReserved: 1, rules.RuleLandUseIndustrial: 1, rules.RuleOccupied: 1, rules.RuleIndustry: 5}},
		"P3": {5, "", map[string]int{rules.RuleReserved: 1, rules.RuleLandUseIndustrial: 1, rules.RuleOccupied: 1}},
	}
	for _, pc := range rep.Proposals {
		w := wants[pc.Proposal]
		if pc.EligibleParcels != w.eligible || pc.Eligible != (w.eligible > 0) {
			t.Errorf("%s: eligible on %d, want %d", pc.Proposal, pc.EligibleParcels, w.eligible)
		}
		got := map[string]int{}
		for _, c := range pc.NotElsewhere {
			got[c.Rule] = c.Parcels
		}
		if fmt.Sprint(got) != fmt.Sprint(w.counts) {
			t.Errorf("%s: not elsewhere %v, want %v", pc.Proposal, got, w.counts)
		}
		if len(pc.Best) != min(rules.BestParcels, w.eligible) {
			t.Errorf("%s: %d best", pc.Proposal, len(pc.Best))
		}
		for i := 1; i < len(pc.Best); i++ {
			if pc.Best[i].Score > pc.Best[i-1].Score {
				t.Errorf("%s: best not in score order: %+v", pc.Proposal, pc.Best)
			}
		}
	}
	if len(rep.Idle) != 1 || rep.Idle[0].Parcel != "L2" || rep.Idle[0].Finding.Disposal != rules.DisposalRecovery {
		t.Errorf("idle %+v", rep.Idle)
	}
	if len(rep.Inefficient) != 1 || rep.Inefficient[0].Parcel != "L4" || rep.Inefficient[0].Findings[0].Rule != rules.RuleInefficientPlot {
		t.Errorf("inefficient %+v", rep.Inefficient)
	}

	for _, tc := range []struct {
		lang policy.Lang
		want []string
	}{
		{policy.LangEN, []string{"P1 柳州某汽车零部件 (auto_parts): eligible on 2 parcel(s)", "P2 (casino): NOT eligible", "industry.known [clause 12]", "area.fit 1", "Reserved for public facilities (clause 12): 20.00 mu, 5.7%", "L2 (idle", "stock.idle.not_started", "L4 (occupied"}},
		{policy.LangZH, []string{"可安排地块 2 宗", "无可安排地块", "行业 \"casino\" 不在政策配置的行业表中", "公共配套保障用地", "闲置土地线索", "无偿收回"}},
	} {
		var b bytes.Buffer
		if err := rep.Render(&b, policy.FormatText, tc.lang); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s text lacks %q:\n%s", tc.lang, w, b.String())
			}
		}
	}
	var b bytes.Buffer
	if err := rep.Render(&b, policy.FormatJSON, policy.LangEN); err != nil {
		t.Fatal(err)
	}
	var back rules.CheckReport
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back.Proposals) != 3 || back.PolicySHA256 != p.SHA256() {
		t.Errorf("json round trip: %v, %+v", err, back.Pool)
	}
}

// TestCheckMatchesPairs checks the pre-filter: Check finds exactly the
// parcels AssessPair finds eligible, on a random pool.
func TestCheckMatchesPairs(t *testing.T) {
	p := policy.Default()
	parcels, proposals := randomPool(rand.New(rand.NewPCG(1, 2)), 300, 40)
	rep, err := rules.Check(p, parcels, proposals)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range proposals {
		qa := rules.AssessProposal(p, q)
		n := 0
		for _, x := range parcels {
			pa := rules.AssessParcel(p, x)
			if rules.AssessPair(p, &pa, &qa).Eligible {
				n++
			}
		}
		if got := rep.Proposals[i].EligibleParcels; got != n {
			t.Errorf("%s: Check finds %d eligible parcels, AssessPair %d", q.ID, got, n)
		}
	}
}

func randomPool(rng *rand.Rand, nParcels, nProposals int) ([]planner.Parcel, []planner.Proposal) {
	codes := []string{"100101", "100102", "100103", "1001", "M2", "1101", "1401"}
	statuses := planner.Statuses
	zones := []string{"柳州国家高新区", "河西柳州高新区", "鹿寨经济开发区"}
	industries := []string{"nev", "auto_parts", "equipment", "ict", "green", "biomed", "materials", "logistics", "other"}
	parcels := make([]planner.Parcel, nParcels)
	for i := range parcels {
		parcels[i] = parcel(fmt.Sprintf("L%05d", i), 5+rng.Float64()*150, func(x *planner.Parcel) {
			x.LandUse = codes[rng.IntN(len(codes))]
			x.Status = statuses[rng.IntN(len(statuses))]
			x.Zone = zones[rng.IntN(len(zones))]
			if rng.IntN(3) == 0 {
				x.MaxPlotRatio = f(0.5 + rng.Float64()*2)
			}
		})
	}
	proposals := make([]planner.Proposal, nProposals)
	for i := range proposals {
		area := 10 + rng.Float64()*80
		proposals[i] = proposal(fmt.Sprintf("P%04d", i), area, func(q *planner.Proposal) {
			q.Industry = industries[rng.IntN(len(industries))]
			q.LandClass = rng.IntN(4)
			q.MinAreaMu = area * (0.7 + 0.3*rng.Float64())
			q.PlotRatio = f(0.8 + rng.Float64())
			q.FacilityShare, q.DormitoryShare = f(rng.Float64()*0.18), f(rng.Float64())
			q.Tax = area * (10 + rng.Float64()*30)
		})
	}
	return parcels, proposals
}

// BenchmarkCheck runs Check on a random pool of 10 000 parcels and 1 000
// proposals.
func BenchmarkCheck(b *testing.B) {
	p := policy.Default()
	parcels, proposals := randomPool(rand.New(rand.NewPCG(3, 4)), 10000, 1000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := rules.Check(p, parcels, proposals); err != nil {
			b.Fatal(err)
		}
	}
}

// LandPool.AppendPairs keeps exactly the eligible pairs, with AssessPair's
// reasons when full, and counts every other parcel under a rule.
func TestLandPoolAppendPairs(t *testing.T) {
	p := profile(t)
	parcels := []planner.Parcel{parcel("L1", 50), parcel("L2", 10), parcel("L3", 50, func(x *planner.Parcel) { x.LandUse = "100101" }),
		parcel("L4", 60, idleLand)}
	var pas []*rules.ParcelAssessment
	for _, x := range parcels {
		pa := rules.AssessParcel(p, x)
		pas = append(pas, &pa)
	}
	pool := rules.NewLandPool(pas)
	qa := rules.AssessProposal(p, proposal("Q", 30))
	counts := map[string]int{}
	pairs := pool.AppendPairs(nil, p, &qa, true, counts)
	var got []string
	for _, pr := range pairs {
		got = append(got, pr.Parcel)
		want := rules.AssessPair(p, pas[slices.IndexFunc(parcels, func(x planner.Parcel) bool { return x.ID == pr.Parcel })], &qa)
		if !pr.Eligible || len(pr.Reasons) != len(want.Reasons) || pr.Criteria == nil {
			t.Errorf("%s: pair %+v, AssessPair %+v", pr.Parcel, pr, want)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"L1", "L4"}) || counts[rules.RuleAreaFit] != 1 || counts[rules.RuleLandClass] != 1 || pool.Available() != 4 {
		t.Errorf("pairs %v, counts %v, available %d", got, counts, pool.Available())
	}
}
