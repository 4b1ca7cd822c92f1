package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine to write
// while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var servingURL = regexp.MustCompile(`http://\S+/(\?token=[0-9a-zA-Z_-]+)?`)

// startServe runs `landplan serve` with args in the background until the
// test ends and returns the address it prints (with ?token= when it has
// one) and its stderr.
func startServe(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	errb := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- Run(ctx, append([]string{"serve"}, args...), &out, errb) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d after the interrupt:\n%s", code, errb)
			}
		case <-time.After(30 * time.Second):
			t.Errorf("serve did not stop within 30 s of the interrupt")
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if u := servingURL.FindString(errb.String()); u != "" {
			return u, errb
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d before serving:\n%s", code, errb)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve printed no address within 30 s:\n%s", errb)
	return "", nil
}

// client is an HTTP client with a cookie jar, as a browser keeps them.
func client(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 60 * time.Second}
}

func get(t *testing.T, c *http.Client, u string, hdr map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// csrfOf returns the CSRF token a page embeds.
func csrfOf(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`<meta name="csrf-token" content="([0-9a-f]{32})">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token in the page:\n%.500s", page)
	}
	return m[1]
}

func TestServeUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a stray argument", []string{"serve", "now"}, "serve takes no arguments"},
		{"an address without a port", []string{"serve", "--addr", "127.0.0.1"}, "want HOST:PORT"},
		{"a bad time limit", []string{"serve", "--time-limit", "0s"}, "--time-limit"},
		{"no database", []string{"serve", "--db", filepath.Join(dir, "none.gpkg"), "--addr", "127.0.0.1:0"}, "does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, tc.args...)
			if code != 2 || !strings.Contains(errs, tc.want) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, errs, tc.want)
			}
		})
	}
}

// TestServeOverTheDemo runs the real command over the demo database and
// talks to it as a browser would, without one: the pages, the map data,
// a run from start to stored plan, a second run refused while one runs,
// and the token when listening off loopback.
func TestServeOverTheDemo(t *testing.T) {
	dir := demoDB(t)
	db := filepath.Join(dir, "landplan.gpkg")
	base, _ := startServe(t, "--db", db, "--addr", "127.0.0.1:0", "--time-limit", "20s", "--gap", "0.0001")
	c := client(t)

	code, page := get(t, c, base+"plans", nil)
	if code != 200 || !strings.Contains(page, `href="/plans/plan-3"`) {
		t.Fatalf("plans page: %d\n%.500s", code, page)
	}
	code, body := get(t, c, base+"api/map?plan=plan-1", nil)
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(body), &fc); code != 200 || err != nil {
		t.Fatalf("map: %d %v", code, err)
	}
	layers := map[string]int{}
	for _, f := range fc.Features {
		layers[f.Properties["layer"].(string)]++
	}
	var p1 struct {
		Lots []any `json:"lots"`
	}
	_, pj := get(t, c, base+"api/plans/plan-1", nil)
	if err := json.Unmarshal([]byte(pj), &p1); err != nil {
		t.Fatal(err)
	}
	// The demo's sample holds 320 parcels (data/sample).
	if layers["parcel"] != 320 || layers["lot"] != len(p1.Lots) || len(p1.Lots) == 0 {
		t.Fatalf("map layers %v, want 320 parcels and %d lots", layers, len(p1.Lots))
	}

	post := func(body string) (int, string) {
		req, _ := http.NewRequest("POST", base+"api/run", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", csrfOf(t, page))
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	// A new scenario (a run of a scenario already planned gives its plan
	// back), then a run of it.
	req, _ := http.NewRequest("POST", base+"api/scenarios", strings.NewReader(`{"name": "quota900", "overrides": ["quota.new_land_mu=900"]}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", csrfOf(t, page))
	if resp, err := c.Do(req); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("add scenario: %v %v", resp, err)
	}
	if code, b := post(`{"scenario": "quota900"}`); code != http.StatusAccepted {
		t.Fatalf("start: %d %s", code, b)
	}
	// A second start while the first runs is refused; on a machine fast
	// enough to finish the first run before the second request arrives it
	// starts a second run (the refusal itself is tested in package web).
	code, b := post(`{"scenario": ""}`)
	switch {
	case code == http.StatusConflict && strings.Contains(b, "already running"):
	case code == http.StatusAccepted:
		t.Logf("the first run ended before the second start: %s", b)
	default:
		t.Fatalf("second start: %d %s", code, b)
	}
	var st struct{ State, Plan, Error string }
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		_, b := get(t, c, base+"api/run", nil)
		json.Unmarshal([]byte(b), &st)
		if st.State != "running" {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if st.State != "done" || (code == http.StatusConflict && st.Plan != "plan-4") {
		t.Fatalf("run ended %+v", st)
	}
	if code, b := get(t, c, base+"plans/plan-4", nil); code != 200 || !strings.Contains(b, "quota900") {
		t.Fatalf("new plan page: %d", code)
	}
	if code, b := post(`{"scenario": "nope"}`); code != http.StatusNotFound || !strings.Contains(b, "nope") {
		t.Fatalf("unknown scenario: %d %s", code, b)
	}

	t.Run("downloads of every export format", func(t *testing.T) {
		tests := []struct {
			format, ctype, magic string
		}{
			{"json", "application/json", `{`},
			{"geojson", "application/geo+json", `{`},
			{"gpkg", "application/geopackage+sqlite3", "SQLite format 3\x00"},
			{"svg", "image/svg+xml", "<?xml"},
			{"png", "image/png", "\x89PNG\r\n\x1a\n"},
			{"csv", "text/csv", "\xef\xbb\xbf"},
			{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04"},
			{"html", "text/html", "<!DOCTYPE html>"},
			{"txt", "text/plain", ""},
		}
		for _, tc := range tests {
			t.Run(tc.format, func(t *testing.T) {
				resp, err := c.Get(base + "plans/plan-1/download/" + tc.format)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.ctype) {
					t.Fatalf("status %d, type %q: %.300s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
				}
				if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="plan-1.`+tc.format+`"` {
					t.Errorf("Content-Disposition %q", cd)
				}
				if !bytes.HasPrefix(b, []byte(tc.magic)) || len(b) < 100 || !bytes.Contains(b, []byte("P2025-")) && tc.format != "png" && tc.format != "gpkg" && tc.format != "svg" && tc.format != "xlsx" {
					t.Errorf("%s download starts %q (%d bytes)", tc.format, b[:min(len(b), 40)], len(b))
				}
			})
		}
	})

	t.Run("downloads follow the page's language", func(t *testing.T) {
		for lang, header := range map[string]string{"zh": "项目编号,项目名称", "en": "proposal,name"} {
			resp, err := c.Get(base + "plans/plan-1/download/csv?lang=" + lang)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !bytes.HasPrefix(b, []byte("\xef\xbb\xbf"+header)) {
				t.Errorf("csv with lang=%s: status %d, starts %q", lang, resp.StatusCode, b[:min(len(b), 60)])
			}
		}
	})

	t.Run("off loopback a token is made and required", func(t *testing.T) {
		u, errs := startServe(t, "--db", db, "--addr", "0.0.0.0:0")
		tok := strings.TrimPrefix(regexp.MustCompile(`\?token=\S+`).FindString(u), "?token=")
		if len(tok) != 32 {
			t.Fatalf("no generated token in %q", errs)
		}
		if !strings.HasPrefix(u, "http://0.0.0.0:") || !strings.Contains(errs.String(), "from the machine itself: http://127.0.0.1:") {
			t.Errorf("serving on 0.0.0.0 printed %q", errs)
		}
		port := u[strings.LastIndex(u[:strings.Index(u, "/?")], ":")+1 : strings.Index(u, "/?")]
		loop := "http://127.0.0.1:" + port + "/"
		c := client(t)
		if code, _ := get(t, c, loop+"api/plans", nil); code != http.StatusUnauthorized {
			t.Errorf("without the token: %d", code)
		}
		if code, _ := get(t, c, loop+"api/plans", map[string]string{"X-Landplan-Token": tok}); code != 200 {
			t.Errorf("with the header: %d", code)
		}
		if code, b := get(t, c, loop+"plans?token="+url.QueryEscape(tok), nil); code != 200 || !strings.Contains(b, "plan-1") {
			t.Errorf("first visit with ?token=: %d", code)
		}
		if code, _ := get(t, c, loop+"api/plans", nil); code != 200 {
			t.Errorf("with the cookie of the first visit: %d", code)
		}
	})

	t.Run("a token from a file", func(t *testing.T) {
		file := writeFile(t, t.TempDir(), "token", "s3cret-token-of-some-length\n")
		u, _ := startServe(t, "--db", db, "--addr", "127.0.0.1:0", "--token-file", file)
		if !strings.HasSuffix(u, "/?token=s3cret-token-of-some-length") {
			t.Fatalf("address %q", u)
		}
		loop := strings.TrimSuffix(u, "?token=s3cret-token-of-some-length")
		if code, _ := get(t, client(t), loop+"api/plans", nil); code != http.StatusUnauthorized {
			t.Errorf("without the token: %d", code)
		}
		if code, _ := get(t, client(t), loop+"api/plans", map[string]string{"X-Landplan-Token": "s3cret-token-of-some-length"}); code != 200 {
			t.Errorf("with the token of the file: %d", code)
		}
	})
}
