package rules

import (
	"fmt"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// The clauses of the Liuzhou 2022 measures the rules cite.
const (
	Clause5  = "5"
	Clause7  = "7"
	Clause12 = "12"
	Clause13 = "13"
)

// The rule names, stable across releases: reasons, counts and the
// command's output use them.
const (
	RuleReserved             = "public_facilities.reserved" // 12.5
	RuleOccupied             = "parcel.occupied"
	RuleLandUseCode          = "land_use.code"
	RuleLandUseIndustrial    = "land_use.industrial" // 12.1
	RuleLandUseStorage       = "land_use.storage"
	RuleLandClass            = "land_use.class"
	RuleStock                = "stock.supply" // 12.2: stock land, no quota
	RuleIdleNotStarted       = "stock.idle.not_started"
	RuleIdleHalted           = "stock.idle.halted"
	RuleIdleUnconfirmed      = "stock.idle.unconfirmed"
	RuleInefficientPlot      = "stock.inefficient.plot_ratio"
	RuleInefficientTax       = "stock.inefficient.tax"
	RuleInefficientClass     = "stock.inefficient.class" // the per-亩 evaluation's class, years running
	RuleInefficientUnconf    = "stock.inefficient.unconfirmed"
	RuleStockUnconfirmed     = "stock.unconfirmed" // 12.2: status says stock, no test holds
	RuleStockDisposal        = "stock.disposal"    // 12.2: how stock land is freed, and when
	RuleStockNotFree         = "stock.not_free"    // 12.2: free only after the plan's window
	RuleIndustry             = "industry.known"
	RulePlotRatioIndustry    = "plot_ratio.industry_min"
	RulePlotRatioParcel      = "plot_ratio.parcel_range"
	RuleBuildingCoverage     = "building_coverage.min"
	RuleStandardInvestment   = "standard_land.investment"
	RuleStandardOutput       = "standard_land.output"
	RuleStandardTax          = "standard_land.tax"
	RuleProspectStrategic    = "prospects.strategic" // clause 7
	RuleProspectEnterprise   = "prospects.enterprise_type"
	RuleAreaFit              = "area.fit"
	RuleFacilityCap          = "facility.cap" // 12.7
	RuleFacilityDormitory    = "facility.dormitory"
	RuleFacilityFloorArea    = "facility.floor_area" // clause 13
	RuleSupplyRequest        = "supply.request"      // 12.3: the enterprise's own request
	RuleQuota                = "quota.new_land"
	RuleSupplyMode           = "supply.mode" // 12.3
	RuleSupplyPrice          = "supply.price"
	RuleScore                = "score.total" // 12.4
	RuleScoreClassPenalty    = "score.class_penalty"
	RuleScoreStockFirst      = "score.stock_first"
	RuleScoreEvaluationClass = "score.evaluation_class" // monitor.class_in_score
)

// reason builds a Reason.
func reason(rule, clause string, v planner.Verdict, en, zh string) planner.Reason {
	return planner.Reason{Rule: rule, Clause: clause, Verdict: v, Message: en, MessageZH: zh}
}

// ParcelAssessment is what the rules say about one parcel on its own.
type ParcelAssessment struct {
	Parcel planner.Parcel `json:"-"`
	ID     string         `json:"parcel"`
	Status planner.Status `json:"status"`
	AreaMu float64        `json:"area_mu"`
	// LandUse is the parsed planned use (zero when the code is unknown).
	LandUse planner.LandUse `json:"land_use"`
	// Available is true when the parcel can receive a project: status new
	// on industrial or storage land, or status idle or inefficient where
	// the idle or the inefficient test holds at the planning date and the
	// land is free within stock.disposal.supply_within_months.
	Available bool `json:"available"`
	// Stock is true for idle or inefficient land, which does not consume
	// the new-land quota.
	Stock bool `json:"stock"`
	// Idle is the idle-land finding under 令第53号, nil when the data do
	// not show idle land.
	Idle *IdleFinding `json:"idle,omitempty"`
	// Inefficient lists the inefficient-land thresholds the parcel falls
	// below.
	Inefficient []InefficientFinding `json:"inefficient,omitempty"`
	// Disposal is how stock land is freed and when, nil for new land and
	// for stock land no test confirms.
	Disposal *Disposal `json:"disposal,omitempty"`
	// Investigate is true for land that only looks idle or inefficient:
	// status idle or inefficient without a test that holds, or land in use
	// whose figures meet a test. It is not allocated; check and the plan
	// list it for investigation.
	Investigate bool             `json:"investigate,omitempty"`
	Reasons     []planner.Reason `json:"reasons"`
}

// Disposal is how stock land is freed for a new project (12.2).
type Disposal struct {
	// Route is policy.RouteRecovery (收回, idle land), RouteAcquisition
	// (收购储备) or RouteNegotiated (协议腾退).
	Route string `json:"route"`
	// Test is the rule that confirms the land as stock: RuleIdleNotStarted,
	// RuleIdleHalted, RuleInefficientPlot or RuleInefficientTax.
	Test string `json:"test"`
	// FreeFrom is the date from which the land is free, YYYY-MM-DD; a
	// project on it cannot start before.
	FreeFrom string `json:"free_from"`
}

// RouteNameZH names a disposal route in Chinese: 收回, 收购储备 or 协议腾退.
func RouteNameZH(route string) string {
	switch route {
	case policy.RouteRecovery:
		return "收回"
	case policy.RouteAcquisition:
		return "收购储备"
	case policy.RouteNegotiated:
		return "协议腾退"
	}
	return route
}

// routeNameEN names a disposal route in English.
func routeNameEN(route string) string {
	switch route {
	case policy.RouteRecovery:
		return "recovery (收回)"
	case policy.RouteAcquisition:
		return "purchase into the land reserve (收购储备)"
	case policy.RouteNegotiated:
		return "surrender by agreement (协议腾退)"
	}
	return route
}

// The disposal routes of idle land.
const (
	DisposalIdleFee  = "idle_fee" // 征缴土地闲置费
	DisposalRecovery = "recovery" // 无偿收回
)

// IdleFinding is an idle-land finding under 令第53号.
type IdleFinding struct {
	// Rule is RuleIdleNotStarted or RuleIdleHalted.
	Rule string `json:"rule"`
	// From is the date the idle period counts from: the agreed start date
	// (not started) or the date development halted.
	From string `json:"from"`
	// Since is the date the land became idle: From plus the profile's
	// not_started_years or halted_years.
	Since string `json:"since"`
	// FeeDue is the date the idle fee falls due (From + fee_after_years).
	FeeDue string `json:"fee_due"`
	// FeeYuan is the idle fee, fee_share × price × area in 元; nil when
	// the parcel has no price.
	FeeYuan *float64 `json:"fee_yuan,omitempty"`
	// RecoveryDue is the date the land is taken back without compensation
	// (From + recovery_after_years).
	RecoveryDue string `json:"recovery_due"`
	// Disposal is DisposalRecovery when the planning date has reached
	// RecoveryDue, DisposalIdleFee otherwise.
	Disposal string `json:"disposal"`
}

// InefficientFinding is one inefficient-land threshold a parcel falls
// below.
type InefficientFinding struct {
	Rule      string  `json:"rule"` // RuleInefficientPlot, RuleInefficientTax or RuleInefficientClass
	Value     float64 `json:"value"`
	Threshold float64 `json:"threshold"`
}

// AssessParcel applies the parcel rules: status and planned use (12.1,
// 12.5), idle land by 令第53号 and inefficient land by the profile
// (12.2). Dates are reckoned at the profile's plan.as_of.
func AssessParcel(p *policy.Profile, x planner.Parcel) ParcelAssessment {
	asOf, _ := p.AsOf() // a validated profile has a date
	return assessParcel(p, asOf, x)
}

func assessParcel(p *policy.Profile, asOf time.Time, x planner.Parcel) ParcelAssessment {
	a := ParcelAssessment{Parcel: x, ID: x.ID, Status: x.Status, AreaMu: x.AreaMu(), Stock: x.Status.IsStock()}
	add := func(r planner.Reason) { a.Reasons = append(a.Reasons, r) }
	usable := parcelLandUse(&a, x, add)
	switch x.Status {
	case planner.StatusReserved:
		add(reason(RuleReserved, Clause12, planner.VerdictFail,
			fmt.Sprintf("reserved for public facilities and infrastructure (%.2f mu): never allocated", a.AreaMu),
			fmt.Sprintf("公共配套服务和基础设施保障用地(%.2f亩):不予安排项目", a.AreaMu)))
	case planner.StatusOccupied:
		add(reason(RuleOccupied, Clause12, planner.VerdictFail,
			"in use: not available for supply", "在用土地:不可供应"))
	default:
		a.Available = usable
	}
	if x.Status != planner.StatusReserved {
		a.Idle = idleFinding(p, asOf, x)
		a.Inefficient = inefficientFindings(p, x)
	}
	idleReason(p, asOf, x, a.Idle, add)
	inefficientReasons(p, x, a.Inefficient, add)
	switch {
	case a.Stock:
		stockRule(p, asOf, &a, add)
	case x.Status == planner.StatusOccupied && (a.Idle != nil || len(a.Inefficient) > 0):
		a.Investigate = true
	}
	return a
}

// parcelLandUse reads the parcel's planned use into a and says whether
// the land is industrial or storage land, the only land clause 12
// supplies; a code of neither system, or of another use, fails.
func parcelLandUse(a *ParcelAssessment, x planner.Parcel, add func(planner.Reason)) bool {
	lu, luErr := planner.ParseLandUse(x.LandUse)
	a.LandUse = lu
	usable := luErr == nil && (lu.Industrial() || lu.Storage)
	switch {
	case luErr != nil:
		add(reason(RuleLandUseCode, Clause12, planner.VerdictFail,
			fmt.Sprintf("planned use %q is not a land-use code of either system", x.LandUse),
			fmt.Sprintf("规划用途 %q 不是有效的用地分类代码", x.LandUse)))
	case !usable:
		add(reason(RuleLandUseIndustrial, Clause12, planner.VerdictFail,
			fmt.Sprintf("planned use %s is neither industrial nor storage land (clause 12: 依据国土空间规划)", x.LandUse),
			fmt.Sprintf("规划用途 %s 既非工业用地也非仓储用地(第十二条:依据国土空间规划)", x.LandUse)))
	}
	return usable
}

// idleReason explains the idle-land finding (令第53号) with its dates,
// fee and route, or, for land marked idle that the test does not find
// idle, why not.
func idleReason(p *policy.Profile, asOf time.Time, x planner.Parcel, f *IdleFinding, add func(planner.Reason)) {
	if f != nil {
		what, whatZH := "not started", "未动工开发"
		if f.Rule == RuleIdleHalted {
			what, whatZH = "started but developed < 1/3 or invested < 25%, then halted", "已动工但开发面积不足三分之一或投资不足25%后中止开发"
		}
		fee, feeZH := "no price, fee not computed", "无基准地价,未计算闲置费"
		if f.FeeYuan != nil {
			fee = fmt.Sprintf("fee %.0f yuan", *f.FeeYuan)
			feeZH = fmt.Sprintf("闲置费 %.0f 元", *f.FeeYuan)
		}
		route, routeZH := "idle fee", "征缴土地闲置费"
		if f.Disposal == DisposalRecovery {
			route, routeZH = "recovery without compensation", "无偿收回"
		}
		add(reason(f.Rule, Clause12, planner.VerdictInfo,
			fmt.Sprintf("idle land (令第53号): %s since %s, idle since %s; %s due %s (%s); recovery due %s; route at %s: %s",
				what, f.From, f.Since, "idle fee", f.FeeDue, fee, f.RecoveryDue, p.Plan.AsOf, route),
			fmt.Sprintf("闲置土地(令第53号):自 %s 起%s,%s 起闲置;闲置费 %s 到期(%s);%s 起可无偿收回;截至 %s 处置方式:%s",
				f.From, whatZH, f.Since, f.FeeDue, feeZH, f.RecoveryDue, p.Plan.AsOf, routeZH)))
	} else if x.Status == planner.StatusIdle {
		en, zh := "status idle, but the 令第53号 test is not met by the agreed_start, halted_since and share figures given",
			"状态为闲置,但所给约定动工日期、中止日期及开发/投资比例不满足令第53号的认定条件"
		started := (x.DevelopedShare != nil && *x.DevelopedShare > 0) || (x.InvestedShare != nil && *x.InvestedShare > 0)
		if start, err := time.Parse(policy.DateLayout, x.AgreedStart); err == nil && x.HaltedSince == "" && !started && asOf.Before(start.AddDate(p.Stock.Idle.NotStartedYears, 0, 0)) {
			idleFrom := start.AddDate(p.Stock.Idle.NotStartedYears, 0, 0).Format(policy.DateLayout)
			en = fmt.Sprintf("status idle, but the agreed start is %s: under 令第53号 the land is idle only if not started by %s, after the planning date; still within the holder's contract", x.AgreedStart, idleFrom)
			zh = fmt.Sprintf("状态为闲置,但约定动工日期为 %s:按令第53号,至 %s 仍未动工方属闲置,晚于规划基准日;仍在原用地合同期内", x.AgreedStart, idleFrom)
		}
		add(reason(RuleIdleUnconfirmed, Clause12, planner.VerdictInfo, en, zh))
	}
}

// inefficientReasons explains each inefficient-land finding, or, for land
// marked inefficient that crosses no threshold, why not.
func inefficientReasons(p *policy.Profile, x planner.Parcel, fs []InefficientFinding, add func(planner.Reason)) {
	for _, f := range fs {
		if f.Rule == RuleInefficientClass {
			m := p.Monitor
			add(reason(f.Rule, Clause12, planner.VerdictInfo,
				fmt.Sprintf("inefficient land: the enterprise on it was rated %s in the per-mu evaluation %d years running (the rule: %s %d years running)", x.EvaluationClass, x.ClassYears, m.InefficientClass, m.InefficientYears),
				fmt.Sprintf("低效用地:地上企业亩均效益评价连续 %d 年为 %s 类(认定规则:连续 %d 年为 %s 类)", x.ClassYears, x.EvaluationClass, m.InefficientYears, m.InefficientClass)))
			continue
		}
		en, zh := "current plot ratio", "现状容积率"
		if f.Rule == RuleInefficientTax {
			en, zh = "current tax per mu (万元/亩)", "现状亩均税收(万元/亩)"
		}
		add(reason(f.Rule, Clause12, planner.VerdictInfo,
			fmt.Sprintf("inefficient land: %s %.2f below %.2f", en, f.Value, f.Threshold),
			fmt.Sprintf("低效用地:%s %.2f 低于 %.2f", zh, f.Value, f.Threshold)))
	}
	if x.Status == planner.StatusInefficient && len(fs) == 0 {
		add(reason(RuleInefficientUnconf, Clause12, planner.VerdictInfo,
			"status inefficient, but no inefficient-land threshold is crossed by the figures given",
			"状态为低效,但所给现状指标未低于低效用地门槛"))
	}
}

// stockRule supplies stock land only where the idle or the inefficient
// test holds at the planning date (12.2), with the disposal route that
// frees it and the date from which it is free; land free only after the
// plan's window, or that no test confirms, is not available.
func stockRule(p *policy.Profile, asOf time.Time, a *ParcelAssessment, add func(planner.Reason)) {
	d := p.Stock.Disposal
	var disp Disposal
	switch {
	case a.Idle != nil:
		from := asOf
		if due, err := time.Parse(policy.DateLayout, a.Idle.RecoveryDue); err == nil && due.After(asOf) {
			from = due
		}
		disp = Disposal{Route: policy.RouteRecovery, Test: a.Idle.Rule, FreeFrom: from.AddDate(0, d.RecoveryMonths, 0).Format(policy.DateLayout)}
	case len(a.Inefficient) > 0:
		months := d.AcquisitionMonths
		if d.InefficientRoute == policy.RouteNegotiated {
			months = d.NegotiatedMonths
		}
		disp = Disposal{Route: d.InefficientRoute, Test: a.Inefficient[0].Rule, FreeFrom: asOf.AddDate(0, months, 0).Format(policy.DateLayout)}
	default:
		a.Available, a.Investigate = false, true
		add(reason(RuleStockUnconfirmed, Clause12, planner.VerdictFail,
			fmt.Sprintf("status %s, but neither the idle-land test (令第53号) nor the inefficient-land test holds at %s: not supplied; listed for investigation", a.Status, p.Plan.AsOf),
			fmt.Sprintf("状态为%s,但截至 %s 既不满足闲置土地认定条件(令第53号)也不满足低效用地认定条件:不予供应,列为待核查线索", a.Status.NameZH(), p.Plan.AsOf)))
		return
	}
	a.Disposal = &disp
	window := asOf.AddDate(0, d.SupplyWithinMonths, 0).Format(policy.DateLayout)
	// In a multi-year programme, land freed within the horizon is
	// available from the year it is free (the run places it in that year
	// or later).
	if disp.FreeFrom > window && disp.FreeFrom[:4] <= fmt.Sprint(p.Plan.HorizonEnd) {
		window = disp.FreeFrom
	}
	if disp.FreeFrom > window {
		a.Available = false
		add(reason(RuleStockNotFree, Clause12, planner.VerdictFail,
			fmt.Sprintf("stock land freed by %s only from %s, after %s (%d months from the planning date): left for a later plan", routeNameEN(disp.Route), disp.FreeFrom, window, d.SupplyWithinMonths),
			fmt.Sprintf("存量土地经%s方可于 %s 腾空,晚于 %s(规划基准日后 %d 个月):留待以后供应", RouteNameZH(disp.Route), disp.FreeFrom, window, d.SupplyWithinMonths)))
		return
	}
	add(reason(RuleStock, Clause12, planner.VerdictInfo,
		fmt.Sprintf("stock land (%s): does not consume the new construction land quota", a.Status),
		fmt.Sprintf("存量土地(%s):不占用新增建设用地指标", a.Status.NameZH())))
	add(reason(RuleStockDisposal, Clause12, planner.VerdictPass,
		fmt.Sprintf("freed by %s, free from %s: the project cannot start before", routeNameEN(disp.Route), disp.FreeFrom),
		fmt.Sprintf("经%s,自 %s 起可供使用:项目不得早于该日开工", RouteNameZH(disp.Route), disp.FreeFrom)))
}

// idleFinding applies 令第53号 art. 2 at asOf.
func idleFinding(p *policy.Profile, asOf time.Time, x planner.Parcel) *IdleFinding {
	r := p.Stock.Idle
	started := (x.DevelopedShare != nil && *x.DevelopedShare > 0) || (x.InvestedShare != nil && *x.InvestedShare > 0)
	var rule, fromText string
	var years int
	switch {
	case !started && x.AgreedStart != "" && x.HaltedSince == "":
		rule, fromText, years = RuleIdleNotStarted, x.AgreedStart, r.NotStartedYears
	case x.HaltedSince != "" && (below(x.DevelopedShare, r.DevelopedShareBelow) || below(x.InvestedShare, r.InvestedShareBelow)):
		rule, fromText, years = RuleIdleHalted, x.HaltedSince, r.HaltedYears
	default:
		return nil
	}
	from, err := time.Parse(policy.DateLayout, fromText)
	if err != nil {
		return nil
	}
	since := from.AddDate(years, 0, 0)
	if asOf.Before(since) {
		return nil
	}
	f := &IdleFinding{Rule: rule, From: fromText, Since: since.Format(policy.DateLayout),
		FeeDue:      from.AddDate(r.FeeAfterYears, 0, 0).Format(policy.DateLayout),
		RecoveryDue: from.AddDate(r.RecoveryAfterYears, 0, 0).Format(policy.DateLayout),
		Disposal:    DisposalIdleFee}
	if !asOf.Before(from.AddDate(r.RecoveryAfterYears, 0, 0)) {
		f.Disposal = DisposalRecovery
	}
	if x.Price != nil {
		fee := r.FeeShare * *x.Price * x.AreaM2
		f.FeeYuan = &fee
	}
	return f
}

// below reports whether a known share is below the threshold; an unknown
// share is not.
func below(share *float64, threshold float64) bool { return share != nil && *share < threshold }

func inefficientFindings(p *policy.Profile, x planner.Parcel) []InefficientFinding {
	r := p.Stock.Inefficient
	var out []InefficientFinding
	if r.PlotRatioBelow > 0 && x.CurrentPlotRatio != nil && *x.CurrentPlotRatio < r.PlotRatioBelow {
		out = append(out, InefficientFinding{Rule: RuleInefficientPlot, Value: *x.CurrentPlotRatio, Threshold: r.PlotRatioBelow})
	}
	if r.TaxPerMuBelow > 0 && x.CurrentTaxPerMu != nil && *x.CurrentTaxPerMu < r.TaxPerMuBelow {
		out = append(out, InefficientFinding{Rule: RuleInefficientTax, Value: *x.CurrentTaxPerMu, Threshold: r.TaxPerMuBelow})
	}
	if m := p.Monitor; m.InefficientYears > 0 && x.EvaluationClass != "" && x.EvaluationClass == m.InefficientClass && x.ClassYears >= m.InefficientYears {
		out = append(out, InefficientFinding{Rule: RuleInefficientClass, Value: float64(x.ClassYears), Threshold: float64(m.InefficientYears)})
	}
	return out
}
