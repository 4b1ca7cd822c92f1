package data

import (
	"bytes"
	"context"
	"database/sql/driver"
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/geo/gpkgwkb"
	"github.com/landplan/landplan/planner"
)

// TestAppendGPKGMultiPolygon checks the encoder of the bulk insert byte
// for byte against gpkgwkb.EncodeGPKG, which the rest of the code decodes.
func TestAppendGPKGMultiPolygon(t *testing.T) {
	ring := orb.Ring{{109.1, 24.2}, {109.2, 24.2}, {109.2, 24.3}, {109.1, 24.2}}
	hole := orb.Ring{{109.15, 24.22}, {109.16, 24.25}, {109.17, 24.22}, {109.15, 24.22}}
	far := orb.Ring{{-3, -2}, {-1, -2}, {-1, 0}, {-3, -2}}
	for _, tc := range []struct {
		name string
		mp   orb.MultiPolygon
	}{
		{"nil", nil},
		{"no polygons", orb.MultiPolygon{}},
		{"one polygon", orb.MultiPolygon{{ring}}},
		{"hole", orb.MultiPolygon{{ring, hole}}},
		{"two polygons", orb.MultiPolygon{{ring, hole}, {far}}},
		{"empty polygon among others", orb.MultiPolygon{{ring}, {}}},
		{"negative zero", orb.MultiPolygon{{orb.Ring{{math.Copysign(0, -1), 0}, {1, 0}, {1, 1}, {math.Copysign(0, -1), 0}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := gpkgwkb.EncodeGPKG(tc.mp, SRSCGCS2000)
			if err != nil {
				t.Fatal(err)
			}
			prefix := []byte("keep")
			got := appendGPKGMultiPolygon(append([]byte(nil), prefix...), tc.mp, tc.mp.Bound(), SRSCGCS2000)
			if !bytes.HasPrefix(got, prefix) {
				t.Fatalf("the bytes before were changed: %q", got[:len(prefix)])
			}
			if got = got[len(prefix):]; !bytes.Equal(got, want) {
				t.Errorf("encoded\n %x\nwant (gpkgwkb.EncodeGPKG)\n %x", got, want)
			}
		})
	}
}

// TestRawTableStatement checks the numbered parameters of a multi-row
// statement: shared ones first, then each row's, and column expressions
// referring to both.
func TestRawTableStatement(t *testing.T) {
	for _, tc := range []struct {
		name string
		t    rawTable
		rows int
		want string
	}{
		{"plain", rawTable{name: "t", cols: []string{"a", "b"}}, 2,
			`INSERT INTO "t" (a, b) VALUES (?1, ?2), (?3, ?4)`},
		{"shared and expressions", rawTable{name: "t", cols: []string{"a", "b", "c", "d"},
			exprs: []string{"", "{1} / ?1", "", "?2"}, shared: []driver.Value{2.0, int64(7)}}, 2,
			`INSERT INTO "t" (a, b, c, d) VALUES (?3, ?4 / ?1, ?4, ?2), (?5, ?6 / ?1, ?6, ?2)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.t.statement(tc.rows); got != tc.want {
				t.Errorf("statement\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestBulkStoredValues stores more parcels than one statement holds, with
// a partial last statement, and checks every stored value that the bulk
// insert computes or leaves NULL: the areas SQLite divides, the import id
// all rows share, the absent optional values and the geometry blob.
func TestBulkStoredValues(t *testing.T) {
	ps := syntheticParcels(3*rawRows + 7)
	for i := range ps {
		// Areas whose quotients need the last bit right.
		ps[i].AreaM2 = 1000*math.Pi + float64(i)/3
	}
	db := openTest(t)
	ctx := context.Background()
	if err := db.PutParcels(ctx, planner.Import{File: "b.geojson", SHA256: "b"}, ps); err != nil {
		t.Fatal(err)
	}
	var importID int64
	if err := db.sql.QueryRow(`SELECT fid FROM imports WHERE sha256 = 'b'`).Scan(&importID); err != nil {
		t.Fatal(err)
	}
	rows, err := db.sql.Query(`SELECT id, area_mu, area_ha, import_id, min_plot_ratio IS NULL, max_plot_ratio IS NULL, extra IS NULL, geom FROM parcels ORDER BY fid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for ; rows.Next(); i++ {
		var id string
		var mu, ha float64
		var imp int64
		var minNull, maxNull, extraNull bool
		var blob []byte
		if err := rows.Scan(&id, &mu, &ha, &imp, &minNull, &maxNull, &extraNull, &blob); err != nil {
			t.Fatal(err)
		}
		p := ps[i]
		want, _ := gpkgwkb.EncodeGPKG(p.Geometry, SRSCGCS2000)
		switch {
		case id != p.ID:
			t.Fatalf("row %d is %s, want %s", i+1, id, p.ID)
		case mu != p.AreaM2/planner.SquareMetresPerMu || ha != p.AreaM2/10000:
			t.Errorf("%s: area_mu %v, area_ha %v; want %v, %v", id, mu, ha, p.AreaM2/planner.SquareMetresPerMu, p.AreaM2/10000)
		case imp != importID:
			t.Errorf("%s: import_id %d, want %d", id, imp, importID)
		case !minNull || maxNull != (p.MaxPlotRatio == nil) || extraNull != (len(p.Extra) == 0):
			t.Errorf("%s: NULLs min_plot_ratio %v, max_plot_ratio %v, extra %v", id, minNull, maxNull, extraNull)
		case !bytes.Equal(blob, want):
			t.Errorf("%s: geometry blob differs from gpkgwkb.EncodeGPKG", id)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if i != len(ps) {
		t.Errorf("%d rows stored, want %d", i, len(ps))
	}
}

// TestBulkErrorStopsEncoder fails a large import at a parcel in the middle
// of a statement's rows and checks that nothing was stored and that the
// error names the parcel.
func TestBulkErrorStopsEncoder(t *testing.T) {
	ps := syntheticParcels(25 * rawRows)
	bad := len(ps) - rawRows/2
	ps[bad].HaltedSince = "2021-02-30"
	db := openTest(t)
	err := db.PutParcels(context.Background(), planner.Import{File: "e.geojson", SHA256: "e"}, ps)
	want := fmt.Sprintf(`store parcels of e.geojson: parcel %q: halted_since "2021-02-30" is not a date YYYY-MM-DD`, ps[bad].ID)
	if err == nil || err.Error() != want {
		t.Fatalf("error %v\nwant %s", err, want)
	}
	var n int
	if err := db.sql.QueryRow(`SELECT (SELECT count(*) FROM parcels) + (SELECT count(*) FROM imports) + (SELECT count(*) FROM rtree_parcels_geom)`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d rows left behind after a failed import", n)
	}
}
