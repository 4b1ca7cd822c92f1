package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/xuri/excelize/v2"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/planner/compare"
	"github.com/landplan/landplan/planner/plan"
)

// tab is one tab of the test's Chromium, with the helpers a test step
// needs; every helper fails the test on error.
type tab struct {
	t     *testing.T
	ctx   context.Context
	shots string
}

// newChromium starts Debian's Chromium, headless, downloading into dir,
// and returns its first tab; it stops with the test.
func newChromium(t *testing.T, downloads string) *tab {
	t.Helper()
	exe := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:0:0],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelA)
	bctx, cancelB := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(cancelB)
	// The first action starts the browser and runs without a timeout.
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	if _, err := chromedp.CallBrowser(bctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatalf("download folder: %v", err)
	}
	ctx, cancelT := context.WithTimeout(bctx, 8*time.Minute)
	t.Cleanup(cancelT)
	return &tab{t: t, ctx: ctx, shots: artifacts(t)}
}

// newTab opens another tab of the same browser (the same cookies).
func (b *tab) newTab() *tab {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	b.t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		b.t.Fatalf("new tab: %v", err)
	}
	return &tab{t: b.t, ctx: ctx, shots: b.shots}
}

func (b *tab) do(name string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", name, err)
	}
}

func (b *tab) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func (b *tab) eval(expr string) any {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[any](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func (b *tab) shot(name string) {
	b.t.Helper()
	img, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(b.shots, name+".png")
	if err := os.WriteFile(path, img, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", path)
}

// stored reads the database as the command left it.
func stored(t *testing.T, dbPath string) (plans []plan.PlanSummary, scenarios []plan.Scenario, get func(id string) *plan.Plan) {
	t.Helper()
	db, err := data.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if plans, err = db.Plans(ctx); err != nil {
		t.Fatal(err)
	}
	if scenarios, err = db.Scenarios(ctx); err != nil {
		t.Fatal(err)
	}
	byID := map[string]*plan.Plan{}
	for _, s := range plans {
		p, err := db.Plan(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		byID[s.ID] = p
	}
	return plans, scenarios, func(id string) *plan.Plan {
		t.Helper()
		p := byID[id]
		if p == nil {
			t.Fatalf("plan %s is not stored (stored: %v)", id, plans)
		}
		return p
	}
}

// waitFile waits until the browser has finished downloading name into
// dir and returns its content.
func waitFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil && len(b) > 0 {
			if _, err := os.Stat(filepath.Join(dir, name+".crdownload")); os.IsNotExist(err) {
				return b
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	entries, _ := os.ReadDir(dir)
	t.Fatalf("%s was not downloaded into %s within 60 s (there: %v)", name, dir, entries)
	return nil
}

// TestBrowserForms uses every form and button of the interface in
// Chromium the way a person does, and checks what the database holds
// afterwards: a scenario saved from the form (and one refused), a plan run
// of it with JavaScript and another without, a run that gives a plan
// already stored, every download opened with the tool that reads its
// format, the comparison of the new plan with the base, the switch to
// Chinese and a Chinese download, and the tooltip at the window's edge.
func TestBrowserForms(t *testing.T) {
	dir := demoDB(t)
	dbPath := filepath.Join(dir, "landplan.gpkg")
	downloads := t.TempDir()
	base, _ := startServe(t, "--db", dbPath, "--addr", "127.0.0.1:0", "--time-limit", "30s", "--gap", "0.0001")
	b := newChromium(t, downloads)
	plans0, _, _ := stored(t, dbPath)

	// 1. A scenario saved from the form: two settings filled in.
	saveScenario := func(name string, values map[string]string) {
		t.Helper()
		b.do("open the scenarios page", chromedp.Navigate(base+"scenarios?lang=en"), chromedp.WaitVisible(chromedp.CSS(`#scenario-form`)))
		b.do("type the name", chromedp.SendKeys(chromedp.CSS(`#scenario-name`), name))
		keys := make([]string, 0, len(values))
		for k := range values {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b.do("fill "+k, chromedp.SendKeys(chromedp.CSS(`input[name="set.`+k+`"]`), values[k]))
		}
		b.do("save", chromedp.Click(chromedp.CSS(`#scenario-save`)), chromedp.WaitVisible(chromedp.CSS(`#saved, #scenario-error`)))
	}
	saveScenario("quota900", map[string]string{"quota.new_land_mu": "900", "stock.first": "true"})
	if msg := b.text(`#saved, #scenario-error`); !strings.Contains(msg, "Stored scenario quota900") {
		t.Fatalf("saving the scenario from the form: %q", msg)
	}
	b.shot("forms-1-scenario-saved")
	saveScenario("quota1000", map[string]string{"quota.new_land_mu": "1000"})
	// One the server refuses: a value the setting's type does not take.
	saveScenario("bad.one", map[string]string{"stock.first": "perhaps"})
	if msg := b.text(`#saved, #scenario-error`); !strings.Contains(msg, "stock.first") {
		t.Errorf("a bad scenario from the form: %q", msg)
	}
	if v := b.eval(`document.getElementById('scenario-name').value`); v != "bad.one" {
		t.Errorf("the refused form lost the name: %v", v)
	}
	b.shot("forms-2-scenario-refused")
	_, scs, _ := stored(t, dbPath)
	found := map[string][]string{}
	for _, sc := range scs {
		found[sc.Name] = sc.Overrides
	}
	if got := strings.Join(found["quota900"], " "); got != "quota.new_land_mu=900 stock.first=true" {
		t.Errorf("stored quota900 overrides %q", got)
	}
	if got := strings.Join(found["quota1000"], " "); got != "quota.new_land_mu=1000" {
		t.Errorf("stored quota1000 overrides %q", got)
	}
	if _, ok := found["bad.one"]; ok {
		t.Errorf("the refused scenario was stored")
	}

	// 2. A run with JavaScript: the progress shows, then the new plan.
	b.do("run quota900", chromedp.Navigate(base+"plans"),
		chromedp.WaitVisible(chromedp.CSS(`#run-form`)),
		chromedp.SetValue(chromedp.CSS(`#run-scenario`), "quota900"),
		chromedp.Click(chromedp.CSS(`#run-start`)),
		chromedp.WaitVisible(chromedp.CSS(`#run-status[data-state="done"] #run-plan`)))
	jsPlan := b.text(`#run-plan`)
	b.do("the new plan joins the list", chromedp.WaitVisible(chromedp.CSS(`#plan-row-`+jsPlan)))
	b.shot("forms-3-run-js")

	// 3. A run without JavaScript, in another tab of the same browser: the
	// form posts, the page reloads itself while the run goes on.
	nojs := b.newTab()
	nojs.do("disable JavaScript", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	runNoJS := func(scenario string) string {
		t.Helper()
		nojs.do("open the plans page", chromedp.Navigate(base+"plans"), chromedp.WaitVisible(chromedp.CSS(`#run-form`)))
		if v := nojs.eval(`document.querySelector('#run-status').textContent`); v == nil {
			t.Fatal("no run status")
		}
		// Choose the scenario with the keyboard, as a person does.
		nojs.do("choose "+scenario, chromedp.Focus(chromedp.CSS(`#run-scenario`)))
		for i := 0; i < 10 && nojs.eval(`document.getElementById('run-scenario').value`) != scenario; i++ {
			nojs.do("next option", chromedp.KeyEvent(kb.ArrowDown))
		}
		if v := nojs.eval(`document.getElementById('run-scenario').value`); v != scenario {
			t.Fatalf("could not choose %q in the scenario list (at %v)", scenario, v)
		}
		// Mark the page, submit, and wait until the answer has replaced
		// it: the status shown before is the previous run's.
		nojs.eval(`document.documentElement.dataset.before = '1'`)
		nojs.do("submit the run form", chromedp.Click(chromedp.CSS(`#run-start`)))
		for i := 0; ; i++ {
			// An evaluation while the page changes may fail: try again.
			answered, err := chromedp.Run(nojs.ctx, chromedp.Evaluate[bool](`document.documentElement.dataset.before === undefined && document.readyState === 'complete' && document.getElementById('run-status') !== null`))
			if err == nil && answered {
				break
			}
			if i == 300 {
				t.Fatalf("the run form without JavaScript was not answered within 30 s")
			}
			time.Sleep(100 * time.Millisecond)
		}
		if u := nojs.eval(`location.pathname`); u != "/plans" {
			t.Fatalf("the run form without JavaScript led to %v: %s", u, nojs.text(`body`))
		}
		// While the run goes on the page reloads itself every 2 s (a
		// refresh inside <noscript>, parsed only without JavaScript).
		if st := nojs.eval(`document.getElementById('run-status').dataset.state`); st == "running" {
			if n := nojs.eval(`document.querySelectorAll('head meta[http-equiv="refresh"]').length`); n != float64(1) {
				t.Errorf("the plans page during a run has %v refresh elements without JavaScript, want 1", n)
			}
		}
		deadline := time.Now().Add(3 * time.Minute)
		for time.Now().Before(deadline) {
			// Load the page again, as the refresh does, and read the state
			// and the plan at once (each step bounded: a reload by the
			// page itself may race with it).
			ctx, cancel := context.WithTimeout(nojs.ctx, 20*time.Second)
			v, err := chromedp.Run(ctx, chromedp.Steps(chromedp.Navigate(base+"plans"), chromedp.WaitVisible(chromedp.CSS(`#run-status`))))
			_ = v
			var st []string
			if err == nil {
				st, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function(){
					var s = document.getElementById('run-status'), a = document.getElementById('run-plan');
					return [s.dataset.state, a ? a.textContent : '', s.textContent];
				})()`))
			}
			cancel()
			switch {
			case err != nil:
				t.Logf("reading the run status: %v (trying again)", err)
			case st[0] == "done":
				return st[1]
			case st[0] == "failed":
				t.Fatalf("the run failed: %s", st[2])
			}
			time.Sleep(time.Second)
		}
		t.Fatalf("the run of %s without JavaScript did not end within 3 minutes", scenario)
		return ""
	}
	noJSPlan := runNoJS("quota1000")
	nojs.shot("forms-4-run-nojs")
	// The base profile again: the same plan as the demo's plan-1, given
	// back, nothing stored.
	if again := runNoJS(""); again != "plan-1" {
		t.Errorf("a run of the base profile gave %s, want plan-1 (already stored)", again)
	}
	if st := nojs.text(`#run-status`); !strings.Contains(st, "already stored") {
		t.Errorf("the run status %q does not say the plan was already stored", st)
	}

	plans1, _, get := stored(t, dbPath)
	if len(plans1) != len(plans0)+2 {
		t.Errorf("%d plans stored after two new runs and a repeat, want %d", len(plans1), len(plans0)+2)
	}
	for id, want := range map[string]struct {
		scenario string
		quota    float64
	}{jsPlan: {"quota900", 900}, noJSPlan: {"quota1000", 1000}} {
		p := get(id)
		if p.Scenario != want.scenario || p.Totals.QuotaMu != want.quota || p.Totals.NewLandMu > want.quota+1e-6 {
			t.Errorf("%s: scenario %q, quota %v, new land %v; want %q under a quota of %v", id, p.Scenario, p.Totals.QuotaMu, p.Totals.NewLandMu, want.scenario, want.quota)
		}
	}

	// 4. Every download of the new plan, opened.
	b.do("open the plan", chromedp.Navigate(base+"plans/"+jsPlan+"?lang=en"), chromedp.WaitVisible(chromedp.CSS(`#alloc-table`)))
	p := get(jsPlan)
	links := b.eval(`Array.from(document.querySelectorAll('.downloads a.dl')).map(function(a){return a.getAttribute('href')})`).([]any)
	formats := []string{}
	for _, l := range links {
		formats = append(formats, l.(string)[strings.LastIndex(l.(string), "/")+1:])
	}
	if want := []string{"json", "geojson", "gpkg", "svg", "png", "csv", "xlsx", "html", "txt"}; !slices.Equal(formats, want) {
		t.Errorf("downloads offered %v, want %v", formats, want)
	}
	for _, f := range formats {
		b.do("download "+f, chromedp.Click(chromedp.CSS(`.downloads a[href$="/download/`+f+`"]`)))
		body := waitFile(t, downloads, jsPlan+"."+f)
		openDownload(t, b, f, filepath.Join(downloads, jsPlan+"."+f), body, p)
	}

	// 5. Compare the new plan with the base from the plans list.
	b.do("compare", chromedp.Navigate(base+"plans?lang=en"),
		chromedp.Click(chromedp.CSS(`#plans-form input[value="plan-1"]`)),
		chromedp.Click(chromedp.CSS(`#plans-form input[value="`+jsPlan+`"]`)),
		chromedp.Click(chromedp.CSS(`#compare-selected`)),
		chromedp.WaitVisible(chromedp.CSS(`#compare-table`)),
		chromedp.WaitVisible(chromedp.CSS(`#map[data-ready="1"] svg`)))
	cmp := compare.Diff(get("plan-1"), p)
	for _, ind := range cmp.Indicators {
		if ind.Key != "projects" && ind.Key != "rejected" {
			continue
		}
		cls := b.eval(fmt.Sprintf(`document.querySelector('#compare-table tr[data-key="%s"] td.delta').className`, ind.Key)).(string)
		d := ind.Deltas[1]
		switch {
		case d > 0 && ind.Key == "projects" || d < 0 && ind.Key == "rejected":
			if !strings.Contains(cls, "better") {
				t.Errorf("%s changes by %v: class %q, want better", ind.Key, d, cls)
			}
		case d != 0:
			if !strings.Contains(cls, "worse") {
				t.Errorf("%s changes by %v: class %q, want worse", ind.Key, d, cls)
			}
		}
	}
	if s := b.text(`#summary-` + jsPlan); !strings.Contains(s, cmp.Changes[0].Summary) {
		t.Errorf("comparison summary %q, want %q", s, cmp.Changes[0].Summary)
	}
	b.shot("forms-5-compare")

	// 6. The tooltip near the map's right edge stays inside the window.
	b.do("open the map", chromedp.Navigate(base+"map?plan="+jsPlan), chromedp.WaitVisible(chromedp.CSS(`#map[data-ready="1"] svg`)))
	pt := b.eval(`(function(){
		var box = document.getElementById('map').getBoundingClientRect(), best = null;
		for (var x = box.right - 3; x > box.right - 200 && !best; x -= 3)
			for (var y = box.top + 10; y < box.bottom - 10 && !best; y += 7) {
				var e = document.elementFromPoint(x, y);
				if (e && e.getAttribute('data-layer')) best = [x, y];
			}
		return best || [];
	})()`).([]any)
	if len(pt) != 2 {
		t.Fatal("no parcel near the map's right edge")
	}
	b.do("hover near the edge", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, pt[0].(float64), pt[1].(float64)))
	tip := b.eval(`(function(){var r = document.querySelector('#map .tip').getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom, window.innerWidth, window.innerHeight, document.querySelector('#map .tip').hidden]})()`).([]any)
	if tip[6] == true || tip[1].(float64) > tip[4].(float64) || tip[0].(float64) < 0 || tip[3].(float64) > tip[5].(float64) {
		t.Errorf("the tooltip at (%v, %v) is not inside the window: left %v right %v top %v bottom %v, window %v × %v, hidden %v",
			pt[0], pt[1], tip[0], tip[1], tip[2], tip[3], tip[4], tip[5], tip[6])
	}
	b.shot("forms-6-tooltip-edge")

	// 7. Switch to Chinese with the link in the corner; the choice stays.
	b.do("switch to Chinese", chromedp.Navigate(base+"plans"), chromedp.Click(chromedp.CSS(`#lang-zh`)), chromedp.WaitVisible(chromedp.CSS(`#lang-en`)))
	if nav := b.text(`#nav-plans`); nav != "方案" {
		t.Errorf("after the switch the navigation reads %q", nav)
	}
	b.do("another page", chromedp.Navigate(base+"plans/"+jsPlan), chromedp.WaitVisible(chromedp.CSS(`#alloc-table`)))
	if h := b.text(`#nav-map`); h != "地图" {
		t.Errorf("the next page without ?lang= is not in Chinese: %q", h)
	}
	os.Remove(filepath.Join(downloads, jsPlan+".csv"))
	b.do("download the Chinese CSV", chromedp.Click(chromedp.CSS(`.downloads a[href$="/download/csv"]`)))
	zh := waitFile(t, downloads, jsPlan+".csv")
	if !bytes.HasPrefix(zh, []byte("\ufeff项目编号,项目名称")) {
		t.Errorf("the CSV downloaded from the Chinese page starts %q", zh[:min(40, len(zh))])
	}
	b.shot("forms-7-zh")
}

// openDownload opens a downloaded file with what reads its format and
// checks it holds plan p.
func openDownload(t *testing.T, b *tab, format, path string, body []byte, p *plan.Plan) {
	t.Helper()
	first := p.Allocations[0].Proposal
	switch format {
	case "json":
		var q plan.Plan
		if err := json.Unmarshal(body, &q); err != nil || q.ContentSHA256 != p.ContentSHA256 || len(q.Allocations) != len(p.Allocations) {
			t.Errorf("%s: %v; content %s, %d allocations", path, err, q.ContentSHA256, len(q.Allocations))
		}
	case "geojson":
		var fc struct {
			Type     string
			Features []struct{ Properties map[string]any }
		}
		if err := json.Unmarshal(body, &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) == 0 || !bytes.Contains(body, []byte(first)) {
			t.Errorf("%s: %v, %d features", path, err, len(fc.Features))
		}
	case "gpkg":
		out, err := exec.Command("ogrinfo", "-ro", "-q", path).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "parcels") || !strings.Contains(string(out), "lots") {
			t.Errorf("ogrinfo %s: %v\n%s", path, err, out)
		}
		db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM layer_styles`).Scan(&n); err != nil || n < 2 {
			t.Errorf("%s: %d styles, %v", path, n, err)
		}
		db.Close()
	case "svg":
		dec := xml.NewDecoder(bytes.NewReader(body))
		var root string
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s is not well-formed XML: %v", path, err)
				break
			}
			if se, ok := tok.(xml.StartElement); ok && root == "" {
				root = se.Name.Local
			}
		}
		if root != "svg" {
			t.Errorf("%s: root element %q", path, root)
		}
	case "png":
		img, err := png.Decode(bytes.NewReader(body))
		if err != nil || img.Bounds().Dx() < 200 {
			t.Errorf("%s: %v", path, err)
		}
	case "csv":
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
		if err != nil || len(recs) != len(p.Allocations)+1 || recs[0][0] != "proposal" || recs[1][0] != first {
			t.Errorf("%s: %v, %d rows", path, err, len(recs))
		}
		for _, rec := range recs {
			for _, cell := range rec {
				if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
					t.Errorf("%s: cell %q would be read as a formula", path, cell)
				}
			}
		}
	case "xlsx":
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil || len(rows) != len(p.Allocations)+1 || rows[0][0] != "proposal" || rows[1][0] != first {
			t.Errorf("%s: %v, %d rows", path, err, len(rows))
		}
	case "html":
		// Opened in a tab of its own, from the file, as a person opens
		// the downloaded report.
		r := b.newTab()
		r.do("open the HTML report", chromedp.Navigate("file://"+path), chromedp.WaitVisible(chromedp.CSS(`body`)))
		if txt := r.text(`body`); !strings.Contains(txt, p.ID) || !strings.Contains(txt, first) {
			t.Errorf("the HTML report %s does not show %s and %s", path, p.ID, first)
		}
		r.shot("forms-4-report")
	case "txt":
		if !bytes.Contains(body, []byte(p.ID)) || !bytes.Contains(body, []byte(first)) {
			t.Errorf("%s does not name %s and %s", path, p.ID, first)
		}
	default:
		t.Errorf("no check for the download %s", format)
	}
}
