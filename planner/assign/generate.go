package assign

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// InstanceConfig describes a random instance shaped like a year's
// industrial-land allocation in a high-tech zone. Zero fields take the
// documented defaults.
type InstanceConfig struct {
	// Bins (parcels) and Items (project proposals); both must be positive.
	Bins, Items int
	// Candidates is the number of candidate parcels per proposal: the
	// nearest parcels to the proposal's preferred site that are large
	// enough. Default 50.
	Candidates int
	// Zones is the number of planning zones (a grid over the map), each
	// with a cap on the area allocated in it. Default max(1, √Bins/4),
	// rounded.
	Zones int
	// NewLandShare is the share of parcels on new construction land (the
	// rest is stock land, idle or inefficient, being redeveloped).
	// Default 0.7.
	NewLandShare float64
	// QuotaShare sets the year's new-land quota as a share of the total
	// area the proposals ask for. Default 0.35, which binds: new land is
	// worth more to every proposal than stock land.
	QuotaShare float64
	// ZoneCapShare sets each zone's cap on new land as a multiple of the
	// zone's even share of the quota (times a random factor in 0.8–1.2).
	// Default 1.3: the caps sum to more than the quota, and some bind.
	ZoneCapShare float64
	// ExclusiveShare is the number of exclusive groups per proposal: two
	// or three proposals whose uses are incompatible on one parcel.
	// Default 0.05.
	ExclusiveShare float64
	// ForcedShare is the number of forced pairs (signed contracts) per
	// proposal, chosen so that they are feasible together. Default 0.01.
	ForcedShare float64
	// ForbiddenShare is the share of pairs forbidden. Default 0.002.
	ForbiddenShare float64
	// LandPressure, when positive, sets the land requested (the sum of
	// the proposals' areas) as a multiple of the land the year can supply:
	// the new-land quota plus the stock land. Stock parcels are then
	// limited to (1 − NewLandShare) of that supply (the others count as
	// new land) and the quota is set to the rest, so that QuotaShare is
	// ignored. At 2–4 most pairs are on new land, the quota binds hard
	// and proposals compete for it: the regime in which the Lagrangian
	// dual is hardest. Where the parcels cannot supply that much (the
	// quota would exceed the new land), the pressure reached is lower.
	// Zero keeps the QuotaShare model. Range 0.3–4 is what the benchmarks
	// use.
	LandPressure float64
	// Breadth, when positive, is the share of all parcels a proposal is
	// eligible on (the nearest that can hold it); it overrides Candidates
	// with round(Breadth × Bins), at least 1. Broad eligibility means
	// long candidate lists and many proposals per parcel.
	Breadth float64
	// Seed seeds the generator (PCG); the same config gives the same
	// instance.
	Seed uint64
}

// Area ranges of the generator, in 亩 (1 亩 = 666.67 m²).
const (
	minItemArea, maxItemArea = 10, 300
	minBinArea, maxBinArea   = 10, 600
)

// GenerateInstance returns a random instance: parcels of 10–600 亩
// (log-uniform) scattered over a square map divided into zones, 70% on new
// land; proposals of 10–300 亩 (log-uniform) with a preferred site, an
// output intensity (lognormal) and candidate parcels near the site that
// can hold them. A pair's weight is the proposal's area plus a 0–6% loss
// to the parcel's shape; its value is area × intensity × a suitability
// that falls with distance, varies by parcel and is 15% lower on stock
// land. Side constraints: the new-land quota (weights of pairs on new
// land) and one cap per zone on new land (weights of the zone's pairs on
// new land).
func GenerateInstance(cfg InstanceConfig) (*Problem, error) {
	if err := cfg.complete(); err != nil {
		return nil, err
	}
	g := newGenerator(cfg)
	g.drawBins()
	quota := g.drawPairs()
	g.sideConstraints(quota)
	g.exclusiveGroups()
	isForced := g.forcePairs()
	g.forbidPairs(isForced)
	p := g.p
	slices.Sort(p.Forced)
	slices.Sort(p.Forbidden)
	p.Forbidden = slices.Compact(p.Forbidden)
	return p, nil
}

// complete checks the config and fills in the defaults.
func (cfg *InstanceConfig) complete() error {
	if cfg.Bins <= 0 || cfg.Items <= 0 {
		return fmt.Errorf("generate instance: need positive Bins and Items, have %d and %d: %w", cfg.Bins, cfg.Items, ErrInvalid)
	}
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if cfg.LandPressure < 0 || cfg.Breadth < 0 || cfg.Breadth > 1 || !finite(cfg.LandPressure) || !finite(cfg.Breadth) {
		return fmt.Errorf("generate instance: land pressure %v must be ≥ 0 and breadth %v in [0, 1]: %w", cfg.LandPressure, cfg.Breadth, ErrInvalid)
	}
	if cfg.Breadth > 0 {
		cfg.Candidates = max(1, int(math.Round(cfg.Breadth*float64(cfg.Bins))))
	}
	if cfg.Candidates <= 0 {
		cfg.Candidates = 50
	}
	cfg.Candidates = min(cfg.Candidates, cfg.Bins)
	if cfg.Zones <= 0 {
		cfg.Zones = max(1, int(math.Round(math.Sqrt(float64(cfg.Bins))/4)))
	}
	def(&cfg.NewLandShare, 0.7)
	def(&cfg.QuotaShare, 0.35)
	def(&cfg.ZoneCapShare, 1.3)
	def(&cfg.ExclusiveShare, 0.05)
	def(&cfg.ForcedShare, 0.01)
	def(&cfg.ForbiddenShare, 0.002)
	return nil
}

// generator draws one instance for GenerateInstance. Its steps draw from
// rng in a fixed order: parcels, proposals, zone caps, exclusive groups,
// forced pairs, forbidden pairs.
type generator struct {
	cfg InstanceConfig
	rng *rand.Rand
	p   *Problem
	// The parcels: site, on new land or not, quality and loss to shape.
	bx, by, quality, loss []float64
	newLand               []bool
	// Zones: a zx × zy grid with zx·zy ≥ Zones; cells beyond Zones fold
	// onto the last zone.
	zx, zy int
}

// newGenerator starts the generator of the completed config cfg.
func newGenerator(cfg InstanceConfig) *generator {
	zx := int(math.Ceil(math.Sqrt(float64(cfg.Zones))))
	return &generator{
		cfg: cfg,
		rng: rand.New(rand.NewPCG(cfg.Seed, 0x6c616e64706c616e)), // "landplan"
		p:   &Problem{Items: cfg.Items, Bins: make([]Bin, cfg.Bins)},
		zx:  zx,
		zy:  (cfg.Zones + zx - 1) / zx,
	}
}

// logUniform draws from lo to hi, log-uniformly.
func (g *generator) logUniform(lo, hi float64) float64 {
	return lo * math.Exp(g.rng.Float64()*math.Log(hi/lo))
}

// zoneOf is the zone of the point (x, y) of the unit square.
func (g *generator) zoneOf(x, y float64) int {
	z := min(int(y*float64(g.zy)), g.zy-1)*g.zx + min(int(x*float64(g.zx)), g.zx-1)
	return min(z, g.cfg.Zones-1)
}

// drawBins draws the parcels: area, site, new land or stock, quality and
// loss to shape.
func (g *generator) drawBins() {
	n := g.cfg.Bins
	g.bx, g.by = make([]float64, n), make([]float64, n)
	g.newLand = make([]bool, n)
	g.quality, g.loss = make([]float64, n), make([]float64, n)
	for b := range g.p.Bins {
		g.p.Bins[b] = Bin{Name: fmt.Sprintf("P%06d", b), Capacity: round2(g.logUniform(minBinArea, maxBinArea))}
		g.bx[b], g.by[b] = g.rng.Float64(), g.rng.Float64()
		g.newLand[b] = g.rng.Float64() < g.cfg.NewLandShare
		g.quality[b] = 1 + 0.08*g.rng.NormFloat64()
		g.loss[b] = 0.06 * g.rng.Float64()
	}
}

// drawPairs draws the proposals (area, site, intensity), sets the new-land
// quota and returns it without terms, and makes the pairs of each
// proposal with its candidate parcels. The proposals are drawn first, so
// that the land pressure can set the stock land before pairs are valued.
func (g *generator) drawPairs() Constraint {
	cfg, p := g.cfg, g.p
	grid := newBinGrid(g.bx, g.by)
	area := make([]float64, cfg.Items)
	sx := make([]float64, cfg.Items)
	sy := make([]float64, cfg.Items)
	intensity := make([]float64, cfg.Items)
	total := 0.0
	for i := 0; i < cfg.Items; i++ {
		area[i] = round2(g.logUniform(minItemArea, maxItemArea))
		total += area[i]
		sx[i], sy[i] = g.rng.Float64(), g.rng.Float64()
		intensity[i] = 400 * math.Exp(0.5*g.rng.NormFloat64()) // 万元/亩 of output
	}
	quota := Constraint{Name: "new-land quota", Capacity: round2(cfg.QuotaShare * total)}
	if cfg.LandPressure > 0 {
		quota.Capacity = pressureQuota(p.Bins, g.newLand, total, cfg.LandPressure, cfg.NewLandShare)
	}
	var cand []int
	for i := 0; i < cfg.Items; i++ {
		x, y := sx[i], sy[i]
		cand = grid.nearest(x, y, cfg.Candidates, func(b int) bool {
			return p.Bins[b].Capacity >= area[i]*(1+g.loss[b])
		}, cand[:0])
		if len(cand) == 0 {
			continue
		}
		far := math.Hypot(g.bx[cand[len(cand)-1]]-x, g.by[cand[len(cand)-1]]-y) + 1e-9
		for _, b := range cand {
			dist := math.Hypot(g.bx[b]-x, g.by[b]-y) / far
			suit := g.quality[b] * (1 - 0.25*dist)
			if !g.newLand[b] {
				suit *= 0.85
			}
			p.Pairs = append(p.Pairs, Pair{
				Item:   i,
				Bin:    b,
				Value:  round2(area[i] * intensity[i] * suit),
				Weight: round2(area[i] * (1 + g.loss[b])),
			})
		}
	}
	return quota
}

// sideConstraints draws the zone caps and sets the side constraints: the
// quota, then the zone caps, over the pairs on new land.
func (g *generator) sideConstraints(quota Constraint) {
	cfg, p := g.cfg, g.p
	zones := make([]Constraint, cfg.Zones)
	for z := range zones {
		zones[z] = Constraint{
			Name:     fmt.Sprintf("zone %d cap", z),
			Capacity: round2(cfg.ZoneCapShare * quota.Capacity / float64(cfg.Zones) * (0.8 + 0.4*g.rng.Float64())),
		}
	}
	for j, pr := range p.Pairs {
		if g.newLand[pr.Bin] {
			quota.Terms = append(quota.Terms, Term{Pair: j, Coef: pr.Weight})
			z := g.zoneOf(g.bx[pr.Bin], g.by[pr.Bin])
			zones[z].Terms = append(zones[z].Terms, Term{Pair: j, Coef: pr.Weight})
		}
	}
	p.Side = append([]Constraint{quota}, zones...)
}

// exclusiveGroups draws the exclusive groups: two or three proposals
// incompatible on one parcel.
func (g *generator) exclusiveGroups() {
	cfg, p := g.cfg, g.p
	byBin := make([][]int, cfg.Bins)
	for j, pr := range p.Pairs {
		byBin[pr.Bin] = append(byBin[pr.Bin], j)
	}
	nGroups := int(math.Round(cfg.ExclusiveShare * float64(cfg.Items)))
	for range nGroups {
		b := g.rng.IntN(cfg.Bins)
		for t := 0; t < 20 && len(byBin[b]) < 2; t++ {
			b = g.rng.IntN(cfg.Bins)
		}
		if len(byBin[b]) < 2 {
			continue
		}
		k := min(len(byBin[b]), 2+g.rng.IntN(2))
		perm := g.rng.Perm(len(byBin[b]))[:k]
		slices.Sort(perm)
		grp := make([]int, k)
		for t, j := range perm {
			grp[t] = byBin[b][j]
		}
		p.Exclusive = append(p.Exclusive, grp)
	}
}

// forcePairs draws the forced pairs: an item's best pair, when it fits
// what is forced so far. It returns which pairs are forced.
func (g *generator) forcePairs() []bool {
	cfg, p := g.cfg, g.p
	side := make([]float64, len(p.Side))
	load := make([]float64, cfg.Bins)
	inGroup := make(map[int][]int)
	for gi, grp := range p.Exclusive {
		for _, j := range grp {
			inGroup[j] = append(inGroup[j], gi)
		}
	}
	groupUsed := make([]bool, len(p.Exclusive))
	itemPairs := make([][]int, cfg.Items)
	for j, pr := range p.Pairs {
		itemPairs[pr.Item] = append(itemPairs[pr.Item], j)
	}
	isForced := make([]bool, len(p.Pairs))
	nForced := int(math.Round(cfg.ForcedShare * float64(cfg.Items)))
	for range nForced {
		i := g.rng.IntN(cfg.Items)
		if len(itemPairs[i]) == 0 {
			continue
		}
		best := bestValuePair(p.Pairs, itemPairs[i])
		pr := p.Pairs[best]
		ok := load[pr.Bin]+pr.Weight <= p.Bins[pr.Bin].Capacity
		for _, q := range itemPairs[i] {
			ok = ok && !isForced[q]
		}
		for _, gi := range inGroup[best] {
			ok = ok && !groupUsed[gi]
		}
		z := 1 + g.zoneOf(g.bx[pr.Bin], g.by[pr.Bin])
		if g.newLand[pr.Bin] {
			ok = ok && side[0]+pr.Weight <= p.Side[0].Capacity && side[z]+pr.Weight <= p.Side[z].Capacity
		}
		if !ok {
			continue
		}
		isForced[best] = true
		load[pr.Bin] += pr.Weight
		if g.newLand[pr.Bin] {
			side[0] += pr.Weight
			side[z] += pr.Weight
		}
		for _, gi := range inGroup[best] {
			groupUsed[gi] = true
		}
		p.Forced = append(p.Forced, best)
	}
	return isForced
}

// bestValuePair returns the first pair of greatest value among js.
func bestValuePair(pairs []Pair, js []int) int {
	best := js[0]
	for _, j := range js {
		if pairs[j].Value > pairs[best].Value {
			best = j
		}
	}
	return best
}

// forbidPairs draws the forbidden pairs among those not forced.
func (g *generator) forbidPairs(isForced []bool) {
	p := g.p
	nForbidden := int(math.Round(g.cfg.ForbiddenShare * float64(len(p.Pairs))))
	for range nForbidden {
		j := g.rng.IntN(len(p.Pairs))
		if !isForced[j] {
			p.Forbidden = append(p.Forbidden, j)
		}
	}
}

// pressureQuota turns stock parcels into new land, in index order, once
// the stock area would exceed (1 − newShare) of the supply total/pressure,
// and returns the quota that makes quota + stock area that supply (at most
// the new land's area, at least 0). newLand is changed in place.
func pressureQuota(bins []Bin, newLand []bool, total, pressure, newShare float64) float64 {
	supply := total / pressure
	stockCap := (1 - newShare) * supply
	stock, newArea := 0.0, 0.0
	for b, bin := range bins {
		if !newLand[b] && stock+bin.Capacity <= stockCap {
			stock += bin.Capacity
			continue
		}
		newLand[b] = true
		newArea += bin.Capacity
	}
	return round2(math.Max(0, math.Min(supply-stock, newArea)))
}

// LandSupply returns the land the problem's first side constraint (the
// new-land quota of a generated instance) and the bins outside it can
// supply: min(quota, area of the bins in it) + area of the other bins, and
// the land requested, the sum over items of their least weight. Their
// ratio is the instance's land pressure.
func LandSupply(p *Problem) (supply, requested float64) {
	inQuota := make([]bool, len(p.Bins))
	if len(p.Side) > 0 {
		for _, t := range p.Side[0].Terms {
			inQuota[p.Pairs[t.Pair].Bin] = true
		}
	}
	newArea, stock := 0.0, 0.0
	for b, bin := range p.Bins {
		if inQuota[b] {
			newArea += bin.Capacity
		} else {
			stock += bin.Capacity
		}
	}
	least := make([]float64, p.Items)
	for i := range least {
		least[i] = math.Inf(1)
	}
	for _, pr := range p.Pairs {
		least[pr.Item] = math.Min(least[pr.Item], pr.Weight)
	}
	for _, w := range least {
		if !math.IsInf(w, 1) {
			requested += w
		}
	}
	supply = stock + newArea
	if len(p.Side) > 0 {
		supply = stock + math.Min(p.Side[0].Capacity, newArea)
	}
	return supply, requested
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// binGrid is a bucket grid over the unit square for nearest-bin queries.
type binGrid struct {
	n      int
	cells  [][]int32
	bx, by []float64
}

func newBinGrid(bx, by []float64) *binGrid {
	n := max(1, int(math.Sqrt(float64(len(bx))/4)))
	g := &binGrid{n: n, cells: make([][]int32, n*n), bx: bx, by: by}
	for b := range bx {
		c := g.cell(bx[b], by[b])
		g.cells[c] = append(g.cells[c], int32(b))
	}
	return g
}

func (g *binGrid) cell(x, y float64) int {
	cx := min(int(x*float64(g.n)), g.n-1)
	cy := min(int(y*float64(g.n)), g.n-1)
	return cy*g.n + cx
}

// nearest appends to dst the k bins nearest (x, y) that pass ok, nearest
// first (ties by index).
func (g *binGrid) nearest(x, y float64, k int, ok func(int) bool, dst []int) []int {
	cx := min(int(x*float64(g.n)), g.n-1)
	cy := min(int(y*float64(g.n)), g.n-1)
	type hit struct {
		b int
		d float64
	}
	var hits []hit
	for ring := 0; ring <= g.n; ring++ {
		for yy := max(0, cy-ring); yy <= min(g.n-1, cy+ring); yy++ {
			// The ring's cells only: all of its top and bottom rows, the
			// two ends of the others.
			step := 2 * ring
			if yy == cy-ring || yy == cy+ring || ring == 0 {
				step = 1
			}
			for xx := cx - ring; xx <= cx+ring; xx += step {
				if xx < 0 || xx >= g.n {
					continue
				}
				for _, b := range g.cells[yy*g.n+xx] {
					if ok(int(b)) {
						hits = append(hits, hit{int(b), math.Hypot(g.bx[b]-x, g.by[b]-y)})
					}
				}
			}
		}
		// Every bin within distance ring/n is in rings 0…ring; once k
		// of them are that close, no farther ring can do better.
		if len(hits) >= k {
			r := float64(ring) / float64(g.n)
			close := 0
			for _, h := range hits {
				if h.d <= r {
					close++
				}
			}
			if close >= k {
				break
			}
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		switch {
		case a.d < b.d:
			return -1
		case a.d > b.d:
			return 1
		}
		return a.b - b.b
	})
	for _, h := range hits[:min(k, len(hits))] {
		dst = append(dst, h.b)
	}
	return dst
}
