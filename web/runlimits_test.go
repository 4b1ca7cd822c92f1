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

// The run form's time limit and gap reach the runner; values out of range
// are refused naming the field, and no run starts.
func TestRunLimits(t *testing.T) {
	got := make(chan RunLimits, 4)
	run := func(ctx context.Context, scenario string, l RunLimits, progress func(assign.Progress)) (*plan.Plan, error) {
		got <- l
		return &plan.Plan{ID: "plan-1"}, nil
	}
	ts := newTestServer(t, run, nil)
	wait := func() {
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
			if ts.runs.snapshot().State != RunRunning {
				return
			}
		}
		t.Fatal("the run did not end")
	}
	form := url.Values{"csrf": {testCSRF}, "scenario": {""}, "time_limit": {"90"}, "gap": {"0"}}
	if w := ts.do("POST", "/api/run", "application/x-www-form-urlencoded", form.Encode(), true, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("form: %d %s", w.Code, w.Body.String())
	}
	l := <-got
	if l.TimeLimit != 90*time.Second || l.Gap == nil || *l.Gap != 0 {
		t.Errorf("limits %+v", l)
	}
	wait()
	// Empty fields: the server's defaults.
	form = url.Values{"csrf": {testCSRF}, "scenario": {""}, "time_limit": {""}, "gap": {""}}
	if w := ts.do("POST", "/api/run", "application/x-www-form-urlencoded", form.Encode(), true, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("form with defaults: %d %s", w.Code, w.Body.String())
	}
	if l := <-got; l.TimeLimit != 0 || l.Gap != nil {
		t.Errorf("defaults: %+v", l)
	}
	wait()
	if w := ts.do("POST", "/api/run", "application/json", `{"scenario": "", "time_limit": 5, "gap": 0.01}`, true, nil); w.Code != http.StatusAccepted {
		t.Fatalf("json: %d %s", w.Code, w.Body.String())
	}
	if l := <-got; l.TimeLimit != 5*time.Second || l.Gap == nil || *l.Gap != 0.01 {
		t.Errorf("json limits %+v", l)
	}
	wait()
	for _, tc := range []struct{ ct, body, want string }{
		{"application/json", `{"gap": 1}`, "gap 1"},
		{"application/json", `{"gap": -0.5}`, "gap -0.5"},
		{"application/json", `{"time_limit": 0}`, "time_limit 0"},
		{"application/json", `{"time_limit": -3}`, "time_limit -3"},
		{"application/x-www-form-urlencoded", "csrf=" + testCSRF + "&time_limit=soon", `time_limit \"soon\": not a number`},
		{"application/x-www-form-urlencoded", "csrf=" + testCSRF + "&gap=2", "gap 2"},
	} {
		w := ts.do("POST", "/api/run", tc.ct, tc.body, true, map[string]string{"Accept": "application/json"})
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), tc.want) {
			t.Errorf("%s: %d %s; want 400 naming %q", tc.body, w.Code, w.Body.String(), tc.want)
		}
	}
	select {
	case l := <-got:
		t.Errorf("a refused request started a run: %+v", l)
	default:
	}
}
