package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// zoneSpec places and names one development zone.
type zoneSpec struct {
	Name   string // zone name as the property "zone" gives it
	Prefix string // parcel-number prefix
	// Padded writes block and parcel numbers with two digits
	// (LD-A-08-01) rather than as they are (HX-A-8-1).
	Padded bool
	// EdgeLon is the zone's west edge (WestEdge) or east edge, degrees.
	EdgeLon  float64
	WestEdge bool
	// CentreLat is the latitude of the zone's middle, degrees.
	CentreLat float64
	// RotateDeg turns the street grid counter-clockwise, degrees.
	RotateDeg float64
	// Road formats the name of a row's frontage road from a numeral.
	Road string
	// PriceLo and PriceHi bound the benchmark land price, 元/m².
	PriceLo, PriceHi float64
	// Share is the zone's share of the parcels.
	Share float64
}

// zones are the two cores of Liuzhou's high-tech zones. 柳东 lies east of
// the 3-degree Gauss-Krüger boundary at 109.5°E (zone 37, EPSG:4546),
// 河西 west of it (zone 36, EPSG:4545); neither straddles it.
var zones = []zoneSpec{
	{Name: "柳州国家高新区", Prefix: "LD", Padded: true, EdgeLon: 109.505, WestEdge: true, CentreLat: 24.37, RotateDeg: -9,
		Road: "车园横%s路", PriceLo: 180, PriceHi: 450, Share: 0.6},
	{Name: "河西柳州高新区", Prefix: "HX", Padded: false, EdgeLon: 109.455, WestEdge: false, CentreLat: 24.33, RotateDeg: 14,
		Road: "河西工业横%s路", PriceLo: 150, PriceHi: 380, Share: 0.4},
}

// kind is how a parcel was cut from its block.
type kind int

const (
	kindStrip   kind = iota // one of the quadrilateral strips of a block
	kindLarge               // a whole block of 200–600 亩, to be subdivided
	kindL                   // the L-shaped part of a block
	kindCorner              // the corner left beside an L-shaped parcel
	kindOuter               // a block with a hole around an enclave
	kindEnclave             // the enclave inside an outer parcel
	kindListed              // the listed parcel 河西工业四区 A-8-1
)

// listedAreaM2 is the area of parcel A-8-1 in 柳土交告字〔2025〕28号
// (61 671.73 m², 92.51 亩).
const listedAreaM2 = 61671.73

// The listed parcel is block 8 of row A of 河西; the row reaches it
// whatever the widths of the blocks before it.
const listedBlock = 8

func listedRow(spec zoneSpec, row, block int) bool {
	return spec.Prefix == "HX" && row == 0 && block <= listedBlock
}

// lot is one parcel as laid out, in the zone's local plane (metres, x east
// and y north before the grid is turned).
type lot struct {
	zone  int
	id    string
	kind  kind
	rings [][][2]float64 // exterior counter-clockwise, then holes clockwise
	area  float64        // plane area, m²
	road  string
}

// Gaps between blocks: every third street is a main road.
const (
	streetGap = 24.0
	mainGap   = 40.0
	rowGap    = 36.0
)

// layoutZone lays out n parcels of zone z in rows of blocks.
func layoutZone(rng *rand.Rand, z int, n int) []lot {
	spec := zones[z]
	rowLen := math.Max(3000, math.Sqrt(float64(n)*40000))
	lots := make([]lot, 0, n)
	nblocks := 0
	y := 0.0
	for row := 0; len(lots) < n; row++ {
		depth := 200 + 120*rng.Float64()
		road := fmt.Sprintf(spec.Road, numeral(row+1))
		x := 0.0
		for block := 1; (x < rowLen || listedRow(spec, row, block)) && len(lots) < n; block++ {
			left := n - len(lots)
			name := func(j int) string {
				if spec.Padded {
					return fmt.Sprintf("%s-%s-%02d-%02d", spec.Prefix, letters(row), block, j)
				}
				return fmt.Sprintf("%s-%s-%d-%d", spec.Prefix, letters(row), block, j)
			}
			var (
				made  []lot
				width float64
			)
			u := rng.Float64()
			nblocks++
			switch {
			case listedRow(spec, row, block) && block == listedBlock:
				made, width = strips(rng, []float64{listedAreaM2}, math.Min(depth, 260), false)
				made[0].kind = kindListed
			case nblocks%largeEvery == largeEvery/2:
				a := (200 + 400*rng.Float64()*rng.Float64()) * muM2
				made, width = strips(rng, []float64{a}, depth, false)
				made[0].kind = kindLarge
			case u < 0.035 && left >= 2:
				made, width = lShape(rng, depth)
			case u < 0.06 && left >= 2:
				made, width = holed(rng, depth)
			default:
				k := pickWeighted(rng, []float64{0.10, 0.20, 0.30, 0.25, 0.15}) + 1
				k = min(k, left)
				areas := make([]float64, k)
				for i := range areas {
					areas[i] = parcelAreaMu(rng) * muM2
				}
				made, width = strips(rng, areas, depth, true)
			}
			for j := range made {
				made[j].zone, made[j].id, made[j].road = z, name(j+1), road
				translate(made[j].rings, x, y)
			}
			lots = append(lots, made...)
			gap := streetGap
			if block%3 == 0 {
				gap = mainGap
			}
			x += width + gap
		}
		y += depth + rowGap
	}
	return lots
}

// largeEvery places one large parcel of 200–600 亩 in every so many blocks
// of a zone (about one parcel in eighty).
const largeEvery = 25

// muM2 is one 亩 in square metres.
const muM2 = 10000.0 / 15.0

// parcelAreaMu draws an ordinary parcel's area: log-normal around 15 亩,
// kept within 10–150 亩.
func parcelAreaMu(rng *rand.Rand) float64 {
	return math.Min(150, math.Max(10, 15*math.Exp(0.6*rng.NormFloat64())))
}

// strips cuts a block into quadrilateral strips of the given areas (m²),
// side by side, with slanted cuts when slant is true. It returns the
// parcels (from x = 0) and the block's width.
func strips(rng *rand.Rand, areas []float64, maxDepth float64, slant bool) ([]lot, float64) {
	k := len(areas)
	total := 0.0
	for _, a := range areas {
		total += a
	}
	depth := math.Min(maxDepth, math.Max(120, math.Sqrt(total/float64(k)*1.6)))
	c := make([]float64, k+1) // cut positions along the bottom, unslanted
	for i, a := range areas {
		c[i+1] = c[i] + a/depth
	}
	d := make([]float64, k+1) // slant of each cut: bottom +d, top -d
	if slant {
		d[0], d[k] = 12*rng.Float64()-6, 12*rng.Float64()-6
		for i := 1; i < k; i++ {
			w := math.Min(c[i]-c[i-1], c[i+1]-c[i])
			d[i] = (rng.Float64()*0.3 - 0.15) * w
		}
	}
	shift := math.Abs(d[0])
	out := make([]lot, k)
	for i := 1; i <= k; i++ {
		b0, b1 := shift+c[i-1]+d[i-1], shift+c[i]+d[i]
		t0, t1 := shift+c[i-1]-d[i-1], shift+c[i]-d[i]
		ring := [][2]float64{{b0, 0}, {b1, 0}, {t1, depth}, {t0, depth}, {b0, 0}}
		out[i-1] = lot{kind: kindStrip, rings: [][][2]float64{ring}, area: areas[i-1]}
	}
	return out, c[k] + math.Abs(d[0]) + math.Abs(d[k])
}

// lShape cuts a block into an L-shaped parcel and the corner beside it.
func lShape(rng *rand.Rand, maxDepth float64) ([]lot, float64) {
	w := 260 + 120*rng.Float64()
	h := math.Min(maxDepth, 200+100*rng.Float64())
	cw := w * (0.35 + 0.15*rng.Float64())
	ch := h * (0.40 + 0.15*rng.Float64())
	l := [][2]float64{{0, 0}, {w, 0}, {w, h - ch}, {w - cw, h - ch}, {w - cw, h}, {0, h}, {0, 0}}
	corner := [][2]float64{{w - cw, h - ch}, {w, h - ch}, {w, h}, {w - cw, h}, {w - cw, h - ch}}
	return []lot{
		{kind: kindL, rings: [][][2]float64{l}, area: w*h - cw*ch},
		{kind: kindCorner, rings: [][][2]float64{corner}, area: cw * ch},
	}, w
}

// holed makes a block with an enclave: the outer parcel has a hole exactly
// where the enclave parcel lies.
func holed(rng *rand.Rand, maxDepth float64) ([]lot, float64) {
	w := 300 + 120*rng.Float64()
	h := math.Min(maxDepth, 220+80*rng.Float64())
	iw, ih := 80+30*rng.Float64(), 70+20*rng.Float64()
	ix := (w-iw)/2 + 60*rng.Float64() - 30
	iy := (h-ih)/2 + 40*rng.Float64() - 20
	shell := [][2]float64{{0, 0}, {w, 0}, {w, h}, {0, h}, {0, 0}}
	hole := [][2]float64{{ix, iy}, {ix, iy + ih}, {ix + iw, iy + ih}, {ix + iw, iy}, {ix, iy}}
	inner := [][2]float64{{ix, iy}, {ix + iw, iy}, {ix + iw, iy + ih}, {ix, iy + ih}, {ix, iy}}
	return []lot{
		{kind: kindOuter, rings: [][][2]float64{shell, hole}, area: w*h - iw*ih},
		{kind: kindEnclave, rings: [][][2]float64{inner}, area: iw * ih},
	}, w
}

func translate(rings [][][2]float64, dx, dy float64) {
	for _, r := range rings {
		for i := range r {
			r[i][0] += dx
			r[i][1] += dy
		}
	}
}

// pickWeighted returns an index drawn with the given weights (summing to 1).
func pickWeighted(rng *rand.Rand, w []float64) int {
	u := rng.Float64()
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

// letters names row r as spreadsheet columns are named: A…Z, AA, AB, …
func letters(r int) string {
	s := ""
	for r++; r > 0; r = (r - 1) / 26 {
		s = string(rune('A'+(r-1)%26)) + s
	}
	return s
}

// numeral writes 1…99 in Chinese numerals and larger numbers in digits.
func numeral(n int) string {
	d := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return d[n]
	case n < 20:
		return "十" + d[n%10]
	case n < 100:
		return d[n/10] + "十" + d[n%10]
	}
	return fmt.Sprint(n)
}

// projector maps a zone's local plane to longitude and latitude: the grid
// is turned by the zone's angle, then placed with the zone's edge at
// EdgeLon and its middle at CentreLat, at the CGCS2000 radii of curvature
// of that latitude. The map is affine, so parcels that do not overlap in
// the plane do not overlap in longitude and latitude.
type projector struct {
	cos, sin       float64
	xEdge, yMid    float64
	lon0, lat0     float64
	degPerX, degPY float64
}

func newProjector(spec zoneSpec, lots []lot) projector {
	th := spec.RotateDeg * math.Pi / 180
	p := projector{cos: math.Cos(th), sin: math.Sin(th), lon0: spec.EdgeLon, lat0: spec.CentreLat}
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, l := range lots {
		for _, pt := range l.rings[0] {
			x, y := p.turn(pt)
			minX, maxX = math.Min(minX, x), math.Max(maxX, x)
			minY, maxY = math.Min(minY, y), math.Max(maxY, y)
		}
	}
	p.xEdge, p.yMid = maxX, (minY+maxY)/2
	if spec.WestEdge {
		p.xEdge = minX
	}
	const a, f = 6378137.0, 1 / 298.257222101 // CGCS2000
	e2 := f * (2 - f)
	phi := spec.CentreLat * math.Pi / 180
	w := 1 - e2*math.Sin(phi)*math.Sin(phi)
	m := a * (1 - e2) / math.Pow(w, 1.5) // meridian radius of curvature
	n := a / math.Sqrt(w)                // prime-vertical radius of curvature
	p.degPY = 180 / math.Pi / m
	p.degPerX = 180 / math.Pi / (n * math.Cos(phi))
	return p
}

func (p projector) turn(pt [2]float64) (float64, float64) {
	return pt[0]*p.cos - pt[1]*p.sin, pt[0]*p.sin + pt[1]*p.cos
}

// lonLat maps a local point to degrees rounded to 1e-7° (about 1 cm).
// Equal points map to equal degrees, so shared edges stay shared.
func (p projector) lonLat(pt [2]float64) (float64, float64) {
	x, y := p.turn(pt)
	lon := p.lon0 + (x-p.xEdge)*p.degPerX
	lat := p.lat0 + (y-p.yMid)*p.degPY
	return math.Round(lon*1e7) / 1e7, math.Round(lat*1e7) / 1e7
}
