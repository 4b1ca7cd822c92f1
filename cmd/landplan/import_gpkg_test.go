package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportGeoPackageLayer imports parcels from a GeoPackage written by
// GDAL, lon/lat and projected, as a user's GIS would hand them over.
func TestImportGeoPackageLayer(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Fatal("ogr2ogr is not installed: install the Debian package gdal-bin")
	}
	dir := t.TempDir()
	src := writeFile(t, dir, "parcels.geojson", goodParcels)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"lonlat", []string{"-f", "GPKG", "-nln", "宗地"}},
		{"gauss-kruger", []string{"-f", "GPKG", "-nln", "宗地", "-t_srs", "EPSG:4545"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gpkg := filepath.Join(dir, tc.name+".gpkg")
			args := append(append([]string{}, tc.args...), gpkg, src)
			if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
				t.Fatalf("ogr2ogr: %v\n%s", err, out)
			}
			db := filepath.Join(dir, tc.name+"-landplan.gpkg")
			code, _, errs := run(t, "import", "parcels", gpkg, "--db", db)
			if code != 0 || !strings.Contains(errs, "imported 2 parcels") {
				t.Fatalf("import: exit %d: %s", code, errs)
			}
			code, out, _ := run(t, "check", "--json", "--db", db)
			if code != 0 || !strings.Contains(out, `"parcels": 2`) {
				t.Errorf("check after a GeoPackage import: exit %d\n%s", code, out)
			}
			// A GeoPackage layer names its own CRS: --crs is refused.
			if code, _, errs := run(t, "import", "parcels", gpkg, "--crs", "EPSG:4545", "--db", filepath.Join(dir, "x.gpkg")); code != 2 || !strings.Contains(errs, "--crs") {
				t.Errorf("--crs with a GeoPackage: exit %d %q", code, errs)
			}
		})
	}
}
