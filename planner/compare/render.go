package compare

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/landplan/landplan/planner/internal/textout"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// Render writes the comparison as JSON or as text in the language lang:
// every indicator with one column per plan and the difference from the
// first, then for each later plan its changes as `+ ~ -` lines and the
// one-line summary.
func (c Comparison) Render(w io.Writer, format policy.Format, lang policy.Lang) error {
	if err := textout.CheckFormat(format); err != nil {
		return err
	}
	if format == policy.FormatJSON {
		return textout.WriteJSON(w, c, "comparison")
	}
	zh := textout.Tr(lang == policy.LangZH)
	var b strings.Builder
	const width = 18
	fmt.Fprintf(&b, "%-34s", zh.S("indicator", "指标"))
	for i, p := range c.Plans {
		fmt.Fprintf(&b, " %*s", width, clip(p.Label, width))
		if i > 0 {
			fmt.Fprintf(&b, " %*s", width, "Δ")
		}
	}
	b.WriteString("\n")
	for _, ind := range c.Indicators {
		name := zh.S(ind.EN, ind.ZH)
		if ind.Unit != "" && ind.Unit != plan.UnitShare {
			name += " (" + ind.Unit + ")"
		}
		fmt.Fprintf(&b, "%-34s", clip(name, 34))
		for i, v := range ind.Values {
			fmt.Fprintf(&b, " %*s", width, fmtIndicator(ind, v, false))
			if i > 0 {
				fmt.Fprintf(&b, " %*s", width, fmtIndicator(ind, ind.Deltas[i], true))
			}
		}
		b.WriteString("\n")
	}
	for _, cs := range c.Changes {
		fmt.Fprintf(&b, zh.S("\n%s → %s: %s\n", "\n%s → %s:%s\n"), cs.From, cs.To, zh.S(cs.Summary, cs.SummaryZH))
		if cs.Identical {
			b.WriteString(zh.S("  identical plans (same content sha256)\n", "  方案相同(内容 SHA-256 一致)\n"))
		}
		for _, ch := range cs.Changes {
			b.WriteString("  " + changeLine(ch, zh) + "\n")
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("plan: writing the comparison: %w", err)
	}
	return nil
}

// changeLine is one change as a Terraform-like line.
func changeLine(ch Change, zh textout.Tr) string {
	pl := func(p *Placement) string {
		s := fmt.Sprintf("%s %.2f %s %s", p.Parcel, p.AreaMu, zh.S("mu", "亩"), p.Term(bool(zh)))
		if p.Year != 0 {
			s += fmt.Sprintf(zh.S(" in %d", "(%d 年)"), p.Year)
		}
		return s
	}
	why := ""
	if ch.Why != "" {
		why = "\n      " + zh.S("why: ", "原因:") + zh.S(ch.Why, ch.WhyZH)
	}
	switch ch.Action {
	case plan.ActionAdd:
		return fmt.Sprintf("+ %s → %s", ch.Proposal, pl(ch.To))
	case plan.ActionRemove:
		s := fmt.Sprintf("- %s ✕ %s", ch.Proposal, pl(ch.From))
		if ch.Cause != "" {
			s += " (" + zh.Cause(ch.Cause) + ")"
		}
		return s + why
	}
	return fmt.Sprintf("~ %s %s ⇒ %s", ch.Proposal, pl(ch.From), pl(ch.To)) + why
}

func fmtIndicator(ind Indicator, v float64, delta bool) string {
	sign := ""
	if delta && v > 0 {
		sign = "+"
	}
	switch {
	case ind.Unit == plan.UnitShare:
		return fmt.Sprintf("%s%.2f%%", sign, 100*v)
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return fmt.Sprintf("%s%.0f", sign, v)
	case math.Abs(v) >= 1000:
		return fmt.Sprintf("%s%.0f", sign, v)
	}
	return fmt.Sprintf("%s%.2f", sign, v)
}

// clip shortens s to at most n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
