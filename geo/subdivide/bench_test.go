package subdivide_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/landplan/landplan/geo/subdivide"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// benchParcels returns n random quadrilaterals in Gauss-Krüger coordinates
// (convex, or darts when notched), each with three lot areas taking 30%–90%
// of it.
func benchParcels(n int, notched bool) ([]orb.Polygon, [][]float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	parcels := make([]orb.Polygon, n)
	areas := make([][]float64, n)
	for i := range parcels {
		o := orb.Point{gk[0] + 20000*rng.Float64(), gk[1] + 20000*rng.Float64()}
		size := 100 + 300*rng.Float64()
		if notched {
			parcels[i] = dart(rng, o, size)
		} else {
			parcels[i] = convexQuad(rng, o, size)
		}
		a := planar.Area(shift(parcels[i], parcels[i][0][0]))
		share := 0.3 + 0.6*rng.Float64()
		w := []float64{0.5 + rng.Float64(), 0.5 + rng.Float64(), 0.5 + rng.Float64()}
		sum := w[0] + w[1] + w[2]
		areas[i] = []float64{a * share * w[0] / sum, a * share * w[1] / sum, a * share * w[2] / sum}
	}
	return parcels, areas
}

func benchmarkSplit(b *testing.B, notched bool) {
	parcels, areas := benchParcels(1000, notched)
	b.ResetTimer()
	start := time.Now()
	failed := 0
	for range b.N {
		for i, p := range parcels {
			if _, err := subdivide.Split(p, areas[i], nil); err != nil {
				failed++
			}
		}
	}
	b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N*len(parcels)), "ns/parcel")
	b.ReportMetric(float64(failed)/float64(b.N), "failed/op")
}

// BenchmarkSplit1000Convex splits 1000 convex parcels into 3 lots each per
// op; ns/parcel is the time per parcel.
func BenchmarkSplit1000Convex(b *testing.B) { benchmarkSplit(b, false) }

// BenchmarkSplit1000Darts does the same with notched (non-convex) parcels.
func BenchmarkSplit1000Darts(b *testing.B) { benchmarkSplit(b, true) }
