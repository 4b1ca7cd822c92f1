package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"
)

// compactParcels is a FeatureCollection of n small parcels written without
// spaces: four-corner polygons with short coordinates and the required
// properties only, about the smallest a parcel file gets.
func compactParcels(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		x, y := 109.2+float64(i%100)*0.01, 24.1+float64(i/100)*0.01
		fmt.Fprintf(&b, `{"type":"Feature","properties":{"id":"P%d","land_use":"100101","status":"new"},"geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}`,
			i, x, y, x+0.005, y, x+0.005, y+0.005, x, y)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// The size hint counts at least every feature of a compact file, so that
// the converter fills one table (no final copy); reading through a reader
// that cannot tell its size (no hint, chunks) gives the same parcels.
func TestFeatureCountHintCoversCompactFiles(t *testing.T) {
	const n = 3 * parcelChunk
	b := compactParcels(n)
	if h := featureCountHint(bytes.NewReader(b)); h < n {
		t.Fatalf("hint %d for %d features of %d bytes", h, n, len(b))
	}
	sized, err := ReadParcels(bytes.NewReader(b), ParcelOptions{File: "c.geojson"})
	if err != nil {
		t.Fatal(err)
	}
	chunked, err := ReadParcels(iotest.OneByteReader(bytes.NewReader(b)), ParcelOptions{File: "c.geojson"})
	if err != nil {
		t.Fatal(err)
	}
	if len(sized) != n || len(chunked) != n {
		t.Fatalf("%d and %d parcels, want %d", len(sized), len(chunked), n)
	}
	for i := range sized {
		if sized[i].ID != chunked[i].ID || sized[i].AreaM2 != chunked[i].AreaM2 || sized[i].ID != fmt.Sprintf("P%d", i) {
			t.Fatalf("parcel %d: %s (%v m²) and %s (%v m²)", i, sized[i].ID, sized[i].AreaM2, chunked[i].ID, chunked[i].AreaM2)
		}
	}
}
