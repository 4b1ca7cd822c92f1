package crs

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// CGCS2000 ellipsoid (identical in a and f to GRS80 as PROJ defines it).
const (
	// SemiMajorAxis is the CGCS2000 semi-major axis a in metres.
	SemiMajorAxis = 6378137.0
	// InverseFlattening is the CGCS2000 inverse flattening 1/f.
	InverseFlattening = 298.257222101
)

// CRS is a coordinate reference system accepted for input coordinates.
// The zero value means longitude/latitude degrees (EPSG:4326 or EPSG:4490,
// which coincide to well under a metre for parcels).
type CRS struct {
	// EPSG is the EPSG code; 0 means longitude/latitude.
	EPSG int
}

// acceptedCRS lists the codes ParseCRS accepts, in the order error
// messages list them.
var acceptedCRS = []int{4326, 4490, 4545, 4546, 4524, 4525}

// tmZone is one CGCS2000 3-degree Gauss-Krüger zone.
type tmZone struct {
	lon0         float64 // central meridian, degrees
	falseEasting float64 // metres
}

var zones = map[int]tmZone{
	4545: {108, 500000},
	4546: {111, 500000},
	4524: {108, 36500000},
	4525: {111, 37500000},
}

// FalseEasting is the false easting of a projected CRS in metres (with
// the zone number prefix where the CRS carries one), 0 for lon/lat.
func (c CRS) FalseEasting() float64 {
	return zones[c.EPSG].falseEasting
}

// ParseCRS parses a CRS name: "" (longitude/latitude), "EPSG:4326" or
// "EPSG:4490" (longitude/latitude), "EPSG:4545" or "EPSG:4546" (CGCS2000
// 3-degree Gauss-Krüger, central meridian 108°E / 111°E, false easting
// 500 000 m), "EPSG:4524" or "EPSG:4525" (the same zones with the zone
// number 36 / 37 prefixed to the easting). The "EPSG:" prefix is
// case-insensitive and may be omitted; the OGC URN forms
// "urn:ogc:def:crs:EPSG::4545" and "urn:ogc:def:crs:OGC:1.3:CRS84" (which
// old GeoJSON files carry in their "crs" member) are accepted too.
func ParseCRS(s string) (CRS, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return CRS{}, nil
	}
	u := strings.ToUpper(t)
	switch u {
	case "CRS84", "OGC:CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:OGC::CRS84":
		return CRS{EPSG: 4326}, nil
	}
	for _, prefix := range []string{"URN:OGC:DEF:CRS:EPSG::", "URN:OGC:DEF:CRS:EPSG:", "EPSG::", "EPSG:"} {
		if strings.HasPrefix(u, prefix) {
			u = strings.TrimPrefix(u, prefix)
			break
		}
	}
	n, err := strconv.Atoi(u)
	if err == nil {
		for _, c := range acceptedCRS {
			if n == c {
				return CRS{EPSG: n}, nil
			}
		}
	}
	return CRS{}, fmt.Errorf("unsupported CRS %q: accepted are %s", s, AcceptedList())
}

// AcceptedList names the accepted CRSs, for messages.
func AcceptedList() string {
	var b strings.Builder
	for i, c := range acceptedCRS {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "EPSG:%d (%s)", c, crsTitle(c))
	}
	b.WriteString(" or empty for longitude/latitude")
	return b.String()
}

func crsTitle(epsg int) string {
	switch epsg {
	case 4326:
		return "WGS 84 longitude/latitude"
	case 4490:
		return "CGCS2000 longitude/latitude"
	case 4545:
		return "CGCS2000 Gauss-Krüger CM 108°E"
	case 4546:
		return "CGCS2000 Gauss-Krüger CM 111°E"
	case 4524:
		return "CGCS2000 Gauss-Krüger zone 36, CM 108°E"
	case 4525:
		return "CGCS2000 Gauss-Krüger zone 37, CM 111°E"
	}
	return "unknown"
}

// Projected reports whether coordinates in c are projected metres
// (easting, northing) rather than longitude/latitude degrees.
func (c CRS) Projected() bool {
	_, ok := zones[c.EPSG]
	return ok
}

// String returns "EPSG:N", or "lon/lat" for the zero CRS.
func (c CRS) String() string {
	if c.EPSG == 0 {
		return "lon/lat"
	}
	return "EPSG:" + strconv.Itoa(c.EPSG)
}

// ToLonLat converts a projected easting/northing in metres to longitude and
// latitude in degrees on the CGCS2000 ellipsoid. For a longitude/latitude
// CRS it returns its arguments unchanged; for a CRS ParseCRS does not
// accept it returns NaNs.
func (c CRS) ToLonLat(easting, northing float64) (lon, lat float64) {
	if !c.Projected() {
		if c.EPSG == 0 || c.EPSG == 4326 || c.EPSG == 4490 {
			return easting, northing
		}
		return math.NaN(), math.NaN()
	}
	z := zones[c.EPSG]
	return cgcs2000TM.inverse(z.lon0, easting-z.falseEasting, northing)
}

// FromLonLat converts longitude and latitude in degrees to easting and
// northing in metres in c. For a longitude/latitude CRS it returns its
// arguments unchanged; for a CRS ParseCRS does not accept it returns NaNs.
func (c CRS) FromLonLat(lon, lat float64) (easting, northing float64) {
	if !c.Projected() {
		if c.EPSG == 0 || c.EPSG == 4326 || c.EPSG == 4490 {
			return lon, lat
		}
		return math.NaN(), math.NaN()
	}
	z := zones[c.EPSG]
	x, y := cgcs2000TM.forward(z.lon0, lon, lat)
	return x + z.falseEasting, y
}

// transverseMercator holds the constants of the Krüger series to 6th order
// in the third flattening n for one ellipsoid, scale factor 1 and latitude
// of origin 0 (Karney 2011, "Transverse Mercator with an accuracy of a few
// nanometers", J. Geodesy 85, eqs. 7, 14, 35, 36; the same series PROJ's
// default Poder/Engsager tmerc evaluates).
type transverseMercator struct {
	e    float64    // eccentricity
	e2m  float64    // 1 - e²
	a1   float64    // rectifying radius A
	alp  [7]float64 // α1..α6, forward series (index 0 unused)
	bet  [7]float64 // β1..β6, inverse series (index 0 unused)
	name string
}

var cgcs2000TM = newTransverseMercator(SemiMajorAxis, 1/InverseFlattening, "CGCS2000")

func newTransverseMercator(a, f float64, name string) *transverseMercator {
	n := f / (2 - f)
	n2 := n * n
	n3 := n2 * n
	n4 := n3 * n
	n5 := n4 * n
	n6 := n5 * n
	t := &transverseMercator{name: name}
	e2 := f * (2 - f)
	t.e = math.Sqrt(e2)
	t.e2m = 1 - e2
	t.a1 = a / (1 + n) * (1 + n2/4 + n4/64 + n6/256)
	t.alp[1] = n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800
	t.alp[2] = 13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360
	t.alp[3] = 61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440
	t.alp[4] = 49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600
	t.alp[5] = 34729*n5/80640 - 3418889*n6/1995840
	t.alp[6] = 212378941 * n6 / 319334400
	t.bet[1] = n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800
	t.bet[2] = n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720
	t.bet[3] = 17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720
	t.bet[4] = 4397*n4/161280 - 11*n5/504 - 830251*n6/7257600
	t.bet[5] = 4583*n5/161280 - 108847*n6/3991680
	t.bet[6] = 20648693 * n6 / 638668800
	return t
}

// clenshawSin2 evaluates Σ_{j=1..6} c[j]·sin(2jζ) for complex ζ = ξ + iη by
// Clenshaw summation, returning the real and imaginary parts.
func clenshawSin2(c *[7]float64, xi, eta float64) (re, im float64) {
	s2, c2 := math.Sincos(2 * xi)
	sh2, ch2 := math.Sinh(2*eta), math.Cosh(2*eta)
	// sin(2ζ) and 2cos(2ζ) as complex numbers.
	sinZ := complex(s2*ch2, c2*sh2)
	twoCos := complex(2*c2*ch2, -2*s2*sh2)
	var y1, y2 complex128
	for j := 6; j >= 1; j-- {
		y1, y2 = twoCos*y1-y2+complex(c[j], 0), y1
	}
	r := sinZ * y1
	return real(r), imag(r)
}

// forward projects lon/lat degrees to (x, y) metres relative to the
// central meridian lon0 (no false easting).
func (t *transverseMercator) forward(lon0, lon, lat float64) (x, y float64) {
	phi := lat * math.Pi / 180
	lam := math.Remainder(lon-lon0, 360) * math.Pi / 180
	tau := math.Tan(phi)
	sig := math.Sinh(t.e * math.Atanh(t.e*tau/math.Hypot(1, tau)))
	taup := tau*math.Hypot(1, sig) - sig*math.Hypot(1, tau)
	sl, cl := math.Sincos(lam)
	xip := math.Atan2(taup, cl)
	etap := math.Asinh(sl / math.Hypot(taup, cl))
	dxi, deta := clenshawSin2(&t.alp, xip, etap)
	return t.a1 * (etap + deta), t.a1 * (xip + dxi)
}

// inverse converts (x, y) metres relative to the central meridian lon0 to
// lon/lat degrees.
func (t *transverseMercator) inverse(lon0, x, y float64) (lon, lat float64) {
	xi := y / t.a1
	eta := x / t.a1
	dxi, deta := clenshawSin2(&t.bet, xi, eta)
	xip, etap := xi-dxi, eta-deta
	sxip, cxip := math.Sincos(xip)
	shetap := math.Sinh(etap)
	taup := sxip / math.Hypot(shetap, cxip)
	lam := math.Atan2(shetap, cxip)
	tau := t.tauFromTaup(taup)
	lat = math.Atan(tau) * 180 / math.Pi
	lon = lon0 + lam*180/math.Pi
	return lon, lat
}

// tauFromTaup solves τ' = τ√(1+σ²) − σ√(1+τ²) for τ = tan φ by Newton's
// method (Karney 2011, eqs. 19–21); it converges to machine precision in
// two or three steps for any latitude of interest.
func (t *transverseMercator) tauFromTaup(taup float64) float64 {
	tau := taup
	for i := 0; i < 5; i++ {
		h1 := math.Hypot(1, tau)
		sig := math.Sinh(t.e * math.Atanh(t.e*tau/h1))
		tp := tau*math.Hypot(1, sig) - sig*h1
		dtau := (taup - tp) / math.Hypot(1, tp) * (1 + t.e2m*tau*tau) / (t.e2m * h1)
		tau += dtau
		if math.Abs(dtau) < 1e-15*math.Max(1, math.Abs(tau)) {
			break
		}
	}
	return tau
}
