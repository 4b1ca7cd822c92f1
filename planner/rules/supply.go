package rules

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// The supply modes (SPEC §5.2 supply_mode), as package planner defines them.
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
	// reserved (phase 1: the planning date).
	Deadline string `json:"deadline"`
}

// SupplyDecision is the supply mode, term and price of one allocation.
type SupplyDecision struct {
	Proposal string `json:"proposal"`
	Parcel   string `json:"parcel"`
	Mode     string `json:"supply_mode"`
	// TermYears is the transfer term (transfer modes) or the lease term
	// (long lease).
	TermYears int `json:"term_years"`
	// LeaseYears is the lease before the transfer (lease-then-transfer).
	LeaseYears int `json:"lease_years,omitempty"`
	// K is the term correction factor K(TermYears) of the transfer price.
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
	Phases  []Phase          `json:"phases,omitempty"`
	Reasons []planner.Reason `json:"reasons"`
}

// Supply chooses the supply mode and term of an allocation (12.3) and
// prices it:
//
//  1. a multi-phase project, when phased supply is enabled: phased —
//     phase-1 land now, each later phase reserved until its deadline;
//  2. an enterprise type the profile gives lease-then-transfer
//     (startups, SMEs), or an uncertain project (below a non-binding
//     standard-land threshold): lease for lease_years, then transfer when
//     the standard-land indicators are met;
//  3. an industry the profile leases long, whose lifecycle fits in
//     max_years: long lease for the lifecycle, within min_years–max_years;
//  4. a lifecycle of at least full_term_min_lifecycle, or longer than every
//     term step: a 50-year transfer;
//  5. otherwise: flexible-term transfer for the smallest term step not
//     shorter than the lifecycle.
//
// The lifecycle is the proposal's, or its industry's. Transfer price =
// price/m² × m² × K(term); annual rent = rent_rate × the 50-year price.
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
	life := qa.LifecycleYears
	term, full := transferTerm(p, life)
	areaNow := pair.AllocatedMu

	switch {
	case s.Phased.Enabled && q.Phases > 1:
		d.Mode, d.TermYears = ModePhased, term
		areaNow = phases(p, &d, q, pair.AllocatedMu)
		add(RuleSupplyMode, func() (string, string) {
			return fmt.Sprintf("phased supply: a %d-phase project gets phase-1 land (%.2f mu) now and the rest reserved, each later phase for %d years; phase-1 term %d years from the %.0f-year lifecycle", q.Phases, areaNow, s.Phased.ReserveYears, term, life),
				fmt.Sprintf("分期供地:%d期项目先供应一期用地 %.2f 亩,其余预留,每期预留 %d 年;一期按 %.0f 年生命周期出让 %d 年", q.Phases, areaNow, s.Phased.ReserveYears, life, term)
		})
	case ltt(p, qa) != "":
		why := ltt(p, qa)
		d.Mode, d.LeaseYears = ModeLeaseThenTransfer, s.LeaseThenTransfer.LeaseYears
		d.TermYears = min(term, s.MaxTermYears-d.LeaseYears)
		whyEN, whyZH := "enterprise type "+why, "企业类型 "+enterpriseTypeZH(why)
		if why == "below_standard" {
			whyEN, whyZH = "an uncertain project below the standard-land indicators ("+strings.Join(qa.BelowStandard, ", ")+")", "项目未达标准地指标,存在不确定性"
		}
		add(RuleSupplyMode, func() (string, string) {
			return fmt.Sprintf("lease-then-transfer for %s: lease %d years, then transfer for %d years once the standard-land indicators are met, or the land is taken back", whyEN, d.LeaseYears, d.TermYears),
				fmt.Sprintf("先租后让(%s):先租赁 %d 年,达到标准地约定指标后转为出让 %d 年,否则收回土地", whyZH, d.LeaseYears, d.TermYears)
		})
	case slices.Contains(s.LongLease.Industries, q.Industry) && life <= float64(s.LongLease.MaxYears):
		d.Mode = ModeLongLease
		d.TermYears = min(max(int(math.Ceil(life)), s.LongLease.MinYears), s.LongLease.MaxYears)
		add(RuleSupplyMode, func() (string, string) {
			return fmt.Sprintf("long lease of %d years: %s is leased long and its %.0f-year lifecycle fits within %d–%d years", d.TermYears, q.Industry, life, s.LongLease.MinYears, s.LongLease.MaxYears),
				fmt.Sprintf("长期租赁 %d 年:%s 行业生命周期 %.0f 年,在 %d–%d 年内", d.TermYears, qa.industry.NameZH, life, s.LongLease.MinYears, s.LongLease.MaxYears)
		})
	case full:
		d.Mode, d.TermYears = ModeTransfer, term
		add(RuleSupplyMode, func() (string, string) {
			return fmt.Sprintf("%d-year transfer: the %.0f-year lifecycle reaches %.0f years or exceeds every flexible term", term, life, s.FullTermMinLifecycle),
				fmt.Sprintf("出让 %d 年:生命周期 %.0f 年达到 %.0f 年或超过所有弹性年期", term, life, s.FullTermMinLifecycle)
		})
	default:
		d.Mode, d.TermYears = ModeFlexibleTerm, term
		add(RuleSupplyMode, func() (string, string) {
			return fmt.Sprintf("flexible-term transfer of %d years: the shortest term step covering the %.0f-year industry lifecycle", term, life),
				fmt.Sprintf("弹性年期出让 %d 年:覆盖 %.0f 年行业生命周期的最短年期", term, life)
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
	switch d.Mode {
	case ModeLongLease:
		d.AnnualRentYuan = rent
		add(RuleSupplyPrice, func() (string, string) {
			return fmt.Sprintf("annual rent %.0f yuan = %.1f%% of the 50-year price %.0f yuan", rent, s.RentRate*100, d.Price50Yuan),
				fmt.Sprintf("年租金 %.0f 元 = 50年期地价 %.0f 元 × %.1f%%", rent, d.Price50Yuan, s.RentRate*100)
		})
	case ModeLeaseThenTransfer:
		d.AnnualRentYuan = rent
		d.K = K(d.TermYears, s.CapitalisationRate)
		d.PriceYuan = d.Price50Yuan * d.K
		deduct := 0.0
		if s.LeaseThenTransfer.DeductRent {
			deduct = math.Min(d.PriceYuan, rent*float64(d.LeaseYears))
			d.PriceYuan -= deduct
		}
		add(RuleSupplyPrice, func() (string, string) {
			return fmt.Sprintf("annual rent %.0f yuan (%.1f%% of the 50-year price %.0f); transfer price %.0f yuan = 50-year price × K(%d) %.4f at r = %.1f%%, less %.0f yuan rent paid", rent, s.RentRate*100, d.Price50Yuan, d.PriceYuan, d.TermYears, d.K, s.CapitalisationRate*100, deduct),
				fmt.Sprintf("年租金 %.0f 元(50年期地价 %.0f 元的 %.1f%%);出让价款 %.0f 元 = 50年期地价 × K(%d) %.4f(r = %.1f%%),扣减已缴租金 %.0f 元", rent, d.Price50Yuan, s.RentRate*100, d.PriceYuan, d.TermYears, d.K, s.CapitalisationRate*100, deduct)
		})
	default:
		d.K = K(d.TermYears, s.CapitalisationRate)
		d.PriceYuan = d.Price50Yuan * d.K
		add(RuleSupplyPrice, func() (string, string) {
			return fmt.Sprintf("price %.0f yuan = %.2f yuan/m² × %.0f m² × K(%d) %.4f at r = %.1f%%", d.PriceYuan, *x.Price, areaNow*planner.SquareMetresPerMu, d.TermYears, d.K, s.CapitalisationRate*100),
				fmt.Sprintf("价款 %.0f 元 = %.2f 元/m² × %.0f m² × K(%d) %.4f(r = %.1f%%)", d.PriceYuan, *x.Price, areaNow*planner.SquareMetresPerMu, d.TermYears, d.K, s.CapitalisationRate*100)
		})
	}
	return d
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
func ltt(p *policy.Profile, qa *ProposalAssessment) string {
	r := p.Supply.LeaseThenTransfer
	for _, t := range qa.Proposal.EnterpriseTypes {
		if slices.Contains(r.EnterpriseTypes, t) {
			return t
		}
	}
	if r.BelowStandard && !p.StandardLand.Binding && len(qa.BelowStandard) > 0 {
		return "below_standard"
	}
	return ""
}

// phases splits a phased project's allocated area: phase 1 gets
// phase1_share of it now, the rest is shared equally by the later phases,
// phase k reserved until the planning date plus (k−1)·reserve_years. It
// returns the phase-1 area.
func phases(p *policy.Profile, d *SupplyDecision, q *planner.Proposal, total float64) float64 {
	share := q.Phase1Share
	if share <= 0 || share > 1 {
		share = 1 / float64(q.Phases)
	}
	first := total * share
	rest := (total - first) / float64(q.Phases-1)
	asOf, _ := p.AsOf()
	for k := 1; k <= q.Phases; k++ {
		ph := Phase{Index: k, AreaMu: rest, Deadline: asOf.AddDate((k-1)*p.Supply.Phased.ReserveYears, 0, 0).Format(policy.DateLayout)}
		if k == 1 {
			ph.AreaMu, ph.Now = first, true
		}
		d.Phases = append(d.Phases, ph)
	}
	return first
}
