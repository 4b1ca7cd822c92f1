package rules

import (
	"fmt"
	"io"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// RenderCheckZH writes the check report as Chinese text with no
// identifiers: rules, supply modes, statuses and industries by their
// Chinese names (industries as the profile p names them), clauses as
// 第N条. CheckReport.Render gives the English text and the JSON.
func RenderCheckZH(w io.Writer, rep CheckReport, p *policy.Profile) error {
	var b strings.Builder
	pool := rep.Pool
	fmt.Fprintf(&b, "预审基准日 %s(政策配置 SHA-256 %s)\n", rep.AsOf, rep.PolicySHA256)
	fmt.Fprintf(&b, "地块:%d 宗,可供 %d 宗(%.2f 亩:新增 %.2f,存量 %.2f);新增建设用地指标 %.2f 亩\n", pool.Parcels, pool.Available, pool.AvailableMu, pool.NewMu, pool.StockMu, pool.QuotaMu)
	fmt.Fprintf(&b, "公共配套保障用地(第十二条):%.2f 亩,占 %.2f 亩的 %.1f%%\n", pool.ReservedMu, pool.TotalMu, pool.ReservedShare*100)
	b.WriteString("\n项目\n")
	for _, pc := range rep.Proposals {
		name := pc.Name
		if name != "" {
			name = " " + name
		}
		ind := p.IndustryNameZH(pc.Industry)
		if pc.Eligible {
			fmt.Fprintf(&b, "  %s%s(%s):可安排地块 %d 宗;最优:", pc.Proposal, name, ind, pc.EligibleParcels)
			for _, c := range pc.Best {
				fmt.Fprintf(&b, " %s %.3f(%.2f 亩,%s %d 年)", c.Parcel, c.Score, c.AllocatedMu, planner.SupplyModeNameZH(c.SupplyMode), c.TermYears)
			}
			b.WriteString("\n")
		} else {
			fmt.Fprintf(&b, "  %s%s(%s):无可安排地块\n", pc.Proposal, name, ind)
		}
		for _, r := range pc.Reasons {
			if r.Verdict == planner.VerdictFail {
				fmt.Fprintf(&b, "      %s [%s]:%s\n", RuleNameZH(r.Rule), planner.ClauseZH(r.Clause), r.MessageZH)
			}
		}
		if len(pc.NotElsewhere) > 0 {
			var parts []string
			for _, c := range pc.NotElsewhere {
				parts = append(parts, fmt.Sprintf("%s %d 宗", RuleNameZH(c.Rule), c.Parcels))
			}
			fmt.Fprintf(&b, "      其他地块不可安排(按规则计):%s\n", strings.Join(parts, "、"))
		}
	}
	b.WriteString("\n闲置土地线索(令第53号)\n")
	if len(rep.Idle) == 0 {
		b.WriteString("  无\n")
	}
	for _, c := range rep.Idle {
		fmt.Fprintf(&b, "  %s(%s,%.2f 亩)%s:", c.Parcel, c.Status.NameZH(), c.AreaMu, RuleNameZH(c.Finding.Rule))
		for _, r := range c.Reasons {
			b.WriteString(r.MessageZH)
		}
		b.WriteString("\n")
	}
	b.WriteString("\n低效用地线索\n")
	if len(rep.Inefficient) == 0 {
		b.WriteString("  无\n")
	}
	for _, c := range rep.Inefficient {
		var parts []string
		for _, r := range c.Reasons {
			parts = append(parts, RuleNameZH(r.Rule)+":"+r.MessageZH)
		}
		fmt.Fprintf(&b, "  %s(%s,%.2f 亩)%s\n", c.Parcel, c.Status.NameZH(), c.AreaMu, strings.Join(parts, ";"))
	}
	b.WriteString("\n待核查土地(疑似闲置或低效,现有数据不满足认定条件;不予供应)\n")
	if len(rep.Investigate) == 0 {
		b.WriteString("  无\n")
	}
	for _, c := range rep.Investigate {
		var parts []string
		for _, r := range c.Reasons {
			parts = append(parts, r.MessageZH)
		}
		fmt.Fprintf(&b, "  %s(%s,%.2f 亩)%s\n", c.Parcel, c.Status.NameZH(), c.AreaMu, strings.Join(parts, ";"))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("rules: writing the check report: %w", err)
	}
	return nil
}
