package plan

import (
	"time"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/rules"
)

// Plan is the outcome of a planning run (docs/product.md, "The plan"): an immutable value
// that records what it was built from (the SHA-256 of its inputs and
// policy), what it decided and why. Run fills everything but ID and
// Created, which the caller or the store sets.
type Plan struct {
	// ID is the plan's id, set by the store ("" before it is stored).
	ID string `json:"plan"`
	// Scenario names the scenario whose overrides were applied ("" for
	// the base profile).
	Scenario string `json:"scenario"`
	// Created is when the plan was made, set by the caller or the store
	// (Run leaves it "", so that Run is pure).
	Created string `json:"created"`
	// InputsSHA256 is the hex SHA-256 of the canonical encoding of the
	// parcels and proposals (see InputsSHA256).
	InputsSHA256 string `json:"inputs_sha256"`
	// PolicySHA256 is the effective profile's SHA256().
	PolicySHA256 string `json:"policy_sha256"`
	// ContentSHA256 is the hex SHA-256 of the plan's canonical JSON with
	// ID, Created and ContentSHA256 itself blank: two plans with the same
	// content hash decided the same thing for the same reasons.
	ContentSHA256 string `json:"content_sha256"`
	// Overrides are the scenario's key=value overrides, in order.
	Overrides []string `json:"overrides"`
	// AsOf is the planning date of the profile.
	AsOf string `json:"as_of"`
	// WarmStart is the ContentSHA256 of the plan whose allocations
	// started the solver (Settings.WarmStart; a sweep's previous point),
	// "" for a cold start: with the inputs and the policy it determines
	// the plan.
	WarmStart string `json:"warm_start,omitempty"`

	// Objective is the value of the allocation under the plan's measure;
	// Bound a proven upper bound on that value for this instance; Gap
	// (Bound − Objective)/Bound.
	Objective float64 `json:"objective"`
	Bound     float64 `json:"bound"`
	Gap       float64 `json:"gap"`
	// Measure is the profile's objective.measure; ObjectiveDef and
	// ObjectiveDefZH say in words what the objective measures.
	Measure        string `json:"measure"`
	ObjectiveDef   string `json:"objective_def"`
	ObjectiveDefZH string `json:"objective_def_zh"`
	// Status is how the solver ended: "optimal", "gap_reached",
	// "time_limit" or "iteration_limit".
	Status string `json:"status"`
	// Stopped says why the solver stopped: "optimal" (proven optimal, gap
	// below 1e-9), "gap_reached" (the target gap proven), "time_limit",
	// "interrupted" (the run was cancelled), "iteration_limit",
	// "node_limit" or "memory_limit" (the run's memory budget). Text output
	// words it with the target gap or the time limit (StoppedText).
	Stopped string `json:"stopped"`
	// Solver holds the solver's statistics.
	Solver Stats `json:"solver"`
	// Scoring summarises how pairs were scored.
	Scoring Scoring `json:"scoring"`

	// Totals are the plan's totals and indicators.
	Totals Totals `json:"totals"`
	// Allocations are the allocations, by proposal id.
	Allocations []Allocation `json:"allocations"`
	// Unallocated are the proposals not placed, by proposal id, each with
	// why.
	Unallocated []Unallocated `json:"unallocated"`
	// Lots are the lots cut from the parcels that carry allocations, by
	// parcel id and then lot number.
	Lots []Lot `json:"lots"`
	// Investigate lists the parcels that only look idle or inefficient:
	// not allocated, for the bureau to investigate (12.2).
	Investigate []Investigate `json:"investigate"`
	// Years are the years of the programme the run decided (plan.as_of's
	// year to plan.horizon_end); one year for a one-year plan.
	Years []int `json:"years"`
	// Contracts counts the signed contracts the run kept fixed.
	Contracts int `json:"contracts"`
	// Previous is the id of the plan this run re-planned ("" for none);
	// Kept counts that plan's tentative allocations this plan keeps and
	// Moves lists every one it changes, with why.
	Previous string `json:"previous,omitempty"`
	Kept     int    `json:"kept,omitempty"`
	Moves    []Move `json:"moves,omitempty"`
	// Dominance is the check of the 12.4 invariant on this plan.
	Dominance DominanceCheck `json:"dominance"`
	// Marginal are the marginal values of the quota rows and zone caps
	// (MarginalValue), in the order of the model's rows.
	Marginal []MarginalValue `json:"marginal_values,omitempty"`
	// RootItemDuals are the solver's root multipliers of the proposals'
	// rows (one parcel at most per proposal), by proposal id, the positive
	// ones; recorded only by a warm-started run (WarmStart set) and by
	// the points of a sweep (Settings.RecordDuals). With Marginal they
	// start the dual of a run
	// warm-started from this plan (Settings.WarmStart), so that such a run
	// is the same whether it follows this plan in a sweep or is made
	// alone with `plan --warm-start`.
	RootItemDuals map[string]float64 `json:"root_item_duals,omitempty"`
	// Reasons are the plan-level reasons: quota use (12), stock land
	// (12.2), supply modes (12.3), the objective (12.4), reserved public
	// facility land (12.5), dormitories (12.6) and facility land (12.7).
	Reasons []planner.Reason `json:"reasons"`
}

// Investigate is a parcel that only looks like stock land: status idle or
// inefficient without a test that holds at the planning date, or land in
// use whose figures meet a test.
type Investigate struct {
	Parcel string         `json:"parcel"`
	Zone   string         `json:"zone,omitempty"`
	Status planner.Status `json:"status"`
	AreaMu float64        `json:"area_mu"`
	// Reasons say what the data show and what is missing.
	Reasons []planner.Reason `json:"reasons"`
}

// DominanceCheck is the check of the 12.4 invariant: no proposal that
// dominates another (Dominates) is left out while the dominated one is
// placed on a parcel it could have taken instead.
type DominanceCheck struct {
	// Pairs is the number of (placed, unplaced) proposal pairs compared on
	// the placed one's parcel.
	Pairs int `json:"pairs"`
	// Breaks are the breaks the solved allocation had; each was repaired
	// by swapping the two proposals (Repaired), so the plan has none.
	Breaks   []DominanceBreak `json:"breaks,omitempty"`
	Repaired int              `json:"repaired"`
}

// DominanceBreak is one break of the 12.4 invariant: Dominant was left out
// while Dominated held Parcel.
type DominanceBreak struct {
	Dominant  string `json:"dominant"`
	Dominated string `json:"dominated"`
	Parcel    string `json:"parcel"`
}

// Stats are the solver's statistics. They depend only on the input and
// the settings, except Elapsed, which is not part of the plan's content
// (it is not encoded).
type Stats struct {
	// Candidates is the number of eligible proposal × parcel pairs the
	// model was given.
	Candidates int `json:"candidates"`
	// PairsHeld is, for a run whose pairs were priced rather than held
	// (its candidate pairs would have exceeded the memory budget), the
	// most pairs the optimiser held at once; 0 for a run that held every
	// candidate pair.
	PairsHeld int `json:"pairs_held,omitempty"`
	// FreePairs is the number left free by the solver's presolve.
	FreePairs int `json:"free_pairs"`
	// Iterations and Nodes count Lagrangian dual iterations and
	// branch-and-bound nodes.
	Iterations int `json:"iterations"`
	Nodes      int `json:"nodes"`
	// FixedByReducedCost counts pairs fixed to 0 at the root.
	FixedByReducedCost int `json:"fixed_by_reduced_cost"`
	// BoundMethod names how the bound was proven; RootBound is the bound
	// at the root.
	BoundMethod string  `json:"bound_method"`
	RootBound   float64 `json:"root_bound"`
	// TargetGap is the proven relative gap at which the run was to stop
	// (0: proven optimality, up to 1e-9).
	TargetGap float64 `json:"target_gap"`
	// TimeLimitSeconds is the solver's time limit, recorded only when it
	// stopped the run (so that a run that ended otherwise gives the same
	// plan whatever its limit).
	TimeLimitSeconds float64 `json:"time_limit_seconds,omitempty"`
	// MaxMemoryMiB is the run's memory budget, recorded only when it
	// stopped the run.
	MaxMemoryMiB int64 `json:"max_memory_mib,omitempty"`
	// StartObjective is the value of the programme the solver started
	// from, built year by year (each year's own model on what the earlier
	// years leave); 0 for a one-year plan or a run started from another
	// plan.
	StartObjective float64 `json:"start_objective,omitempty"`
	// Elapsed is the wall time of the whole run (not encoded).
	Elapsed time.Duration `json:"-"`
}

// Scoring summarises how the pairs were scored (12.4).
type Scoring struct {
	Method      string   `json:"method"`
	Aggregation string   `json:"aggregation"`
	Criteria    []string `json:"criteria"`
	// Weights are the weights used, one per criterion, summing to 1.
	Weights []float64 `json:"weights"`
	// AHPCR is the consistency ratio of the AHP judgement matrix (ahp
	// method only).
	AHPCR *float64 `json:"ahp_cr,omitempty"`
	// StockFirstBonus is the score bonus of stock land (0 when stock-first
	// is off).
	StockFirstBonus float64 `json:"stock_first_bonus"`
}

// Totals are a plan's totals and indicators. Areas are in 亩, money in 万元
// except RevenueYuan.
type Totals struct {
	// Projects is the number of proposals placed; Rejected the number not.
	Projects int `json:"projects"`
	Rejected int `json:"rejected"`
	// AllocatedMu is the land the placed projects take, later phases
	// included.
	AllocatedMu float64 `json:"allocated_mu"`
	// NewLandMu and StockLandMu are the land supplied now (in the planning
	// year) on new and on stock land; PhaseReservedMu is the land of later
	// phases kept for phased projects.
	NewLandMu       float64 `json:"new_land_mu"`
	StockLandMu     float64 `json:"stock_land_mu"`
	PhaseReservedMu float64 `json:"phase_reserved_mu"`
	// QuotaMu is the planning year's new-land quota; QuotaUsedShare =
	// NewLandMu / QuotaMu.
	QuotaMu        float64 `json:"quota_mu"`
	QuotaUsedShare float64 `json:"quota_used_share"`
	// QuotaByYear is each year's new-land quota and NewLandByYear the new
	// land the plan charges to it (each phase in the year it is released),
	// by year "2026"; no year's charge exceeds its quota.
	QuotaByYear   map[string]float64 `json:"quota_by_year"`
	NewLandByYear map[string]float64 `json:"new_land_by_year"`
	// StockLandByYear is the stock land supplied and ProjectsByYear the
	// projects starting in each year of the programme, by year "2026".
	StockLandByYear map[string]float64 `json:"stock_land_by_year"`
	ProjectsByYear  map[string]int     `json:"projects_by_year"`
	// Output, Tax, Investment (万元) and Jobs sum over the placed projects.
	Output     float64 `json:"output"`
	Tax        float64 `json:"tax"`
	Investment float64 `json:"investment"`
	Jobs       int     `json:"jobs"`
	// OutputPerMu, TaxPerMu and InvestmentPerMu are Output, Tax and
	// Investment over AllocatedMu, the land planned for the placed
	// projects (亩均, rules.PerMu's definition).
	OutputPerMu     float64 `json:"output_per_mu"`
	TaxPerMu        float64 `json:"tax_per_mu"`
	InvestmentPerMu float64 `json:"investment_per_mu"`
	// FacilityMu and DormitoryMu are the facility land and its
	// dormitory-type rental housing part (12.6, 12.7).
	FacilityMu  float64 `json:"facility_mu"`
	DormitoryMu float64 `json:"dormitory_mu"`
	// ReservedMu is the pool's land reserved for public facilities and
	// infrastructure (12.5), never allocated; ReservedShare its share of
	// the pool's area.
	ReservedMu    float64 `json:"reserved_mu"`
	ReservedShare float64 `json:"reserved_share"`
	// RevenueYuan is the land revenue: transfer prices plus first-year
	// rents, 元.
	RevenueYuan float64 `json:"revenue_yuan"`
	// BySupplyMode counts the allocations and their area per supply mode.
	BySupplyMode map[string]ModeTotal `json:"by_supply_mode"`
}

// ModeTotal is the allocations of one supply mode.
type ModeTotal struct {
	Count  int     `json:"count"`
	AreaMu float64 `json:"area_mu"`
}

// Allocation is one project placed on one parcel, with everything that
// explains it.
type Allocation struct {
	Proposal     string `json:"proposal"`
	ProposalName string `json:"proposal_name,omitempty"`
	Parcel       string `json:"parcel"`
	Zone         string `json:"zone,omitempty"`
	// Lot is the id of the lot the project gets now (its phase-1 lot for
	// a phased supply).
	Lot string `json:"lot"`
	// Year is the year the land is supplied: the planning year, or a
	// later year of the programme.
	Year int `json:"year"`
	// Signed is true for an allocation fixed by a signed contract.
	Signed bool `json:"signed,omitempty"`
	// Stock is true on stock (idle or inefficient) land.
	Stock bool `json:"stock"`
	// AreaMu is the land the project takes on the parcel, later phases
	// included; NowMu the land supplied now (phase 1 of a phased supply).
	AreaMu float64 `json:"area_mu"`
	NowMu  float64 `json:"now_mu"`
	// NewLandMu is the new-land quota used (NowMu on new land, else 0);
	// StockMu the stock land supplied now.
	NewLandMu float64 `json:"new_land_mu"`
	StockMu   float64 `json:"stock_mu"`

	// SupplyMode, TermYears, LeaseYears, TransferYears, TermText and
	// TermTextZH are the tenure (rules.Tenure): a lease-then-transfer is
	// LeaseYears of lease then TransferYears of transfer, TermYears the
	// whole; a phased supply's are phase 1's, its text names every phase.
	SupplyMode    string `json:"supply_mode"`
	TermYears     int    `json:"term_years"`
	LeaseYears    int    `json:"lease_years,omitempty"`
	TransferYears int    `json:"transfer_years,omitempty"`
	TermText      string `json:"term_text"`
	TermTextZH    string `json:"term_text_zh"`
	// Requested is true when the enterprise's own request decided the
	// tenure (12.3).
	Requested      bool    `json:"requested,omitempty"`
	PriceYuan      float64 `json:"price_yuan"`
	AnnualRentYuan float64 `json:"annual_rent_yuan"`
	// Phases are the phases of a phased supply, each with its year, area,
	// own tenure and the year's quota it is charged to.
	Phases []rules.Phase `json:"phases,omitempty"`
	// Route and FreeFrom are, on stock land, the disposal route that frees
	// the land (recovery 收回, acquisition 收购储备, negotiated 协议腾退)
	// and the date it is free; StartFrom is the earliest date the project
	// can start: FreeFrom on stock land, the planning date otherwise.
	Route     string `json:"route,omitempty"`
	FreeFrom  string `json:"free_from,omitempty"`
	StartFrom string `json:"start_from"`

	// FacilityMu and DormitoryMu are the project's facility land and its
	// dormitory-type rental housing part after the cap rule.
	FacilityMu  float64 `json:"facility_mu"`
	DormitoryMu float64 `json:"dormitory_mu"`
	// Output, Tax, Investment (万元) and Jobs are the project's figures;
	// PerMu the same over AreaMu, the land planned for it (rules.PerMu).
	Output     float64            `json:"output"`
	Tax        float64            `json:"tax"`
	Investment float64            `json:"investment"`
	Jobs       int                `json:"jobs"`
	PerMu      rules.PerMuFigures `json:"per_mu"`

	// Score is the pair's score; Value its value under the measure;
	// Breakdown the score by criterion.
	Score     float64              `json:"score"`
	Value     float64              `json:"value"`
	Breakdown []rules.Contribution `json:"breakdown"`
	// RunnerUp names the best other parcel for this project and the best
	// other project for this parcel.
	RunnerUp RunnerUp `json:"runner_up"`
	// Reasons are the rules that admitted the pair, the score, the supply
	// mode, term and price, and the runner-ups.
	Reasons []planner.Reason `json:"reasons"`
}

// RunnerUp is the best alternative on either side of an allocation: the
// eligible parcel of highest value for the project other than its own, and
// the eligible project of highest value for the parcel other than the one
// placed and those sharing the parcel with it. Empty names mean there is
// none.
type RunnerUp struct {
	Parcel        string  `json:"parcel,omitempty"`
	ParcelScore   float64 `json:"parcel_score,omitempty"`
	ParcelValue   float64 `json:"parcel_value,omitempty"`
	Proposal      string  `json:"proposal,omitempty"`
	ProposalScore float64 `json:"proposal_score,omitempty"`
	ProposalValue float64 `json:"proposal_value,omitempty"`
}

// The causes of Unallocated.Cause.
const (
	// CauseIneligible: no parcel can take the proposal.
	CauseIneligible = "ineligible"
	// CauseQuota: every eligible parcel is new land and the quota left is
	// less than the least the proposal would use.
	CauseQuota = "quota"
	// CauseOutcompeted: every eligible parcel is taken (or the quota or a
	// zone cap is used up) by projects of higher value.
	CauseOutcompeted = "outcompeted"
	// CauseNoValue: the proposal's pairs have no positive value under the
	// measure (e.g. a score pushed to 0 by the class penalty).
	CauseNoValue = "no_value"
	// CauseTimeLimit and CauseTargetGap: a parcel could still take the
	// proposal, but the solver stopped (time or iteration limit, or the
	// target gap proven) before placing it.
	CauseTimeLimit = "time_limit"
	CauseTargetGap = "target_gap"
)

// Unallocated is a proposal the plan does not place, with why.
type Unallocated struct {
	Proposal string `json:"proposal"`
	Name     string `json:"name,omitempty"`
	// Cause is one of the Cause constants.
	Cause string `json:"cause"`
	// EligibleParcels is the number of parcels the rules allow.
	EligibleParcels int `json:"eligible_parcels"`
	// Reasons say why, in English and Chinese.
	Reasons []planner.Reason `json:"reasons"`
	// Competitors are the placed projects holding the proposal's best
	// parcels (outcompeted), with their scores and values there.
	Competitors []Competitor `json:"competitors,omitempty"`
	// Flip is a counterfactual verified by re-solving: a change that
	// places the proposal. Nil when none was found within the search.
	Flip *Flip `json:"flip,omitempty"`
}

// Flip is a verified counterfactual (docs/product.md, "The plan"): with the profile
// overrides Set (as `scenario add --set` takes them) or the proposal's
// own columns changed to Proposal, a re-solve of the same run gave Result.
// Text and TextZH say it in words.
type Flip struct {
	Set      map[string]string  `json:"set,omitempty"`
	Proposal map[string]float64 `json:"proposal,omitempty"`
	// Result is "placed" (the re-solve placed the proposal) or "eligible"
	// (the rules then admit it on a parcel; a re-solve did not place it,
	// and Binds says what holds it back then).
	Result string `json:"result"`
	// Parcel is the parcel the re-solve placed it on ("" unless placed).
	Parcel string `json:"parcel,omitempty"`
	// Displaced are the proposals the re-solve left out that the plan
	// places.
	Displaced []string `json:"displaced,omitempty"`
	Binds     string   `json:"binds,omitempty"`
	Text      string   `json:"text"`
	TextZH    string   `json:"text_zh"`
}

// Competitor is a placed project on a parcel an unplaced one wanted.
type Competitor struct {
	Proposal string  `json:"proposal"`
	Parcel   string  `json:"parcel"`
	Score    float64 `json:"score"`
	Value    float64 `json:"value"`
	// WantedScore and WantedValue are the unplaced proposal's score and
	// value on that parcel.
	WantedScore float64 `json:"wanted_score"`
	WantedValue float64 `json:"wanted_value"`
}

// The kinds of Lot.Kind.
const (
	LotAllocated = "allocated"      // land supplied now to a project
	LotReserved  = "reserved_phase" // a later phase kept for a phased project
	LotRemainder = "remainder"      // land of a subdivided parcel left over
	LotWhole     = "whole"          // a parcel given whole to one project
)

// Lot is a polygon cut from a parcel.
type Lot struct {
	// ID is "<parcel>-<n>", n counting from 1 within the parcel.
	ID       string `json:"id"`
	Parcel   string `json:"parcel"`
	Proposal string `json:"proposal"` // "" for a remainder
	Kind     string `json:"kind"`
	// AreaMu is the lot's ellipsoid area in 亩.
	AreaMu float64 `json:"area_mu"`
	// Geometry is the lot in lon/lat degrees (CGCS2000), exterior rings
	// counter-clockwise.
	Geometry   orb.MultiPolygon `json:"geometry"`
	SupplyMode string           `json:"supply_mode,omitempty"`
	// Phase is the phase of a phased supply (1 for the lot supplied now,
	// k for a reserved later phase); 0 otherwise.
	Phase int `json:"phase,omitempty"`
}

// The values of Plan.Stopped: why the solver stopped.
const (
	StoppedOptimal        = "optimal"
	StoppedGapReached     = "gap_reached"
	StoppedTimeLimit      = "time_limit"
	StoppedInterrupted    = "interrupted"
	StoppedIterationLimit = "iteration_limit"
	StoppedNodeLimit      = "node_limit"
	StoppedMemoryLimit    = "memory_limit"
)
