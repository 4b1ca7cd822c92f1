package plan

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/geo/area"
	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/geo/subdivide"
	"github.com/landplan/landplan/planner"
)

// LotTolerance is the largest relative difference between a lot's
// ellipsoid area and the area it stands for (0.5%); an allocation within
// it of its parcel's area gets the whole parcel as its lot.
const LotTolerance = 0.005

// GKZoneBoundary is the longitude (°E) of the boundary between the
// CGCS2000 3-degree Gauss-Krüger zones of CM 108°E (EPSG:4545) and CM
// 111°E (EPSG:4546).
const GKZoneBoundary = 109.5

// ZoneCRS returns the CGCS2000 3-degree Gauss-Krüger CRS a geometry is cut
// in: EPSG:4545 west of 109.5°E, EPSG:4546 east of it, by the centre of
// its bounding box.
func ZoneCRS(mp orb.MultiPolygon) crs.CRS {
	if mp.Bound().Center()[0] < GKZoneBoundary {
		return crs.CRS{EPSG: 4545}
	}
	return crs.CRS{EPSG: 4546}
}

// lotTarget is one lot to cut from a parcel.
type lotTarget struct {
	alloc  int // index into the allocations
	kind   string
	phase  int
	areaM2 float64 // ellipsoid area wanted
}

// lots cuts the lots of every parcel that carries an allocation, in parcel
// id order, and sets each allocation's Lot.
func (b *builder) lots(allocs []Allocation, s *subdivide.Settings) ([]Lot, error) {
	byParcel := map[string][]int{}
	for i, a := range allocs {
		byParcel[a.Parcel] = append(byParcel[a.Parcel], i)
	}
	idx := map[string]int{}
	for j := range b.parcels {
		idx[b.parcels[j].ID] = j
	}
	var out []Lot
	for _, id := range sortedKeys(byParcel) {
		x := &b.parcels[idx[id]]
		lots, err := parcelLots(x, allocs, byParcel[id], s)
		if err != nil {
			return nil, err
		}
		out = append(out, lots...)
	}
	return out, nil
}

// parcelLots cuts one parcel's lots (see Run): a parcel given whole to one
// unphased project is one "whole" lot; otherwise each allocation's land
// supplied now, each later phase of a phased allocation and the remainder
// are lots, cut by subdivide.Split in the parcel's Gauss-Krüger zone with
// the targets scaled by planar over ellipsoid area, and each checked to be
// within LotTolerance of its ellipsoid target.
func parcelLots(x *planner.Parcel, allocs []Allocation, which []int, s *subdivide.Settings) ([]Lot, error) {
	parcelM2 := area.EllipsoidArea(x.Geometry)
	if l, ok := wholeLot(x, allocs, which, parcelM2); ok {
		return []Lot{l}, nil
	}
	targets := lotTargets(allocs, which)
	// The part of the parcel the lots are cut from: its largest polygon.
	part, partM2 := largestPart(x.Geometry)
	if err := fitTargets(x.ID, targets, partM2); err != nil {
		return nil, err
	}
	zone := ZoneCRS(x.Geometry)
	planar := crs.TransformPolygon(x.Geometry[part], zone.FromLonLat)
	ratio := area.PlanarArea(orb.MultiPolygon{planar}) / partM2
	areas := make([]float64, len(targets))
	for i, t := range targets {
		areas[i] = t.areaM2 * ratio
	}
	res, err := subdivide.Split(planar, areas, s)
	if err != nil {
		return nil, planner.Errorf(planner.KindInternal, "plan: parcel %s: cutting %d lots of %s: %w", x.ID, len(areas), zone, err)
	}
	out, err := targetLots(x, allocs, targets, res.Lots, zone)
	if err != nil {
		return nil, err
	}
	var rest orb.MultiPolygon
	for _, poly := range res.Remainder {
		rest = append(rest, crs.TransformPolygon(poly, zone.ToLonLat))
	}
	for k, poly := range x.Geometry {
		if k != part {
			rest = append(rest, clonePolygon(poly))
		}
	}
	if len(rest) > 0 {
		out = append(out, Lot{ID: fmt.Sprintf("%s-%d", x.ID, len(out)+1), Parcel: x.ID, Kind: LotRemainder,
			AreaMu: area.EllipsoidArea(rest) / planner.SquareMetresPerMu, Geometry: rest})
	}
	return out, nil
}

// wholeLot returns the one "whole" lot of a parcel of parcelM2 given
// whole to one unphased project, and records it on the allocation; false
// for any other parcel.
func wholeLot(x *planner.Parcel, allocs []Allocation, which []int, parcelM2 float64) (Lot, bool) {
	if len(which) != 1 {
		return Lot{}, false
	}
	a := &allocs[which[0]]
	if len(a.Phases) != 0 || a.AreaMu*planner.SquareMetresPerMu < parcelM2*(1-LotTolerance) {
		return Lot{}, false
	}
	a.Lot = x.ID + "-1"
	return Lot{ID: a.Lot, Parcel: x.ID, Proposal: a.Proposal, Kind: LotWhole, AreaMu: parcelM2 / planner.SquareMetresPerMu,
		Geometry: cloneMulti(x.Geometry), SupplyMode: a.SupplyMode}, true
}

// lotTargets lists the lots to cut for the allocations which: the land
// of an unphased allocation supplied now, each phase of a phased one.
func lotTargets(allocs []Allocation, which []int) []lotTarget {
	var targets []lotTarget
	for _, i := range which {
		a := &allocs[i]
		if len(a.Phases) == 0 {
			targets = append(targets, lotTarget{alloc: i, kind: LotAllocated, areaM2: a.NowMu * planner.SquareMetresPerMu})
			continue
		}
		for _, ph := range a.Phases {
			kind := LotReserved
			if ph.Now {
				kind = LotAllocated
			}
			if ph.AreaMu > 0 {
				targets = append(targets, lotTarget{alloc: i, kind: kind, phase: ph.Index, areaM2: ph.AreaMu * planner.SquareMetresPerMu})
			}
		}
	}
	return targets
}

// largestPart returns the index and ellipsoid area of the largest polygon
// of mp.
func largestPart(mp orb.MultiPolygon) (int, float64) {
	part, partM2 := 0, 0.0
	for k, poly := range mp {
		if a := area.EllipsoidArea(orb.MultiPolygon{poly}); a > partM2 {
			part, partM2 = k, a
		}
	}
	return part, partM2
}

// fitTargets scales the targets down to the part's partM2 when together
// they exceed it by no more than the rules' area slack (allocations may
// exceed the parcel by 0.001 亩), and refuses more.
func fitTargets(parcel string, targets []lotTarget, partM2 float64) error {
	sum := 0.0
	for _, t := range targets {
		sum += t.areaM2
	}
	if sum <= partM2 {
		return nil
	}
	if sum > partM2*(1+LotTolerance) {
		return planner.Errorf(planner.KindInternal, "plan: parcel %s: its lots need %.2f m² but its largest part has %.2f m²", parcel, sum, partM2)
	}
	for i := range targets {
		targets[i].areaM2 *= partM2 / sum
	}
	return nil
}

// targetLots makes the lots of the targets from the polygons cut in zone,
// each within LotTolerance of its target, and records the first lot
// supplied now of each allocation on it.
func targetLots(x *planner.Parcel, allocs []Allocation, targets []lotTarget, cut []orb.Polygon, zone crs.CRS) ([]Lot, error) {
	var out []Lot
	for i, t := range targets {
		a := &allocs[t.alloc]
		g := orb.MultiPolygon{crs.TransformPolygon(cut[i], zone.ToLonLat)}
		got := area.EllipsoidArea(g)
		if rel := math.Abs(got-t.areaM2) / t.areaM2; rel > LotTolerance {
			return nil, planner.Errorf(planner.KindInternal, "plan: parcel %s: lot for %s has %.2f m², %.3f%% off its %.2f m²", x.ID, a.Proposal, got, 100*rel, t.areaM2)
		}
		l := Lot{ID: fmt.Sprintf("%s-%d", x.ID, len(out)+1), Parcel: x.ID, Proposal: a.Proposal, Kind: t.kind, AreaMu: got / planner.SquareMetresPerMu,
			Geometry: g, SupplyMode: a.SupplyMode, Phase: t.phase}
		if t.kind == LotAllocated && a.Lot == "" {
			a.Lot = l.ID
		}
		out = append(out, l)
	}
	return out, nil
}

func clonePolygon(poly orb.Polygon) orb.Polygon {
	return crs.TransformPolygon(poly, func(x, y float64) (float64, float64) { return x, y })
}

func cloneMulti(mp orb.MultiPolygon) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(mp))
	for i, p := range mp {
		out[i] = clonePolygon(p)
	}
	return out
}
