package plan_test

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/explain"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// render returns the plan's text in the language.
func renderText(t *testing.T, p *plan.Plan, lang policy.Lang) string {
	t.Helper()
	var b bytes.Buffer
	if err := explain.Render(&b, p, policy.FormatText, lang); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A plan records why the solver stopped, with the target gap or the limit
// that stopped it, and says so in its summary in both languages.
func TestStopped(t *testing.T) {
	parcels, proposals := loadSample(t)
	in := plan.Input{Parcels: parcels, Proposals: proposals}

	// The default: proven optimal to 1e-6, or the time limit.
	p, err := plan.Run(context.Background(), in, &plan.Settings{TimeLimit: 30 * time.Second, Flips: -1})
	if err != nil {
		t.Fatal(err)
	}
	if p.Solver.TargetGap != plan.DefaultTargetGap || plan.DefaultTargetGap != 1e-6 {
		t.Errorf("target gap recorded %v, default %v; want 1e-6", p.Solver.TargetGap, plan.DefaultTargetGap)
	}
	switch p.Stopped {
	case plan.StoppedOptimal, plan.StoppedGapReached:
		if p.Gap > 1e-6 || p.Solver.TimeLimitSeconds != 0 {
			t.Errorf("stopped %s at gap %v, time limit recorded %v", p.Stopped, p.Gap, p.Solver.TimeLimitSeconds)
		}
	case plan.StoppedTimeLimit:
		if p.Gap <= 1e-6 || p.Solver.TimeLimitSeconds != 30 {
			t.Errorf("stopped by the time limit at gap %v, time limit recorded %v", p.Gap, p.Solver.TimeLimitSeconds)
		}
	default:
		t.Errorf("stopped %q", p.Stopped)
	}

	// A target gap proven: worded with the gap.
	q := runSample(t)
	if q.Stopped != plan.StoppedGapReached && q.Stopped != plan.StoppedOptimal || q.Solver.TargetGap != testGap {
		t.Fatalf("stopped %q with target gap %v", q.Stopped, q.Solver.TargetGap)
	}
	if q.Stopped == plan.StoppedGapReached {
		for lang, want := range map[policy.Lang]string{policy.LangEN: "target gap 0.01% proven", policy.LangZH: "已证明达到目标间隙 0.01%"} {
			if s := renderText(t, q, lang); !strings.Contains(s, want) {
				t.Errorf("%s text lacks %q:\n%s", lang, want, s[:min(len(s), 800)])
			}
		}
	}

	// The node limit: the root only, a proof to 1e-9 asked.
	r, err := plan.Run(context.Background(), in, &plan.Settings{TimeLimit: 30 * time.Second, TargetGap: -1, NodeLimit: 1, Flips: -1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Stopped != plan.StoppedNodeLimit || r.Status != "iteration_limit" || r.Solver.TargetGap != 0 {
		t.Fatalf("root only: stopped %q, status %q, target %v", r.Stopped, r.Status, r.Solver.TargetGap)
	}
	for lang, want := range map[policy.Lang]string{policy.LangEN: "node limit reached", policy.LangZH: "达到节点上限"} {
		if s := renderText(t, r, lang); !strings.Contains(s, want) {
			t.Errorf("%s text lacks %q", lang, want)
		}
	}

	// The time limit, worded with its length.
	r.Stopped, r.Solver.TimeLimitSeconds = plan.StoppedTimeLimit, 45
	for lang, want := range map[policy.Lang]string{policy.LangEN: "time limit 45 s reached", policy.LangZH: "达到时间上限 45 秒"} {
		if s := plan.StoppedText(r, lang == policy.LangZH); s != want {
			t.Errorf("%s: %q, want %q", lang, s, want)
		}
	}
	for _, key := range []string{plan.StoppedOptimal, plan.StoppedGapReached, plan.StoppedTimeLimit, plan.StoppedInterrupted,
		plan.StoppedIterationLimit, plan.StoppedNodeLimit, plan.StoppedMemoryLimit} {
		r.Stopped = key
		if zh := plan.StoppedText(r, true); zh == "" || strings.ContainsAny(zh, "abcdefghijklmnopqrstuvwxyz_") {
			t.Errorf("%s: Chinese text %q", key, zh)
		}
	}
}

// A memory budget that the model's candidate pairs reach, and that the
// run cannot keep to even without holding them (pricing them), stops the
// run before the solver with an error naming the budget; nothing is
// planned.
func TestMemoryBudget(t *testing.T) {
	parcels, proposals := loadSample(t)
	_, err := plan.Run(context.Background(), plan.Input{Parcels: parcels, Proposals: proposals},
		&plan.Settings{TimeLimit: testTimeLimit, MaxMemory: 1 << 20, Flips: -1})
	if planner.KindOf(err) != planner.KindLimit || !strings.Contains(err.Error(), "memory budget of 1 MiB (--max-memory)") {
		t.Fatalf("err %v (kind %v), want a limit error naming the budget", err, planner.KindOf(err))
	}
}

// TestStoppedBeforeTheRootDual checks that a run stopped before its
// root's dual gave a bound (here by an iteration limit of 1: the first
// phase takes it) is still a plan: stored with its finite bound, and no
// marginal values where the multipliers were never evaluated.
func TestStoppedBeforeTheRootDual(t *testing.T) {
	parcels, proposals := loadSample(t)
	in := plan.Input{Parcels: parcels, Proposals: proposals, Profile: policy.Default()}
	p, err := plan.Run(context.Background(), in, &plan.Settings{TimeLimit: time.Minute, IterationLimit: 1, Flips: -1})
	if err != nil {
		t.Fatalf("a run stopped at the root: %v", err)
	}
	if p.Stopped != plan.StoppedIterationLimit || math.IsInf(p.Bound, 0) || math.IsNaN(p.Bound) || p.Bound < p.Objective {
		t.Errorf("stopped %q, objective %v, bound %v", p.Stopped, p.Objective, p.Bound)
	}
	for _, m := range p.Marginal {
		if math.IsInf(m.DualBound, 0) || math.IsInf(m.PerMu, 0) {
			t.Errorf("marginal value of %s from multipliers never evaluated: %+v", m.Constraint, m)
		}
	}
	if p.ContentSHA256 == "" {
		t.Errorf("the plan has no content hash")
	}
}

// TestFlipsOverMemoryBudget checks that a verifying re-solve that would
// exceed the run's memory budget leaves its proposal without a flip and
// says so, and does not fail the run: the plan itself was made within the
// budget.
func TestFlipsOverMemoryBudget(t *testing.T) {
	parcels, proposals := loadSample(t)
	in := plan.Input{Parcels: parcels, Proposals: proposals, Profile: policy.Default()}
	set := &plan.Settings{TimeLimit: time.Minute, TargetGap: 1e-4, Flips: 4}
	full, err := plan.Run(context.Background(), in, set)
	if err != nil {
		t.Fatal(err)
	}
	over, err := plan.RunFlipsOverBudget(context.Background(), in, set)
	if err != nil {
		t.Fatalf("flips over the memory budget failed the run: %v", err)
	}
	verified, said := 0, 0
	for _, u := range full.Unallocated {
		if u.Flip != nil {
			verified++
		}
	}
	for _, u := range over.Unallocated {
		if u.Flip != nil {
			t.Errorf("%s has a flip verified over the memory budget: %s", u.Proposal, u.Flip.Text)
		}
		for _, r := range u.Reasons {
			if r.Rule == plan.RuleFlip {
				if !strings.Contains(r.Message, "would exceed the run's memory budget (--max-memory): no change verified") ||
					!strings.Contains(r.MessageZH, "内存预算") {
					t.Errorf("%s: flip reason %q / %q", u.Proposal, r.Message, r.MessageZH)
				}
				said++
			}
		}
	}
	if verified == 0 || said == 0 {
		t.Fatalf("%d flips verified within the budget, %d proposals told the re-solve was over it: the test shows nothing", verified, said)
	}
	t.Logf("%d flips verified without a budget; over it, %d proposals told why none was", verified, said)
}
