package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The run form's programme fields in a real browser: the years and the
// plan to re-plan are filled in and submitted, and the stored plan is a
// programme over those years that re-plans that plan; a horizon not of the
// form FROM-TO is refused by the page before anything is sent.
func TestBrowserProgrammeForm(t *testing.T) {
	dir := demoDB(t)
	dbPath := filepath.Join(dir, "landplan.gpkg")
	base, _ := startServe(t, "--db", dbPath, "--addr", "127.0.0.1:0", "--time-limit", "30s", "--gap", "0.01")
	b := newChromium(t, t.TempDir())
	plans0, _, _ := stored(t, dbPath)
	if len(plans0) == 0 {
		t.Fatal("the demo stored no plan")
	}
	prev := plans0[0].ID

	b.do("open the plans page", chromedp.Navigate(base+"plans?lang=en"), chromedp.WaitVisible(chromedp.CSS(`#run-form`)))
	// A horizon the page refuses: the browser's own check, nothing sent.
	b.do("type a bad horizon", chromedp.SendKeys(chromedp.CSS(`#run-horizon`), "2026 to 2027"), chromedp.Click(chromedp.CSS(`#run-start`)))
	if v := b.eval(`document.getElementById('run-horizon').validity.patternMismatch`); v != true {
		t.Errorf("the page accepted the horizon %q (pattern mismatch %v)", "2026 to 2027", v)
	}
	if st := b.eval(`document.getElementById('run-status').dataset.state`); st == "running" || st == "done" {
		t.Errorf("a refused horizon started a run (state %v)", st)
	}
	b.eval(`document.getElementById('run-horizon').value = ''`)
	b.do("fill the programme", chromedp.SendKeys(chromedp.CSS(`#run-horizon`), "2026-2027"),
		chromedp.SetValue(chromedp.CSS(`#run-previous`), prev),
		chromedp.SetValue(chromedp.CSS(`#run-gap`), "0.01"))
	b.shot("programme-1-form")
	b.do("run", chromedp.Click(chromedp.CSS(`#run-start`)),
		chromedp.WaitVisible(chromedp.CSS(`#run-status[data-state="done"] #run-plan, #run-error`)))
	if e := b.eval(`(document.getElementById('run-error')||{}).textContent || ''`); e != "" {
		t.Fatalf("the run failed: %v", e)
	}
	id := b.text(`#run-plan`)
	b.shot("programme-2-done")
	_, _, get := stored(t, dbPath)
	p := get(id)
	if !slices.Equal(p.Years, []int{2026, 2027}) {
		t.Errorf("stored plan %s: years %v, want 2026–2027", id, p.Years)
	}
	if p.Previous != prev {
		t.Errorf("stored plan %s re-plans %q, want %s", id, p.Previous, prev)
	}
	if !slices.Contains(p.Overrides, "plan.horizon_end=2027") {
		t.Errorf("stored plan %s: overrides %v lack plan.horizon_end=2027", id, p.Overrides)
	}
	if p.Solver.TargetGap != 0.01 {
		t.Errorf("stored plan %s: target gap %g, want the form's 0.01", id, p.Solver.TargetGap)
	}
	if p.Solver.StartObjective <= 0 || p.Solver.StartObjective > p.Objective+1e-9 {
		t.Errorf("stored plan %s: start %g, objective %g", id, p.Solver.StartObjective, p.Objective)
	}
	// A horizon the profile refuses (not from the planning year): the run
	// fails naming it, and stores nothing.
	b.do("a horizon from 2027", chromedp.Navigate(base+"plans?lang=en"), chromedp.WaitVisible(chromedp.CSS(`#run-form`)),
		chromedp.SendKeys(chromedp.CSS(`#run-horizon`), "2027-2028"), chromedp.Click(chromedp.CSS(`#run-start`)),
		chromedp.WaitVisible(chromedp.CSS(`#run-error`)))
	if e := b.text(`#run-error`); !containsAll(e, "horizon", "2027-2028", "planning year") {
		t.Errorf("the refused horizon says %q", e)
	}
	plans2, _, _ := stored(t, dbPath)
	if len(plans2) != len(plans0)+1 {
		t.Errorf("%d plans stored, want %d", len(plans2), len(plans0)+1)
	}
}

// containsAll reports whether s contains every one of subs.
func containsAll(s string, subs ...string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}
