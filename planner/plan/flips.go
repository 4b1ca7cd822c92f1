package plan

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// A counterfactual is claimed only after a re-solve of the whole run with
// the change gave it (12.4: an explanation is a claim). The search per
// proposal left out:
//
//   - kept out by a year's quota: that year's quota raised by what its
//     cheapest pair needs beyond what is left;
//   - kept out by a quota or by other projects: the same project on a
//     quarter less land (用地少), then half again as much output and tax on
//     the same land (产出高), then on half the land;
//   - ineligible only by the standard-land thresholds: the lacking figures
//     raised to the thresholds over the requested land.
//
// The first change whose re-solve places the proposal is the flip; when
// none does, the reasons say what was tried and what the re-solve did.

// flipTry is one change to verify.
type flipTry struct {
	set      map[string]string
	proposal map[string]float64
	en, zh   string
}

// flipOutcome is what a re-solve with a change gave for the proposal.
type flipOutcome struct {
	placed    bool
	parcel    string
	cause     string   // its cause in the re-solve when not placed
	displaced []string // proposals of the plan the re-solve left out
	// overBudget: the re-solve would exceed the run's memory budget
	// (the re-solves share the process with the run and each other), so
	// the change is not verified.
	overBudget bool
	err        error
}

// flips searches a verified counterfactual for each proposal left out,
// within the settings' budget of re-solves.
func (b *builder) flips(ctx context.Context, in Input, set Settings, p *Plan) error {
	budget := set.Flips
	if budget == 0 {
		budget = DefaultFlips
		// A programme's re-solve is a whole programme: none by default.
		if b.nPairs() > FlipMaxPairs || len(b.prof.HorizonYears()) > 1 {
			budget = -1
		}
	}
	if budget < 0 {
		return nil
	}
	type job struct {
		u     int // index into p.Unallocated
		tries []flipTry
	}
	var jobs []job
	for _, n := range b.flipOrder(p) {
		if ts := b.flipTries(p, &p.Unallocated[n]); len(ts) > 0 {
			if budget < len(ts) {
				ts = ts[:budget]
			}
			budget -= len(ts)
			jobs = append(jobs, job{n, ts})
		}
		if budget <= 0 {
			break
		}
	}
	// Verify the proposals in parallel; each proposal's tries in order.
	placedNow := map[string]bool{}
	for _, a := range p.Allocations {
		placedNow[a.Proposal] = true
	}
	results := make([][]flipOutcome, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for n, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			id := p.Unallocated[j.u].Proposal
			for _, t := range j.tries {
				o := b.verify(ctx, in, set, id, t, placedNow)
				results[n] = append(results[n], o)
				if o.placed || o.err != nil || o.overBudget {
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for n, j := range jobs {
		if err := flipResults(&p.Unallocated[j.u], j.tries, results[n]); err != nil {
			return err
		}
	}
	return nil
}

// flipResults records on u what the re-solves of its tries gave, in
// order: the flip that placed it, a re-solve over the memory budget, or
// the largest change tried and what it did.
func flipResults(u *Unallocated, tries []flipTry, results []flipOutcome) error {
	for i, o := range results {
		if o.err != nil {
			return o.err
		}
		t := tries[i]
		switch {
		case o.overBudget:
			u.Reasons = append(u.Reasons, flipReason(
				fmt.Sprintf("re-solving with %s would exceed the run's memory budget (--max-memory): no change verified", t.en),
				fmt.Sprintf("按%s重新求解将超出本次运行的内存预算(--max-memory):未验证任何调整", t.zh)))
			return nil
		case o.placed:
			u.Flip = flipOf(u.Proposal, t, o)
			u.Reasons = append(u.Reasons, flipReason(u.Flip.Text, u.Flip.TextZH))
			return nil
		case i == len(results)-1:
			u.Reasons = append(u.Reasons, flipReason(
				fmt.Sprintf("re-solved with %s (the largest change tried): still not placed (%s)", t.en, causeText(o.cause, false)),
				fmt.Sprintf("按%s(所试最大调整)重新求解:仍未安排(%s)", t.zh, causeText(o.cause, true))))
		}
	}
	return nil
}

// flipReason is a proposal's reason of the flip search (12.4).
func flipReason(en, zh string) planner.Reason {
	return planner.Reason{Rule: RuleFlip, Clause: rules.Clause12, Verdict: planner.VerdictInfo, Message: en, MessageZH: zh}
}

// flipOrder orders the proposals left out for the search: those kept out
// by a quota or by other projects first, by their best value descending
// (the nearest to a place), then the ineligible ones, by id.
func (b *builder) flipOrder(p *Plan) []int {
	best := make([]float64, len(p.Unallocated))
	for n, u := range p.Unallocated {
		i := slices.IndexFunc(b.proposals, func(q planner.Proposal) bool { return q.ID == u.Proposal })
		for _, k := range b.byItem[i] {
			best[n] = max(best[n], b.value[k])
		}
	}
	rank := func(c string) int {
		switch c {
		case CauseQuota, CauseOutcompeted:
			return 0
		case CauseIneligible:
			return 1
		}
		return 2
	}
	idx := make([]int, len(p.Unallocated))
	for n := range idx {
		idx[n] = n
	}
	slices.SortStableFunc(idx, func(x, y int) int {
		rx, ry := rank(p.Unallocated[x].Cause), rank(p.Unallocated[y].Cause)
		switch {
		case rx != ry:
			return rx - ry
		case best[x] > best[y]:
			return -1
		case best[x] < best[y]:
			return 1
		}
		return 0
	})
	return idx
}

// flipOf builds the verified flip.
func flipOf(id string, t flipTry, o flipOutcome) *Flip {
	f := &Flip{Set: t.set, Proposal: t.proposal, Result: "placed", Parcel: o.parcel, Displaced: o.displaced}
	f.Text = fmt.Sprintf("verified by re-solving: with %s, %s is placed on %s", t.en, id, o.parcel)
	f.TextZH = fmt.Sprintf("经重新求解验证:%s,%s 可安排在 %s", t.zh, id, o.parcel)
	if len(o.displaced) > 0 {
		f.Text += fmt.Sprintf("; the re-solve then leaves out %s, placed in this plan", strings.Join(o.displaced, ", "))
		f.TextZH += fmt.Sprintf(";届时本方案中的 %s 不再安排", strings.Join(o.displaced, "、"))
	}
	return f
}

// causeText names a cause in words.
func causeText(cause string, zh bool) string {
	names := map[string][2]string{
		CauseIneligible:  {"no parcel eligible", "无符合条件的地块"},
		CauseQuota:       {"the quota left is too small", "剩余指标不足"},
		CauseOutcompeted: {"its parcels go to projects of higher value", "可用地块安排给目标值更高的项目"},
		CauseNoValue:     {"no pair of positive value", "目标值均不为正"},
		CauseTimeLimit:   {"the solver's time limit", "求解时间上限"},
		CauseTargetGap:   {"the target gap was reached first", "先达到目标间隙"},
	}[cause]
	if zh {
		return names[1]
	}
	return names[0]
}

// flipTries lists the changes to verify for a proposal left out, in order.
func (b *builder) flipTries(p *Plan, u *Unallocated) []flipTry {
	i := slices.IndexFunc(b.proposals, func(q planner.Proposal) bool { return q.ID == u.Proposal })
	if i < 0 {
		return nil
	}
	q := &b.proposals[i]
	var out []flipTry
	switch u.Cause {
	case CauseQuota, CauseOutcompeted:
		if y, need := b.quotaNeed(i); need > 0 {
			key, base := "quota.new_land_mu", b.prof.Quota.NewLandMu
			if y != b.prof.PlanYear() {
				key, base = fmt.Sprintf("quota.by_year.%d", y), b.prof.Quota.ByYear[strconv.Itoa(y)]
			}
			for _, m := range []float64{1} {
				v := math.Ceil((base+m*need)*100) / 100
				out = append(out, flipTry{set: map[string]string{key: strconv.FormatFloat(v, 'f', -1, 64)},
					en: fmt.Sprintf("the %d new-land quota at %.2f mu instead of %.2f (%s)", y, v, base, key),
					zh: fmt.Sprintf("%d 年新增建设用地指标由 %.2f 亩调为 %.2f 亩", y, base, v)})
			}
		}
		// Less land for the same project (用地少), then more delivered on
		// the same land (产出高).
		area := func(m float64) {
			ch := map[string]float64{"area_mu": round2(q.AreaMu * m)}
			if q.MinAreaMu > ch["area_mu"] {
				ch["min_area_mu"] = ch["area_mu"]
			}
			out = append(out, flipTry{proposal: ch,
				en: fmt.Sprintf("the same output and tax on %.2f mu instead of %.2f", ch["area_mu"], q.AreaMu),
				zh: fmt.Sprintf("以 %.2f 亩(原 %.2f 亩)用地实现同样产值与税收", ch["area_mu"], q.AreaMu)})
		}
		area(0.75)
		ch := map[string]float64{"output": round2(q.Output * 1.5), "tax": round2(q.Tax * 1.5)}
		out = append(out, flipTry{proposal: ch,
			en: fmt.Sprintf("annual output %.0f and tax %.0f 万元 (×1.5) on the same %.2f mu", ch["output"], ch["tax"], q.AreaMu),
			zh: fmt.Sprintf("同样 %.2f 亩用地上年产值 %.0f 万元、年税收 %.0f 万元(×1.5)", q.AreaMu, ch["output"], ch["tax"])})
		area(0.5)
	case CauseIneligible:
		if t, ok := b.standardFix(i); ok {
			out = append(out, t)
		}
	}
	return out
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// quotaNeed returns, for proposal i, the year whose quota keeps its
// cheapest new-land pair out, and how much more quota that pair needs
// than the plan leaves; need 0 when no pair is kept out by a quota alone.
func (b *builder) quotaNeed(i int) (year int, need float64) {
	st := b.solved
	left := map[int]float64{}
	for s, y := range b.years {
		left[y] = st.sideSlack[s]
	}
	best := math.Inf(1)
	for _, k := range b.byItem[i] {
		if b.weight[k] > b.pas[b.parcel[k]].AreaMu-st.load[b.parcel[k]]+capTol || b.value[k] <= 0 {
			continue // the parcel's area is taken: not a quota matter
		}
		charges, dy := b.chargesOf(k)
		for _, ch := range charges {
			if d := ch.AreaMu - left[ch.Year+dy]; d > capTol && d < best {
				best, year = d, ch.Year+dy
			}
		}
	}
	if math.IsInf(best, 1) {
		return 0, 0
	}
	return year, best
}

// standardFix returns the change of proposal i's figures that meets the
// standard-land thresholds it misses over its requested land, when those
// are all that keep it off every parcel.
func (b *builder) standardFix(i int) (flipTry, bool) {
	q := b.proposals[i]
	counts := b.counts[i]
	std := map[string]bool{rules.RuleStandardInvestment: true, rules.RuleStandardOutput: true, rules.RuleStandardTax: true}
	for r, n := range counts {
		if n > 0 && !std[r] && r != rules.RuleAreaFit && r != rules.RuleLandClass && r != rules.RuleLandUseStorage && r != rules.RuleLandUseIndustrial {
			return flipTry{}, false
		}
	}
	hit := false
	for r := range std {
		if counts[r] > 0 {
			hit = true
		}
	}
	if !hit {
		return flipTry{}, false
	}
	// The highest threshold of the industry over the zones.
	th, _ := b.prof.StandardThresholds(q.Industry, "")
	for _, z := range slices.Sorted(maps.Keys(b.prof.Industries[q.Industry].Zones)) {
		zt, _ := b.prof.StandardThresholds(q.Industry, z)
		th.MinInvestmentPerMu = max(th.MinInvestmentPerMu, zt.MinInvestmentPerMu)
		th.MinOutputPerMu = max(th.MinOutputPerMu, zt.MinOutputPerMu)
		th.MinTaxPerMu = max(th.MinTaxPerMu, zt.MinTaxPerMu)
	}
	ch := map[string]float64{}
	var en, zh []string
	up := func(col string, have, min float64, nameEN, nameZH string) {
		if need := math.Ceil(min*q.AreaMu*100) / 100; min > 0 && have < need {
			ch[col] = need
			en = append(en, fmt.Sprintf("%s %.2f 万元 (%.1f per mu)", nameEN, need, min))
			zh = append(zh, fmt.Sprintf("%s %.2f 万元(亩均 %.1f)", nameZH, need, min))
		}
	}
	up("investment", q.Investment, th.MinInvestmentPerMu, "investment", "投资")
	up("output", q.Output, th.MinOutputPerMu, "annual output", "年产值")
	up("tax", q.Tax, th.MinTaxPerMu, "annual tax", "年税收")
	if len(ch) == 0 {
		return flipTry{}, false
	}
	return flipTry{proposal: ch, en: strings.Join(en, ", ") + fmt.Sprintf(" on the same %.2f mu", q.AreaMu),
		zh: fmt.Sprintf("同样 %.2f 亩用地上", q.AreaMu) + strings.Join(zh, "、")}, true
}

// reSolveFailed is the outcome of the verifying re-solve for proposal id
// that returned err: over the run's memory budget, or err.
func reSolveFailed(id string, err error) flipOutcome {
	var pn *pricingNeeded
	if errors.As(err, &pn) || planner.KindOf(err) == planner.KindLimit {
		return flipOutcome{overBudget: true}
	}
	return flipOutcome{err: fmt.Errorf("plan: re-solving to verify a change for %s: %w", id, err)}
}

// verify re-solves the run with a change and says where the proposal
// went. The re-solve has the run's own settings, without flips, MPS or
// progress.
//
// Complexity: the flip re-solve and its outcomes.
func (b *builder) verify(ctx context.Context, in Input, set Settings, id string, t flipTry, placedNow map[string]bool) flipOutcome {
	in2 := in
	in2.Profile = b.prof
	if len(t.set) > 0 {
		var os []policy.Override
		for _, k := range slices.Sorted(maps.Keys(t.set)) {
			os = append(os, policy.Override{Key: k, Value: t.set[k]})
		}
		prof, err := b.prof.Apply(os)
		if err != nil {
			return flipOutcome{err: fmt.Errorf("plan: flip for %s: %w", id, err)}
		}
		in2.Profile = prof
	}
	if len(t.proposal) > 0 {
		in2.Proposals = slices.Clone(in.Proposals)
		for n := range in2.Proposals {
			if in2.Proposals[n].ID == id {
				q := &in2.Proposals[n]
				for col, v := range t.proposal {
					switch col {
					case "output":
						q.Output = v
					case "tax":
						q.Tax = v
					case "investment":
						q.Investment = v
					case "area_mu":
						q.AreaMu = v
					case "min_area_mu":
						q.MinAreaMu = v
					}
				}
			}
		}
	}
	set2 := set
	set2.Flips, set2.ExportMPS, set2.Progress, set2.WarmStart = -1, nil, nil, nil
	if set2.NodeLimit == 0 {
		set2.NodeLimit = FlipNodeLimit
	}
	// The node limit, not the clock, ends a verifying re-solve, so that
	// the same run gives the same flips on any machine and under any load.
	set2.TimeLimit = time.Hour
	b2, res, err := solveRun(ctx, in2, set2)
	if err != nil {
		return reSolveFailed(id, err)
	}
	b2.applyDominance(res)
	st := b2.state(res.Chosen)
	var o flipOutcome
	for i, q := range b2.proposals {
		k := st.placed[i]
		switch {
		case q.ID == id && k >= 0:
			o.placed, o.parcel = true, b2.parcels[b2.parcel[k]].ID
		case q.ID == id:
			o.cause = b2.unallocated(st, i, res.Status).Cause
		case k < 0 && placedNow[q.ID]:
			o.displaced = append(o.displaced, q.ID)
		}
	}
	return o
}
