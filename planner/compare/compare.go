package compare

import (
	"fmt"
	"math"
	"sort"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
)

// areaTol absorbs rounding when comparing two allocations' areas (the
// planner's tolerance for loads against capacities).
const areaTol = 1e-6

// Comparison puts plans side by side (`landplan compare`): every total and
// indicator with its differences against the first plan, and, for every
// other plan, the allocations that moved.
type Comparison struct {
	// Plans are the plans compared, in the order given.
	Plans []PlanRef `json:"plans"`
	// Indicators are the totals and indicators, one value per plan.
	Indicators []Indicator `json:"indicators"`
	// Changes hold, for each plan after the first, what changes from the
	// first plan to it.
	Changes []ChangeSet `json:"changes"`
}

// PlanRef names a compared plan.
type PlanRef struct {
	// Label is the plan's id, or its scenario, or "plan N" (1-based).
	Label         string `json:"label"`
	ID            string `json:"plan"`
	Scenario      string `json:"scenario"`
	ContentSHA256 string `json:"content_sha256"`
}

// Indicator is one total or indicator across the plans.
type Indicator struct {
	Key  string `json:"key"` // e.g. "new_land_mu", "supply.phased.count"
	EN   string `json:"en"`
	ZH   string `json:"zh"`
	Unit string `json:"unit,omitempty"`
	// Values holds one value per plan; Deltas the difference of each from
	// the first plan's (Deltas[0] = 0).
	Values []float64 `json:"values"`
	Deltas []float64 `json:"deltas"`
}

// ChangeSet is what changes from the first plan to another.
type ChangeSet struct {
	From string `json:"from"` // label of the first plan
	To   string `json:"to"`   // label of the other plan
	// Changes are the allocations that moved, by proposal id.
	Changes []Change `json:"changes"`
	// Add, Change and Remove count the changes by action.
	Add    int `json:"add"`
	Change int `json:"change"`
	Remove int `json:"remove"`
	// Summary is the one-line summary, e.g. "3 to add, 2 to change, 1 to
	// remove"; SummaryZH in Chinese.
	Summary   string `json:"summary"`
	SummaryZH string `json:"summary_zh"`
	// Identical is true when both plans have the same content hash.
	Identical bool `json:"identical"`
}

// Change is one allocation that moved.
type Change struct {
	// Action is one of plan.ActionAdd, plan.ActionRemove and
	// plan.ActionChange.
	Action   string `json:"action"`
	Proposal string `json:"proposal"`
	Name     string `json:"name,omitempty"`
	// From is the allocation in the first plan (nil for +), To the one in
	// the other plan (nil for −).
	From *Placement `json:"from,omitempty"`
	To   *Placement `json:"to,omitempty"`
	// Cause is, for a removal, why the other plan leaves the proposal out.
	Cause string `json:"cause,omitempty"`
	// Signed is true when the later plan holds the allocation under a
	// signed contract. Why and WhyZH say why a re-plan moved a tentative
	// allocation of the first plan (plan.Plan.Moves), when the later plan
	// re-planned the first.
	Signed bool   `json:"signed,omitempty"`
	Why    string `json:"why,omitempty"`
	WhyZH  string `json:"why_zh,omitempty"`
}

// Placement is where and how a proposal is placed: the parcel, the area
// and the tenure with every part of its term (plan.Allocation's fields of the
// same names).
type Placement struct {
	Parcel        string  `json:"parcel"`
	AreaMu        float64 `json:"area_mu"`
	SupplyMode    string  `json:"supply_mode"`
	TermYears     int     `json:"term_years"`
	LeaseYears    int     `json:"lease_years,omitempty"`
	TransferYears int     `json:"transfer_years,omitempty"`
	TermText      string  `json:"term_text,omitempty"`
	TermTextZH    string  `json:"term_text_zh,omitempty"`
	Score         float64 `json:"score"`
	// Year is the year the land is supplied (0 in plans stored before
	// programmes).
	Year int `json:"year,omitempty"`
}

func placement(a plan.Allocation) *Placement {
	return &Placement{Year: a.Year, Parcel: a.Parcel, AreaMu: a.AreaMu, SupplyMode: a.SupplyMode, TermYears: a.TermYears,
		LeaseYears: a.LeaseYears, TransferYears: a.TransferYears, TermText: a.TermText, TermTextZH: a.TermTextZH, Score: a.Score}
}

// Term shows the placement's tenure with every part of its term, in
// Chinese when zh: its term text ("先租后让(租赁 5 年 + 出让 15 年)"), or,
// for plans stored before term texts existed, the mode and the years
// ("lease_then_transfer 20 y", "先租后让 20 年").
func (p *Placement) Term(zh bool) string {
	if zh {
		if p.TermTextZH != "" {
			return p.TermTextZH
		}
		return fmt.Sprintf("%s %d 年", planner.SupplyModeNameZH(p.SupplyMode), p.TermYears)
	}
	if p.TermText != "" {
		return p.TermText
	}
	return fmt.Sprintf("%s %d y", p.SupplyMode, p.TermYears)
}

// sameTenure reports whether two allocations have the same tenure: the
// same mode and whole term, the same lease and transfer parts and, where
// both plans name it, the same term text (a phased supply's names each
// phase's mode, term and year).
func sameTenure(x, y plan.Allocation) bool {
	if x.SupplyMode != y.SupplyMode || x.TermYears != y.TermYears || x.LeaseYears != y.LeaseYears || x.TransferYears != y.TransferYears {
		return false
	}
	return x.TermText == "" || y.TermText == "" || x.TermText == y.TermText
}

// indicatorDefs lists the indicators of a comparison, with how to read
// each from a plan.
var indicatorDefs = []struct {
	key, en, zh, unit string
	get               func(*plan.Plan) float64
}{
	{"projects", "projects placed", "安排项目数", "", func(p *plan.Plan) float64 { return float64(p.Totals.Projects) }},
	{"rejected", "projects not placed", "未安排项目数", "", func(p *plan.Plan) float64 { return float64(p.Totals.Rejected) }},
	{"allocated_mu", "land allocated", "供地面积", "亩", func(p *plan.Plan) float64 { return p.Totals.AllocatedMu }},
	{"new_land_mu", "new land supplied now", "新增用地", "亩", func(p *plan.Plan) float64 { return p.Totals.NewLandMu }},
	{"stock_land_mu", "stock land supplied now", "存量用地", "亩", func(p *plan.Plan) float64 { return p.Totals.StockLandMu }},
	{"phase_reserved_mu", "later phases reserved", "分期预留用地", "亩", func(p *plan.Plan) float64 { return p.Totals.PhaseReservedMu }},
	{"quota_mu", "new land quota", "新增建设用地指标", "亩", func(p *plan.Plan) float64 { return p.Totals.QuotaMu }},
	{"quota_used_share", "quota used", "指标使用率", "share", func(p *plan.Plan) float64 { return p.Totals.QuotaUsedShare }},
	{"output", "annual output", "年产值", "万元", func(p *plan.Plan) float64 { return p.Totals.Output }},
	{"tax", "annual tax", "年税收", "万元", func(p *plan.Plan) float64 { return p.Totals.Tax }},
	{"investment", "investment", "固定资产投资", "万元", func(p *plan.Plan) float64 { return p.Totals.Investment }},
	{"jobs", "jobs", "就业", "", func(p *plan.Plan) float64 { return float64(p.Totals.Jobs) }},
	{"output_per_mu", "output per mu (亩均产值)", "亩均产值", "万元/亩", func(p *plan.Plan) float64 { return p.Totals.OutputPerMu }},
	{"tax_per_mu", "tax per mu (亩均税收)", "亩均税收", "万元/亩", func(p *plan.Plan) float64 { return p.Totals.TaxPerMu }},
	{"facility_mu", "facility land", "配套设施用地", "亩", func(p *plan.Plan) float64 { return p.Totals.FacilityMu }},
	{"dormitory_mu", "dormitory land", "宿舍型保障性租赁住房用地", "亩", func(p *plan.Plan) float64 { return p.Totals.DormitoryMu }},
	{"reserved_mu", "public facility land kept", "公共配套保障用地", "亩", func(p *plan.Plan) float64 { return p.Totals.ReservedMu }},
	{"revenue_yuan", "land revenue (prices + first-year rents)", "土地收入(价款+首年租金)", "元", func(p *plan.Plan) float64 { return p.Totals.RevenueYuan }},
	{"objective", "objective", "目标值", "", func(p *plan.Plan) float64 { return p.Objective }},
	{"bound", "proven bound", "上界", "", func(p *plan.Plan) float64 { return p.Bound }},
	{"gap", "gap", "间隙", "share", func(p *plan.Plan) float64 { return p.Gap }},
}

// Diff compares plans: every indicator side by side with its difference
// from the first plan (supply modes by count and area, the union of the
// modes any plan uses), and for each later plan the allocations that moved
// from the first: + placed only in the later plan, − placed only in the
// first, ~ placed in both on another parcel, by another tenure (mode or any
// part of the term) or on another area. Nil plans are skipped.
func Diff(plans ...*plan.Plan) Comparison {
	var ps []*plan.Plan
	for _, p := range plans {
		if p != nil {
			ps = append(ps, p)
		}
	}
	c := Comparison{Plans: []PlanRef{}, Indicators: []Indicator{}, Changes: []ChangeSet{}}
	for i, p := range ps {
		label := p.ID
		if label == "" {
			label = p.Scenario
		}
		if label == "" {
			label = fmt.Sprintf("plan %d", i+1)
		}
		c.Plans = append(c.Plans, PlanRef{Label: label, ID: p.ID, Scenario: p.Scenario, ContentSHA256: p.ContentSHA256})
	}
	if len(ps) == 0 {
		return c
	}
	add := func(key, en, zh, unit string, get func(*plan.Plan) float64) {
		ind := Indicator{Key: key, EN: en, ZH: zh, Unit: unit, Values: make([]float64, len(ps)), Deltas: make([]float64, len(ps))}
		for i, p := range ps {
			ind.Values[i] = get(p)
			ind.Deltas[i] = ind.Values[i] - ind.Values[0]
		}
		c.Indicators = append(c.Indicators, ind)
	}
	for _, d := range indicatorDefs {
		add(d.key, d.en, d.zh, d.unit, d.get)
	}
	modes := map[string]bool{}
	for _, p := range ps {
		for m := range p.Totals.BySupplyMode {
			modes[m] = true
		}
	}
	for _, m := range sortedKeys(modes) {
		add("supply."+m+".count", m+" allocations", planner.SupplyModeNameZH(m)+"宗数", "", func(p *plan.Plan) float64 { return float64(p.Totals.BySupplyMode[m].Count) })
		add("supply."+m+".area_mu", m+" land", planner.SupplyModeNameZH(m)+"面积", "亩", func(p *plan.Plan) float64 { return p.Totals.BySupplyMode[m].AreaMu })
	}
	// Year against year: each year's new land, quota, stock land and
	// projects starting, over the union of the plans' years.
	years := map[string]bool{}
	for _, p := range ps {
		for y := range p.Totals.QuotaByYear {
			years[y] = true
		}
		for y := range p.Totals.ProjectsByYear {
			years[y] = true
		}
	}
	for _, y := range sortedKeys(years) {
		add("year."+y+".projects", y+" projects starting", y+" 年开工项目数", "", func(p *plan.Plan) float64 { return float64(p.Totals.ProjectsByYear[y]) })
		add("year."+y+".new_land_mu", y+" new land", y+" 年新增用地", "亩", func(p *plan.Plan) float64 { return p.Totals.NewLandByYear[y] })
		add("year."+y+".quota_mu", y+" new-land quota", y+" 年新增建设用地指标", "亩", func(p *plan.Plan) float64 { return p.Totals.QuotaByYear[y] })
		add("year."+y+".stock_land_mu", y+" stock land", y+" 年存量用地", "亩", func(p *plan.Plan) float64 { return p.Totals.StockLandByYear[y] })
	}
	for _, p := range ps[1:] {
		c.Changes = append(c.Changes, changes(ps[0], p, c.Plans[0].Label, c.Plans[len(c.Changes)+1].Label))
	}
	return c
}

// changes lists what moves from plan a to plan b.
func changes(a, b *plan.Plan, from, to string) ChangeSet {
	cs := ChangeSet{From: from, To: to, Changes: []Change{}, Identical: a.ContentSHA256 != "" && a.ContentSHA256 == b.ContentSHA256}
	inA, inB := byProposal(a), byProposal(b)
	causeB := map[string]string{}
	for _, u := range b.Unallocated {
		causeB[u.Proposal] = u.Cause
	}
	ids := map[string]bool{}
	for id := range inA {
		ids[id] = true
	}
	for id := range inB {
		ids[id] = true
	}
	for _, id := range sortedKeys(ids) {
		x, okA := inA[id]
		y, okB := inB[id]
		switch {
		case okA && !okB:
			cs.Changes = append(cs.Changes, Change{Action: plan.ActionRemove, Proposal: id, Name: x.ProposalName, From: placement(x), Cause: causeB[id]})
			cs.Remove++
		case !okA && okB:
			cs.Changes = append(cs.Changes, Change{Action: plan.ActionAdd, Proposal: id, Name: y.ProposalName, To: placement(y)})
			cs.Add++
		case x.Parcel != y.Parcel || x.Year != y.Year || !sameTenure(x, y) || math.Abs(x.AreaMu-y.AreaMu) > areaTol:
			cs.Changes = append(cs.Changes, Change{Action: plan.ActionChange, Proposal: id, Name: y.ProposalName, From: placement(x), To: placement(y)})
			cs.Change++
		}
	}
	cs.why(a, b)
	for i := range cs.Changes {
		if y, ok := inB[cs.Changes[i].Proposal]; ok {
			cs.Changes[i].Signed = y.Signed
		}
	}
	sort.SliceStable(cs.Changes, func(i, j int) bool { return cs.Changes[i].Proposal < cs.Changes[j].Proposal })
	cs.summarise()
	return cs
}

// byProposal indexes a plan's allocations by proposal.
func byProposal(p *plan.Plan) map[string]plan.Allocation {
	in := make(map[string]plan.Allocation, len(p.Allocations))
	for _, x := range p.Allocations {
		in[x.Proposal] = x
	}
	return in
}

// why says, when b re-planned a, why it moved each allocation.
func (cs *ChangeSet) why(a, b *plan.Plan) {
	if a.ID != "" && b.Previous == a.ID {
		why := map[string]plan.Move{}
		for _, m := range b.Moves {
			why[m.Proposal] = m
		}
		for i := range cs.Changes {
			ch := &cs.Changes[i]
			if m, ok := why[ch.Proposal]; ok {
				ch.Why, ch.WhyZH = m.Why, m.WhyZH
			}
		}
	}
}

// summarise writes the one-line summary in English and Chinese.
func (cs *ChangeSet) summarise() {
	if len(cs.Changes) == 0 {
		cs.Summary, cs.SummaryZH = "no changes", "无变化"
	} else {
		cs.Summary = fmt.Sprintf("%d to add, %d to change, %d to remove", cs.Add, cs.Change, cs.Remove)
		cs.SummaryZH = fmt.Sprintf("新增 %d 项,变更 %d 项,移除 %d 项", cs.Add, cs.Change, cs.Remove)
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
