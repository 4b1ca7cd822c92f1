package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// memStore is an in-memory Store for the handler tests (package web must
// not import package data; the command's tests run the server over the
// real database).
type memStore struct {
	mu        sync.Mutex
	parcels   []planner.Parcel
	proposals []planner.Proposal
	plans     map[string]*plan.Plan
	order     []string
	scenarios map[string]plan.Scenario
	panicOn   string // method name that panics, for the recovery test
	planReads int    // calls of Plan
}

func (s *memStore) check(method string) {
	if s.panicOn == method {
		panic("memStore: " + method + " exploded")
	}
}

func (s *memStore) PutPlan(ctx context.Context, p *plan.Plan) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := *p
	q.ID = fmt.Sprintf("plan-%d", len(s.order)+1)
	q.Created = "2026-01-01T00:00:00Z"
	s.plans[q.ID] = &q
	s.order = append(s.order, q.ID)
	return q.ID, nil
}

func (s *memStore) Plan(ctx context.Context, id string) (*plan.Plan, error) {
	s.check("Plan")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.planReads++
	p, ok := s.plans[id]
	if !ok {
		return nil, planner.Errorf(planner.KindNotFound, "plan %q does not exist", id)
	}
	return p, nil
}

func (s *memStore) Plans(ctx context.Context) ([]plan.PlanSummary, error) {
	s.check("Plans")
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []plan.PlanSummary
	for _, id := range s.order {
		out = append(out, s.plans[id].Summary())
	}
	return out, nil
}

func (s *memStore) PutScenario(ctx context.Context, sc plan.Scenario) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.scenarios[sc.Name]; ok {
		return planner.Errorf(planner.KindConflict, "scenario %q already exists", sc.Name)
	}
	s.scenarios[sc.Name] = sc
	return nil
}

func (s *memStore) Scenario(ctx context.Context, name string) (plan.Scenario, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.scenarios[name]
	if !ok {
		return plan.Scenario{}, planner.Errorf(planner.KindNotFound, "scenario %q does not exist", name)
	}
	return sc, nil
}

func (s *memStore) Scenarios(ctx context.Context) ([]plan.Scenario, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []plan.Scenario
	for _, sc := range s.scenarios {
		out = append(out, sc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func (s *memStore) Parcels(ctx context.Context) ([]planner.Parcel, error) {
	s.check("Parcels")
	return s.parcels, nil
}

func (s *memStore) Proposals(ctx context.Context) ([]planner.Proposal, error) {
	return s.proposals, nil
}

// square is a square parcel of side d degrees with its south-west corner
// at (lon, lat), counter-clockwise.
func square(lon, lat, d float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}}}
}

// fixtureStore holds three parcels near Liuzhou, two plans (P1 moves from
// A to B between them, P2 is dropped) and one scenario.
func fixtureStore() *memStore {
	s := &memStore{plans: map[string]*plan.Plan{}, scenarios: map[string]plan.Scenario{}}
	for i, st := range []planner.Status{planner.StatusNew, planner.StatusIdle, planner.StatusReserved} {
		s.parcels = append(s.parcels, planner.Parcel{ID: string(rune('A' + i)), Zone: "柳州国家高新区", LandUse: "M1", Status: st,
			Geometry: square(109.40+0.01*float64(i), 24.30, 0.005), AreaM2: 280000})
	}
	reason := planner.Reason{Rule: "supply.mode", Clause: "12.3", Verdict: planner.VerdictInfo,
		Message: "lease then transfer for a new project", MessageZH: "新项目先租后让"}
	alloc := func(prop, parcel, mode string, score float64) plan.Allocation {
		return plan.Allocation{Proposal: prop, ProposalName: prop + " 项目", Parcel: parcel, Lot: parcel + "-1", AreaMu: 40,
			SupplyMode: mode, TermYears: 20, Score: score, Reasons: []planner.Reason{reason}}
	}
	// plan-1 leases P1 for 5 years then transfers it for 15; P2 keeps a
	// plan stored before term texts (mode and whole term only).
	ltt := rules.NewTenure(rules.ModeLeaseThenTransfer, 5, 15)
	p1a := alloc("P1", "A", "lease_then_transfer", 0.61)
	p1a.LeaseYears, p1a.TransferYears, p1a.TermText, p1a.TermTextZH = ltt.LeaseYears, ltt.TransferYears, ltt.TermText, ltt.TermTextZH
	// plan-2 phases P1 on the idle parcel B, recovered and free from
	// 2026-07-01: phase 1 by flexible-term transfer in 2026, phase 2 by
	// lease then transfer in 2028.
	phases := []rules.Phase{
		{Index: 1, AreaMu: 25, Now: true, Deadline: "2026-01-01", Year: 2026, Tenure: rules.NewTenure(rules.ModeFlexibleTerm, 0, 20)},
		{Index: 2, AreaMu: 15, Deadline: "2028-06-30", Year: 2028, Tenure: ltt},
	}
	p2a := alloc("P1", "B", "phased", 0.55)
	p2a.Phases, p2a.Stock, p2a.Route, p2a.FreeFrom, p2a.StartFrom = phases, true, policy.RouteRecovery, "2026-07-01", "2026-07-01"
	p2a.TransferYears = 20
	p2a.TermText, p2a.TermTextZH = rules.PhasedTermText(phases)
	p1 := &plan.Plan{ID: "plan-1", Created: "2026-01-01T00:00:00Z", ContentSHA256: "aaaa",
		Totals: plan.Totals{Projects: 2, AllocatedMu: 80, QuotaMu: 100, BySupplyMode: map[string]plan.ModeTotal{"lease_then_transfer": {Count: 2, AreaMu: 80}},
			QuotaByYear: map[string]float64{"2026": 100, "2027": 120}, NewLandByYear: map[string]float64{"2026": 80}},
		Allocations: []plan.Allocation{p1a, alloc("P2", "B", "lease_then_transfer", 0.42)},
		Dominance:   plan.DominanceCheck{Pairs: 4},
		Investigate: []plan.Investigate{{Parcel: "C", Zone: "柳州国家高新区", Status: planner.StatusIdle, AreaMu: 42,
			Reasons: []planner.Reason{{Rule: "stock.idle.unconfirmed", Clause: "12.2", Verdict: planner.VerdictInfo,
				Message: "status idle, no idle finding holds", MessageZH: "状态为闲置,未满足闲置认定条件"}}}},
		Lots: []plan.Lot{{ID: "A-1", Parcel: "A", Proposal: "P1", Kind: plan.LotWhole, AreaMu: 40, Geometry: square(109.40, 24.30, 0.005), SupplyMode: "lease_then_transfer"},
			{ID: "B-1", Parcel: "B", Proposal: "P2", Kind: plan.LotWhole, AreaMu: 40, Geometry: square(109.41, 24.30, 0.005), SupplyMode: "lease_then_transfer"}}}
	p2 := &plan.Plan{ID: "plan-2", Scenario: "cap7", Created: "2026-01-02T00:00:00Z", ContentSHA256: "bbbb",
		Totals:      plan.Totals{Projects: 1, AllocatedMu: 40, QuotaMu: 100, BySupplyMode: map[string]plan.ModeTotal{"phased": {Count: 1, AreaMu: 40}}},
		Allocations: []plan.Allocation{p2a},
		Unallocated: []plan.Unallocated{{Proposal: "P2", Cause: plan.CauseOutcompeted, Reasons: []planner.Reason{reason}}}}
	s.plans["plan-1"], s.plans["plan-2"] = p1, p2
	s.order = []string{"plan-1", "plan-2"}
	s.scenarios["cap7"] = plan.Scenario{Name: "cap7", Overrides: []string{"facility.over_cap=reject"}}
	return s
}

// testServer is a Server over a fixture store with a runner the test
// controls.
type testServer struct {
	*Server
	store *memStore
	log   *bytes.Buffer
}

// newTestServer returns a server whose runner is run (nil: one that makes
// an empty plan at once).
func newTestServer(t *testing.T, run Runner, mod func(*Config)) *testServer {
	t.Helper()
	st := fixtureStore()
	if run == nil {
		run = func(ctx context.Context, scenario string, _ RunLimits, progress func(assign.Progress)) (*plan.Plan, error) {
			progress(assign.Progress{Objective: 1, Bound: 2, Gap: 0.5})
			id, err := st.PutPlan(ctx, &plan.Plan{Scenario: scenario})
			if err != nil {
				return nil, err
			}
			return st.Plan(ctx, id)
		}
	}
	log := &bytes.Buffer{}
	cfg := Config{Store: st, Run: run, Profile: policy.Default(), Log: &lockedWriter{w: log},
		Export: func(ctx context.Context, w io.Writer, p *plan.Plan, format string, lang policy.Lang) error {
			_, err := fmt.Fprintf(w, "%s as %s\n", p.ID, format)
			return err
		},
		Formats: []ExportFormat{{Name: "txt", Ext: "txt", ContentType: "text/plain; charset=utf-8"}}}
	if mod != nil {
		mod(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &testServer{Server: s, store: st, log: log}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// testCSRF is the CSRF cookie value the tests send.
const testCSRF = "0123456789abcdef0123456789abcdef"

// do serves one request; with csrf, it carries the CSRF cookie and the
// header.
func (ts *testServer) do(method, target, contentType, body string, csrf bool, hdr map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	r.Host = "127.0.0.1:8080"
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	if csrf {
		r.AddCookie(&http.Cookie{Name: csrfCookie, Value: testCSRF})
		r.Header.Set(csrfHeader, testCSRF)
	}
	for k, v := range hdr {
		if k == "Host" {
			r.Host = v
			continue
		}
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	ts.ServeHTTP(w, r)
	return w
}

// fixtureProfile is the embedded default profile.
func fixtureProfile() *policy.Profile { return policy.Default() }

// newReq is a request to the loopback host with the headers ("Host" sets
// the host).
func newReq(method, target, body string, hdr map[string]string) *http.Request {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	r.Host = "127.0.0.1:8080"
	for k, v := range hdr {
		if k == "Host" {
			r.Host = v
			continue
		}
		r.Header.Set(k, v)
	}
	return r
}

// serve serves one request.
func serve(s *Server, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}
