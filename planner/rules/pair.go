package rules

import (
	"fmt"
	"math"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// PairAssessment is what the rules say about one proposal on one parcel.
type PairAssessment struct {
	Proposal string `json:"proposal"`
	Parcel   string `json:"parcel"`
	// Eligible is true when no parcel, proposal or pair rule fails.
	Eligible bool `json:"eligible"`
	// Failed lists the rules that fail, parcel and proposal rules included.
	Failed []string `json:"failed,omitempty"`
	// AllocatedMu is the area the project would get: its requested area,
	// or the whole parcel when the parcel lies between the minimum and the
	// requested area.
	AllocatedMu float64 `json:"allocated_mu"`
	// FacilityShare is the facility land share after the cap rule;
	// FacilityMu and DormitoryMu are the facility and dormitory-type
	// rental housing land in 亩 (12.6); FacilityTrimmedMu is the facility
	// land trimmed off by the cap rule.
	FacilityShare     float64 `json:"facility_share"`
	FacilityMu        float64 `json:"facility_mu"`
	DormitoryMu       float64 `json:"dormitory_mu"`
	FacilityTrimmedMu float64 `json:"facility_trimmed_mu,omitempty"`
	// NewLandMu is the new land the pair takes, all phases; StockMu the
	// stock land (one of them is AllocatedMu, the other 0).
	NewLandMu float64 `json:"new_land_mu"`
	StockMu   float64 `json:"stock_mu"`
	// Charges are the new land the pair charges to each year's quota:
	// each phase in the year it is released (none on stock land).
	Charges []YearCharge `json:"charges,omitempty"`
	// PerMu are the project's figures over AllocatedMu (PerMu).
	PerMu PerMuFigures `json:"per_mu"`
	// BelowStandard lists the standard-land rules whose threshold the
	// project misses on this parcel.
	BelowStandard []string `json:"below_standard,omitempty"`
	// HeavierBy is how many classes the land is heavier than the project
	// needs (scored down by planned_use.heavier_penalty each).
	HeavierBy int `json:"heavier_by,omitempty"`
	// Criteria holds the raw criterion values for scoring, by criterion
	// name (every criterion of policy.Criteria()).
	Criteria map[string]float64 `json:"criteria,omitempty"`
	// Reasons are the pair rules' reasons and the failing parcel and
	// proposal rules' reasons.
	Reasons []planner.Reason `json:"reasons,omitempty"`

	parcel   *ParcelAssessment
	proposal *ProposalAssessment
	values   [numCriteria]float64
}

// YearCharge is new land charged to one year's quota.
type YearCharge struct {
	Year   int     `json:"year"`
	AreaMu float64 `json:"area_mu"`
}

// numCriteria is the number of criteria the rules compute:
// len(policy.Criteria()), which a test checks.
const numCriteria = 12

// Criterion indices in policy.Criteria() order.
const (
	cOutput = iota
	cTax
	cInvestment
	cJobs
	cRD
	cStrategic
	cProspect
	cAreaFit
	cWaste
	cStock
	cZone
	cServiced
)

// AssessPair applies the pair rules to a proposal on a parcel, given their
// assessments (which the pair keeps a pointer to): planned use and class
// compatibility (12.1), the parcel's plot-ratio range, area fit, facility
// land and dormitories under the cap rule (12.7, clause 13) and the quota
// (new land) or stock use (12.2). A failing parcel or proposal rule makes
// the pair ineligible too, and its reason is carried.
func AssessPair(p *policy.Profile, pa *ParcelAssessment, qa *ProposalAssessment) PairAssessment {
	return evalPair(p, pa, qa, true)
}

// evalPair is AssessPair; without full it records failing rule names and
// figures but builds no messages.
func evalPair(p *policy.Profile, pa *ParcelAssessment, qa *ProposalAssessment, full bool) PairAssessment {
	x, q := &pa.Parcel, &qa.Proposal
	r := PairAssessment{Proposal: q.ID, Parcel: x.ID, parcel: pa, proposal: qa}
	c := collector{full: full}
	c.carry(pa.Reasons)
	c.carry(qa.Reasons)

	// Planned use (12.1).
	landUseRule(pa, qa, &c)
	lu := pa.LandUse
	if lu.Industrial() && q.LandClass > 0 {
		r.HeavierBy = classRule(p, lu, q.LandClass, &c)
	}

	// Plot ratio range of the parcel vs the project.
	plotRatioRule(x, q, qa, &c)

	// Area fit.
	areaFitRule(pa, q, &r, &c)

	// Facility land (12.7).
	facilityRule(p, &r, x.Zone, q, &c)

	// Standard land (12.4), per 亩 of the land planned here.
	r.PerMu = PerMu(*q, r.AllocatedMu)
	if qa.IndustryKnown {
		r.BelowStandard = standardRule(p, q.Industry, x.Zone, r.PerMu, &c)
	}

	// Quota or stock (12.2); a phased project's phases each count against
	// the quota of the year they are released.
	if pa.Stock {
		r.StockMu = r.AllocatedMu
	} else {
		quotaRule(p, q, &r, &c)
	}

	r.Failed, r.Reasons = c.failed, c.reasons
	r.Eligible = len(r.Failed) == 0
	r.criteria(pa, qa)
	if full {
		r.Criteria = r.Values()
	}
	return r
}

// carry keeps the failing reasons of a parcel's or a proposal's own
// rules as the pair's.
func (c *collector) carry(rs []planner.Reason) {
	for _, rr := range rs {
		if rr.Verdict == planner.VerdictFail {
			c.failed = append(c.failed, rr.Rule)
			if c.full {
				c.reasons = append(c.reasons, rr)
			}
		}
	}
}

// landUseRule checks the planned use (12.1): storage land is for
// logistics, and a storage-only industry takes no industrial land.
func landUseRule(pa *ParcelAssessment, qa *ProposalAssessment, c *collector) {
	ind := qa.industry
	lu := pa.LandUse
	if pa.Available && qa.IndustryKnown {
		switch {
		case lu.Storage && ind.Land == policy.LandIndustrial:
			c.add(RuleLandUseStorage, Clause12, planner.VerdictFail, func() (string, string) {
				return fmt.Sprintf("storage land %s is for logistics only; %s needs industrial land", lu.Code, ind.NameEN),
					fmt.Sprintf("仓储用地 %s 仅供物流仓储项目;%s项目需工业用地", lu.Code, ind.NameZH)
			})
		case lu.Industrial() && ind.Land == policy.LandStorage:
			c.add(RuleLandUseIndustrial, Clause12, planner.VerdictFail, func() (string, string) {
				return fmt.Sprintf("%s takes storage land only; %s is industrial land", ind.NameEN, lu.Code),
					fmt.Sprintf("%s项目仅使用仓储用地;%s 为工业用地", ind.NameZH, lu.Code)
			})
		}
	}
}

// areaFitRule sets the area allocated on the parcel and checks that it
// fits the project: the area requested, or the whole parcel when it is
// smaller but still at least the project's minimum.
func areaFitRule(pa *ParcelAssessment, q *planner.Proposal, r *PairAssessment, c *collector) {
	parcelMu := pa.AreaMu
	minMu := q.MinAreaMu
	if minMu <= 0 {
		minMu = q.AreaMu
	}
	switch {
	case parcelMu+areaSlackMu < minMu:
		c.add(RuleAreaFit, Clause12, planner.VerdictFail, func() (string, string) {
			return fmt.Sprintf("parcel has %.2f mu, less than the %.2f mu the project needs at least", parcelMu, minMu),
				fmt.Sprintf("地块 %.2f 亩,小于项目最小用地 %.2f 亩", parcelMu, minMu)
		})
		r.AllocatedMu = parcelMu
	case parcelMu+areaSlackMu < q.AreaMu:
		r.AllocatedMu = parcelMu
		c.add(RuleAreaFit, Clause12, planner.VerdictPass, func() (string, string) {
			return fmt.Sprintf("the whole parcel, %.2f mu, is allocated: between the minimum %.2f and the %.2f mu requested", parcelMu, minMu, q.AreaMu),
				fmt.Sprintf("整宗供应 %.2f 亩:介于最小用地 %.2f 亩与申请 %.2f 亩之间", parcelMu, minMu, q.AreaMu)
		})
	default:
		r.AllocatedMu = q.AreaMu
		c.add(RuleAreaFit, Clause12, planner.VerdictPass, func() (string, string) {
			return fmt.Sprintf("%.2f mu requested of the parcel's %.2f mu (%.2f mu left)", q.AreaMu, parcelMu, parcelMu-q.AreaMu),
				fmt.Sprintf("申请 %.2f 亩,地块 %.2f 亩(剩余 %.2f 亩)", q.AreaMu, parcelMu, parcelMu-q.AreaMu)
		})
	}
}

// quotaRule charges new land to the quota of each year a phase is
// released in (12.2) and checks that the year has a quota it fits.
func quotaRule(p *policy.Profile, q *planner.Proposal, r *PairAssessment, c *collector) {
	r.NewLandMu = r.AllocatedMu
	for _, ph := range PhaseSplit(p, q, r.AllocatedMu) {
		r.Charges = append(r.Charges, YearCharge{Year: ph.Year, AreaMu: ph.AreaMu})
	}
	for _, ch := range r.Charges {
		quota, ok := p.QuotaFor(ch.Year)
		switch {
		case !ok:
			c.add(RuleQuota, Clause12, planner.VerdictFail, func() (string, string) {
				return fmt.Sprintf("%.2f mu of new land would be released in %d, a year without a new-land quota (quota.by_year.%d)", ch.AreaMu, ch.Year, ch.Year),
					fmt.Sprintf("新增用地 %.2f 亩将于 %d 年供应,该年度无新增建设用地指标", ch.AreaMu, ch.Year)
			})
		case ch.AreaMu > quota+areaSlackMu:
			c.add(RuleQuota, Clause12, planner.VerdictFail, func() (string, string) {
				return fmt.Sprintf("%.2f mu of new land in %d exceeds that year's whole quota of %.2f mu", ch.AreaMu, ch.Year, quota),
					fmt.Sprintf("%d 年新增用地 %.2f 亩超过该年度新增建设用地指标 %.2f 亩", ch.Year, ch.AreaMu, quota)
			})
		}
	}
}

// areaSlackMu absorbs rounding of areas computed from geometry: a parcel
// within 0.001 亩 (0.67 m², below survey precision) of an area counts as
// that area.
const areaSlackMu = 1e-3

// collector gathers a pair's failing rules and, when full, its reasons;
// messages are built only when full.
type collector struct {
	full    bool
	failed  []string
	reasons []planner.Reason
}

func (c *collector) add(rule, clause string, v planner.Verdict, msg func() (string, string)) {
	if v == planner.VerdictFail {
		c.failed = append(c.failed, rule)
	}
	if c.full {
		en, zh := msg()
		c.reasons = append(c.reasons, reason(rule, clause, v, en, zh))
	}
}

// classRule applies the class compatibility and returns how many classes
// heavier the land is.
func classRule(p *policy.Profile, lu planner.LandUse, need int, c *collector) int {
	have := lu.IndustrialClass
	if have == 0 {
		c.add(RuleLandClass, Clause12, planner.VerdictInfo, func() (string, string) {
			return fmt.Sprintf("industrial land %s does not state its class; class %d assumed compatible", lu.Code, need),
				fmt.Sprintf("工业用地 %s 未分类别,视为与%d类兼容", lu.Code, need)
		})
		return 0
	}
	ok := true
	switch p.PlannedUse.Compatibility {
	case policy.CompatSame:
		ok = have == need
	case policy.CompatSameOrHeavier:
		ok = have >= need
	}
	if !ok {
		c.add(RuleLandClass, Clause12, planner.VerdictFail, func() (string, string) {
			return fmt.Sprintf("class %d industrial land cannot take a project needing class %d (%s)", have, need, p.PlannedUse.Compatibility),
				fmt.Sprintf("%d类工业用地不能安排需要%d类用地的项目", have, need)
		})
		return 0
	}
	if have > need {
		c.add(RuleLandClass, Clause12, planner.VerdictPass, func() (string, string) {
			return fmt.Sprintf("class %d land for a class %d project: allowed, scored down %.3f per class", have, need, p.PlannedUse.HeavierPenalty),
				fmt.Sprintf("%d类用地安排%d类项目:允许,每级扣 %.3f 分", have, need, p.PlannedUse.HeavierPenalty)
		})
		return have - need
	}
	c.add(RuleLandClass, Clause12, planner.VerdictPass, func() (string, string) {
		return fmt.Sprintf("class %d land matches the project's class", have), fmt.Sprintf("%d类用地与项目类别相符", have)
	})
	return 0
}

func plotRatioRule(x *planner.Parcel, q *planner.Proposal, qa *ProposalAssessment, c *collector) {
	lo, hi := 0.0, math.Inf(1)
	if x.MinPlotRatio != nil {
		lo = *x.MinPlotRatio
	}
	if x.MaxPlotRatio != nil {
		hi = *x.MaxPlotRatio
	}
	if x.MinPlotRatio == nil && x.MaxPlotRatio == nil {
		return
	}
	if q.PlotRatio != nil {
		pr := *q.PlotRatio
		if pr < lo || pr > hi {
			c.add(RulePlotRatioParcel, Clause12, planner.VerdictFail, func() (string, string) {
				return fmt.Sprintf("project plot ratio %.2f is outside the parcel's range %s", pr, rangeText(lo, hi)),
					fmt.Sprintf("项目容积率 %.2f 不在地块规划容积率 %s 范围内", pr, rangeText(lo, hi))
			})
			return
		}
		c.add(RulePlotRatioParcel, Clause12, planner.VerdictPass, func() (string, string) {
			return fmt.Sprintf("project plot ratio %.2f is within the parcel's range %s", pr, rangeText(lo, hi)),
				fmt.Sprintf("项目容积率 %.2f 符合地块规划容积率 %s", pr, rangeText(lo, hi))
		})
		return
	}
	if need := qa.MinPlotRatio; need > hi {
		c.add(RulePlotRatioParcel, Clause12, planner.VerdictFail, func() (string, string) {
			return fmt.Sprintf("the parcel allows at most plot ratio %.2f, below the industry minimum %.2f", hi, need),
				fmt.Sprintf("地块容积率上限 %.2f 低于行业下限 %.2f", hi, need)
		})
	}
}

func rangeText(lo, hi float64) string {
	if math.IsInf(hi, 1) {
		return fmt.Sprintf("≥ %.2f", lo)
	}
	return fmt.Sprintf("%.2f–%.2f", lo, hi)
}

// facilityRule applies the facility-land caps: ≤ base cap everywhere, ≤
// raised cap in an eligible zone with the part above the base cap mainly
// dormitory-type rental housing; over a cap, reject or trim.
func facilityRule(p *policy.Profile, r *PairAssessment, zone string, q *planner.Proposal, c *collector) {
	f := p.Facility
	s := 0.0
	if q.FacilityShare != nil {
		s = *q.FacilityShare
	}
	d := 0.0
	if q.DormitoryShare != nil {
		d = *q.DormitoryShare
	}
	dorm := d * s // dormitory land / project land
	eligible := p.ZoneEligible(zone)
	capShare := f.BaseCap
	if eligible {
		capShare = f.RaisedCap
	}
	trim := f.OverCap == policy.OverCapTrim
	final := s
	zoneEN, zoneZH := "not eligible for the raised cap", "不属于可提高比例的园区"
	if eligible {
		zoneEN, zoneZH = "eligible for the raised cap", "属于可提高比例的园区"
	}
	if s > capShare+shareSlack {
		over := s - capShare
		if trim {
			final = capShare
			c.add(RuleFacilityCap, Clause12, planner.VerdictInfo, func() (string, string) {
				return fmt.Sprintf("facility land %.1f%% is over the %.1f%% cap (zone %q %s): trimmed to %.1f%%, by %.2f mu", s*100, capShare*100, zone, zoneEN, capShare*100, over*r.AllocatedMu),
					fmt.Sprintf("配套设施用地 %.1f%% 超过上限 %.1f%%(园区 %q %s):核减至 %.1f%%,减少 %.2f 亩", s*100, capShare*100, zone, zoneZH, capShare*100, over*r.AllocatedMu)
			})
		} else {
			c.add(RuleFacilityCap, Clause12, planner.VerdictFail, func() (string, string) {
				return fmt.Sprintf("facility land %.1f%% is over the %.1f%% cap (zone %q %s) by %.1f points, %.2f mu: rejected", s*100, capShare*100, zone, zoneEN, over*100, over*r.AllocatedMu),
					fmt.Sprintf("配套设施用地 %.1f%% 超过上限 %.1f%%(园区 %q %s)%.1f 个百分点,%.2f 亩:不予供地", s*100, capShare*100, zone, zoneZH, over*100, over*r.AllocatedMu)
			})
		}
	} else if s > 0 {
		c.add(RuleFacilityCap, Clause12, planner.VerdictPass, func() (string, string) {
			return fmt.Sprintf("facility land %.1f%% is within the %.1f%% cap (zone %q %s)", s*100, capShare*100, zone, zoneEN),
				fmt.Sprintf("配套设施用地 %.1f%% 未超过上限 %.1f%%(园区 %q %s)", s*100, capShare*100, zone, zoneZH)
		})
	}
	if final > f.BaseCap+shareSlack {
		increase := final - f.BaseCap
		dormInc := math.Min(dorm, final) / increase
		if dormInc+shareSlack < f.DormitoryMainly {
			if trim {
				to := f.BaseCap + math.Min(dorm, final)/f.DormitoryMainly
				cut := final - to
				c.add(RuleFacilityDormitory, Clause12, planner.VerdictInfo, func() (string, string) {
					return fmt.Sprintf("only %.0f%% of the facility land above %.1f%% is dormitory-type rental housing, not mainly (≥ %.0f%%): trimmed from %.1f%% to %.1f%%, by %.2f mu", dormInc*100, f.BaseCap*100, f.DormitoryMainly*100, final*100, to*100, cut*r.AllocatedMu),
						fmt.Sprintf("超出 %.1f%% 部分中宿舍型保障性租赁住房仅占 %.0f%%,未达“主要用于”(≥ %.0f%%):由 %.1f%% 核减至 %.1f%%,减少 %.2f 亩", f.BaseCap*100, dormInc*100, f.DormitoryMainly*100, final*100, to*100, cut*r.AllocatedMu)
				})
				final = to
			} else {
				c.add(RuleFacilityDormitory, Clause12, planner.VerdictFail, func() (string, string) {
					return fmt.Sprintf("only %.0f%% of the facility land above %.1f%% is dormitory-type rental housing, not mainly (≥ %.0f%%): rejected", dormInc*100, f.BaseCap*100, f.DormitoryMainly*100),
						fmt.Sprintf("超出 %.1f%% 部分中宿舍型保障性租赁住房仅占 %.0f%%,未达“主要用于”(≥ %.0f%%):不予供地", f.BaseCap*100, dormInc*100, f.DormitoryMainly*100)
				})
			}
		} else {
			c.add(RuleFacilityDormitory, Clause12, planner.VerdictPass, func() (string, string) {
				return fmt.Sprintf("%.0f%% of the facility land above %.1f%% is dormitory-type rental housing (≥ %.0f%%)", math.Min(dormInc, 1)*100, f.BaseCap*100, f.DormitoryMainly*100),
					fmt.Sprintf("超出 %.1f%% 部分中宿舍型保障性租赁住房占 %.0f%%(≥ %.0f%%)", f.BaseCap*100, math.Min(dormInc, 1)*100, f.DormitoryMainly*100)
			})
		}
	}
	r.FacilityShare = final
	r.FacilityMu = final * r.AllocatedMu
	r.DormitoryMu = math.Min(dorm, final) * r.AllocatedMu
	r.FacilityTrimmedMu = (s - final) * r.AllocatedMu
}

// shareSlack absorbs float rounding in share comparisons (10⁻⁹ of project
// land, far below any figure an input gives).
const shareSlack = 1e-9

// standardRule applies the standard-land thresholds of the industry in the
// zone (12.4) to the per-亩 figures over the land planned on the parcel:
// below a threshold the pair fails when standard_land.binding, else it is
// noted (and marks the project uncertain for the supply mode). It returns
// the rules whose thresholds are missed.
func standardRule(p *policy.Profile, industry, zone string, pm PerMuFigures, c *collector) []string {
	th, srcs := p.StandardThresholds(industry, zone)
	fails := planner.VerdictInfo
	if p.StandardLand.Binding {
		fails = planner.VerdictFail
	}
	src := strings.Join(srcs, "; ")
	var below []string
	for _, t := range []struct {
		rule, en, zh string
		value, min   float64
	}{
		{RuleStandardInvestment, "investment intensity", "投资强度", pm.Investment, th.MinInvestmentPerMu},
		{RuleStandardOutput, "output per mu", "亩均产值", pm.Output, th.MinOutputPerMu},
		{RuleStandardTax, "tax per mu", "亩均税收", pm.Tax, th.MinTaxPerMu},
	} {
		if t.min == 0 {
			continue
		}
		if t.value+shareSlack < t.min {
			below = append(below, t.rule)
			c.add(t.rule, Clause12, fails, func() (string, string) {
				return fmt.Sprintf("%s %.1f 万元/亩 over the land planned here is below the standard-land threshold %.1f (%s)", t.en, t.value, t.min, src),
					fmt.Sprintf("按本地块规划用地计%s %.1f 万元/亩,低于标准地指标 %.1f(%s)", t.zh, t.value, t.min, src)
			})
			continue
		}
		c.add(t.rule, Clause12, planner.VerdictPass, func() (string, string) {
			return fmt.Sprintf("%s %.1f 万元/亩 over the land planned here meets the standard-land threshold %.1f (%s)", t.en, t.value, t.min, src),
				fmt.Sprintf("按本地块规划用地计%s %.1f 万元/亩,达到标准地指标 %.1f(%s)", t.zh, t.value, t.min, src)
		})
	}
	return below
}

// criteria fills the raw criterion values.
func (r *PairAssessment) criteria(pa *ParcelAssessment, qa *ProposalAssessment) {
	q, x := &qa.Proposal, &pa.Parcel
	v := &r.values
	v[cOutput] = r.PerMu.Output
	v[cTax] = r.PerMu.Tax
	v[cInvestment] = r.PerMu.Investment
	v[cJobs] = r.PerMu.Jobs
	if q.RDShare != nil {
		v[cRD] = *q.RDShare
	}
	v[cStrategic] = b2f(qa.Strategic)
	v[cProspect] = b2f(len(qa.ProspectTypes) > 0)
	if pa.AreaMu > 0 {
		v[cAreaFit] = math.Min(1, r.AllocatedMu/pa.AreaMu)
	}
	v[cWaste] = math.Max(0, pa.AreaMu-r.AllocatedMu)
	v[cStock] = b2f(pa.Stock)
	v[cZone] = b2f(q.PreferredZone == "" || q.PreferredZone == x.Zone)
	v[cServiced] = b2f(x.Serviced != nil && *x.Serviced)
}

// Values returns the raw criterion values by name.
func (r *PairAssessment) Values() map[string]float64 {
	out := make(map[string]float64, numCriteria)
	for i, c := range policy.Criteria() {
		out[c.Name] = r.values[i]
	}
	return out
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
