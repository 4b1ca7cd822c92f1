package data

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/ingest"
)

// benchParcelCount is the size of the land pool the benchmarks store.
const benchParcelCount = 100_000

// syntheticParcels returns n quadrilateral parcels on a grid around
// Liuzhou, each about 100 m across, slightly skewed so that no two are
// alike, with a few optional values and one extra property.
func syntheticParcels(n int) []planner.Parcel {
	ps := make([]planner.Parcel, n)
	statuses := planner.Statuses
	const side = 0.001 // degrees, about 100 m
	cols := 400
	for i := range ps {
		x := 109.2 + float64(i%cols)*side*1.2
		y := 24.1 + float64(i/cols)*side*1.2
		skew := float64(i%7) * side * 0.05
		ring := orb.Ring{{x, y}, {x + side, y + skew}, {x + side + skew, y + side}, {x, y + side}, {x, y}}
		p := planner.Parcel{
			ID:       fmt.Sprintf("B%06d", i),
			Zone:     [...]string{"柳州国家高新区", "河西柳州高新区", "柳东新区"}[i%3],
			LandUse:  [...]string{"100101", "100102", "100103", "1101"}[i%4],
			Status:   statuses[i%len(statuses)],
			Geometry: orb.MultiPolygon{{ring}},
			AreaM2:   10000 + float64(i%1000),
		}
		if i%2 == 0 {
			p.MaxPlotRatio = ptr(2.0)
			p.Serviced = ptr(i%4 == 0)
			p.Price = ptr(336.0)
		}
		if i%10 == 0 {
			p.Extra = map[string]any{"survey": "2023"}
		}
		ps[i] = p
	}
	return ps
}

// BenchmarkPutParcels stores 100k synthetic parcels into a new database
// per iteration and reports the time per parcel.
func BenchmarkPutParcels(b *testing.B) {
	ps := syntheticParcels(benchParcelCount)
	ctx := context.Background()
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := Open(filepath.Join(dir, fmt.Sprintf("bench%d.gpkg", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := db.PutParcels(ctx, planner.Import{Kind: "parcels", File: "bench.geojson", SHA256: "00"}, ps); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ps)), "ns/parcel")
}

// BenchmarkReadParcels reads 100k stored parcels back.
func BenchmarkReadParcels(b *testing.B) {
	ps := syntheticParcels(benchParcelCount)
	ctx := context.Background()
	db, err := Open(filepath.Join(b.TempDir(), "bench.gpkg"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.PutParcels(ctx, planner.Import{Kind: "parcels", File: "bench.geojson", SHA256: "00"}, ps); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		got, err := db.Parcels(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != len(ps) {
			b.Fatalf("read %d parcels, want %d", len(got), len(ps))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ps)), "ns/parcel")
}

// syntheticGeoJSON writes the FeatureCollection that
// data/bench/import_vs_ogr2ogr.sh makes with Python's json.dump: the
// parcels of syntheticParcels, one line, ", " and ": " separators, Chinese
// text unescaped and coordinates in shortest round-trip form.
func syntheticGeoJSON(n int) []byte {
	zones := [...]string{"柳州国家高新区", "河西柳州高新区", "柳东新区"}
	uses := [...]string{"100101", "100102", "100103", "1101"}
	statuses := [...]string{"new", "idle", "inefficient", "occupied", "reserved"}
	const side = 0.001
	const cols = 400
	b := make([]byte, 0, n*420)
	b = append(b, `{"type": "FeatureCollection", "features": [`...)
	num := func(x float64) {
		b = strconv.AppendFloat(b, x, 'g', -1, 64)
		if x == math.Trunc(x) {
			b = append(b, ".0"...)
		}
	}
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		x := 109.2 + float64(i%cols)*side*1.2
		y := 24.1 + float64(i/cols)*side*1.2
		sk := float64(i%7) * side * 0.05
		b = fmt.Appendf(b, `{"type": "Feature", "properties": {"id": "B%06d", "zone": "%s", "land_use": "%s", "status": "%s"`,
			i, zones[i%3], uses[i%4], statuses[i%5])
		if i%2 == 0 {
			b = fmt.Appendf(b, `, "max_plot_ratio": 2.0, "serviced": %t, "price": 336`, i%4 == 0)
		}
		if i%10 == 0 {
			b = append(b, `, "survey": "2023"`...)
		}
		b = append(b, `}, "geometry": {"type": "Polygon", "coordinates": [[`...)
		ring := [...][2]float64{{x, y}, {x + side, y + sk}, {x + side + sk, y + side}, {x, y + side}, {x, y}}
		for k, p := range ring {
			if k > 0 {
				b = append(b, ", "...)
			}
			b = append(b, '[')
			num(p[0])
			b = append(b, ", "...)
			num(p[1])
			b = append(b, ']')
		}
		b = append(b, "]]}}"...)
	}
	return append(b, "]}"...)
}

// BenchmarkImportParcels100k runs a parcel import on a 100k-parcel
// GeoJSON (about 40 MB) one step after the other: read and validate,
// convert to parcels, then store into a new database.
func BenchmarkImportParcels100k(b *testing.B) {
	src := syntheticGeoJSON(benchParcelCount)
	ctx := context.Background()
	dir := b.TempDir()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		path := filepath.Join(dir, fmt.Sprintf("import%d.gpkg", i))
		ps, err := ingest.ReadParcels(bytes.NewReader(src), ingest.ParcelOptions{File: "bench.geojson"})
		if err != nil {
			b.Fatal(err)
		}
		db, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.PutParcels(ctx, planner.Import{Kind: "parcels", File: "bench.geojson", SHA256: "00"}, ps); err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if len(ps) != benchParcelCount {
			b.Fatalf("imported %d parcels, want %d", len(ps), benchParcelCount)
		}
		os.Remove(path)
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchParcelCount), "ns/parcel")
}
