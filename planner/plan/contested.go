package plan

import (
	"unsafe"

	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/rules"
)

// contestedPair is a pair on a parcel that has a chosen pair, with its
// proposal, its parcel and its place in the order of a pass over every
// pair (eachPair's, from 1).
type contestedPair struct {
	pr    rules.PairAssessment
	i, j  int
	order int
}

// contestedPairBytes is what one contested pair takes, with the slack
// of its growing slice.
const contestedPairBytes = int64(unsafe.Sizeof(contestedPair{})) * 5 / 4

// holdContested is whether the dominance check may hold the contested
// pairs; tests turn it off to compare with the passes over every pair.
var holdContested = true

// contestedPairs makes one pass over every pair and keeps those on the
// parcels with a chosen pair. The dominance check compares only those:
// a break is a pair on a parcel with a chosen pair, and repairs swap the
// proposal on a parcel, never the parcels that have one. It returns nil
// and false when they would take more than limit bytes (limit ≤ 0: no
// limit).
func (b *builder) contestedPairs(res *assign.Result, limit int64) ([]contestedPair, bool) {
	if !holdContested {
		return nil, false
	}
	onParcel := make([]bool, len(b.parcels))
	for _, k := range res.Chosen {
		onParcel[b.parcel[k]] = true
	}
	var out []contestedPair
	order, fits := 0, true
	b.eachPair(func(i, j int, pr *rules.PairAssessment) {
		order++
		if !fits || !onParcel[j] {
			return
		}
		if limit > 0 && int64(len(out)+1)*contestedPairBytes > limit {
			fits, out = false, nil
			return
		}
		out = append(out, contestedPair{pr: *pr, i: i, j: j, order: order})
	})
	return out, fits
}

// eachContested calls fn for every pair the dominance check compares,
// in eachPair's order, with its order: the contested pairs when they are
// held (contested not nil), a pass over every pair otherwise.
func (b *builder) eachContested(contested []contestedPair, held bool, fn func(order, i, j int, pr *rules.PairAssessment)) {
	if held {
		for n := range contested {
			c := &contested[n]
			fn(c.order, c.i, c.j, &c.pr)
		}
		return
	}
	order := 0
	b.eachPair(func(i, j int, pr *rules.PairAssessment) {
		order++
		fn(order, i, j, pr)
	})
}
