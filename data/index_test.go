package data

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/geo/gpkgwkb"
	"github.com/landplan/landplan/planner"
)

// TestSpatialIndexPaths stores the same parcels through the triggers and
// through the bulk-loaded index, for trees of one, two and three levels,
// and checks that both indexes hold the same entries, pass SQLite's
// rtreecheck, answer window queries as a scan of the parcels does, and
// stay consistent through later writes by the triggers.
func TestSpatialIndexPaths(t *testing.T) {
	for _, n := range []int{1, 40, 3000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			ps := syntheticParcels(n)
			contents, extents := map[string]string{}, map[string]string{}
			for _, path := range []struct {
				name      string
				threshold int
			}{{"triggers", n + 1}, {"bulk", 1}} {
				old := bulkIndexThreshold
				bulkIndexThreshold = path.threshold
				db := openTest(t)
				ctx := context.Background()
				if err := db.PutParcels(ctx, planner.Import{File: "s", SHA256: "1"}, ps); err != nil {
					t.Fatal(err)
				}
				bulkIndexThreshold = old
				assertRtreeOK(t, db)
				contents[path.name] = tableChecksum(t, db, "rtree_parcels_geom", "parcels")
				assertWindowQueries(t, db, ps)
				var extent string
				if err := db.sql.QueryRow(`SELECT printf('%!.17g %!.17g %!.17g %!.17g', min_x, max_x, min_y, max_y) FROM gpkg_contents WHERE table_name = 'parcels'`).Scan(&extent); err != nil {
					t.Fatal(err)
				}
				extents[path.name] = extent

				// Later small writes go through the triggers again.
				more := []planner.Parcel{{ID: "Z1", LandUse: "100101", Status: planner.StatusNew, Geometry: square(110, 25, 0.01), AreaM2: 1}}
				if err := db.PutParcels(ctx, planner.Import{File: "t", SHA256: "2"}, more); err != nil {
					t.Fatal(err)
				}
				if _, err := db.sql.Exec(`DELETE FROM parcels WHERE id = ?`, ps[0].ID); err != nil {
					t.Fatal(err)
				}
				if _, err := db.sql.Exec(`UPDATE parcels SET geom = ? WHERE id = 'Z1'`, mustEncode(t, square(111, 26, 0.01))); err != nil {
					t.Fatal(err)
				}
				assertRtreeOK(t, db)
			}
			if contents["triggers"] != contents["bulk"] {
				t.Errorf("the bulk-loaded index holds other entries than the triggers wrote")
			}
			if extents["triggers"] != extents["bulk"] {
				t.Errorf("gpkg_contents extent after a bulk write %s, after writes through the triggers %s", extents["bulk"], extents["triggers"])
			}
		})
	}
}

// assertWindowQueries compares R-tree window queries with a scan of the
// parcels' exact bounds over a few windows.
func assertWindowQueries(t *testing.T, db *DB, ps []planner.Parcel) {
	t.Helper()
	b := ps[0].Geometry.Bound()
	for _, p := range ps {
		b = b.Union(p.Geometry.Bound())
	}
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	for _, win := range []orb.Bound{
		b,
		{Min: orb.Point{b.Min[0] + w*0.3, b.Min[1] + h*0.3}, Max: orb.Point{b.Min[0] + w*0.35, b.Min[1] + h*0.6}},
		{Min: orb.Point{b.Min[0] - 1, b.Min[1] - 1}, Max: orb.Point{b.Min[0] - 0.5, b.Min[1] - 0.5}},
	} {
		var want []string
		for _, p := range ps {
			if p.Geometry.Bound().Intersects(win) {
				want = append(want, p.ID)
			}
		}
		// The index rounds boxes outward to float32, so it may return a
		// few more candidates: keep those whose exact bounds intersect.
		rows, err := db.sql.Query(`SELECT p.id, ST_MinX(p.geom), ST_MaxX(p.geom), ST_MinY(p.geom), ST_MaxY(p.geom)
			FROM rtree_parcels_geom r JOIN parcels p ON p.fid = r.id
			WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?`,
			win.Min[0], win.Max[0], win.Min[1], win.Max[1])
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var id string
			var e orb.Bound
			if err := rows.Scan(&id, &e.Min[0], &e.Max[0], &e.Min[1], &e.Max[1]); err != nil {
				t.Fatal(err)
			}
			if e.Intersects(win) {
				got = append(got, id)
			}
		}
		rows.Close()
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("window %v: index finds %d parcels, a scan %d", win, len(got), len(want))
		}
	}
}

func mustEncode(t *testing.T, g orb.Geometry) []byte {
	t.Helper()
	b, err := gpkgwkb.EncodeGPKG(g, SRSCGCS2000)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPackRtreeDeep bulk-loads an index of depth 3 (more than 51 × 51
// leaves, so three levels above them) and checks it with rtreecheck and a
// window query.
func TestPackRtreeDeep(t *testing.T) {
	const n = rtreeMaxCells*rtreeMaxCells*rtreeMaxCells + 1000
	entries := make([]rtreeEntry, n)
	for i := range entries {
		x, y := float64(i%400)*0.01, float64(i/400)*0.01
		entries[i] = newRtreeEntry(int64(i+1), orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + 0.008, y + 0.008}})
	}
	db := openTest(t)
	ctx := context.Background()
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	idx := spatialIndex{table: "parcels", geom: "geom", pk: "fid"}
	if err := idx.dropWriteTriggers(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if err := idx.write(ctx, tx, conn, packRtree(entries)); err != nil {
		t.Fatal(err)
	}
	var check string
	var count int
	var root []byte
	if err := tx.QueryRow(`SELECT rtreecheck('rtree_parcels_geom'), (SELECT count(*) FROM rtree_parcels_geom),
		(SELECT data FROM rtree_parcels_geom_node WHERE nodeno = 1)`).Scan(&check, &count, &root); err != nil {
		t.Fatal(err)
	}
	if check != "ok" || count != n {
		t.Errorf("rtreecheck %q, %d entries; want ok, %d", check, count, n)
	}
	if depth := binary.BigEndian.Uint16(root); depth != 3 {
		t.Errorf("tree depth %d, want 3", depth)
	}
	win := [4]float64{1.005, 1.5, 2.003, 2.2}
	want := 0
	for _, e := range entries {
		if float64(e.maxX) >= win[0] && float64(e.minX) <= win[1] && float64(e.maxY) >= win[2] && float64(e.minY) <= win[3] {
			want++
		}
	}
	var got int
	if err := tx.QueryRow(`SELECT count(*) FROM rtree_parcels_geom WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?`,
		win[0], win[1], win[2], win[3]).Scan(&got); err != nil || got != want || want == 0 {
		t.Errorf("window query finds %d (%v), a scan %d", got, err, want)
	}
}

// TestSQLFunctions calls the registered ST_ functions through SQL on blobs
// with and without an envelope, empty and NULL.
func TestSQLFunctions(t *testing.T) {
	db := openTest(t)
	g := square(109.4, 24.3, 0.01)
	withEnv := mustEncode(t, g)
	// The same geometry with no envelope: flags envelope code 0, the WKB
	// right after the 8-byte header.
	noEnv := append([]byte{'G', 'P', 0, 0x01}, withEnv[4:8]...)
	noEnv = append(noEnv, withEnv[8+32:]...)
	empty := mustEncode(t, orb.MultiPolygon{})
	// Big-endian, empty flag, no envelope; WKB: big-endian byte order
	// mark, type 6 (MultiPolygon), 0 polygons.
	bigEndianEmpty := binary.BigEndian.AppendUint32([]byte{'G', 'P', 0, 0x10}, SRSCGCS2000)
	bigEndianEmpty = append(bigEndianEmpty, 0, 0, 0, 0, 6, 0, 0, 0, 0)
	for _, tc := range []struct {
		name string
		blob any
		want [5]any // ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY, ST_MaxY
	}{
		{"envelope", withEnv, [5]any{int64(0), 109.4, 109.41, 24.3, 24.31}},
		{"no envelope", noEnv, [5]any{int64(0), 109.4, 109.41, 24.3, 24.31}},
		{"empty", empty, [5]any{int64(1), nil, nil, nil, nil}},
		{"empty big-endian", bigEndianEmpty, [5]any{int64(1), nil, nil, nil, nil}},
		{"NULL", nil, [5]any{nil, nil, nil, nil, nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got [5]any
			err := db.sql.QueryRow(`SELECT ST_IsEmpty(?1), ST_MinX(?1), ST_MaxX(?1), ST_MinY(?1), ST_MaxY(?1)`, tc.blob).
				Scan(&got[0], &got[1], &got[2], &got[3], &got[4])
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				if f, ok := got[i].(float64); ok {
					if w, ok := tc.want[i].(float64); !ok || math.Abs(f-w) > 1e-12 {
						t.Errorf("function %d = %v, want %v", i, got[i], tc.want[i])
					}
					continue
				}
				if got[i] != tc.want[i] {
					t.Errorf("function %d = %v (%T), want %v", i, got[i], got[i], tc.want[i])
				}
			}
		})
	}
	if err := db.sql.QueryRow(`SELECT ST_MinX(x'00010203')`).Scan(new(any)); err == nil {
		t.Errorf("ST_MinX accepted a blob that is not a GeoPackage geometry")
	}
}

// TestFloat32Rounding checks the outward rounding of index boxes against
// what SQLite's rtree module stores for the same values.
func TestFloat32Rounding(t *testing.T) {
	db := openTest(t)
	values := []float64{109.4, 24.3, -0.1, 0, 1e-40, -1e-40, 1.0 / 3, -1.0 / 3, math.Nextafter(1, 2), 16777217}
	for i, v := range values {
		var lo, hi float64
		if _, err := db.sql.Exec(`INSERT INTO rtree_parcels_geom VALUES (?, ?, ?, 0, 0)`, i+1000, v, v); err != nil {
			t.Fatal(err)
		}
		if err := db.sql.QueryRow(`SELECT minx, maxx FROM rtree_parcels_geom WHERE id = ?`, i+1000).Scan(&lo, &hi); err != nil {
			t.Fatal(err)
		}
		if float32(lo) != float32Down(v) || float32(hi) != float32Up(v) {
			t.Errorf("%v: rtree stores [%v, %v], float32Down/Up give [%v, %v]", v, lo, hi, float32Down(v), float32Up(v))
		}
		if float64(float32Down(v)) > v || float64(float32Up(v)) < v {
			t.Errorf("%v: [%v, %v] does not contain it", v, float32Down(v), float32Up(v))
		}
	}
}
