package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSweep runs a sweep from the /sweep page in Debian's Chromium:
// the form posts with the CSRF token, the status follows the points to the
// end, the table fills, the chart is drawn and follows the indicator
// chosen, in Chinese.
func TestBrowserSweep(t *testing.T) {
	dbPath := sampleDB(t)
	shots := artifacts(t)
	base, _ := startServe(t, "--db", dbPath, "--addr", "127.0.0.1:0", "--time-limit", "30s")

	ctx := newChromium(t, t.TempDir()).ctx
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	eval := func(name, expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}

	step("a bad range is refused", chromedp.Navigate(base+"sweep?lang=zh"),
		chromedp.WaitVisible(chromedp.CSS(`#sweep-form`)),
		chromedp.SetValue(chromedp.CSS(`#sweep-set`), "quota.new_land_mu=1:2:0"),
		chromedp.Click(chromedp.CSS(`#sweep-start`)),
		chromedp.WaitVisible(chromedp.CSS(`#sweep-status[data-state="refused"]`)))
	if msg := eval("refusal", `document.getElementById('sweep-status').textContent`).(string); !strings.Contains(msg, "quota.new_land_mu") {
		t.Errorf("the refusal %q does not name the key", msg)
	}
	step("run a sweep", chromedp.SetValue(chromedp.CSS(`#sweep-set`), "quota.new_land_mu=0,1200,3000"),
		chromedp.Click(chromedp.CSS(`#sweep-start`)),
		chromedp.WaitVisible(chromedp.CSS(`#sweep-status[data-state="done"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#sweep-chart svg path.band`)))
	if n := eval("rows", `document.querySelectorAll('#sweep-table tbody tr').length`); n != float64(3) {
		t.Errorf("the table has %v rows, want 3", n)
	}
	if n := eval("points", `document.querySelectorAll('#sweep-chart svg circle').length`); n != float64(3) {
		t.Errorf("the chart draws %v points, want 3", n)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.WriteFile(filepath.Join(shots, "7-sweep-zh.png"), png, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	step("choose an indicator", chromedp.SetValue(chromedp.CSS(`#sweep-indicator`), "projects"))
	eval("choose an indicator", `document.getElementById('sweep-indicator').dispatchEvent(new Event('change'))`)
	step("the chart follows", chromedp.Poll[chromedp.Void](`document.querySelector('#sweep-chart svg') && document.querySelector('#sweep-chart svg').textContent.indexOf('安排项目数') >= 0 && !document.querySelector('#sweep-chart svg path.band')`))
}
