package ingest

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
)

// parcelCollection returns a GeoJSON FeatureCollection of n small square
// parcels; bad, when not "", replaces the status of the feature given by
// at.
func parcelCollection(n, at int, bad string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		status := "new"
		if i == at && bad != "" {
			status = bad
		}
		x, y := 109.2+float64(i%300)*0.002, 24.1+float64(i/300)*0.002
		fmt.Fprintf(&b, `{"type":"Feature","properties":{"id":"B%d","land_use":"100101","status":%q},"geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}`,
			i, status, x, y, x+0.001, y, x+0.001, y+0.001, x, y+0.001, x, y)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// TestReadParcelsBatch reads collections of several sizes (below one
// batch, across the chunks the parcels are kept in) with and without
// ParcelOptions.Batch: the batches hold the parcels returned, in order,
// each at most BatchSize long, then nil marks the end; none is handed over
// once a property problem is found, nor the end; a file with a problem
// gives the same error either way.
func TestReadParcelsBatch(t *testing.T) {
	for _, n := range []int{1, BatchSize - 1, BatchSize, 3*BatchSize + 5, 13000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			in := parcelCollection(n, -1, "")
			want, err := ReadParcels(bytes.NewReader(in), ParcelOptions{File: "p.geojson"})
			if err != nil {
				t.Fatal(err)
			}
			var got []planner.Parcel
			batches := 0
			ended := false
			ps, err := ReadParcels(bytes.NewReader(in), ParcelOptions{File: "p.geojson", Batch: func(b []planner.Parcel) {
				switch {
				case ended:
					t.Errorf("a batch after the end")
				case b == nil:
					ended = true
					return
				case len(b) == 0 || len(b) > BatchSize:
					t.Errorf("a batch of %d parcels", len(b))
				}
				batches++
				got = append(got, b...)
			}})
			if !ended {
				t.Errorf("no end of the batches")
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ps, want) {
				t.Errorf("with Batch, ReadParcels returned other parcels")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the batches hold %d parcels, not the %d read", len(got), len(want))
			}
			if min := (n + BatchSize - 1) / BatchSize; batches < min {
				t.Errorf("%d batches, want at least %d", batches, min)
			}
		})
	}
	for _, at := range []int{0, 5, 2*BatchSize + 3} {
		t.Run(fmt.Sprintf("problem at %d", at), func(t *testing.T) {
			in := parcelCollection(3*BatchSize, at, "lost")
			_, want := ReadParcels(bytes.NewReader(in), ParcelOptions{File: "p.geojson"})
			handed := 0
			_, err := ReadParcels(bytes.NewReader(in), ParcelOptions{File: "p.geojson", Batch: func(b []planner.Parcel) {
				if b == nil {
					t.Errorf("the end of the batches of a file with a problem")
				}
				handed += len(b)
			}})
			if err == nil || want == nil || err.Error() != want.Error() || !strings.Contains(err.Error(), "status") {
				t.Fatalf("error with Batch %v, without %v", err, want)
			}
			if handed > at {
				t.Errorf("%d parcels handed over, with a problem at feature %d", handed, at+1)
			}
		})
	}
}
