package mapdraw

import (
	"math"
	"os/exec"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestNiceMetres(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   float64
		want float64
	}{
		{"just above a round 100", 130, 100},
		{"nearer 200 than 100", 170, 200},
		{"nearer 500 than 200", 380, 500},
		{"between 0.5 and 1 on a log scale", 0.7, 0.5},
		{"a kilometre", 1100, 1000},
		{"several kilometres", 4200, 5000},
		{"zero", 0, 0},
		{"infinite", math.Inf(1), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := niceMetres(tc.in); got != tc.want {
				t.Errorf("niceMetres(%g) = %g, want %g", tc.in, got, tc.want)
			}
		})
	}
}

func TestFormatMetres(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{{50, "50 m"}, {500, "500 m"}, {1000, "1 km"}, {2000, "2 km"}, {20000, "20 km"}, {0.5, "0.5 m"}} {
		if got := formatMetres(tc.in); got != tc.want {
			t.Errorf("formatMetres(%g) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// square is a square parcel of side s metres with its south-west corner at
// (x, y).
func square(x, y, s float64) Feature {
	return Feature{Geometry: orb.MultiPolygon{{{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}}}}
}

// TestScaleBar checks, for areas from a few hundred metres to tens of
// kilometres across, that the bar's pixel length is its labelled length in
// metres at the map's scale and about a fifth of the frame.
func TestScaleBar(t *testing.T) {
	for _, tc := range []struct {
		name   string
		extent float64 // metres across
		width  int
		unit   string
	}{
		{"one block", 300, 1200, " m"},
		{"a park", 1200, 1200, " m"},
		{"a zone", 5000, 1600, " km"},
		{"a district", 40000, 4000, " km"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &Map{Width: tc.width, Height: tc.width * 3 / 4, ScaleBar: true,
				Features: []Feature{square(600000, 2690000, tc.extent)}}
			L := computeLayout(m, newMeasurer(nil))
			s := L.Scale
			if s == nil {
				t.Fatal("no scale bar")
			}
			// Metres per pixel at the map scale from the data: the square's
			// side spans extent metres.
			x0, _ := L.Tr.apply(orb.Point{600000, 0})
			x1, _ := L.Tr.apply(orb.Point{600000 + tc.extent, 0})
			mpp := tc.extent / (x1 - x0)
			// The bar's length and its metres agree to float rounding.
			if got := s.Length * mpp; math.Abs(got-s.Metres) > 1e-9*s.Metres {
				t.Errorf("bar is %g px = %g m at the map scale, labelled %g m", s.Length, got, s.Metres)
			}
			mant := s.Metres / math.Pow(10, math.Floor(math.Log10(s.Metres)+1e-9))
			if math.Abs(mant-1) > 1e-9 && math.Abs(mant-2) > 1e-9 && math.Abs(mant-5) > 1e-9 {
				t.Errorf("bar length %g m is not 1, 2 or 5 × 10ⁿ", s.Metres)
			}
			if want := formatMetres(s.Metres); s.Label.Lines[0] != want {
				t.Errorf("label %q, want %q", s.Label.Lines[0], want)
			}
			if !strings.HasSuffix(s.Label.Lines[0], tc.unit) {
				t.Errorf("label %q, want a length in %q", s.Label.Lines[0], tc.unit)
			}
			// Nearest of 1-2-5 on a log scale: within a factor √2.5 of a
			// fifth of the frame.
			if r := s.Length / (L.Frame.w() / 5); r < 1/math.Sqrt(2.5) || r > math.Sqrt(2.5) {
				t.Errorf("bar is %.2f × a fifth of the frame", r)
			}
			if !s.Box.within(L.Frame) {
				t.Errorf("scale bar box %v outside the frame %v", s.Box, L.Frame)
			}
		})
	}
}

// TestFit checks the data fill the frame with the aspect ratio kept and
// north up.
func TestFit(t *testing.T) {
	for _, tc := range []struct {
		name          string
		width, height int
		w, h          float64 // data extent, metres
		legend        bool
	}{
		{"wide data, landscape sheet", 1200, 800, 1000, 200, false},
		{"tall data, landscape sheet", 1200, 800, 200, 1000, true},
		{"portrait sheet with legend below", 800, 1200, 600, 600, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &Map{Width: tc.width, Height: tc.height, Title: "T",
				Features: []Feature{{Geometry: orb.MultiPolygon{{{{0, 0}, {tc.w, 0}, {tc.w, tc.h}, {0, tc.h}, {0, 0}}}}}}}
			if tc.legend {
				m.Legend = []LegendItem{{Label: "新增"}, {Label: "闲置"}}
			}
			L := computeLayout(m, newMeasurer(nil))
			x0, yS := L.Tr.apply(orb.Point{0, 0})
			x1, yN := L.Tr.apply(orb.Point{tc.w, tc.h})
			if yN >= yS {
				t.Errorf("north edge at y=%g is not above the south edge at y=%g", yN, yS)
			}
			if got, want := (x1-x0)/(yS-yN), tc.w/tc.h; math.Abs(got-want) > 1e-9*want {
				t.Errorf("pixel aspect %g, data aspect %g", got, want)
			}
			data := rect{x0, yN, x1, yS}
			if !data.within(L.Frame) {
				t.Errorf("data %v not inside the frame %v", data, L.Frame)
			}
			// One dimension fills the frame less its 16 px padding.
			inner := L.Frame.inset(16 * L.U)
			if math.Abs(data.w()-inner.w()) > 1e-6 && math.Abs(data.h()-inner.h()) > 1e-6 {
				t.Errorf("data %v fill neither dimension of %v", data, inner)
			}
			if L.Legend != nil && L.Legend.Box.overlaps(L.Frame) {
				t.Errorf("legend %v overlaps the frame %v", L.Legend.Box, L.Frame)
			}
			if L.Title != nil && L.Title.box().Y1 > L.Frame.Y0 {
				t.Errorf("title reaches down to %g, into the frame at %g", L.Title.box().Y1, L.Frame.Y0)
			}
		})
	}
}

func TestGroupLayers(t *testing.T) {
	fs := []Feature{{Layer: "parcels"}, {Layer: "道路"}, {Layer: "parcels"}, {Layer: "地块"}, {Layer: ""}, {Layer: "zone 1"}}
	got := groupLayers(fs)
	var ids, members []string
	for _, g := range got {
		ids = append(ids, g.ID)
		var s []string
		for _, i := range g.Features {
			s = append(s, string(rune('0'+i)))
		}
		members = append(members, strings.Join(s, ""))
	}
	if want := "layer-parcels layer-unnamed layer-unnamed-2 layer-unnamed-3 layer-zone-1"; strings.Join(ids, " ") != want {
		t.Errorf("ids %v, want %s", ids, want)
	}
	if want := "02 1 3 4 5"; strings.Join(members, " ") != want {
		t.Errorf("members %v, want %s", members, want)
	}
}

// TestImports holds the line: mapdraw draws generic geometry and knows
// nothing of planning or storage.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "github.com/landplan/landplan/planner") ||
			strings.HasPrefix(dep, "github.com/landplan/landplan/data") ||
			dep == "database/sql" || strings.Contains(dep, "go-sqlite3") {
			t.Errorf("mapdraw depends on %s", dep)
		}
	}
}
