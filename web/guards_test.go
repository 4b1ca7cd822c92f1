package web

import (
	"net/http"
	"strings"
	"testing"
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
