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
	// InvestmentPerMu, OutputPerMu and TaxPerMu are the standard-land
	// indicators over the requested area, 万元/亩.
	InvestmentPerMu float64 `json:"investment_per_mu"`
	OutputPerMu     float64 `json:"output_per_mu"`
	TaxPerMu        float64 `json:"tax_per_mu"`
	// BelowStandard lists the standard-land rules whose threshold the
	// proposal misses.
	BelowStandard []string `json:"below_standard,omitempty"`
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

	// Building coverage.
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

	// Standard-land indicators (12.4).
	if x.AreaMu > 0 {
		a.InvestmentPerMu = x.Investment / x.AreaMu
		a.OutputPerMu = x.Output / x.AreaMu
		a.TaxPerMu = x.Tax / x.AreaMu
	}
	sl := p.StandardLand
	fails := planner.VerdictInfo
	if sl.Binding {
		fails = planner.VerdictFail
	}
	for _, c := range []struct {
		rule, en, zh string
		value, min   float64
	}{
		{RuleStandardInvestment, "investment intensity", "投资强度", a.InvestmentPerMu, or(ind.MinInvestmentPerMu, sl.MinInvestmentPerMu)},
		{RuleStandardOutput, "output per mu", "亩均产值", a.OutputPerMu, or(ind.MinOutputPerMu, sl.MinOutputPerMu)},
		{RuleStandardTax, "tax per mu", "亩均税收", a.TaxPerMu, or(ind.MinTaxPerMu, sl.MinTaxPerMu)},
	} {
		if c.min == 0 {
			continue
		}
		if c.value < c.min {
			a.BelowStandard = append(a.BelowStandard, c.rule)
			add(reason(c.rule, Clause12, fails,
				fmt.Sprintf("%s %.1f 万元/亩 is below the standard-land threshold %.1f (用地少、产出高)", c.en, c.value, c.min),
				fmt.Sprintf("%s %.1f 万元/亩 低于标准地指标 %.1f", c.zh, c.value, c.min)))
		} else {
			add(reason(c.rule, Clause12, planner.VerdictPass,
				fmt.Sprintf("%s %.1f 万元/亩 meets the standard-land threshold %.1f", c.en, c.value, c.min),
				fmt.Sprintf("%s %.1f 万元/亩 达到标准地指标 %.1f", c.zh, c.value, c.min)))
		}
	}

	// Prospects (clauses 7 and 5).
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
			zh[i] = enterpriseTypeZH(t)
		}
		add(reason(RuleProspectEnterprise, Clause5, planner.VerdictInfo,
			fmt.Sprintf("enterprise type %s of clause 5: good prospects", strings.Join(a.ProspectTypes, ", ")),
			fmt.Sprintf("第五条科技企业类型(%s):前景好", strings.Join(zh, "、"))))
	}
	return a
}

func or(x, fallback float64) float64 {
	if x != 0 {
		return x
	}
	return fallback
}

func enterpriseTypeZH(t string) string {
	switch t {
	case "large":
		return "大型企业"
	case "sme":
		return "中小企业"
	case "startup":
		return "初创企业"
	case "high_tech":
		return "高新技术企业"
	case "specialized":
		return "专精特新中小企业"
	case "gazelle":
		return "瞪羚企业"
	case "unicorn":
		return "独角兽企业"
	}
	return t
}
