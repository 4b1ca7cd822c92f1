package monitor

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// The committed indicators of a covenant.
const (
	IndInvestment = "investment_per_mu" // 投资强度
	IndOutput     = "output_per_mu"     // 亩均产值
	IndTax        = "tax_per_mu"        // 亩均税收
	IndPlotRatio  = "plot_ratio"        // 容积率
)

// plotRatioSourceZH is where the industries' minimum plot ratios come from.
const plotRatioSourceZH = "工业项目建设用地控制指标(国土资发〔2008〕24号)"

// addMonths returns the date months after d (YYYY-MM-DD); "" for a date
// that does not parse.
func addMonths(d string, months int) string {
	t, err := time.Parse(policy.DateLayout, d)
	if err != nil {
		return ""
	}
	return t.AddDate(0, months, 0).Format(policy.DateLayout)
}

// Covenants returns the covenant of every allocation of the plan, in the
// plan's order. proposals must hold the plan's proposals (their industry,
// plot ratio and floor area); a proposal missing is an error.
func Covenants(p *policy.Profile, pl *plan.Plan, proposals []planner.Proposal) ([]Covenant, error) {
	byID := make(map[string]*planner.Proposal, len(proposals))
	for i := range proposals {
		byID[proposals[i].ID] = &proposals[i]
	}
	out := make([]Covenant, 0, len(pl.Allocations))
	for i := range pl.Allocations {
		a := &pl.Allocations[i]
		q, ok := byID[a.Proposal]
		if !ok {
			return nil, planner.ErrorfZH(planner.KindNotFound, "plan %s allocates proposal %s, which is not stored", "方案 %s 配置了项目提案 %s，但该提案未保存", pl.ID, a.Proposal)
		}
		out = append(out, covenant(p, pl, a, q))
	}
	return out, nil
}

func covenant(p *policy.Profile, pl *plan.Plan, a *plan.Allocation, q *planner.Proposal) Covenant {
	m := p.Monitor
	c := Covenant{Plan: pl.ID, Project: a.Proposal, ProjectName: a.ProposalName, Parcel: a.Parcel, Zone: a.Zone,
		Industry: q.Industry, AreaMu: a.AreaMu, SupplyMode: a.SupplyMode, TermText: a.TermText, TermTextZH: a.TermTextZH,
		PriceYuan: a.PriceYuan, Stock: a.Stock, InvestmentWY: q.Investment}
	c.Delivered = a.StartFrom
	if c.Delivered == "" {
		c.Delivered = pl.AsOf
	}
	c.StartBy = addMonths(c.Delivered, m.StartMonths)
	c.CompleteBy = addMonths(c.StartBy, m.CompletionMonths)
	first := addMonths(c.CompleteBy, m.ProductionMonths)
	c.Checks = []string{first}
	for k := 1; k <= m.Rechecks; k++ {
		c.Checks = append(c.Checks, addMonths(first, 12*m.RecheckYears*k))
	}
	th, srcs := p.StandardThresholds(q.Industry, a.Zone)
	src := strings.Join(srcs, ";")
	req := func(threshold, committed float64) float64 { return math.Max(threshold, m.CommitmentShare*committed) }
	add := func(name, unit string, committed, threshold float64, source string) {
		if threshold == 0 {
			source = ""
		}
		c.Indicators = append(c.Indicators, Commitment{Name: name, Unit: unit, Committed: committed, Threshold: threshold,
			Source: source, Required: req(threshold, committed)})
	}
	add(IndInvestment, "万元/亩", a.PerMu.Investment, th.MinInvestmentPerMu, src)
	add(IndOutput, "万元/亩", a.PerMu.Output, th.MinOutputPerMu, src)
	add(IndTax, "万元/亩", a.PerMu.Tax, th.MinTaxPerMu, src)
	minPR := p.Industries[q.Industry].MinPlotRatio
	pr := minPR
	if q.PlotRatio != nil {
		pr = *q.PlotRatio
	}
	add(IndPlotRatio, "", pr, minPR, plotRatioSourceZH)
	c.FloorAreaM2 = pr * a.AreaMu * planner.SquareMetresPerMu
	if q.FloorAreaM2 != nil && *q.FloorAreaM2 > 0 {
		c.FloorAreaM2 = *q.FloorAreaM2
	}
	idle := p.Stock.Idle
	c.FeeDue = addMonths(c.StartBy, 12*idle.FeeAfterYears)
	c.RecoveryDue = addMonths(c.StartBy, 12*idle.RecoveryAfterYears)
	c.FeeShare = idle.FeeShare
	c.FeeYuan = idle.FeeShare * a.PriceYuan
	return c
}

// BreachText says what a breach of the covenant costs, in English and
// Chinese: the idle fee and recovery of 令第53号 with their dates, and the
// checks of the committed indicators.
func (c Covenant) BreachText() (en, zh string) {
	fee, feeZH := fmt.Sprintf("%.0f yuan", c.FeeYuan), fmt.Sprintf("%.0f 元", c.FeeYuan)
	if c.PriceYuan <= 0 {
		fee, feeZH = "leased land without a transfer price: as the lease contract sets it", "租赁用地无出让价款:按租赁合同约定"
	}
	en = fmt.Sprintf("Not started one year after the agreed start (from %s): idle land (令第53号), idle fee of %.0f%% of the land price (%s); not started two years after it (from %s): taken back without compensation. Halted for a year with less than a third built or a quarter invested: the same, counted from the halt. A delay caused by government action (art. 8) is not charged. Committed indicators missed at a check: the breach is recorded, the enterprise is rated in the per-mu evaluation, and land rated inefficient is bought back or surrendered by agreement.",
		c.FeeDue, 100*c.FeeShare, fee, c.RecoveryDue)
	zh = fmt.Sprintf("超过约定动工日期满一年(%s 起)未动工的,按闲置土地处置(令第53号),征缴土地闲置费,按土地价款的 %.0f%% 计(%s);满两年(%s 起)未动工的,无偿收回土地使用权。已动工但开发面积不足三分之一或投资额不足百分之二十五且中止开发满一年的,自中止之日起同样计算。因政府原因造成动工开发延迟的(第八条),不征缴闲置费、不收回。复核时承诺指标未达到的,记为违约,纳入亩均效益评价;认定为低效用地的,依法收购储备或协议腾退。",
		c.FeeDue, 100*c.FeeShare, feeZH, c.RecoveryDue)
	return en, zh
}
