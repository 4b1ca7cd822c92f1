package policy

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/score"
)

// MaxRate is the largest capitalisation or rent rate a profile may set.
const MaxRate = 0.2

// maxHorizonYears is the longest programme a profile may ask for: the
// land supply programmes are three to five years (docs/product.md,
// "Programme"); ten leaves room for a longer what-if.
const maxHorizonYears = 10

var reDivision = regexp.MustCompile(`^[0-9]{2}$`)

// Validate checks every setting's range and the settings' consistency and
// returns every problem found, each naming its key; an empty result means
// the profile is usable. Errors (SeverityError) make Load and Apply refuse
// the profile; warnings point at settings that are legal but unused.
func (p *Profile) Validate() []planner.Diagnostic {
	v := &validator{file: p.source}
	p.validatePlan(v)
	p.validateIndustries(v)
	p.validateStock(v)
	p.validateFacility(v)
	p.validateSupply(v)
	p.validateScore(v)
	p.validateMonitor(v)
	return v.ds
}

// validatePlan checks the planning date, the forced pairs, the quotas and
// the programme's horizon, and the objective.
func (p *Profile) validatePlan(v *validator) {
	if _, err := p.AsOf(); err != nil {
		v.errf("plan.as_of", "%q is not a date YYYY-MM-DD", p.Plan.AsOf)
	}
	if _, err := p.ForcedPairs(); err != nil {
		v.errf("plan.forced", "%s", strings.TrimPrefix(err.Error(), "policy: plan.forced "))
		v.ds[len(v.ds)-1].MessageZH = strings.TrimPrefix(trimZH(err), "plan.forced ")
	}
	v.atLeast("quota.new_land_mu", p.Quota.NewLandMu, 0)
	for _, z := range sortedKeys(p.Quota.ZoneCaps) {
		v.atLeast("quota.zone_caps."+z, p.Quota.ZoneCaps[z], 0)
	}
	planYear := p.PlanYear()
	for _, y := range sortedKeys(p.Quota.ByYear) {
		key := "quota.by_year." + y
		n, err := strconv.Atoi(y)
		switch {
		case err != nil || len(y) != 4:
			v.errf(key, "%q is not a year YYYY", y)
		case planYear != 0 && n == planYear:
			v.errf(key, "%d is the planning year (plan.as_of): its quota is quota.new_land_mu", n)
		case planYear != 0 && n < planYear:
			v.errf(key, "%d is before the planning year %d", n, planYear)
		}
		v.atLeast(key, p.Quota.ByYear[y], 0)
	}
	p.validateHorizon(v, planYear)
	v.share("plan.later_year_discount", p.Plan.LaterYearDiscount)
	v.oneOf("objective.measure", p.Objective.Measure, MeasureDelivery, MeasureScore, MeasureScoreArea, MeasureOutput, MeasureTax)
}

// validateHorizon checks that a programme's horizon starts from the
// planning year, is not too long and has a quota for every later year.
func (p *Profile) validateHorizon(v *validator, planYear int) {
	if h := p.Plan.HorizonEnd; h != 0 && planYear != 0 {
		switch {
		case h < planYear:
			v.errf("plan.horizon_end", "%d is before the planning year %d (plan.as_of): want 0 or a year from %d", h, planYear, planYear)
		case h > planYear+maxHorizonYears-1:
			v.errf("plan.horizon_end", "%d: a programme covers at most %d years from the planning year %d", h, maxHorizonYears, planYear)
		default:
			for y := planYear + 1; y <= h; y++ {
				if _, ok := p.QuotaFor(y); !ok {
					v.errf("quota.by_year."+strconv.Itoa(y), "%d is in the programme's horizon (%d–%d, plan.horizon_end) but has no new-land quota: set quota.by_year.%d", y, planYear, h, y)
				}
			}
		}
	}
}

// validateIndustries checks the planned-use settings and every industry.
func (p *Profile) validateIndustries(v *validator) {
	v.oneOf("planned_use.compatibility", p.PlannedUse.Compatibility, CompatSameOrHeavier, CompatSame, CompatAny)
	v.share("planned_use.heavier_penalty", p.PlannedUse.HeavierPenalty)
	v.share("planned_use.building_coverage_min", p.PlannedUse.BuildingCoverageMin)

	if len(p.Industries) == 0 {
		v.errf("industries", "no industries: proposals name their industry by these keys")
	}
	for _, k := range sortedKeys(p.Industries) {
		p.validateIndustry(v, k)
	}
}

// validateIndustry checks one industry: its names, division, plot ratio,
// lifecycle, land and the thresholds (its own and its zones') with their
// sources.
func (p *Profile) validateIndustry(v *validator, k string) {
	ind := p.Industries[k]
	pre := "industries." + k + "."
	if ind.NameZH == "" {
		v.errf(pre+"name_zh", "empty")
	}
	if ind.NameEN == "" {
		v.errf(pre+"name_en", "empty")
	}
	if !reDivision.MatchString(ind.Division) {
		v.errf(pre+"division", "%q is not a two-digit GB/T 4754 division code", ind.Division)
	}
	v.between(pre+"min_plot_ratio", ind.MinPlotRatio, 0, 10)
	v.between(pre+"lifecycle_years", ind.LifecycleYears, 1, 100)
	v.oneOf(pre+"land", ind.Land, LandIndustrial, LandStorage, LandEither)
	v.atLeast(pre+"min_investment_per_mu", ind.MinInvestmentPerMu, 0)
	v.atLeast(pre+"min_output_per_mu", ind.MinOutputPerMu, 0)
	v.atLeast(pre+"min_tax_per_mu", ind.MinTaxPerMu, 0)
	for _, z := range sortedKeys(ind.Zones) {
		zt := ind.Zones[z]
		zp := pre + "zones." + z + "."
		v.atLeast(zp+"min_investment_per_mu", zt.MinInvestmentPerMu, 0)
		v.atLeast(zp+"min_output_per_mu", zt.MinOutputPerMu, 0)
		v.atLeast(zp+"min_tax_per_mu", zt.MinTaxPerMu, 0)
		if zt.Source == "" && (zt.MinInvestmentPerMu > 0 || zt.MinOutputPerMu > 0 || zt.MinTaxPerMu > 0) {
			v.errf(zp+"source", "empty: a zone's thresholds need their source")
		}
	}
	if ind.ThresholdSource == "" && (ind.MinInvestmentPerMu > 0 || ind.MinOutputPerMu > 0 || ind.MinTaxPerMu > 0) {
		v.errf(pre+"threshold_source", "empty: the industry's standard-land thresholds need their source")
	}
}

// validateStock checks the standard-land thresholds, the prospects and
// the stock land settings (idle, inefficient, disposal).
func (p *Profile) validateStock(v *validator) {
	v.atLeast("standard_land.min_investment_per_mu", p.StandardLand.MinInvestmentPerMu, 0)
	v.atLeast("standard_land.min_output_per_mu", p.StandardLand.MinOutputPerMu, 0)
	v.atLeast("standard_land.min_tax_per_mu", p.StandardLand.MinTaxPerMu, 0)
	v.enterpriseTypes("prospects.enterprise_types", p.Prospects.EnterpriseTypes)

	v.share("stock.first_bonus", p.Stock.FirstBonus)
	id := p.Stock.Idle
	v.intBetween("stock.idle.not_started_years", id.NotStartedYears, 1, 10)
	v.share("stock.idle.developed_share_below", id.DevelopedShareBelow)
	v.share("stock.idle.invested_share_below", id.InvestedShareBelow)
	v.intBetween("stock.idle.halted_years", id.HaltedYears, 1, 10)
	v.share("stock.idle.fee_share", id.FeeShare)
	v.intBetween("stock.idle.fee_after_years", id.FeeAfterYears, 1, 10)
	v.intBetween("stock.idle.recovery_after_years", id.RecoveryAfterYears, 1, 10)
	if id.RecoveryAfterYears < id.FeeAfterYears {
		v.errf("stock.idle.recovery_after_years", "%d is before the idle fee (fee_after_years = %d)", id.RecoveryAfterYears, id.FeeAfterYears)
	}
	v.between("stock.inefficient.plot_ratio_below", p.Stock.Inefficient.PlotRatioBelow, 0, 10)
	v.atLeast("stock.inefficient.tax_per_mu_below", p.Stock.Inefficient.TaxPerMuBelow, 0)
	d := p.Stock.Disposal
	v.intBetween("stock.disposal.recovery_months", d.RecoveryMonths, 0, 120)
	v.oneOf("stock.disposal.inefficient_route", d.InefficientRoute, RouteAcquisition, RouteNegotiated)
	v.intBetween("stock.disposal.acquisition_months", d.AcquisitionMonths, 0, 120)
	v.intBetween("stock.disposal.negotiated_months", d.NegotiatedMonths, 0, 120)
	v.intBetween("stock.disposal.supply_within_months", d.SupplyWithinMonths, 0, 120)
}

// validateFacility checks the facility land settings.
func (p *Profile) validateFacility(v *validator) {
	f := p.Facility
	v.share("facility.base_cap", f.BaseCap)
	v.between("facility.raised_cap", f.RaisedCap, f.BaseCap, 1)
	for i, z := range f.EligibleZones {
		if z == "" {
			v.errf("facility.eligible_zones", "item %d is empty", i+1)
		}
	}
	v.share("facility.dormitory_mainly", f.DormitoryMainly)
	v.share("facility.floor_area_cap", f.FloorAreaCap)
	v.oneOf("facility.over_cap", f.OverCap, OverCapReject, OverCapTrim)
}

// validateSupply checks the supply settings: rates, terms, lease then
// transfer, long leases and phased supply.
func (p *Profile) validateSupply(v *validator) {
	s := p.Supply
	if !(s.CapitalisationRate > 0 && s.CapitalisationRate <= MaxRate) {
		v.errf("supply.capitalisation_rate", "%v is out of range (0, %v]: K(m) needs a positive rate", s.CapitalisationRate, MaxRate)
	}
	v.between("supply.rent_rate", s.RentRate, 0, MaxRate)
	v.intBetween("supply.max_term_years", s.MaxTermYears, 1, 50)
	if len(s.TermSteps) == 0 {
		v.errf("supply.term_steps", "empty: at least one flexible term is needed")
	}
	for i, t := range s.TermSteps {
		switch {
		case t < 1 || t >= s.MaxTermYears:
			v.errf("supply.term_steps", "item %d = %d is out of range [1, %d): a flexible term is shorter than the maximum", i+1, t, s.MaxTermYears)
		case i > 0 && t <= s.TermSteps[i-1]:
			v.errf("supply.term_steps", "item %d = %d does not ascend", i+1, t)
		}
	}
	v.between("supply.full_term_min_lifecycle", s.FullTermMinLifecycle, 1, 100)
	v.intBetween("supply.lease_then_transfer.lease_years", s.LeaseThenTransfer.LeaseYears, 1, 5)
	v.enterpriseTypes("supply.lease_then_transfer.enterprise_types", s.LeaseThenTransfer.EnterpriseTypes)
	v.intBetween("supply.long_lease.min_years", s.LongLease.MinYears, 1, s.MaxTermYears)
	v.intBetween("supply.long_lease.max_years", s.LongLease.MaxYears, max(1, s.LongLease.MinYears), 20)
	for _, k := range s.LongLease.Industries {
		if _, ok := p.Industries[k]; !ok {
			v.errf("supply.long_lease.industries", "%q is not an industry of the profile", k)
		}
	}
	v.intBetween("supply.phased.reserve_years", s.Phased.ReserveYears, 1, 10)
}

func (p *Profile) validateScore(v *validator) {
	sc := p.Score
	v.oneOf("score.method", sc.Method, MethodExplicit, MethodEntropy, MethodAHP)
	v.oneOf("score.aggregation", sc.Aggregation, AggregationBenchmark, AggregationWeightedSum, AggregationTOPSIS)
	p.validateBenchmarks(v)
	if !(sc.MaxCR > 0 && sc.MaxCR <= 1) {
		v.errf("score.max_cr", "%v is out of range (0, 1]", sc.MaxCR)
	}
	if len(sc.Criteria) == 0 {
		v.errf("score.criteria", "empty: at least one criterion is needed")
	}
	listed := p.validateCriteria(v)
	for _, c := range sortedKeys(sc.Directions) {
		key := "score.directions." + c
		if _, ok := CriterionByName(c); !ok {
			v.errf(key, "%q is not a known criterion (known: %s)", c, criterionNames())
		}
		v.oneOf(key, sc.Directions[c], DirectionBenefit, DirectionCost)
	}
	p.validateWeights(v, listed)
	if sc.Method == MethodAHP || len(sc.Judgement) > 0 {
		p.validateJudgement(v)
	}
}

// validateBenchmarks checks the benchmarks of the benchmark aggregation:
// known criteria, not negative, and one for every unbounded criterion it
// measures.
func (p *Profile) validateBenchmarks(v *validator) {
	sc := p.Score
	for _, c := range sortedKeys(sc.Benchmarks) {
		key := "score.benchmarks." + c
		if _, ok := CriterionByName(c); !ok {
			v.errf(key, "%q is not a known criterion (known: %s)", c, criterionNames())
		}
		v.atLeast(key, sc.Benchmarks[c], 0)
	}
	if sc.Aggregation == AggregationBenchmark {
		for _, c := range sc.Criteria {
			if cr, ok := CriterionByName(c); ok && !cr.Bounded && sc.Benchmarks[c] <= 0 {
				v.errf("score.benchmarks."+c, "missing: the benchmark aggregation measures %s (%s) against a benchmark", c, cr.Unit)
			}
		}
	}
}

// validateCriteria checks the listed criteria (known, each once) and
// returns them as a set.
func (p *Profile) validateCriteria(v *validator) map[string]bool {
	sc := p.Score
	listed := map[string]bool{}
	for i, c := range sc.Criteria {
		if _, ok := CriterionByName(c); !ok {
			v.errf("score.criteria", "item %d %q is not a known criterion (known: %s)", i+1, c, criterionNames())
		}
		if listed[c] {
			v.errf("score.criteria", "item %d %q is listed twice", i+1, c)
		}
		listed[c] = true
	}
	return listed
}

// validateWeights checks the weights (known criteria, listed, finite and
// not negative) and, for the explicit method, that every listed criterion
// has one and that they are not all 0.
func (p *Profile) validateWeights(v *validator, listed map[string]bool) {
	sc := p.Score
	total := 0.0
	for _, c := range sortedKeys(sc.Weights) {
		key := "score.weights." + c
		w := sc.Weights[c]
		switch _, known := CriterionByName(c); {
		case !known:
			v.errf(key, "%q is not a known criterion (known: %s)", c, criterionNames())
		case !listed[c]:
			v.warnf(key, "%q is not in score.criteria: the weight is not used", c)
		}
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			v.errf(key, "%v: a weight must be finite and ≥ 0", w)
		} else if listed[c] {
			total += w
		}
	}
	if sc.Method == MethodExplicit {
		for _, c := range sc.Criteria {
			if _, ok := sc.Weights[c]; !ok {
				v.errf("score.weights."+c, "missing: the explicit method needs a weight for every criterion")
			}
		}
		if total == 0 && len(sc.Criteria) > 0 {
			v.errf("score.weights", "all weights of the listed criteria are 0")
		}
	}
}

func (p *Profile) validateJudgement(v *validator) {
	sc := p.Score
	n := len(sc.Criteria)
	report := v.errf
	if sc.Method != MethodAHP {
		report = v.warnf // unused, but kept consistent for a switch to ahp
	}
	if len(sc.Judgement) != n {
		report("score.judgement", "%d rows for %d criteria", len(sc.Judgement), n)
		return
	}
	if n > score.MaxAHPOrder {
		report("score.judgement", "AHP takes at most %d criteria (the random index is tabulated to n = %d); score.criteria has %d", score.MaxAHPOrder, score.MaxAHPOrder, n)
		return
	}
	rep, err := score.AHP(sc.Judgement)
	if err != nil {
		var ie *score.InputError
		if errors.As(err, &ie) {
			report("score.judgement", "%s", ie.Msg)
		} else {
			report("score.judgement", "%v", err)
		}
		return
	}
	if rep.CR >= sc.MaxCR {
		report("score.judgement", "consistency ratio CR = %.4f ≥ %.4g (score.max_cr): revise the judgements", rep.CR, sc.MaxCR)
	}
}

// Direction returns the direction of a criterion: the profile's, or the
// criterion's natural one when the profile gives none.
func (p *Profile) Direction(criterion string) string {
	if d, ok := p.Score.Directions[criterion]; ok {
		return d
	}
	c, _ := CriterionByName(criterion)
	return c.Direction
}

func criterionNames() string {
	var names []string
	for _, c := range criteria {
		names = append(names, c.Name)
	}
	return fmt.Sprint(names)
}

type validator struct {
	file string
	ds   []planner.Diagnostic
}

func (v *validator) add(sev planner.Severity, key, format string, args ...any) {
	d := planner.Diagnostic{Severity: sev, Code: "policy.value", File: v.file, Property: key, Message: fmt.Sprintf(format, args...)}
	if zh, ok := validateZH[format]; ok {
		d.MessageZH = fmt.Sprintf(zh, args...)
	}
	v.ds = append(v.ds, d)
}

func (v *validator) errf(key, format string, args ...any) {
	v.add(planner.SeverityError, key, format, args...)
}

func (v *validator) warnf(key, format string, args ...any) {
	v.add(planner.SeverityWarning, key, format, args...)
}

func (v *validator) between(key string, x, lo, hi float64) {
	if math.IsNaN(x) || x < lo || x > hi {
		v.errf(key, "%v is out of range [%v, %v]", x, lo, hi)
	}
}

func (v *validator) share(key string, x float64) { v.between(key, x, 0, 1) }

func (v *validator) atLeast(key string, x, lo float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) || x < lo {
		v.errf(key, "%v is out of range: want a finite number ≥ %v", x, lo)
	}
}

func (v *validator) intBetween(key string, x, lo, hi int) {
	if x < lo || x > hi {
		v.errf(key, "%d is out of range [%d, %d]", x, lo, hi)
	}
}

func (v *validator) oneOf(key, x string, allowed ...string) {
	if !slices.Contains(allowed, x) {
		v.errList(key, "%q is not one of %s", x, allowed)
	}
}

func (v *validator) enterpriseTypes(key string, ts []string) {
	for _, t := range ts {
		if !slices.Contains(planner.EnterpriseTypeNames, t) {
			v.errList(key, "%q is not an enterprise type (want one of %s)", t, planner.EnterpriseTypeNames)
		}
	}
}

// errList is errf of a format with a value and a list of names: the
// names joined with ", " in English and 、 in Chinese.
func (v *validator) errList(key, format, x string, names []string) {
	v.errf(key, format, x, quoteJoin(names))
	if zh, ok := validateZH[format]; ok {
		v.ds[len(v.ds)-1].MessageZH = fmt.Sprintf(zh, x, quoteJoinZH(names))
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
