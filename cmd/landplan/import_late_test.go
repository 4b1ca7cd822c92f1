package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landplan/landplan/data"
)

// manyParcels returns a GeoJSON FeatureCollection of n small parcels;
// bad, when not "", is the status of the feature at index at.
func manyParcels(n, at int, bad string) string {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		status := "idle"
		if i == at && bad != "" {
			status = bad
		}
		x, y := 109.2+float64(i%100)*0.002, 24.1+float64(i/100)*0.002
		fmt.Fprintf(&b, `{"type":"Feature","properties":{"id":"S%05d","land_use":"100101","status":%q},"geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}`,
			i, status, x, y, x+0.001, y, x+0.001, y+0.001, x, y+0.001, x, y)
	}
	b.WriteString(`]}`)
	return b.String()
}

// TestImportLateProblemStoresNothing imports files of 5 000 parcels
// with a problem in a late feature: the import fails with exit status 2 naming the feature,
// and leaves no database behind, or an existing one byte for byte as it
// was, with and without --replace; the same file without the problem is
// stored whole.
func TestImportLateProblemStoresNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.gpkg")
	bad := writeFile(t, dir, "bad.geojson", manyParcels(5000, 4321, "lost"))
	code, _, errs := run(t, "import", "parcels", bad, "--db", db)
	if code != 2 || !strings.Contains(errs, "feature 4322") || !strings.Contains(errs, `"lost"`) {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("a failed first import left a database file behind (%v)", err)
	}

	good := writeFile(t, dir, "good.geojson", manyParcels(5000, -1, ""))
	code, _, errs = run(t, "import", "parcels", good, "--db", db)
	if code != 0 || !strings.Contains(errs, "imported 5000 parcels") {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	before := fileSHA(t, db)
	for _, args := range [][]string{{}, {"--replace"}} {
		code, _, errs = run(t, append([]string{"import", "parcels", bad, "--db", db}, args...)...)
		if code != 2 || !strings.Contains(errs, "feature 4322") {
			t.Fatalf("%v: exit %d, stderr %s", args, code, errs)
		}
		if fileSHA(t, db) != before {
			t.Errorf("%v: the failed import changed the database", args)
		}
	}
	d, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ps, err := d.Parcels(context.Background())
	if err != nil || len(ps) != 5000 || ps[4999].ID != "S04999" {
		t.Errorf("%d parcels stored (%v)", len(ps), err)
	}
}
