package policy

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/landplan/landplan/planner"
)

// DefaultName is the name of the embedded Liuzhou 2022 profile.
const DefaultName = "liuzhou-2022.toml"

//go:embed liuzhou-2022.toml
var defaultTOML []byte

// DefaultTOML returns the text of the embedded Liuzhou 2022 profile, with
// its comments, as a starting point for a profile file of one's own.
func DefaultTOML() []byte { return bytes.Clone(defaultTOML) }

// DateLayout is the layout of dates in a profile (plan.as_of).
const DateLayout = "2006-01-02"

// Profile is the policy profile: every number and switch the rules apply.
// The TOML key of each field is in its tag; the embedded liuzhou-2022.toml
// documents each with its clause, source and confidence mark.
type Profile struct {
	// Name names the profile, e.g. "liuzhou-2022".
	Name string `toml:"name"`
	// Plan holds the planning date.
	Plan Plan `toml:"plan"`
	// Quota is the year's new-construction-land quota.
	Quota Quota `toml:"quota"`
	// PlannedUse holds the planned-use and site-layout rules (12.1).
	PlannedUse PlannedUse `toml:"planned_use"`
	// Industries maps an industry key (as proposals name it: nev,
	// auto_parts, …) to its figures.
	Industries map[string]Industry `toml:"industries"`
	// StandardLand holds the standard-land indicator thresholds (12.4).
	StandardLand StandardLand `toml:"standard_land"`
	// Prospects says which enterprise types count as good prospects
	// (clause 5).
	Prospects Prospects `toml:"prospects"`
	// Stock holds the idle and inefficient land rules (12.2).
	Stock Stock `toml:"stock"`
	// Facility holds the facility-land caps (12.7, clause 13).
	Facility Facility `toml:"facility"`
	// Supply holds the supply modes, terms and prices (12.3).
	Supply Supply `toml:"supply"`
	// Score holds the scoring criteria, weights and method (12.4).
	Score Score `toml:"score"`
	// Objective says what a planning run maximises (12.4).
	Objective Objective `toml:"objective"`
	// Monitor holds the rules after the award: the covenant's deadlines
	// and check dates, the per-亩 evaluation and what the monitoring
	// feeds back into the next plan (12.2, 12.4).
	Monitor Monitor `toml:"monitor"`

	// source names where the profile came from, for diagnostics.
	source string
}

// Plan holds the planning date.
type Plan struct {
	// AsOf is the planning date, YYYY-MM-DD: idle-land durations and due
	// dates are reckoned at it, never at the clock.
	AsOf string `toml:"as_of"`
	// Forced lists allocations decided before the run (signed contracts),
	// each "PROPOSAL@PARCEL": the run must make them.
	Forced []string `toml:"forced"`
	// HorizonEnd is the last year of a multi-year programme: a run
	// decides, for each allocation, its year from the planning year to
	// HorizonEnd, each year against its own quota. 0 (or the planning
	// year) plans the planning year alone.
	HorizonEnd int `toml:"horizon_end"`
	// LaterYearDiscount is the share of a project's value lost per year
	// it starts after the planning year, 0..1: value × (1 − d)^(year −
	// planning year), so that of two equal programmes the one delivering
	// sooner is preferred.
	LaterYearDiscount float64 `toml:"later_year_discount"`
}

// ForcedPair is one entry of Plan.Forced.
type ForcedPair struct {
	Proposal, Parcel string
}

// ForcedPairs parses Plan.Forced; an entry that is not
// "PROPOSAL@PARCEL" is an error naming it.
func (p *Profile) ForcedPairs() ([]ForcedPair, error) {
	var out []ForcedPair
	for i, f := range p.Plan.Forced {
		q, x, ok := strings.Cut(f, "@")
		q, x = strings.TrimSpace(q), strings.TrimSpace(x)
		if !ok || q == "" || x == "" || strings.Contains(x, "@") {
			return nil, ErrorBoth("policy: plan.forced item %d %q: want PROPOSAL@PARCEL, e.g. P2025-001@L0042", "政策配置：plan.forced 第 %d 项 %q 应为 项目编号@地块编号，如 P2025-001@L0042", i+1, f)
		}
		out = append(out, ForcedPair{Proposal: q, Parcel: x})
	}
	return out, nil
}

// Quota is the year's new-construction-land quota.
type Quota struct {
	// NewLandMu is the new-construction-land quota in 亩. It binds
	// allocations on new land only; stock land does not consume it.
	NewLandMu float64 `toml:"new_land_mu"`
	// ZoneCaps caps, per zone, the new land supplied in the planning year
	// in that zone, 亩; a zone not listed has no cap of its own.
	ZoneCaps map[string]float64 `toml:"zone_caps"`
	// ByYear holds the new-land quota of each later year ("2028" = 900.0),
	// 亩: a later phase of a phased supply counts against the quota of the
	// year it is released. NewLandMu is the planning year's quota; a year
	// neither names has no quota, and a phase released in it is refused.
	ByYear map[string]float64 `toml:"by_year"`
}

// PlanYear is the planning year: the year of plan.as_of (0 when the date
// does not parse).
func (p *Profile) PlanYear() int {
	t, err := p.AsOf()
	if err != nil {
		return 0
	}
	return t.Year()
}

// QuotaFor returns the new-land quota of a year: NewLandMu for the
// planning year, ByYear for a later one; ok is false for a year without
// a quota.
func (p *Profile) QuotaFor(year int) (mu float64, ok bool) {
	if year == p.PlanYear() {
		return p.Quota.NewLandMu, true
	}
	mu, ok = p.Quota.ByYear[strconv.Itoa(year)]
	return mu, ok
}

// QuotaYears returns the years that have a quota, ascending: the planning
// year and those of ByYear.
func (p *Profile) QuotaYears() []int {
	ys := []int{p.PlanYear()}
	for k := range p.Quota.ByYear {
		if y, err := strconv.Atoi(k); err == nil && y != ys[0] {
			ys = append(ys, y)
		}
	}
	slices.Sort(ys)
	return ys
}

// HorizonYears returns the years of the programme, ascending: the
// planning year to plan.horizon_end, or the planning year alone.
func (p *Profile) HorizonYears() []int {
	y0 := p.PlanYear()
	ys := []int{y0}
	for y := y0 + 1; y <= p.Plan.HorizonEnd; y++ {
		ys = append(ys, y)
	}
	return ys
}

// The class-compatibility rules of PlannedUse.Compatibility.
const (
	CompatSameOrHeavier = "same_or_heavier" // class k needs land of class ≥ k
	CompatSame          = "same"            // class k needs land of class k
	CompatAny           = "any"             // any industrial class
)

// PlannedUse holds the planned-use and site-layout rules of 12.1.
type PlannedUse struct {
	// Compatibility is CompatSameOrHeavier, CompatSame or CompatAny.
	Compatibility string `toml:"compatibility"`
	// HeavierPenalty is subtracted from a pair's score for each class step
	// the land is heavier than the project needs (0..1).
	HeavierPenalty float64 `toml:"heavier_penalty"`
	// BuildingCoverageMin is the minimum building coverage (建筑系数), 0..1.
	BuildingCoverageMin float64 `toml:"building_coverage_min"`
}

// The land kinds an industry may use (Industry.Land).
const (
	LandIndustrial = "industrial" // industrial land only
	LandStorage    = "storage"    // logistics and storage land only
	LandEither     = "either"     // industrial or storage land
)

// Industry is one industry of the profile.
type Industry struct {
	// NameZH and NameEN are the industry's names.
	NameZH string `toml:"name_zh"`
	NameEN string `toml:"name_en"`
	// Division is the GB/T 4754-2017 two-digit division code.
	Division string `toml:"division"`
	// MinPlotRatio is the minimum plot ratio (容积率) by industry from the
	// 2008 control indicators; 0 = none.
	MinPlotRatio float64 `toml:"min_plot_ratio"`
	// Strategic marks a strategic emerging industry of clause 7.
	Strategic bool `toml:"strategic"`
	// LifecycleYears is the industry lifecycle used for the supply term
	// when a proposal gives none.
	LifecycleYears float64 `toml:"lifecycle_years"`
	// Land is LandIndustrial, LandStorage or LandEither.
	Land string `toml:"land"`
	// MinInvestmentPerMu, MinOutputPerMu and MinTaxPerMu are the
	// industry's standard-land thresholds (万元/亩); 0 = the standard_land
	// value (itself 0 = no threshold).
	MinInvestmentPerMu float64 `toml:"min_investment_per_mu"`
	MinOutputPerMu     float64 `toml:"min_output_per_mu"`
	MinTaxPerMu        float64 `toml:"min_tax_per_mu"`
	// ThresholdSource says where the industry's thresholds come from.
	ThresholdSource string `toml:"threshold_source"`
	// Zones override the thresholds in a zone, by zone name; a field left
	// 0 keeps the industry's value.
	Zones map[string]Thresholds `toml:"zones"`
}

// Thresholds are standard-land thresholds (万元/亩); 0 = none at this level.
type Thresholds struct {
	MinInvestmentPerMu float64 `toml:"min_investment_per_mu"`
	MinOutputPerMu     float64 `toml:"min_output_per_mu"`
	MinTaxPerMu        float64 `toml:"min_tax_per_mu"`
	// Source says where the figures come from.
	Source string `toml:"source"`
}

// StandardThresholds returns the standard-land thresholds that bind a
// project of the industry in the zone, each figure from the most specific
// level that sets it (the zone's entry of the industry, the industry, then
// standard_land), and the sources of the levels used; 0 = no threshold.
func (p *Profile) StandardThresholds(industry, zone string) (Thresholds, []string) {
	ind := p.Industries[industry]
	z, inZone := ind.Zones[zone]
	var out Thresholds
	var srcs []string
	pick := func(zv, iv, sv float64) float64 {
		switch {
		case inZone && zv > 0:
			if !slices.Contains(srcs, z.Source) && z.Source != "" {
				srcs = append(srcs, z.Source)
			}
			return zv
		case iv > 0:
			if !slices.Contains(srcs, ind.ThresholdSource) && ind.ThresholdSource != "" {
				srcs = append(srcs, ind.ThresholdSource)
			}
			return iv
		case sv > 0:
			if !slices.Contains(srcs, p.StandardLand.Source) && p.StandardLand.Source != "" {
				srcs = append(srcs, p.StandardLand.Source)
			}
			return sv
		}
		return 0
	}
	sl := p.StandardLand
	out.MinInvestmentPerMu = pick(z.MinInvestmentPerMu, ind.MinInvestmentPerMu, sl.MinInvestmentPerMu)
	out.MinOutputPerMu = pick(z.MinOutputPerMu, ind.MinOutputPerMu, sl.MinOutputPerMu)
	out.MinTaxPerMu = pick(z.MinTaxPerMu, ind.MinTaxPerMu, sl.MinTaxPerMu)
	return out, srcs
}

// StandardLand holds the standard-land (标准地) indicator thresholds.
type StandardLand struct {
	// Binding makes a proposal below a threshold ineligible; otherwise the
	// shortfall is reported and marks the project as uncertain for the
	// supply mode.
	Binding bool `toml:"binding"`
	// MinInvestmentPerMu is the minimum fixed-asset investment intensity,
	// 万元/亩.
	MinInvestmentPerMu float64 `toml:"min_investment_per_mu"`
	// MinOutputPerMu is the minimum annual output per 亩, 万元/亩.
	MinOutputPerMu float64 `toml:"min_output_per_mu"`
	// MinTaxPerMu is the minimum annual tax per 亩, 万元/亩.
	MinTaxPerMu float64 `toml:"min_tax_per_mu"`
	// Source says where these general thresholds come from.
	Source string `toml:"source"`
}

// Prospects says which enterprise types count as good prospects.
type Prospects struct {
	// EnterpriseTypes are the enterprise types of clause 5 that count.
	EnterpriseTypes []string `toml:"enterprise_types"`
}

// Stock holds the stock-land rules of 12.2.
type Stock struct {
	// First gives stock parcels a score bonus (stock-first priority).
	First bool `toml:"first"`
	// FirstBonus is the score bonus of a stock parcel when First is set.
	FirstBonus float64 `toml:"first_bonus"`
	// Idle holds the idle-land rules of 令第53号.
	Idle Idle `toml:"idle"`
	// Inefficient holds the inefficient-land thresholds.
	Inefficient Inefficient `toml:"inefficient"`
	// Disposal holds the disposal routes that free stock land and how
	// long each takes.
	Disposal Disposal `toml:"disposal"`
}

// The disposal routes of stock land (Disposal.InefficientRoute and the
// plan's allocations).
const (
	RouteRecovery    = "recovery"    // 收回: idle land taken back (令第53号)
	RouteAcquisition = "acquisition" // 收购储备: bought into the land reserve
	RouteNegotiated  = "negotiated"  // 协议腾退: surrendered by agreement
)

// Disposal holds how stock land is freed for a new project.
type Disposal struct {
	// RecoveryMonths is how long taking idle land back takes from the
	// date it may be taken back.
	RecoveryMonths int `toml:"recovery_months"`
	// InefficientRoute is how inefficient land is freed: RouteAcquisition
	// or RouteNegotiated.
	InefficientRoute string `toml:"inefficient_route"`
	// AcquisitionMonths and NegotiatedMonths are how long those routes
	// take from the planning date.
	AcquisitionMonths int `toml:"acquisition_months"`
	NegotiatedMonths  int `toml:"negotiated_months"`
	// SupplyWithinMonths: stock land free later than this many months
	// after the planning date is not supplied in this plan (it is listed
	// with the date it will be free).
	SupplyWithinMonths int `toml:"supply_within_months"`
}

// Idle holds the idle-land rules (闲置土地处置办法, 国土资源部令第53号).
type Idle struct {
	// NotStartedYears: land not started this many years after the agreed
	// start date is idle.
	NotStartedYears int `toml:"not_started_years"`
	// DevelopedShareBelow and InvestedShareBelow: started land with less
	// developed area or investment than these shares ...
	DevelopedShareBelow float64 `toml:"developed_share_below"`
	InvestedShareBelow  float64 `toml:"invested_share_below"`
	// HaltedYears: ... and halted this many years is idle.
	HaltedYears int `toml:"halted_years"`
	// FeeShare is the idle fee as a share of the land price.
	FeeShare float64 `toml:"fee_share"`
	// FeeAfterYears is when the idle fee falls due, in years after the
	// agreed start (not started) or the halt (halted).
	FeeAfterYears int `toml:"fee_after_years"`
	// RecoveryAfterYears is when the land is taken back without
	// compensation, counted the same way.
	RecoveryAfterYears int `toml:"recovery_after_years"`
}

// Inefficient holds the inefficient-land thresholds; a threshold of 0 is
// not applied.
type Inefficient struct {
	// PlotRatioBelow: developed land whose current plot ratio is below it
	// is inefficient.
	PlotRatioBelow float64 `toml:"plot_ratio_below"`
	// TaxPerMuBelow: developed land whose current tax per 亩 (万元/亩) is
	// below it is inefficient.
	TaxPerMuBelow float64 `toml:"tax_per_mu_below"`
}

// The over-cap actions of Facility.OverCap.
const (
	OverCapReject = "reject" // a proposal over its cap is not eligible
	OverCapTrim   = "trim"   // its facility land is trimmed to the cap
)

// Facility holds the facility-land caps (行政办公及生活服务设施).
type Facility struct {
	// BaseCap is the facility land cap everywhere, share of project land.
	BaseCap float64 `toml:"base_cap"`
	// RaisedCap is the cap in an eligible zone.
	RaisedCap float64 `toml:"raised_cap"`
	// EligibleZones are the zones that may use RaisedCap.
	EligibleZones []string `toml:"eligible_zones"`
	// DormitoryMainly is the least share of the facility land above
	// BaseCap that must be dormitory-type affordable rental housing.
	DormitoryMainly float64 `toml:"dormitory_mainly"`
	// FloorAreaCap caps the facility floor area as a share of the
	// project's floor area (clause 13: 15% in the hi-tech zones).
	FloorAreaCap float64 `toml:"floor_area_cap"`
	// OverCap is OverCapReject or OverCapTrim.
	OverCap string `toml:"over_cap"`
}

// Supply holds the supply modes, terms and prices of 12.3.
type Supply struct {
	// CapitalisationRate is the land capitalisation rate r of the term
	// correction factor K(m).
	CapitalisationRate float64 `toml:"capitalisation_rate"`
	// RentRate is the least annual rent as a share of the 50-year price.
	RentRate float64 `toml:"rent_rate"`
	// MaxTermYears is the statutory maximum term of industrial land.
	MaxTermYears int `toml:"max_term_years"`
	// TermSteps are the flexible transfer terms offered, ascending, each
	// below MaxTermYears; a lifecycle rounds up to the next step.
	TermSteps []int `toml:"term_steps"`
	// FullTermMinLifecycle: a lifecycle of at least this many years gets a
	// transfer for the full MaxTermYears.
	FullTermMinLifecycle float64 `toml:"full_term_min_lifecycle"`
	// LeaseThenTransfer holds the lease-then-transfer rules.
	LeaseThenTransfer LeaseThenTransfer `toml:"lease_then_transfer"`
	// LongLease holds the long-lease rules.
	LongLease LongLease `toml:"long_lease"`
	// Phased holds the phased-supply rules.
	Phased Phased `toml:"phased"`
}

// LeaseThenTransfer holds the lease-then-transfer (先租后让) rules.
type LeaseThenTransfer struct {
	// LeaseYears is the lease before the transfer.
	LeaseYears int `toml:"lease_years"`
	// EnterpriseTypes get lease-then-transfer.
	EnterpriseTypes []string `toml:"enterprise_types"`
	// BelowStandard gives lease-then-transfer to an uncertain project:
	// one below a non-binding standard-land threshold.
	BelowStandard bool `toml:"below_standard"`
	// DeductRent deducts the rent paid from the transfer price.
	DeductRent bool `toml:"deduct_rent"`
}

// LongLease holds the long-lease (长期租赁) rules.
type LongLease struct {
	// MinYears and MaxYears bound the lease term.
	MinYears int `toml:"min_years"`
	MaxYears int `toml:"max_years"`
	// Industries get a long lease when their lifecycle fits in MaxYears.
	Industries []string `toml:"industries"`
}

// Phased holds the phased-supply (分期供地) rules.
type Phased struct {
	// Enabled supplies multi-phase projects in phases.
	Enabled bool `toml:"enabled"`
	// ReserveYears is how long the land of each later phase is reserved:
	// phase k's deadline is the planning date plus (k−1)·ReserveYears.
	ReserveYears int `toml:"reserve_years"`
}

// The weight methods and aggregations of Score.
const (
	MethodExplicit = "explicit"
	MethodEntropy  = "entropy"
	MethodAHP      = "ahp"

	AggregationWeightedSum = "weighted_sum"
	AggregationTOPSIS      = "topsis"
	AggregationBenchmark   = "benchmark"

	DirectionBenefit = "benefit"
	DirectionCost    = "cost"
)

// Score holds the scoring settings of 12.4.
type Score struct {
	// Method is MethodExplicit, MethodEntropy or MethodAHP.
	Method string `toml:"method"`
	// Aggregation is AggregationBenchmark, AggregationWeightedSum or
	// AggregationTOPSIS.
	Aggregation string `toml:"aggregation"`
	// Benchmarks hold, per criterion, the benchmark the benchmark
	// aggregation measures it against (0 or absent: the value as it is,
	// a 0/1 flag or a share).
	Benchmarks map[string]float64 `toml:"benchmarks"`
	// MaxCR is the AHP consistency ratio limit.
	MaxCR float64 `toml:"max_cr"`
	// Criteria are the criteria scored, in this order (names from
	// Criteria()).
	Criteria []string `toml:"criteria"`
	// Directions map each criterion to DirectionBenefit or DirectionCost.
	Directions map[string]string `toml:"directions"`
	// Weights map each criterion to its explicit weight (normalised to sum
	// 1 when scoring).
	Weights map[string]float64 `toml:"weights"`
	// Judgement is the AHP pairwise judgement matrix, rows and columns in
	// the order of Criteria.
	Judgement [][]float64 `toml:"judgement"`
}

// The measures of Objective.Measure.
const (
	// MeasureDelivery values a placed project at its score — what it
	// delivers per 亩 of the land it takes and its prospects — never at
	// the land it takes: of two equal scores the project taking less land
	// counts more (score / (1 + 10⁻⁶·亩)). Where land binds, the score per
	// 亩 of land decides which projects the land holds (12.4).
	MeasureDelivery = "delivery"
	// MeasureScoreArea values a pair at score × the 亩 the project takes:
	// land weighted by how well it is used.
	MeasureScoreArea = "score_area"
	// MeasureScore values a pair at its score: every project placed counts
	// by its score, whatever its size.
	MeasureScore = "score"
	// MeasureOutput and MeasureTax value a pair at the project's annual
	// output or tax (万元), the score breaking ties between parcels.
	MeasureOutput = "output"
	MeasureTax    = "tax"
)

// Objective says what a planning run maximises (12.4: land goes to the
// projects that use less land, produce more and have good prospects).
type Objective struct {
	// Measure is MeasureDelivery, MeasureScore, MeasureScoreArea,
	// MeasureOutput or MeasureTax.
	Measure string `toml:"measure"`
}

// Criterion describes a scoring criterion the rules compute.
type Criterion struct {
	Name      string // key in score.criteria
	Direction string // the natural direction
	Unit      string
	EN, ZH    string // what it measures
	// Bounded is true for a criterion whose values lie in [0, 1] (a 0/1
	// flag or a share), which the benchmark aggregation may take as it is.
	Bounded bool
}

var criteria = []Criterion{
	{"output_per_mu", DirectionBenefit, "万元/亩", "annual output per 亩 of the land planned for the project", "亩均产值", false},
	{"tax_per_mu", DirectionBenefit, "万元/亩", "annual tax per 亩 of the land planned for the project", "亩均税收", false},
	{"investment_per_mu", DirectionBenefit, "万元/亩", "fixed-asset investment per 亩 (investment intensity)", "投资强度", false},
	{"jobs_per_mu", DirectionBenefit, "人/亩", "jobs per 亩", "亩均就业", false},
	{"rd_share", DirectionBenefit, "share", "R&D spending / revenue", "研发投入占比", true},
	{"strategic", DirectionBenefit, "0/1", "strategic emerging industry of clause 7", "战略性新兴产业(第七条)", true},
	{"prospect", DirectionBenefit, "0/1", "enterprise type of clause 5", "第五条科技企业类型", true},
	{"area_fit", DirectionBenefit, "share", "allocated area / parcel area", "面积匹配度", true},
	{"waste", DirectionCost, "亩", "parcel area left unused", "剩余未用面积", false},
	{"stock", DirectionBenefit, "0/1", "uses stock land (idle or inefficient)", "使用存量土地", true},
	{"preferred_zone", DirectionBenefit, "0/1", "in the project's preferred zone (or none preferred)", "位于意向园区", true},
	{"serviced", DirectionBenefit, "0/1", "infrastructure ready (通平)", "基础设施已通平", true},
}

// Criteria returns the scoring criteria the rules compute, in a fixed
// order.
func Criteria() []Criterion { return slices.Clone(criteria) }

// CriterionByName returns the criterion with that name.
func CriterionByName(name string) (Criterion, bool) {
	for _, c := range criteria {
		if c.Name == name {
			return c, true
		}
	}
	return Criterion{}, false
}

// Default returns a fresh copy of the embedded Liuzhou 2022 profile.
func Default() *Profile {
	p, err := decode(defaultTOML, DefaultName, &Profile{})
	if err != nil {
		panic(fmt.Sprintf("policy: the embedded profile %s does not load: %v", DefaultName, err))
	}
	return p
}

// Load reads a profile file over the embedded default: keys the file gives
// replace the default's, keys it leaves out keep the default's, an
// [industries.KEY] table replaces that industry whole, and a
// [quota.by_year] table replaces the default's later years whole (so that
// a profile dated after them can drop them). name is the file
// name used in errors. A file that does not parse (the error gives the
// line), has an unknown key or a value out of range is refused with a
// *planner.Error of kind KindInvalid whose diagnostics name each key.
func Load(r io.Reader, name string) (*Profile, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("policy: reading %s: %w", name, err)
	}
	base := Default()
	var probe map[string]any
	if _, err := toml.Decode(string(data), &probe); err == nil {
		if q, ok := probe["quota"].(map[string]any); ok {
			if _, ok := q["by_year"]; ok {
				base.Quota.ByYear = nil
			}
		}
	}
	p, err := decode(data, name, base)
	if err != nil {
		return nil, err
	}
	p.source = name
	if ds := p.Validate(); hasErrors(ds) {
		return nil, &planner.Error{Kind: planner.KindInvalid, Msg: fmt.Sprintf("policy profile %s is not valid", name),
			MsgZH: fmt.Sprintf("政策配置文件 %s 无效", name), Diagnostics: ds}
	}
	return p, nil
}

// parseErrorZH says in Chinese where on its line (the diagnostic's
// location names the line) TOML data stops parsing, and the line itself
// (the parser's own words are English only).
func parseErrorZH(data []byte, at toml.Position) string {
	zh := fmt.Sprintf("TOML 语法错误：第 %d 列无法解析", at.Col)
	lines := strings.Split(string(data), "\n")
	if at.Line >= 1 && at.Line <= len(lines) {
		if l := strings.TrimSpace(lines[at.Line-1]); l != "" {
			zh += "（该行为 " + strconv.Quote(l) + "）"
		}
	}
	return zh
}

// decode decodes TOML data over base, refusing unknown keys.
func decode(data []byte, name string, base *Profile) (*Profile, error) {
	md, err := toml.Decode(string(data), base)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			d := planner.Diagnostic{Severity: planner.SeverityError, Code: "policy.parse", File: name,
				Location: fmt.Sprintf("line %d", pe.Position.Line), Property: pe.LastKey, Message: pe.Message,
				MessageZH: parseErrorZH(data, pe.Position)}
			return nil, &planner.Error{Kind: planner.KindInvalid, Msg: fmt.Sprintf("policy profile %s does not parse", name),
				MsgZH: fmt.Sprintf("政策配置文件 %s 无法解析", name), Diagnostics: []planner.Diagnostic{d}, Err: err}
		}
		return nil, &planner.Error{Kind: planner.KindInvalid, Msg: fmt.Sprintf("policy profile %s", name),
			MsgZH: fmt.Sprintf("政策配置文件 %s 无法读取：%v", name, err), Err: err}
	}
	if und := md.Undecoded(); len(und) > 0 {
		var ds []planner.Diagnostic
		for _, k := range und {
			key := k.String()
			msg, zh := "unknown key", "未知的键"
			if near := nearKeys(base, key); len(near) > 0 {
				msg += "; did you mean " + quoteJoin(near) + "?"
				zh += "；是否想用 " + quoteJoinZH(near) + "？"
			}
			ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "policy.unknown_key", File: name, Property: key, Message: msg, MessageZH: zh})
		}
		return nil, &planner.Error{Kind: planner.KindInvalid, Msg: fmt.Sprintf("policy profile %s has unknown keys", name),
			MsgZH: fmt.Sprintf("政策配置文件 %s 中有未知的键", name), Diagnostics: ds}
	}
	base.source = name
	return base, nil
}

// Source names where the profile came from: the file name given to Load,
// or DefaultName.
func (p *Profile) Source() string { return p.source }

// Clone returns a deep copy of p.
func (p *Profile) Clone() *Profile {
	q := *p
	q.Plan.Forced = slices.Clone(p.Plan.Forced)
	q.Quota.ZoneCaps = maps.Clone(p.Quota.ZoneCaps)
	q.Quota.ByYear = maps.Clone(p.Quota.ByYear)
	q.Industries = maps.Clone(p.Industries)
	for k, ind := range q.Industries {
		ind.Zones = maps.Clone(ind.Zones)
		q.Industries[k] = ind
	}
	q.Score.Benchmarks = maps.Clone(p.Score.Benchmarks)
	q.Prospects.EnterpriseTypes = slices.Clone(p.Prospects.EnterpriseTypes)
	q.Facility.EligibleZones = slices.Clone(p.Facility.EligibleZones)
	q.Supply.TermSteps = slices.Clone(p.Supply.TermSteps)
	q.Supply.LeaseThenTransfer.EnterpriseTypes = slices.Clone(p.Supply.LeaseThenTransfer.EnterpriseTypes)
	q.Supply.LongLease.Industries = slices.Clone(p.Supply.LongLease.Industries)
	q.Score.Criteria = slices.Clone(p.Score.Criteria)
	q.Monitor.Indicators = slices.Clone(p.Monitor.Indicators)
	q.Monitor.Weights = maps.Clone(p.Monitor.Weights)
	q.Monitor.Benchmarks = maps.Clone(p.Monitor.Benchmarks)
	q.Monitor.ClassBounds = slices.Clone(p.Monitor.ClassBounds)
	q.Monitor.ClassBonus = maps.Clone(p.Monitor.ClassBonus)
	q.Score.Directions = maps.Clone(p.Score.Directions)
	q.Score.Weights = maps.Clone(p.Score.Weights)
	if p.Score.Judgement != nil {
		q.Score.Judgement = make([][]float64, len(p.Score.Judgement))
		for i, row := range p.Score.Judgement {
			q.Score.Judgement[i] = slices.Clone(row)
		}
	}
	return &q
}

// Canonical returns the profile's canonical encoding: TOML with the
// fields in declaration order and map keys sorted, no comments. The same
// effective settings always give the same bytes; a plan records its
// SHA-256 (PolicySHA256).
func (p *Profile) Canonical() []byte {
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(p); err != nil {
		// Every field of Profile is encodable; an error is a bug.
		panic(fmt.Sprintf("policy: encoding the profile: %v", err))
	}
	return b.Bytes()
}

// AsOf returns the planning date.
func (p *Profile) AsOf() (time.Time, error) { return parseAsOf(p.Plan.AsOf) }

// Industry returns the industry with that key.
func (p *Profile) Industry(key string) (Industry, bool) {
	ind, ok := p.Industries[key]
	return ind, ok
}

// ZoneEligible reports whether a zone may use the raised facility cap.
func (p *Profile) ZoneEligible(zone string) bool {
	return zone != "" && slices.Contains(p.Facility.EligibleZones, zone)
}

// IsProspect reports whether an enterprise type counts as a good prospect.
func (p *Profile) IsProspect(enterpriseType string) bool {
	return slices.Contains(p.Prospects.EnterpriseTypes, enterpriseType)
}

func hasErrors(ds []planner.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == planner.SeverityError {
			return true
		}
	}
	return false
}
