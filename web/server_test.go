package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/compare"
	"github.com/landplan/landplan/planner/plan"
)

func TestNewRequiresParts(t *testing.T) {
	st := fixtureStore()
	run := func(context.Context, string, RunLimits, func(assign.Progress)) (*plan.Plan, error) { return nil, nil }
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no store", Config{Run: run, Profile: nil}, "Store"},
		{"no runner", Config{Store: st}, "Run"},
		{"no profile", Config{Store: st, Run: run}, "Profile"},
		{"bad format", Config{Store: st, Run: run, Profile: fixtureProfile(), Formats: []ExportFormat{{Name: "x"}}}, "export format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New: %v, want an error naming %q", err, tc.want)
			}
		})
	}
}

func TestPages(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	tests := []struct {
		name   string
		target string
		code   int
		want   []string
	}{
		{"root redirects to the map", "/", http.StatusSeeOther, nil},
		{"map of the latest plan", "/map", http.StatusOK, []string{`data-src="/api/map?plan=plan-2"`, "Legend", `value="plan-1"`}},
		{"map of a chosen plan, by score", "/map?plan=plan-1&color=score", http.StatusOK, []string{`data-src="/api/map?plan=plan-1"`, `data-color="score"`}},
		{"map without a plan", "/map?plan=", http.StatusOK, []string{`data-src="/api/map"`}},
		{"map of an unknown plan", "/map?plan=nope", http.StatusNotFound, []string{`plan &#34;nope&#34; does not exist`}},
		{"plans list with the run form", "/plans", http.StatusOK, []string{`href="/plans/plan-1"`, `id="run-form"`, `<option value="cap7">cap7</option>`, `name="csrf"`}},
		{"plan detail", "/plans/plan-1", http.StatusOK, []string{"P1 项目", "lease then transfer", `id="alloc-table"`, "/plans/plan-1/download/txt", "/plans/plan-1/download/json"}},
		{"unknown plan", "/plans/nope", http.StatusNotFound, []string{"does not exist"}},
		{"comparison", "/compare?plan=plan-1&plan=plan-2", http.StatusOK, []string{`id="compare-table"`, "projects placed", `class="n delta down worse">-1<`, "P2"}},
		{"comparison needs two plans", "/compare?plan=plan-1", http.StatusBadRequest, []string{"two or more plans"}},
		{"comparison chooser", "/compare", http.StatusOK, []string{`id="compare-form"`}},
		{"scenarios with the settings form", "/scenarios", http.StatusOK, []string{"cap7", `name="set.facility.base_cap"`, `name="set.quota.new_land_mu"`}},
		{"script", "/static/app.js", http.StatusOK, []string{"initMap"}},
		{"style", "/static/style.css", http.StatusOK, []string{".mapsvg"}},
		{"no such page", "/nowhere", http.StatusNotFound, []string{"no page at /nowhere"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.do("GET", tc.target, "", "", false, nil)
			if w.Code != tc.code {
				t.Fatalf("GET %s: status %d, want %d\n%s", tc.target, w.Code, tc.code, w.Body)
			}
			for _, s := range tc.want {
				if !strings.Contains(w.Body.String(), s) {
					t.Errorf("GET %s: body lacks %q", tc.target, s)
				}
			}
			if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
				t.Errorf("GET %s: Content-Security-Policy %q", tc.target, csp)
			}
		})
	}
}

func TestMapGeoJSON(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	tests := []struct {
		name   string
		target string
		lots   int
		reason string
	}{
		{"parcels only", "/api/map", 0, ""},
		{"with a plan, English", "/api/map?plan=plan-1&lang=en", 2, "[12.3] lease then transfer for a new project"},
		{"with a plan, Chinese", "/api/map?plan=plan-1&lang=zh", 2, "[第十二条第三句] 新项目先租后让"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.do("GET", tc.target, "", "", false, nil)
			if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/geo+json") {
				t.Fatalf("status %d, type %q", w.Code, w.Header().Get("Content-Type"))
			}
			var fc featureCollection
			if err := json.Unmarshal(w.Body.Bytes(), &fc); err != nil {
				t.Fatal(err)
			}
			layers := map[string]int{}
			for _, f := range fc.Features {
				layers[f.Properties["layer"].(string)]++
				for _, ring := range f.Geometry.Coordinates[0] {
					for _, p := range ring {
						// Coordinates lie in the bbox, which rounding to 0.1 m may
						// widen by at most 0.05 m.
						if p[0] < fc.BBox[0]-0.05 || p[0] > fc.BBox[2]+0.05 || p[1] < fc.BBox[1]-0.05 || p[1] > fc.BBox[3]+0.05 {
							t.Fatalf("%s: point %v outside the bbox %v", f.ID, p, fc.BBox)
						}
					}
				}
			}
			if layers["parcel"] != 3 || layers["lot"] != tc.lots {
				t.Fatalf("layers %v, want 3 parcels and %d lots", layers, tc.lots)
			}
			// Three parcels 0.01° apart west to east span 0.025° of longitude:
			// 0.025 × π/180 × 6371008.8 m × cos(24.3025°) = 2533.54 m; each end
			// is rounded to 0.1 m, so within 0.1 m.
			if w := fc.BBox[2] - fc.BBox[0]; math.Abs(w-2533.54) > 0.1 {
				t.Errorf("bbox width %.2f m, want 2533.54 m", w)
			}
			a := fc.Features[0].Properties
			if tc.reason == "" {
				if _, ok := a["projects"]; ok {
					t.Errorf("parcel A has projects without a plan: %v", a)
				}
				return
			}
			projects := a["projects"].([]any)
			got := projects[0].(map[string]any)
			if got["proposal"] != "P1" || got["supply_mode"] != "lease_then_transfer" || got["reasons"].([]any)[0] != tc.reason {
				t.Errorf("parcel A's project %v, want P1 with reason %q", got, tc.reason)
			}
		})
	}
}

func TestAPI(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	tests := []struct {
		name   string
		target string
		code   int
		check  func(t *testing.T, body []byte)
	}{
		{"plans", "/api/plans", 200, func(t *testing.T, b []byte) {
			var sums []plan.PlanSummary
			mustJSON(t, b, &sums)
			if len(sums) != 2 || sums[0].ID != "plan-1" || sums[1].Scenario != "cap7" {
				t.Errorf("plans %+v", sums)
			}
		}},
		{"plan", "/api/plans/plan-2", 200, func(t *testing.T, b []byte) {
			var p plan.Plan
			mustJSON(t, b, &p)
			if p.ID != "plan-2" || len(p.Unallocated) != 1 || p.Unallocated[0].Cause != plan.CauseOutcompeted {
				t.Errorf("plan %+v", p)
			}
		}},
		{"unknown plan", "/api/plans/nope", 404, wantError("does not exist")},
		{"comparison", "/api/compare?plan=plan-1,plan-2", 200, func(t *testing.T, b []byte) {
			var c compare.Comparison
			mustJSON(t, b, &c)
			if len(c.Plans) != 2 || len(c.Changes) != 1 || c.Changes[0].Change != 1 || c.Changes[0].Remove != 1 {
				t.Errorf("comparison %+v", c.Changes)
			}
		}},
		{"comparison of one plan", "/api/compare?plan=plan-1", 400, wantError("two or more plans")},
		{"comparison with an unknown plan", "/api/compare?plan=plan-1&plan=x", 404, wantError(`"x"`)},
		{"scenarios", "/api/scenarios", 200, func(t *testing.T, b []byte) {
			var scs []plan.Scenario
			mustJSON(t, b, &scs)
			if len(scs) != 1 || scs[0].Name != "cap7" {
				t.Errorf("scenarios %+v", scs)
			}
		}},
		{"policy", "/api/policy", 200, func(t *testing.T, b []byte) {
			var show struct {
				SHA256   string `json:"sha256"`
				Settings []struct{ Key string }
			}
			mustJSON(t, b, &show)
			if len(show.SHA256) != 64 || len(show.Settings) != len(fixtureProfile().Keys()) {
				t.Errorf("policy: sha %q, %d settings", show.SHA256, len(show.Settings))
			}
		}},
		{"run status before any run", "/api/run", 200, func(t *testing.T, b []byte) {
			var st RunStatus
			mustJSON(t, b, &st)
			if st.State != RunIdle {
				t.Errorf("state %q", st.State)
			}
		}},
		{"unknown API path", "/api/nothing", 404, wantError("no page")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.do("GET", tc.target, "", "", false, nil)
			if w.Code != tc.code {
				t.Fatalf("GET %s: %d, want %d: %s", tc.target, w.Code, tc.code, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			tc.check(t, w.Body.Bytes())
		})
	}
}

func mustJSON(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
}

func wantError(substr string) func(t *testing.T, b []byte) {
	return func(t *testing.T, b []byte) {
		t.Helper()
		var e struct{ Error string }
		mustJSON(t, b, &e)
		if !strings.Contains(e.Error, substr) {
			t.Errorf("error %q, want it to contain %q", e.Error, substr)
		}
	}
}

func TestDownloads(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	tests := []struct {
		name, target string
		code         int
		ctype, file  string
		body         string
	}{
		{"plan JSON", "/plans/plan-1/download/json", 200, "application/json", "plan-1.json", `"plan": "plan-1"`},
		{"an exporter format", "/plans/plan-2/download/txt", 200, "text/plain", "plan-2.txt", "plan-2 as txt"},
		{"an unknown format", "/plans/plan-1/download/dwg", 404, "text/html", "", "no export format &#34;dwg&#34; (offered: json, txt)"},
		{"an unknown plan", "/plans/nope/download/json", 404, "text/html", "", "does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.do("GET", tc.target, "", "", false, nil)
			if w.Code != tc.code || !strings.HasPrefix(w.Header().Get("Content-Type"), tc.ctype) {
				t.Fatalf("%d %q, want %d %q", w.Code, w.Header().Get("Content-Type"), tc.code, tc.ctype)
			}
			if tc.file != "" && w.Header().Get("Content-Disposition") != `attachment; filename="`+tc.file+`"` {
				t.Errorf("Content-Disposition %q", w.Header().Get("Content-Disposition"))
			}
			if !strings.Contains(w.Body.String(), tc.body) {
				t.Errorf("body lacks %q:\n%.300s", tc.body, w.Body)
			}
		})
	}
}

func TestCSRF(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	body := `{"scenario": ""}`
	tests := []struct {
		name   string
		cookie string
		header string
		origin string
		code   int
	}{
		{"no cookie, no header", "", "", "", http.StatusForbidden},
		{"cookie without the header", testCSRF, "", "", http.StatusForbidden},
		{"a header that does not match", testCSRF, "ffffffffffffffffffffffffffffffff", "", http.StatusForbidden},
		{"header without the cookie", "", testCSRF, "", http.StatusForbidden},
		{"another origin", testCSRF, testCSRF, "http://evil.example", http.StatusForbidden},
		{"same origin with the token", testCSRF, testCSRF, "http://127.0.0.1:8080", http.StatusAccepted},
		{"Origin null with the token", testCSRF, testCSRF, "null", http.StatusAccepted},
		{"Origin null without the token", testCSRF, "", "null", http.StatusForbidden},
		{"Origin null with a wrong token", testCSRF, "ffffffffffffffffffffffffffffffff", "null", http.StatusForbidden},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hdr := map[string]string{"Content-Type": "application/json"}
			if tc.header != "" {
				hdr[csrfHeader] = tc.header
			}
			if tc.origin != "" {
				hdr["Origin"] = tc.origin
			}
			r := newReq("POST", "/api/run", body, hdr)
			if tc.cookie != "" {
				r.AddCookie(&http.Cookie{Name: csrfCookie, Value: tc.cookie})
			}
			w := serve(ts.Server, r)
			if w.Code != tc.code {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.code, w.Body)
			}
			waitRun(t, ts.Server)
		})
	}
	t.Run("GET gives a CSRF cookie that the page embeds", func(t *testing.T) {
		w := ts.do("GET", "/plans", "", "", false, nil)
		var tok string
		for _, c := range w.Result().Cookies() {
			if c.Name == csrfCookie {
				tok = c.Value
				if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
					t.Errorf("cookie %+v: want HttpOnly and SameSite=Strict", c)
				}
			}
		}
		if len(tok) != 32 || !strings.Contains(w.Body.String(), `content="`+tok+`"`) {
			t.Fatalf("CSRF cookie %q not embedded in the page", tok)
		}
	})
	t.Run("a form post carries the token in a field", func(t *testing.T) {
		form := url.Values{"csrf": {testCSRF}, "scenario": {"cap7"}}.Encode()
		r := newReq("POST", "/api/run", form, map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
		r.AddCookie(&http.Cookie{Name: csrfCookie, Value: testCSRF})
		w := serve(ts.Server, r)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/plans" {
			t.Fatalf("status %d, Location %q", w.Code, w.Header().Get("Location"))
		}
		if st := waitRun(t, ts.Server); st.Scenario != "cap7" || st.State != RunDone {
			t.Errorf("run %+v", st)
		}
	})
	t.Run("GET cannot change state", func(t *testing.T) {
		w := ts.do("GET", "/api/run?scenario=x", "", "", false, nil)
		if w.Code != http.StatusOK {
			t.Fatalf("status %d", w.Code)
		}
		if st := ts.runs.snapshot(); st.Scenario == "x" {
			t.Errorf("a GET started a run: %+v", st)
		}
	})
}

func TestToken(t *testing.T) {
	const token = "s3cret-token"
	ts := newTestServer(t, nil, func(c *Config) { c.Token = token })
	tests := []struct {
		name     string
		target   string
		header   string
		cookie   string
		host     string
		code     int
		location string
	}{
		{"no token", "/api/plans", "", "", "", http.StatusUnauthorized, ""},
		{"wrong header", "/api/plans", "nope", "", "", http.StatusUnauthorized, ""},
		{"header", "/api/plans", token, "", "", http.StatusOK, ""},
		{"cookie", "/map", "", token, "", http.StatusOK, ""},
		{"wrong cookie", "/map", "", "nope", "", http.StatusUnauthorized, ""},
		{"first visit with the token", "/map?plan=plan-1&token=" + token, "", "", "", http.StatusSeeOther, "/map?plan=plan-1"},
		{"first visit with a wrong token", "/map?token=nope", "", "", "", http.StatusUnauthorized, ""},
		{"any host name with the token", "/api/plans", token, "", "192.0.2.7:8080", http.StatusOK, ""},
		{"static assets too", "/static/app.js", "", "", "", http.StatusUnauthorized, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hdr := map[string]string{}
			if tc.header != "" {
				hdr[tokenHeader] = tc.header
			}
			if tc.host != "" {
				hdr["Host"] = tc.host
			}
			r := newReq("GET", tc.target, "", hdr)
			if tc.cookie != "" {
				r.AddCookie(&http.Cookie{Name: tokenCookie, Value: tc.cookie})
			}
			w := serve(ts.Server, r)
			if w.Code != tc.code {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.code, w.Body)
			}
			if tc.location != "" {
				if got := w.Header().Get("Location"); got != tc.location {
					t.Errorf("Location %q, want %q", got, tc.location)
				}
				var set bool
				for _, c := range w.Result().Cookies() {
					set = set || (c.Name == tokenCookie && c.Value == token && c.HttpOnly)
				}
				if !set {
					t.Errorf("no HttpOnly token cookie set")
				}
			}
			if strings.Contains(w.Body.String(), token) {
				t.Errorf("the response shows the token")
			}
		})
	}
}

func TestLoopbackHostOnlyWithoutToken(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	tests := []struct {
		host string
		code int
	}{
		{"127.0.0.1:8080", 200},
		{"localhost:8080", 200},
		{"[::1]:8080", 200},
		{"evil.example:8080", 403},
		{"192.0.2.7", 403},
	}
	for _, tc := range tests {
		t.Run(tc.host, func(t *testing.T) {
			if w := ts.do("GET", "/api/plans", "", "", false, map[string]string{"Host": tc.host}); w.Code != tc.code {
				t.Fatalf("Host %s: status %d, want %d", tc.host, w.Code, tc.code)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	ts := newTestServer(t, nil, func(c *Config) { c.MaxBody = 256 })
	big := `{"name": "big", "overrides": ["` + strings.Repeat("x", 400) + `=1"]}`
	tests := []struct {
		name, target, ctype, body string
		code                      int
	}{
		{"JSON scenario over the limit", "/api/scenarios", "application/json", big, http.StatusRequestEntityTooLarge},
		{"run request over the limit", "/api/run", "application/json", `{"scenario": "` + strings.Repeat("y", 400) + `"}`, http.StatusRequestEntityTooLarge},
		{"form over the limit", "/scenarios", "application/x-www-form-urlencoded", "csrf=" + testCSRF + "&name=" + strings.Repeat("z", 400), http.StatusRequestEntityTooLarge},
		{"not JSON", "/api/scenarios", "text/plain", "hello", http.StatusUnsupportedMediaType},
		{"bad JSON", "/api/scenarios", "application/json", "{", http.StatusBadRequest},
		{"unknown field", "/api/scenarios", "application/json", `{"nom": "x"}`, http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.do("POST", tc.target, tc.ctype, tc.body, true, nil)
			if w.Code != tc.code {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.code, w.Body)
			}
		})
	}
}

func TestScenarios(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	tests := []struct {
		name, body string
		code       int
		want       string
	}{
		{"a valid scenario", `{"name": "quota800", "overrides": ["quota.new_land_mu=800", "stock.first=true"]}`, 201, `"quota800"`},
		{"a name already stored", `{"name": "cap7", "overrides": ["stock.first=true"]}`, 409, "already exists"},
		{"an unknown key", `{"name": "typo", "overrides": ["quota.new_land=800"]}`, 400, "quota.new_land"},
		{"a value out of range", `{"name": "neg", "overrides": ["quota.new_land_mu=-5"]}`, 400, "quota.new_land_mu"},
		{"no overrides", `{"name": "empty", "overrides": []}`, 400, "changes no setting"},
		{"a name with a space", `{"name": "a b", "overrides": ["stock.first=true"]}`, 400, "without spaces"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.do("POST", "/api/scenarios", "application/json", tc.body, true, nil)
			if w.Code != tc.code || !strings.Contains(w.Body.String(), tc.want) {
				t.Fatalf("status %d, want %d with %q: %s", w.Code, tc.code, tc.want, w.Body)
			}
		})
	}
	if sc, err := ts.store.Scenario(context.Background(), "quota800"); err != nil || strings.Join(sc.Overrides, " ") != "quota.new_land_mu=800 stock.first=true" {
		t.Errorf("stored %+v, %v", sc, err)
	}

	t.Run("the form stores the filled settings in the profile's order", func(t *testing.T) {
		form := url.Values{"csrf": {testCSRF}, "name": {"form1"}, "set.stock.first": {"true"}, "set.quota.new_land_mu": {" 900 "}, "set.facility.base_cap": {""}}
		w := ts.do("POST", "/scenarios", "application/x-www-form-urlencoded", form.Encode(), true, nil)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/scenarios?saved=form1" {
			t.Fatalf("status %d, Location %q: %s", w.Code, w.Header().Get("Location"), w.Body)
		}
		sc, err := ts.store.Scenario(context.Background(), "form1")
		if err != nil || strings.Join(sc.Overrides, " ") != "quota.new_land_mu=900 stock.first=true" {
			t.Fatalf("stored %+v, %v", sc, err)
		}
		page := ts.do("GET", "/scenarios?saved=form1", "", "", false, nil)
		if !strings.Contains(page.Body.String(), `id="saved"`) {
			t.Errorf("the page does not confirm the scenario")
		}
	})
	t.Run("a bad form shows the error and keeps what was typed", func(t *testing.T) {
		form := url.Values{"csrf": {testCSRF}, "name": {"bad1"}, "set.quota.new_land_mu": {"lots"}}
		w := ts.do("POST", "/scenarios", "application/x-www-form-urlencoded", form.Encode(), true, nil)
		body := w.Body.String()
		if w.Code != http.StatusBadRequest || !strings.Contains(body, `id="scenario-error"`) || !strings.Contains(body, `value="lots"`) || !strings.Contains(body, `value="bad1"`) {
			t.Fatalf("status %d:\n%.2000s", w.Code, body)
		}
		if _, err := ts.store.Scenario(context.Background(), "bad1"); planner.KindOf(err) != planner.KindNotFound {
			t.Errorf("a bad scenario was stored: %v", err)
		}
	})
}

func TestRuns(t *testing.T) {
	release := make(chan struct{})
	run := func(ctx context.Context, scenario string, _ RunLimits, progress func(assign.Progress)) (*plan.Plan, error) {
		switch scenario {
		case "cap7":
			progress(assign.Progress{Objective: 10, Bound: 20, Gap: 0.5, Iterations: 3})
			select {
			case <-release:
				return &plan.Plan{ID: "plan-9"}, nil
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		case "bad":
			return nil, planner.Errorf(planner.KindInfeasible, "forced pairs break quota.new_land")
		case "boom":
			panic("solver exploded")
		}
		return nil, errors.New("disk I/O error at /secret/path")
	}
	ts := newTestServer(t, run, nil)
	ts.store.scenarios["bad"] = plan.Scenario{Name: "bad"}
	ts.store.scenarios["boom"] = plan.Scenario{Name: "boom"}
	ts.store.scenarios["io"] = plan.Scenario{Name: "io"}
	post := func(sc string) *testServerResponse {
		w := ts.do("POST", "/api/run", "application/json", `{"scenario": "`+sc+`"}`, true, nil)
		return &testServerResponse{w.Code, w.Body.String()}
	}

	if r := post("cap7"); r.code != http.StatusAccepted || !strings.Contains(r.body, `"state":"running"`) {
		t.Fatalf("start: %+v", r)
	}
	if r := post("cap7"); r.code != http.StatusConflict || !strings.Contains(r.body, "already running") {
		t.Fatalf("second start: %+v", r)
	}
	// The server keeps serving while the plan runs.
	if w := ts.do("GET", "/map", "", "", false, nil); w.Code != 200 {
		t.Fatalf("map while running: %d", w.Code)
	}
	var st RunStatus
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if st = ts.runs.snapshot(); st.Iterations == 3 {
			break
		}
	}
	if st.State != RunRunning || st.Objective != 10 || st.Iterations != 3 {
		t.Fatalf("status while running %+v", st)
	}
	close(release)
	if st := waitRun(t, ts.Server); st.State != RunDone || st.Plan != "plan-9" {
		t.Fatalf("status after the run %+v", st)
	}

	tests := []struct {
		scenario string
		code     int
		state    string
		errText  string
		logged   string
	}{
		{"nope", http.StatusNotFound, RunDone, "", ""},
		{"bad", http.StatusAccepted, RunFailed, "forced pairs break quota.new_land", ""},
		{"boom", http.StatusAccepted, RunFailed, "internal error", "solver exploded"},
		{"io", http.StatusAccepted, RunFailed, "internal error", "/secret/path"},
	}
	for _, tc := range tests {
		t.Run(tc.scenario, func(t *testing.T) {
			if r := post(tc.scenario); r.code != tc.code {
				t.Fatalf("start: %+v", r)
			}
			st := waitRun(t, ts.Server)
			if st.State != tc.state || !strings.Contains(st.Error, tc.errText) {
				t.Fatalf("status %+v, want %s with %q", st, tc.state, tc.errText)
			}
			w := ts.do("GET", "/api/run", "", "", false, nil)
			if strings.Contains(w.Body.String(), "goroutine") || strings.Contains(w.Body.String(), "/secret/") {
				t.Errorf("the status leaks internals: %s", w.Body)
			}
			if !strings.Contains(ts.log.String(), tc.logged) {
				t.Errorf("log lacks %q:\n%s", tc.logged, ts.log)
			}
			// The server goes on after a failed run.
			if w := ts.do("GET", "/plans", "", "", false, nil); w.Code != 200 {
				t.Fatalf("plans after the run: %d", w.Code)
			}
		})
	}
}

type testServerResponse struct {
	code int
	body string
}

// waitRun waits until no run is under way and returns the status.
func waitRun(t *testing.T, s *Server) RunStatus {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if st := s.runs.snapshot(); st.State != RunRunning {
			return st
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the run did not end within 10 s")
	return RunStatus{}
}

func TestPanicRecovery(t *testing.T) {
	tests := []struct {
		method, target string
		json           bool
	}{
		{"Plans", "/plans", false},
		{"Parcels", "/api/map", true},
		{"Plan", "/plans/plan-1", false},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			ts := newTestServer(t, nil, nil)
			ts.store.panicOn = tc.method
			w := ts.do("GET", tc.target, "", "", false, nil)
			if w.Code != http.StatusInternalServerError || strings.TrimSpace(w.Body.String()) != "internal error" {
				t.Fatalf("status %d body %q", w.Code, w.Body)
			}
			if !strings.Contains(ts.log.String(), tc.method+" exploded") || !strings.Contains(ts.log.String(), "goroutine") {
				t.Errorf("the panic and its stack are not logged:\n%s", ts.log)
			}
			ts.store.panicOn = ""
			if w := ts.do("GET", tc.target, "", "", false, nil); w.Code != http.StatusOK {
				t.Errorf("after the panic: %d", w.Code)
			}
		})
	}
}

func TestLanguage(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	tests := []struct {
		name      string
		target    string
		accept    string
		cookie    string
		want      string
		cookieSet string
	}{
		{"default English", "/plans", "", "", `lang="en"`, ""},
		{"Accept-Language Chinese", "/plans", "zh-CN,zh;q=0.9,en;q=0.8", "", "运行新方案", ""},
		{"Accept-Language English first", "/plans", "en-GB,zh;q=0.5", "", "Run a new plan", ""},
		{"?lang= wins and is remembered", "/plans?lang=zh", "en", "", "规划方案", "zh"},
		{"the cookie wins over Accept-Language", "/map", "en", "zh", "地块与宗地", ""},
		{"the language link keeps the query", "/map?plan=plan-1&lang=en", "", "", `href="/map?plan=plan-1&amp;lang=zh"`, "en"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hdr := map[string]string{}
			if tc.accept != "" {
				hdr["Accept-Language"] = tc.accept
			}
			r := newReq("GET", tc.target, "", hdr)
			if tc.cookie != "" {
				r.AddCookie(&http.Cookie{Name: langCookie, Value: tc.cookie})
			}
			w := serve(ts.Server, r)
			if w.Code != 200 || !strings.Contains(w.Body.String(), tc.want) {
				t.Fatalf("status %d, body lacks %q", w.Code, tc.want)
			}
			var got string
			for _, c := range w.Result().Cookies() {
				if c.Name == langCookie {
					got = c.Value
				}
			}
			if got != tc.cookieSet {
				t.Errorf("language cookie %q, want %q", got, tc.cookieSet)
			}
		})
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"thousands", fmtNum(1234567.891, 2), "1,234,567.89"},
		{"small", fmtNum(12.5, 1), "12.5"},
		{"negative", fmtNum(-1234.6, 0), "-1,235"},
		{"negative zero", fmtNum(-0.001, 1), "0.0"},
		{"share", indicatorText("share", 0.99511), "99.51%"},
		{"whole count", indicatorText("", 36), "36"},
		{"area", indicatorText("亩", 2537.893), "2,537.89"},
		{"delta up", deltaText("亩", 1.816), "+1.82"},
		{"delta of a count", deltaText("", -5), "-5"},
		{"delta in points", deltaText("share", -0.0001), "-0.01 pp"},
		{"no delta", deltaText("亩", 1e-9), "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func TestPlanCache(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	ctx := context.Background()
	for i := 0; i < planCacheSize+5; i++ {
		if _, err := ts.store.PutPlan(ctx, &plan.Plan{}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name  string
		id    string
		reads int // store reads the request adds
	}{
		{"first read", "plan-1", 1},
		{"read again from the cache", "plan-1", 0},
		{"an unknown plan is not cached", "nope", 1},
		{"nor on the second time", "nope", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := ts.store.planReads
			ts.plan(ctx, tc.id)
			if got := ts.store.planReads - before; got != tc.reads {
				t.Errorf("%d store reads, want %d", got, tc.reads)
			}
		})
	}
	t.Run("the cache is bounded", func(t *testing.T) {
		for i := 1; i <= planCacheSize+5; i++ {
			if _, err := ts.plan(ctx, fmt.Sprintf("plan-%d", i)); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(ts.cache.m); n != planCacheSize || len(ts.cache.order) != planCacheSize {
			t.Errorf("%d plans cached, want %d", n, planCacheSize)
		}
	})
}

// TestMessages holds the interface text: every key the templates and the
// script ask for has both languages.
func TestMessages(t *testing.T) {
	var used []string
	re := regexp.MustCompile(`(?:\.T|\bt)\(?\s*"([a-z]+\.[a-z_.]+)"`)
	for _, dir := range []string{"templates", "static"} {
		files, err := fs.Glob(os.DirFS(dir), "*")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				used = append(used, m[1])
			}
		}
	}
	if len(used) < 50 {
		t.Fatalf("found only %d message keys in the templates and the script", len(used))
	}
	for _, k := range used {
		t.Run(k, func(t *testing.T) {
			m, ok := messages[k]
			if !ok || m[0] == "" || m[1] == "" {
				t.Errorf("message %q lacks a text: %q", k, m)
			}
		})
	}
}

// TestTerms checks that the plan page, the map's details and the
// comparison show each term with every part in the page's language, the
// stock land's route and free date, and the new land by year against the
// quota.
func TestTerms(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	for _, tc := range []struct {
		name, target string
		want, not    []string
	}{
		{"plan page, Chinese", "/plans/plan-1?lang=zh", []string{
			`<td class="term" data-v="20">先租后让(租赁 5 年 + 出让 15 年)</td>`,
			// A plan stored before term texts: the mode and the whole term.
			`<td class="term" data-v="20">先租后让 20 年</td>`,
			`id="quota-years"`, "分年度新增用地与年度指标", "<tr><td>2026</td><td class=\"n\">80.00</td><td class=\"n\">100.00</td><td class=\"n\">80.0%</td></tr>",
			"<tr><td>2027</td><td class=\"n\">0.00</td><td class=\"n\">120.00</td><td class=\"n\">0.0%</td></tr>",
			"第十二条第四句核查:按已安排项目所在地块比较 4 对", "待核查土地 (1)", "<td>C</td><td>柳州国家高新区</td><td>闲置</td>", "状态为闲置,未满足闲置认定条件"},
			[]string{"lease then transfer", "lease_then_transfer 20"}},
		{"plan page, English", "/plans/plan-1?lang=en", []string{
			`<td class="term" data-v="20">lease then transfer (lease 5 years + transfer 15 years)</td>`,
			`<td class="term" data-v="20">lease then transfer, 20 years</td>`, "New land by year", "Clause 12.4 check: 4 placed/left-out pairs", "Land to investigate (1)"}, nil},
		{"phased stock plan, Chinese", "/plans/plan-2?lang=zh", []string{
			`<ol class="phases"><li>弹性年期出让 20 年<br><small>一期,2026 年,25.00 亩,本期供应</small></li>`,
			`<li>先租后让(租赁 5 年 + 出让 15 年)<br><small>二期,2028 年,15.00 亩,预留至 2028-06-30</small></li>`,
			`<small class="stock">收回,2026-07-01 起可供</small>`}, []string{"recovery"}},
		{"phased stock plan, English", "/plans/plan-2?lang=en", []string{
			"<li>flexible-term transfer, 20 years<br><small>phase 1, 2026, 25.00 亩, supplied now</small></li>",
			"phase 2, 2028, 15.00 亩, reserved until 2028-06-30", `<small class="stock">recovery, free from 2026-07-01</small>`}, nil},
		{"comparison, Chinese", "/compare?plan=plan-1&plan=plan-2&lang=zh", []string{
			"<td>A · 40.0 亩 · 先租后让(租赁 5 年 + 出让 15 年)</td>",
			"<td>B · 40.0 亩 · 分期供地:一期 弹性年期出让 20 年(2026 年,25.00 亩);二期 先租后让(租赁 5 年 + 出让 15 年)(2028 年,15.00 亩)</td>",
			"<td>B · 40.0 亩 · 先租后让 20 年</td>"}, nil},
		{"comparison, English", "/compare?plan=plan-1&plan=plan-2&lang=en", []string{
			"<td>A · 40.0 亩 · lease then transfer (lease 5 years + transfer 15 years)</td>"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.do("GET", tc.target, "", "", false, nil)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d\n%s", w.Code, w.Body)
			}
			// html/template writes "+" as &#43;.
			body := html.UnescapeString(w.Body.String())
			for _, s := range tc.want {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(body, s) {
					t.Errorf("body shows %q", s)
				}
			}
		})
	}
	for _, tc := range []struct {
		lang, plan string
		want       map[string]any
	}{
		{"zh", "plan-1", map[string]any{"term_text": "先租后让(租赁 5 年 + 出让 15 年)", "term_years": 20.0}},
		{"en", "plan-1", map[string]any{"term_text": "lease then transfer (lease 5 years + transfer 15 years)"}},
		{"zh", "plan-2", map[string]any{"route": "收回", "free_from": "2026-07-01"}},
		{"en", "plan-2", map[string]any{"route": "recovery", "free_from": "2026-07-01"}},
	} {
		t.Run("map details "+tc.plan+" "+tc.lang, func(t *testing.T) {
			w := ts.do("GET", "/api/map?plan="+tc.plan+"&lang="+tc.lang, "", "", false, nil)
			var fc featureCollection
			mustJSON(t, w.Body.Bytes(), &fc)
			var got map[string]any
			for _, f := range fc.Features {
				if ps, ok := f.Properties["projects"].([]any); ok && f.Properties["layer"] == "parcel" {
					for _, x := range ps {
						if m := x.(map[string]any); m["proposal"] == "P1" {
							got = m
						}
					}
				}
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("P1's %s = %#v, want %#v (%v)", k, got[k], v, got)
				}
			}
		})
	}
}

// TestAPIErrorsInChinese sends the API bodies it refuses with ?lang=zh
// and checks each answer's Chinese words: a body that is not JSON, a field
// the request does not take, a value of the wrong type, and a second run
// while one runs.
func TestAPIErrorsInChinese(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	run := func(ctx context.Context, scenario string, _ RunLimits, _ func(assign.Progress)) (*plan.Plan, error) {
		select {
		case <-release:
		case <-ctx.Done():
		}
		return nil, ctx.Err()
	}
	ts := newTestServer(t, run, nil)
	if w := ts.do("POST", "/api/run", "application/json", `{"scenario": "cap7"}`, true, nil); w.Code != http.StatusAccepted {
		t.Fatalf("start a run: %d %s", w.Code, w.Body)
	}
	quoted := regexp.MustCompile(`"[^"]*"|JSON`)
	for _, tc := range []struct {
		name, target, body string
		code               int
		want               string
	}{
		{"bad JSON", "/api/scenarios?lang=zh", "{", http.StatusBadRequest, "请求内容不是有效的 JSON"},
		{"unknown field", "/api/scenarios?lang=zh", `{"nom": "x"}`, http.StatusBadRequest, `请求内容中有未知的字段 "nom"`},
		{"wrong type", "/api/scenarios?lang=zh", `{"name": 5}`, http.StatusBadRequest, `请求内容中字段 "name" 的值类型不对：应为文本`},
		{"a second run", "/api/run?lang=zh", `{"scenario": "cap7"}`, http.StatusConflict, `已有一个方案正在运行（情景 "cap7"）：请等它结束`},
	} {
		w := ts.do("POST", tc.target, "application/json", tc.body, true, nil)
		var body struct{ Error string }
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || w.Code != tc.code || !strings.Contains(body.Error, tc.want) {
			t.Errorf("%s: status %d, want %d with %q: %s", tc.name, w.Code, tc.code, tc.want, w.Body)
		}
		if rest := quoted.ReplaceAllString(body.Error, ""); strings.ContainsAny(rest, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("%s: English left in %q", tc.name, body.Error)
		}
	}
}
