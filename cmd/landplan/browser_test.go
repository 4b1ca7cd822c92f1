package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/planner/compare"
	"github.com/landplan/landplan/planner/plan"
)

// chromium returns Debian's Chromium, failing the test when it is missing.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("chromium not found: install the Debian package chromium (apt-get install -y chromium)")
	return ""
}

// artifacts returns the directory for the screenshots: $LANDPLAN_ARTIFACTS
// or a temporary one.
func artifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("LANDPLAN_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	dir = filepath.Join(dir, "browser")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowser drives Debian's Chromium, headless, through the interface
// served by the real command over the demo database: the map and a click
// on an allocated parcel, a plan run started from the page and followed to
// its end, a comparison of two plans, and the Chinese interface. It saves
// a screenshot of each step.
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	dir := demoDB(t)
	dbPath := filepath.Join(dir, "landplan.gpkg")
	shots := artifacts(t)

	// What the pages should show, read from the database.
	db, err := data.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	p1, err := db.Plan(context.Background(), "plan-1")
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	// A parcel given whole to one project: the click lands on it wherever
	// it hits.
	var alloc plan.Allocation
	for _, a := range p1.Allocations {
		n := 0
		for _, b := range p1.Allocations {
			if b.Parcel == a.Parcel {
				n++
			}
		}
		if n == 1 {
			alloc = a
			break
		}
	}
	if alloc.Parcel == "" {
		t.Fatal("plan-1 has no parcel with a single project")
	}

	base, _ := startServe(t, "--db", dbPath, "--addr", "127.0.0.1:0", "--time-limit", "30s", "--gap", "0.0001")

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
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	defer cancelB()
	// The first action starts the browser: it runs without a timeout, which
	// would stop the whole browser (chromedp.Run's documentation).
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	ctx, cancelT := context.WithTimeout(bctx, 5*time.Minute)
	defer cancelT()

	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		path := filepath.Join(shots, name+".png")
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot %s", path)
	}

	eval := func(name, expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	mapReady := chromedp.WaitVisible(chromedp.CSS(`#map[data-ready="1"] svg`))

	// The map: wait for the SVG, then click the parcel where it is
	// visible (elementFromPoint finds a point on it or its lot).
	step("open the map", chromedp.Navigate(base+"map?plan=plan-1&lang=en"), mapReady)
	if n := eval("count parcels", `document.querySelectorAll('#map path[data-layer="parcel"]').length`); n != float64(320) {
		t.Fatalf("the map draws %v parcels, want 320", n)
	}
	find := fmt.Sprintf(`(function(id){
		var p = document.querySelector('#map path[data-layer="parcel"][data-id="' + id + '"]');
		var r = p.getBoundingClientRect();
		for (var i = 1; i < 12; i++) for (var j = 1; j < 12; j++) {
			var x = r.left + r.width * i / 12, y = r.top + r.height * j / 12;
			var e = document.elementFromPoint(x, y);
			if (e && (e === p || e.getAttribute('data-parcel') === id)) return [x, y];
		}
		return [];
	})(%q)`, alloc.Parcel)
	// Fit the view to the parcel's zone with the zone picker.
	before := eval("view box", `document.querySelector('#map svg').getAttribute('viewBox')`)
	step("zoom to the zone", chromedp.WaitVisible(chromedp.CSS(`#map-zone`)), chromedp.SetValue(chromedp.CSS(`#map-zone`), alloc.Zone))
	eval("zoom to the zone", `document.getElementById('map-zone').dispatchEvent(new Event('change'))`)
	if after := eval("view box", `document.querySelector('#map svg').getAttribute('viewBox')`); after == before {
		t.Errorf("choosing zone %s left the view at %v", alloc.Zone, before)
	}
	pt, _ := eval("find the parcel", find).([]any)
	if len(pt) != 2 {
		t.Fatalf("parcel %s is not visible on the map", alloc.Parcel)
	}
	step("click the parcel", chromedp.MouseClickXY(pt[0].(float64), pt[1].(float64)),
		chromedp.WaitVisible(chromedp.CSS(`#details-parcel`)))
	details := text(`#details`)
	for _, want := range []string{alloc.Parcel, alloc.Proposal, strings.ReplaceAll(alloc.SupplyMode, "_", " "), "[" + alloc.Reasons[0].Clause + "] " + alloc.Reasons[0].Message} {
		if !strings.Contains(details, want) {
			t.Errorf("the details panel lacks %q:\n%s", want, details)
		}
	}
	shot("1-map-details")

	step("colour by supply mode", chromedp.Navigate(base+"map?plan=plan-1&color=supply"), mapReady)
	if legend := text(`#legend`); !strings.Contains(legend, "lease then transfer") || !strings.Contains(legend, "phased") {
		t.Errorf("supply-mode legend %q", legend)
	}
	shot("2-map-supply")

	// A run from the plans page, followed until it ends. The demo planned
	// cap7 already (plan-2): the run gives that plan back and says so.
	step("run a plan", chromedp.Navigate(base+"plans"),
		chromedp.WaitVisible(chromedp.CSS(`#run-form`)),
		chromedp.SetValue(chromedp.CSS(`#run-scenario`), "cap7"),
		chromedp.Click(chromedp.CSS(`#run-start`)),
		chromedp.WaitVisible(chromedp.CSS(`#run-status[data-state="done"] #run-plan`)))
	if id := text(`#run-plan`); id != "plan-2" {
		t.Fatalf("the run gave %q, want plan-2 (cap7, already stored)", id)
	}
	if st := text(`#run-status`); !strings.Contains(st, "already stored") {
		t.Errorf("the run status %q does not say the plan was already stored", st)
	}
	if row := text(`#plan-row-plan-2`); !strings.Contains(row, "cap7") {
		t.Errorf("the plan's row %q does not name its scenario", row)
	}
	shot("3-plans-run")

	// The new plan's page, sorted by score, highest first.
	step("open the new plan", chromedp.Click(chromedp.CSS(`#run-plan`)),
		chromedp.WaitVisible(chromedp.CSS(`#alloc-table`)),
		chromedp.Click(chromedp.CSS(`#alloc-table th:nth-child(9)`)),
		chromedp.Click(chromedp.CSS(`#alloc-table th:nth-child(9)`)),
		chromedp.WaitVisible(chromedp.CSS(`#alloc-table th[aria-sort="descending"]`)))
	first, last := text(`#alloc-table tbody tr:first-child td:nth-child(9)`), text(`#alloc-table tbody tr:last-child td:nth-child(9)`)
	if first < last {
		t.Errorf("sorted by score descending, the first score %s is below the last %s", first, last)
	}
	shot("4-plan-detail")

	// Compare plan-1 with the new plan.
	step("compare", chromedp.Navigate(base+"compare"),
		chromedp.Click(chromedp.CSS(`#compare-form input[value="plan-1"]`)),
		chromedp.Click(chromedp.CSS(`#compare-form input[value="plan-2"]`)),
		chromedp.Click(chromedp.CSS(`#compare-go`)),
		chromedp.WaitVisible(chromedp.CSS(`#compare-table`)), mapReady)
	summary, projects := text(`#summary-plan-2`), text(`#compare-table tr[data-key="projects"]`)
	db, err = data.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	p4, err := db.Plan(context.Background(), "plan-2")
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	cmp := compare.Diff(p1, p4)
	if !strings.Contains(summary, cmp.Changes[0].Summary) {
		t.Errorf("comparison summary %q, want %q", summary, cmp.Changes[0].Summary)
	}
	fields := strings.Fields(projects)
	want := []string{fmt.Sprint(p1.Totals.Projects), fmt.Sprint(p4.Totals.Projects)}
	if len(fields) < 4 || fields[len(fields)-3] != want[0] || fields[len(fields)-2] != want[1] {
		t.Errorf("projects row %q, want the values %v and their difference", projects, want)
	}
	shot("5-compare")

	// The Chinese interface.
	step("Chinese", chromedp.Navigate(base+"map?plan=plan-1&lang=zh"), mapReady)
	if nav := text(`#nav-map`); nav != "地图" {
		t.Errorf("Chinese navigation %q", nav)
	}
	shot("6-map-zh")
}
