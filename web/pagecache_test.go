package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// versionedStore tells the version of its plans and scenarios as the
// database does, and counts the reads of the plans list and the parcels.
type versionedStore struct {
	*memStore
	listReads   atomic.Int64
	parcelReads atomic.Int64
}

func (s *versionedStore) PlansVersion(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	last := ""
	if n := len(s.order); n > 0 {
		last = s.order[n-1] + "/" + s.plans[s.order[n-1]].ContentSHA256
	}
	return fmt.Sprintf("%d/%s/%d", len(s.order), last, len(s.scenarios)), nil
}

func (s *versionedStore) Plans(ctx context.Context) ([]plan.PlanSummary, error) {
	s.listReads.Add(1)
	return s.memStore.Plans(ctx)
}

func (s *versionedStore) Parcels(ctx context.Context) ([]planner.Parcel, error) {
	s.parcelReads.Add(1)
	return s.memStore.Parcels(ctx)
}

// TestMapAndPlansPagesAreKept checks that the map and plans pages are
// rendered once per version of the lists, each reader getting the page
// with its own CSRF token and an entity tag of its own, 304 on a repeat,
// and rendered again when a plan or a scenario is stored.
func TestMapAndPlansPagesAreKept(t *testing.T) {
	st := &versionedStore{memStore: fixtureStore()}
	ts := newTestServer(t, nil, func(c *Config) { c.Store = st })
	other := "fedcba9876543210fedcba9876543210"
	for _, target := range []string{"/map?lang=en", "/plans?lang=en"} {
		st.listReads.Store(0)
		w := ts.do("GET", target, "", "", true, nil)
		etag := w.Header().Get("ETag")
		if w.Code != http.StatusOK || etag == "" || w.Header().Get("Cache-Control") != "private, no-cache" {
			t.Fatalf("%s: status %d, ETag %q, Cache-Control %q", target, w.Code, etag, w.Header().Get("Cache-Control"))
		}
		first := w.Body.String()
		if !strings.Contains(first, testCSRF) || strings.Contains(first, string(ts.csrfMark)) || !strings.Contains(first, "plan-2") {
			t.Fatalf("%s: the page lacks the reader's CSRF token or the plans, or shows the mark:\n%s", target, first)
		}
		if w := ts.do("GET", target, "", "", true, map[string]string{"If-None-Match": etag}); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
			t.Errorf("%s with If-None-Match: status %d, %d bytes", target, w.Code, w.Body.Len())
		}
		// Another reader: its own token, another entity tag, no 304 on
		// the first reader's tag.
		r := newReq("GET", target, "", map[string]string{"If-None-Match": etag})
		r.AddCookie(&http.Cookie{Name: csrfCookie, Value: other})
		w2 := serve(ts.Server, r)
		if w2.Code != http.StatusOK || !strings.Contains(w2.Body.String(), other) || strings.Contains(w2.Body.String(), testCSRF) || w2.Header().Get("ETag") == etag {
			t.Errorf("%s for another reader: status %d, ETag %q (first %q)", target, w2.Code, w2.Header().Get("ETag"), etag)
		}
		if got := strings.ReplaceAll(w2.Body.String(), other, testCSRF); got != first {
			t.Errorf("%s: the pages of two readers differ beyond the token", target)
		}
		if n := st.listReads.Load(); n != 1 {
			t.Errorf("%s: three requests read the plans %d times, want 1", target, n)
		}
	}

	// A new plan and a new scenario: both pages show them.
	if _, err := st.PutPlan(context.Background(), &plan.Plan{Scenario: "cap7", ContentSHA256: "cccc"}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutScenario(context.Background(), plan.Scenario{Name: "wide", Overrides: []string{"quota.new_land_mu=900"}}); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"/map?lang=en", "/plans?lang=en"} {
		w := ts.do("GET", target, "", "", true, nil)
		if !strings.Contains(w.Body.String(), "plan-3") {
			t.Errorf("%s after a plan was stored does not list plan-3", target)
		}
		if target == "/plans?lang=en" && !strings.Contains(w.Body.String(), "wide") {
			t.Errorf("%s after a scenario was stored does not offer it", target)
		}
	}
	// Each language is its own page.
	if w := ts.do("GET", "/plans?lang=zh", "", "", true, nil); !strings.Contains(w.Body.String(), `lang="zh`) {
		t.Errorf("/plans?lang=zh is not the Chinese page")
	}
}

// TestPlansPageFollowsARun checks that the kept plans page is not shown
// while a run is under way nor after it: the run's state is part of what
// the page is kept under (a failed run changes no list).
func TestPlansPageFollowsARun(t *testing.T) {
	st := &versionedStore{memStore: fixtureStore()}
	release := make(chan struct{})
	ts := newTestServer(t, func(ctx context.Context, scenario string, _ RunLimits, progress func(assign.Progress)) (*plan.Plan, error) {
		<-release
		return nil, planner.Errorf(planner.KindInfeasible, "no room for the quota")
	}, func(c *Config) { c.Store = st })
	idle := ts.do("GET", "/plans?lang=en", "", "", true, nil).Body.String()
	if w := ts.do("POST", "/api/run", "application/json", `{}`, true, nil); w.Code/100 != 2 {
		t.Fatalf("starting a run: %d %s", w.Code, w.Body.String())
	}
	running := ts.do("GET", "/plans?lang=en", "", "", true, nil).Body.String()
	if running == idle || !strings.Contains(running, `data-state="running"`) {
		t.Errorf("during the run the plans page is the idle one")
	}
	close(release)
	deadline := time.Now().Add(5 * time.Second)
	for ts.runs.snapshot().State == RunRunning && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	done := ts.do("GET", "/plans?lang=en", "", "", true, nil).Body.String()
	// The run failed: the lists are as they were, the page is not.
	if !strings.Contains(done, `data-state="failed"`) || !strings.Contains(done, "no room for the quota") {
		t.Errorf("after the failed run the plans page does not say so:\n%s", done)
	}
}

// TestWarmBuildsTheLatestMap checks that Warm builds the latest plan's map
// data in the background: the first request reads no parcels.
func TestWarmBuildsTheLatestMap(t *testing.T) {
	st := &versionedStore{memStore: fixtureStore()}
	ts := newTestServer(t, nil, func(c *Config) { c.Store = st })
	ts.Warm(policy.LangZH)
	deadline := time.Now().Add(5 * time.Second)
	for st.parcelReads.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	for _, lang := range []string{"zh", "en"} {
		w := ts.do("GET", "/api/map?plan=plan-2&lang="+lang, "", "", false, nil)
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"plan":"plan-2"`) {
			t.Fatalf("map of plan-2 in %s: status %d", lang, w.Code)
		}
	}
	if n := st.parcelReads.Load(); n != 2 {
		t.Errorf("warming and two requests read the parcels %d times, want 2 (one per language, both by Warm)", n)
	}
	if w := ts.do("GET", "/api/map?plan=plan-1&lang=en", "", "", false, nil); w.Code != http.StatusOK || st.parcelReads.Load() != 3 {
		t.Errorf("an earlier plan's map: status %d, %d reads (want 3: not warmed)", w.Code, st.parcelReads.Load())
	}
}
