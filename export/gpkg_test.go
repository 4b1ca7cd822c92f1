package export_test

import (
	"context"
	"database/sql"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/export/exporttest"
	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// exportFixture writes the fixture plan's export and returns its path.
func exportFixture(t *testing.T) string {
	t.Helper()
	p, parcels := exporttest.Plan()
	path := filepath.Join(t.TempDir(), "方案.gpkg")
	err := export.WriteGPKG(context.Background(), path, export.Layers(p, parcels),
		export.GPKGOptions{Lang: policy.LangZH, Time: time.Date(2026, 1, 15, 8, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("WriteGPKG: %v", err)
	}
	return path
}

// TestExportGPKGValidator runs GDAL's GeoPackage validator with its extra
// checks, warnings counting as errors, on the export.
func TestExportGPKGValidator(t *testing.T) {
	validator := validatorPath(t)
	path := exportFixture(t)
	out := runTool(t, "python3", validator, "-k", "--extra", "--warning-as-error", path)
	if strings.TrimSpace(out) != "" {
		t.Fatalf("validate_gpkg.py --extra: %s", out)
	}
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*"))
	if len(matches) != 0 {
		t.Errorf("temporary files left beside the export: %v", matches)
	}
}

// TestExportGPKGOgrinfo reads every layer back with ogrinfo: feature
// counts, geometry type, CRS, Chinese text, extra properties as fields,
// and the styles in layer_styles.
func TestExportGPKGOgrinfo(t *testing.T) {
	requireTool(t, "ogrinfo", "gdal-bin")
	path := exportFixture(t)
	list := runTool(t, "ogrinfo", "-ro", "-q", path)
	for _, want := range []string{"parcels (Multi Polygon)", "lots (Multi Polygon)", "layer_styles"} {
		if !strings.Contains(list, want) {
			t.Errorf("ogrinfo lists no %q:\n%s", want, list)
		}
	}
	p, parcels := exporttest.Plan()
	for _, tc := range []struct {
		layer string
		count int
		want  []string
	}{
		{"parcels", len(parcels), []string{
			`ID["EPSG",4490]`, "id (String) = L001", "enterprise (String) = 柳州新能源电池有限公司",
			"status_zh (String) = 新增", "supply_mode_zh (String) = 弹性年期出让", "term_years (Integer64) = 20",
			"landmark (String) = 阳和工业园", "plot_no (Real) = 12", "extra_status (String) = extra-status",
			"serviced_road (Integer(Boolean)) = 1", "allocation (String) = partial", "allocation (String) = unavailable"}},
		{"lots", len(p.Lots), []string{"lot (String) = L003-2", "category (String) = reserved_phase",
			"category (String) = remainder", "supply_mode_zh (String) = 分期供地", "phase (Integer64) = 2",
			"enterprise (String) = 智能装备产业园"}},
	} {
		t.Run(tc.layer, func(t *testing.T) {
			out := runTool(t, "ogrinfo", "-ro", "-al", path, tc.layer)
			if m := regexp.MustCompile(`Feature Count: (\d+)`).FindStringSubmatch(out); m == nil || m[1] != strconv.Itoa(tc.count) {
				t.Errorf("feature count: %v, want %d", m, tc.count)
			}
			if !strings.Contains(out, "Geometry: Multi Polygon") {
				t.Errorf("geometry type is not Multi Polygon")
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("ogrinfo %s: no %q", tc.layer, w)
				}
			}
		})
	}

	out := runTool(t, "ogrinfo", "-ro", "-q", path, "-sql", "SELECT f_table_name, styleName, useAsDefault, styleQML FROM layer_styles ORDER BY f_table_name")
	for _, want := range []string{"f_table_name (String) = lots", "f_table_name (String) = parcels", "useAsDefault (Integer(Boolean)) = 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("layer_styles: no %q in\n%s", want, out)
		}
	}
	// The styles are well-formed XML with the Chinese legend labels.
	db := rawDB(t, path)
	rows, err := db.Query(`SELECT f_table_name, styleQML FROM layer_styles`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var name, qml string
		if err := rows.Scan(&name, &qml); err != nil {
			t.Fatal(err)
		}
		n++
		if err := wellFormed(qml); err != nil {
			t.Errorf("style of %s is not well-formed XML: %v", name, err)
		}
		want := map[string]string{"parcels": `label="公共配套"`, "lots": `label="先租后让"`}[name]
		if !strings.Contains(qml, want) || !strings.Contains(qml, `attr="category"`) {
			t.Errorf("style of %s: no %s or no categorized renderer on category", name, want)
		}
	}
	if n != 2 {
		t.Errorf("%d styles, want 2", n)
	}
}

// TestExportGPKGTerms reads back with ogrinfo every part of the terms in
// a Chinese and an English export: the lease and transfer years, the term
// text in the export's language (each lot of a phased supply with its own
// phase's tenure), and on stock land the disposal route and free date.
func TestExportGPKGTerms(t *testing.T) {
	requireTool(t, "ogrinfo", "gdal-bin")
	p, parcels := exporttest.Plan()
	for _, tc := range []struct {
		lang   policy.Lang
		want   map[string][]string
		absent []string
	}{
		{policy.LangZH, map[string][]string{
			"parcels": {"lease_years (Integer64) = 5", "transfer_years (Integer64) = 15", "transfer_years (Integer64) = 50",
				"term_text (String) = 弹性年期出让 20 年", "term_text (String) = 出让 50 年",
				"term_text (String) = " + p.Allocations[2].TermTextZH, "route (String) = 收回", "free_from (String) = 2026-07-01"},
			"lots": {"term_text (String) = 先租后让(租赁 5 年 + 出让 15 年)", "term_text (String) = 弹性年期出让 20 年",
				"lease_years (Integer64) = 5", "route (String) = 收回", "free_from (String) = 2026-07-01"},
		}, []string{"lease then transfer", "recovery"}},
		{policy.LangEN, map[string][]string{
			"parcels": {"term_text (String) = flexible-term transfer, 20 years", "route (String) = recovery"},
			"lots":    {"term_text (String) = lease then transfer (lease 5 years + transfer 15 years)", "route (String) = recovery"},
		}, []string{"先租后让(租赁"}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "plan.gpkg")
			layers := export.LocalizeLayers(export.Layers(p, parcels), tc.lang)
			if err := export.WriteGPKG(context.Background(), path, layers, export.GPKGOptions{Lang: tc.lang}); err != nil {
				t.Fatal(err)
			}
			for layer, want := range tc.want {
				out := runTool(t, "ogrinfo", "-ro", "-al", path, layer)
				for _, w := range want {
					if !strings.Contains(out, w) {
						t.Errorf("ogrinfo %s: no %q", layer, w)
					}
				}
				for _, a := range tc.absent {
					if strings.Contains(out, "= "+a) {
						t.Errorf("ogrinfo %s: %q in a %s export", layer, a, tc.lang)
					}
				}
			}
		})
	}
}

// TestExportPlanGPKGTerms stores the fixture plan and exports it from the
// store: the stored plan keeps every part of its terms, and the export is
// in the language asked (Chinese by default).
func TestExportPlanGPKGTerms(t *testing.T) {
	requireTool(t, "ogrinfo", "gdal-bin")
	ctx := context.Background()
	db := openTestDB(t)
	p, parcels := exporttest.Plan()
	if err := db.PutParcels(ctx, planner.Import{Kind: "parcels", File: "fixture.geojson", SHA256: "00"}, parcels); err != nil {
		t.Fatal(err)
	}
	id, err := db.PutPlan(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	back, err := db.Plan(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	a := back.Allocations[2]
	if a.LeaseYears != 5 || a.TransferYears != 15 || a.TermTextZH != p.Allocations[2].TermTextZH || a.Route != "recovery" || a.FreeFrom != "2026-07-01" ||
		len(a.Phases) != 2 || a.Phases[1].TermTextZH != "弹性年期出让 20 年" || back.Totals.QuotaByYear["2027"] != 1200 {
		t.Errorf("stored allocation %+v", a)
	}
	for _, tc := range []struct {
		lang policy.Lang
		want []string
	}{
		{"", []string{"term_text (String) = 先租后让(租赁 5 年 + 出让 15 年)", "route (String) = 收回", "supply_mode (String) = 分期供地"}},
		{policy.LangEN, []string{"term_text (String) = lease then transfer (lease 5 years + transfer 15 years)", "route (String) = recovery"}},
	} {
		path := filepath.Join(t.TempDir(), "plan.gpkg")
		if err := export.WritePlanGPKG(ctx, db, id, path, export.GPKGOptions{Lang: tc.lang}); err != nil {
			t.Fatal(err)
		}
		out := runTool(t, "ogrinfo", "-ro", "-al", path, "lots")
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("export in %q: no %q", tc.lang, w)
			}
		}
	}
}

// wellFormed reports the first XML error of s, nil when well-formed.
func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// TestExportGPKGFailureLeavesNothing checks that a failed export (a field
// of no GeoPackage type, an unknown plan) writes nothing and leaves an
// existing file untouched.
func TestExportGPKGFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.gpkg")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := []export.Layer{{Name: "x", Fields: []export.Field{{Name: "v", Type: "JSON"}}}}
	err := export.WriteGPKG(context.Background(), path, bad, export.GPKGOptions{})
	if err == nil || !strings.Contains(err.Error(), "JSON") {
		t.Fatalf("WriteGPKG with a JSON field: %v, want an error naming the type", err)
	}
	db := openTestDB(t)
	err = export.WritePlanGPKG(context.Background(), db, "plan-9", path, export.GPKGOptions{})
	if planner.KindOf(err) != planner.KindNotFound {
		t.Errorf("unknown plan: %v, want KindNotFound", err)
	}
	b, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(dir)
	if string(b) != "old" || len(entries) != 1 {
		t.Errorf("after failed exports: file %q, %d entries in the directory", b, len(entries))
	}
}

// BenchmarkExportGPKG100k exports a synthetic plan of 100 000 parcels and
// 10 000 lots (exporttest.Synthetic) to a GeoPackage.
func BenchmarkExportGPKG100k(b *testing.B) {
	p, parcels := exporttest.Synthetic(benchParcels)
	layers := export.Layers(p, parcels)
	dir := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		path := filepath.Join(dir, "out.gpkg")
		os.Remove(path)
		if err := export.WriteGPKG(context.Background(), path, layers, export.GPKGOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportGPKGvsOgr2ogr100k times, in each iteration, the export of
// the synthetic 100 000-parcel plan to a GeoPackage and then
// `ogr2ogr -f GPKG` converting the same features (both layers, written
// once as GeoJSON before timing) to a GeoPackage, and reports both wall
// times and their ratio. data/bench/export_vs_ogr2ogr.sh runs it.
func BenchmarkExportGPKGvsOgr2ogr100k(b *testing.B) {
	ogr2ogr, err := exec.LookPath("ogr2ogr")
	if err != nil {
		b.Fatal("ogr2ogr is not installed: install the Debian package gdal-bin")
	}
	p, parcels := exporttest.Synthetic(benchParcels)
	dir := b.TempDir()
	in := filepath.Join(dir, "in.geojson")
	f, err := os.Create(in)
	if err != nil {
		b.Fatal(err)
	}
	if err := export.WriteGeoJSON(f, export.Layers(p, parcels), crs.CRS{}); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	var ours, theirs time.Duration
	b.ResetTimer()
	for b.Loop() {
		out := filepath.Join(dir, "landplan.gpkg")
		os.Remove(out)
		start := time.Now()
		// Layers is part of the export: it turns the plan into rows.
		if err := export.WriteGPKG(context.Background(), out, export.Layers(p, parcels), export.GPKGOptions{}); err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)
		ref := filepath.Join(dir, "ogr2ogr.gpkg")
		os.Remove(ref)
		start = time.Now()
		if msg, err := exec.Command(ogr2ogr, "-f", "GPKG", ref, in).CombinedOutput(); err != nil {
			b.Fatalf("ogr2ogr: %v\n%s", err, msg)
		}
		theirs += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(ours.Seconds()/n, "landplan-s/op")
	b.ReportMetric(theirs.Seconds()/n, "ogr2ogr-s/op")
	b.ReportMetric(ours.Seconds()/theirs.Seconds(), "ratio")
}

// openTestDB opens a new working database in a temporary directory.
func openTestDB(t *testing.T) *data.DB {
	t.Helper()
	db, err := data.Open(filepath.Join(t.TempDir(), "landplan.gpkg"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// rawDB opens a GeoPackage read-only through database/sql, to read what
// the export wrote.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open(data.DriverName, "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// validatorPath returns the path of GDAL's GeoPackage validator, failing
// the test when python3-gdal is missing.
func validatorPath(t *testing.T) string {
	t.Helper()
	requireTool(t, "python3", "python3")
	for _, p := range []string{
		"/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
		"/usr/share/doc/python3-gdal/examples/validate_gpkg.py",
	} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("validate_gpkg.py is not installed: install the Debian package python3-gdal")
	return ""
}

// runTool runs a command and returns its combined output, failing the test
// when it fails.
func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}
