package plan

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/landplan/landplan/planner/assign"
)

// MarginalValue is what one more 亩 of a quota row or a zone cap is worth
// to the plan's objective, read from the dual of the solve: the
// Lagrangian multiplier of the row at the root of the solver's search
// (assign.Duals). For a mixed-integer model it is the slope of a proven
// bound, not a market price: at the same multipliers
//
//	best objective with capacity C + δ ≤ DualBound + PerMu·δ
//
// for every δ ≤ 0, and for δ > 0 too unless one project alone needs more
// of the row than the forced allocations leave of it (BoundsRaise;
// docs/product.md, "Marginal values"). So the true change per 亩 over a step δ,
// (best(C+δ) − best(C))/δ, exceeds PerMu by at most
// (DualBound − Objective)/δ when δ > 0 and falls short of it by at most as
// much when δ < 0. When the root's bound is tight and the best objective
// changes smoothly in C, PerMu is the exact marginal value; projects come
// in whole pieces, so over a step smaller than a project the true change
// may be 0 or a jump.
type MarginalValue struct {
	// Key is the profile setting that sets the row's capacity:
	// quota.new_land_mu, quota.by_year.YYYY or quota.zone_caps.ZONE.
	Key string `json:"key"`
	// Constraint is the row's name in the model (QuotaConstraint.YYYY or
	// ZoneCapConstraint+ZONE).
	Constraint string `json:"constraint"`
	// Year is the quota's year (0 for a zone cap); Zone the cap's zone.
	Year int    `json:"year,omitempty"`
	Zone string `json:"zone,omitempty"`
	// CapacityMu, UsedMu and SlackMu are the row's capacity, its use by
	// the plan and what is left, in 亩.
	CapacityMu float64 `json:"capacity_mu"`
	UsedMu     float64 `json:"used_mu"`
	SlackMu    float64 `json:"slack_mu"`
	// PerMu is the multiplier: objective units per 亩 of capacity. On a
	// row that binds nothing it is 0 or, where the subgradient method has
	// not driven it all the way down, small; the bound above holds either
	// way.
	PerMu float64 `json:"per_mu"`
	// Binding says the row keeps some project out: a proposal left out
	// is eligible for a parcel on the row but needs more of it than the
	// plan leaves.
	Binding bool `json:"binding"`
	// BoundsRaise says the statement above holds for a raise (δ > 0)
	// too: no candidate project needs more of the row than the forced
	// allocations leave of it. When false (a quota of 0, say) the solver
	// drops those projects before the dual, and PerMu says nothing of a
	// larger capacity; only the finite difference of two plans does.
	BoundsRaise bool `json:"bounds_raise"`
	// DualBound is the Lagrangian bound the multipliers prove (≥ the
	// plan's Bound); DualBound − Objective is the allowance of the
	// statement above.
	DualBound float64 `json:"dual_bound"`
}

// Label is the row in words: "the 2026 new-land quota" or "the zone cap
// of ZONE", in English or Chinese.
func (m MarginalValue) Label(zh bool) string {
	switch {
	case m.Zone != "" && zh:
		return m.Zone + " 新增用地上限"
	case m.Zone != "":
		return "zone cap of " + m.Zone
	case zh:
		return strconv.Itoa(m.Year) + " 年度新增建设用地指标"
	}
	return strconv.Itoa(m.Year) + " new-land quota"
}

// marginalValues reads the marginal value of every side row of the model
// from the solver's duals; nil when the solver has none.
func (b *builder) marginalValues(res *assign.Result) []MarginalValue {
	if !res.Duals.Evaluated() || len(res.Duals.Side) != len(b.side) {
		return nil
	}
	st := b.solved
	if st == nil {
		st = b.state(res.Chosen)
	}
	planYear := b.prof.PlanYear()
	forced := make(map[int]bool, len(b.forced))
	for _, k := range b.forced {
		forced[k] = true
	}
	out := make([]MarginalValue, 0, len(b.side))
	for s, c := range b.side {
		m := MarginalValue{Constraint: c.Name, CapacityMu: c.Capacity, UsedMu: st.sideUsed[s],
			SlackMu: st.sideSlack[s], DualBound: res.Duals.Bound}
		// Multipliers below the solver's rounding are no price.
		if lam := res.Duals.Side[s]; lam > 1e-12*math.Max(1, math.Abs(res.Duals.Bound)) {
			m.PerMu = lam
		}
		// The row binds when it keeps a project left out from a parcel it
		// is eligible for: what is left of the row is less than that pair
		// needs.
		for _, t := range c.Terms {
			if st.placed[b.item[t.Pair]] < 0 && b.value[t.Pair] > 0 && t.Coef > st.sideSlack[s]+capTol {
				m.Binding = true
				break
			}
		}
		left := c.Capacity
		for _, t := range c.Terms {
			if forced[t.Pair] {
				left -= t.Coef
			}
		}
		m.BoundsRaise = true
		for _, t := range c.Terms {
			if !forced[t.Pair] && b.value[t.Pair] > 0 && t.Coef > left+capTol {
				m.BoundsRaise = false
				break
			}
		}
		if z, ok := strings.CutPrefix(c.Name, ZoneCapConstraint); ok {
			m.Zone, m.Key = z, "quota.zone_caps."+z
		} else {
			y, _ := strconv.Atoi(strings.TrimPrefix(c.Name, QuotaConstraint+"."))
			m.Year = y
			m.Key = fmt.Sprintf("quota.by_year.%d", y)
			if y == planYear {
				m.Key = "quota.new_land_mu"
			}
		}
		out = append(out, m)
	}
	return out
}
