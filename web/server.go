package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// Store is what the interface reads and writes: the plans and scenarios
// of plan.Store, and the parcels and proposals of the database. Package
// data implements it.
type Store interface {
	plan.Store
	// Parcels returns every stored parcel.
	Parcels(ctx context.Context) ([]planner.Parcel, error)
	// Proposals returns every stored proposal.
	Proposals(ctx context.Context) ([]planner.Proposal, error)
}

// Runner makes a plan under the named scenario ("" for the base profile)
// within the limits asked, stores it and returns it with its id. It calls
// progress with the solver's progress while it runs (progress may be
// called from the runner's goroutine only).
type Runner func(ctx context.Context, scenario string, limits RunLimits, progress func(assign.Progress)) (*plan.Plan, error)

// RunLimits are what the run form asks of the solver; a zero field means
// the server's default.
type RunLimits struct {
	// TimeLimit is the solver's time limit.
	TimeLimit time.Duration
	// Gap, when set, is the proven relative gap at which the run stops
	// (0: proven optimal).
	Gap *float64
	// Horizon, when not empty, makes the run a programme: FROM-TO, FROM
	// the planning year (as landplan plan --horizon). Previous, when not
	// empty, is the id of a stored plan the run re-plans with minimal
	// churn (as landplan plan --previous).
	Horizon  string
	Previous string
}

// Exporter writes plan p in the named format to w, its text in the
// language of the page that asked.
type Exporter func(ctx context.Context, w io.Writer, p *plan.Plan, format string, lang policy.Lang) error

// ExportFormat is a download offered for every plan.
type ExportFormat struct {
	// Name is the format's name given to the Exporter, e.g. "geojson".
	Name string
	// Ext is the file extension without the dot, e.g. "geojson".
	Ext string
	// ContentType is the MIME type of the download.
	ContentType string
}

// DefaultMaxBody is the default limit on a request body, in bytes: the
// scenario form with every setting filled takes a few kilobytes.
const DefaultMaxBody = 64 << 10

// Config is what a Server is made from. Store, Run and Profile are
// required; the rest have the documented defaults.
type Config struct {
	// Store holds the parcels, proposals, plans and scenarios.
	Store Store
	// Run makes and stores a plan.
	Run Runner
	// Sweep runs and stores a sweep (the /sweep page); nil offers none.
	Sweep SweepRunner
	// Profile is the base policy profile; scenarios override it.
	Profile *policy.Profile
	// Export writes a plan in one of Formats; nil offers no downloads
	// but the plan's JSON.
	Export Exporter
	// Formats are the downloads offered, in the order shown.
	Formats []ExportFormat
	// Token, when set, must be carried by every request: in the
	// X-Landplan-Token header, or in the landplan_token cookie that a
	// first visit with ?token= sets. Without a token only requests whose
	// Host is a loopback name are served (DNS-rebinding protection).
	Token string
	// MaxBody limits a request body in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// Log receives internal errors and recovered panics; nil means
	// os.Stderr.
	Log io.Writer
}

// Server is the web interface: an http.Handler over a Store. It runs at
// most one plan at a time, in the background, and keeps serving while a
// plan runs and after a run fails.
type Server struct {
	cfg  Config
	mux  *http.ServeMux
	logM sync.Mutex

	ctx    context.Context // cancelled by Close: stops a running plan
	cancel context.CancelFunc
	runs   runState
	sweeps sweepState // the background sweep (sweep.go)
	wg     sync.WaitGroup
	cache  planCache
	blobs  blobCache // map data and plan pages, built once each
	pages  blobCache // the map and plans pages, apart so that many addresses do not push out map data
	// csrfMark stands for the reader's CSRF token in a kept page.
	csrfMark []byte
}

// New returns a Server for cfg, or an error naming what is missing.
func New(cfg Config) (*Server, error) {
	switch {
	case cfg.Store == nil:
		return nil, errors.New("web: Config.Store is nil")
	case cfg.Run == nil:
		return nil, errors.New("web: Config.Run is nil")
	case cfg.Profile == nil:
		return nil, errors.New("web: Config.Profile is nil")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	for _, f := range cfg.Formats {
		if f.Name == "" || f.Ext == "" || f.ContentType == "" {
			return nil, fmt.Errorf("web: export format %+v: Name, Ext and ContentType are required", f)
		}
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), csrfMark: newCSRFMark()}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.routes()
	return s, nil
}

// Close cancels a running plan and waits for it to end.
func (s *Server) Close() error {
	s.cancel()
	s.wg.Wait()
	return nil
}

func (s *Server) routes() {
	m := s.mux
	m.Handle("GET /static/", http.StripPrefix("/static/", staticHandler()))
	m.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/map", http.StatusSeeOther)
	})
	m.HandleFunc("GET /map", s.pageMap)
	m.HandleFunc("GET /plans", s.pagePlans)
	m.HandleFunc("GET /plans/{id}", s.pagePlan)
	m.HandleFunc("GET /plans/{id}/download/{format}", s.download)
	m.HandleFunc("GET /compare", s.pageCompare)
	m.HandleFunc("GET /monitor", s.pageMonitor)
	m.HandleFunc("GET /scenarios", s.pageScenarios)
	m.HandleFunc("POST /scenarios", s.postScenarioForm)

	m.HandleFunc("GET /api/map", s.apiMap)
	m.HandleFunc("GET /api/plans", s.apiPlans)
	m.HandleFunc("GET /api/plans/{id}", s.apiPlan)
	m.HandleFunc("GET /api/compare", s.apiCompare)
	m.HandleFunc("GET /api/scenarios", s.apiScenarios)
	m.HandleFunc("POST /api/scenarios", s.apiPostScenario)
	m.HandleFunc("GET /api/policy", s.apiPolicy)
	m.HandleFunc("GET /api/run", s.apiRunStatus)
	m.HandleFunc("POST /api/run", s.apiStartRun)
	s.sweepRoutes(m)
	m.HandleFunc("/", s.noRoute)
}

// noRoute answers a request that no route takes: 405 with the methods
// the path has (in Allow) when it has some, 404 otherwise.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if m == r.Method {
			continue
		}
		q := r.Clone(r.Context())
		q.Method = m
		if _, pat := s.mux.Handler(q); pat != "/" && pat != "" {
			allow = append(allow, m)
			if m == http.MethodGet {
				allow = append(allow, http.MethodHead)
			}
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.fail(w, r, httpErr(http.StatusMethodNotAllowed, "method %s is not allowed on %s (allowed: %s)", "%s 方法不能用于 %s（允许：%s）", r.Method, r.URL.Path, strings.Join(allow, ", ")))
		return
	}
	s.fail(w, r, planner.Errorf(planner.KindNotFound, "no page at %s", r.URL.Path))
}

// ServeHTTP serves a request through the guards: panic recovery, the
// host and token checks, the body limit, CSRF on state-changing requests
// and the security headers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logf("web: panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			http.Error(w, "internal error", http.StatusInternalServerError)
		}
	}()
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	// same-origin: the pages' own requests keep their Origin (a form POST
	// under no-referrer carries "Origin: null"), other sites get nothing.
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")

	if s.cfg.Token == "" && !loopbackHost(r.Host) {
		http.Error(w, "forbidden: this server answers only to localhost names", http.StatusForbidden)
		return
	}
	if s.cfg.Token != "" && !s.tokenOK(w, r) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	s.ensureCSRF(w, r)
	if r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions {
		if err := s.checkCSRF(r); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// loopbackHost reports whether a Host header names this machine's loopback.
func loopbackHost(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

const (
	tokenHeader = "X-Landplan-Token"
	tokenCookie = "landplan_token"
	csrfHeader  = "X-CSRF-Token"
	csrfCookie  = "landplan_csrf"
	csrfField   = "csrf"
	langCookie  = "landplan_lang"
)

// tokenOK checks the access token; on a first visit with ?token= it sets
// the cookie and redirects to the URL without the token. It writes the
// refusal itself and returns false when the request may not pass.
func (s *Server) tokenOK(w http.ResponseWriter, r *http.Request) bool {
	if q := r.URL.Query().Get("token"); q != "" && r.Method == http.MethodGet {
		if !equalSecret(q, s.cfg.Token) {
			http.Error(w, "unauthorized: wrong token", http.StatusUnauthorized)
			return false
		}
		http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.cfg.Token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		u := *r.URL
		v := u.Query()
		v.Del("token")
		u.RawQuery = v.Encode()
		http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
		return false
	}
	if t := r.Header.Get(tokenHeader); t != "" && equalSecret(t, s.cfg.Token) {
		return true
	}
	if c, err := r.Cookie(tokenCookie); err == nil && equalSecret(c.Value, s.cfg.Token) {
		return true
	}
	http.Error(w, "unauthorized: this server needs its access token (open the address printed by landplan serve, with ?token=)", http.StatusUnauthorized)
	return false
}

func equalSecret(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// csrfToken returns the request's CSRF token: the cookie's value, or the
// one ensureCSRF just made.
func csrfToken(r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == 32 {
		return c.Value
	}
	return ""
}

type csrfKey struct{}

// ensureCSRF gives a browser without a CSRF cookie a new random one
// (double-submit: pages carry the same value, and a POST must send it
// back in a header or a form field).
func (s *Server) ensureCSRF(w http.ResponseWriter, r *http.Request) {
	if csrfToken(r) != "" {
		return
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	tok := hex.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: tok, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	*r = *r.WithContext(context.WithValue(r.Context(), csrfKey{}, tok))
}

// pageCSRF is the CSRF token a page embeds.
func pageCSRF(r *http.Request) string {
	if t, ok := r.Context().Value(csrfKey{}).(string); ok {
		return t
	}
	return csrfToken(r)
}

// checkCSRF refuses a state-changing request from another site or
// without the CSRF token of its cookie. The token decides: a request
// carrying the cookie's token (a header or a form field) passes whatever
// its Origin, unless the browser names another site (an Origin of another
// host, or Sec-Fetch-Site: cross-site); "Origin: null", which browsers
// send for forms under some referrer policies and from sandboxed frames,
// is judged by the token alone.
func (s *Server) checkCSRF(r *http.Request) error {
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return httpErr(http.StatusForbidden, "forbidden: a request from origin %q to %s", "禁止：来自 %q 发往 %s 的请求", o, r.Host)
		}
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return httpErr(http.StatusForbidden, "forbidden: a request from another site", "禁止：来自其他网站的请求")
	}
	want := csrfToken(r)
	if want == "" {
		return httpErr(http.StatusForbidden, "forbidden: missing CSRF cookie (reload the page)", "禁止：缺少 CSRF Cookie（请重新加载页面）")
	}
	got := r.Header.Get(csrfHeader)
	if got == "" && isForm(r) {
		if err := r.ParseForm(); err != nil {
			return bodyError(err)
		}
		got = r.PostForm.Get(csrfField)
	}
	if !equalSecret(got, want) {
		return httpErr(http.StatusForbidden, "forbidden: missing or wrong CSRF token (reload the page)", "禁止：CSRF 令牌缺失或错误（请重新加载页面）")
	}
	return nil
}

// isForm reports whether the request's body is an HTML form as the
// pages send it (application/x-www-form-urlencoded).
func isForm(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded")
}

// httpError is an error with its HTTP status and its message, in
// Chinese too when it has one (zh, shown on a Chinese page).
type httpError struct {
	status int
	msg    string
	zh     string
}

// httpErr is an httpError with en and zh formatted with the same args.
func httpErr(status int, en, zh string, args ...any) *httpError {
	return &httpError{status: status, msg: fmt.Sprintf(en, args...), zh: fmt.Sprintf(zh, args...)}
}

func (e *httpError) Error() string { return e.msg }

// bodyError turns a body read error into a 413 or 400.
func bodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return httpErr(http.StatusRequestEntityTooLarge, "request body larger than %d bytes: nothing was stored", "请求内容超过 %d 字节：未保存任何内容", mbe.Limit)
	}
	return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf("reading the request body: %v", err), zh: "无法读取请求内容"}
}

// statusOf maps an error to its HTTP status and the message shown, in
// the page's language: on a Chinese page the Chinese form of an error
// that has one (an httpError's zh, planner.TextZH). An internal error is
// logged and shown only as "internal error".
func (s *Server) statusOf(r *http.Request, err error) (int, string) {
	zh := langOf(r) == policy.LangZH
	var he *httpError
	if errors.As(err, &he) {
		if zh && he.zh != "" {
			return he.status, he.zh
		}
		return he.status, he.msg
	}
	msg := err.Error()
	if t, ok := planner.TextZH(err); ok && zh {
		msg = t
	}
	switch planner.KindOf(err) {
	case planner.KindNotFound:
		return http.StatusNotFound, msg
	case planner.KindInvalid, planner.KindInfeasible:
		return http.StatusBadRequest, msg
	case planner.KindConflict:
		return http.StatusConflict, msg
	}
	if errors.Is(err, context.Canceled) {
		return http.StatusServiceUnavailable, trZH(zh, "the request was cancelled", "请求已取消")
	}
	s.logf("web: %s %s: %v", r.Method, r.URL.Path, err)
	return http.StatusInternalServerError, trZH(zh, "internal error (see the server's log)", "内部错误（见服务器日志）")
}

// trZH is en, or zhText on a Chinese page (zh).
func trZH(zh bool, en, zhText string) string {
	if zh {
		return zhText
	}
	return en
}

// fail answers with err: JSON for the API, a page for the rest.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := s.statusOf(r, err)
	if strings.HasPrefix(r.URL.Path, "/api/") || wantsJSON(r) {
		writeJSON(w, code, map[string]string{"error": msg})
		return
	}
	s.renderError(w, r, code, msg)
}

func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// writeJSON writes v as JSON with the status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(b)
	w.Write([]byte("\n"))
}

func (s *Server) logf(format string, args ...any) {
	s.logM.Lock()
	defer s.logM.Unlock()
	fmt.Fprintf(s.cfg.Log, format+"\n", args...)
}

// planCacheSize bounds the plans kept decoded in memory.
const planCacheSize = 32

// planCache keeps recently read plans: a stored plan never changes, so
// its id names its content for as long as the store is open.
type planCache struct {
	mu    sync.Mutex
	m     map[string]*plan.Plan
	order []string // oldest first
}

// plan returns the stored plan with that id, from the cache when it can.
func (s *Server) plan(ctx context.Context, id string) (*plan.Plan, error) {
	c := &s.cache
	c.mu.Lock()
	p, ok := c.m[id]
	c.mu.Unlock()
	if ok {
		return p, nil
	}
	p, err := s.cfg.Store.Plan(ctx, id)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*plan.Plan{}
	}
	if _, ok := c.m[id]; !ok {
		if len(c.order) >= planCacheSize {
			delete(c.m, c.order[0])
			c.order = c.order[1:]
		}
		c.m[id] = p
		c.order = append(c.order, id)
	}
	return p, nil
}
