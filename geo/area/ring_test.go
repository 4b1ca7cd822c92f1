package area

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// TestRingAuthalicAreaClosed checks the closed-ring shortcut against the
// formula over every vertex and the wrap, for rings of many shapes.
func TestRingAuthalicAreaClosed(t *testing.T) {
	full := func(r orb.Ring) float64 {
		n := len(r)
		x0, y0 := r[0][0], authalicQ(r[0][1])
		sum, px, py := 0.0, 0.0, 0.0
		const rad = math.Pi / 180
		for i := 1; i <= n; i++ {
			p := r[i%n]
			x := math.Remainder(p[0]-x0, 360) * rad
			y := authalicQ(p[1]) - y0
			sum += px*y - x*py
			px, py = x, y
		}
		return sum / 2 * ellHalfB2
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		n := 3 + r.IntN(12)
		ring := make(orb.Ring, 0, n+1)
		lon, lat := 100+r.Float64()*20, 20+r.Float64()*10
		for range n {
			ring = append(ring, orb.Point{lon + r.Float64()*0.01, lat + r.Float64()*0.01})
		}
		closed := append(ring, ring[0])
		for _, rg := range []orb.Ring{ring, closed} {
			if got, want := math.Abs(ringAuthalicArea(rg)), math.Abs(full(rg)); got != want {
				t.Fatalf("ring of %d positions: area %v, want %v", len(rg), got, want)
			}
		}
	}
}
