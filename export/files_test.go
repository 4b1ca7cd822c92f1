package export_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/export/exporttest"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// TestWritePlanSameAsFile writes the fixture plan in every format twice,
// as the web's download does (WritePlan to a writer) and as the export
// command does (WritePlanFile), and checks that the two are the same
// bytes; a GeoPackage, whose file records where SQLite put its pages,
// the same tables and rows (ogrinfo's listing of every feature and
// style). A GeoJSON file gets its QGIS style beside it.
func TestWritePlanSameAsFile(t *testing.T) {
	requireTool(t, "ogrinfo", "gdal-bin")
	ctx := context.Background()
	p, parcels := exporttest.Plan()
	at := time.Date(2026, 1, 15, 8, 0, 0, 0, time.UTC)
	for _, f := range export.Formats {
		t.Run(f.Name, func(t *testing.T) {
			o := export.Options{Format: f.Name, Lang: policy.LangZH, Time: at}
			var buf bytes.Buffer
			if err := export.WritePlan(ctx, &buf, p, parcels, o); err != nil {
				t.Fatalf("WritePlan: %v", err)
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "plan."+f.Ext)
			written, err := export.WritePlanFile(ctx, path, p, parcels, o)
			if err != nil {
				t.Fatalf("WritePlanFile: %v", err)
			}
			want := []string{path}
			if f.Name == "geojson" {
				want = append(want, filepath.Join(dir, "plan.qml"))
			}
			if strings.Join(written, " ") != strings.Join(want, " ") {
				t.Errorf("WritePlanFile wrote %v, want %v", written, want)
			}
			file, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if buf.Len() == 0 {
				t.Fatal("WritePlan wrote nothing")
			}
			if f.Name == "gpkg" {
				streamed := filepath.Join(dir, "streamed.gpkg")
				if err := os.WriteFile(streamed, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				a := runTool(t, "ogrinfo", "-ro", "-al", path)
				b := runTool(t, "ogrinfo", "-ro", "-al", streamed)
				if strings.ReplaceAll(b, streamed, path) != a {
					t.Errorf("the GeoPackage written to a writer differs from the file")
				}
				return
			}
			if !bytes.Equal(buf.Bytes(), file) {
				t.Errorf("%s: WritePlan wrote %d bytes, the file has %d, or they differ", f.Name, buf.Len(), len(file))
			}
		})
	}
}

// TestWritePlanRefuses checks the errors of an export: an unknown
// format, no parcels, a zone no parcel is in, a missing directory; and
// that none of them leaves a file.
func TestWritePlanRefuses(t *testing.T) {
	ctx := context.Background()
	p, parcels := exporttest.Plan()
	dir := t.TempDir()
	for _, tc := range []struct {
		name    string
		path    string
		o       export.Options
		parcels []planner.Parcel
		want    string
	}{
		{"unknown format", filepath.Join(dir, "x.doc"), export.Options{Format: "doc"}, parcels, `unknown format "doc"`},
		{"no parcels", filepath.Join(dir, "x.svg"), export.Options{Format: "svg"}, nil, "no parcels"},
		{"missing directory", filepath.Join(dir, "no", "x.csv"), export.Options{Format: "csv"}, parcels, "does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := export.WritePlanFile(ctx, tc.path, p, tc.parcels, tc.o)
			if err == nil || !strings.Contains(err.Error(), tc.want) || planner.KindOf(err) != planner.KindInvalid {
				t.Errorf("WritePlanFile: %v, want an invalid-input error saying %q", err, tc.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused exports left %d files", len(entries))
	}
	zones := export.Zones(parcels)
	if len(zones) == 0 || export.CheckZone(parcels, zones[0]) != nil {
		t.Fatalf("zones %v: the first is refused", zones)
	}
	err := export.CheckZone(parcels, "无此园区")
	if err == nil || !strings.Contains(err.Error(), zones[0]) {
		t.Errorf("CheckZone of an unknown zone: %v, want the zones there are", err)
	}
	if !export.IsFormat("gpkg") || export.IsFormat("doc") || export.FormatList() != "csv, geojson, gpkg, html, png, svg, xlsx" {
		t.Errorf("formats: %s", export.FormatList())
	}
}
