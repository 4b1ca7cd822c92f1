package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/compare"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// staticHandler serves the embedded assets (the script and the style
// sheet): nothing is fetched from the network.
func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err)
	}
	fsrv := http.FileServer(http.FS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			// No directory listings: only the files themselves.
			http.Error(w, "404 page not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Cache-Control", "max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

var funcs = template.FuncMap{
	"num":   func(v float64, digits int) string { return fmtNum(v, digits) },
	"pct":   func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) },
	"pct3":  func(v float64) string { return fmt.Sprintf("%.3f%%", 100*v) },
	"int":   func(v int) string { return fmtNum(float64(v), 0) },
	"ind":   indicatorText,
	"delta": deltaText,
	"trend": func(d float64) string {
		switch {
		case d > 1e-9:
			return "up"
		case d < -1e-9:
			return "down"
		}
		return ""
	},
	"tone":    toneOf,
	"sortnum": func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) },
}

var pages = template.Must(template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html"))

// fmtNum formats v with digits decimals and thousands separators.
func fmtNum(v float64, digits int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', digits, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// indicatorText formats a comparison value: a share in percent, a whole
// number without decimals, the rest with two.
func indicatorText(unit string, v float64) string {
	if unit == "share" {
		return fmt.Sprintf("%.2f%%", 100*v)
	}
	if v == math.Trunc(v) {
		return fmtNum(v, 0)
	}
	return fmtNum(v, 2)
}

// deltaText formats a comparison difference with its sign: percentage
// points for a share.
func deltaText(unit string, d float64) string {
	digits, suffix := 2, ""
	if unit == "share" {
		d, suffix = 100*d, " pp"
	} else if d == math.Trunc(d) {
		digits = 0
	}
	if math.Abs(d) < math.Pow(10, -float64(digits))/2 {
		return "0" + suffix
	}
	s := fmtNum(d, digits)
	if d > 0 {
		s = "+" + s
	}
	return s + suffix
}

// page is what every template gets.
type page struct {
	Lang   policy.Lang
	CSRF   string
	Nav    string
	Path   string // the page's path and query, for the language links
	Title  string
	Flash  string
	Data   any
	Tokens map[string]string
	// Refresh, when above 0, reloads the page after that many seconds in a
	// browser without JavaScript (a run under way on the plans page).
	Refresh int

	prof *policy.Profile // the served profile, for the names of settings
}

// T returns the interface text of key in the page's language.
func (p *page) T(key string) string { return tr(p.Lang, key) }

// Messages is the interface text in the page's language, for the script.
func (p *page) Messages() map[string]string {
	out := make(map[string]string, len(messages))
	for k := range messages {
		out[k] = tr(p.Lang, k)
	}
	return out
}

// ZH reports whether the page is in Chinese.
func (p *page) ZH() bool { return p.Lang == policy.LangZH }

// Reason is a reason's text in the page's language.
func (p *page) Reason(r planner.Reason) string { return reasonText(p.Lang, r) }

// Mode is a supply mode's name in the page's language.
func (p *page) Mode(m string) string {
	if m == "" {
		return ""
	}
	return tr(p.Lang, "mode."+m)
}

// StatusName is how the solver ended (a plan's Status) in the page's
// language.
func (p *page) StatusName(st string) string {
	if p.ZH() {
		return plan.StatusNameZH(st)
	}
	return st
}

// Cause is why a proposal is not placed, in the page's language.
func (p *page) Cause(c string) string {
	if p.ZH() {
		return plan.CauseNameZH(c)
	}
	return c
}

// Clause cites a clause of the measures in the page's language ("12.7" or
// 第十二条第七句).
func (p *page) Clause(c string) string {
	if p.ZH() {
		return planner.ClauseZH(c)
	}
	return c
}

// Unit is an indicator's unit in the page's language.
func (p *page) Unit(u string) string {
	if p.ZH() {
		return plan.UnitZH(u)
	}
	return u
}

// Overrides are a scenario's overrides: key=value in English, the
// setting's description and value in Chinese.
func (p *page) Overrides(os []string) []string {
	if !p.ZH() {
		return os
	}
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = policy.OverrideZH(o)
	}
	return out
}

// SettingLabel names a setting: its dotted key in English, its Chinese
// description (with the industry or criterion it concerns) in Chinese.
func (p *page) SettingLabel(key string) string {
	if !p.ZH() {
		return key
	}
	return p.profile().LabelZH(key)
}

// SettingValue is a setting's value: TOML in English, by Chinese names in
// Chinese.
func (p *page) SettingValue(st policy.Setting) string {
	if !p.ZH() {
		return st.Text
	}
	return p.profile().ValueTextZH(st.Key, st.Value)
}

func (p *page) profile() *policy.Profile {
	if p.prof == nil {
		return policy.Default()
	}
	return p.prof
}

// Download names an export format for its download link: the format in
// English, what the file is in Chinese.
func (p *page) Download(format string) string {
	return tr(p.Lang, "dl."+format)
}

// LangURL is the page's address in the other language.
func (p *page) LangURL(lang string) string {
	path, q, _ := strings.Cut(p.Path, "?")
	vals := []string{}
	for _, kv := range strings.Split(q, "&") {
		if kv != "" && !strings.HasPrefix(kv, "lang=") {
			vals = append(vals, kv)
		}
	}
	vals = append(vals, "lang="+lang)
	return path + "?" + strings.Join(vals, "&")
}

func (s *Server) newPage(w http.ResponseWriter, r *http.Request, nav, titleKey string) *page {
	rememberLang(w, r)
	p := &page{Lang: langOf(r), CSRF: pageCSRF(r), Nav: nav, Path: r.URL.RequestURI(), prof: s.cfg.Profile}
	p.Title = p.T(titleKey)
	return p
}

// render executes the named template into a buffer first, so that a
// template error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, p *page) {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, p); err != nil {
		s.logf("web: rendering %s for %s: %v", name, r.URL.Path, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, code int, msg string) {
	p := s.newPage(w, r, "", "err.title")
	p.Data = struct {
		Code int
		Msg  string
	}{code, msg}
	s.render(w, r, code, "error.html", p)
}

// mapPage is the map page's data.
type mapPage struct {
	Plans []plan.PlanSummary
	Plan  string
	Color string
}

// pageMap serves the map page: kept per version of the plans, language
// and address when the store tells its version.
func (s *Server) pageMap(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if id, ok := q["plan"]; ok && id[0] != "" {
		if _, err := s.plan(r.Context(), id[0]); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	key, _, err := s.listsVersion(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.servePage(w, r, key, "map.html", "map", "map.title", func(p *page) error {
		sums, err := s.cfg.Store.Plans(s.ctx)
		if err != nil {
			return err
		}
		d := mapPage{Plans: sums, Color: q.Get("color")}
		switch d.Color {
		case "status", "supply", "score":
		default:
			d.Color = "status"
		}
		if id, ok := q["plan"]; ok {
			d.Plan = id[0]
		} else if len(sums) > 0 {
			d.Plan = sums[len(sums)-1].ID
		}
		p.Data = d
		return nil
	})
}

// plansPage is the plans page's data.
type plansPage struct {
	Plans     []plan.PlanSummary
	Scenarios []plan.Scenario
	Run       RunStatus
}

// pagePlans serves the plans page: kept per version of the plans and
// scenarios, state of the last run, language and address when the store
// tells its version; rendered afresh while a run is under way.
func (s *Server) pagePlans(w http.ResponseWriter, r *http.Request) {
	run := s.runs.snapshot()
	key := ""
	if run.State != RunRunning {
		v, ok, err := s.listsVersion(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if ok {
			st, _ := json.Marshal(run)
			key = v + "\x00" + string(st)
		}
	}
	s.servePage(w, r, key, "plans.html", "plans", "plans.title", func(p *page) error {
		sums, err := s.cfg.Store.Plans(s.ctx)
		if err != nil {
			return err
		}
		scs, err := s.cfg.Store.Scenarios(s.ctx)
		if err != nil {
			return err
		}
		if run.State == RunRunning {
			p.Refresh = 2
		}
		p.Data = plansPage{Plans: sums, Scenarios: scs, Run: run}
		return nil
	})
}

// planPage is a plan page's data.
type planPage struct {
	Plan      *plan.Plan
	Modes     []string
	Downloads []string
	// Years are the plan's new land by year against each year's quota.
	Years []yearRow
}

// pagePlan serves a plan's page. A stored plan never changes, so the page
// is rendered once per plan, language and address and kept (it embeds no
// CSRF token: it has no form).
func (s *Server) pagePlan(w http.ResponseWriter, r *http.Request) {
	pl, err := s.plan(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, s.planErrorZH(r, r.PathValue("id"), err))
		return
	}
	rememberLang(w, r)
	lang := langOf(r)
	key := "plan\x00" + string(lang) + "\x00" + pl.ID + "\x00" + pl.ContentSHA256 + "\x00" + r.URL.RequestURI()
	b, err := s.blobs.get(key, func() (*blob, error) {
		p := &page{Lang: lang, Nav: "plans", Path: r.URL.RequestURI(), prof: s.cfg.Profile, Title: pl.ID}
		p.Data = planPage{Plan: pl, Modes: sortedModes(pl.Totals.BySupplyMode), Downloads: s.formatNames(), Years: quotaYears(pl.Totals)}
		var buf bytes.Buffer
		if err := pages.ExecuteTemplate(&buf, "plan.html", p); err != nil {
			return nil, fmt.Errorf("web: rendering plan.html for %s: %w", r.URL.Path, err)
		}
		return newBlob(buf.Bytes(), "text/html; charset=utf-8"), nil
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	serveBlob(w, r, b)
}

// comparePage is the comparison page's data.
type comparePage struct {
	Plans    []plan.PlanSummary
	Selected map[string]bool
	Cmp      *compare.Comparison
	// Moved maps a parcel to the action that touches it in the first
	// change set ("+", "-", "~"), for the map of what moved.
	Moved map[string]string
}

func (s *Server) pageCompare(w http.ResponseWriter, r *http.Request) {
	sums, err := s.cfg.Store.Plans(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := comparePage{Plans: sums, Selected: map[string]bool{}, Moved: map[string]string{}}
	if len(r.URL.Query()["plan"]) > 0 {
		ids, c, err := s.comparePlans(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, id := range ids {
			d.Selected[id] = true
		}
		d.Cmp = &c
		for _, cs := range c.Changes {
			for _, ch := range cs.Changes {
				if ch.From != nil {
					mark(d.Moved, ch.From.Parcel, ch.Action)
				}
				if ch.To != nil {
					mark(d.Moved, ch.To.Parcel, ch.Action)
				}
			}
		}
	}
	p := s.newPage(w, r, "compare", "cmp.title")
	p.Data = d
	s.render(w, r, http.StatusOK, "compare.html", p)
}

// mark records the action on a parcel; a parcel touched by different
// actions is "~".
func mark(m map[string]string, parcel, action string) {
	if old, ok := m[parcel]; ok && old != action {
		m[parcel] = plan.ActionChange
		return
	}
	m[parcel] = action
}

// scenariosPage is the scenarios page's data.
type scenariosPage struct {
	Scenarios []plan.Scenario
	Settings  []policy.Setting
	Name      string
	Values    map[string]string
	Error     string
	Saved     string
}

func (s *Server) scenariosData(r *http.Request) (*scenariosPage, error) {
	scs, err := s.cfg.Store.Scenarios(r.Context())
	if err != nil {
		return nil, err
	}
	return &scenariosPage{Scenarios: scs, Settings: s.cfg.Profile.Settings(), Values: map[string]string{}}, nil
}

func (s *Server) pageScenarios(w http.ResponseWriter, r *http.Request) {
	d, err := s.scenariosData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Saved = r.URL.Query().Get("saved")
	p := s.newPage(w, r, "scenarios", "sc.title")
	p.Data = d
	s.render(w, r, http.StatusOK, "scenarios.html", p)
}

// postScenarioForm stores a scenario from the form: a name and a "set."
// field per setting, the filled ones becoming its overrides in the
// profile's key order. A bad scenario shows the form again with the error
// (400), keeping what was typed.
func (s *Server) postScenarioForm(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, bodyError(err))
		return
	}
	d, err := s.scenariosData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Name = strings.TrimSpace(r.PostForm.Get("name"))
	known := map[string]bool{}
	for _, st := range d.Settings {
		known[st.Key] = true
	}
	var keys []string
	for k := range r.PostForm {
		if key, ok := strings.CutPrefix(k, "set."); ok && strings.TrimSpace(r.PostForm.Get(k)) != "" {
			keys = append(keys, key)
		}
	}
	order := map[string]int{}
	for i, st := range d.Settings {
		order[st.Key] = i
	}
	sort.Slice(keys, func(i, j int) bool {
		oi, iok := order[keys[i]]
		oj, jok := order[keys[j]]
		if iok != jok {
			return iok
		}
		if oi != oj {
			return oi < oj
		}
		return keys[i] < keys[j]
	})
	sc := plan.Scenario{Name: d.Name}
	for _, k := range keys {
		v := strings.TrimSpace(r.PostForm.Get("set." + k))
		d.Values[k] = v
		sc.Overrides = append(sc.Overrides, k+"="+v)
	}
	if err := s.addScenario(r, sc); err != nil {
		code, msg := s.statusOf(r, err)
		d.Error = msg
		p := s.newPage(w, r, "scenarios", "sc.title")
		p.Data = d
		s.render(w, r, code, "scenarios.html", p)
		return
	}
	http.Redirect(w, r, "/scenarios?saved="+urlQueryEscape(sc.Name), http.StatusSeeOther)
}

func urlQueryEscape(s string) string {
	return template.URLQueryEscaper(s)
}

// planErrorZH words a plan that does not exist in Chinese for a Chinese
// page, naming the stored plans; other errors are returned as they are.
func (s *Server) planErrorZH(r *http.Request, id string, err error) error {
	if langOf(r) != policy.LangZH || planner.KindOf(err) != planner.KindNotFound {
		return err
	}
	sums, lerr := s.cfg.Store.Plans(r.Context())
	if lerr != nil {
		return err
	}
	ids := make([]string, len(sums))
	for i, x := range sums {
		ids[i] = x.ID
	}
	stored := "无"
	if len(ids) > 0 {
		stored = strings.Join(ids, "、")
	}
	return &httpError{status: http.StatusNotFound, msg: err.Error(), zh: fmt.Sprintf("方案 %q 不存在;已保存的方案:%s", id, stored)}
}
