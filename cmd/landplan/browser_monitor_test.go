package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserMonitor drives Debian's Chromium, headless, through the
// monitoring page served by the real command over the demo database: the
// register of plan-1 in Chinese, the most serious status first, the map
// coloured by class, a sort by area, and the download links. It saves a
// screenshot.
func TestBrowserMonitor(t *testing.T) {
	dir := demoDB(t)
	base, _ := startServe(t, "--db", filepath.Join(dir, "landplan.gpkg"), "--addr", "127.0.0.1:0")
	ctx := newChromium(t, t.TempDir()).ctx
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"monitor?plan=plan-1&lang=zh"),
		chromedp.WaitVisible(chromedp.CSS(`#monitor-table`)), chromedp.WaitVisible(chromedp.CSS(`#monitor-map svg`))); err != nil {
		t.Fatalf("open /monitor: %v", err)
	}
	if first := text(`#monitor-table tbody tr:first-child td:nth-child(5)`); !strings.Contains(first, "闲置") {
		t.Errorf("the first award's status %q is not idle land: the most serious come first", first)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#monitor-map svg").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "A 类") && !strings.Contains(got, "B 类") {
		t.Errorf("the map's legend does not name the classes: %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#monitor-table th:nth-child(4)`)), chromedp.Click(chromedp.CSS(`#monitor-table th:nth-child(4)`)),
		chromedp.WaitVisible(chromedp.CSS(`#monitor-table th[aria-sort="descending"]`))); err != nil {
		t.Fatalf("sort by area: %v", err)
	}
	first, _ := strconv.ParseFloat(text(`#monitor-table tbody tr:first-child td:nth-child(4)`), 64)
	last, _ := strconv.ParseFloat(text(`#monitor-table tbody tr:last-child td:nth-child(4)`), 64)
	if first < last {
		t.Errorf("sorted by area descending, the first %v is below the last %v", first, last)
	}
	for _, id := range []string{"dl-monitor-xlsx", "dl-covenants-html"} {
		if href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#"+id), "href")); err != nil || !strings.Contains(href.Value, "format=") {
			t.Errorf("download link %s: %q %v", id, href.Value, err)
		}
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(artifacts(t), "monitor.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}
