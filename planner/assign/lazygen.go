package assign

import (
	"fmt"
	"math"
	"sync"
)

// GenerateLazy returns the instance GenerateInstance makes of cfg, less
// its exclusive groups, forced and forbidden pairs, as a LazyProblem:
// the parcels, proposals, quota and zone caps are drawn alike, and so are
// the pairs, with the same values and weights (up to parcels tied in
// distance with a proposal's farthest candidate), but each proposal's
// pairs come in the order of a grid over the map, not by distance, and
// are computed each time the source is asked for them, never held: what
// is kept is each proposal's candidate radius (the distance of its k-th
// nearest parcel that can hold it), found once. A proposal eligible on
// 2 300 parcels costs a scan of the grid cells within its radius per
// pricing pass and nothing between passes. The source is safe for
// concurrent use.
func GenerateLazy(cfg InstanceConfig) (*LazyProblem, error) {
	if err := cfg.complete(); err != nil {
		return nil, err
	}
	g := newGenerator(cfg)
	g.drawBins()
	src := &genSource{g: g, grid: newBinGrid(g.bx, g.by)}
	items := cfg.Items
	src.area = make([]float64, items)
	src.sx, src.sy = make([]float64, items), make([]float64, items)
	src.intensity = make([]float64, items)
	total := 0.0
	for i := 0; i < items; i++ {
		src.area[i] = round2(g.logUniform(minItemArea, maxItemArea))
		total += src.area[i]
		src.sx[i], src.sy[i] = g.rng.Float64(), g.rng.Float64()
		src.intensity[i] = 400 * math.Exp(0.5*g.rng.NormFloat64())
	}
	quota := Constraint{Name: "new-land quota", Capacity: round2(cfg.QuotaShare * total)}
	if cfg.LandPressure > 0 {
		quota.Capacity = pressureQuota(g.p.Bins, g.newLand, total, cfg.LandPressure, cfg.NewLandShare)
	}
	side := []Constraint{quota}
	for z := 0; z < cfg.Zones; z++ {
		side = append(side, Constraint{
			Name:     fmt.Sprintf("zone %d cap", z),
			Capacity: round2(cfg.ZoneCapShare * quota.Capacity / float64(cfg.Zones) * (0.8 + 0.4*g.rng.Float64())),
		})
	}
	src.reach()
	return &LazyProblem{Items: items, Bins: g.p.Bins, Side: side, Source: src}, nil
}

// genSource computes a generated instance's pairs on demand.
type genSource struct {
	g                       *generator
	grid                    *binGrid
	area, sx, sy, intensity []float64
	far                     []float64 // per item, its candidate radius
}

// reach finds, once, each item's candidate radius: the distance of its
// k-th nearest parcel that can hold it (-1: none can), by the generator's
// own search, two items at a time.
func (s *genSource) reach() {
	g := s.g
	s.far = make([]float64, len(s.area))
	var wg sync.WaitGroup
	for t := 0; t < 2; t++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var cand []int
			for i := t; i < len(s.area); i += 2 {
				x, y := s.sx[i], s.sy[i]
				cand = s.grid.nearest(x, y, g.cfg.Candidates, func(b int) bool {
					return g.p.Bins[b].Capacity >= s.area[i]*(1+g.loss[b])
				}, cand[:0])
				s.far[i] = -1
				if len(cand) > 0 {
					last := cand[len(cand)-1]
					s.far[i] = math.Hypot(g.bx[last]-x, g.by[last]-y)
				}
			}
		}()
	}
	wg.Wait()
}

// Pairs implements PairSource: the pairs drawPairs and sideConstraints
// make of item i (the parcels within its candidate radius that can hold
// it, which are its nearest up to ties in distance), in the order of the
// grid's cells rather than by distance.
func (s *genSource) Pairs(i int, fn func(ord int, p Pair, side []Term)) {
	g := s.g
	if s.far[i] < 0 {
		return
	}
	x, y := s.sx[i], s.sy[i]
	dk := s.far[i]
	far := dk + 1e-9
	gr := s.grid
	cx := min(int(x*float64(gr.n)), gr.n-1)
	cy := min(int(y*float64(gr.n)), gr.n-1)
	R := int(dk*float64(gr.n)) + 1
	var terms [2]Term
	ord := 0
	for yy := max(0, cy-R); yy <= min(gr.n-1, cy+R); yy++ {
		for xx := max(0, cx-R); xx <= min(gr.n-1, cx+R); xx++ {
			for _, b32 := range gr.cells[yy*gr.n+xx] {
				b := int(b32)
				dx, dy := g.bx[b]-x, g.by[b]-y
				if dx*dx+dy*dy > dk*dk*(1+1e-12) || g.p.Bins[b].Capacity < s.area[i]*(1+g.loss[b]) {
					continue
				}
				d := math.Hypot(dx, dy)
				if d > dk {
					continue
				}
				suit := g.quality[b] * (1 - 0.25*d/far)
				if !g.newLand[b] {
					suit *= 0.85
				}
				p := Pair{Item: i, Bin: b, Value: round2(s.area[i] * s.intensity[i] * suit), Weight: round2(s.area[i] * (1 + g.loss[b]))}
				var side []Term
				if g.newLand[b] {
					terms[0] = Term{Pair: 0, Coef: p.Weight}
					terms[1] = Term{Pair: 1 + g.zoneOf(g.bx[b], g.by[b]), Coef: p.Weight}
					side = terms[:]
				}
				fn(ord, p, side)
				ord++
			}
		}
	}
}

// ProblemSource returns a PairSource that gives p's pairs (p's Side
// terms as their side coefficients), item by item in the order of
// p.Pairs, with the LazyProblem of p: the way to solve a held Problem by
// pricing, and to check SolveLazy against Solve. p's forced, forbidden
// and exclusive pairs are ignored.
func ProblemSource(p *Problem) *LazyProblem {
	src := &problemSource{p: p, byItem: make([][]int, p.Items), side: make([][]Term, len(p.Pairs))}
	for k, pr := range p.Pairs {
		src.byItem[pr.Item] = append(src.byItem[pr.Item], k)
	}
	for c, con := range p.Side {
		for _, t := range con.Terms {
			src.side[t.Pair] = append(src.side[t.Pair], Term{Pair: c, Coef: t.Coef})
		}
	}
	side := make([]Constraint, len(p.Side))
	for k, c := range p.Side {
		side[k] = Constraint{Name: c.Name, Capacity: c.Capacity}
	}
	return &LazyProblem{Items: p.Items, Bins: p.Bins, Side: side, Source: src}
}

type problemSource struct {
	p      *Problem
	byItem [][]int
	side   [][]Term
}

func (s *problemSource) Pairs(i int, fn func(ord int, p Pair, side []Term)) {
	for ord, k := range s.byItem[i] {
		fn(ord, s.p.Pairs[k], s.side[k])
	}
}
