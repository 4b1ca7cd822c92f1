package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/landplan/landplan/planner"
)

// TestPutParcelStreamSameAsPutParcels stores the same parcels with
// PutParcels and with PutParcelStream (handed over in batches of several
// sizes, below and above the bulk-index threshold), into a new database
// and over stored parcels with and without replace, and with a repeated
// id, an empty id, a bad date, a bad extra property and a cancelled
// context: the same error (text and kind) or the same tables, spatial
// index and import records, row for row; a failed stream stores nothing.
func TestPutParcelStreamSameAsPutParcels(t *testing.T) {
	old := bulkIndexThreshold
	bulkIndexThreshold = 7
	defer func() { bulkIndexThreshold = old }()

	synthetic := syntheticParcels(60)
	sample := sampleParcels()
	// Half of them replace sample parcels, the others are new.
	mixed := append([]planner.Parcel{}, synthetic[:20]...)
	for i, p := range sample {
		p.AreaM2 += 1
		mixed = append(mixed[:4*i+1], append([]planner.Parcel{p}, mixed[4*i+1:]...)...)
	}
	withID := func(ps []planner.Parcel, i int, id string) []planner.Parcel {
		out := append([]planner.Parcel{}, ps...)
		out[i].ID = id
		return out
	}
	badDate := append([]planner.Parcel{}, synthetic[:30]...)
	badDate[17].AgreedStart = "2019/05/01"
	badExtra := append([]planner.Parcel{}, synthetic[:30]...)
	badExtra[25].Extra = map[string]any{"bad": make(chan int)}

	cases := []struct {
		name    string
		stored  bool // the sample parcels stored first
		replace bool
		cancel  bool
		parcels []planner.Parcel
	}{
		{name: "new, below the threshold", parcels: synthetic[:5]},
		{name: "new", parcels: synthetic},
		{name: "new after stored", stored: true, parcels: synthetic},
		{name: "replace", stored: true, replace: true, parcels: mixed},
		{name: "conflicts without replace", stored: true, parcels: mixed},
		{name: "conflicts below the threshold", stored: true, parcels: sample[:3]},
		{name: "id twice", parcels: withID(synthetic, 40, synthetic[3].ID)},
		{name: "id twice and stored", stored: true, parcels: withID(mixed, 12, "L0002")},
		{name: "empty id", parcels: withID(synthetic, 9, "")},
		{name: "bad date", parcels: badDate},
		{name: "bad extra", stored: true, replace: true, parcels: badExtra},
		{name: "cancelled", cancel: true, parcels: synthetic},
	}
	for _, tc := range cases {
		for _, size := range []int{1, 3, 8, 1000} {
			t.Run(fmt.Sprintf("%s/batches of %d", tc.name, size), func(t *testing.T) {
				ctx := context.Background()
				imp := planner.Import{File: "地块.geojson", SHA256: "03", Replace: tc.replace}
				// Both sides start from copies of one file, so that the
				// times of its creation are the same.
				template := openTest(t)
				if tc.stored {
					if err := template.PutParcels(ctx, planner.Import{File: "s.geojson", SHA256: "01"}, sample); err != nil {
						t.Fatal(err)
					}
				}
				template.Close()
				prepare := func() *DB {
					path := filepath.Join(t.TempDir(), "copy.gpkg")
					b, err := os.ReadFile(template.path)
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, b, 0o644); err != nil {
						t.Fatal(err)
					}
					db, err := Open(path)
					if err != nil {
						t.Fatal(err)
					}
					db.now = func() time.Time { return fixedNow }
					t.Cleanup(func() { db.Close() })
					return db
				}
				tables := append(allTables, "sqlite_master", "rtree_parcels_geom_node", "rtree_parcels_geom_rowid", "rtree_parcels_geom_parent")

				whole := prepare()
				before := tableChecksum(t, whole, tables...)
				var wantErr error
				if tc.cancel {
					wantErr = fmt.Errorf("cancelled")
				} else {
					wantErr = whole.PutParcels(ctx, imp, tc.parcels)
				}
				want := tableChecksum(t, whole, tables...)
				if tc.cancel {
					want = before
				}

				streamed := prepare()
				sctx, cancel := context.WithCancel(ctx)
				defer cancel()
				batches := make(chan []planner.Parcel)
				done := make(chan error, 1)
				go func() { done <- streamed.PutParcelStream(sctx, imp, batches) }()
				for from := 0; from < len(tc.parcels); from += size {
					batches <- tc.parcels[from:min(from+size, len(tc.parcels))]
				}
				if tc.cancel {
					cancel()
				}
				close(batches)
				err := <-done

				switch {
				case tc.cancel:
					if err == nil {
						t.Fatal("a cancelled stream succeeded")
					}
				case (err == nil) != (wantErr == nil):
					t.Fatalf("stream error %v, PutParcels error %v", err, wantErr)
				case err != nil && (err.Error() != wantErr.Error() || planner.KindOf(err) != planner.KindOf(wantErr)):
					t.Errorf("stream error %v (%v), PutParcels error %v (%v)", err, planner.KindOf(err), wantErr, planner.KindOf(wantErr))
				}
				if got := tableChecksum(t, streamed, tables...); got != want {
					t.Errorf("the stream left other tables than PutParcels (error %v)", err)
				}
				if wantErr != nil && want != before {
					t.Errorf("the failed PutParcels changed the database")
				}
				assertRtreeOK(t, streamed)
			})
		}
	}
}
