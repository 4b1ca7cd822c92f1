package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A programme's map by year: export --by year paints the lots by the year
// their land is supplied, its GeoJSON carries a second QGIS style by year,
// and a --by the command does not know is refused with exit 2.
func TestExportByYear(t *testing.T) {
	db := sampleDB(t)
	dir := filepath.Dir(db)
	code, out, errs := run(t, "plan", "--db", db, "--json", "--horizon", "2026-2027", "--time-limit", "10s", "--gap", "0.01", "--flips", "-1")
	if code != 0 {
		t.Fatalf("plan --horizon: exit %d\n%s", code, errs)
	}
	id := planOf(t, out).Plan
	svg := filepath.Join(dir, "years.svg")
	if code, _, errs := run(t, "export", id, "--db", db, "--format", "svg", "--by", "year", "--out", svg); code != 0 {
		t.Fatalf("export --by year: exit %d\n%s", code, errs)
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	// 2026's colour and legend entry; no supply-mode legend.
	for _, want := range []string{"by year of supply", ">2026</text>", ">2027</text>", "#253494"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the map by year lacks %q", want)
		}
	}
	if strings.Contains(string(b), ">flexible-term transfer</text>") {
		t.Error("the map by year still has a supply-mode legend entry")
	}
	gj := filepath.Join(dir, "plan.geojson")
	if code, _, errs := run(t, "export", id, "--db", db, "--format", "geojson", "--lang", "zh", "--out", gj); code != 0 {
		t.Fatalf("export geojson: exit %d\n%s", code, errs)
	}
	q, err := os.ReadFile(filepath.Join(dir, "plan.years.qml"))
	if err != nil {
		t.Fatalf("no style by year beside a programme's GeoJSON: %v", err)
	}
	if !strings.Contains(string(q), `to_string(&quot;year&quot;)`) || !strings.Contains(string(q), `label="2027 年"`) {
		t.Errorf("the style by year does not classify on the year:\n%s", q)
	}
	if code, _, errs := run(t, "export", id, "--db", db, "--format", "svg", "--by", "colour", "--out", filepath.Join(dir, "x.svg")); code != 2 || !strings.Contains(errs, "--by") {
		t.Errorf("export --by colour: exit %d, want 2 naming --by\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.svg")); err == nil {
		t.Error("a refused export wrote its file")
	}
}
