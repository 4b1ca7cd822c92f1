package plan

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// RuleSigned is the rule name of the reason an allocation is fixed: a
// signed contract.
const RuleSigned = "plan.signed"

// RuleMove is the rule name of the reason a tentative allocation of the
// previous plan moved.
const RuleMove = "plan.move"

// expandYears turns each (proposal, parcel) pair into one pair of the
// model per year of the programme in which it may be supplied: from the
// proposal's earliest year, stock land from the year it is free (or the
// planning year when it is free within stock.disposal.supply_within_months),
// new land only when every phase falls in a year with a quota. The year
// copies of a pair share its assessment and score (pairOf, scoreOf); a copy
// of a later year charges its phases to the years shifted by as many years
// (chargesOf). A one-year plan has one model pair per assessed pair.
func (b *builder) expandYears() {
	years := b.prof.HorizonYears()
	n := len(b.pairs)
	b.base = make([]int, n)
	b.year = make([]int, n)
	for k := range b.base {
		b.base[k], b.year[k] = k, years[0]
	}
	if len(years) == 1 {
		return
	}
	pick, pickYear := b.yearPicks(years)
	n = len(pick)
	item, parcel, base, year := make([]int, n), make([]int, n), make([]int, n), make([]int, n)
	for j, k32 := range pick {
		k := int(k32)
		item[j], parcel[j], base[j], year[j] = b.item[k], b.parcel[k], k, int(pickYear[j])
	}
	b.item, b.parcel, b.base, b.year = item, parcel, base, year
}

// pairOf is model pair k's assessment: that of the (proposal, parcel) pair
// it was made from, which a programme's year copies share. Its Charges are
// those of the planning year: chargesOf gives the copy's.
func (b *builder) pairOf(k int) *rules.PairAssessment { return &b.pairs[b.base[k]] }

// scoreOf is model pair k's score (shared by a programme's year copies).
func (b *builder) scoreOf(k int) *rules.PairScore { return &b.scores[b.base[k]] }

// chargesOf returns model pair k's charges to the years' quotas as its
// assessment's charges and the number of years d to add to each charge's
// year: a copy of a programme starting d years after the planning year
// releases every phase d years later.
func (b *builder) chargesOf(k int) (charges []rules.YearCharge, d int) {
	return b.pairs[b.base[k]].Charges, b.year[k] - b.prof.PlanYear()
}

// nPairs is the number of pairs of the model (a programme's year copies
// counted one by one).
func (b *builder) nPairs() int { return len(b.item) }

// yearPicks lists the years of the programme in which each pair may be
// supplied (see expandYears): pair index and year, in order.
func (b *builder) yearPicks(years []int) (pick []int32, pickYear []int16) {
	y0 := years[0]
	// A signed contract decides its own year, whatever the proposal's
	// earliest year or the land's free date.
	type key struct {
		q, x string
		y    int
	}
	signed := map[key]bool{}
	for _, c := range b.in.Contracts {
		signed[key{c.Proposal, c.Parcel, contractYear(b.prof, c)}] = true
	}
	quota := map[int]bool{}
	for _, y := range b.prof.QuotaYears() {
		quota[y] = true
	}
	freeYear, inWindow := b.freeYears()
	pick, pickYear = make([]int32, 0, len(b.pairs)*len(years)), make([]int16, 0, len(b.pairs)*len(years))
	for k := range b.pairs {
		q := &b.proposals[b.item[k]]
		pa := &b.pas[b.parcel[k]]
	years:
		for _, y := range years {
			fixed := signed[key{q.ID, b.parcels[b.parcel[k]].ID, y}]
			if q.EarliestYear > y && !fixed {
				continue
			}
			if j := b.parcel[k]; freeYear[j] > y && !fixed && !(y == y0 && inWindow[j]) {
				continue
			}
			if d := y - y0; d > 0 {
				for _, ch := range b.pairs[k].Charges {
					if !quota[ch.Year+d] {
						continue years
					}
				}
			}
			pick = append(pick, int32(k))
			pickYear = append(pickYear, int16(y))
			if pa.Stock || fixed {
				// Stock land charges no quota: a later year takes the
				// same land for less value, so only the first year
				// allowed is a candidate. A signed pair is fixed in
				// its year.
				break
			}
		}
	}
	return pick, pickYear
}

// freeYears returns the year each stock parcel is free from (0: no
// date), and whether that date lies within stock.disposal.supply_within_months
// of the planning date, read once per parcel.
func (b *builder) freeYears() ([]int, []bool) {
	asOf, _ := b.prof.AsOf()
	window := asOf.AddDate(0, b.prof.Stock.Disposal.SupplyWithinMonths, 0).Format(policy.DateLayout)
	freeYear := make([]int, len(b.pas))
	inWindow := make([]bool, len(b.pas))
	for j := range b.pas {
		if pa := &b.pas[j]; pa.Stock && pa.Disposal != nil {
			if fy, err := yearOf(pa.Disposal.FreeFrom); err == nil {
				freeYear[j], inWindow[j] = fy, pa.Disposal.FreeFrom <= window
			}
		}
	}
	return freeYear, inWindow
}

// yearFactor is the share of a pair's value kept when it starts in year y:
// (1 − plan.later_year_discount)^(y − planning year).
func (b *builder) yearFactor(y int) float64 {
	d := y - b.prof.PlanYear()
	if d <= 0 {
		return 1
	}
	return math.Pow(1-b.prof.Plan.LaterYearDiscount, float64(d))
}

// contractPairs resolves the signed contracts to the pairs the model
// forces: each proposal on its parcel in the contract's year (the nearest
// year of the horizon when it lies outside). A contract the rules no
// longer allow is refused, naming it and the rules that fail.
func (b *builder) contractPairs() ([]int, error) {
	if err := CheckContracts(b.parcels, b.proposals, nil, b.in.Contracts); err != nil {
		return nil, err
	}
	var out []int
	var ds []planner.Diagnostic
	b.signed = map[int]Contract{}
	for _, c := range b.in.Contracts {
		qi := sort.Search(len(b.proposals), func(i int) bool { return b.proposals[i].ID >= c.Proposal })
		xi := sort.Search(len(b.parcels), func(i int) bool { return b.parcels[i].ID >= c.Parcel })
		y := contractYear(b.prof, c)
		k := slices.IndexFunc(b.byItem[qi], func(k int) bool { return b.parcel[k] == xi && b.year[k] == y })
		if k < 0 {
			pr := rules.AssessPair(b.prof, &b.pas[xi], &b.qas[qi])
			var why []string
			for _, r := range pr.Reasons {
				if r.Verdict == planner.VerdictFail {
					why = append(why, r.Rule+": "+r.Message)
				}
			}
			if len(why) == 0 {
				why = append(why, fmt.Sprintf("the land is not available for it in %d (earliest year, free date or a phase in a year without a quota)", y))
			}
			ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "contract.refused", Location: c.Where(), ID: c.Proposal + "@" + c.Parcel,
				Message: "the rules do not allow this signed allocation now: " + strings.Join(why, "; ")})
			continue
		}
		out = append(out, b.byItem[qi][k])
		b.signed[b.byItem[qi][k]] = c
	}
	if len(ds) > 0 {
		return nil, &planner.Error{Kind: planner.KindInvalid, Msg: "plan: signed contracts the run cannot keep", Diagnostics: ds}
	}
	return out, nil
}

// churnBonus returns the value the model adds to each pair that keeps a
// tentative allocation of the previous plan (same proposal, parcel and
// year, not signed), and the pairs it applies to. The bonus is a small
// churn term (docs/product.md, "Re-planning"): all of them together are
// worth half the run's target gap of the previous plan's objective, so a
// plan the solver returns within half the gap is within the whole gap of
// the best value, and among such plans one that keeps more is worth more.
func (b *builder) churnBonus(gap float64) (float64, map[int]bool) {
	prev := b.in.Previous
	if prev == nil {
		return 0, nil
	}
	type key struct {
		q, x string
		y    int
	}
	want := map[key]bool{}
	py, _ := yearOf(prev.AsOf)
	for _, a := range prev.Allocations {
		if a.Signed {
			continue
		}
		y := a.Year
		if y == 0 {
			y = py
		}
		want[key{a.Proposal, a.Parcel, y}] = true
	}
	keep := map[int]bool{}
	for k := range b.item {
		if _, s := b.signed[k]; s {
			continue
		}
		if want[key{b.proposals[b.item[k]].ID, b.parcels[b.parcel[k]].ID, b.year[k]}] {
			keep[k] = true
		}
	}
	if len(keep) == 0 || prev.Objective <= 0 {
		return 0, keep
	}
	if gap <= 0 {
		gap = 1e-6
	}
	return gap / 2 * prev.Objective / float64(len(keep)), keep
}

// shiftPhases moves a supply's phases d years later: each phase's year and
// deadline.
func shiftPhases(phs []rules.Phase, d int) []rules.Phase {
	if d == 0 {
		return phs
	}
	for i := range phs {
		phs[i].Year += d
		if t, err := time.Parse(policy.DateLayout, phs[i].Deadline); err == nil {
			phs[i].Deadline = t.AddDate(d, 0, 0).Format(policy.DateLayout)
		}
	}
	return phs
}

// Move is a tentative allocation of the previous plan that the re-plan
// changed: moved to another parcel or year, or left out.
type Move struct {
	Proposal string `json:"proposal"`
	// FromParcel and FromYear are where the previous plan put it; ToParcel
	// and ToYear where this plan does ("" and 0 when left out).
	FromParcel string `json:"from_parcel"`
	FromYear   int    `json:"from_year"`
	ToParcel   string `json:"to_parcel,omitempty"`
	ToYear     int    `json:"to_year,omitempty"`
	// FromValue and ToValue are its value there and here (0 when left
	// out); Holders the proposals that hold its old parcel in this plan.
	FromValue float64  `json:"from_value"`
	ToValue   float64  `json:"to_value"`
	Holders   []string `json:"holders,omitempty"`
	// Why says why the move was worth it, in English and Chinese.
	Why   string `json:"why"`
	WhyZH string `json:"why_zh"`
}

// moves lists the previous plan's tentative allocations that this plan
// changes, each with why.
func (b *builder) moves(p *Plan) []Move {
	prev := b.in.Previous
	if prev == nil {
		return nil
	}
	py, _ := yearOf(prev.AsOf)
	now := map[string]*Allocation{}
	holders := map[string][]string{}
	for i := range p.Allocations {
		a := &p.Allocations[i]
		now[a.Proposal] = a
		holders[a.Parcel] = append(holders[a.Parcel], a.Proposal)
	}
	var out []Move
	for _, a := range prev.Allocations {
		if a.Signed {
			continue
		}
		y := a.Year
		if y == 0 {
			y = py
		}
		n := now[a.Proposal]
		if n != nil && n.Parcel == a.Parcel && n.Year == y {
			continue
		}
		m := Move{Proposal: a.Proposal, FromParcel: a.Parcel, FromYear: y, FromValue: a.Value}
		var hs []string
		for _, h := range holders[a.Parcel] {
			if h != a.Proposal {
				hs = append(hs, h)
			}
		}
		m.Holders = hs
		if gone := b.gone(a.Proposal, a.Parcel); gone != "" {
			m.Why, m.WhyZH = gone, b.goneZH(a.Proposal, a.Parcel)
			if n != nil {
				m.ToParcel, m.ToYear, m.ToValue = n.Parcel, n.Year, n.Value
			}
			out = append(out, m)
			continue
		}
		held, heldZH := "", ""
		if len(hs) > 0 {
			held = fmt.Sprintf("%s now holds %s", strings.Join(hs, ", "), a.Parcel)
			heldZH = fmt.Sprintf("%s 现由 %s 使用", a.Parcel, strings.Join(hs, "、"))
		} else {
			held = fmt.Sprintf("%s is free in this plan", a.Parcel)
			heldZH = fmt.Sprintf("%s 在本方案中空置", a.Parcel)
		}
		if n != nil {
			m.ToParcel, m.ToYear, m.ToValue = n.Parcel, n.Year, n.Value
			m.Why = fmt.Sprintf("moved from %s (%d) to %s (%d): %s; its value %s → %s; the run, which prefers keeping each tentative allocation, found the plan worth more with the move",
				a.Parcel, y, n.Parcel, n.Year, held, fmtValue(a.Value), fmtValue(n.Value))
			m.WhyZH = fmt.Sprintf("由 %s(%d 年)调整至 %s(%d 年):%s;其目标值 %s → %s;规划运行优先保留原暂定安排,调整后方案整体目标值更高",
				a.Parcel, y, n.Parcel, n.Year, heldZH, fmtValue(a.Value), fmtValue(n.Value))
		} else {
			m.Why = fmt.Sprintf("left out (was on %s in %d, value %s): %s; the run, which prefers keeping each tentative allocation, found the plan worth more without it",
				a.Parcel, y, fmtValue(a.Value), held)
			m.WhyZH = fmt.Sprintf("未予安排(原安排于 %s,%d 年,目标值 %s):%s;规划运行优先保留原暂定安排,不安排该项目时方案整体目标值更高",
				a.Parcel, y, fmtValue(a.Value), heldZH)
		}
		out = append(out, m)
	}
	return out
}

// gone says why an allocation of the previous plan cannot be kept when
// its proposal left the queue or its parcel the land pool ("" when both
// are still there).
func (b *builder) gone(q, x string) string {
	if !b.hasProposal(q) {
		return fmt.Sprintf("proposal %s is no longer in the queue", q)
	}
	if !b.hasParcel(x) {
		return fmt.Sprintf("parcel %s is no longer in the land pool", x)
	}
	return ""
}

func (b *builder) goneZH(q, x string) string {
	if !b.hasProposal(q) {
		return fmt.Sprintf("项目 %s 已不在申请队列中", q)
	}
	return fmt.Sprintf("地块 %s 已不在可供地块中", x)
}

func (b *builder) hasProposal(id string) bool {
	i := sort.Search(len(b.proposals), func(i int) bool { return b.proposals[i].ID >= id })
	return i < len(b.proposals) && b.proposals[i].ID == id
}

func (b *builder) hasParcel(id string) bool {
	i := sort.Search(len(b.parcels), func(i int) bool { return b.parcels[i].ID >= id })
	return i < len(b.parcels) && b.parcels[i].ID == id
}
