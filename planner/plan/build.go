package plan

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// The rule names of the reasons the plan adds to the rules' own.
const (
	RuleRunnerUp    = "plan.runner_up"   // the best alternatives of an allocation
	RuleFlip        = "plan.flip"        // a verified change that places a proposal
	RuleDominance   = "plan.dominance"   // the 12.4 invariant, checked
	RuleInvestigate = "plan.investigate" // land that only looks like stock land
	RuleForced      = "plan.forced"      // an allocation fixed before the run
	RuleObjective   = "plan.objective"   // what the plan maximises (12.4)
	RuleIneligible  = "plan.ineligible"  // a proposal no parcel can take
	RuleQuotaUsed   = "plan.quota"       // a proposal left out by the quota
	RuleOutcompeted = "plan.outcompeted" // a proposal whose parcels went to others
	RuleNotPlaced   = "plan.not_placed"  // a proposal the solver stopped before placing
	RuleNoValue     = "plan.no_value"    // a proposal of no positive value
)

// capTol absorbs rounding when comparing loads with capacities: the
// solver's feasibility tolerance is 1e-9 relative (assign.Settings), and
// areas come from geometry to far less precision than 1e-6 亩 (0.7 mm²).
const capTol = 1e-6

// state is the solved allocation: which pair each proposal got, each
// parcel's load and what is left of the quota and the zone caps.
type state struct {
	placed    []int     // proposal → pair, -1 when unplaced
	load      []float64 // parcel → weight placed
	sideUsed  []float64 // side constraint → use
	sideSlack []float64
}

func (b *builder) state(chosen []int) *state {
	st := &state{placed: make([]int, len(b.proposals)), load: make([]float64, len(b.parcels)),
		sideUsed: make([]float64, len(b.side)), sideSlack: make([]float64, len(b.side))}
	for i := range st.placed {
		st.placed[i] = -1
	}
	on := make([]bool, b.nPairs())
	for _, k := range chosen {
		on[k] = true
		st.placed[b.item[k]] = k
		st.load[b.parcel[k]] += b.weight[k]
	}
	for s, c := range b.side {
		for _, t := range c.Terms {
			if on[t.Pair] {
				st.sideUsed[s] += t.Coef
			}
		}
		st.sideSlack[s] = c.Capacity - st.sideUsed[s]
	}
	return st
}

// sideOf lists the side constraints a pair uses (Term.Pair is the
// constraint).
func (b *builder) sideOf(k int) []assign.Term {
	if b.pairSides == nil {
		b.pairSides = newPairTerms(b.nPairs(), b.side)
	}
	return b.pairSides.of(k)
}

// blocked says what keeps pair k out beside the solved allocation: the
// parcel's area left, or a side constraint ("" when nothing does).
func (b *builder) blocked(st *state, k int) (capacity bool, side string) {
	j := b.parcel[k]
	own := 0.0
	if pk := st.placed[b.item[k]]; pk >= 0 && b.parcel[pk] == j {
		own = b.weight[pk]
	}
	capacity = b.weight[k] > b.pas[j].AreaMu-st.load[j]+own+capTol
	for _, t := range b.sideOf(k) {
		if t.Coef > st.sideSlack[t.Pair]+capTol {
			return capacity, b.side[t.Pair].Name
		}
	}
	return capacity, ""
}

func statusName(s assign.Status) string {
	return strings.ReplaceAll(s.String(), " ", "_")
}

// stoppedName is the Plan.Stopped key of the solver's stop reason.
func stoppedName(r assign.StopReason) string {
	switch r {
	case assign.StoppedOptimal:
		return StoppedOptimal
	case assign.StoppedTargetGap:
		return StoppedGapReached
	case assign.StoppedTimeLimit:
		return StoppedTimeLimit
	case assign.StoppedInterrupted:
		return StoppedInterrupted
	case assign.StoppedIterationLimit:
		return StoppedIterationLimit
	case assign.StoppedNodeLimit:
		return StoppedNodeLimit
	case assign.StoppedMemoryLimit:
		return StoppedMemoryLimit
	}
	return strings.ReplaceAll(r.String(), " ", "_")
}

// objectiveDef says what the measure measures.
func objectiveDef(measure string) (en, zh string) {
	switch measure {
	case policy.MeasureDelivery:
		return "Σ score of the projects placed: each project counts by what it delivers per 亩 of the land it takes and its prospects, never by the land it takes; of equal scores the smaller project first (clause 12.4: 用地少、产出高、前景好)",
			"Σ 已安排项目效益得分:每个项目按其亩均产出与前景计,不按占地计;得分相同时用地少者优先(第十二条第四句:用地少、产出高、前景好)"
	case policy.MeasureScore:
		return "Σ score of the projects placed: every project counts by its score, whatever its size (clause 12.4)",
			"Σ 已安排项目得分:每个项目按得分计,不论规模(第十二条第四句)"
	case policy.MeasureOutput:
		return "Σ annual output (万元) of the projects placed, each × (1 + 0.01·score) so that a project prefers its better-scored parcel (clause 12.4: 产出高)",
			"Σ 已安排项目年产值(万元),各乘 (1 + 0.01×得分) 以优先得分较高的地块(第十二条第四句:产出高)"
	case policy.MeasureTax:
		return "Σ annual tax (万元) of the projects placed, each × (1 + 0.01·score) so that a project prefers its better-scored parcel (clause 12.4)",
			"Σ 已安排项目年税收(万元),各乘 (1 + 0.01×得分) 以优先得分较高的地块(第十二条第四句)"
	}
	return "Σ score × 亩 taken over the allocations: land weighted by how well it is used (clause 12.4: 用地少、产出高、前景好)",
		"Σ 得分 × 占地亩数:按用地效益加权的土地面积(第十二条第四句:向用地少、产出高、前景好的项目倾斜)"
}

// build makes the plan from the solver's result.
func (b *builder) build(res *assign.Result, set Settings) (*Plan, error) {
	def, defZH := objectiveDef(b.prof.Objective.Measure)
	p := &Plan{
		Scenario:       b.in.Scenario,
		Overrides:      append([]string{}, b.in.Overrides...),
		AsOf:           b.prof.Plan.AsOf,
		InputsSHA256:   InputsSHA256(b.parcels, b.proposals),
		PolicySHA256:   b.prof.SHA256(),
		Objective:      res.Objective,
		Bound:          res.Bound,
		Gap:            res.Gap,
		Measure:        b.prof.Objective.Measure,
		ObjectiveDef:   def,
		ObjectiveDefZH: defZH,
		Status:         statusName(res.Status),
		Stopped:        stoppedName(res.Stopped),
		Solver: Stats{
			Candidates: b.nPairs(), FreePairs: res.Stats.FreePairs, Iterations: res.Stats.Iterations, Nodes: res.Stats.Nodes,
			FixedByReducedCost: res.Stats.FixedByReducedCost, BoundMethod: res.Stats.BoundMethod, RootBound: res.Stats.RootBound,
			TargetGap: max(0, set.TargetGap), StartObjective: b.startValue,
		},
		Scoring: Scoring{Method: b.scoring.Method, Aggregation: b.scoring.Aggregation, Criteria: slices.Clone(b.scoring.Criteria),
			Weights: append([]float64{}, b.scoring.Weights...)},
		Allocations: []Allocation{},
		Unallocated: []Unallocated{},
		Lots:        []Lot{},
	}
	switch p.Stopped {
	case StoppedTimeLimit:
		p.Solver.TimeLimitSeconds = set.TimeLimit.Seconds()
	case StoppedMemoryLimit:
		p.Solver.MaxMemoryMiB = set.MaxMemory >> 20
	}
	if b.scoring.AHP != nil {
		cr := b.scoring.AHP.CR
		p.Scoring.AHPCR = &cr
	}
	if b.prof.Stock.First {
		p.Scoring.StockFirstBonus = b.prof.Stock.FirstBonus
	}
	st := b.state(res.Chosen)
	b.solved = st
	forced := map[int]bool{}
	for _, k := range b.forced {
		forced[k] = true
	}
	for _, k := range res.Chosen {
		p.Allocations = append(p.Allocations, b.allocation(st, k, forced[k]))
	}
	p.Unallocated = b.leftOut(st, res.Status)
	lots, err := b.lots(p.Allocations, set.Lots)
	if err != nil {
		return nil, err
	}
	p.Lots = lots
	p.Totals = b.totals(p)
	p.Years = b.prof.HorizonYears()
	p.Contracts = len(b.signed)
	if b.in.Previous != nil {
		p.Previous = b.in.Previous.ID
		p.Moves = b.moves(p)
		for _, k := range res.Chosen {
			if b.keep[k] {
				p.Kept++
			}
		}
	}
	p.Investigate = b.investigate()
	p.Reasons = b.planReasons(p, st)
	sum, err := ContentSHA256(p)
	if err != nil {
		return nil, err
	}
	p.ContentSHA256 = sum
	return p, nil
}

// leftOut explains every proposal the allocation leaves out, in
// proposal order (a priced run has explained them in its last pass).
func (b *builder) leftOut(st *state, status assign.Status) []Unallocated {
	out := []Unallocated{}
	for i := range b.proposals {
		switch {
		case st.placed[i] >= 0:
		case b.priced != nil:
			out = append(out, b.priced.unallocated[i])
		default:
			out = append(out, b.unallocated(st, i, status))
		}
	}
	return out
}

// allocation builds the allocation of pair k with its explanation.
//
// Complexity: long but flat: the allocation's fields and its explanation.
func (b *builder) allocation(st *state, k int, forced bool) Allocation {
	full := rules.AssessPair(b.prof, &b.pas[b.parcel[k]], &b.qas[b.item[k]])
	pr, sc := &full, b.explainScore(k)
	d := rules.Supply(b.prof, full)
	q, x := &b.proposals[b.item[k]], &b.parcels[b.parcel[k]]
	a := Allocation{
		Proposal: q.ID, ProposalName: q.Name, Parcel: x.ID, Zone: x.Zone, Stock: pr.StockMu > 0,
		AreaMu: pr.AllocatedMu, NowMu: b.nowMu[k], NewLandMu: b.quota[k],
		SupplyMode: d.Mode, TermYears: d.TermYears, LeaseYears: d.LeaseYears, TransferYears: d.TransferYears,
		TermText: d.TermText, TermTextZH: d.TermTextZH, Requested: d.Requested,
		PriceYuan: d.PriceYuan, AnnualRentYuan: d.AnnualRentYuan,
		Phases:     shiftPhases(slices.Clone(d.Phases), b.year[k]-b.prof.PlanYear()),
		StartFrom:  b.prof.Plan.AsOf,
		Year:       b.year[k],
		FacilityMu: pr.FacilityMu, DormitoryMu: pr.DormitoryMu,
		Output: q.Output, Tax: q.Tax, Investment: q.Investment, Jobs: q.Jobs, PerMu: pr.PerMu,
		Score: sc.Score, Value: b.value[k], Breakdown: slices.Clone(sc.Breakdown),
	}
	if d.Disposal != nil {
		a.Route, a.FreeFrom = d.Disposal.Route, d.Disposal.FreeFrom
		if a.FreeFrom > a.StartFrom {
			a.StartFrom = a.FreeFrom
		}
	}
	if y := fmt.Sprintf("%d-01-01", a.Year); y > a.StartFrom {
		a.StartFrom = y
	}
	if a.Stock {
		a.StockMu = a.NowMu
	}
	if c, ok := b.signed[k]; ok {
		a.Signed = true
		a.Reasons = append(a.Reasons, planner.Reason{Rule: RuleSigned, Clause: rules.Clause12, Verdict: planner.VerdictInfo,
			Message:   fmt.Sprintf("signed: fixed by %s, its land and quota consumed", c.Where()),
			MessageZH: fmt.Sprintf("已签合同:按合同(%s@%s,%d 年)固定,占用其土地与指标", c.Proposal, c.Parcel, a.Year)})
		forced = false
	}
	if forced {
		a.Reasons = append(a.Reasons, planner.Reason{Rule: RuleForced, Clause: rules.Clause12, Verdict: planner.VerdictInfo,
			Message:   fmt.Sprintf("fixed before the run by plan.forced (%s@%s)", q.ID, x.ID),
			MessageZH: fmt.Sprintf("按预先确定的安排(已签合同)执行(%s@%s)", q.ID, x.ID)})
	}
	// The rules that admitted the pair: the proposal's and the parcel's
	// passes and remarks, then the pair rules'.
	for _, r := range b.qas[b.item[k]].Reasons {
		if r.Verdict != planner.VerdictFail {
			a.Reasons = append(a.Reasons, r)
		}
	}
	for _, r := range b.pas[b.parcel[k]].Reasons {
		if r.Verdict != planner.VerdictFail {
			a.Reasons = append(a.Reasons, r)
		}
	}
	a.Reasons = append(a.Reasons, pr.Reasons...)
	a.Reasons = append(a.Reasons, sc.Reasons...)
	a.Reasons = append(a.Reasons, d.Reasons...)

	// Runner-ups: the best other parcel for the project, the best other
	// project for the parcel, by value (ties by id).
	rp, rq := b.runnerUps(st, k)
	var en, zh []string
	if rp >= 0 {
		a.RunnerUp.Parcel, a.RunnerUp.ParcelScore, a.RunnerUp.ParcelValue = b.parcels[b.parcel[rp]].ID, b.scoreOf(rp).Score, b.value[rp]
		en = append(en, fmt.Sprintf("best other parcel for %s: %s (score %.4f, value %s)", q.ID, a.RunnerUp.Parcel, a.RunnerUp.ParcelScore, fmtValue(a.RunnerUp.ParcelValue)))
		zh = append(zh, fmt.Sprintf("%s 的次优地块:%s(得分 %.4f,目标值 %s)", q.ID, a.RunnerUp.Parcel, a.RunnerUp.ParcelScore, fmtValue(a.RunnerUp.ParcelValue)))
	} else {
		en = append(en, fmt.Sprintf("%s has no other eligible parcel", q.ID))
		zh = append(zh, fmt.Sprintf("%s 无其他可安排地块", q.ID))
	}
	if rq >= 0 {
		a.RunnerUp.Proposal, a.RunnerUp.ProposalScore, a.RunnerUp.ProposalValue = b.proposals[b.item[rq]].ID, b.scoreOf(rq).Score, b.value[rq]
		en = append(en, fmt.Sprintf("best other project for %s: %s (score %.4f, value %s)", x.ID, a.RunnerUp.Proposal, a.RunnerUp.ProposalScore, fmtValue(a.RunnerUp.ProposalValue)))
		zh = append(zh, fmt.Sprintf("%s 的次优项目:%s(得分 %.4f,目标值 %s)", x.ID, a.RunnerUp.Proposal, a.RunnerUp.ProposalScore, fmtValue(a.RunnerUp.ProposalValue)))
	} else {
		en = append(en, fmt.Sprintf("no other project may go on %s", x.ID))
		zh = append(zh, fmt.Sprintf("%s 无其他可安排项目", x.ID))
	}
	a.Reasons = append(a.Reasons, planner.Reason{Rule: RuleRunnerUp, Clause: rules.Clause12, Verdict: planner.VerdictInfo,
		Message: strings.Join(en, "; "), MessageZH: strings.Join(zh, ";")})
	return a
}

// runnerUps returns the best other pair of pair k's proposal and the
// best pair of another project on its parcel (-1 for none).
func (b *builder) runnerUps(st *state, k int) (rp, rq int) {
	if b.priced != nil {
		r := b.priced.runners[k]
		return r[0], r[1]
	}
	rp = b.bestOf(b.byItem[b.item[k]], func(o int) bool { return o != k })
	// Projects sharing the parcel are neighbours, not competitors.
	rq = b.bestOf(b.byParcel[b.parcel[k]], func(o int) bool {
		pk := st.placed[b.item[o]]
		return b.item[o] != b.item[k] && (pk < 0 || b.parcel[pk] != b.parcel[k])
	})
	return rp, rq
}

// bestOf returns the pair of highest value among ks that ok admits, ties
// going to the earlier (pairs are ordered by proposal and parcel id); -1
// when there is none.
func (b *builder) bestOf(ks []int, ok func(int) bool) int {
	best := -1
	for _, o := range ks {
		if ok(o) && (best < 0 || b.value[o] > b.value[best]) {
			best = o
		}
	}
	return best
}

// fmtValue formats a value: one decimal from 100 up, four digits below.
func fmtValue(v float64) string {
	if math.Abs(v) >= 100 {
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.4f", v)
}

// maxCompetitors is how many of an outcompeted proposal's best parcels
// are listed with the projects holding them.
const maxCompetitors = 3

// unallocated explains why proposal i is not placed.
func (b *builder) unallocated(st *state, i int, status assign.Status) Unallocated {
	q := &b.proposals[i]
	u := Unallocated{Proposal: q.ID, Name: q.Name, EligibleParcels: len(b.byItem[i])}
	ks := b.byItem[i]
	if len(ks) == 0 {
		u.Cause = CauseIneligible
		u.Reasons = b.ineligibleReasons(i)
		return u
	}
	positive := slices.ContainsFunc(ks, func(k int) bool { return b.value[k] > 0 })
	if !positive {
		u.Cause = CauseNoValue
		u.Reasons = append(u.Reasons, planner.Reason{Rule: RuleNoValue, Clause: rules.Clause12, Verdict: planner.VerdictInfo,
			Message:   fmt.Sprintf("eligible on %d parcel(s), but no pair has a positive value under the %s measure", len(ks), b.prof.Objective.Measure),
			MessageZH: fmt.Sprintf("可安排地块 %d 宗,但在“%s”目标下目标值均不为正", len(ks), policy.MeasureNameZH(b.prof.Objective.Measure))})
		return u
	}
	bl := b.blockage(st, ks)
	switch {
	case bl.allQuota:
		u.Cause = CauseQuota
		u.Reasons = append(u.Reasons, b.quotaReason(st, len(ks), bl))
	case bl.allBlocked:
		u.Cause = CauseOutcompeted
		u.Reasons = append(u.Reasons, b.outcompetedReason(st, &u, len(ks), bl))
	default:
		u.Cause = CauseTargetGap
		why, whyZH := "the target gap was proven", "已达到目标间隙"
		if status == assign.TimeLimit || status == assign.IterationLimit {
			u.Cause = CauseTimeLimit
			why, whyZH = "the solver's "+status.String()+" stopped the run", "求解达到"+map[assign.Status]string{assign.TimeLimit: "时间上限", assign.IterationLimit: "迭代上限"}[status]
		}
		u.Reasons = append(u.Reasons, planner.Reason{Rule: RuleNotPlaced, Clause: rules.Clause12, Verdict: planner.VerdictInfo,
			Message:   fmt.Sprintf("eligible on %d parcel(s) and a parcel could still take it, but %s before it was placed", len(ks), why),
			MessageZH: fmt.Sprintf("可安排地块 %d 宗且仍有地块可容纳,但%s,未予安排", len(ks), whyZH)})
	}
	return u
}

// ineligibleReasons says why proposal i is eligible on no parcel: the
// overall reason, its own failed checks, then how many parcels each rule
// excludes.
func (b *builder) ineligibleReasons(i int) []planner.Reason {
	var rs []planner.Reason
	for _, r := range b.qas[i].Reasons {
		if r.Verdict == planner.VerdictFail {
			rs = append(rs, r)
		}
	}
	avail := b.pool.Available()
	for _, c := range rules.RuleCounts(b.counts[i]) {
		rs = append(rs, planner.Reason{Rule: c.Rule, Clause: c.Clause, Verdict: planner.VerdictFail,
			Message:   fmt.Sprintf("%s excludes %d parcel(s) (%d available in the pool)", c.Rule, c.Parcels, avail),
			MessageZH: fmt.Sprintf("%s 排除 %d 宗地块(可供地块 %d 宗)", RuleNameZH(c.Rule), c.Parcels, avail)})
	}
	return append([]planner.Reason{{Rule: RuleIneligible, Clause: rules.Clause12, Verdict: planner.VerdictFail,
		Message:   fmt.Sprintf("not eligible on any of the %d available parcels", avail),
		MessageZH: fmt.Sprintf("%d 宗可供地块均不符合条件", avail)}}, rs...)
}

// blockage is what keeps a proposal's pairs of positive value out of the
// plan.
type blockage struct {
	allQuota   bool    // every pair needs more new-land quota or zone cap than is left
	allBlocked bool    // every pair is kept out by capacity or a side constraint
	minQuota   float64 // the least quota a pair needs
	quotaSide  string  // the side constraint that holds them
	capBlocked []int   // the pairs whose parcel is full
	quotaOnly  bool    // some pair is kept out by a side constraint alone
}

// blockage finds what keeps the pairs ks of positive value out.
func (b *builder) blockage(st *state, ks []int) blockage {
	bl := blockage{allQuota: true, allBlocked: true, minQuota: math.Inf(1)}
	for _, k := range ks {
		if b.value[k] <= 0 {
			continue
		}
		capacity, side := b.blocked(st, k)
		if b.quota[k] <= 0 || side == "" {
			bl.allQuota = false
		} else {
			bl.minQuota = math.Min(bl.minQuota, b.quota[k])
			bl.quotaSide = side
		}
		if capacity {
			bl.capBlocked = append(bl.capBlocked, k)
		} else if side != "" {
			bl.quotaOnly = true
		}
		if !capacity && side == "" {
			bl.allBlocked = false
		}
	}
	return bl
}

// quotaReason says that the quota or zone cap left is less than the
// proposal, eligible on n parcels, needs.
func (b *builder) quotaReason(st *state, n int, bl blockage) planner.Reason {
	quotaSide := bl.quotaSide
	s := slices.IndexFunc(b.side, func(c assign.Constraint) bool { return c.Name == quotaSide })
	left := math.Max(0, st.sideSlack[s])
	what, whatZH := quotaSide, quotaSide
	if y, ok := strings.CutPrefix(quotaSide, QuotaConstraint+"."); ok {
		what, whatZH = "the "+y+" new-land quota", y+" 年度新增建设用地指标"
	} else if z, ok := strings.CutPrefix(quotaSide, ZoneCapConstraint); ok {
		what, whatZH = "the zone cap of "+z, z+" 新增用地上限"
	}
	return planner.Reason{Rule: RuleQuotaUsed, Clause: rules.Clause12, Verdict: planner.VerdictInfo,
		Message: fmt.Sprintf("eligible on %d parcel(s), all new land; %s has %.2f mu left, less than the %.2f mu the project needs there at least",
			n, what, left, bl.minQuota),
		MessageZH: fmt.Sprintf("可安排地块 %d 宗,均为新增用地;%s 仅剩 %.2f 亩,少于项目所需的至少 %.2f 亩",
			n, whatZH, left, bl.minQuota)}
}

// outcompetedReason says which projects hold the best parcels of the
// proposal u, eligible on n parcels, and adds them to u's competitors.
func (b *builder) outcompetedReason(st *state, u *Unallocated, n int, bl blockage) planner.Reason {
	capBlocked := bl.capBlocked
	sort.SliceStable(capBlocked, func(x, y int) bool { return b.value[capBlocked[x]] > b.value[capBlocked[y]] })
	// Each of its best parcels with who holds it: one project, or
	// several sharing it (they hold it together, each with its own
	// land); what this proposal would need there and what it has.
	var names, namesZH []string
	for _, k := range capBlocked {
		if len(names) == maxCompetitors {
			break
		}
		en, zh := b.parcelHolders(st, u, k)
		names, namesZH = append(names, en), append(namesZH, zh)
	}
	extra, extraZH := "", ""
	if bl.quotaOnly {
		extra = fmt.Sprintf("; its other parcels are new land beyond what the %s quota leaves", strings.TrimPrefix(bl.quotaSide, QuotaConstraint+"."))
		extraZH = fmt.Sprintf(";其余地块为新增用地,超出 %s 年度剩余指标", strings.TrimPrefix(bl.quotaSide, QuotaConstraint+"."))
	}
	return planner.Reason{Rule: RuleOutcompeted, Clause: rules.Clause12, Verdict: planner.VerdictInfo,
		Message:   fmt.Sprintf("eligible on %d parcel(s), none left for it: %s%s; the whole plan is worth more with them placed", n, strings.Join(names, "; "), extra),
		MessageZH: fmt.Sprintf("可安排地块 %d 宗,均已安排其他项目:%s%s;整体方案安排上述项目目标值更高", n, strings.Join(namesZH, ";"), extraZH)}
}

// parcelHolders says, in English and Chinese, who holds the parcel of
// pair k and what is left of it, and adds the holders to u's competitors.
func (b *builder) parcelHolders(st *state, u *Unallocated, k int) (string, string) {
	j := b.parcel[k]
	var holders, holdersZH []string
	held := 0.0
	for _, o := range b.byParcel[j] {
		if st.placed[b.item[o]] == o {
			u.Competitors = append(u.Competitors, Competitor{Proposal: b.proposals[b.item[o]].ID, Parcel: b.parcels[j].ID,
				Score: b.scoreOf(o).Score, Value: b.value[o], WantedScore: b.scoreOf(k).Score, WantedValue: b.value[k]})
			holders = append(holders, fmt.Sprintf("%s (%.2f mu, score %.4f)", b.proposals[b.item[o]].ID, b.weight[o], b.scoreOf(o).Score))
			holdersZH = append(holdersZH, fmt.Sprintf("%s(%.2f 亩,得分 %.4f)", b.proposals[b.item[o]].ID, b.weight[o], b.scoreOf(o).Score))
			held += b.weight[o]
		}
	}
	left := b.pas[j].AreaMu - held
	switch len(holders) {
	case 0:
		return fmt.Sprintf("%s has %.2f mu, less than the %.2f mu it needs", b.parcels[j].ID, b.pas[j].AreaMu, b.weight[k]),
			fmt.Sprintf("%s 面积 %.2f 亩,小于所需 %.2f 亩", b.parcels[j].ID, b.pas[j].AreaMu, b.weight[k])
	case 1:
		return fmt.Sprintf("%s is held by %s, leaving %.2f mu of the %.2f mu it needs (its score there %.4f)", b.parcels[j].ID, holders[0], math.Max(0, left), b.weight[k], b.scoreOf(k).Score),
			fmt.Sprintf("%s 已安排给 %s,剩余 %.2f 亩,本项目需 %.2f 亩(本项目在该地块得分 %.4f)", b.parcels[j].ID, holdersZH[0], math.Max(0, left), b.weight[k], b.scoreOf(k).Score)
	}
	return fmt.Sprintf("%s is held by %s together, leaving %.2f mu of the %.2f mu it needs (its score there %.4f)", b.parcels[j].ID, strings.Join(holders, " and "), math.Max(0, left), b.weight[k], b.scoreOf(k).Score),
		fmt.Sprintf("%s 由 %s 共同使用,剩余 %.2f 亩,本项目需 %.2f 亩(本项目在该地块得分 %.4f)", b.parcels[j].ID, strings.Join(holdersZH, "和"), math.Max(0, left), b.weight[k], b.scoreOf(k).Score)
}

// investigate lists the parcels that only look like stock land.
func (b *builder) investigate() []Investigate {
	out := []Investigate{}
	for i := range b.pas {
		pa := &b.pas[i]
		if !pa.Investigate {
			continue
		}
		iv := Investigate{Parcel: pa.ID, Zone: b.parcels[i].Zone, Status: pa.Status, AreaMu: pa.AreaMu}
		for _, r := range pa.Reasons {
			if strings.HasPrefix(r.Rule, "stock.") {
				iv.Reasons = append(iv.Reasons, r)
			}
		}
		iv.Reasons = append(iv.Reasons, planner.Reason{Rule: RuleInvestigate, Clause: "12.2", Verdict: planner.VerdictInfo,
			Message:   "looks idle or inefficient but no test holds on the data given: investigate (dates, shares, current use) before it can be supplied",
			MessageZH: "疑似闲置或低效,但现有数据不满足认定条件:需核查(约定动工日期、开发与投资比例、现状利用)后方可供应"})
		out = append(out, iv)
	}
	return out
}

// totals sums the allocations and the pool.
func (b *builder) totals(p *Plan) Totals {
	t := Totals{Projects: len(p.Allocations), Rejected: len(p.Unallocated), QuotaMu: b.prof.Quota.NewLandMu, BySupplyMode: map[string]ModeTotal{},
		QuotaByYear: map[string]float64{}, NewLandByYear: map[string]float64{}, StockLandByYear: map[string]float64{}, ProjectsByYear: map[string]int{}}
	for _, y := range b.prof.HorizonYears() {
		t.StockLandByYear[strconv.Itoa(y)] = 0
		t.ProjectsByYear[strconv.Itoa(y)] = 0
	}
	for _, y := range b.years {
		q, _ := b.prof.QuotaFor(y)
		t.QuotaByYear[strconv.Itoa(y)] = q
		t.NewLandByYear[strconv.Itoa(y)] = 0
	}
	for _, a := range p.Allocations {
		if !a.Stock {
			if len(a.Phases) == 0 {
				t.NewLandByYear[strconv.Itoa(a.Year)] += a.AreaMu
			}
			for _, ph := range a.Phases {
				t.NewLandByYear[strconv.Itoa(ph.Year)] += ph.AreaMu
			}
		} else {
			t.StockLandByYear[strconv.Itoa(a.Year)] += a.AreaMu
		}
		t.ProjectsByYear[strconv.Itoa(a.Year)]++
		t.AllocatedMu += a.AreaMu
		t.NewLandMu += a.NewLandMu
		t.StockLandMu += a.StockMu
		t.PhaseReservedMu += a.AreaMu - a.NowMu
		t.Output += a.Output
		t.Tax += a.Tax
		t.Investment += a.Investment
		t.Jobs += a.Jobs
		t.FacilityMu += a.FacilityMu
		t.DormitoryMu += a.DormitoryMu
		t.RevenueYuan += a.PriceYuan + a.AnnualRentYuan
		m := t.BySupplyMode[a.SupplyMode]
		m.Count++
		m.AreaMu += a.AreaMu
		t.BySupplyMode[a.SupplyMode] = m
	}
	if t.QuotaMu > 0 {
		t.QuotaUsedShare = t.NewLandMu / t.QuotaMu
	}
	if t.AllocatedMu > 0 {
		t.OutputPerMu = t.Output / t.AllocatedMu
		t.TaxPerMu = t.Tax / t.AllocatedMu
		t.InvestmentPerMu = t.Investment / t.AllocatedMu
	}
	total := 0.0
	for i := range b.pas {
		total += b.pas[i].AreaMu
		if b.pas[i].Status == planner.StatusReserved {
			t.ReservedMu += b.pas[i].AreaMu
		}
	}
	if total > 0 {
		t.ReservedShare = t.ReservedMu / total
	}
	return t
}

// planReasons are the plan-level reasons, one per part of clause 12.
func (b *builder) planReasons(p *Plan, st *state) []planner.Reason {
	t := p.Totals
	r := func(rule, clause, en, zh string) planner.Reason {
		return planner.Reason{Rule: rule, Clause: clause, Verdict: planner.VerdictInfo, Message: en, MessageZH: zh}
	}
	var out []planner.Reason
	for s, y := range b.years {
		q := b.side[s].Capacity
		out = append(out, r(rules.RuleQuota, "12", fmt.Sprintf("%d: new land charged %.2f mu of the year's %.2f mu quota (%.1f%%), %.2f mu left", y, st.sideUsed[s], q, 100*safeDiv(st.sideUsed[s], q), st.sideSlack[s]),
			fmt.Sprintf("%d 年:计入新增用地 %.2f 亩,占该年度指标 %.2f 亩的 %.1f%%,剩余 %.2f 亩", y, st.sideUsed[s], q, 100*safeDiv(st.sideUsed[s], q), st.sideSlack[s])))
	}
	for s := len(b.years); s < len(b.side); s++ {
		c := b.side[s]
		z := strings.TrimPrefix(c.Name, ZoneCapConstraint)
		out = append(out, r(rules.RuleQuota, "12", fmt.Sprintf("zone cap of %s (%s): %.2f mu of %.2f mu used in %d", z, c.Name, st.sideUsed[s], c.Capacity, b.prof.PlanYear()),
			fmt.Sprintf("%s %d 年新增用地上限:已用 %.2f 亩,上限 %.2f 亩", z, b.prof.PlanYear(), st.sideUsed[s], c.Capacity)))
	}
	stockParcels := map[string]bool{}
	for _, a := range p.Allocations {
		if a.Stock {
			stockParcels[a.Parcel] = true
		}
	}
	first, firstZH := "off", "未启用"
	if b.prof.Stock.First {
		first, firstZH = fmt.Sprintf("on, bonus %.3f", b.prof.Stock.FirstBonus), fmt.Sprintf("启用,加 %.3f 分", b.prof.Stock.FirstBonus)
	}
	out = append(out, r(rules.RuleStock, "12.2", fmt.Sprintf("stock land (idle, inefficient) supplied now %.2f mu on %d parcel(s), outside the quota; stock-first %s", t.StockLandMu, len(stockParcels), first),
		fmt.Sprintf("盘活存量土地(闲置、低效)%.2f 亩,%d 宗,不占新增指标;存量优先:%s", t.StockLandMu, len(stockParcels), firstZH)))
	var modes, modesZH []string
	for _, m := range sortedKeys(t.BySupplyMode) {
		mt := t.BySupplyMode[m]
		modes = append(modes, fmt.Sprintf("%s %d (%.2f mu)", m, mt.Count, mt.AreaMu))
		modesZH = append(modesZH, fmt.Sprintf("%s %d 宗(%.2f 亩)", planner.SupplyModeNameZH(m), mt.Count, mt.AreaMu))
	}
	out = append(out, r(rules.RuleSupplyMode, "12.3", "supply modes: "+orNone(strings.Join(modes, ", "), "none"), "供地方式:"+orNone(strings.Join(modesZH, ","), "无")))
	if t.PhaseReservedMu > 0 {
		out = append(out, r(rules.RuleSupplyMode, "12.3", fmt.Sprintf("later phases of phased projects reserved: %.2f mu", t.PhaseReservedMu),
			fmt.Sprintf("分期供地项目后续各期预留用地 %.2f 亩", t.PhaseReservedMu)))
	}
	out = append(out, r(RuleObjective, "12.4", fmt.Sprintf("objective %s = %s, proven bound %s, gap %.4f%% (%s)", fmtValue(p.Objective), p.ObjectiveDef, fmtValue(p.Bound), 100*p.Gap, p.Status),
		fmt.Sprintf("目标值 %s = %s,上界 %s,间隙 %.4f%%(%s)", fmtValue(p.Objective), p.ObjectiveDefZH, fmtValue(p.Bound), 100*p.Gap, StatusNameZH(p.Status))))
	out = append(out, r(rules.RuleReserved, "12.5", fmt.Sprintf("public facility and infrastructure land kept: %.2f mu, %.1f%% of the pool, never allocated", t.ReservedMu, 100*t.ReservedShare),
		fmt.Sprintf("公共配套服务和基础设施保障用地 %.2f 亩,占地块总面积 %.1f%%,不予安排项目", t.ReservedMu, 100*t.ReservedShare)))
	out = append(out, r(rules.RuleFacilityDormitory, "12.6", fmt.Sprintf("dormitory-type affordable rental housing land: %.2f mu", t.DormitoryMu),
		fmt.Sprintf("宿舍型保障性租赁住房用地 %.2f 亩", t.DormitoryMu)))
	out = append(out, r(rules.RuleFacilityCap, "12.7", fmt.Sprintf("administrative-office and living-service facility land: %.2f mu (%.1f%% of the land allocated)", t.FacilityMu, 100*safeDiv(t.FacilityMu, t.AllocatedMu)),
		fmt.Sprintf("行政办公及生活服务设施用地 %.2f 亩(占供地面积 %.1f%%)", t.FacilityMu, 100*safeDiv(t.FacilityMu, t.AllocatedMu))))
	return out
}

func safeDiv(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
