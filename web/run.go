package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
)

// The states of RunStatus.State.
const (
	RunIdle    = "idle"    // no run since the server started
	RunRunning = "running" // a run is under way
	RunDone    = "done"    // the last run stored a plan
	RunFailed  = "failed"  // the last run failed
)

// RunStatus is the state of the background planning run, as GET /api/run
// returns it.
type RunStatus struct {
	State string `json:"state"`
	// Scenario is the scenario of the current or last run ("" for the
	// base profile).
	Scenario string `json:"scenario"`
	// ElapsedSeconds is the wall time of the run so far (or in all).
	ElapsedSeconds float64 `json:"elapsed_seconds"`
	// Objective, Bound, Gap, Iterations and Nodes are the solver's last
	// progress report.
	Objective  float64 `json:"objective"`
	Bound      float64 `json:"bound"`
	Gap        float64 `json:"gap"`
	Iterations int     `json:"iterations"`
	Nodes      int     `json:"nodes"`
	// Reported is true once the solver has reported its progress: before,
	// the run is still reading, checking and scoring, and Objective,
	// Bound and Gap mean nothing yet.
	Reported bool `json:"reported"`
	// Plan is the id of the plan stored by a finished run.
	Plan string `json:"plan,omitempty"`
	// Reused is true when the run gave a plan already stored (the same
	// scenario, inputs and policy): nothing new was stored.
	Reused bool `json:"reused,omitempty"`
	// Error says why a failed run failed; ErrorZH the same in Chinese,
	// when the error has a Chinese form (a Chinese page shows it).
	Error   string `json:"error,omitempty"`
	ErrorZH string `json:"error_zh,omitempty"`
}

// runState holds the one background run.
type runState struct {
	mu      sync.Mutex
	status  RunStatus
	started time.Time
}

func (rs *runState) snapshot() RunStatus {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	st := rs.status
	if st.State == "" {
		st.State = RunIdle
	}
	if st.State == RunRunning {
		st.ElapsedSeconds = time.Since(rs.started).Seconds()
	}
	return st
}

// runRequest is the body of POST /api/run.
type runRequest struct {
	Scenario string `json:"scenario"`
	// TimeLimit is the solver's time limit in seconds and Gap the target
	// gap (0 ≤ gap < 1; 0: proven optimal); absent or empty means the
	// server's defaults.
	TimeLimit *float64 `json:"time_limit"`
	Gap       *float64 `json:"gap"`
	// Horizon is a programme's years FROM-TO (or its last year), and
	// Previous the stored plan to re-plan; empty for neither.
	Horizon  string `json:"horizon"`
	Previous string `json:"previous"`
}

// limits checks the request's time limit and gap, naming the field at
// fault.
func (q runRequest) limits() (RunLimits, error) {
	var l RunLimits
	if t := q.TimeLimit; t != nil {
		if !(*t > 0) || *t > 24*3600 {
			return l, httpErr(http.StatusBadRequest, "time_limit %v: want a positive number of seconds, at most a day", "时间限制 time_limit %v 无效：应为正的秒数，最多一天", *t)
		}
		l.TimeLimit = time.Duration(*t * float64(time.Second))
	}
	if g := q.Gap; g != nil {
		if !(*g >= 0 && *g < 1) {
			return l, httpErr(http.StatusBadRequest, "gap %v: want a relative gap of at least 0 and below 1 (0: proven optimal)", "目标间隙 gap %v 无效：相对间隙应不小于 0 且小于 1（0：证明最优）", *g)
		}
		l.Gap = g
	}
	l.Horizon, l.Previous = strings.TrimSpace(q.Horizon), strings.TrimSpace(q.Previous)
	if h := l.Horizon; h != "" && !horizonForm.MatchString(h) {
		return l, httpErr(http.StatusBadRequest, "horizon %q: want the programme's years FROM-TO, e.g. 2026-2030 (FROM is the planning year), or its last year", "计划期 horizon %q 无效：应为 起始年-结束年，如 2026-2030（起始年为规划年度），或只写结束年", h)
	}
	return l, nil
}

// horizonForm is the form of a horizon: FROM-TO or a single year.
var horizonForm = regexp.MustCompile(`^[0-9]{4}(\s*-\s*[0-9]{4})?$`)

// formNumber reads an optional number field of a form.
func formNumber(r *http.Request, name string) (*float64, error) {
	v := strings.TrimSpace(r.PostForm.Get(name))
	if v == "" {
		return nil, nil
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return nil, httpErr(http.StatusBadRequest, "%s %q: not a number", "%s %q 不是数字", name, v)
	}
	return &x, nil
}

// start begins a run under the scenario, or returns a conflict error when
// one is under way.
func (s *Server) start(scenario string, limits RunLimits) error {
	if scenario != "" {
		if _, err := s.cfg.Store.Scenario(s.ctx, scenario); err != nil {
			return err
		}
	}
	if limits.Previous != "" {
		if _, err := s.cfg.Store.Plan(s.ctx, limits.Previous); err != nil {
			return err
		}
	}
	rs := &s.runs
	rs.mu.Lock()
	if rs.status.State == RunRunning {
		cur := rs.status.Scenario
		rs.mu.Unlock()
		return planner.ErrorfZH(planner.KindConflict, "a plan is already running (scenario %q): wait for it to finish", "已有一个方案正在运行（情景 %q）：请等它结束", cur)
	}
	rs.status = RunStatus{State: RunRunning, Scenario: scenario}
	rs.started = time.Now()
	rs.mu.Unlock()

	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		known := map[string]bool{}
		if sums, err := s.cfg.Store.Plans(s.ctx); err == nil {
			for _, x := range sums {
				known[x.ID] = true
			}
		}
		p, err := s.runSafely(s.ctx, scenario, limits)
		rs.mu.Lock()
		defer rs.mu.Unlock()
		rs.status.ElapsedSeconds = time.Since(rs.started).Seconds()
		if err != nil {
			rs.status.State = RunFailed
			rs.status.Error, rs.status.ErrorZH = s.runErrorText(err)
			return
		}
		rs.status.State = RunDone
		rs.status.Plan = p
		rs.status.Reused = known[p]
	}()
	return nil
}

// runSafely runs the Runner, turning a panic into an error so that the
// server goes on.
func (s *Server) runSafely(ctx context.Context, scenario string, limits RunLimits) (id string, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.logf("web: panic in a planning run: %v\n%s", v, debug.Stack())
			err = fmt.Errorf("web: the planning run crashed: %v", v)
		}
	}()
	p, err := s.cfg.Run(ctx, scenario, limits, func(pr assign.Progress) {
		s.runs.mu.Lock()
		defer s.runs.mu.Unlock()
		st := &s.runs.status
		st.Objective, st.Bound, st.Gap, st.Iterations, st.Nodes = pr.Objective, pr.Bound, pr.Gap, pr.Iterations, pr.Nodes
		st.Reported = true
	})
	if err != nil {
		return "", err
	}
	if p == nil || p.ID == "" {
		return "", fmt.Errorf("web: the runner returned no stored plan")
	}
	return p.ID, nil
}

// runErrorText is what a failed run shows, in English and in Chinese:
// the message of a planner error (its Chinese form, planner.TextZH, ""
// when it has none), and only "internal error" for the rest (logged in
// full).
func (s *Server) runErrorText(err error) (en, zh string) {
	switch planner.KindOf(err) {
	case planner.KindInvalid, planner.KindNotFound, planner.KindConflict, planner.KindInfeasible, planner.KindLimit:
		zh, _ = planner.TextZH(err)
		return err.Error(), zh
	}
	s.logf("web: planning run failed: %v", err)
	return "the run failed with an internal error (see the server's log)", "运行因内部错误失败（见服务器日志）"
}

func (s *Server) apiRunStatus(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.runs.snapshot())
}

// apiStartRun starts a run: JSON {"scenario": NAME} or a form with a
// scenario field. A form post is redirected to the plans page.
func (s *Server) apiStartRun(w http.ResponseWriter, r *http.Request) {
	var req runRequest
	form := isForm(r)
	if form {
		if err := r.ParseForm(); err != nil {
			s.fail(w, r, bodyError(err))
			return
		}
		req.Scenario = r.PostForm.Get("scenario")
		req.Horizon, req.Previous = r.PostForm.Get("horizon"), r.PostForm.Get("previous")
		var err1, err2 error
		req.TimeLimit, err1 = formNumber(r, "time_limit")
		req.Gap, err2 = formNumber(r, "gap")
		if err := errors.Join(err1, err2); err != nil {
			s.fail(w, r, joinHTTPErrors(err1, err2))
			return
		}
	} else if err := decodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	limits, err := req.limits()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.start(strings.TrimSpace(req.Scenario), limits); err != nil {
		s.fail(w, r, err)
		return
	}
	if form && !wantsJSON(r) {
		http.Redirect(w, r, "/plans", http.StatusSeeOther)
		return
	}
	writeJSON(w, http.StatusAccepted, s.runs.snapshot())
}

// decodeJSON reads a JSON body into v, refusing unknown fields and a body
// over the limit.
func decodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return httpErr(http.StatusUnsupportedMediaType, "want a JSON body (Content-Type application/json), got %q", "请求内容应为 JSON（Content-Type application/json），而不是 %q", ct)
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if he := bodyError(err); he.(*httpError).status == http.StatusRequestEntityTooLarge {
			return he
		}
		return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf("the request body is not valid JSON: %v", err), zh: jsonErrorZH(err)}
	}
	return nil
}

// jsonErrorZH says in Chinese what is wrong with a JSON request body:
// a field the request does not take, a value of the wrong type, or not
// JSON at all.
func jsonErrorZH(err error) string {
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return "请求内容中有未知的字段 " + f
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		want := map[reflect.Kind]string{reflect.String: "文本", reflect.Bool: "true 或 false", reflect.Slice: "数组", reflect.Map: "对象", reflect.Struct: "对象"}[te.Type.Kind()]
		if want == "" {
			want = "数字"
		}
		return fmt.Sprintf("请求内容中字段 %q 的值类型不对：应为%s", te.Field, want)
	}
	return "请求内容不是有效的 JSON"
}

// joinHTTPErrors joins the form's number errors (each an httpError or
// nil) into one 400, in English and in Chinese, one a line.
func joinHTTPErrors(errs ...error) *httpError {
	var en, zh []string
	for _, err := range errs {
		var he *httpError
		if errors.As(err, &he) {
			en, zh = append(en, he.msg), append(zh, he.zh)
		}
	}
	return &httpError{status: http.StatusBadRequest, msg: strings.Join(en, "\n"), zh: strings.Join(zh, "\n")}
}
