package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/sweep"
)

// SweepRunner runs a sweep (sweep.Run) over the --set specs from the
// named base scenario ("" for none), storing each point's plan; it calls
// row with each point's row as it is stored and progress with the
// solver's progress of the point under way.
type SweepRunner func(ctx context.Context, base string, sets []string, row func(sweep.Row), progress func(point int, p assign.Progress)) (*sweep.Result, error)

// SweepStatus is the state of the background sweep, as GET /api/sweep
// returns it: the run states of RunStatus, the points done and the
// progress of the one under way.
type SweepStatus struct {
	State          string      `json:"state"`
	Base           string      `json:"base_scenario"`
	Sets           []string    `json:"sets"`
	Points         int         `json:"points"`
	Point          int         `json:"point"`
	ElapsedSeconds float64     `json:"elapsed_seconds"`
	Objective      float64     `json:"objective"`
	Gap            float64     `json:"gap"`
	Rows           []sweep.Row `json:"rows"`
	// Labels show each row's values in the language of the request (the
	// settings' values as policy show writes them), joined by " · ".
	Labels []string `json:"labels"`
	// Error says why a failed sweep failed; ErrorZH the same in Chinese,
	// when the error has a Chinese form.
	Error   string `json:"error,omitempty"`
	ErrorZH string `json:"error_zh,omitempty"`

	result *sweep.Result
}

type sweepState struct {
	mu      sync.Mutex
	status  SweepStatus
	started time.Time
}

// labelled is the snapshot with each row's values in lang.
func (ss *sweepState) labelled(lang policy.Lang) SweepStatus {
	st := ss.snapshot()
	st.Labels = make([]string, len(st.Rows))
	for i, r := range st.Rows {
		var vs []string
		for _, o := range r.Set {
			k, v, _ := strings.Cut(o, "=")
			if lang == policy.LangZH {
				v = sweep.Axis{Key: k}.ValueZH(v)
			}
			vs = append(vs, v)
		}
		st.Labels[i] = strings.Join(vs, " · ")
	}
	return st
}

func (ss *sweepState) snapshot() SweepStatus {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	st := ss.status
	if st.State == "" {
		st.State = RunIdle
	}
	if st.State == RunRunning {
		st.ElapsedSeconds = time.Since(ss.started).Seconds()
	}
	st.Rows = append([]sweep.Row{}, st.Rows...)
	return st
}

// sweepRoutes adds the sweep page and its API.
func (s *Server) sweepRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /sweep", s.pageSweep)
	m.HandleFunc("GET /api/sweep", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, (&s.sweeps).labelled(langOf(r)))
	})
	m.HandleFunc("POST /api/sweep", s.apiStartSweep)
	m.HandleFunc("GET /api/sweep/chart", s.apiSweepChart)
}

// sweepText is the sweep page's text in English and Chinese.
var sweepText = map[string][2]string{
	"title":         {"Parameter sweep", "参数扫描"},
	"intro":         {"One plan per value of a policy setting (two settings give a grid); each point is stored as a plan of scenario sweep:KEY=VALUE and starts from the plan of the point before it.", "对政策参数的每个取值各做一个方案(两个参数为网格);每点保存为一个情景及其方案,并以前一点的方案为起点求解。"},
	"base":          {"Base scenario", "基础情景"},
	"none":          {"(base profile)", "(基础配置)"},
	"set":           {"Setting and range", "参数与范围"},
	"set2":          {"Second setting (optional)", "第二个参数(可选)"},
	"hint":          {"KEY=FROM:TO:STEP or KEY=a,b,c, e.g. quota.new_land_mu=800:1600:100", "参数=起:止:步长 或 参数=a,b,c,例如 quota.new_land_mu=800:1600:100"},
	"start":         {"Run the sweep", "开始扫描"},
	"indicator":     {"Indicator", "指标"},
	"idle":          {"No sweep has run since the server started.", "服务启动以来尚未扫描。"},
	"running":       {"Running point", "正在计算第"},
	"of":            {"of", "点,共"},
	"done":          {"Sweep finished:", "扫描完成:"},
	"failed":        {"Sweep failed:", "扫描失败:"},
	"busy":          {"a sweep or a plan is already running", "已有扫描或方案正在运行"},
	"col.set":       {"value", "取值"},
	"col.plan":      {"plan", "方案"},
	"col.objective": {"objective", "目标值"},
	"col.bound":     {"bound", "上界"},
	"col.gap":       {"gap", "间隙"},
	"col.projects":  {"projects", "项目数"},
	"band":          {"The band around the objective runs from each plan's value to the bound proven for it.", "目标值周围的色带从各方案目标值到其已证上界。"},
}

func sweepT(lang policy.Lang, key string) string {
	t := sweepText[key]
	if lang == policy.LangZH {
		return t[1]
	}
	return t[0]
}

// sweepPage is the sweep page's data.
type sweepPage struct {
	Scenarios  []plan.Scenario
	Indicators []struct{ Name, Label string }
	Status     SweepStatus
	Text       map[string]string
}

func (s *Server) pageSweep(w http.ResponseWriter, r *http.Request) {
	scs, err := s.cfg.Store.Scenarios(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(w, r, "sweep", "plans.title")
	p.Title = sweepT(p.Lang, "title")
	d := sweepPage{Scenarios: scs, Status: (&s.sweeps).snapshot(), Text: map[string]string{}}
	for k := range sweepText {
		d.Text[k] = sweepT(p.Lang, k)
	}
	for _, in := range sweep.Indicators() {
		l := in.Label
		if p.Lang == policy.LangZH {
			l = in.LabelZH
		}
		d.Indicators = append(d.Indicators, struct{ Name, Label string }{in.Name, l})
	}
	p.Data = d
	s.render(w, r, http.StatusOK, "sweep.html", p)
}

// sweepRequest is the body of POST /api/sweep: the base scenario and one
// or two KEY=FROM:TO:STEP or KEY=a,b,c specs (empty ones are skipped).
type sweepRequest struct {
	Scenario string   `json:"scenario"`
	Sets     []string `json:"sets"`
}

// apiStartSweep starts a sweep in the background: JSON sweepRequest or a
// form with scenario and set fields, with the CSRF token as every POST.
// Bad specs are refused at once (400, naming the key) and nothing runs.
func (s *Server) apiStartSweep(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Sweep == nil {
		s.fail(w, r, planner.Errorf(planner.KindNotFound, "this server runs no sweeps"))
		return
	}
	var req sweepRequest
	form := strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded")
	if form {
		if err := r.ParseForm(); err != nil {
			s.fail(w, r, bodyError(err))
			return
		}
		req.Scenario, req.Sets = r.PostForm.Get("scenario"), r.PostForm["set"]
	} else if err := decodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	var sets []string
	for _, x := range req.Sets {
		if x = strings.TrimSpace(x); x != "" {
			sets = append(sets, x)
		}
	}
	base := s.cfg.Profile
	if req.Scenario != "" {
		sc, err := s.cfg.Store.Scenario(r.Context(), req.Scenario)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if base, err = plan.ApplyScenario(base, sc); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	var axes []sweep.Axis
	for _, x := range sets {
		ax, err := sweep.ParseAxis(base, x)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		axes = append(axes, ax)
	}
	pts, err := sweep.Points(plan.Scenario{Name: req.Scenario}, axes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ss := (&s.sweeps)
	ss.mu.Lock()
	if ss.status.State == RunRunning || s.runs.snapshot().State == RunRunning {
		ss.mu.Unlock()
		s.fail(w, r, planner.Errorf(planner.KindConflict, "%s", sweepT(langOf(r), "busy")))
		return
	}
	ss.status = SweepStatus{State: RunRunning, Base: req.Scenario, Sets: sets, Points: len(pts), Rows: []sweep.Row{}}
	ss.started = time.Now()
	ss.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		res, err := s.sweepSafely(req.Scenario, sets)
		ss.mu.Lock()
		defer ss.mu.Unlock()
		ss.status.ElapsedSeconds = time.Since(ss.started).Seconds()
		if err != nil {
			ss.status.State = RunFailed
			ss.status.Error, ss.status.ErrorZH = s.runErrorText(err)
			return
		}
		ss.status.State, ss.status.result = RunDone, res
	}()
	writeJSON(w, http.StatusAccepted, ss.labelled(langOf(r)))
}

func (s *Server) sweepSafely(base string, sets []string) (res *sweep.Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.logf("web: panic in a sweep: %v\n%s", v, debug.Stack())
			err = fmt.Errorf("web: the sweep crashed: %v", v)
		}
	}()
	ss := (&s.sweeps)
	return s.cfg.Sweep(s.ctx, base, sets, func(row sweep.Row) {
		ss.mu.Lock()
		defer ss.mu.Unlock()
		ss.status.Rows = append(ss.status.Rows, row)
	}, func(point int, p assign.Progress) {
		ss.mu.Lock()
		defer ss.mu.Unlock()
		ss.status.Point, ss.status.Objective, ss.status.Gap = point+1, p.Objective, p.Gap
	})
}

// apiSweepChart answers the SVG chart of an indicator of the sweep under
// way or last run (the points done so far).
func (s *Server) apiSweepChart(w http.ResponseWriter, r *http.Request) {
	ss := (&s.sweeps)
	ss.mu.Lock()
	res := ss.status.result
	if res == nil && len(ss.status.Rows) > 0 {
		res = &sweep.Result{Base: ss.status.Base, Rows: append([]sweep.Row{}, ss.status.Rows...), Points: ss.status.Points}
		sets := ss.status.Sets
		ss.mu.Unlock()
		base := s.cfg.Profile
		for _, x := range sets {
			ax, err := sweep.ParseAxis(base, x)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			res.Axes = append(res.Axes, ax)
		}
	} else {
		ss.mu.Unlock()
	}
	if res == nil {
		s.fail(w, r, planner.Errorf(planner.KindNotFound, "no sweep has stored a point yet"))
		return
	}
	ind := r.URL.Query().Get("indicator")
	if ind == "" {
		ind = "objective"
	}
	if _, ok := sweep.IndicatorByName(ind); !ok {
		s.fail(w, r, planner.Errorf(planner.KindInvalid, "indicator %q: want one of %s", ind, sweep.IndicatorNames()))
		return
	}
	var buf bytes.Buffer
	if err := export.WriteSweepSVG(&buf, res, ind, langOf(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Write(buf.Bytes())
}
