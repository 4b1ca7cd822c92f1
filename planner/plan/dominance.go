package plan

import (
	"fmt"
	"math"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// Dominates reports whether proposal A dominates proposal B on one parcel
// (12.4): given both pairs on that parcel, A needs no more land there (in
// all, and in each year's quota), is no worse on every criterion the
// profile scores (each per-亩 figure over the land planned there, R&D,
// prospects, and how the parcel suits it, the class penalty included), and
// is strictly better somewhere — less land, or more of a criterion.
// Parcel-side criteria (stock, serviced) are the same for both.
func Dominates(p *policy.Profile, a, b *rules.PairAssessment) bool {
	if !a.Eligible || !b.Eligible || a.Parcel != b.Parcel {
		return false
	}
	const tol = 1e-9
	strict := false
	if a.AllocatedMu > b.AllocatedMu+tol {
		return false
	}
	if a.AllocatedMu < b.AllocatedMu-tol {
		strict = true
	}
	for _, ca := range a.Charges {
		cb := 0.0
		for _, c := range b.Charges {
			if c.Year == ca.Year {
				cb = c.AreaMu
			}
		}
		if ca.AreaMu > cb+tol {
			return false
		}
	}
	if a.HeavierBy > b.HeavierBy {
		return false
	}
	if a.HeavierBy < b.HeavierBy {
		strict = true
	}
	va, vb := a.Values(), b.Values()
	for _, c := range p.Score.Criteria {
		x, y := va[c], vb[c]
		if p.Direction(c) == policy.DirectionCost {
			x, y = -x, -y
		}
		switch d := tol * max(1, math.Abs(y)); {
		case x < y-d:
			return false
		case x > y+d:
			strict = true
		}
	}
	return strict
}

// keepsDominance reports whether a measure keeps the 12.4 invariant: the
// value of a pair never falls when the project dominates another.
func keepsDominance(measure string) bool {
	return measure == policy.MeasureDelivery || measure == policy.MeasureScore
}

// dominance checks the solved allocation against the 12.4 invariant and,
// under a measure that keeps it, repairs every break by swapping the two
// proposals on the parcel (feasible: the dominant one needs no more land
// and no more of any year's quota; never worse: its value there is no
// lower). It returns the check and the allocation after the swaps.
func (b *builder) dominance(chosen []int) (DominanceCheck, []int) {
	var dc DominanceCheck
	placed := make([]int, len(b.proposals))
	for i := range placed {
		placed[i] = -1
	}
	for _, k := range chosen {
		placed[b.item[k]] = k
	}
	forced := map[int]bool{}
	for _, k := range b.forced {
		forced[k] = true
	}
	repair := keepsDominance(b.prof.Objective.Measure)
	// Each swap moves a placed slot to a strictly dominating proposal; a
	// dominance order has no cycles, so the loop ends; the cap is a guard.
	for round := 0; round < len(b.proposals)+1; round++ {
		swapped := false
		dc.Pairs = 0
		for _, kb := range chosen {
			if forced[kb] {
				continue
			}
			j := b.parcel[kb]
			for _, ka := range b.byParcel[j] {
				if placed[b.item[ka]] >= 0 || b.year[ka] != b.year[kb] {
					continue
				}
				dc.Pairs++
				// Same year: their assessments' charges compare as the
				// copies' do.
				if !Dominates(b.prof, b.pairOf(ka), b.pairOf(kb)) {
					continue
				}
				dc.Breaks = append(dc.Breaks, DominanceBreak{Dominant: b.proposals[b.item[ka]].ID, Dominated: b.proposals[b.item[kb]].ID, Parcel: b.parcels[j].ID})
				if !repair {
					continue
				}
				dc.Repaired++
				placed[b.item[kb]] = -1
				placed[b.item[ka]] = ka
				for n, k := range chosen {
					if k == kb {
						chosen[n] = ka
					}
				}
				swapped = true
				break
			}
			if swapped {
				break
			}
		}
		if !swapped {
			break
		}
	}
	return dc, chosen
}

// objectiveOf is the value of an allocation.
func (b *builder) objectiveOf(chosen []int) float64 {
	v := 0.0
	for _, k := range chosen {
		v += b.value[k]
	}
	return v
}

// applyDominance runs the check on the solver's result and, after any
// swap, recomputes the objective and gap against the same bound.
func (b *builder) applyDominance(res *assign.Result) DominanceCheck {
	chosen := append([]int(nil), res.Chosen...)
	dc, chosen := b.dominance(chosen)
	if dc.Repaired > 0 {
		res.Chosen = chosen
		res.Objective = b.objectiveOf(chosen)
		if res.Bound > 0 {
			res.Gap = max(0, (res.Bound-res.Objective)/res.Bound)
		}
	}
	return dc
}

// dominanceText says the check in words.
func dominanceText(dc DominanceCheck, measure string) (en, zh string) {
	en = fmt.Sprintf("clause 12.4 check: %d placed/left-out pairs compared on the placed project's parcel; %d dominance break(s) in the solved allocation, %d repaired by swapping", dc.Pairs, len(dc.Breaks), dc.Repaired)
	zh = fmt.Sprintf("第十二条第四句核查:按已安排项目所在地块比较 %d 对已安排/未安排项目;求解结果中占优项目被排除 %d 处,已调换 %d 处", dc.Pairs, len(dc.Breaks), dc.Repaired)
	if !keepsDominance(measure) && len(dc.Breaks) > 0 {
		en += "; this measure does not keep the invariant (choose objective.measure = delivery)"
		zh += ";当前规划目标不保证该要求(可选用按效益得分计的目标)"
	}
	return en, zh
}

// dominanceReason is the plan-level reason of the check.
func dominanceReason(dc DominanceCheck, measure string) planner.Reason {
	en, zh := dominanceText(dc, measure)
	return planner.Reason{Rule: RuleDominance, Clause: "12.4", Verdict: planner.VerdictInfo, Message: en, MessageZH: zh}
}
