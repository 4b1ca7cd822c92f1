package subdivide

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// Defaults used for zero fields of Settings.
const (
	// DefaultMinFrontage is the default least frontage of a lot, in metres.
	DefaultMinFrontage = 10.0
	// DefaultTolerance is the default relative area tolerance of a lot (0.1%).
	DefaultTolerance = 0.001
	// DefaultMaxAspect is the default aspect-ratio limit of a lot (1:4).
	DefaultMaxAspect = 4.0
	// DefaultMaxTries is the default budget of candidate rows tried.
	DefaultMaxTries = 2000
)

// Errors that Split wraps, so callers can tell bad input from a parcel that
// cannot be cut as asked.
var (
	// ErrInvalidInput marks a parcel that is not a valid polygon, a lot area
	// that is not a positive finite number, areas summing to more than the
	// parcel, or settings out of range.
	ErrInvalidInput = errors.New("invalid input")
	// ErrNoLayout marks valid input for which no guillotine layout gives
	// every lot one polygon of its area with the minimum frontage.
	ErrNoLayout = errors.New("no layout found")
)

// Settings tune Split. A nil *Settings means all defaults; a zero field
// means that field's default.
type Settings struct {
	// MinFrontage is the least length, in metres, of the parcel's exterior
	// boundary that each lot must touch (its road frontage). Holes of the
	// parcel do not count as frontage. Default DefaultMinFrontage (10 m).
	MinFrontage float64
	// Tolerance is the largest accepted relative difference between a lot's
	// area and its target, e.g. 0.001 for 0.1%. Line positions are found far
	// more precisely (1e-12 relative); the tolerance also lets the last lot
	// absorb a remainder smaller than Tolerance × its target rather than
	// leave a sliver. Must be below 0.5. Default DefaultTolerance (0.001).
	Tolerance float64
	// MaxAspect is the aspect ratio (long side over short side of the lot's
	// minimum-area bounding rectangle) a lot should stay within: layouts
	// whose lots all stay within it are searched first, and others only
	// when none is found. Must be at least 1. Default DefaultMaxAspect (4).
	MaxAspect float64
	// MaxTries bounds the number of candidate rows cut and checked in each
	// pass of the search (which backtracks when a choice leaves later lots
	// no valid row). Default DefaultMaxTries (2000).
	MaxTries int
}

// resolve returns the settings with defaults filled in, or an error naming
// the field out of range.
func (s *Settings) resolve() (Settings, error) {
	var c Settings
	if s != nil {
		c = *s
	}
	bad := func(name string, v any, want string) error {
		return fmt.Errorf("%w: settings: %s = %v: %s", ErrInvalidInput, name, v, want)
	}
	switch {
	case math.IsNaN(c.MinFrontage) || math.IsInf(c.MinFrontage, 0) || c.MinFrontage < 0:
		return c, bad("MinFrontage", c.MinFrontage, "want a finite length ≥ 0 m (0 for the default)")
	case math.IsNaN(c.Tolerance) || c.Tolerance < 0 || c.Tolerance >= 0.5:
		return c, bad("Tolerance", c.Tolerance, "want 0 ≤ tolerance < 0.5 (0 for the default)")
	case math.IsNaN(c.MaxAspect) || math.IsInf(c.MaxAspect, 0) || (c.MaxAspect != 0 && c.MaxAspect < 1):
		return c, bad("MaxAspect", c.MaxAspect, "want a finite ratio ≥ 1 (0 for the default)")
	case c.MaxTries < 0:
		return c, bad("MaxTries", c.MaxTries, "want a count ≥ 0 (0 for the default)")
	}
	if c.MinFrontage == 0 {
		c.MinFrontage = DefaultMinFrontage
	}
	if c.Tolerance == 0 {
		c.Tolerance = DefaultTolerance
	}
	if c.MaxAspect == 0 {
		c.MaxAspect = DefaultMaxAspect
	}
	if c.MaxTries == 0 {
		c.MaxTries = DefaultMaxTries
	}
	return c, nil
}

// Result is a parcel cut into lots.
type Result struct {
	// Lots holds one polygon per requested area, in the order of the areas,
	// exterior ring counter-clockwise and holes clockwise, rings closed.
	Lots []orb.Polygon
	// Remainder is the part of the parcel in no lot (empty when the lots
	// fill it), oriented like Lots.
	Remainder orb.MultiPolygon
	// Stats measures the lots and the remainder.
	Stats Stats
}

// Stats measures a subdivision. Areas are in m², lengths in m.
type Stats struct {
	// ParcelArea is the planar area of the parcel (holes excluded).
	ParcelArea float64
	// RemainderArea is the area of the remainder.
	RemainderArea float64
	// RemainderFrontage is the length of parcel exterior boundary the
	// remainder touches.
	RemainderFrontage float64
	// Axis is the unit direction of the long side of the parcel's
	// minimum-area bounding rectangle, the u axis of the layout.
	Axis orb.Point
	// Rows is the number of rows the lots were placed in.
	Rows int
	// Tries is the number of candidate rows cut and checked in the search
	// pass that found the layout.
	Tries int
	// Lots measures each lot, in the order of the areas.
	Lots []LotStats
}

// LotStats measures one lot.
type LotStats struct {
	// Target is the requested area.
	Target float64
	// Area is the lot's planar area (holes excluded).
	Area float64
	// RelError is (Area − Target) / Target.
	RelError float64
	// PolsbyPopper is 4πA/P² with P the whole boundary length, holes
	// included: π/4 ≈ 0.785 for a square, 0.503 for a 1:4 rectangle.
	PolsbyPopper float64
	// Rectangularity is Area over the area of the lot's minimum-area
	// bounding rectangle: 1 for a rectangle.
	Rectangularity float64
	// Aspect is the long side over the short side of that rectangle.
	Aspect float64
	// Frontage is the length of the parcel's exterior boundary the lot
	// touches.
	Frontage float64
	// Row is the 0-based row the lot was placed in.
	Row int
}

// Split cuts lots of the given areas (m², in the parcel's planar units
// squared) out of the parcel, in planar coordinates. Each lot is one
// polygon whose area is within Settings.Tolerance of its target and which
// touches the parcel's exterior boundary over at least Settings.MinFrontage;
// lots do not overlap, and lots and remainder together tile the parcel. The
// method is described in the package documentation. The same input always
// gives the same output.
//
// Errors wrap ErrInvalidInput (an invalid parcel, an area that is not a
// positive finite number, areas summing to more than the parcel, settings
// out of range) or ErrNoLayout (no layout found within Settings.MaxTries).
func Split(parcel orb.Polygon, areas []float64, s *Settings) (Result, error) {
	cfg, err := s.resolve()
	if err != nil {
		return Result{}, err
	}
	for i, a := range areas {
		if !(a > 0) || math.IsInf(a, 0) {
			return Result{}, fmt.Errorf("%w: areas[%d] = %v: a lot area must be a positive finite number of m²", ErrInvalidInput, i, a)
		}
	}
	p, origin, err := parcelPoly(parcel)
	if err != nil {
		return Result{}, err
	}
	total := p.area()
	var sum float64
	for _, a := range areas {
		sum += a
	}
	// 1e-9 relative: areas meant to fill the parcel exactly may sum a few
	// ulps over its computed area.
	if sum > total*(1+1e-9) {
		return Result{}, fmt.Errorf("%w: lot areas sum to %.2f m², %.2f m² (%.4f%%) more than the parcel's %.2f m²",
			ErrInvalidInput, sum, sum-total, 100*(sum-total)/total, total)
	}

	whole := region{p}
	frame := minAreaRect(p[0])
	base := layout{
		cfg:     cfg,
		ext:     p[0],
		total:   total,
		eps:     1e-9 * whole.size(),
		epsArea: 1e-9 * total,
		dirs: [4]orb.Point{
			frame.u, {-frame.u[0], -frame.u[1]}, frame.v, {-frame.v[0], -frame.v[1]},
		},
		remAt: -1,
	}
	smallest := math.Inf(1)
	for _, a := range areas {
		smallest = math.Min(smallest, a)
	}
	items := append([]float64(nil), areas...)
	if leftover := total - sum; leftover > base.epsArea && leftover > cfg.Tolerance*smallest {
		items = append(items, leftover)
	}
	sr := searchPasses(&base, whole, items, len(areas))
	if !sr.ok {
		why := sr.l.lastWhy
		if sr.l.tries >= cfg.MaxTries {
			why = fmt.Sprintf("gave up after %d candidate rows; last: %s", sr.l.tries, why)
		}
		k := sr.order[sr.l.deepest]
		return Result{}, fmt.Errorf("%w: lot %d (%.2f m²): %s", ErrNoLayout, k, areas[k], why)
	}
	res := Result{
		Lots:      make([]orb.Polygon, len(areas)),
		Remainder: orb.MultiPolygon{},
		Stats: Stats{
			ParcelArea: total,
			Axis:       frame.u,
			Rows:       len(sr.rows),
			Tries:      sr.l.tries,
			Lots:       make([]LotStats, len(areas)),
		},
	}
	rest := sr.fill(&res, origin)
	res.Stats.RemainderArea = rest.area()
	res.Stats.RemainderFrontage = rest.frontage(p[0], base.eps)
	for _, q := range rest {
		res.Remainder = append(res.Remainder, q.toOrb(origin))
	}
	return res, nil
}

// parcelPoly returns the parcel as a poly relative to origin, the lower
// left corner of its exterior ring's bound, oriented, having checked that
// it is a valid polygon without spikes.
func parcelPoly(parcel orb.Polygon) (poly, orb.Point, error) {
	if len(parcel) == 0 || len(parcel[0]) == 0 {
		return nil, orb.Point{}, fmt.Errorf("%w: parcel has no exterior ring", ErrInvalidInput)
	}
	origin := parcel[0][0]
	for _, q := range parcel[0] {
		origin = orb.Point{math.Min(origin[0], q[0]), math.Min(origin[1], q[1])}
	}
	var p poly
	for i, r := range parcel {
		or := openRing(r, origin)
		if len(or) < 3 {
			return nil, orb.Point{}, fmt.Errorf("%w: parcel ring %d has %d distinct points, want at least 3", ErrInvalidInput, i, len(or))
		}
		p = append(p, or)
	}
	p = p.oriented()
	if err := p.toSF().Validate(); err != nil {
		return nil, orb.Point{}, fmt.Errorf("%w: parcel is not a valid polygon: %w", ErrInvalidInput, err)
	}
	if err := (region{p}).checkSpikes(1e-9 * (region{p}).size()); err != nil {
		return nil, orb.Point{}, fmt.Errorf("%w: parcel is not a valid polygon: %w", ErrInvalidInput, err)
	}
	return p, origin, nil
}

// searched is the outcome of searchPasses: the layout of the last pass,
// the order its items were placed in, the rows found and the land they
// leave, and whether a layout was found.
type searched struct {
	l     *layout
	order []int
	rows  []row
	rest  region
	ok    bool
}

// searchPasses searches for a layout of the items (the lots' areas, the
// first lots of them, and the remainder's when there is one) on the whole
// parcel in up to four passes, stopping at the first that finds one: with
// the lots held to MaxAspect and the remainder laid out as one more item
// (so that it too is one compact polygon with frontage); held to
// MaxAspect with the remainder whatever land the lots leave; and the same
// two with MaxAspect only preferred.
func searchPasses(base *layout, whole region, items []float64, lots int) searched {
	var sr searched
	for pass := 0; pass < 4 && !sr.ok; pass++ {
		withRem := pass%2 == 0
		if withRem && len(items) == lots && pass > 0 {
			continue
		}
		if !withRem && len(items) == lots && pass < 2 {
			continue
		}
		sr.l = &layout{}
		*sr.l = *base
		sr.l.hardAspect = pass < 2
		n := lots
		if withRem {
			n = len(items)
		}
		sr.order = largestFirst(items[:n])
		for i, k := range sr.order {
			sr.l.targets = append(sr.l.targets, items[k])
			if k == lots {
				sr.l.remAt = i
			}
		}
		sr.rows, sr.rest, sr.ok = sr.l.search(whole, 0)
	}
	return sr
}

// fill puts the lots found into res, in the order of the areas, with their
// statistics, and returns the land left: the remainder's item, when it was
// laid out, and what the rows leave.
func (sr *searched) fill(res *Result, origin orb.Point) region {
	rest := sr.rest
	lots := len(res.Lots)
	n := 0
	for ri, c := range sr.rows {
		for j, lot := range c.lots {
			k := sr.order[n]
			n++
			if k == lots {
				rest = append(rest, lot)
				continue
			}
			res.Lots[k] = lot.toOrb(origin)
			st := c.stats[j]
			st.Row = ri
			res.Stats.Lots[k] = st
		}
	}
	return rest
}

// largestFirst returns the indices of the areas, largest area first, equal
// areas in index order.
func largestFirst(areas []float64) []int {
	order := make([]int, len(areas))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return areas[order[i]] > areas[order[j]] })
	return order
}

func (p poly) toOrb(shift orb.Point) orb.Polygon {
	q := p.oriented()
	out := make(orb.Polygon, len(q))
	for i, r := range q {
		out[i] = r.closed(shift)
	}
	return out
}

// layout is the state of one Split.
type layout struct {
	cfg     Settings
	ext     ring    // the parcel's exterior, local coordinates
	total   float64 // the parcel's area
	eps     float64 // distance below which points count as on a line
	epsArea float64 // area below which a piece counts as empty
	dirs    [4]orb.Point
	targets []float64 // item areas, largest first
	remAt   int       // index in targets of the remainder item, or -1
	// hardAspect rejects rows with a lot beyond MaxAspect.
	hardAspect bool

	tries   int
	deepest int    // index in targets of the first lot of the deepest failed step
	lastWhy string // why the last candidate at the deepest step failed
}

// row is one candidate row: lots cut off one side of the remaining land.
type row struct {
	lots  []poly
	stats []LotStats
	rest  region

	aspectOK  bool    // every lot within MaxAspect
	restFront bool    // the rest is empty or touches the parcel boundary
	score     float64 // least Polsby–Popper of the lots and the rest
}

// better reports whether candidate a is preferred to b.
func (a *row) better(b *row) bool {
	if b == nil {
		return true
	}
	if a.aspectOK != b.aspectOK {
		return a.aspectOK
	}
	if a.restFront != b.restFront {
		return a.restFront
	}
	// 1e-9: scores equal up to rounding keep the earlier candidate.
	return a.score > b.score+1e-9
}

// search places targets[next:] in g, returning the rows and the final
// remainder. It tries the candidate rows of this step best first and
// backtracks when the rest cannot be placed.
func (l *layout) search(g region, next int) ([]row, region, bool) {
	if next == len(l.targets) {
		return nil, g, true
	}
	cands := l.candidates(g, next)
	for _, c := range cands {
		k := len(c.lots)
		rest, tail, ok := l.search(c.rest, next+k)
		if ok {
			return append([]row{*c}, rest...), tail, true
		}
		if l.tries >= l.cfg.MaxTries {
			break
		}
	}
	return nil, nil, false
}

// candidates cuts and checks every candidate row for the lots from next on,
// and returns the valid ones best first.
func (l *layout) candidates(g region, next int) []*row {
	pending := l.targets[next:]
	if len(g) == 0 {
		return nil
	}
	var out []*row
	for s, d := range l.dirs {
		e := orb.Point{-d[1], d[0]}
		lo, hi := g.extent(e)
		for _, k := range rowSizes(pending, hi-lo) {
			if l.tries >= l.cfg.MaxTries {
				break
			}
			l.tries++
			c, why := l.tryRow(g, d, next, k)
			if c == nil {
				if next >= l.deepest {
					l.deepest = next
					l.lastWhy = fmt.Sprintf("side %d, row of %d: %s", s, k, why)
				}
				continue
			}
			out = append(out, c)
		}
	}
	// Stable insertion by preference keeps generation order among equals.
	sorted := make([]*row, 0, len(out))
	for _, c := range out {
		i := len(sorted)
		for i > 0 && c.better(sorted[i-1]) {
			i--
		}
		sorted = append(sorted, nil)
		copy(sorted[i+1:], sorted[i:])
		sorted[i] = c
	}
	return sorted
}

// rowSizes returns the numbers of lots to try in a row along a side of
// length side: one, two, and the count whose predicted worst aspect ratio
// (lots as rectangles in a row of depth sum/side) is least, as a squarified
// treemap would choose.
func rowSizes(pending []float64, side float64) []int {
	best, bestK := math.Inf(1), 1
	var sum float64
	for k := 1; k <= len(pending); k++ {
		sum += pending[k-1]
		depth := sum / side
		worst := 0.0
		for _, a := range pending[:k] {
			w := a / depth
			worst = math.Max(worst, math.Max(w/depth, depth/w))
		}
		if worst < best {
			best, bestK = worst, k
		}
	}
	ks := []int{1}
	if len(pending) >= 2 {
		ks = append(ks, 2)
	}
	if bestK > 2 {
		ks = append(ks, bestK)
	}
	return ks
}

// tryRow cuts a row holding the k items from targets[next] on off the side
// of g where d·x is least, then cuts the row across into its items. It returns nil
// and the reason when a lot is not one polygon, misses its area or lacks
// frontage, or when lots remain to be placed and the rest lacks frontage
// for them.
func (l *layout) tryRow(g region, d orb.Point, next, k int) (*row, string) {
	targets := l.targets[next : next+k]
	last := next+k == len(l.targets)
	var sum float64
	for _, a := range targets {
		sum += a
	}
	areaG := g.area()
	var rowG, rest region
	if last && areaG-sum <= l.cfg.Tolerance*targets[len(targets)-1] {
		rowG = g
	} else {
		var err error
		rowG, rest, err = g.cut(d, g.solveCut(d, sum), l.epsArea)
		if err != nil {
			return nil, err.Error()
		}
	}
	e := orb.Point{-d[1], d[0]}
	c := &row{rest: rest, aspectOK: true, score: math.Inf(1)}
	cur := rowG
	for j, a := range targets {
		var lot region
		if j == len(targets)-1 {
			lot = cur
		} else {
			var err error
			lot, cur, err = cur.cut(e, cur.solveCut(e, a), l.epsArea)
			if err != nil {
				return nil, err.Error()
			}
		}
		if len(lot) != 1 {
			return nil, fmt.Sprintf("lot would be in %d pieces", len(lot))
		}
		p := lot[0]
		st := l.measure(p, a)
		if math.Abs(st.RelError) > l.cfg.Tolerance {
			return nil, fmt.Sprintf("lot area %.2f m² is %.4f%% off its target", st.Area, 100*st.RelError)
		}
		if st.Frontage < l.cfg.MinFrontage {
			return nil, fmt.Sprintf("lot touches the parcel boundary over %.2f m, less than %.2f m", st.Frontage, l.cfg.MinFrontage)
		}
		if l.hardAspect && next+j != l.remAt && st.Aspect > l.cfg.MaxAspect {
			return nil, fmt.Sprintf("lot aspect ratio 1:%.2f is beyond 1:%.2f", st.Aspect, l.cfg.MaxAspect)
		}
		c.lots = append(c.lots, p)
		c.stats = append(c.stats, st)
		if next+j != l.remAt {
			c.aspectOK = c.aspectOK && st.Aspect <= l.cfg.MaxAspect
		}
		c.score = math.Min(c.score, st.PolsbyPopper)
	}
	c.restFront = true
	if len(rest) > 0 {
		front := rest.frontage(l.ext, l.eps)
		if !last && front < l.cfg.MinFrontage {
			return nil, fmt.Sprintf("the land left touches the parcel boundary over %.2f m only", front)
		}
		c.restFront = front >= l.cfg.MinFrontage
		c.score = math.Min(c.score, polsbyPopper(rest.area(), rest.perimeter()))
	}
	return c, ""
}

// measure computes a lot's statistics against its target area.
func (l *layout) measure(p poly, target float64) LotStats {
	a := p.area()
	r := minAreaRect(p[0])
	st := LotStats{
		Target:       target,
		Area:         a,
		RelError:     (a - target) / target,
		PolsbyPopper: polsbyPopper(a, p.perimeter()),
		Aspect:       r.aspect(),
		Frontage:     frontage(p[0], l.ext, l.eps),
	}
	if ra := r.area(); ra > 0 {
		st.Rectangularity = a / ra
	}
	return st
}
