package plan

import (
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/rules"
)

// byParcel is whether a priced run's dominance check works parcel by
// parcel (dominanceByParcel); tests turn it off to compare with the
// passes over every pair (dominanceByPasses).
var byParcel = true

// slotKey is a chosen pair: its parcel and its proposal.
type slotKey struct{ j, i int }

// contested is what dominanceByParcel keeps of the parcels with a chosen
// pair: per parcel the proposals with a pair on it, and per chosen pair
// the proposals whose pair on its parcel dominates it (both ascending).
type contested struct {
	props map[int][]int32
	doms  map[slotKey][]int32
}

// dominanceByParcel is pricedDominance with one pass over every pair:
// it finds, on each parcel with a chosen pair, the proposals that have a
// pair there and those that dominate the chosen pair. A round's breaks
// are the dominating proposals not placed, in dominance's order (by the
// chosen pair's position, then the proposal, as a pass meets them); a
// repair changes the chosen pair of one parcel, whose dominating
// proposals are then found again from that parcel's pairs alone. The
// breaks, repairs and pairs compared are dominanceByPasses'.
func (b *builder) dominanceByParcel(res *assign.Result) (DominanceCheck, error) {
	var dc DominanceCheck
	repair := keepsDominance(b.prof.Objective.Measure)
	c := contested{props: map[int][]int32{}, doms: map[slotKey][]int32{}}
	onParcel := b.chosenOn(res)
	b.eachPair(func(i, j int, pr *rules.PairAssessment) {
		slots, ok := onParcel[j]
		if !ok {
			return
		}
		c.props[j] = append(c.props[j], int32(i))
		for _, n := range slots {
			kb := res.Chosen[n]
			if Dominates(b.prof, pr, b.pairOf(kb)) {
				key := slotKey{j, b.item[kb]}
				c.doms[key] = append(c.doms[key], int32(i))
			}
		}
	})
	for round := 0; round < len(b.proposals)+1; round++ {
		placed := make([]bool, len(b.proposals))
		for _, k := range res.Chosen {
			placed[b.item[k]] = true
		}
		onParcel = b.chosenOn(res)
		dc.Pairs = 0
		for j, ps := range c.props {
			for _, i := range ps {
				if !placed[i] {
					dc.Pairs += len(onParcel[j])
				}
			}
		}
		var breaks []DominanceBreak
		first, firstI := -1, -1
		for n, kb := range res.Chosen {
			j := b.parcel[kb]
			for _, i := range c.doms[slotKey{j, b.item[kb]}] {
				if placed[i] {
					continue
				}
				breaks = append(breaks, DominanceBreak{Dominant: b.proposals[i].ID, Dominated: b.proposals[b.item[kb]].ID, Parcel: b.parcels[j].ID})
				if first < 0 {
					first, firstI = n, int(i)
				}
			}
		}
		if !repair || first < 0 {
			dc.Breaks = append(dc.Breaks, breaks...)
			break
		}
		dc.Breaks = append(dc.Breaks, breaks[0])
		dc.Repaired++
		kb := res.Chosen[first]
		j, dominated := b.parcel[kb], b.item[kb]
		prs := b.parcelPairs(j, c.props[j])
		if err := b.swapChosen(res, first, prs[firstI], firstI, j); err != nil {
			return dc, err
		}
		delete(c.doms, slotKey{j, dominated})
		c.doms[slotKey{j, firstI}] = b.dominating(res, j, firstI, c.props[j], prs)
	}
	if dc.Repaired > 0 {
		res.Objective = b.objectiveOf(res.Chosen)
		if res.Bound > 0 {
			res.Gap = max(0, (res.Bound-res.Objective)/res.Bound)
		}
	}
	return dc, nil
}

// chosenOn gives, per parcel with a chosen pair, the positions of its
// chosen pairs in res.Chosen.
func (b *builder) chosenOn(res *assign.Result) map[int][]int {
	on := map[int][]int{}
	for n, k := range res.Chosen {
		on[b.parcel[k]] = append(on[b.parcel[k]], n)
	}
	return on
}

// parcelPairs assesses the pairs of the proposals props on parcel j
// alone, by proposal.
func (b *builder) parcelPairs(j int, props []int32) map[int]*rules.PairAssessment {
	pool := rules.NewLandPool([]*rules.ParcelAssessment{&b.pas[j]})
	out := make(map[int]*rules.PairAssessment, len(props))
	counts := map[string]int{}
	var buf []rules.PairAssessment
	for _, i := range props {
		buf = pool.AppendPairs(buf[:0], b.prof, &b.qas[i], false, counts)
		if len(buf) == 1 {
			pr := buf[0]
			out[int(i)] = &pr
		}
	}
	return out
}

// dominating lists the proposals among props whose pair on parcel j
// (prs) dominates proposal i's chosen pair there.
func (b *builder) dominating(res *assign.Result, j, i int, props []int32, prs map[int]*rules.PairAssessment) []int32 {
	var chosen *rules.PairAssessment
	for _, k := range res.Chosen {
		if b.item[k] == i && b.parcel[k] == j {
			chosen = b.pairOf(k)
		}
	}
	var out []int32
	for _, p := range props {
		if pr := prs[int(p)]; pr != nil && chosen != nil && Dominates(b.prof, pr, chosen) {
			out = append(out, p)
		}
	}
	return out
}
