package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserFirstPlanOfAnEmptyDatabase drives Chromium over a database
// with parcels and proposals but no plan: the plans page says there is
// none, the first plan is run from the page, and it joins the list in
// the same page (no reload) while the note about no plans goes away;
// the map page then offers it.
func TestBrowserFirstPlanOfAnEmptyDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "landplan.gpkg")
	for _, imp := range [][]string{
		{"import", "parcels", filepath.Join("..", "..", "data", "sample", "parcels.geojson")},
		{"import", "proposals", filepath.Join("..", "..", "data", "sample", "proposals.csv")},
	} {
		if code, _, errs := run(t, append(imp, "--db", db)...); code != 0 {
			t.Fatalf("%s: exit %d\n%s", strings.Join(imp, " "), code, errs)
		}
	}
	base, _ := startServe(t, "--db", db, "--addr", "127.0.0.1:0", "--time-limit", "30s", "--gap", "0.001")
	b := newChromium(t, t.TempDir())

	// The map page without a plan (the server keeps it), then the plans
	// page.
	b.do("open the map", chromedp.Navigate(base+"map?lang=en"), chromedp.WaitReady(chromedp.CSS(`#map-plan`)))
	if v := b.eval(`document.querySelectorAll('#map-plan option').length`); v != float64(1) {
		t.Errorf("the map page of an empty database offers %v plans and the map without one, want only the latter", v)
	}
	b.do("open the plans page", chromedp.Navigate(base+"plans?lang=en"), chromedp.WaitVisible(chromedp.CSS(`#run-form`)))
	if v := b.eval(`[document.getElementById('plans-form').hidden, document.getElementById('no-plans').hidden, document.querySelectorAll('#plans-table tbody tr').length]`); !sameJSON(v, []any{true, false, float64(0)}) {
		t.Fatalf("the plans page of an empty database: [table hidden, note hidden, rows] = %v, want [true false 0]", v)
	}
	b.shot("empty-1-no-plans")
	// A mark on the page: a reload would lose it.
	b.eval(`window.landplanMark = 'same page'`)
	b.do("run the base profile", chromedp.Click(chromedp.CSS(`#run-start`)),
		chromedp.WaitVisible(chromedp.CSS(`#run-status[data-state="done"] #run-plan`)))
	id := b.text(`#run-plan`)
	if id != "plan-1" {
		t.Fatalf("the first run stored %q, want plan-1", id)
	}
	b.do("the plan joins the list", chromedp.WaitVisible(chromedp.CSS(`#plan-row-plan-1`)))
	if v := b.eval(`[window.landplanMark, document.getElementById('plans-form').hidden, document.getElementById('no-plans').hidden, document.querySelectorAll('#plans-table tbody tr').length]`); !sameJSON(v, []any{"same page", false, true, float64(1)}) {
		t.Errorf("after the first run: [mark, table hidden, note hidden, rows] = %v, want [same page false true 1]", v)
	}
	b.shot("empty-2-first-plan")

	// Loaded again, the pages the server keeps show the new plan.
	b.do("open the plans page again", chromedp.Navigate(base+"plans?lang=en"), chromedp.WaitVisible(chromedp.CSS(`#plan-row-plan-1`)))
	if v := b.eval(`document.getElementById('no-plans').hidden`); v != true {
		t.Errorf("the plans page loaded again still says there is no plan")
	}
	b.do("open the map again", chromedp.Navigate(base+"map?lang=en"), chromedp.WaitReady(chromedp.CSS(`#map-plan`)))
	if v := b.eval(`document.getElementById('map-plan').value`); v != "plan-1" {
		t.Errorf("the map page after the first run shows %v, want plan-1", v)
	}
}

// sameJSON reports whether the evaluated value v is want, element by
// element.
func sameJSON(v any, want []any) bool {
	got, ok := v.([]any)
	if !ok || len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}
