package rules

import (
	"fmt"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// ProposalAssessment is what the rules say about one proposal on its own.
type ProposalAssessment struct {
	Proposal planner.Proposal `json:"-"`
	ID       string           `json:"proposal"`
	// Industry is the proposal's industry key; IndustryKnown says whether
	// the profile has it.
	Industry      string `json:"industry"`
	IndustryKnown bool   `json:"industry_known"`
	// MinPlotRatio is the industry's minimum plot ratio (0 = none).
	MinPlotRatio float64 `json:"min_plot_ratio"`
	// Strategic is true for a strategic emerging industry of clause 7.
	Strategic bool `json:"strategic"`
	// ProspectTypes are the proposal's enterprise types that count as good
	// prospects (clause 5).
	ProspectTypes []string `json:"prospect_types,omitempty"`
	// InvestmentPerMu, OutputPerMu and TaxPerMu are the per-亩 figures
	// (PerMu) over the requested area, 万元/亩: what the proposal shows
	// before a parcel is chosen. On a parcel the figures are over the land
	// planned there (PairAssessment.PerMu), which the standard-land rules
	// and the score use.
	InvestmentPerMu float64 `json:"investment_per_mu"`
	OutputPerMu     float64 `json:"output_per_mu"`
	TaxPerMu        float64 `json:"tax_per_mu"`
	// LifecycleYears is the proposal's lifecycle, or its industry's.
	LifecycleYears float64 `json:"lifecycle_years"`
	// Eligible is false when a proposal rule fails: the proposal can then
	// go on no parcel.
	Eligible bool             `json:"eligible"`
	Reasons  []planner.Reason `json:"reasons"`

	industry policy.Industry
}

// AssessProposal applies the proposal rules: the industry is known, the
// minimum plot ratio by industry and the building coverage (12.1), the
// standard-land indicators (12.4) and the prospects of clauses 5 and 7.
func AssessProposal(p *policy.Profile, x planner.Proposal) ProposalAssessment {
	a := ProposalAssessment{Proposal: x, ID: x.ID, Industry: x.Industry, Eligible: true}
	add := func(r planner.Reason) {
		if r.Verdict == planner.VerdictFail {
			a.Eligible = false
		}
		a.Reasons = append(a.Reasons, r)
	}
	ind, ok := p.Industry(x.Industry)
	a.IndustryKnown, a.industry = ok, ind
	if !ok {
		add(reason(RuleIndustry, Clause12, planner.VerdictFail,
			fmt.Sprintf("industry %q is not an industry of the policy profile", x.Industry),
			fmt.Sprintf("行业 %q 不在政策配置的行业表中", x.Industry)))
	}
	a.MinPlotRatio = ind.MinPlotRatio
	a.Strategic = ind.Strategic
	a.LifecycleYears = ind.LifecycleYears
	if x.LifecycleYears != nil && *x.LifecycleYears > 0 {
		a.LifecycleYears = *x.LifecycleYears
	}

	// Plot ratio by industry (2008 control indicators).
	plotRatioIndustryRule(x, ind, ok, add)

	// Building coverage.
	buildingCoverageRule(p, x, add)

	// Per-亩 figures over the requested area, for display; the
	// standard-land thresholds apply on a parcel (pair rules), over the
	// land planned there.
	pm := PerMu(x, x.AreaMu)
	a.InvestmentPerMu, a.OutputPerMu, a.TaxPerMu = pm.Investment, pm.Output, pm.Tax

	// Facility floor area (clause 13).
	floorAreaRule(p, x, add)

	// Prospects (clauses 7 and 5).
	prospectRules(p, x, ind, ok, &a, add)
	return a
}

// plotRatioIndustryRule checks the project's plot ratio against its
// industry's minimum (2008 control indicators).
func plotRatioIndustryRule(x planner.Proposal, ind policy.Industry, ok bool, add func(planner.Reason)) {
	switch {
	case !ok || ind.MinPlotRatio == 0:
	case x.PlotRatio == nil:
		add(reason(RulePlotRatioIndustry, Clause12, planner.VerdictInfo,
			fmt.Sprintf("plot ratio not given: the contract will require at least %.2f for %s", ind.MinPlotRatio, ind.NameEN),
			fmt.Sprintf("未提供容积率:出让合同将要求%s容积率不低于 %.2f", ind.NameZH, ind.MinPlotRatio)))
	case *x.PlotRatio < ind.MinPlotRatio:
		add(reason(RulePlotRatioIndustry, Clause12, planner.VerdictFail,
			fmt.Sprintf("plot ratio %.2f is below the minimum %.2f for %s", *x.PlotRatio, ind.MinPlotRatio, ind.NameEN),
			fmt.Sprintf("容积率 %.2f 低于%s下限 %.2f", *x.PlotRatio, ind.NameZH, ind.MinPlotRatio)))
	default:
		add(reason(RulePlotRatioIndustry, Clause12, planner.VerdictPass,
			fmt.Sprintf("plot ratio %.2f meets the minimum %.2f for %s", *x.PlotRatio, ind.MinPlotRatio, ind.NameEN),
			fmt.Sprintf("容积率 %.2f 达到%s下限 %.2f", *x.PlotRatio, ind.NameZH, ind.MinPlotRatio)))
	}
}

// buildingCoverageRule checks the project's building coverage against
// the profile's minimum.
func buildingCoverageRule(p *policy.Profile, x planner.Proposal, add func(planner.Reason)) {
	minBC := p.PlannedUse.BuildingCoverageMin
	switch {
	case x.BuildingCoverage == nil:
		add(reason(RuleBuildingCoverage, Clause12, planner.VerdictInfo,
			fmt.Sprintf("building coverage not given: the contract will require at least %.0f%%", minBC*100),
			fmt.Sprintf("未提供建筑系数:出让合同将要求不低于 %.0f%%", minBC*100)))
	case *x.BuildingCoverage < minBC:
		add(reason(RuleBuildingCoverage, Clause12, planner.VerdictFail,
			fmt.Sprintf("building coverage %.0f%% is below the minimum %.0f%%", *x.BuildingCoverage*100, minBC*100),
			fmt.Sprintf("建筑系数 %.0f%% 低于下限 %.0f%%", *x.BuildingCoverage*100, minBC*100)))
	default:
		add(reason(RuleBuildingCoverage, Clause12, planner.VerdictPass,
			fmt.Sprintf("building coverage %.0f%% meets the minimum %.0f%%", *x.BuildingCoverage*100, minBC*100),
			fmt.Sprintf("建筑系数 %.0f%% 达到下限 %.0f%%", *x.BuildingCoverage*100, minBC*100)))
	}
}

// prospectRules records the project's prospects: a strategic emerging
// industry (clause 7) and the enterprise types of clause 5.
func prospectRules(p *policy.Profile, x planner.Proposal, ind policy.Industry, ok bool, a *ProposalAssessment, add func(planner.Reason)) {
	if ok && ind.Strategic {
		add(reason(RuleProspectStrategic, Clause7, planner.VerdictInfo,
			fmt.Sprintf("%s is a strategic emerging industry of clause 7: good prospects", ind.NameEN),
			fmt.Sprintf("%s属于第七条战略性新兴产业:前景好", ind.NameZH)))
	}
	for _, t := range x.EnterpriseTypes {
		if p.IsProspect(t) {
			a.ProspectTypes = append(a.ProspectTypes, t)
		}
	}
	if len(a.ProspectTypes) > 0 {
		zh := make([]string, len(a.ProspectTypes))
		for i, t := range a.ProspectTypes {
			zh[i] = planner.EnterpriseTypeNameZH(t)
		}
		add(reason(RuleProspectEnterprise, Clause5, planner.VerdictInfo,
			fmt.Sprintf("enterprise type %s of clause 5: good prospects", strings.Join(a.ProspectTypes, ", ")),
			fmt.Sprintf("第五条科技企业类型(%s):前景好", strings.Join(zh, "、"))))
	}
}

// PerMuFigures are a project's figures per 亩 of land (亩均), 万元/亩
// (jobs per 亩).
type PerMuFigures struct {
	Investment float64 `json:"investment_per_mu"` // 投资强度
	Output     float64 `json:"output_per_mu"`     // 亩均产值
	Tax        float64 `json:"tax_per_mu"`        // 亩均税收
	Jobs       float64 `json:"jobs_per_mu"`       // 亩均就业
}

// PerMu is the one definition of the per-亩 figures (12.4, 亩均): the
// project's investment, annual output, annual tax and jobs over landMu,
// the land the project is planned to use, all phases included. Scoring,
// the standard-land thresholds, explanations and plan totals all divide
// by that land; before a parcel is chosen it is the requested area. All
// zero when landMu ≤ 0.
func PerMu(q planner.Proposal, landMu float64) PerMuFigures {
	if landMu <= 0 {
		return PerMuFigures{}
	}
	return PerMuFigures{Investment: q.Investment / landMu, Output: q.Output / landMu, Tax: q.Tax / landMu, Jobs: float64(q.Jobs) / landMu}
}

// floorAreaRule applies clause 13: the floor area of office and living
// facilities at most facility.floor_area_cap of the project's floor area.
func floorAreaRule(p *policy.Profile, x planner.Proposal, add func(planner.Reason)) {
	capShare := p.Facility.FloorAreaCap
	if x.FloorAreaM2 == nil || x.FacilityFloorAreaM2 == nil || *x.FloorAreaM2 <= 0 {
		add(reason(RuleFacilityFloorArea, Clause13, planner.VerdictInfo,
			fmt.Sprintf("facility floor area not checked: no floor-area data (the contract will cap it at %.0f%% of the floor area)", capShare*100),
			fmt.Sprintf("未核查配套设施建筑面积:无建筑面积数据(出让合同将约定不超过总建筑面积的 %.0f%%)", capShare*100)))
		return
	}
	fa, ff := *x.FloorAreaM2, *x.FacilityFloorAreaM2
	share := ff / fa
	if share <= capShare+shareSlack {
		add(reason(RuleFacilityFloorArea, Clause13, planner.VerdictPass,
			fmt.Sprintf("facility floor area %.0f m² is %.1f%% of the %.0f m² floor area, within %.0f%%", ff, share*100, fa, capShare*100),
			fmt.Sprintf("配套设施建筑面积 %.0f m² 占总建筑面积 %.0f m² 的 %.1f%%,未超过 %.0f%%", ff, fa, share*100, capShare*100)))
		return
	}
	if p.Facility.OverCap == policy.OverCapTrim {
		add(reason(RuleFacilityFloorArea, Clause13, planner.VerdictInfo,
			fmt.Sprintf("facility floor area %.0f m² is %.1f%% of the %.0f m² floor area, over %.0f%%: the contract caps it at %.0f m²", ff, share*100, fa, capShare*100, capShare*fa),
			fmt.Sprintf("配套设施建筑面积 %.0f m² 占总建筑面积 %.0f m² 的 %.1f%%,超过 %.0f%%:出让合同核减至 %.0f m²", ff, fa, share*100, capShare*100, capShare*fa)))
		return
	}
	add(reason(RuleFacilityFloorArea, Clause13, planner.VerdictFail,
		fmt.Sprintf("facility floor area %.0f m² is %.1f%% of the %.0f m² floor area, over %.0f%%: rejected", ff, share*100, fa, capShare*100),
		fmt.Sprintf("配套设施建筑面积 %.0f m² 占总建筑面积 %.0f m² 的 %.1f%%,超过 %.0f%%:不予供地", ff, fa, share*100, capShare*100)))
}
