package plan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/landplan/landplan/geo/subdivide"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// Input is what a planning run is made from.
type Input struct {
	// Parcels and Proposals are the land pool and the queue; ids must be
	// unique. Their order does not matter.
	Parcels   []planner.Parcel
	Proposals []planner.Proposal
	// Profile is the effective policy profile, the scenario's overrides
	// already applied (see ApplyScenario); nil means policy.Default().
	Profile *policy.Profile
	// Scenario names the scenario ("" for none) and Overrides lists its
	// key=value overrides; both are recorded in the plan.
	Scenario  string
	Overrides []string
	// Contracts are the signed allocations (CheckContracts): the run
	// fixes each, consuming its land and its years' quota.
	Contracts []Contract
	// Previous is the plan this run re-plans: among plans of the best
	// value within the target gap, the run prefers those that keep the
	// previous plan's tentative allocations (churnBonus), and the plan
	// lists every one it moves (Plan.Moves). Nil plans from nothing.
	Previous *Plan
}

// Settings control a run. A nil *Settings, or a zero field, means the
// documented default.
type Settings struct {
	// TimeLimit bounds the solver's wall time. Default DefaultTimeLimit.
	// A run stopped by it is reported with Status "time_limit" and may
	// differ from run to run; set IterationLimit for a reproducible stop.
	TimeLimit time.Duration
	// TargetGap stops the solver once (Bound − Objective)/Bound is at most
	// this. Default DefaultTargetGap (1e-6); negative asks for a proof of
	// optimality to 1e-9.
	TargetGap float64
	// MaxMemory, when positive, is the run's memory budget in bytes (the
	// Go runtime's memory, see assign.Settings.MaxMemory). Building the
	// model stops with a KindLimit error naming the budget when the
	// candidate pairs reach it, before anything is solved; the solver
	// stops at it with its best allocation and bound (Plan.Stopped
	// "memory_limit"). 0 means no budget.
	MaxMemory int64
	// IterationLimit bounds the solver's dual iterations; 0 means none.
	IterationLimit int
	// NodeLimit bounds the solver's branch-and-bound nodes; 0 means the
	// solver's default. A re-solve that verifies a flip uses
	// FlipNodeLimit when this is 0.
	NodeLimit int
	// Progress, when set, receives the solver's progress (see
	// assign.Settings.Progress).
	Progress func(assign.Progress)
	// ExportMPS, when set, receives the exact model solved, in free MPS
	// (assign.WriteMPS), before the solver runs.
	ExportMPS io.Writer
	// Lots tunes the subdivision of parcels into lots; nil means
	// subdivide's defaults (10 m frontage, 0.1% area tolerance).
	Lots *subdivide.Settings
	// Flips is how many re-solves the run may spend verifying
	// counterfactuals for the proposals it leaves out (Unallocated.Flip);
	// 0 means DefaultFlips (none above FlipMaxPairs candidate pairs, and
	// none in a programme of more than one year), a negative number none. The search is
	// deterministic: the same input and settings give the same flips.
	Flips int
	// WarmStart, when set, is a plan of a neighbouring run (a sweep's
	// previous point): its allocations that are still candidate pairs
	// and still fit start the solver (assign.SolveFrom), and its
	// multipliers start the solver's dual (its marginal values for the
	// side rows, its RootItemDuals for the proposals' rows:
	// assign.Settings.WarmSide, WarmItems); the plan then records its own
	// RootItemDuals. The verifying re-solves of flips start cold.
	WarmStart *Plan
	// RecordDuals makes the plan record its RootItemDuals without a warm
	// start too: a sweep's points do (the first one included, so that the
	// second starts from all of its multipliers), and `plan` does for a
	// sweep point's scenario, so that it makes the sweep's plan.
	RecordDuals bool
}

// DefaultFlips is the default budget of verifying re-solves of a run: the
// proposals nearest to a place are searched first.
const DefaultFlips = 16

// FlipMaxPairs is the model size (candidate pairs) above which a run
// searches no flips unless Settings.Flips asks for them: each re-solve
// costs a whole solve.
const FlipMaxPairs = 50_000

// FlipNodeLimit bounds the branch-and-bound nodes of a verifying re-solve
// when Settings.NodeLimit is 0, so that the search is deterministic and
// bounded whatever the machine's speed.
const FlipNodeLimit = 500

// DefaultTargetGap is the proven relative gap at which a run stops by
// default: 10⁻⁶, proven optimality up to the rounding of a planner's
// figures, or the time limit, whichever comes first (the optimiser's own
// default, assign.DefaultTargetGap).
const DefaultTargetGap = assign.DefaultTargetGap

// DefaultTimeLimit is the default solver time limit of a run.
const DefaultTimeLimit = 60 * time.Second

// tieBreak weighs the score in the value of the output and tax measures:
// value = figure × (1 + tieBreak·score), so that among the parcels of one
// project the better scored is preferred, while the figure still decides
// between projects (a score moves a value by at most about 1%).
const tieBreak = 0.01

// QuotaConstraint is the name prefix of a year's new-land quota side
// constraint in the model, in infeasibility errors and in the MPS file's
// comments: "quota.new_land.2026".
const QuotaConstraint = "quota.new_land"

// deliveryTieBreak makes the delivery measure strictly decreasing in the
// land a project takes at equal score: value = score / (1 + 10⁻⁶·亩), a
// change far below any score difference the figures give (a 1000-亩
// project loses 0.1% of its value), so that of two projects equal in
// everything else the one taking less land is worth more (12.4).
const deliveryTieBreak = 1e-6

// ZoneCapConstraint is the name prefix of a zone cap side constraint:
// "quota.zone_caps.<zone>".
const ZoneCapConstraint = "quota.zone_caps."

// Run makes a plan: it assesses the parcels and proposals under the
// profile, builds the candidate pairs with rules' cheap pre-filter
// (rules.LandPool, without reasons), scores them (rules.ScorePairsLean),
// takes each pair's land supplied now from its supply
// (rules.SupplyFigures), solves the allocation model with package assign
// and builds the plan: allocations with their explanations (the pair's
// rules, score breakdown and supply reasons, made for the allocated pairs
// only: rules.AssessPair, rules.Scoring.Explain, rules.Supply),
// unallocated proposals with their causes, lots and totals.
//
// The model: items are the proposals, bins the available parcels with
// capacity = parcel area (亩); a pair's weight is the land the project
// takes on the parcel (a phased project takes its whole area: the later
// phases are reserved on the same parcel); side constraint QuotaConstraint
// bounds Σ land supplied now on new land (phase 1 only for a phased
// supply) by quota.new_land_mu, and each quota.zone_caps entry bounds the
// same sum within its zone; plan.forced pairs are forced. A pair's value is
// by objective.measure: score × 亩 taken (score_area), the score (score),
// or the project's output or tax × (1 + 0.01·score) (output, tax).
// Stock-first acts through the score's stock bonus (rules.ScorePairs).
//
// Errors: a profile that does not validate, duplicate ids or a bad forced
// pair are KindInvalid; forced pairs that break a constraint are
// KindInfeasible naming it; a parcel that cannot be cut into its lots
// fails the run naming the parcel. Run does not read the clock into the
// plan: the same input and settings give the same plan, byte for byte,
// unless the time limit stops the solver.
func Run(ctx context.Context, in Input, s *Settings) (*Plan, error) {
	start := time.Now()
	set := s.withDefaults()
	b, res, err := solveRun(ctx, in, set)
	var pn *pricingNeeded
	if errors.As(err, &pn) {
		return b.runPriced(ctx, set, start, pn.limit)
	}
	if err != nil {
		return nil, err
	}
	prof := b.prof
	dc := b.applyDominance(res)
	p, err := b.build(res, set)
	if err != nil {
		return nil, err
	}
	p.Dominance = dc
	p.Reasons = append(p.Reasons, dominanceReason(dc, prof.Objective.Measure))
	p.Marginal = b.marginalValues(res)
	if set.WarmStart != nil {
		p.WarmStart = set.WarmStart.ContentSHA256
	}
	if set.WarmStart != nil || set.RecordDuals {
		p.RootItemDuals = b.rootItems(res)
	}
	if err := b.flips(ctx, in, set, p); err != nil {
		return nil, err
	}
	if p.ContentSHA256, err = ContentSHA256(p); err != nil {
		return nil, err
	}
	p.Solver.Elapsed = time.Since(start)
	return p, nil
}

// solveRun assesses the input, builds the model and solves it: a run up
// to the solver's result, without the plan built from it.
func solveRun(ctx context.Context, in Input, set Settings) (*builder, *assign.Result, error) {
	prof := in.Profile
	if prof == nil {
		prof = policy.Default()
	}
	if ds := prof.Validate(); hasErrors(ds) {
		return nil, nil, &planner.Error{Kind: planner.KindInvalid, Msg: "plan: the policy profile is not valid", MsgZH: "规划：政策配置无效", Diagnostics: ds}
	}
	b, err := newBuilder(prof, in)
	if err != nil {
		return nil, nil, err
	}
	b.mem.budget = set.MaxMemory
	b.mem.start()
	if err := b.phaseYears(); err != nil {
		return nil, nil, err
	}
	if err := b.assess(); err != nil {
		return b, nil, b.priceOr(err, set)
	}
	b.gap = set.TargetGap
	prob, err := b.model()
	if err != nil {
		return nil, nil, err
	}
	if err := b.mem.check(len(b.proposals), len(b.proposals), b.nPairs(), 0); err != nil {
		return b, nil, b.priceOr(err, set)
	}
	if set.ExportMPS != nil {
		if err := assign.WriteMPS(set.ExportMPS, prob); err != nil {
			return nil, nil, fmt.Errorf("plan: writing the model as MPS: %w", err)
		}
	}
	gap := set.TargetGap
	if b.bonus > 0 && gap > 0 {
		// Half the gap for the solver, half for the churn term.
		gap /= 2
	}
	began := time.Now()
	start := b.warmStart(set.WarmStart)
	if start == nil {
		start = b.programmeStart(ctx, prob, set, gap)
		b.startValue = b.objectiveOf(start)
	}
	res, err := assign.SolveFrom(ctx, prob, &assign.Settings{
		TimeLimit:      max(set.TimeLimit-time.Since(began), time.Millisecond),
		TargetGap:      gap,
		IterationLimit: set.IterationLimit,
		NodeLimit:      set.NodeLimit,
		MaxMemory:      set.MaxMemory,
		Progress:       set.Progress,
		StartPrices:    b.startPrices,
		KeepStart:      b.startPrices != nil,
		WarmSide:       b.warmSide(set.WarmStart),
		WarmItems:      b.warmItems(set.WarmStart),
	}, start)
	if err != nil {
		return nil, nil, fmt.Errorf("plan: solving the allocation model: %w", err)
	}
	if res.Status == assign.Infeasible {
		return nil, nil, b.infeasible(res.Infeasible)
	}
	if b.bonus > 0 {
		// The plan reports its value without the churn term; the bound
		// of the model with it bounds the value without it too.
		res.Objective = b.objectiveOf(res.Chosen)
		if res.Bound > 0 {
			res.Gap = max(0, (res.Bound-res.Objective)/res.Bound)
		}
	}
	return b, res, nil
}

func (s *Settings) withDefaults() Settings {
	var r Settings
	if s != nil {
		r = *s
	}
	if r.TimeLimit <= 0 {
		r.TimeLimit = DefaultTimeLimit
	}
	if r.TargetGap == 0 {
		r.TargetGap = DefaultTargetGap
	}
	return r
}

func hasErrors(ds []planner.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == planner.SeverityError {
			return true
		}
	}
	return false
}

// builder holds a run's state.
type builder struct {
	prof      *policy.Profile
	in        Input
	parcels   []planner.Parcel   // by id
	proposals []planner.Proposal // by id

	pas    []rules.ParcelAssessment
	qas    []rules.ProposalAssessment
	pool   *rules.LandPool
	counts []map[string]int // per proposal: parcels excluded per rule

	// pairs are lean (rules.LandPool.AppendPairs without full): figures
	// and criteria values, no reasons; scores have no breakdown or reasons
	// (rules.ScorePairsLean). The pairs a plan reports are explained again
	// in full (allocation). pairs and scores are the assessed (proposal,
	// parcel) pairs; item, parcel, value and the other per-pair slices are
	// the model's pairs, a programme's year copies of each assessed pair
	// (base, year; pairOf, scoreOf, chargesOf).
	pairs   []rules.PairAssessment
	item    []int // pair → proposal index
	parcel  []int // pair → parcel index
	scores  []rules.PairScore
	scoring rules.Scoring
	value   []float64
	weight  []float64
	nowMu   []float64 // land supplied now
	quota   []float64 // quota use in the planning year (nowMu on new land)
	years   []int     // the years with a quota, ascending (planning year first)

	byItem   [][]int // proposal → its pairs
	byParcel [][]int // parcel → its pairs
	bin      []int   // parcel → bin index, -1 when no pair
	binPar   []int   // bin → parcel index
	side     []assign.Constraint
	// startPrices are the prices of the programme's start models
	// (programmeStart), where the optimiser's first phase starts.
	startPrices *assign.Prices
	// pairSides lists, per pair, the side constraints it uses; built on
	// first use by sideOf, or pair by pair as a priced run holds them.
	pairSides *pairTerms
	forced    []int
	// base and year give, per pair, the (proposal, parcel) pair it was
	// made from and its year in the programme (expandYears).
	base []int
	year []int
	// signed maps the pairs fixed by signed contracts to their contract;
	// keep marks the pairs that keep a tentative allocation of the
	// previous plan; bonus is the churn term added to their value in the
	// model; gap the run's target gap.
	signed map[int]Contract
	keep   map[int]bool
	bonus  float64
	gap    float64
	// startValue is the value of the programme's year-by-year start
	// (programmeStart), 0 when the solver started without one.
	startValue float64
	// solved is the state of the allocation the plan was built from.
	solved *state
	// mem keeps the building of the model within the run's memory budget.
	mem memoryGuard
	// priced is the state of a run whose pairs are priced, not held
	// (runPriced); nil for a run that holds them.
	priced *pricing
}

func newBuilder(prof *policy.Profile, in Input) (*builder, error) {
	b := &builder{prof: prof, in: in, parcels: slices.Clone(in.Parcels), proposals: slices.Clone(in.Proposals)}
	sort.SliceStable(b.parcels, func(i, j int) bool { return b.parcels[i].ID < b.parcels[j].ID })
	sort.SliceStable(b.proposals, func(i, j int) bool { return b.proposals[i].ID < b.proposals[j].ID })
	var ds []planner.Diagnostic
	for i := 1; i < len(b.parcels); i++ {
		if b.parcels[i].ID == b.parcels[i-1].ID {
			ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "plan.duplicate_id", Location: "parcels", ID: b.parcels[i].ID, Message: "parcel id given twice"})
		}
	}
	for i := 1; i < len(b.proposals); i++ {
		if b.proposals[i].ID == b.proposals[i-1].ID {
			ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "plan.duplicate_id", Location: "proposals", ID: b.proposals[i].ID, Message: "proposal id given twice"})
		}
	}
	if len(ds) > 0 {
		return nil, &planner.Error{Kind: planner.KindInvalid, Msg: "plan: duplicate ids in the input", Diagnostics: ds}
	}
	return b, nil
}

// assess runs the rules: parcels, proposals, the pre-filtered pairs, their
// scores, supplies and values.
func (b *builder) assess() error {
	p := b.prof
	b.pas = make([]rules.ParcelAssessment, len(b.parcels))
	ptrs := make([]*rules.ParcelAssessment, len(b.parcels))
	unavailable := map[string]int{}
	for i := range b.parcels {
		b.pas[i] = rules.AssessParcel(p, b.parcels[i])
		ptrs[i] = &b.pas[i]
		if !b.pas[i].Available {
			for _, r := range b.pas[i].Reasons {
				if r.Verdict == planner.VerdictFail {
					unavailable[r.Rule]++
				}
			}
		}
	}
	b.pool = rules.NewLandPool(ptrs)
	b.qas = make([]rules.ProposalAssessment, len(b.proposals))
	b.counts = make([]map[string]int, len(b.proposals))
	b.byItem = make([][]int, len(b.proposals))
	var at []int32
	var tmp []rules.PairAssessment
	var keys []uint64
	for i := range b.proposals {
		b.qas[i] = rules.AssessProposal(p, b.proposals[i])
		b.counts[i] = map[string]int{}
		for r, n := range unavailable {
			b.counts[i][r] = n
		}
		if err := b.mem.check(i, len(b.proposals), len(b.pairs), cap(b.pairs)); err != nil {
			return err
		}
		if i == presizeAt(len(b.proposals)) {
			b.presize(i)
		}
		from := len(b.pairs)
		b.pairs, at = b.pool.AppendPairsAt(b.pairs, at[:0], p, &b.qas[i], b.counts[i])
		tmp, keys = b.orderPairs(i, from, at, tmp, keys)
	}

	sc, err := rules.ScorePairsLean(p, b.pairs)
	if err != nil {
		return &planner.Error{Kind: planner.KindInvalid, Msg: "plan: scoring the pairs", Err: err}
	}
	b.scoring, b.scores = sc, sc.Pairs
	b.expandYears()
	b.pairFigures()
	return nil
}

// pairFigures works out each model pair's weight, land supplied now,
// planning-year quota use and value, and indexes the pairs by proposal
// and by parcel.
func (b *builder) pairFigures() {
	p := b.prof
	n := b.nPairs()
	b.value = make([]float64, n)
	b.weight = make([]float64, n)
	b.nowMu = make([]float64, n)
	b.quota = make([]float64, n)
	b.byParcel = make([][]int, len(b.parcels))
	planYear := p.PlanYear()
	// A programme's year copies of a pair share its phases and value
	// before the year's discount: worked out once per pair.
	base, nowMu, value, factor := -1, 0.0, 0.0, map[int]float64{}
	b.presizeIndex()
	for k := range b.item {
		pr := b.pairOf(k)
		b.weight[k] = math.Min(pr.AllocatedMu, b.pas[b.parcel[k]].AreaMu)
		if b.base[k] != base {
			base = b.base[k]
			nowMu, value = rules.PhaseSplit(p, &b.proposals[b.item[k]], pr.AllocatedMu)[0].AreaMu, b.valueOf(k)
		}
		b.nowMu[k] = nowMu
		charges, d := b.chargesOf(k)
		for _, ch := range charges {
			if ch.Year+d == planYear {
				b.quota[k] += ch.AreaMu
			}
		}
		f, ok := factor[b.year[k]]
		if !ok {
			f = b.yearFactor(b.year[k])
			factor[b.year[k]] = f
		}
		b.value[k] = value * f
		b.byItem[b.item[k]] = append(b.byItem[b.item[k]], k)
		b.byParcel[b.parcel[k]] = append(b.byParcel[b.parcel[k]], k)
	}
}

// termsPerYear counts the model's pairs that charge each year's quota.
func (b *builder) termsPerYear() map[int]int {
	n := map[int]int{}
	for k := range b.item {
		charges, d := b.chargesOf(k)
		for _, ch := range charges {
			if ch.AreaMu > 0 {
				n[ch.Year+d]++
			}
		}
	}
	return n
}

// presizeIndex gives each proposal's and each parcel's list of pairs
// (byItem, byParcel) the room its pairs take, counted first.
func (b *builder) presizeIndex() {
	nItem, nParcel := make([]int32, len(b.proposals)), make([]int32, len(b.parcels))
	for k, i := range b.item {
		nItem[i]++
		nParcel[b.parcel[k]]++
	}
	for i, n := range nItem {
		b.byItem[i] = slices.Grow(b.byItem[i], int(n))
	}
	for j, n := range nParcel {
		b.byParcel[j] = slices.Grow(b.byParcel[j], int(n))
	}
}

// presizeAt is the number of proposals assessed when the pair arrays are
// sized for all of them: where the memory guard starts projecting the
// model's memory (minProjected), and never 0.
func presizeAt(total int) int {
	return max(1, int(math.Ceil(minProjected*float64(total))))
}

// presize grows the pair arrays once, after done proposals, to the pairs
// those proposals project for all of them and an eighth more. Appended to
// without it, the arrays are copied again and again as they grow by a
// quarter, each time into fresh memory: a tenth of a large one-year run's
// CPU (BENCHMARKS.md §2). The memory guard counts the room left as
// neither used nor to be projected.
func (b *builder) presize(done int) {
	want := len(b.pairs) * len(b.proposals) / done
	want += want / 8
	if want <= cap(b.pairs) {
		return
	}
	b.pairs = slices.Grow(b.pairs, want-len(b.pairs))
	b.item = slices.Grow(b.item, want-len(b.item))
	b.parcel = slices.Grow(b.parcel, want-len(b.parcel))
}

// orderPairs puts proposal i's pairs, b.pairs[from:] (at: each one's
// parcel index, as the pool gives them), in parcel order, that is by
// parcel id, and records their proposal and parcel; the pairs are then
// ordered by proposal, then parcel id. tmp and keys are scratch space,
// returned for the next call.
func (b *builder) orderPairs(i, from int, at []int32, tmp []rules.PairAssessment, keys []uint64) ([]rules.PairAssessment, []uint64) {
	keys = keys[:0]
	for k, j := range at {
		keys = append(keys, uint64(j)<<32|uint64(k))
	}
	if !slices.IsSorted(keys) {
		slices.Sort(keys)
		tmp = append(tmp[:0], b.pairs[from:]...)
		for n, key := range keys {
			b.pairs[from+n] = tmp[uint32(key)]
		}
	}
	for _, key := range keys {
		b.item = append(b.item, i)
		b.parcel = append(b.parcel, int(key>>32))
	}
	return tmp, keys
}

// valueOf is the pair's value under the profile's measure.
func (b *builder) valueOf(k int) float64 {
	return b.pairValue(b.scoreOf(k).Score, &b.proposals[b.item[k]], b.pairOf(k).AllocatedMu)
}

// pairValue is the value under the profile's measure of a pair of score
// s of proposal q taking allocatedMu.
func (b *builder) pairValue(s float64, q *planner.Proposal, allocatedMu float64) float64 {
	switch b.prof.Objective.Measure {
	case policy.MeasureDelivery:
		return s / (1 + deliveryTieBreak*allocatedMu)
	case policy.MeasureScore:
		return s
	case policy.MeasureOutput:
		return q.Output * (1 + tieBreak*s)
	case policy.MeasureTax:
		return q.Tax * (1 + tieBreak*s)
	}
	return s * allocatedMu
}

// model builds the assignment problem.
func (b *builder) model() (*assign.Problem, error) {
	prob := &assign.Problem{Items: len(b.proposals), ItemNames: make([]string, len(b.proposals))}
	for i, q := range b.proposals {
		prob.ItemNames[i] = q.ID
	}
	b.bin = make([]int, len(b.parcels))
	for j := range b.parcels {
		b.bin[j] = -1
		if len(b.byParcel[j]) > 0 {
			b.bin[j] = len(prob.Bins)
			b.binPar = append(b.binPar, j)
			prob.Bins = append(prob.Bins, assign.Bin{Name: b.parcels[j].ID, Capacity: b.pas[j].AreaMu})
		}
	}
	prob.Pairs = make([]assign.Pair, b.nPairs())
	for k := range prob.Pairs {
		prob.Pairs[k] = assign.Pair{Item: b.item[k], Bin: b.bin[b.parcel[k]], Value: b.value[k], Weight: b.weight[k]}
	}
	signed, err := b.contractPairs()
	if err != nil {
		return nil, err
	}
	b.bonus, b.keep = b.churnBonus(b.gap)
	for k := range b.keep {
		prob.Pairs[k].Value += b.bonus
	}
	// One quota row per year: each phase counts against the year it is
	// released (12.3), so that phasing never takes land outside a quota.
	b.years = b.prof.QuotaYears()
	perYear := b.termsPerYear()
	for _, y := range b.years {
		q, _ := b.prof.QuotaFor(y)
		c := assign.Constraint{Name: fmt.Sprintf("%s.%d", QuotaConstraint, y), Capacity: q, Terms: make([]assign.Term, 0, perYear[y])}
		for k := range prob.Pairs {
			charges, d := b.chargesOf(k)
			for _, ch := range charges {
				if ch.Year+d == y && ch.AreaMu > 0 {
					c.Terms = append(c.Terms, assign.Term{Pair: k, Coef: ch.AreaMu})
				}
			}
		}
		b.side = append(b.side, c)
	}
	zones := make([]string, 0, len(b.prof.Quota.ZoneCaps))
	for z := range b.prof.Quota.ZoneCaps {
		zones = append(zones, z)
	}
	sort.Strings(zones)
	for _, z := range zones {
		c := assign.Constraint{Name: ZoneCapConstraint + z, Capacity: b.prof.Quota.ZoneCaps[z]}
		for k := range prob.Pairs {
			if b.quota[k] > 0 && b.parcels[b.parcel[k]].Zone == z {
				c.Terms = append(c.Terms, assign.Term{Pair: k, Coef: b.quota[k]})
			}
		}
		b.side = append(b.side, c)
	}
	prob.Side = b.side
	b.strengthen(prob)
	forced, err := b.forcedPairs()
	if err != nil {
		return nil, err
	}
	for _, k := range signed {
		if !slices.Contains(forced, k) {
			forced = append(forced, k)
		}
	}
	b.forced = forced
	prob.Forced = forced
	return prob, nil
}

// forcedPairs resolves plan.forced to pair indices.
func (b *builder) forcedPairs() ([]int, error) {
	fps, err := b.prof.ForcedPairs()
	if err != nil {
		return nil, planner.Errorf(planner.KindInvalid, "plan: %w", err)
	}
	var out []int
	var ds []planner.Diagnostic
	for n, f := range fps {
		where := fmt.Sprintf("plan.forced item %d", n+1)
		qi := sort.Search(len(b.proposals), func(i int) bool { return b.proposals[i].ID >= f.Proposal })
		xi := sort.Search(len(b.parcels), func(i int) bool { return b.parcels[i].ID >= f.Parcel })
		switch {
		case qi == len(b.proposals) || b.proposals[qi].ID != f.Proposal:
			ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "plan.forced", Location: where, ID: f.Proposal, Property: "plan.forced", Message: "no such proposal"})
			continue
		case xi == len(b.parcels) || b.parcels[xi].ID != f.Parcel:
			ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "plan.forced", Location: where, ID: f.Parcel, Property: "plan.forced", Message: "no such parcel"})
			continue
		}
		k := slices.IndexFunc(b.byItem[qi], func(k int) bool { return b.parcel[k] == xi })
		if k < 0 {
			pr := rules.AssessPair(b.prof, &b.pas[xi], &b.qas[qi])
			var why []string
			for _, r := range pr.Reasons {
				if r.Verdict == planner.VerdictFail {
					why = append(why, r.Rule+": "+r.Message)
				}
			}
			ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "plan.forced", Location: where, ID: f.Proposal + "@" + f.Parcel, Property: "plan.forced",
				Message: "the rules do not allow this allocation: " + strings.Join(why, "; ")})
			continue
		}
		out = append(out, b.byItem[qi][k])
	}
	if len(ds) > 0 {
		return nil, &planner.Error{Kind: planner.KindInvalid, Msg: "plan: forced allocations refused", Diagnostics: ds}
	}
	return out, nil
}

// infeasible turns the solver's conflict into a KindInfeasible error
// naming the constraint in the planner's terms.
func (b *builder) infeasible(c *assign.Conflict) error {
	if c == nil {
		return planner.Errorf(planner.KindInfeasible, "plan: the forced allocations (plan.forced) cannot all be made")
	}
	what := c.Constraint
	for k, s := range b.side {
		if strings.HasPrefix(c.Constraint, fmt.Sprintf("side constraint %d ", k)) {
			switch {
			case strings.HasPrefix(s.Name, QuotaConstraint+"."):
				what = fmt.Sprintf("the new-land quota of %s (%s, %.2f mu)", strings.TrimPrefix(s.Name, QuotaConstraint+"."), s.Name, s.Capacity)
			default:
				what = fmt.Sprintf("the zone cap %s (%.2f mu)", s.Name, s.Capacity)
			}
		}
	}
	for bi, j := range b.binPar {
		if strings.HasPrefix(c.Constraint, fmt.Sprintf("bin %d ", bi)) {
			what = fmt.Sprintf("the area of parcel %s (%.2f mu)", b.parcels[j].ID, b.pas[j].AreaMu)
		}
	}
	for i, q := range b.proposals {
		if strings.HasPrefix(c.Constraint, fmt.Sprintf("item %d ", i)) {
			what = fmt.Sprintf("one parcel per proposal (%s is forced onto two parcels)", q.ID)
		}
	}
	return &planner.Error{Kind: planner.KindInfeasible, Msg: fmt.Sprintf("plan: the forced allocations (plan.forced) break %s: %s", what, c.Detail)}
}

// phaseYears refuses a run in which a phased proposal would release a
// phase in a year without a new-land quota: every phase must count against
// some year's quota (12.3). The error names the proposal, the phase and
// the year, and the key that gives the year a quota.
func (b *builder) phaseYears() error {
	var ds []planner.Diagnostic
	for i := range b.proposals {
		q := &b.proposals[i]
		for _, ph := range rules.PhaseSplit(b.prof, q, q.AreaMu) {
			if _, ok := b.prof.QuotaFor(ph.Year); !ok {
				ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "plan.phase_year", Location: "proposals", ID: q.ID, Property: fmt.Sprintf("quota.by_year.%d", ph.Year),
					Message:   fmt.Sprintf("phase %d of %d would be released in %d, a year without a new-land quota: set quota.by_year.%d (or fewer phases, or a shorter supply.phased.reserve_years)", ph.Index, q.Phases, ph.Year, ph.Year),
					MessageZH: fmt.Sprintf("第 %d 期（共 %d 期）将在 %d 年供地，该年度没有新增建设用地指标：请设置 quota.by_year.%d（或减少分期，或缩短 supply.phased.reserve_years）", ph.Index, q.Phases, ph.Year, ph.Year)})
				break
			}
		}
	}
	if len(ds) > 0 {
		return &planner.Error{Kind: planner.KindInvalid, Msg: "plan: phases released in years without a new-land quota", MsgZH: "规划：有分期在没有新增建设用地指标的年度供地", Diagnostics: ds}
	}
	return nil
}
