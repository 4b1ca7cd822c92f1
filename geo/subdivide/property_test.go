package subdivide_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/landplan/landplan/geo/subdivide"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// convexQuad is a random convex quadrilateral of about size metres across,
// up to 1:2.5 elongated, turned at random and placed at o.
func convexQuad(rng *rand.Rand, o orb.Point, size float64) orb.Polygon {
	stretch := 1 + 1.5*rng.Float64()
	turn := 2 * math.Pi * rng.Float64()
	s, c := math.Sincos(turn)
	pts := make([]orb.Point, 4)
	for i := range pts {
		a := float64(i)*math.Pi/2 + (rng.Float64()-0.5)*1.2
		r := size / 2 * (0.6 + 0.4*rng.Float64())
		x, y := r*math.Cos(a)*stretch, r*math.Sin(a)
		pts[i] = orb.Point{x*c - y*s, x*s + y*c}
	}
	return poly(o, pts...)
}

// dart is a random non-convex quadrilateral (an arrowhead): its third
// vertex is reflex, a fraction notch of the way into the shape.
func dart(rng *rand.Rand, o orb.Point, size float64) orb.Polygon {
	l := size * (0.8 + 0.4*rng.Float64())
	w := size * (0.3 + 0.4*rng.Float64())
	notch := 0.2 + 0.5*rng.Float64()
	turn := 2 * math.Pi * rng.Float64()
	s, c := math.Sincos(turn)
	at := func(x, y float64) orb.Point { return orb.Point{x*c - y*s, x*s + y*c} }
	j := func() float64 { return (rng.Float64() - 0.5) * 0.1 * size }
	return poly(o, at(j(), j()), at(l+j(), -w+j()), at(notch*l, j()), at(l+j(), w+j()))
}

// polsbyPopper is 4πA/P² of a one-ring polygon.
func polsbyPopper(p orb.Polygon) float64 {
	a := math.Abs(planar.Area(shift(p, p[0][0])))
	l := planar.Length(p[0])
	return 4 * math.Pi * a / (l * l)
}

// randomFracs returns 1–5 lot shares of the parcel, each between a third
// and the whole of an equal share, together taking 30%–100% of it (exactly
// 100% one time in five).
func randomFracs(rng *rand.Rand) []float64 {
	k := 1 + rng.IntN(5)
	total := 0.3 + 0.7*rng.Float64()
	if rng.IntN(5) == 0 {
		total = 1
	}
	w := make([]float64, k)
	var sum float64
	for i := range w {
		w[i] = 0.5 + rng.Float64()
		sum += w[i]
	}
	for i := range w {
		w[i] *= total / sum
	}
	return w
}

// TestSplitProperties splits random convex and non-convex quadrilaterals in
// Gauss-Krüger coordinates. Convex ones must always split and meet every
// requirement. Darts must either meet every requirement or report
// ErrNoLayout (a guillotine cut of a notched shape can leave a lot in two
// pieces or without frontage); they must never return a wrong result.
func TestSplitProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 12))
	const n = 100
	failedDarts := 0
	for i := range n {
		for _, kind := range []string{"convex", "dart"} {
			o := orb.Point{gk[0] + 5000*rng.Float64(), gk[1] + 5000*rng.Float64()}
			size := 100 + 300*rng.Float64()
			var p orb.Polygon
			if kind == "convex" {
				p = convexQuad(rng, o, size)
			} else {
				p = dart(rng, o, size)
			}
			fracs := randomFracs(rng)
			area := planar.Area(shift(p, p[0][0]))
			areas := make([]float64, len(fracs))
			for j, f := range fracs {
				areas[j] = f * area
			}
			res, err := subdivide.Split(p, areas, nil)
			if kind == "dart" && errors.Is(err, subdivide.ErrNoLayout) {
				failedDarts++
				continue
			}
			if err != nil {
				t.Errorf("case %d (%s) %v areas %v: %v", i, kind, p, areas, err)
				continue
			}
			// Random quadrilaterals with slanted sides: lots are
			// trapezoids or triangles rather than rectangles; 0.25 is
			// below a 1:4 right triangle (0.33) and a 1:10 rectangle
			// (0.26). A lot taking most of a thin dart cannot be much
			// more compact than the dart, hence the second bound.
			floor := math.Min(0.25, 0.5*polsbyPopper(p))
			checkSplit(t, p, areas, subdivide.Settings{}, res, floor, true)
			if t.Failed() {
				t.Fatalf("case %d (%s): parcel %v, areas %v", i, kind, p, areas)
			}
		}
	}
	t.Logf("%d of %d darts had no guillotine layout", failedDarts, n)
	// Most darts are notched only mildly relative to the lots cut from
	// them; a search that gave up on most of them would be broken.
	if failedDarts > n/4 {
		t.Errorf("%d of %d darts had no layout, want at most %d", failedDarts, n, n/4)
	}
}

// FuzzSplit splits arbitrary quadrilaterals into up to three lots: the
// result must be an error wrapping ErrInvalidInput or ErrNoLayout, or a
// subdivision meeting every requirement.
func FuzzSplit(f *testing.F) {
	f.Add(0.0, 0.0, 200.0, 0.0, 200.0, 100.0, 0.0, 100.0, 0.3, 0.2, 0.1)
	f.Add(0.0, 0.0, 300.0, -40.0, 120.0, 10.0, 290.0, 120.0, 0.5, 0.0, 0.0)
	f.Add(0.0, 0.0, 250.0, 30.0, 180.0, 170.0, -20.0, 150.0, 0.4, 0.35, 0.25)
	f.Add(0.0, 0.0, 100.0, 100.0, 100.0, 0.0, 0.0, 100.0, 0.5, 0.1, 0.1)
	f.Add(0.0, 0.0, 500.0, 0.0, 500.0, 20.0, 0.0, 20.0, 0.6, 0.3, 0.0)
	f.Fuzz(func(t *testing.T, x0, y0, x1, y1, x2, y2, x3, y3, f0, f1, f2 float64) {
		for _, v := range []float64{x0, y0, x1, y1, x2, y2, x3, y3} {
			if math.IsNaN(v) || math.Abs(v) > 1e4 {
				return
			}
		}
		p := poly(gk, orb.Point{x0, y0}, orb.Point{x1, y1}, orb.Point{x2, y2}, orb.Point{x3, y3})
		area := math.Abs(planar.Area(shift(p, p[0][0])))
		var areas []float64
		for _, fr := range []float64{f0, f1, f2} {
			if fr != 0 {
				areas = append(areas, fr*area)
			}
		}
		res, err := subdivide.Split(p, areas, &subdivide.Settings{MaxTries: 200})
		if err != nil {
			if !errors.Is(err, subdivide.ErrInvalidInput) && !errors.Is(err, subdivide.ErrNoLayout) {
				t.Fatalf("error %q wraps neither ErrInvalidInput nor ErrNoLayout", err)
			}
			return
		}
		checkSplit(t, p, areas, subdivide.Settings{}, res, 0, false)
	})
}
