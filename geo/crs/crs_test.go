package crs

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

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

func TestParseCRS(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want      int
		projected bool
		wantErr   bool
	}{
		{"empty is lon/lat", "", 0, false, false},
		{"blank is lon/lat", "  ", 0, false, false},
		{"WGS 84", "EPSG:4326", 4326, false, false},
		{"CGCS2000 geographic", "EPSG:4490", 4490, false, false},
		{"GK CM 108", "EPSG:4545", 4545, true, false},
		{"GK CM 111", "EPSG:4546", 4546, true, false},
		{"GK zone 36", "EPSG:4524", 4524, true, false},
		{"GK zone 37", "EPSG:4525", 4525, true, false},
		{"bare number", "4545", 4545, true, false},
		{"lower case prefix", "epsg:4546", 4546, true, false},
		{"URN", "urn:ogc:def:crs:EPSG::4545", 4545, true, false},
		{"CRS84 URN", "urn:ogc:def:crs:OGC:1.3:CRS84", 4326, false, false},
		{"web mercator rejected", "EPSG:3857", 0, false, true},
		{"6-degree zone rejected", "EPSG:4493", 0, false, true},
		{"garbage rejected", "Gauss", 0, false, true},
		{"prefix only rejected", "EPSG:", 0, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseCRS(tc.in)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("ParseCRS(%q) = %v, want error", tc.in, c)
				}
				for _, code := range []string{"EPSG:4326", "EPSG:4490", "EPSG:4545", "EPSG:4546", "EPSG:4524", "EPSG:4525"} {
					if !strings.Contains(err.Error(), code) {
						t.Errorf("error %q does not list %s", err, code)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseCRS(%q): %v", tc.in, err)
			}
			if c.EPSG != tc.want || c.Projected() != tc.projected {
				t.Fatalf("ParseCRS(%q) = %+v projected %v, want EPSG %d projected %v", tc.in, c, c.Projected(), tc.want, tc.projected)
			}
			if tc.want != 0 {
				back, err := ParseCRS(c.String())
				if err != nil || back != c {
					t.Fatalf("ParseCRS(%q.String() = %q) = %v, %v", tc.in, c.String(), back, err)
				}
			}
		})
	}
}

// TestTransverseMercatorVectors checks the four vectors of docs/geodesy.md, "The projection",
// computed by PROJ 9.1.1 cs2cs (GRS80, which has CGCS2000's a and f) and
// printed to 6 decimals; the tolerance allows for that rounding (5e-7 m)
// plus the nanometre differences between two evaluations of the same
// series.
func TestTransverseMercatorVectors(t *testing.T) {
	const tol = 2e-6 // metres
	tests := []struct {
		name     string
		crs      CRS
		lon, lat float64
		e, n     float64
	}{
		{"Liuzhou centre", CRS{4545}, 109.4, 24.3, 642129.727111, 2689231.438153},
		{"on the central meridian", CRS{4545}, 108, 24.3, 500000.000000, 2688516.771463},
		{"1.5 degrees east", CRS{4545}, 109.5, 24.3, 652283.343649, 2689337.203971},
		{"2.1 degrees east", CRS{4545}, 110.1, 23.9, 713875.907001, 2645801.329679},
		{"zone-prefixed easting", CRS{4524}, 109.4, 24.3, 36642129.727111, 2689231.438153},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, n := tc.crs.FromLonLat(tc.lon, tc.lat)
			if math.Abs(e-tc.e) > tol || math.Abs(n-tc.n) > tol {
				t.Errorf("FromLonLat(%v, %v) = (%.6f, %.6f), want (%.6f, %.6f)", tc.lon, tc.lat, e, n, tc.e, tc.n)
			}
			lon, lat := tc.crs.ToLonLat(tc.e, tc.n)
			// 2e-6 m is about 2e-11 degrees.
			if math.Abs(lon-tc.lon) > 2e-11 || math.Abs(lat-tc.lat) > 2e-11 {
				t.Errorf("ToLonLat(%.6f, %.6f) = (%.12f, %.12f), want (%v, %v)", tc.e, tc.n, lon, lat, tc.lon, tc.lat)
			}
		})
	}
}

func TestLonLatCRSIsIdentity(t *testing.T) {
	for _, c := range []CRS{{}, {4326}, {4490}} {
		if x, y := c.FromLonLat(109.4, 24.3); x != 109.4 || y != 24.3 {
			t.Errorf("%v.FromLonLat changed coordinates: %v %v", c, x, y)
		}
		if x, y := c.ToLonLat(109.4, 24.3); x != 109.4 || y != 24.3 {
			t.Errorf("%v.ToLonLat changed coordinates: %v %v", c, x, y)
		}
	}
	if x, _ := (CRS{3857}).ToLonLat(1, 2); !math.IsNaN(x) {
		t.Errorf("unsupported CRS converted to %v, want NaN", x)
	}
}

// guangxiGrid is a grid over Guangxi (lon 104.5–112.1, lat 20.9–26.4).
func guangxiGrid() [][2]float64 {
	var pts [][2]float64
	for i := 0; i <= 38; i++ {
		lon := 104.5 + 0.2*float64(i)
		for j := 0; j <= 22; j++ {
			lat := 20.9 + 0.25*float64(j)
			pts = append(pts, [2]float64{lon, lat})
		}
	}
	return pts
}

// runCS2CS transforms pts with PROJ's cs2cs between two +proj strings,
// both in x/y (longitude/easting first) order.
func runCS2CS(t *testing.T, from, to string, pts [][2]float64) [][2]float64 {
	t.Helper()
	bin := requireTool(t, "cs2cs", "proj-bin")
	args := append(strings.Fields(from), "+to")
	args = append(args, strings.Fields(to)...)
	args = append([]string{"-f", "%.10f"}, args...)
	var in bytes.Buffer
	for _, p := range pts {
		fmt.Fprintf(&in, "%.12f %.12f\n", p[0], p[1])
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("cs2cs %s: %v", strings.Join(args, " "), err)
	}
	var res [][2]float64
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			t.Fatalf("cs2cs output line %q", sc.Text())
		}
		x, err1 := strconv.ParseFloat(f[0], 64)
		y, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("cs2cs output line %q", sc.Text())
		}
		res = append(res, [2]float64{x, y})
	}
	if len(res) != len(pts) {
		t.Fatalf("cs2cs returned %d points for %d", len(res), len(pts))
	}
	return res
}

// TestTransverseMercatorAgainstPROJ compares both directions, both zones,
// with PROJ's cs2cs on a grid over Guangxi. The brief's bound is 1 mm; the
// PROJ algorithm is named explicitly so that the comparison does not
// depend on proj.ini.
func TestTransverseMercatorAgainstPROJ(t *testing.T) {
	const tol = 0.001 // metres
	const ell = "+a=6378137 +rf=298.257222101"
	grid := guangxiGrid()
	for _, c := range []CRS{{4545}, {4546}, {4524}, {4525}} {
		z := zones[c.EPSG]
		tm := fmt.Sprintf("+proj=tmerc +algo=poder_engsager +lat_0=0 +lon_0=%g +k=1 +x_0=%g +y_0=0 %s +units=m +no_defs", z.lon0, z.falseEasting, ell)
		ll := "+proj=longlat " + ell + " +no_defs"
		t.Run(c.String()+" forward", func(t *testing.T) {
			want := runCS2CS(t, ll, tm, grid)
			worst := 0.0
			for i, p := range grid {
				e, n := c.FromLonLat(p[0], p[1])
				d := math.Hypot(e-want[i][0], n-want[i][1])
				worst = math.Max(worst, d)
				if d > tol {
					t.Errorf("FromLonLat(%v, %v) = (%.4f, %.4f), PROJ (%.4f, %.4f): %.2g m apart", p[0], p[1], e, n, want[i][0], want[i][1], d)
				}
			}
			t.Logf("largest difference from PROJ: %.3g m", worst)
		})
		t.Run(c.String()+" inverse", func(t *testing.T) {
			proj := make([][2]float64, len(grid))
			for i, p := range grid {
				proj[i][0], proj[i][1] = c.FromLonLat(p[0], p[1])
			}
			want := runCS2CS(t, tm, ll, proj)
			worst := 0.0
			for i, p := range proj {
				lon, lat := c.ToLonLat(p[0], p[1])
				// Degrees to metres: 111 km per degree of latitude, scaled
				// by cos(lat) for longitude.
				dy := (lat - want[i][1]) * 111000
				dx := (lon - want[i][0]) * 111000 * math.Cos(lat*math.Pi/180)
				d := math.Hypot(dx, dy)
				worst = math.Max(worst, d)
				if d > tol {
					t.Errorf("ToLonLat(%.4f, %.4f) = (%.10f, %.10f), PROJ (%.10f, %.10f): %.2g m apart", p[0], p[1], lon, lat, want[i][0], want[i][1], d)
				}
			}
			t.Logf("largest difference from PROJ: %.3g m", worst)
		})
	}
}

// TestSRSDefinitionMatchesGDAL compares the embedded WKT1 with what
// gdalsrsinfo prints for each code.
func TestSRSDefinitionMatchesGDAL(t *testing.T) {
	bin := requireTool(t, "gdalsrsinfo", "gdal-bin")
	for _, code := range acceptedCRS {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			s, ok := SRSDefinition(code)
			if !ok {
				t.Fatalf("SRSDefinition(%d) missing", code)
			}
			if s.ID != code || s.Organization != "EPSG" || s.Name == "" || s.Description == "" {
				t.Fatalf("SRSDefinition(%d) = %+v", code, s)
			}
			out, err := exec.Command(bin, "--single-line", "-o", "wkt1", "EPSG:"+strconv.Itoa(code)).Output()
			if err != nil {
				t.Fatalf("gdalsrsinfo EPSG:%d: %v", code, err)
			}
			if got, want := s.Definition, strings.TrimSpace(string(out)); got != want {
				t.Fatalf("definition\n got %s\nwant %s", got, want)
			}
			if !strings.Contains(s.Definition, `"`+s.Name+`"`) {
				t.Errorf("name %q not in definition", s.Name)
			}
		})
	}
	if _, ok := SRSDefinition(3857); ok {
		t.Error("SRSDefinition(3857) found")
	}
}
