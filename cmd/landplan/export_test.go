package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landplan/landplan/data"
)

// TestExportFormats exports the demo's baseline plan in every format and
// checks each file with the tool that reads it.
func TestExportFormats(t *testing.T) {
	dir := demoDB(t)
	db := filepath.Join(dir, "landplan.gpkg")
	out := t.TempDir()
	for _, tc := range []struct {
		format string
		extra  []string
		check  func(t *testing.T, path string, b []byte)
	}{
		{"geojson", nil, func(t *testing.T, path string, b []byte) {
			if bytes.Contains(b, []byte(`"crs"`)) {
				t.Error("RFC 7946 GeoJSON carries a crs member")
			}
			if _, err := os.Stat(strings.TrimSuffix(path, ".geojson") + ".qml"); err != nil {
				t.Errorf("no QML style beside the GeoJSON: %v", err)
			}
			ogrinfo(t, path, "Feature Count: ")
		}},
		{"geojson", []string{"--crs", "EPSG:4546"}, func(t *testing.T, path string, b []byte) {
			if !bytes.Contains(b, []byte(`"urn:ogc:def:crs:EPSG::4546"`)) {
				t.Error("projected GeoJSON without its crs member")
			}
			ogrinfo(t, path, `ID["EPSG",4546]`)
		}},
		{"gpkg", nil, func(t *testing.T, path string, b []byte) {
			ogrinfo(t, path, "Layer name: parcels", "Layer name: lots", "Layer name: layer_styles", "Geometry: Multi Polygon")
		}},
		{"csv", nil, func(t *testing.T, path string, b []byte) {
			if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf项目编号,")) {
				t.Errorf("CSV does not start with a BOM and the Chinese header: %q", b[:min(len(b), 20)])
			}
			recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
			if err != nil || len(recs) < 2 {
				t.Errorf("CSV reads back as %d records: %v", len(recs), err)
			}
		}},
		{"svg", nil, func(t *testing.T, path string, b []byte) {
			if !bytes.Contains(b, []byte("<title>方案 plan-1 · 情景 基准政策</title>")) {
				t.Error("SVG has no Chinese title")
			}
		}},
		{"svg", []string{"--zone", "河西柳州高新区", "--width", "1200"}, func(t *testing.T, path string, b []byte) {
			if !bytes.Contains(b, []byte(`width="1200"`)) || !bytes.Contains(b, []byte("河西柳州高新区</title>")) {
				t.Error("zone map: wrong width or title")
			}
		}},
		{"png", []string{"--width", "1000"}, func(t *testing.T, path string, b []byte) {
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil || img.Bounds().Dx() != 1000 {
				t.Errorf("PNG: %v, %v", err, img)
			}
		}},
		{"html", nil, func(t *testing.T, path string, b []byte) {
			if bytes.Contains(bytes.ReplaceAll(b, []byte(`xmlns="http://www.w3.org/2000/svg"`), nil), []byte("http")) {
				t.Error("HTML refers to the network")
			}
		}},
	} {
		name := tc.format + strings.Join(tc.extra, "")
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(out, strings.NewReplacer(":", "", "--", "-").Replace(name)+"."+tc.format)
			args := append([]string{"--db", db, "--lang", "zh", "export", "plan-1", "--format", tc.format, "--out", path}, tc.extra...)
			if code, _, errs := run(t, args...); code != 0 {
				t.Fatalf("export: exit %d: %s", code, errs)
			}
			b, err := os.ReadFile(path)
			if err != nil || len(b) == 0 {
				t.Fatalf("export wrote nothing: %v", err)
			}
			if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
				t.Errorf("mode %v, want 0644", st.Mode().Perm())
			}
			tc.check(t, path, b)
		})
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func ogrinfo(t *testing.T, path string, want ...string) {
	t.Helper()
	bin, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Fatalf("ogrinfo is not installed: install the Debian package gdal-bin")
	}
	b, err := exec.Command(bin, "-ro", "-al", "-so", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %s: %v\n%s", path, err, b)
	}
	for _, w := range want {
		if !strings.Contains(string(b), w) {
			t.Errorf("ogrinfo %s: no %q", path, w)
		}
	}
}

// TestCompareMap writes the comparison of two demo plans as HTML, SVG and
// PNG, by the extension of --map.
func TestCompareMap(t *testing.T) {
	dir := demoDB(t)
	db := filepath.Join(dir, "landplan.gpkg")
	for _, tc := range []struct{ file, magic string }{
		{"cmp.html", "<!DOCTYPE html>"},
		{"cmp.svg", "<?xml"},
		{"cmp.png", "\x89PNG"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.file)
			code, out, errs := run(t, "--db", db, "compare", "plan-1", "plan-2", "--map", path)
			if code != 0 {
				t.Fatalf("compare --map: exit %d: %s", code, errs)
			}
			if !strings.Contains(out, "plan-2") {
				t.Errorf("compare no longer prints the comparison: %q", out)
			}
			b, err := os.ReadFile(path)
			if err != nil || !bytes.HasPrefix(b, []byte(tc.magic)) {
				t.Errorf("%s: %v, starts %q", tc.file, err, b[:min(len(b), 16)])
			}
			if tc.file != "cmp.png" && !bytes.Contains(b, []byte("plan-1 → plan-2")) {
				t.Error("no comparison title")
			}
		})
	}
}

// TestExportBadInput checks that bad usage and bad input exit with 2 and a
// message saying what is wrong, writing nothing.
func TestExportBadInput(t *testing.T) {
	dir := demoDB(t)
	db := filepath.Join(dir, "landplan.gpkg")
	out := t.TempDir()
	file := filepath.Join(out, "x.out")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown format", []string{"export", "plan-1", "--format", "kml", "--out", file}, `unknown format "kml"`},
		{"no format", []string{"export", "plan-1", "--out", file}, "--format is required"},
		{"no out", []string{"export", "plan-1", "--format", "svg"}, "--out FILE is required"},
		{"no plan", []string{"export", "--format", "svg", "--out", file}, "export takes one PLAN"},
		{"missing plan", []string{"export", "plan-99", "--format", "svg", "--out", file}, "plan-99"},
		{"crs on svg", []string{"export", "plan-1", "--format", "svg", "--crs", "EPSG:4545", "--out", file}, "--crs applies to --format geojson only"},
		{"bad crs", []string{"export", "plan-1", "--format", "geojson", "--crs", "EPSG:3857", "--out", file}, "--crs"},
		{"unknown zone", []string{"export", "plan-1", "--format", "png", "--zone", "城中区", "--out", file}, "zones: 柳州国家高新区, 河西柳州高新区"},
		{"missing directory", []string{"export", "plan-1", "--format", "svg", "--out", filepath.Join(out, "no", "x.svg")}, "does not exist"},
		{"missing directory gpkg", []string{"export", "plan-1", "--format", "gpkg", "--out", filepath.Join(out, "no", "x.gpkg")}, "does not exist"},
		{"compare map missing plan", []string{"compare", "plan-1", "plan-98", "--map", file}, "plan-98"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, append([]string{"--db", db}, tc.args...)...)
			if code != 2 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tc.want)
			}
		})
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("failed exports wrote %d files", len(entries))
	}
}

// TestExportDemo checks the files exportDemo writes for the demo's plans.
func TestExportDemo(t *testing.T) {
	dir := demoDB(t)
	db, err := data.Open(filepath.Join(dir, "landplan.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := NewMain(&bytes.Buffer{}, &bytes.Buffer{})
	m.Lang = "zh"
	out := t.TempDir()
	paths, err := m.exportDemo(context.Background(), db, out, []string{"plan-1", "plan-2", "plan-3"})
	if err != nil {
		t.Fatalf("exportDemo: %v", err)
	}
	var names []string
	for _, p := range paths {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
		names = append(names, filepath.Base(p))
	}
	want := []string{"plan-1.svg", "plan-1.png", "plan-1.html", "plan-1-map.gpkg", "plan-1.geojson", "plan-1.qml", "plan-1.csv",
		"plan-1-柳州国家高新区.png", "plan-1-河西柳州高新区.png",
		"compare-plan-1-plan-2.svg", "compare-plan-1-plan-2.png", "compare-plan-1-plan-2.html",
		"compare-plan-1-plan-3.svg", "compare-plan-1-plan-3.png", "compare-plan-1-plan-3.html"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("exportDemo wrote\n%v\nwant\n%v", names, want)
	}
}
