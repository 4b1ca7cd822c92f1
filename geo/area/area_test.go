package area

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"testing"

	"github.com/landplan/landplan/geo/crs"
	"github.com/paulmach/orb"
)

// localRing builds a closed lon/lat ring from offsets in metres east and
// north of (lon0, lat0), using a local flat approximation; the exact size
// does not matter because every test compares with an independent
// computation on the same coordinates.
func localRing(lon0, lat0 float64, offsets ...[2]float64) orb.Ring {
	const mPerDegLat = 110790.0 // meridian degree near 24°N
	mPerDegLon := 111320.0 * math.Cos(lat0*math.Pi/180)
	r := make(orb.Ring, 0, len(offsets)+1)
	for _, o := range offsets {
		r = append(r, orb.Point{lon0 + o[0]/mPerDegLon, lat0 + o[1]/mPerDegLat})
	}
	return append(r, r[0])
}

func square(side float64) [][2]float64 {
	return [][2]float64{{0, 0}, {side, 0}, {side, side}, {0, side}}
}

// areaCases are parcels around Liuzhou (109.4°E 24.3°N) from 1 mu to
// 100 ha.
func areaCases() []struct {
	name string
	mp   orb.MultiPolygon
} {
	const lon, lat = 109.4, 24.3
	oneMu := math.Sqrt(10000.0 / 15)
	return []struct {
		name string
		mp   orb.MultiPolygon
	}{
		{"1 mu square", orb.MultiPolygon{{localRing(lon, lat, square(oneMu)...)}}},
		{"13.6 mu pentagon", orb.MultiPolygon{{localRing(lon+0.01, lat-0.02, [][2]float64{{0, 0}, {90, -10}, {110, 50}, {60, 95}, {-15, 60}}...)}}},
		{"45 mu rotated rectangle", orb.MultiPolygon{{localRing(lon-0.03, lat+0.01, [][2]float64{{0, 0}, {200, 100}, {140, 220}, {-60, 120}}...)}}},
		{"100 ha square", orb.MultiPolygon{{localRing(lon, lat, square(1000)...)}}},
		{"100 ha with a 6 ha hole", orb.MultiPolygon{{
			localRing(lon+0.05, lat+0.05, square(1000)...),
			localRing(lon+0.0520, lat+0.0520, [][2]float64{{0, 0}, {0, 300}, {200, 300}, {200, 0}}...),
		}}},
		{"two lots", orb.MultiPolygon{
			{localRing(lon, lat-0.05, square(120)...)},
			{localRing(lon+0.002, lat-0.05, [][2]float64{{0, 0}, {80, 0}, {80, 150}, {0, 120}}...)},
		}},
	}
}

// debianPython returns the system Python 3, where Debian's python3-pyproj
// installs, in preference to another python3 earlier on PATH.
func debianPython(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3"
	}
	return requireTool(t, "python3", "python3")
}

// geodArea computes the geodesic area of mp on GRS80 (CGCS2000's a and f)
// with pyproj's Geod, an implementation independent of this package
// (Karney's geodesic algorithms in PROJ).
func geodArea(t *testing.T, mps []orb.MultiPolygon) []float64 {
	t.Helper()
	py := debianPython(t)
	script := `
import json, sys
try:
    from pyproj import Geod
except ImportError:
    sys.exit("pyproj missing: install the Debian package python3-pyproj")
g = Geod(ellps="GRS80")
out = []
for mp in json.load(sys.stdin):
    total = 0.0
    for poly in mp:
        for i, ring in enumerate(poly):
            a, _ = g.polygon_area_perimeter([p[0] for p in ring], [p[1] for p in ring])
            total += abs(a) if i == 0 else -abs(a)
    out.append(total)
json.dump(out, sys.stdout)
`
	in, err := json.Marshal(mps)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "-c", script)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 pyproj area: %v: %s (the Debian package python3-pyproj provides pyproj)", err, stderr.String())
	}
	var areas []float64
	if err := json.Unmarshal(out, &areas); err != nil {
		t.Fatalf("pyproj output %q: %v", out, err)
	}
	return areas
}

// TestEllipsoidAreaAgainstPyproj compares with geodesic areas from pyproj
// within 0.01%, the bound the land bureau's survey tolerance asks for.
func TestEllipsoidAreaAgainstPyproj(t *testing.T) {
	cases := areaCases()
	mps := make([]orb.MultiPolygon, len(cases))
	for i, c := range cases {
		mps[i] = c.mp
	}
	want := geodArea(t, mps)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := EllipsoidArea(c.mp)
			rel := math.Abs(got-want[i]) / want[i]
			if rel > 1e-4 {
				t.Fatalf("EllipsoidArea = %.4f m², pyproj %.4f m²: relative difference %.2g", got, want[i], rel)
			}
			t.Logf("%.4f m² (%.3f mu), pyproj %.4f m², relative difference %.2g", got, got*15/10000, want[i], rel)
		})
	}
}

// TestPlanarAreaGaussKruger checks that the Gauss-Krüger plane area is
// the ellipsoid area times the square of the point scale factor
// k = 1 + x²/(2R²) + x⁴/(24R⁴) (x from the central meridian, R² = ρν),
// about 0.05% larger at Liuzhou. The 2e-6 tolerance covers k varying
// across a 1 km parcel (x·Δx/R² ≈ 2e-6 at the edges, averaging out to
// ~1e-8) and the series terms left out (order x⁶/R⁶ ≈ 1e-10).
func TestPlanarAreaGaussKruger(t *testing.T) {
	for _, c := range areaCases() {
		for _, zone := range []crs.CRS{{EPSG: 4545}, {EPSG: 4524}} {
			t.Run(c.name+" "+zone.String(), func(t *testing.T) {
				proj := make(orb.MultiPolygon, len(c.mp))
				var sumE, sumLat float64
				var n int
				for i, poly := range c.mp {
					for _, ring := range poly {
						pr := make(orb.Ring, len(ring))
						for k, p := range ring {
							pr[k][0], pr[k][1] = zone.FromLonLat(p[0], p[1])
							if k > 0 {
								sumE += pr[k][0]
								sumLat += p[1]
								n++
							}
						}
						proj[i] = append(proj[i], pr)
					}
				}
				x := sumE/float64(n) - zone.FalseEasting()
				phi := sumLat / float64(n) * math.Pi / 180
				w := 1 - ellE2*math.Sin(phi)*math.Sin(phi)
				r2 := crs.SemiMajorAxis * crs.SemiMajorAxis * (1 - ellE2) / (w * w) // ρν
				k := 1 + x*x/(2*r2) + x*x*x*x/(24*r2*r2)
				ratio := PlanarArea(proj) / EllipsoidArea(c.mp)
				if math.Abs(ratio-k*k) > 2e-6 {
					t.Fatalf("plane/ellipsoid area ratio %.8f, want k² = %.8f", ratio, k*k)
				}
				if ratio-1 < 4e-4 || ratio-1 > 6e-4 {
					t.Fatalf("plane area %.4f%% larger, docs/geodesy.md, \"Areas\", says about 0.05%%", (ratio-1)*100)
				}
			})
		}
	}
}

func TestAreaRules(t *testing.T) {
	const lon, lat = 109.4, 24.3
	ccw := localRing(lon, lat, square(100)...)
	cw := ccw.Clone()
	cw.Reverse()
	hole := localRing(lon+0.0002, lat+0.0002, square(20)...)
	holeCW := hole.Clone()
	holeCW.Reverse()
	whole := EllipsoidArea(orb.MultiPolygon{{ccw}})
	holeArea := EllipsoidArea(orb.MultiPolygon{{hole}})
	tests := []struct {
		name string
		mp   orb.MultiPolygon
		want float64
	}{
		{"empty", orb.MultiPolygon{}, 0},
		{"clockwise exterior counts the same", orb.MultiPolygon{{cw}}, whole},
		{"hole subtracted", orb.MultiPolygon{{ccw, holeCW}}, whole - holeArea},
		{"hole subtracted whatever its winding", orb.MultiPolygon{{cw, hole}}, whole - holeArea},
		{"polygons add", orb.MultiPolygon{{ccw}, {hole}}, whole + holeArea},
		{"degenerate ring", orb.MultiPolygon{{{{lon, lat}, {lon, lat}}}}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// 1e-9 relative: the same sums taken in another order.
			if got := EllipsoidArea(tc.mp); math.Abs(got-tc.want) > 1e-9*math.Max(1, tc.want) {
				t.Fatalf("EllipsoidArea = %.9f, want %.9f", got, tc.want)
			}
		})
	}
	if whole < 9900 || whole > 10100 {
		t.Fatalf("100 m square has %.1f m²", whole)
	}
	planar := orb.MultiPolygon{{{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}}, {{2, 2}, {4, 2}, {4, 4}, {2, 4}, {2, 2}}}}
	if got := PlanarArea(planar); got != 96 {
		t.Fatalf("PlanarArea = %v, want 96", got)
	}
}

// requireTool returns the path of an external program the test needs and
// fails the test, naming the Debian package, when it is missing.
func requireTool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found on PATH: install the Debian package %s (apt-get install %s)", name, debianPackage, debianPackage)
	}
	return p
}
