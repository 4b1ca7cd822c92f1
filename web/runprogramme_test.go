package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/plan"
)

// The run form's horizon and previous plan reach the runner, from the
// form and from JSON; a horizon not of the form FROM-TO and a previous
// plan not stored are refused naming the field, and no run starts.
func TestRunHorizonAndPrevious(t *testing.T) {
	got := make(chan RunLimits, 4)
	run := func(ctx context.Context, scenario string, l RunLimits, progress func(assign.Progress)) (*plan.Plan, error) {
		got <- l
		return &plan.Plan{ID: "plan-9"}, nil
	}
	ts := newTestServer(t, run, nil)
	prev, err := ts.store.PutPlan(context.Background(), &plan.Plan{})
	if err != nil {
		t.Fatal(err)
	}
	wait := func() {
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
			if ts.runs.snapshot().State != RunRunning {
				return
			}
		}
		t.Fatal("the run did not end")
	}
	form := url.Values{"csrf": {testCSRF}, "scenario": {""}, "horizon": {" 2026-2030 "}, "previous": {prev}}
	if w := ts.do("POST", "/api/run", "application/x-www-form-urlencoded", form.Encode(), true, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("form: %d %s", w.Code, w.Body.String())
	}
	if l := <-got; l.Horizon != "2026-2030" || l.Previous != prev {
		t.Errorf("form: horizon %q, previous %q; want 2026-2030 and %s", l.Horizon, l.Previous, prev)
	}
	wait()
	if w := ts.do("POST", "/api/run", "application/json", `{"horizon": "2028"}`, true, nil); w.Code != http.StatusAccepted {
		t.Fatalf("json: %d %s", w.Code, w.Body.String())
	}
	if l := <-got; l.Horizon != "2028" || l.Previous != "" {
		t.Errorf("json: %+v", l)
	}
	wait()
	for _, tc := range []struct{ ct, body, want string }{
		{"application/json", `{"horizon": "next year"}`, `horizon \"next year\": want the programme's years FROM-TO`},
		{"application/json", `{"horizon": "2026-30"}`, `horizon \"2026-30\"`},
		{"application/x-www-form-urlencoded", "csrf=" + testCSRF + "&horizon=2026%2C2027", `horizon \"2026,2027\"`},
		{"application/json", `{"previous": "plan-404"}`, "plan-404"},
	} {
		w := ts.do("POST", "/api/run", tc.ct, tc.body, true, map[string]string{"Accept": "application/json"})
		if w.Code/100 != 4 || !strings.Contains(w.Body.String(), tc.want) {
			t.Errorf("%s: %d %s; want a 4xx naming %q", tc.body, w.Code, w.Body.String(), tc.want)
		}
	}
	select {
	case l := <-got:
		t.Errorf("a refused request started a run: %+v", l)
	default:
	}
	// The plans page offers the stored plans to re-plan.
	page := ts.do("GET", "/plans?lang=en", "", "", true, nil).Body.String()
	for _, want := range []string{`id="run-horizon"`, `<option value="` + prev + `">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the plans page lacks %s", want)
		}
	}
}
