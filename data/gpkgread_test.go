package data

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landplan/landplan/geo"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/ingest"
)

// gdalGeoPackage converts GeoJSON layers into one GeoPackage with GDAL's
// ogr2ogr, each layer with the given srs (EPSG code).
func gdalGeoPackage(t *testing.T, layers ...struct{ name, srs, geojson string }) string {
	t.Helper()
	ogr2ogr := requireTool(t, "ogr2ogr", "gdal-bin")
	dir := t.TempDir()
	out := filepath.Join(dir, "user.gpkg")
	for i, l := range layers {
		src := filepath.Join(dir, l.name+".geojson")
		if err := os.WriteFile(src, []byte(l.geojson), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"-f", "GPKG", "-nln", l.name, "-a_srs", l.srs}
		if i > 0 {
			args = append(args, "-update")
		}
		runTool(t, ogr2ogr, append(args, out, src)...)
	}
	return out
}

const lonLatParcels = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"G1","zone":"柳州国家高新区","land_use":"100101","status":"new","serviced":true,"price":336.5,"floors":3,"agreed_start":"2020-01-02"},
 "geometry":{"type":"Polygon","coordinates":[[[109.40,24.30],[109.41,24.30],[109.41,24.31],[109.40,24.31],[109.40,24.30]]]}},
{"type":"Feature","properties":{"id":"G2","zone":"河西柳州高新区","land_use":"M2","status":"idle","serviced":false,"price":null,"floors":null,"agreed_start":null},
 "geometry":{"type":"MultiPolygon","coordinates":[[[[109.42,24.30],[109.43,24.30],[109.43,24.31],[109.42,24.30]]]]}}
]}`

// TestReadGeoPackageLayer reads GeoPackages written by GDAL.
func TestReadGeoPackageLayer(t *testing.T) {
	type layer = struct{ name, srs, geojson string }
	// docs/geodesy.md, "The projection": (109.4, 24.3) is E 642129.727111 N 2689231.438153 in
	// EPSG:4545 (cs2cs); (110.1, 23.9) is E 713875.907001 N 2645801.329679.
	projected := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"K7","area":12.5},
	"geometry":{"type":"Polygon","coordinates":[[[642129.727111,2689231.438153],[713875.907001,2689231.438153],[713875.907001,2645801.329679],[642129.727111,2689231.438153]]]}}]}`
	lines := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"R1"},"geometry":{"type":"LineString","coordinates":[[109.4,24.3],[109.5,24.4]]}}]}`
	bowtie := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"B1"},
	"geometry":{"type":"Polygon","coordinates":[[[109.40,24.30],[109.41,24.31],[109.41,24.30],[109.40,24.31],[109.40,24.30]]]}}]}`

	t.Run("lon/lat layer", func(t *testing.T) {
		fs, err := ReadGeoPackageLayer(gdalGeoPackage(t, layer{"parcels", "EPSG:4490", lonLatParcels}), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 2 {
			t.Fatalf("read %d features, want 2", len(fs))
		}
		f := fs[0]
		want := map[string]any{"id": "G1", "zone": "柳州国家高新区", "land_use": "100101", "status": "new",
			"serviced": true, "price": 336.5, "floors": int64(3), "agreed_start": "2020-01-02"}
		for k, v := range want {
			if f.Properties[k] != v {
				t.Errorf("property %s = %v (%T), want %v (%T)", k, f.Properties[k], f.Properties[k], v, v)
			}
		}
		if len(f.Properties) != len(want) || f.ID != "G1" || f.Index != 0 {
			t.Errorf("feature 1: ID %q, index %d, properties %v", f.ID, f.Index, f.Properties)
		}
		if _, ok := fs[1].Properties["price"]; ok || fs[1].Properties["serviced"] != false {
			t.Errorf("feature 2: NULL price kept or serviced not false: %v", fs[1].Properties)
		}
		if len(f.Geometry) != 1 || f.Geometry[0][0][0] != [2]float64{109.40, 24.30} {
			t.Errorf("geometry %v", f.Geometry)
		}
		ps, err := ingest.ParcelsFromFeatures(fs, "user.gpkg")
		if err != nil {
			t.Fatalf("ingest: %v", err)
		}
		if ps[0].Extra["floors"] != int64(3) || *ps[0].Price != 336.5 || !*ps[0].Serviced || ps[0].AgreedStart != "2020-01-02" {
			t.Errorf("parcel from the layer: %+v", ps[0])
		}
	})

	t.Run("projected layer", func(t *testing.T) {
		fs, err := ReadGeoPackageLayer(gdalGeoPackage(t, layer{"gk", "EPSG:4545", projected}), "gk")
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].ID != "K7" || fs[0].Properties["area"] != 12.5 {
			t.Fatalf("features %+v", fs)
		}
		// The projection is checked against cs2cs to sub-millimetre in
		// geo; 1e-8 degrees is about 1 mm here.
		want := map[[2]float64]bool{{109.4, 24.3}: true, {110.1, 23.9}: true}
		found := 0
		for _, p := range fs[0].Geometry[0][0] {
			for w := range want {
				if math.Abs(p[0]-w[0]) < 1e-8 && math.Abs(p[1]-w[1]) < 1e-8 {
					found++
				}
			}
		}
		if found < 2 {
			t.Errorf("projected corners not converted to lon/lat: %v", fs[0].Geometry)
		}
	})

	twoLayers := func(t *testing.T) string {
		return gdalGeoPackage(t, layer{"north", "EPSG:4490", lonLatParcels}, layer{"south", "EPSG:4326", lonLatParcels})
	}
	for _, tc := range []struct {
		name     string
		path     func(t *testing.T) string
		layer    string
		wantKind planner.ErrorKind
		wantMsg  []string
	}{
		{"several layers", twoLayers, "", planner.KindInvalid, []string{"2 feature layers (north, south)", "--layer"}},
		{"missing layer", twoLayers, "east", planner.KindNotFound, []string{`no feature layer "east"`, "north, south"}},
		{"unsupported srs", func(t *testing.T) string {
			return gdalGeoPackage(t, layer{"merc", "EPSG:3857", projected})
		}, "", planner.KindInvalid, []string{`layer "merc"`, "EPSG:3857", "Pseudo-Mercator"}},
		{"lines", func(t *testing.T) string { return gdalGeoPackage(t, layer{"roads", "EPSG:4490", lines}) }, "",
			planner.KindInvalid, []string{`layer "roads" has geometry type LINESTRING`}},
		{"not SQLite", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "x.gpkg")
			os.WriteFile(p, []byte("not a database"), 0o644)
			return p
		}, "", planner.KindInvalid, []string{"not a GeoPackage"}},
		{"SQLite but not GeoPackage", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "x.db")
			d := rawDB(t, p)
			d.Exec(`CREATE TABLE t (x)`)
			d.Close()
			return p
		}, "", planner.KindInvalid, []string{"not a GeoPackage"}},
		{"missing file", func(t *testing.T) string { return filepath.Join(t.TempDir(), "none.gpkg") }, "", planner.KindNotFound, []string{"none.gpkg"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path(t)
			_, err := ReadGeoPackageLayer(path, tc.layer)
			if err == nil {
				t.Fatal("no error")
			}
			if k := planner.KindOf(err); k != tc.wantKind {
				t.Errorf("kind %v, want %v: %v", k, tc.wantKind, err)
			}
			for _, w := range append(tc.wantMsg, path) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}

	t.Run("layer chosen by name", func(t *testing.T) {
		fs, err := ReadGeoPackageLayer(twoLayers(t), "south")
		if err != nil || len(fs) != 2 {
			t.Fatalf("%d features, %v", len(fs), err)
		}
	})

	t.Run("invalid geometry", func(t *testing.T) {
		path := gdalGeoPackage(t, layer{"bad", "EPSG:4490", bowtie})
		_, err := ReadGeoPackageLayer(path, "")
		var ie *geo.InputError
		if !errors.As(err, &ie) || len(ie.Problems) == 0 {
			t.Fatalf("error %v, want a *geo.InputError", err)
		}
		p := ie.Problems[0]
		if p.Feature != 0 || p.ID != "B1" || p.Property != "geometry" || ie.File != path {
			t.Errorf("problem %+v in %s", p, ie.File)
		}
	})

	t.Run("landplan database", func(t *testing.T) {
		fs, err := ReadGeoPackageLayer(filledDB(t), "parcels")
		if err != nil {
			t.Fatal(err)
		}
		want := sampleParcels()
		if len(fs) != len(want) {
			t.Fatalf("%d features, want %d", len(fs), len(want))
		}
		for i, f := range fs {
			if f.ID != want[i].ID || f.Properties["zone"] != nilIfEmpty(want[i].Zone) {
				t.Errorf("feature %d: id %q zone %v; want %q %q", i, f.ID, f.Properties["zone"], want[i].ID, want[i].Zone)
			}
		}
	})
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
