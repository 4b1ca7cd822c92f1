package explain

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/internal/textout"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// Render writes the plan as JSON (the plan.Plan itself, docs/product.md, "The plan") or as text
// in the language lang: the summary a planner reads at a glance (projects
// placed, new and stock land, quota used, output, tax, jobs, facility and
// dormitory land, supply modes), then the allocations as a plan of changes
// (`+ P0012 → L0345 12.50 亩 flexible_term 20 y`) and the proposals not
// placed with their causes.
func Render(w io.Writer, p *plan.Plan, format policy.Format, lang policy.Lang) error {
	if err := textout.CheckFormat(format); err != nil {
		return err
	}
	if format == policy.FormatJSON {
		return textout.WriteJSON(w, p, "plan")
	}
	zh := textout.Tr(lang == policy.LangZH)
	var b strings.Builder
	writeSummary(&b, p, zh)
	fmt.Fprintf(&b, "\n%s\n", zh.S(fmt.Sprintf("Allocations (%d)", len(p.Allocations)), fmt.Sprintf("供地安排(%d 项)", len(p.Allocations))))
	for _, a := range p.Allocations {
		line := allocationLine(a, zh)
		if len(p.Years) > 1 {
			line += fmt.Sprintf(zh.S("  year %d", "  %d 年"), a.Year)
		}
		if a.Signed {
			line += zh.S("  signed", "  已签合同")
		}
		b.WriteString("  " + line + "\n")
	}
	fmt.Fprintf(&b, "\n%s\n", zh.S(fmt.Sprintf("Not placed (%d)", len(p.Unallocated)), fmt.Sprintf("未安排(%d 项)", len(p.Unallocated))))
	for _, u := range p.Unallocated {
		line := ""
		if len(u.Reasons) > 0 {
			line = zh.Msg(u.Reasons[0])
		}
		fmt.Fprintf(&b, "  - %s %s [%s]: %s\n", u.Proposal, u.Name, zh.Cause(u.Cause), line)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("plan: writing the plan: %w", err)
	}
	return nil
}

// allocationLine is one allocation as a line of a plan of changes.
func allocationLine(a plan.Allocation, zh textout.Tr) string {
	s := fmt.Sprintf("+ %s → %s %.2f %s %s  %s %.4f", a.Proposal, a.Parcel, a.AreaMu, zh.S("mu", "亩"), zh.Term(a.TermText, a.TermTextZH, a.SupplyMode, a.TermYears), zh.S("score", "得分"), a.Score)
	if a.Lot != "" {
		s += "  " + zh.S("lot ", "宗地 ") + a.Lot
	}
	if a.Stock {
		s += zh.S("  stock", "  存量")
		if a.FreeFrom != "" {
			s += zh.S(" free from ", ",腾空可供 ") + a.FreeFrom
		}
	}
	return s
}

func writeSummary(b *strings.Builder, p *plan.Plan, zh textout.Tr) {
	t := p.Totals
	id := p.ID
	if id == "" {
		id = zh.S("(not stored)", "(未保存)")
	}
	scen := p.Scenario
	if scen == "" {
		scen = zh.S("base profile", "基础配置")
	}
	fmt.Fprintf(b, zh.S("Plan %s, scenario %s, planning date %s\n", "方案 %s,情景 %s,规划基准日 %s\n"), id, scen, p.AsOf)
	if p.Created != "" {
		fmt.Fprintf(b, zh.S("  created %s\n", "  生成于 %s\n"), p.Created)
	}
	if len(p.Overrides) > 0 {
		fmt.Fprintf(b, zh.S("  overrides: %s\n", "  调整项:%s\n"), zh.Overrides(p.Overrides))
	}
	fmt.Fprintf(b, zh.S("  inputs sha256 %s\n  policy sha256 %s\n  content sha256 %s\n", "  输入数据 SHA-256 %s\n  政策配置 SHA-256 %s\n  方案内容 SHA-256 %s\n"), p.InputsSHA256, p.PolicySHA256, p.ContentSHA256)
	def := p.ObjectiveDef
	if zh {
		def = p.ObjectiveDefZH
	}
	fmt.Fprintf(b, zh.S("  objective %s, proven bound %s, gap %.4f%% (%s)\n    %s\n", "  目标值 %s,上界 %s,间隙 %.4f%%(%s)\n    %s\n"), plan.FormatValue(p.Objective), plan.FormatValue(p.Bound), 100*p.Gap, zh.Stopped(p), def)
	fmt.Fprintf(b, zh.S("\nProjects placed %d of %d (%d not placed)\n", "\n安排项目 %d 个,共 %d 个(未安排 %d 个)\n"), t.Projects, t.Projects+t.Rejected, t.Rejected)
	fmt.Fprintf(b, zh.S("Land allocated %.2f mu: new %.2f mu now (quota %.2f mu, %.1f%% used), stock %.2f mu, later phases reserved %.2f mu\n",
		"供地 %.2f 亩:本年度新增 %.2f 亩(指标 %.2f 亩,已用 %.1f%%),存量 %.2f 亩,分期预留 %.2f 亩\n"),
		t.AllocatedMu, t.NewLandMu, t.QuotaMu, 100*t.QuotaUsedShare, t.StockLandMu, t.PhaseReservedMu)
	var years []string
	for _, y := range slices.Sorted(maps.Keys(t.QuotaByYear)) {
		years = append(years, fmt.Sprintf(zh.S("%s %.2f of %.2f mu", "%s 年 %.2f / %.2f 亩"), y, t.NewLandByYear[y], t.QuotaByYear[y]))
	}
	if len(years) > 0 {
		fmt.Fprintf(b, zh.S("New land by year (each phase in the year it is released): %s\n", "分年度新增用地(各期计入其供地年度):%s\n"), strings.Join(years, zh.S("; ", ";")))
	}
	if len(p.Years) > 1 {
		var ys []string
		for _, y := range p.Years {
			k := strconv.Itoa(y)
			ys = append(ys, fmt.Sprintf(zh.S("%s %d projects (stock %.2f mu)", "%s 年 %d 个项目(存量 %.2f 亩)"), k, t.ProjectsByYear[k], t.StockLandByYear[k]))
		}
		fmt.Fprintf(b, zh.S("Programme %d–%d, projects starting by year: %s\n", "%d—%d 年供地计划,分年度开工项目:%s\n"), p.Years[0], p.Years[len(p.Years)-1], strings.Join(ys, zh.S("; ", ";")))
	}
	if p.Contracts > 0 {
		fmt.Fprintf(b, zh.S("Signed contracts kept fixed: %d\n", "保留已签合同:%d 项\n"), p.Contracts)
	}
	if p.Previous != "" {
		fmt.Fprintf(b, zh.S("Re-plan of %s: %d tentative allocation(s) kept, %d moved\n", "对方案 %s 的重新规划:保留暂定安排 %d 项,调整 %d 项\n"), p.Previous, p.Kept, len(p.Moves))
		for _, m := range p.Moves {
			fmt.Fprintf(b, "  ~ %s: %s\n", m.Proposal, zh.S(m.Why, m.WhyZH))
		}
	}
	fmt.Fprintf(b, zh.S("Output %.0f 万元/yr (%.1f per mu), tax %.0f 万元/yr (%.1f per mu), investment %.0f 万元 (%.1f per mu), jobs %d; per mu of the %.2f mu planned\n",
		"年产值 %.0f 万元(亩均 %.1f),年税收 %.0f 万元(亩均 %.1f),投资 %.0f 万元(亩均 %.1f),就业 %d 人;亩均按规划用地 %.2f 亩计\n"),
		t.Output, t.OutputPerMu, t.Tax, t.TaxPerMu, t.Investment, t.InvestmentPerMu, t.Jobs, t.AllocatedMu)
	fmt.Fprintf(b, zh.S("Facility land %.2f mu, of which dormitory-type rental housing %.2f mu; public facility land kept %.2f mu (%.1f%% of the pool)\n",
		"配套设施用地 %.2f 亩,其中宿舍型保障性租赁住房 %.2f 亩;公共配套保障用地 %.2f 亩(占 %.1f%%)\n"),
		t.FacilityMu, t.DormitoryMu, t.ReservedMu, 100*t.ReservedShare)
	var modes []string
	for _, m := range slices.Sorted(maps.Keys(t.BySupplyMode)) {
		mt := t.BySupplyMode[m]
		modes = append(modes, fmt.Sprintf("%s %d (%.2f %s)", zh.Mode(m), mt.Count, mt.AreaMu, zh.S("mu", "亩")))
	}
	fmt.Fprintf(b, zh.S("Supply modes: %s\n", "供地方式:%s\n"), orNone(strings.Join(modes, ", "), zh.S("none", "无")))
	fmt.Fprintf(b, zh.S("Land revenue %.0f yuan (transfer prices and first-year rents)\n", "土地收入 %.0f 元(出让价款及首年租金)\n"), t.RevenueYuan)
	fmt.Fprintf(b, zh.S("Clause 12.4 check: %d placed/left-out pairs compared on the placed project's parcel, %d dominance breaks in the solved allocation, %d repaired; the plan has none\n",
		"第十二条第四句核查:按已安排项目所在地块比较 %d 对已安排/未安排项目,求解结果中占优被排除 %d 处,已调换 %d 处;本方案无此情形\n"),
		p.Dominance.Pairs, len(p.Dominance.Breaks), p.Dominance.Repaired)
	writeMarginal(b, p, zh)
	if len(p.Investigate) > 0 {
		fmt.Fprintf(b, zh.S("Land to investigate (looks idle or inefficient, no test holds; not allocated): %d parcel(s)\n", "待核查土地(疑似闲置或低效,未满足认定条件,不予安排):%d 宗\n"), len(p.Investigate))
	}
}

// Explain writes, for `landplan show`, the explanation of one proposal's
// allocation or non-allocation (every reason, the score breakdown, the
// runner-ups and the flip statement), or of every proposal when proposal is
// "". As JSON it writes the plan.Allocation or plan.Unallocated (a list of both kinds
// for ""). A proposal the plan does not know is a KindNotFound error.
func Explain(w io.Writer, p *plan.Plan, proposal string, format policy.Format, lang policy.Lang) error {
	if err := textout.CheckFormat(format); err != nil {
		return err
	}
	zh := textout.Tr(lang == policy.LangZH)
	allocs, unalloc := proposalsOf(p, proposal)
	if proposal != "" && len(allocs)+len(unalloc) == 0 {
		return planner.Errorf(planner.KindNotFound, "plan %s: no proposal %q", p.ID, proposal)
	}
	if format == policy.FormatJSON {
		return explainJSON(w, proposal, allocs, unalloc)
	}
	var b strings.Builder
	for _, a := range allocs {
		writeAllocation(&b, a, zh)
	}
	for _, u := range unalloc {
		fmt.Fprintf(&b, "- %s %s [%s]\n", u.Proposal, u.Name, zh.Cause(u.Cause))
		writeReasons(&b, u.Reasons, zh)
		if u.Flip != nil {
			fmt.Fprintf(&b, zh.S("    verified change: %s\n", "    经重新求解验证的改变条件:%s\n"), zh.S(u.Flip.Text, u.Flip.TextZH))
		}
		b.WriteString("\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("plan: writing the explanation: %w", err)
	}
	return nil
}

// proposalsOf returns the plan's allocations and unallocated proposals of
// the proposal, or all of them for "".
func proposalsOf(p *plan.Plan, proposal string) ([]plan.Allocation, []plan.Unallocated) {
	var allocs []plan.Allocation
	var unalloc []plan.Unallocated
	for _, a := range p.Allocations {
		if proposal == "" || a.Proposal == proposal {
			allocs = append(allocs, a)
		}
	}
	for _, u := range p.Unallocated {
		if proposal == "" || u.Proposal == proposal {
			unalloc = append(unalloc, u)
		}
	}
	return allocs, unalloc
}

// explainJSON writes the Allocation or Unallocated of one proposal, or
// the lists of both for "".
func explainJSON(w io.Writer, proposal string, allocs []plan.Allocation, unalloc []plan.Unallocated) error {
	switch {
	case proposal != "" && len(allocs) == 1:
		return textout.WriteJSON(w, allocs[0], "allocation")
	case proposal != "":
		return textout.WriteJSON(w, unalloc[0], "unallocated proposal")
	}
	return textout.WriteJSON(w, struct {
		Allocations []plan.Allocation  `json:"allocations"`
		Unallocated []plan.Unallocated `json:"unallocated"`
	}{orEmpty(allocs), orEmpty(unalloc)}, "explanation")
}

// writeAllocation writes the explanation of one allocation: its line, its
// land and money, its phases, the stock route, the score breakdown and
// the reasons.
func writeAllocation(b *strings.Builder, a plan.Allocation, zh textout.Tr) {
	b.WriteString(allocationLine(a, zh) + "\n")
	if a.ProposalName != "" {
		fmt.Fprintf(b, "    %s\n", a.ProposalName)
	}
	fmt.Fprintf(b, zh.S("    land now %.2f mu (new %.2f, stock %.2f), facility %.2f mu, dormitory %.2f mu, price %.0f yuan, annual rent %.0f yuan, value %s\n",
		"    本期供地 %.2f 亩(新增 %.2f,存量 %.2f),配套 %.2f 亩,宿舍 %.2f 亩,价款 %.0f 元,年租金 %.0f 元,目标值 %s\n"),
		a.NowMu, a.NewLandMu, a.StockMu, a.FacilityMu, a.DormitoryMu, a.PriceYuan, a.AnnualRentYuan, plan.FormatValue(a.Value))
	for _, ph := range a.Phases {
		now := zh.S("reserved until", "预留至")
		if ph.Now {
			now = zh.S("supplied now", "本期供应")
		}
		fmt.Fprintf(b, zh.S("    phase %d: %.2f mu, %s %s, %s, charged to the %d quota\n", "    第 %d 期:%.2f 亩,%s %s,%s,计入 %d 年度指标\n"),
			ph.Index, ph.AreaMu, now, ph.Deadline, zh.S(ph.TermText, ph.TermTextZH), ph.Year)
	}
	if a.Stock && a.Route != "" {
		fmt.Fprintf(b, zh.S("    stock land freed by %s, free from %s; the project starts no earlier than %s\n", "    存量土地经%s,自 %s 起可供;项目不早于 %s 开工\n"),
			zh.S(a.Route, rules.RouteNameZH(a.Route)), a.FreeFrom, a.StartFrom)
	}
	var parts []string
	for _, c := range a.Breakdown {
		parts = append(parts, fmt.Sprintf("%s %.3f", zh.Criterion(c.Criterion), c.Share))
	}
	if len(parts) > 0 {
		fmt.Fprintf(b, zh.S("    score %.4f = %s\n", "    得分 %.4f = %s\n"), a.Score, strings.Join(parts, " + "))
	}
	writeReasons(b, a.Reasons, zh)
	b.WriteString("\n")
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// reasonZH is a reason as Chinese output shows it: its verdict, its rule and
// clause by name, and its Chinese message.
func reasonZH(r planner.Reason) (verdict, rule, clause, msg string) {
	return planner.VerdictNameZH(r.Verdict), plan.RuleNameZH(r.Rule), planner.ClauseZH(r.Clause), r.MessageZH
}

// writeReasons writes a list of reasons, one indented line each.
func writeReasons(b *strings.Builder, rs []planner.Reason, zh textout.Tr) {
	for _, r := range rs {
		if zh {
			verdict, rule, clause, msg := reasonZH(r)
			fmt.Fprintf(b, "    %s %s [%s]:%s\n", verdict, rule, clause, msg)
			continue
		}
		fmt.Fprintf(b, "    %-4s %s [%s]: %s\n", r.Verdict, r.Rule, "clause "+r.Clause, r.Message)
	}
}

// writeMarginal writes the marginal values of the plan's rows, one line
// each, for `landplan show`.
func writeMarginal(b *strings.Builder, p *plan.Plan, zh textout.Tr) {
	if len(p.Marginal) == 0 {
		return
	}
	fmt.Fprintf(b, zh.S("Marginal values (Lagrangian multipliers at the root; the best objective with δ mu more is at most %s + value × δ):\n",
		"边际价值(根节点拉格朗日乘子;多 δ 亩时最优目标值不超过 %s + 边际价值 × δ):\n"), plan.FormatValue(p.Marginal[0].DualBound))
	for _, m := range p.Marginal {
		state := zh.S("not binding", "未约束")
		if m.Binding {
			state = zh.S("binding", "起约束作用")
		}
		note := ""
		if !m.BoundsRaise {
			note = zh.S("; for a raise no bound: projects larger than what is left were set aside before the dual",
				";对增加指标无界:超过剩余量的项目在求对偶前已被排除")
		}
		fmt.Fprintf(b, zh.S("  %s: %.6g per mu (%s; %.2f of %.2f mu used)%s\n", "  %s:每亩 %.6g(%s;已用 %.2f / %.2f 亩)%s\n"),
			m.Label(bool(zh)), m.PerMu, state, m.UsedMu, m.CapacityMu, note)
	}
}

// orNone is s, or none when s is empty.
func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}
