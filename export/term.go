package export

import (
	"fmt"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// termText shows a tenure with every part of its term in lang: its term
// text ("先租后让(租赁 5 年 + 出让 15 年)"), or, for plans stored before
// term texts existed, the mode and the whole term.
func termText(en, zh, mode string, years int, lang policy.Lang) string {
	if lang == policy.LangZH {
		if zh != "" {
			return zh
		}
		return fmt.Sprintf("%s %d 年", planner.SupplyModeNameZH(mode), years)
	}
	if en != "" {
		return en
	}
	return fmt.Sprintf("%s, %d years", mode, years)
}

// allocationTerm is termText of an allocation.
func allocationTerm(a *plan.Allocation, lang policy.Lang) string {
	return termText(a.TermText, a.TermTextZH, a.SupplyMode, a.TermYears, lang)
}

// phaseTerm is termText of a phase.
func phaseTerm(ph rules.Phase, lang policy.Lang) string {
	return termText(ph.TermText, ph.TermTextZH, ph.Mode, ph.TermYears, lang)
}

// termParts returns the lease and transfer years of a tenure, 0 for a part
// it does not have: a lease then transfer has both, a long lease only its
// lease, a transfer (flexible-term or 50-year) only its transfer. A
// phased allocation's are its first phase's (mode is then phase 1's mode).
// Plans stored before the parts existed carry only the whole term, which
// is then the one part of a long lease or a transfer.
func termParts(mode string, term, lease, transfer int) (int, int) {
	switch mode {
	case rules.ModeLeaseThenTransfer:
		return lease, transfer
	case rules.ModeLongLease:
		if lease == 0 {
			lease = term
		}
		return lease, 0
	case rules.ModeTransfer, rules.ModeFlexibleTerm:
		if transfer == 0 {
			transfer = term
		}
		return 0, transfer
	}
	return lease, transfer
}

// allocationParts is termParts of an allocation: for a phased supply, of
// its first phase.
func allocationParts(a *plan.Allocation) (lease, transfer int) {
	mode := a.SupplyMode
	if mode == rules.ModePhased && len(a.Phases) > 0 {
		mode = a.Phases[0].Mode
	}
	return termParts(mode, a.TermYears, a.LeaseYears, a.TransferYears)
}

// routeText names a disposal route of stock land in lang: 收回, 收购储备
// or 协议腾退 in Chinese, in words in English; "" for none.
func routeText(route string, lang policy.Lang) string {
	if route == "" {
		return ""
	}
	if lang == policy.LangZH {
		return rules.RouteNameZH(route)
	}
	switch route {
	case policy.RouteRecovery:
		return "recovery"
	case policy.RouteAcquisition:
		return "purchase into the land reserve"
	case policy.RouteNegotiated:
		return "surrender by agreement"
	}
	return route
}

// phaseName names phase k: "phase 2" / "二期".
func phaseName(k int, lang policy.Lang) string {
	if lang != policy.LangZH {
		return fmt.Sprintf("phase %d", k)
	}
	ds := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if k >= 1 && k < len(ds) {
		return ds[k] + "期"
	}
	return fmt.Sprintf("第 %d 期", k)
}

// intOrEmpty writes n, or "" for 0.
func intOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}

// sameTenure reports whether two allocations of a proposal have the same
// tenure: the same mode and whole term, the same lease and transfer years
// and, where both plans name it, the same term text (a phased supply's
// names each phase's mode, term and year), as compare.Diff compares them.
func sameTenure(x, y *plan.Allocation) bool {
	if x.SupplyMode != y.SupplyMode || x.TermYears != y.TermYears || x.LeaseYears != y.LeaseYears || x.TransferYears != y.TransferYears {
		return false
	}
	return x.TermText == "" || y.TermText == "" || x.TermText == y.TermText
}
