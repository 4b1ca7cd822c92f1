package subdivide_test

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/landplan/landplan/geo/subdivide"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// poly builds a one-ring polygon (closing it) offset by o.
func poly(o orb.Point, pts ...orb.Point) orb.Polygon {
	r := make(orb.Ring, 0, len(pts)+1)
	for _, p := range pts {
		r = append(r, orb.Point{p[0] + o[0], p[1] + o[1]})
	}
	return orb.Polygon{append(r, r[0])}
}

// rotated is a w×h rectangle turned by deg degrees about its corner c.
func rotated(c orb.Point, w, h, deg float64) orb.Polygon {
	s, k := math.Sincos(deg * math.Pi / 180)
	at := func(x, y float64) orb.Point { return orb.Point{x*k - y*s, x*s + y*k} }
	return poly(c, at(0, 0), at(w, 0), at(w, h), at(0, h))
}

// Compactness floors. With the default MaxAspect of 4, a rectangular lot
// is at worst a 1:4 rectangle, whose Polsby–Popper is 4π·4/(2·5)² = 0.503.
// Lots cut from slanted or notched parcels need not be rectangles; 0.30 is
// the Polsby–Popper of a 1:8 rectangle, a strip no planner would accept.
const (
	ppRect  = 0.50
	ppOther = 0.30
)

var (
	origin0 = orb.Point{0, 0}
	// A Gauss-Krüger position in Liuzhou (CM 108°E): 109.4°E 24.3°N.
	gk = orb.Point{642129.727111, 2689231.438153}

	rect400    = poly(origin0, orb.Point{0, 0}, orb.Point{400, 0}, orb.Point{400, 200}, orb.Point{0, 200})
	trapezoid  = poly(origin0, orb.Point{0, 0}, orb.Point{300, 0}, orb.Point{220, 150}, orb.Point{60, 150})
	lShape     = poly(origin0, orb.Point{0, 0}, orb.Point{300, 0}, orb.Point{300, 100}, orb.Point{120, 100}, orb.Point{120, 260}, orb.Point{0, 260})
	gkPentagon = poly(gk, orb.Point{0, 0}, orb.Point{420, -30}, orb.Point{480, 210}, orb.Point{200, 330}, orb.Point{-40, 190})
	withHole   = orb.Polygon{
		poly(origin0, orb.Point{0, 0}, orb.Point{300, 0}, orb.Point{300, 200}, orb.Point{0, 200})[0],
		poly(origin0, orb.Point{120, 70}, orb.Point{120, 130}, orb.Point{180, 130}, orb.Point{180, 70})[0],
	}
	gkHole = orb.Polygon{
		poly(gk, orb.Point{0, 0}, orb.Point{500, 0}, orb.Point{500, 250}, orb.Point{0, 250})[0],
		poly(gk, orb.Point{300, 40}, orb.Point{300, 110}, orb.Point{420, 110}, orb.Point{420, 40})[0],
	}
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name   string
		parcel orb.Polygon
		// fracs are lot areas as fractions of the parcel's area.
		fracs []float64
		s     subdivide.Settings
		floor float64
	}{
		{"rectangle, 1 lot", rect400, []float64{0.3}, subdivide.Settings{}, ppRect},
		{"rectangle, 2 unequal lots", rect400, []float64{0.375, 0.225}, subdivide.Settings{}, ppRect},
		{"rectangle, 5 unequal lots", rect400, []float64{0.2, 0.15, 0.1125, 0.0875, 0.05}, subdivide.Settings{}, ppRect},
		{"rectangle, 12 unequal lots", rect400,
			[]float64{0.1125, 0.1, 0.0875, 0.08125, 0.075, 0.0625, 0.05625, 0.05, 0.04375, 0.0375, 0.03125, 0.025},
			subdivide.Settings{}, ppRect},
		{"rectangle, lot equal to the parcel", rect400, []float64{1}, subdivide.Settings{}, ppRect},
		{"rectangle, 3 lots filling the parcel", rect400, []float64{0.5, 0.3125, 0.1875}, subdivide.Settings{}, ppRect},
		{"rectangle, 12 lots filling the parcel", rect400,
			[]float64{0.14, 0.12, 0.11, 0.1, 0.09, 0.08, 0.08, 0.07, 0.06, 0.06, 0.05, 0.04},
			subdivide.Settings{}, ppRect},
		{"rotated rectangle, 3 lots", rotated(orb.Point{1000, 2000}, 300, 120, 30), []float64{1.0 / 3, 0.25, 1.0 / 6}, subdivide.Settings{}, ppRect},
		{"rotated rectangle, 2 lots, 25 m frontage", rotated(orb.Point{-50, 80}, 250, 160, -71), []float64{0.45, 0.3},
			subdivide.Settings{MinFrontage: 25}, ppRect},
		{"trapezoid, 4 lots", trapezoid, []float64{0.29, 0.23, 0.17, 0.12}, subdivide.Settings{}, ppOther},
		{"trapezoid, 2 lots filling it", trapezoid, []float64{0.6, 0.4}, subdivide.Settings{}, ppOther},
		{"L-shaped, 3 lots", lShape, []float64{0.3, 0.24, 0.16}, subdivide.Settings{}, ppOther},
		{"L-shaped, 3 lots filling it", lShape, []float64{0.42, 0.3, 0.28}, subdivide.Settings{}, ppOther},
		{"L-shaped, 5 lots", lShape, []float64{0.2, 0.18, 0.15, 0.12, 0.1}, subdivide.Settings{}, ppOther},
		{"hole, 3 lots", withHole, []float64{0.35, 0.25, 0.18}, subdivide.Settings{}, ppOther},
		{"hole, lot equal to the parcel", withHole, []float64{1}, subdivide.Settings{}, 0.1},
		{"hole, 1 lot", withHole, []float64{0.5}, subdivide.Settings{}, ppOther},
		{"Gauss-Krüger pentagon, 1 lot", gkPentagon, []float64{0.4}, subdivide.Settings{}, ppOther},
		{"Gauss-Krüger pentagon, 2 lots", gkPentagon, []float64{0.4, 0.25}, subdivide.Settings{}, ppOther},
		{"Gauss-Krüger pentagon, 5 lots", gkPentagon, []float64{0.25, 0.2, 0.15, 0.1, 0.05}, subdivide.Settings{}, ppOther},
		{"Gauss-Krüger pentagon, 12 lots", gkPentagon,
			[]float64{0.13, 0.11, 0.1, 0.09, 0.08, 0.075, 0.07, 0.06, 0.05, 0.045, 0.04, 0.03},
			subdivide.Settings{}, ppOther},
		{"Gauss-Krüger rectangle with a hole, 4 lots", gkHole, []float64{0.3, 0.2, 0.15, 0.1}, subdivide.Settings{}, ppOther},
		{"tight tolerance", trapezoid, []float64{0.3, 0.3}, subdivide.Settings{Tolerance: 1e-9}, ppOther},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			area := planar.Area(shift(tc.parcel, tc.parcel[0][0]))
			areas := make([]float64, len(tc.fracs))
			for i, f := range tc.fracs {
				areas[i] = f * area
			}
			res, err := subdivide.Split(tc.parcel, areas, &tc.s)
			if err != nil {
				t.Fatalf("Split: %v", err)
			}
			checkSplit(t, tc.parcel, areas, tc.s, res, tc.floor, true)
		})
	}
}

// TestSplitGaussKrugerExact checks that working relative to a local origin
// loses nothing: a lot equal to the parcel comes back with the parcel's own
// vertices, bit for bit.
func TestSplitGaussKrugerExact(t *testing.T) {
	res, err := subdivide.Split(gkPentagon, []float64{planar.Area(shift(gkPentagon, gk))}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[orb.Point]bool{}
	for _, p := range res.Lots[0][0] {
		got[p] = true
	}
	for _, p := range gkPentagon[0] {
		if !got[p] {
			t.Errorf("parcel vertex %v is not a vertex of the whole-parcel lot %v", p, res.Lots[0][0])
		}
	}
	if len(res.Remainder) != 0 {
		t.Errorf("remainder %v, want none", res.Remainder)
	}
}

// TestSplitDeterministic runs Split repeatedly on inputs that go through
// simplefeatures' overlay (whose internals iterate over maps) and expects
// the same result each time.
func TestSplitDeterministic(t *testing.T) {
	tests := []struct {
		name   string
		parcel orb.Polygon
		areas  []float64
	}{
		{"L-shaped", lShape, []float64{12000, 9000, 7000, 5000}},
		{"hole", withHole, []float64{20000, 15000, 10000}},
		{"Gauss-Krüger hole", gkHole, []float64{30000, 20000, 15000}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first, err := subdivide.Split(tc.parcel, tc.areas, nil)
			if err != nil {
				t.Fatal(err)
			}
			for range 5 {
				again, err := subdivide.Split(tc.parcel, tc.areas, nil)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(first, again) {
					t.Fatalf("results differ between runs:\n%v\n%v", first.Lots, again.Lots)
				}
			}
		})
	}
}

// TestSplitOrder checks that lots come back in the order of the areas,
// whatever order they are cut in.
func TestSplitOrder(t *testing.T) {
	areas := []float64{4000, 16000, 9000, 7000}
	res, err := subdivide.Split(rect400, areas, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, lot := range res.Lots {
		if a := planar.Area(lot); math.Abs(a-areas[i]) > areas[i]*subdivide.DefaultTolerance {
			t.Errorf("lot %d has area %.2f, want %.2f", i, a, areas[i])
		}
	}
}

func TestSplitErrors(t *testing.T) {
	bowtie := poly(origin0, orb.Point{0, 0}, orb.Point{100, 100}, orb.Point{100, 0}, orb.Point{0, 100})
	tests := []struct {
		name   string
		parcel orb.Polygon
		areas  []float64
		s      *subdivide.Settings
		kind   error
		says   []string
	}{
		{"areas over the parcel", rect400, []float64{50000, 31000}, nil, subdivide.ErrInvalidInput,
			[]string{"81000.00 m²", "1000.00 m²", "1.2500%", "80000.00 m²"}},
		{"one area over the parcel", rect400, []float64{80000.5}, nil, subdivide.ErrInvalidInput, []string{"0.50 m² ("}},
		{"zero area", rect400, []float64{1000, 0}, nil, subdivide.ErrInvalidInput, []string{"areas[1] = 0"}},
		{"negative area", rect400, []float64{-5}, nil, subdivide.ErrInvalidInput, []string{"areas[0] = -5"}},
		{"NaN area", rect400, []float64{1000, 2000, math.NaN()}, nil, subdivide.ErrInvalidInput, []string{"areas[2] = NaN"}},
		{"infinite area", rect400, []float64{math.Inf(1)}, nil, subdivide.ErrInvalidInput, []string{"areas[0] = +Inf"}},
		{"empty parcel", orb.Polygon{}, []float64{1}, nil, subdivide.ErrInvalidInput, []string{"no exterior ring"}},
		{"degenerate ring", orb.Polygon{{{0, 0}, {1, 1}, {0, 0}}}, []float64{1}, nil, subdivide.ErrInvalidInput, []string{"ring 0"}},
		{"bow-tie parcel", bowtie, []float64{100}, nil, subdivide.ErrInvalidInput, []string{"not a valid polygon"}},
		{"negative frontage", rect400, []float64{100}, &subdivide.Settings{MinFrontage: -1}, subdivide.ErrInvalidInput, []string{"MinFrontage"}},
		{"tolerance too wide", rect400, []float64{100}, &subdivide.Settings{Tolerance: 0.5}, subdivide.ErrInvalidInput, []string{"Tolerance"}},
		{"aspect below 1", rect400, []float64{100}, &subdivide.Settings{MaxAspect: 0.5}, subdivide.ErrInvalidInput, []string{"MaxAspect"}},
		{"frontage longer than the parcel allows", rect400, []float64{30000, 30000},
			&subdivide.Settings{MinFrontage: 700}, subdivide.ErrNoLayout, []string{"lot 0", "less than 700.00 m"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := subdivide.Split(tc.parcel, tc.areas, tc.s)
			if err == nil {
				t.Fatal("Split succeeded, want an error")
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("error %q does not wrap %v", err, tc.kind)
			}
			for _, s := range tc.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

// TestSplitNoAreas returns the whole parcel as the remainder.
func TestSplitNoAreas(t *testing.T) {
	res, err := subdivide.Split(trapezoid, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSplit(t, trapezoid, nil, subdivide.Settings{}, res, 0, true)
	if len(res.Remainder) != 1 || math.Abs(res.Stats.RemainderArea-planar.Area(trapezoid)) > 1e-9 {
		t.Errorf("remainder %v (%.3f m²), want the whole parcel", res.Remainder, res.Stats.RemainderArea)
	}
}

func ExampleSplit() {
	// A 200 m × 120 m parcel in Gauss-Krüger metres: 10 000 m² for phase 1
	// now and 6 000 m² for a second project; the rest stays reserved.
	e, n := 642100.0, 2689200.0
	parcel := orb.Polygon{{{e, n}, {e + 200, n}, {e + 200, n + 120}, {e, n + 120}, {e, n}}}
	res, err := subdivide.Split(parcel, []float64{10000, 6000}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, st := range res.Stats.Lots {
		fmt.Printf("lot %d: %.0f m², frontage %.1f m, Polsby–Popper %.2f\n", i, st.Area, st.Frontage, st.PolsbyPopper)
	}
	fmt.Printf("reserved: %.0f m² in %d piece(s), frontage %.1f m\n",
		res.Stats.RemainderArea, len(res.Remainder), res.Stats.RemainderFrontage)
	// Output:
	// lot 0: 10000 m², frontage 286.7 m, Polsby–Popper 0.76
	// lot 1: 6000 m², frontage 168.1 m, Polsby–Popper 0.67
	// reserved: 8000 m² in 1 piece(s), frontage 185.2 m
}
