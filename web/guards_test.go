package web

import (
	"context"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/plan"
)

func TestMethodNotAllowed(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	tests := []struct {
		method, target string
		code           int
		allow          string
	}{
		{"POST", "/map", http.StatusMethodNotAllowed, "GET, HEAD"},
		{"PUT", "/api/run", http.StatusMethodNotAllowed, "GET, HEAD, POST"},
		{"DELETE", "/plans/plan-1", http.StatusMethodNotAllowed, "GET, HEAD"},
		{"POST", "/nowhere", http.StatusNotFound, ""},
	}
	for _, tc := range tests {
		w := ts.do(tc.method, tc.target, "application/json", "{}", true, nil)
		if w.Code != tc.code || w.Header().Get("Allow") != tc.allow {
			t.Errorf("%s %s: status %d, Allow %q; want %d and %q\n%s", tc.method, tc.target, w.Code, w.Header().Get("Allow"), tc.code, tc.allow, w.Body)
		}
	}
}

func TestStaticHasNoListing(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	for _, target := range []string{"/static/", "/static/./"} {
		w := ts.do("GET", target, "", "", false, nil)
		if w.Code == http.StatusOK || strings.Contains(w.Body.String(), "app.js") {
			t.Errorf("GET %s: status %d lists the directory:\n%s", target, w.Code, w.Body)
		}
	}
	if w := ts.do("GET", "/static/app.js", "", "", false, nil); w.Code != http.StatusOK {
		t.Errorf("GET /static/app.js: status %d", w.Code)
	}
}

func TestReferrerPolicyKeepsTheOrigin(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	w := ts.do("GET", "/plans", "", "", false, nil)
	// no-referrer makes a browser send "Origin: null" on the pages' own
	// form posts; same-origin keeps it for them and hides it from others.
	if got := w.Header().Get("Referrer-Policy"); got != "same-origin" {
		t.Errorf("Referrer-Policy %q, want same-origin", got)
	}
	r := newReq("POST", "/api/run", `{"scenario": ""}`, map[string]string{"Content-Type": "application/json", csrfHeader: testCSRF, "Sec-Fetch-Site": "cross-site"})
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: testCSRF})
	if w := serve(ts.Server, r); w.Code != http.StatusForbidden {
		t.Errorf("a cross-site request with the token: status %d, want 403", w.Code)
	}
}

// TestLimits sends scenarios over each limit, as JSON and from the form,
// and checks the message and that nothing was stored.
func TestLimits(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	long := strings.Repeat("名", 129)
	tests := []struct {
		name, ctype, target, body string
		code                      int
		want                      string
	}{
		{"a 900 kB name", "application/json", "/api/scenarios", `{"name": "` + strings.Repeat("n", 900<<10) + `", "overrides": ["stock.first=true"]}`, http.StatusRequestEntityTooLarge, "larger than 65536 bytes"},
		{"a 129-character name", "application/json", "/api/scenarios", `{"name": "` + long + `", "overrides": ["stock.first=true"]}`, http.StatusBadRequest, "129 characters long"},
		{"a name with a slash", "application/json", "/api/scenarios", `{"name": "a/b", "overrides": ["stock.first=true"]}`, http.StatusBadRequest, `character '/' at position 2`},
		{"a name starting with a dash", "application/json", "/api/scenarios", `{"name": "-x", "overrides": ["stock.first=true"]}`, http.StatusBadRequest, "starting with a letter or digit"},
		{"a value with a newline", "application/json", "/api/scenarios", `{"name": "nl", "overrides": ["quota.new_land_mu=800\nstock.first=true"]}`, http.StatusBadRequest, "control character"},
		{"a value of the wrong type", "application/json", "/api/scenarios", `{"name": "ty", "overrides": ["stock.first=maybe"]}`, http.StatusBadRequest, "stock.first"},
		{"a value out of range", "application/json", "/api/scenarios", `{"name": "rg", "overrides": ["facility.base_cap=1.5"]}`, http.StatusBadRequest, "facility.base_cap"},
		{"too many overrides", "application/json", "/api/scenarios", `{"name": "many", "overrides": [` + strings.Repeat(`"stock.first=true",`, 200) + `"stock.first=true"]}`, http.StatusBadRequest, "at most 200"},
		{"a form value with a newline", "application/x-www-form-urlencoded", "/scenarios", "csrf=" + testCSRF + "&name=formnl&set.quota.new_land_mu=" + "800%0Astock.first%3Dtrue", http.StatusBadRequest, "control character"},
		{"a form name too long", "application/x-www-form-urlencoded", "/scenarios", "csrf=" + testCSRF + "&name=" + strings.Repeat("x", 130) + "&set.stock.first=true", http.StatusBadRequest, "130 characters long"},
	}
	before, _ := ts.store.Scenarios(t.Context())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.do("POST", tc.target, tc.ctype, tc.body, true, nil)
			body := w.Body.String()
			if w.Code != tc.code || !strings.Contains(html.UnescapeString(body), tc.want) {
				t.Fatalf("status %d, want %d with %q:\n%.1500s", w.Code, tc.code, tc.want, body)
			}
			if len(body) > 20000 && tc.ctype == "application/json" {
				t.Errorf("the refusal is %d bytes long: it echoes the input", len(body))
			}
		})
	}
	after, _ := ts.store.Scenarios(t.Context())
	if len(after) != len(before) {
		t.Errorf("refused scenarios were stored: %d before, %d after", len(before), len(after))
	}
}

func TestCompareColoursByMeaning(t *testing.T) {
	for _, tc := range []struct {
		key  string
		d    float64
		want string
	}{
		{"projects", 2, "better"}, {"projects", -1, "worse"},
		{"rejected", 3, "worse"}, {"rejected", -3, "better"},
		{"gap", 0.01, "worse"}, {"gap", 2e-7, ""}, {"tax_per_mu", 1.5, "better"},
		{"allocated_mu", 40, ""}, {"new_land_mu", -40, ""}, {"supply.phased.count", 1, ""}, {"bound", 2, ""},
		{"projects", 0, ""},
	} {
		unit := ""
		if tc.key == "gap" {
			unit = "share"
		}
		if got := toneOf(tc.key, unit, tc.d); got != tc.want {
			t.Errorf("toneOf(%q, %v) = %q, want %q", tc.key, tc.d, got, tc.want)
		}
	}
	ts := newTestServer(t, nil, nil)
	body := ts.do("GET", "/compare?plan=plan-1&plan=plan-2", "", "", false, nil).Body.String()
	// plan-2 places one project fewer: red, not green.
	for _, key := range []string{"projects"} {
		i := strings.Index(body, `data-key="`+key+`"`)
		if i < 0 {
			t.Fatalf("no %s row", key)
		}
		row := body[i : i+strings.Index(body[i:], "</tr>")]
		if !strings.Contains(row, "worse") || strings.Contains(row, "better") {
			t.Errorf("%s row is not coloured as worse: %s", key, row)
		}
	}
}

func TestStockTagShowsTheKind(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	// plan-2 supplies the idle parcel B, recovered.
	for lang, want := range map[string]string{"en": `<span class="tag stock-kind">idle</span>`, "zh": `<span class="tag stock-kind">闲置</span>`} {
		body := ts.do("GET", "/plans/plan-2?lang="+lang, "", "", false, nil).Body.String()
		if !strings.Contains(body, want) {
			t.Errorf("%s: the stock tag is not %q", lang, want)
		}
		if strings.Contains(body, "idle/inefficient") || strings.Contains(body, "闲置/低效") {
			t.Errorf("%s: the stock tag names both kinds", lang)
		}
	}
	for route, want := range map[string]string{"recovery": "idle", "acquisition": "inefficient", "negotiated": "inefficient", "": "stock land"} {
		p := &page{Lang: "en"}
		if got := p.StockKind(plan.Allocation{Stock: true, Route: route}); got != want {
			t.Errorf("route %q: %q, want %q", route, got, want)
		}
	}
}

func TestProgressBeforeTheFirstReport(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	ts := newTestServer(t, func(ctx context.Context, scenario string, _ RunLimits, progress func(assign.Progress)) (*plan.Plan, error) {
		close(started)
		<-release
		return nil, planner.Errorf(planner.KindInvalid, "stopped by the test")
	}, nil)
	if w := ts.do("POST", "/api/run", "application/json", `{"scenario": ""}`, true, nil); w.Code != http.StatusAccepted {
		t.Fatalf("start: %d %s", w.Code, w.Body)
	}
	<-started
	st := ts.runs.snapshot()
	page := ts.do("GET", "/plans", "", "", false, nil).Body.String()
	close(release)
	waitRun(t, ts.Server)
	if st.State != RunRunning || st.Reported {
		t.Errorf("before any report: %+v", st)
	}
	if !strings.Contains(page, `id="run-preparing"`) || !strings.Contains(page, `http-equiv="refresh"`) {
		t.Errorf("the plans page during a run without a report does not say it is preparing, or does not refresh without JavaScript")
	}
}

func TestRunThatGivesAStoredPlanSaysSo(t *testing.T) {
	var ts *testServer
	ts = newTestServer(t, func(ctx context.Context, scenario string, _ RunLimits, progress func(assign.Progress)) (*plan.Plan, error) {
		return ts.store.Plan(ctx, "plan-1")
	}, nil)
	if w := ts.do("POST", "/api/run", "application/json", `{"scenario": ""}`, true, nil); w.Code != http.StatusAccepted {
		t.Fatalf("start: %d %s", w.Code, w.Body)
	}
	if st := waitRun(t, ts.Server); st.State != RunDone || st.Plan != "plan-1" || !st.Reused {
		t.Fatalf("run %+v: want plan-1, reused", st)
	}
	if page := ts.do("GET", "/plans", "", "", false, nil).Body.String(); !strings.Contains(page, "gave a plan already stored") {
		t.Errorf("the plans page does not say the plan was already stored")
	}
}

// TestEmptyDatabaseKeepsThePlansTable checks that the plans page of a
// database without plans carries the (hidden) table the script fills when
// the first run stores its plan.
func TestEmptyDatabaseKeepsThePlansTable(t *testing.T) {
	ts := newTestServer(t, nil, func(c *Config) {
		st := fixtureStore()
		st.plans, st.order = map[string]*plan.Plan{}, nil
		c.Store = st
	})
	body := ts.do("GET", "/plans", "", "", false, nil).Body.String()
	for _, want := range []string{`id="plans-form" hidden`, `id="plans-table"`, `<p class="muted" id="no-plans">`} {
		if !strings.Contains(body, want) {
			t.Errorf("the plans page of an empty database lacks %q", want)
		}
	}
}
