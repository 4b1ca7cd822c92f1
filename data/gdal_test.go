package data

import (
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
)

// filledDB returns the path of a closed database holding the sample
// parcels and proposals.
func filledDB(t *testing.T) string {
	t.Helper()
	db := openTest(t)
	ctx := context.Background()
	if err := db.PutParcels(ctx, planner.Import{Kind: "parcels", File: "地块.geojson", SHA256: "aa"}, sampleParcels()); err != nil {
		t.Fatalf("PutParcels: %v", err)
	}
	if err := db.PutProposals(ctx, planner.Import{Kind: "proposals", File: "项目.csv", SHA256: "bb"}, sampleProposals()); err != nil {
		t.Fatalf("PutProposals: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return db.Path()
}

// TestGDALValidator runs GDAL's GeoPackage validator with its extra
// checks of table contents, warnings counting as errors, on a new empty
// database and on one holding parcels and proposals.
func TestGDALValidator(t *testing.T) {
	validator := validatorPath(t)
	empty := openTest(t)
	if err := empty.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		path string
	}{
		{"empty", empty.Path()},
		{"filled", filledDB(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := exec.Command("python3", validator, "-k", "--extra", "--warning-as-error", tc.path).CombinedOutput()
			if err != nil || strings.TrimSpace(string(out)) != "" {
				t.Fatalf("validate_gpkg.py --extra %s: %v\n%s", tc.path, err, out)
			}
		})
	}
}

// TestOgrinfo checks with GDAL's ogrinfo that the parcels layer has the
// right feature count, geometry type, CRS and attribute columns, that the
// Chinese text reads back intact, and that the attribute tables are
// listed without geometry while the bookkeeping tables are not listed.
func TestOgrinfo(t *testing.T) {
	ogrinfo := requireTool(t, "ogrinfo", "gdal-bin")
	path := filledDB(t)
	ps := sampleParcels()

	t.Run("layers", func(t *testing.T) {
		out := runTool(t, ogrinfo, "-ro", "-q", path)
		for _, want := range []string{"parcels (Multi Polygon)", "proposals (None)", "imports (None)"} {
			if !strings.Contains(out, want) {
				t.Errorf("ogrinfo lists no %q:\n%s", want, out)
			}
		}
		for _, not := range []string{"landplan_schema", "rtree_", "sqlite_sequence"} {
			if strings.Contains(out, not) {
				t.Errorf("ogrinfo lists %q as a layer:\n%s", not, out)
			}
		}
	})

	t.Run("summary", func(t *testing.T) {
		out := runTool(t, ogrinfo, "-ro", "-so", "-al", path, "parcels")
		if want := fmt.Sprintf("Feature Count: %d", len(ps)); !strings.Contains(out, want) {
			t.Errorf("ogrinfo -so: no %q:\n%s", want, out)
		}
		for _, want := range []string{
			"Geometry: Multi Polygon", `ID["EPSG",4490]`, "FID Column = fid", "Geometry Column = geom",
			"id: String", "zone: String", "land_use: String", "status: String",
			"min_plot_ratio: Real", "max_plot_ratio: Real", "serviced: Integer(Boolean)", "price: Real",
			"agreed_start: Date", "halted_since: Date", "developed_share: Real", "invested_share: Real",
			"current_plot_ratio: Real", "current_tax_per_mu: Real",
			"area_m2: Real", "area_mu: Real", "area_ha: Real", "extra: String", "import_id: Integer",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("ogrinfo -so: no %q:\n%s", want, out)
			}
		}
	})

	t.Run("features", func(t *testing.T) {
		out := runTool(t, ogrinfo, "-ro", "-al", "-q", path, "parcels")
		if n := len(regexp.MustCompile(`(?m)^OGRFeature\(parcels\):`).FindAllString(out, -1)); n != len(ps) {
			t.Errorf("ogrinfo -al shows %d features, want %d", n, len(ps))
		}
		for _, want := range []string{
			"zone (String) = 柳州国家高新区", "zone (String) = 河西柳州高新区",
			`"owner":"柳州市自然资源和规划局"`, `"备注":"厂房老旧"`,
			"agreed_start (Date) = 2019/05/01", "serviced (Integer(Boolean)) = 1",
			"MULTIPOLYGON (((109.4 24.3,109.41 24.3,109.41 24.31,109.4 24.31,109.4 24.3)",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("ogrinfo -al: no %q:\n%s", want, out)
			}
		}
		out = runTool(t, ogrinfo, "-ro", "-al", "-q", path, "proposals")
		for _, want := range []string{"name (String) = 柳州新能源汽车零部件项目", "enterprise_type (String) = large;high_tech"} {
			if !strings.Contains(out, want) {
				t.Errorf("ogrinfo -al proposals: no %q:\n%s", want, out)
			}
		}
	})
}
