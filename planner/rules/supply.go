package rules

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// The supply modes (docs/product.md, "The plan", supply_mode), as package planner defines them.
const (
	ModeFlexibleTerm      = planner.ModeFlexibleTerm      // 弹性年期出让
	ModeLeaseThenTransfer = planner.ModeLeaseThenTransfer // 先租后让
	ModePhased            = planner.ModePhased            // 分期供地
	ModeLongLease         = planner.ModeLongLease         // 长期租赁
	ModeTransfer          = planner.ModeTransfer          // 50-year transfer
)

// StatutoryTermYears is the term the benchmark price is for and the
// denominator of K(m): 50 years, the statutory maximum for industrial land.
const StatutoryTermYears = 50

// K is the term price correction factor (年期修正系数)
//
//	K(m) = [1 − (1+r)^−m] / [1 − (1+r)^−50]
//
// for a term of m years at the land capitalisation rate r: the price of an
// m-year transfer is K(m) times the 50-year price. At r = 0 it is the
// limit m/50.
func K(m int, r float64) float64 {
	if r == 0 {
		return float64(m) / StatutoryTermYears
	}
	return (1 - math.Pow(1+r, -float64(m))) / (1 - math.Pow(1+r, -StatutoryTermYears))
}

// Phase is one phase of a phased supply.
type Phase struct {
	Index  int     `json:"phase"`
	AreaMu float64 `json:"area_mu"`
	// Now is true for phase 1, supplied now; later phases are reserved.
	Now bool `json:"now"`
	// Deadline is the date until which a later phase's land stays
	// reserved (phase 1: the planning date); Year is the year of that
	// date, when the phase is released and charged to that year's quota.
	Deadline string `json:"deadline"`
	Year     int    `json:"year"`
	// Tenure is the phase's own supply mode and term.
	Tenure
}

// Tenure is a supply mode with its term, every part named: a
// lease-then-transfer is LeaseYears of lease, then TransferYears of
// transfer; TermYears is always the whole term.
type Tenure struct {
	Mode          string `json:"supply_mode"`
	TermYears     int    `json:"term_years"`
	LeaseYears    int    `json:"lease_years,omitempty"`
	TransferYears int    `json:"transfer_years,omitempty"`
	// TermText and TermTextZH show the mode and term with every part, e.g.
	// "先租后让(租赁 5 年 + 出让 15 年)".
	TermText   string `json:"term_text"`
	TermTextZH string `json:"term_text_zh"`
}

// NewTenure returns the tenure of a mode: for lease-then-transfer lease
// years then transfer years; for a long lease the lease years (its term);
// for a transfer the transfer years.
func NewTenure(mode string, lease, transfer int) Tenure {
	t := Tenure{Mode: mode}
	switch mode {
	case ModeLeaseThenTransfer:
		t.LeaseYears, t.TransferYears, t.TermYears = lease, transfer, lease+transfer
	case ModeLongLease:
		t.TermYears = lease
	default:
		t.TransferYears, t.TermYears = transfer, transfer
	}
	t.TermText, t.TermTextZH = TermText(t)
	return t
}

// TermText shows a tenure with every part of its term, in English and
// Chinese: "flexible-term transfer, 20 years" / "弹性年期出让 20 年",
// "transfer, 50 years" / "出让 50 年", "lease then transfer (lease 5 years
// + transfer 15 years)" / "先租后让(租赁 5 年 + 出让 15 年)", "long lease,
// 20 years" / "长期租赁 20 年".
func TermText(t Tenure) (en, zh string) {
	switch t.Mode {
	case ModeLeaseThenTransfer:
		return fmt.Sprintf("lease then transfer (lease %d years + transfer %d years)", t.LeaseYears, t.TransferYears),
			fmt.Sprintf("先租后让(租赁 %d 年 + 出让 %d 年)", t.LeaseYears, t.TransferYears)
	case ModeLongLease:
		return fmt.Sprintf("long lease, %d years", t.TermYears), fmt.Sprintf("长期租赁 %d 年", t.TermYears)
	case ModeTransfer:
		return fmt.Sprintf("transfer, %d years", t.TermYears), fmt.Sprintf("出让 %d 年", t.TermYears)
	case ModeFlexibleTerm:
		return fmt.Sprintf("flexible-term transfer, %d years", t.TermYears), fmt.Sprintf("弹性年期出让 %d 年", t.TermYears)
	}
	return fmt.Sprintf("%s, %d years", t.Mode, t.TermYears), fmt.Sprintf("%s %d 年", planner.SupplyModeNameZH(t.Mode), t.TermYears)
}

// PhasedTermText shows a phased supply with each phase's mode, term and
// year, e.g. "分期供地:一期 弹性年期出让 20 年(2026 年,40.00 亩);二期 …".
func PhasedTermText(phases []Phase) (en, zh string) {
	var es, zs []string
	for _, ph := range phases {
		es = append(es, fmt.Sprintf("phase %d %s (%d, %.2f mu)", ph.Index, ph.TermText, ph.Year, ph.AreaMu))
		zs = append(zs, fmt.Sprintf("%s期 %s(%d 年,%.2f 亩)", cnNumber(ph.Index), ph.TermTextZH, ph.Year, ph.AreaMu))
	}
	return "phased: " + strings.Join(es, "; "), "分期供地:" + strings.Join(zs, ";")
}

// cnNumber writes 1–10 as Chinese numerals (一 … 十), larger as digits.
func cnNumber(n int) string {
	ds := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if n >= 1 && n <= 10 {
		return ds[n]
	}
	return fmt.Sprint(n)
}

// SupplyDecision is the supply mode, term and price of one allocation.
type SupplyDecision struct {
	Proposal string `json:"proposal"`
	Parcel   string `json:"parcel"`
	// Tenure is the mode and term: phased for a phased supply, whose
	// phases then carry their own tenure (TermYears, LeaseYears and
	// TransferYears are phase 1's, TermText lists every phase).
	Tenure
	// Requested is true when the enterprise asked for a mode or term and
	// the decision honours it.
	Requested bool `json:"requested,omitempty"`
	// K is the term correction factor K(transfer years) of the transfer
	// price.
	K float64 `json:"k,omitempty"`
	// PriceKnown is false when the parcel has no benchmark price; the
	// money figures are then 0.
	PriceKnown bool `json:"price_known"`
	// Price50Yuan is the 50-year benchmark price of the land supplied now:
	// price 元/m² × area m².
	Price50Yuan float64 `json:"price_50_yuan"`
	// PriceYuan is the transfer price, Price50Yuan × K, less the rent paid
	// when lease-then-transfer deducts it; 0 for a long lease.
	PriceYuan float64 `json:"price_yuan"`
	// AnnualRentYuan is the yearly rent of a lease: rent_rate × Price50Yuan.
	AnnualRentYuan float64 `json:"annual_rent_yuan,omitempty"`
	// Phases lists the phases of a phased supply.
	Phases []Phase `json:"phases,omitempty"`
	// Disposal is how stock land is freed and from when (nil on new
	// land): the project cannot start before Disposal.FreeFrom.
	Disposal *Disposal        `json:"disposal,omitempty"`
	Reasons  []planner.Reason `json:"reasons"`
}

// Supply chooses the supply mode and term of an allocation (12.3) and
// prices it.
//
// The tenure: the enterprise's own request (requested_mode,
// requested_term_years: 企业实际需求) when it is lawful — a term of at most
// the statutory 50 years, a long lease within supply.long_lease, a
// lease-then-transfer whose lease is supply.lease_then_transfer.lease_years
// — and explained when it is not; otherwise, in order:
//
//  1. an enterprise type the profile gives lease-then-transfer
//     (startups, SMEs), or an uncertain project (below a non-binding
//     standard-land threshold): lease for lease_years, then transfer for
//     the lifecycle's term step;
//  2. an industry the profile leases long, whose lifecycle fits in
//     max_years: long lease for the lifecycle, within min_years–max_years;
//  3. a lifecycle of at least full_term_min_lifecycle, or longer than every
//     term step: the ordinary 50-year transfer;
//  4. otherwise: flexible-term transfer for the smallest term step not
//     shorter than the lifecycle.
//
// A multi-phase project, when phased supply is enabled, is phased: phase-1
// land now, each later phase reserved until its deadline and released in
// that year; every phase has the tenure above. The lifecycle is the
// proposal's, or its industry's. Transfer price = price/m² × m² ×
// K(transfer years) of the land supplied now; annual rent = rent_rate ×
// the 50-year price. On stock land the decision carries the disposal route
// and the date the land is free.
func Supply(p *policy.Profile, pair PairAssessment) SupplyDecision {
	return supply(p, pair, true)
}

// SupplyFigures is Supply without the reasons: the same mode, term,
// prices and phases, with Reasons nil and no message built.
func SupplyFigures(p *policy.Profile, pair PairAssessment) SupplyDecision {
	return supply(p, pair, false)
}

func supply(p *policy.Profile, pair PairAssessment, withReasons bool) SupplyDecision {
	s := p.Supply
	qa, pa := pair.proposal, pair.parcel
	d := SupplyDecision{Proposal: pair.Proposal, Parcel: pair.Parcel}
	add := func(rule string, msg func() (string, string)) {
		if withReasons {
			en, zh := msg()
			d.Reasons = append(d.Reasons, reason(rule, Clause12, planner.VerdictInfo, en, zh))
		}
	}
	if qa == nil || pa == nil {
		add(RuleSupplyMode, func() (string, string) {
			return "no assessment: the pair was not built by AssessPair", "无评估结果"
		})
		return d
	}
	q := &qa.Proposal
	d.Disposal = pa.Disposal
	t, requested := tenure(p, qa, pair.BelowStandard, add)
	d.Tenure, d.Requested = t, requested
	areaNow := pair.AllocatedMu

	if s.Phased.Enabled && q.Phases > 1 {
		d.Phases = PhaseSplit(p, q, pair.AllocatedMu)
		for i := range d.Phases {
			d.Phases[i].Tenure = t
		}
		areaNow = d.Phases[0].AreaMu
		d.Mode = ModePhased
		d.TermText, d.TermTextZH = PhasedTermText(d.Phases)
		add(RuleSupplyMode, func() (string, string) {
			return fmt.Sprintf("phased supply: a %d-phase project gets phase-1 land (%.2f mu) now and the rest reserved, each later phase for %d years and charged to the quota of the year it is released; each phase %s", q.Phases, areaNow, s.Phased.ReserveYears, t.TermText),
				fmt.Sprintf("分期供地:%d期项目先供应一期用地 %.2f 亩,其余预留,每期预留 %d 年,计入其供地年度的新增建设用地指标;各期 %s", q.Phases, areaNow, s.Phased.ReserveYears, t.TermTextZH)
		})
	}

	x := &pa.Parcel
	if x.Price == nil {
		add(RuleSupplyPrice, func() (string, string) {
			return "the parcel has no benchmark price: price and rent not computed", "地块无基准地价:未计算价款与租金"
		})
		return d
	}
	d.PriceKnown = true
	d.Price50Yuan = *x.Price * areaNow * planner.SquareMetresPerMu
	rent := s.RentRate * d.Price50Yuan
	switch t.Mode {
	case ModeLongLease:
		d.AnnualRentYuan = rent
		add(RuleSupplyPrice, func() (string, string) {
			return fmt.Sprintf("annual rent %.0f yuan = %.1f%% of the 50-year price %.0f yuan", rent, s.RentRate*100, d.Price50Yuan),
				fmt.Sprintf("年租金 %.0f 元 = 50年期地价 %.0f 元 × %.1f%%", rent, d.Price50Yuan, s.RentRate*100)
		})
	case ModeLeaseThenTransfer:
		d.AnnualRentYuan = rent
		d.K = K(t.TransferYears, s.CapitalisationRate)
		d.PriceYuan = d.Price50Yuan * d.K
		deduct := 0.0
		if s.LeaseThenTransfer.DeductRent {
			deduct = math.Min(d.PriceYuan, rent*float64(t.LeaseYears))
			d.PriceYuan -= deduct
		}
		add(RuleSupplyPrice, func() (string, string) {
			return fmt.Sprintf("annual rent %.0f yuan in the %d-year lease (%.1f%% of the 50-year price %.0f); transfer price %.0f yuan = 50-year price × K(%d) %.4f at r = %.1f%%, less %.0f yuan rent paid", rent, t.LeaseYears, s.RentRate*100, d.Price50Yuan, d.PriceYuan, t.TransferYears, d.K, s.CapitalisationRate*100, deduct),
				fmt.Sprintf("租赁期 %d 年年租金 %.0f 元(50年期地价 %.0f 元的 %.1f%%);出让价款 %.0f 元 = 50年期地价 × K(%d) %.4f(r = %.1f%%),扣减已缴租金 %.0f 元", t.LeaseYears, rent, d.Price50Yuan, s.RentRate*100, d.PriceYuan, t.TransferYears, d.K, s.CapitalisationRate*100, deduct)
		})
	default:
		d.K = K(t.TransferYears, s.CapitalisationRate)
		d.PriceYuan = d.Price50Yuan * d.K
		add(RuleSupplyPrice, func() (string, string) {
			return fmt.Sprintf("price %.0f yuan = %.2f yuan/m² × %.0f m² × K(%d) %.4f at r = %.1f%%", d.PriceYuan, *x.Price, areaNow*planner.SquareMetresPerMu, t.TransferYears, d.K, s.CapitalisationRate*100),
				fmt.Sprintf("价款 %.0f 元 = %.2f 元/m² × %.0f m² × K(%d) %.4f(r = %.1f%%)", d.PriceYuan, *x.Price, areaNow*planner.SquareMetresPerMu, t.TransferYears, d.K, s.CapitalisationRate*100)
		})
	}
	return d
}

// tenure chooses the mode and term (see Supply): the enterprise's lawful
// request, else the profile's rules. requested reports whether the
// request decided it.
func tenure(p *policy.Profile, qa *ProposalAssessment, belowStandard []string, add func(string, func() (string, string))) (Tenure, bool) {
	s := p.Supply
	q := &qa.Proposal
	life := qa.LifecycleYears
	step, full := transferTerm(p, life)
	phasedOnly := q.RequestedMode == ModePhased && q.RequestedTermYears == nil
	switch {
	case phasedOnly && s.Phased.Enabled && q.Phases > 1:
		add(RuleSupplyRequest, func() (string, string) {
			return fmt.Sprintf("phased as the enterprise asks (12.3 企业实际需求): %d phases", q.Phases),
				fmt.Sprintf("按企业申请分期供地(第十二条 企业实际需求):共 %d 期", q.Phases)
		})
	case phasedOnly:
		add(RuleSupplyRequest, func() (string, string) {
			why, whyZH := "the project has one phase", "项目仅一期"
			if !s.Phased.Enabled {
				why, whyZH = "phased supply is off (supply.phased.enabled)", "分期供地未启用"
			}
			return fmt.Sprintf("the enterprise's request (phased) is not granted: %s; the profile's rule applies", why),
				fmt.Sprintf("企业申请(分期供地)不予采纳:%s;按政策配置规则确定", whyZH)
		})
	case q.RequestedMode != "" || q.RequestedTermYears != nil:
		if t, why, whyZH := requestedTenure(p, q, step); why == "" {
			add(RuleSupplyRequest, func() (string, string) {
				return fmt.Sprintf("as the enterprise asks (12.3 企业实际需求): %s", t.TermText),
					fmt.Sprintf("按企业申请(第十二条 企业实际需求):%s", t.TermTextZH)
			})
			return t, true
		} else {
			add(RuleSupplyRequest, func() (string, string) {
				return fmt.Sprintf("the enterprise's request (%s) is not granted: %s; the profile's rule applies", requestText(q), why),
					fmt.Sprintf("企业申请(%s)不予采纳:%s;按政策配置规则确定", requestTextZH(q), whyZH)
			})
		}
	}
	switch why := ltt(p, qa, belowStandard); {
	case why != "":
		lease := s.LeaseThenTransfer.LeaseYears
		t := NewTenure(ModeLeaseThenTransfer, lease, min(step, s.MaxTermYears-lease))
		whyEN, whyZH := "enterprise type "+why, "企业类型 "+planner.EnterpriseTypeNameZH(why)
		if why == "below_standard" {
			whyEN, whyZH = "an uncertain project below the standard-land indicators ("+strings.Join(belowStandard, ", ")+")", "项目未达标准地指标,存在不确定性"
		}
		add(RuleSupplyMode, func() (string, string) {
			return fmt.Sprintf("%s for %s: the transfer follows once the standard-land indicators are met, or the land is taken back", t.TermText, whyEN),
				fmt.Sprintf("%s(%s):租赁期满达到标准地约定指标后转为出让,否则收回土地", t.TermTextZH, whyZH)
		})
		return t, false
	case slices.Contains(s.LongLease.Industries, q.Industry) && life <= float64(s.LongLease.MaxYears):
		t := NewTenure(ModeLongLease, min(max(int(math.Ceil(life)), s.LongLease.MinYears), s.LongLease.MaxYears), 0)
		add(RuleSupplyMode, func() (string, string) {
			return fmt.Sprintf("%s: %s is leased long and its %.0f-year lifecycle fits within %d–%d years", t.TermText, q.Industry, life, s.LongLease.MinYears, s.LongLease.MaxYears),
				fmt.Sprintf("%s:%s行业生命周期 %.0f 年,在 %d–%d 年内", t.TermTextZH, qa.industry.NameZH, life, s.LongLease.MinYears, s.LongLease.MaxYears)
		})
		return t, false
	case full:
		t := NewTenure(ModeTransfer, 0, s.MaxTermYears)
		add(RuleSupplyMode, func() (string, string) {
			return fmt.Sprintf("%s: the %.0f-year lifecycle reaches %.0f years or exceeds every flexible term", t.TermText, life, s.FullTermMinLifecycle),
				fmt.Sprintf("%s:生命周期 %.0f 年达到 %.0f 年或超过所有弹性年期", t.TermTextZH, life, s.FullTermMinLifecycle)
		})
		return t, false
	default:
		t := NewTenure(ModeFlexibleTerm, 0, step)
		add(RuleSupplyMode, func() (string, string) {
			return fmt.Sprintf("%s: the shortest term step covering the %.0f-year industry lifecycle", t.TermText, life),
				fmt.Sprintf("%s:覆盖 %.0f 年行业生命周期的最短年期", t.TermTextZH, life)
		})
		return t, false
	}
}

// requestedTenure reads the enterprise's request as a tenure; why (and
// whyZH) say what makes it unlawful, "" when it is lawful. A request of a
// term alone keeps the mode the term implies: 50 years a transfer, less a
// flexible-term transfer.
func requestedTenure(p *policy.Profile, q *planner.Proposal, step int) (t Tenure, why, whyZH string) {
	s := p.Supply
	max50 := min(s.MaxTermYears, planner.StatutoryMaxTermYears)
	term := 0
	if q.RequestedTermYears != nil {
		term = *q.RequestedTermYears
		if term < 1 || term > max50 {
			return t, fmt.Sprintf("a term of %d years is outside 1–%d years", term, max50), fmt.Sprintf("年期 %d 年不在 1–%d 年之内", term, max50)
		}
	}
	mode := q.RequestedMode
	if mode == "" || mode == ModePhased {
		// A term alone, or phasing (which the project's phases decide):
		// the term implies the mode.
		switch {
		case term == 0:
			return t, "phasing follows the project's phases; no mode or term was asked for", "分期供地依项目分期确定,未申请供地方式或年期"
		case term == max50:
			mode = ModeTransfer
		default:
			mode = ModeFlexibleTerm
		}
	}
	switch mode {
	case ModeTransfer, ModeFlexibleTerm:
		if term == 0 {
			term = max50
			if mode == ModeFlexibleTerm {
				term = step
			}
		}
		if term >= max50 {
			return NewTenure(ModeTransfer, 0, max50), "", ""
		}
		return NewTenure(ModeFlexibleTerm, 0, term), "", ""
	case ModeLeaseThenTransfer:
		lease := s.LeaseThenTransfer.LeaseYears
		if term == 0 {
			term = min(lease+step, max50)
		}
		if term <= lease {
			return t, fmt.Sprintf("a lease-then-transfer of %d years leaves no transfer after the %d-year lease", term, lease),
				fmt.Sprintf("先租后让总年期 %d 年,扣除 %d 年租赁期后无出让期", term, lease)
		}
		return NewTenure(ModeLeaseThenTransfer, lease, term-lease), "", ""
	case ModeLongLease:
		lo, hi := s.LongLease.MinYears, s.LongLease.MaxYears
		if term == 0 {
			term = min(max(step, lo), hi)
		}
		if term < lo || term > hi {
			return t, fmt.Sprintf("a long lease of %d years is outside %d–%d years", term, lo, hi),
				fmt.Sprintf("长期租赁 %d 年不在 %d–%d 年之内", term, lo, hi)
		}
		return NewTenure(ModeLongLease, term, 0), "", ""
	}
	return t, fmt.Sprintf("%q is not a supply mode", mode), fmt.Sprintf("%q 不是供地方式", mode)
}

func requestText(q *planner.Proposal) string {
	var parts []string
	if q.RequestedMode != "" {
		parts = append(parts, q.RequestedMode)
	}
	if q.RequestedTermYears != nil {
		parts = append(parts, fmt.Sprintf("%d years", *q.RequestedTermYears))
	}
	return strings.Join(parts, ", ")
}

func requestTextZH(q *planner.Proposal) string {
	var parts []string
	if q.RequestedMode != "" {
		parts = append(parts, planner.SupplyModeNameZH(q.RequestedMode))
	}
	if q.RequestedTermYears != nil {
		parts = append(parts, fmt.Sprintf("%d 年", *q.RequestedTermYears))
	}
	return strings.Join(parts, ",")
}

// transferTerm returns the transfer term for a lifecycle and whether it
// is the full statutory term.
func transferTerm(p *policy.Profile, life float64) (int, bool) {
	s := p.Supply
	if life >= s.FullTermMinLifecycle {
		return s.MaxTermYears, true
	}
	for _, t := range s.TermSteps {
		if float64(t) >= life {
			return t, false
		}
	}
	return s.MaxTermYears, true
}

// ltt returns why a proposal gets lease-then-transfer: its first enterprise
// type the profile names, "below_standard", or "" when it does not.
func ltt(p *policy.Profile, qa *ProposalAssessment, belowStandard []string) string {
	r := p.Supply.LeaseThenTransfer
	for _, t := range qa.Proposal.EnterpriseTypes {
		if slices.Contains(r.EnterpriseTypes, t) {
			return t
		}
	}
	if r.BelowStandard && !p.StandardLand.Binding && len(belowStandard) > 0 {
		return "below_standard"
	}
	return ""
}

// PhaseSplit splits a project's land into its phases when it is supplied
// in phases (supply.phased.enabled and more than one phase): phase 1 gets
// phase1_share of it now, the rest is shared equally by the later phases,
// phase k reserved until the planning date plus (k−1)·reserve_years and
// released in that year. Otherwise one phase, all now, in the planning
// year. Tenures are left empty.
func PhaseSplit(p *policy.Profile, q *planner.Proposal, total float64) []Phase {
	asOf, _ := p.AsOf()
	if !p.Supply.Phased.Enabled || q.Phases <= 1 {
		return []Phase{{Index: 1, AreaMu: total, Now: true, Deadline: p.Plan.AsOf, Year: asOf.Year()}}
	}
	share := q.Phase1Share
	if share <= 0 || share > 1 {
		share = 1 / float64(q.Phases)
	}
	first := total * share
	rest := (total - first) / float64(q.Phases-1)
	var out []Phase
	for k := 1; k <= q.Phases; k++ {
		dl := asOf.AddDate((k-1)*p.Supply.Phased.ReserveYears, 0, 0)
		ph := Phase{Index: k, AreaMu: rest, Deadline: dl.Format(policy.DateLayout), Year: dl.Year()}
		if k == 1 {
			ph.AreaMu, ph.Now = first, true
		}
		out = append(out, ph)
	}
	return out
}
