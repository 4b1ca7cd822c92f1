package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserChineseErrors drives Chromium over the Chinese interface
// with bad input, as a person makes it: a scenario whose new value is not
// a number, a run whose programme does not start in the planning year,
// and a plan that does not exist. Each page shows the error in Chinese,
// naming the setting, the field or the plan, with no English words of the
// message.
func TestBrowserChineseErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "landplan.gpkg")
	gj := writeFile(t, dir, "parcels.geojson", goodParcels)
	props := writeFile(t, dir, "proposals.csv", "id,industry,area_mu,land_class\nP1,nev,10,1\n")
	for _, imp := range [][]string{{"import", "parcels", gj}, {"import", "proposals", props}} {
		if code, _, errs := run(t, append(imp, "--db", db)...); code != 0 {
			t.Fatalf("%s: exit %d\n%s", strings.Join(imp, " "), code, errs)
		}
	}
	base, _ := startServe(t, "--db", db, "--addr", "127.0.0.1:0", "--time-limit", "10s")
	b := newChromium(t, t.TempDir())

	// The scenario form: 配套用地比例上限 (facility.raised_cap) set to "abc".
	b.do("open the Chinese scenarios page", chromedp.Navigate(base+"scenarios?lang=zh"), chromedp.WaitVisible(chromedp.CSS(`#scenario-form`)))
	b.do("fill a bad value", chromedp.SendKeys(chromedp.CSS(`#scenario-name`), "甲"),
		chromedp.SendKeys(chromedp.CSS(`input[name="set.facility.raised_cap"]`), "abc"),
		chromedp.Click(chromedp.CSS(`#scenario-save`)), chromedp.WaitVisible(chromedp.CSS(`#scenario-error`)))
	msg := b.text(`#scenario-error`)
	for _, w := range []string{`情景 "甲"：政策覆盖项被拒绝`, `字段 "facility.raised_cap"`, `的值 "abc" 无效：应为数字`} {
		if !strings.Contains(msg, w) {
			t.Errorf("the scenario page's error %q lacks %q", msg, w)
		}
	}
	if m := englishLeak.FindString(msg); m != "" || strings.Contains(msg, "refused") {
		t.Errorf("English %q in the Chinese scenario error %q", m, msg)
	}
	b.shot("zh-error-1-scenario")

	// The run form: a programme from 2025, before the planning year 2026.
	b.do("open the Chinese plans page", chromedp.Navigate(base+"plans?lang=zh"), chromedp.WaitVisible(chromedp.CSS(`#run-form`)))
	b.do("run a programme from 2025", chromedp.SendKeys(chromedp.CSS(`#run-horizon`), "2025-2027"),
		chromedp.Click(chromedp.CSS(`#run-start`)), chromedp.WaitVisible(chromedp.CSS(`#run-error`)))
	msg = b.text(`#run-error`)
	if want := `horizon "2025-2027" 无效：多年度计划从规划年度 2026（plan.as_of）开始，而不是 2025`; !strings.Contains(msg, want) {
		t.Errorf("the run's error %q lacks %q", msg, want)
	}
	if m := englishLeak.FindString(msg); m != "" || strings.Contains(msg, "programme starts") {
		t.Errorf("English %q in the Chinese run error %q", m, msg)
	}
	b.shot("zh-error-2-run")

	// The error page of a plan that does not exist.
	b.do("open a plan that does not exist", chromedp.Navigate(base+"plans/plan-99?lang=zh"), chromedp.WaitVisible(chromedp.CSS(`#error-message`)))
	if msg = b.text(`#error-message`); !strings.Contains(msg, `方案 "plan-99" 不存在`) || strings.Contains(msg, "does not exist") {
		t.Errorf("the error page says %q", msg)
	}
}
