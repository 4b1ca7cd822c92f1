package web

import (
	"fmt"
	"sort"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/compare"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// termText shows a tenure with every part of its term in lang: its term
// text ("先租后让(租赁 5 年 + 出让 15 年)"), or, for plans stored before
// term texts existed, the mode's name and the whole term.
func termText(lang policy.Lang, en, zh, mode string, years int) string {
	if lang == policy.LangZH {
		if zh != "" {
			return zh
		}
		return fmt.Sprintf("%s %d 年", planner.SupplyModeNameZH(mode), years)
	}
	if en != "" {
		return en
	}
	return fmt.Sprintf("%s, %d years", tr(lang, "mode."+mode), years)
}

// routeText names a disposal route of stock land in lang: 收回, 收购储备
// or 协议腾退 in Chinese, in words in English.
func routeText(lang policy.Lang, route string) string {
	if route == "" {
		return ""
	}
	if lang == policy.LangZH {
		return rules.RouteNameZH(route)
	}
	return tr(lang, "route."+route)
}

// Term is an allocation's supply mode and term with every part, in the
// page's language (a phased supply's names every phase).
func (p *page) Term(a plan.Allocation) string {
	return termText(p.Lang, a.TermText, a.TermTextZH, a.SupplyMode, a.TermYears)
}

// PhaseTerm is one phase's own mode and term in the page's language.
func (p *page) PhaseTerm(ph rules.Phase) string {
	return termText(p.Lang, ph.TermText, ph.TermTextZH, ph.Mode, ph.TermYears)
}

// PhaseLine names a phase with its year, area and whether it is supplied
// now or reserved: "phase 2, 2028, 30.00 亩, reserved until 2028-06-30" /
// "二期,2028 年,30.00 亩,预留至 2028-06-30".
func (p *page) PhaseLine(ph rules.Phase) string {
	when := tr(p.Lang, "phase.now")
	if !ph.Now {
		when = fmt.Sprintf(tr(p.Lang, "phase.until"), ph.Deadline)
	}
	if p.ZH() {
		return fmt.Sprintf("%s,%d 年,%.2f 亩,%s", phaseNameZH(ph.Index), ph.Year, ph.AreaMu, when)
	}
	return fmt.Sprintf("phase %d, %d, %.2f 亩, %s", ph.Index, ph.Year, ph.AreaMu, when)
}

// phaseNameZH names phase k in Chinese: 一期, 二期, …
func phaseNameZH(k int) string {
	ds := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if k >= 1 && k < len(ds) {
		return ds[k] + "期"
	}
	return fmt.Sprintf("第 %d 期", k)
}

// StockNote says how an allocation's stock land is freed and from when,
// in the page's language: "recovery, free from 2026-07-01" / "收回,
// 2026-07-01 起可供"; "" on new land.
func (p *page) StockNote(a plan.Allocation) string {
	if !a.Stock || a.Route == "" && a.FreeFrom == "" {
		return ""
	}
	s := routeText(p.Lang, a.Route)
	if a.FreeFrom != "" {
		if s != "" {
			s += tr(p.Lang, "stock.sep")
		}
		s += fmt.Sprintf(tr(p.Lang, "stock.free"), a.FreeFrom)
	}
	return s
}

// StockKind names the kind of an allocation's stock land in the page's
// language, as its disposal route tells it: idle land is recovered (收回),
// inefficient land is bought into the reserve or surrendered by agreement
// (收购储备, 协议腾退); "stock land" when the plan records no route.
func (p *page) StockKind(a plan.Allocation) string {
	switch a.Route {
	case policy.RouteRecovery:
		return tr(p.Lang, "status.idle")
	case policy.RouteAcquisition, policy.RouteNegotiated:
		return tr(p.Lang, "status.inefficient")
	}
	return tr(p.Lang, "stock.kind")
}

// Placement is where and how a comparison places a proposal: parcel, area
// and the term with every part, in the page's language.
func (p *page) Placement(pl *compare.Placement) string {
	if pl == nil {
		return ""
	}
	return fmt.Sprintf("%s · %s 亩 · %s", pl.Parcel, fmtNum(pl.AreaMu, 1), pl.Term(p.ZH()))
}

// yearRow is one year of a plan's new land against that year's quota.
type yearRow struct {
	Year     string
	NewMu    float64
	QuotaMu  float64
	HasQuota bool
	// Share is NewMu / QuotaMu (0 without a quota).
	Share float64
}

// quotaYears returns the plan's new land by year against each year's
// quota, by year.
func quotaYears(t plan.Totals) []yearRow {
	years := map[string]bool{}
	for y := range t.QuotaByYear {
		years[y] = true
	}
	for y := range t.NewLandByYear {
		years[y] = true
	}
	out := make([]yearRow, 0, len(years))
	for y := range years {
		q, ok := t.QuotaByYear[y]
		r := yearRow{Year: y, NewMu: t.NewLandByYear[y], QuotaMu: q, HasQuota: ok && q > 0}
		if r.HasQuota {
			r.Share = r.NewMu / q
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out
}

// Dominance is the plan's clause 12.4 check in the page's language.
func (p *page) Dominance(d plan.DominanceCheck) string {
	return fmt.Sprintf(tr(p.Lang, "plan.dominance"), d.Pairs, len(d.Breaks), d.Repaired)
}

// Status names a parcel status in the page's language.
func (p *page) Status(st planner.Status) string {
	return tr(p.Lang, "status."+string(st))
}
