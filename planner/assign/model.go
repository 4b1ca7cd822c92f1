package assign

import (
	"fmt"
	"math"
	"slices"
)

// model is the internal form of a (sub)problem: free pairs in flat slices,
// with compressed sparse rows by item, by bin, from pair to side terms and
// from pair to exclusive groups. In models built by restrict the pairs are
// stored bin by bin (so binPairs is the identity). Items, bins, side constraints and groups
// are numbered compactly within the model; parent* map them to the model
// it was restricted from, so that multipliers can be carried over.
type model struct {
	nItems, nBins, nSide, nGroups int

	// Free pairs.
	pItem, pBin []int32
	pVal, pW    []float64
	orig        []int32 // index of the pair in the Problem

	// Pair → side terms (scaled coefficients) and pair → groups.
	sideStart []int32
	sideK     []int32
	sideA     []float64
	grpStart  []int32
	grpG      []int32

	// Item → pairs and bin → pairs.
	itemStart, itemPairs []int32
	binStart, binPairs   []int32

	binCap  []float64 // residual capacity (weight units)
	sideCap []float64 // residual capacity (scaled units)
	// sideScale[k] is the factor dividing the Problem's coefficients and
	// capacity of side constraint k.
	sideScale []float64

	itemParent, sideParent, groupParent []int32

	fixedValue float64 // value of the pairs fixed to 1
	fixed      []int32 // Problem indices of the pairs fixed to 1

	pack fitPack // the fit test's entries, built on first use
}

// feasTol is the absolute slack allowed on a constraint of right-hand side
// c: 1e-9 relative (double precision sums of a few thousand terms of mixed
// magnitude are accurate to about 1e-13 relative, so 1e-9 leaves room,
// and it is well inside the 1e-6 primal tolerance of cbc and glpsol, which
// therefore accept every assignment this package calls feasible).
func feasTol(c float64) float64 { return 1e-9 * math.Max(1, math.Abs(c)) }

// conflict is an infeasibility found by restrict, in the parent's numbering.
type conflict struct {
	kind  string // "item", "bin", "side", "group", "forbidden"
	index int    // item, bin, side or group index; pair for "forbidden"
	pairs []int32
	need  float64
	cap   float64
	scale float64 // of a side constraint: need and cap are divided by it
}

// rawModel converts a valid Problem to a model that keeps every pair,
// numbering items, bins and constraints as the Problem does.
//
// Complexity: long but flat: numbering items, bins and constraints in turn.
func rawModel(p *Problem) *model {
	m := &model{
		nItems:  p.Items,
		nBins:   len(p.Bins),
		nSide:   len(p.Side),
		nGroups: len(p.Exclusive),
	}
	np := len(p.Pairs)
	m.pItem = make([]int32, np)
	m.pBin = make([]int32, np)
	m.pVal = make([]float64, np)
	m.pW = make([]float64, np)
	m.orig = make([]int32, np)
	for i, pr := range p.Pairs {
		m.pItem[i] = int32(pr.Item)
		m.pBin[i] = int32(pr.Bin)
		m.pVal[i] = pr.Value
		m.pW[i] = pr.Weight
		m.orig[i] = int32(i)
	}
	m.binCap = make([]float64, m.nBins)
	for b, bin := range p.Bins {
		m.binCap[b] = bin.Capacity
	}
	m.sideCap = make([]float64, m.nSide)
	m.sideScale = make([]float64, m.nSide)
	// Pair → side terms, scaled so that the mean non-zero coefficient of
	// each constraint is 1: the subgradient then treats item rows and side
	// rows on a comparable scale.
	count := make([]int32, np+1)
	for k, c := range p.Side {
		sum, n := 0.0, 0
		for _, t := range c.Terms {
			if t.Coef > 0 {
				count[t.Pair+1]++
				sum += t.Coef
				n++
			}
		}
		s := 1.0
		if n > 0 && sum > 0 {
			s = sum / float64(n)
		}
		m.sideScale[k] = s
		m.sideCap[k] = c.Capacity / s
	}
	m.sideStart = prefix(count)
	m.sideK = make([]int32, m.sideStart[np])
	m.sideA = make([]float64, m.sideStart[np])
	fill := append([]int32(nil), m.sideStart[:np]...)
	for k, c := range p.Side {
		for _, t := range c.Terms {
			if t.Coef > 0 {
				j := fill[t.Pair]
				m.sideK[j] = int32(k)
				m.sideA[j] = t.Coef / m.sideScale[k]
				fill[t.Pair]++
			}
		}
	}
	count = make([]int32, np+1)
	for _, grp := range p.Exclusive {
		for _, q := range grp {
			count[q+1]++
		}
	}
	m.grpStart = prefix(count)
	m.grpG = make([]int32, m.grpStart[np])
	fill = append(fill[:0], m.grpStart[:np]...)
	for g, grp := range p.Exclusive {
		for _, q := range grp {
			m.grpG[fill[q]] = int32(g)
			fill[q]++
		}
	}
	m.itemParent = iota32(m.nItems)
	m.sideParent = iota32(m.nSide)
	m.groupParent = iota32(m.nGroups)
	m.buildIndex()
	return m
}

func prefix(count []int32) []int32 {
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	return count
}

func iota32(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = int32(i)
	}
	return s
}

// buildIndex builds the item → pairs and bin → pairs rows. An item's
// pairs are in decreasing order of value (ties by index), so that the
// best fitting pair is found by a short scan; a bin's pairs ascend.
func (m *model) buildIndex() {
	np := len(m.pItem)
	ic := make([]int32, m.nItems+1)
	bc := make([]int32, m.nBins+1)
	for p := 0; p < np; p++ {
		ic[m.pItem[p]+1]++
		bc[m.pBin[p]+1]++
	}
	m.itemStart = prefix(ic)
	m.binStart = prefix(bc)
	m.itemPairs = make([]int32, np)
	m.binPairs = make([]int32, np)
	fi := append([]int32(nil), m.itemStart[:m.nItems]...)
	fb := append([]int32(nil), m.binStart[:m.nBins]...)
	for p := 0; p < np; p++ {
		i, b := m.pItem[p], m.pBin[p]
		m.itemPairs[fi[i]] = int32(p)
		fi[i]++
		m.binPairs[fb[b]] = int32(p)
		fb[b]++
	}
	for i := 0; i < m.nItems; i++ {
		seg := m.itemPairs[m.itemStart[i]:m.itemStart[i+1]]
		slices.SortFunc(seg, func(a, b int32) int {
			switch {
			case m.pVal[a] > m.pVal[b]:
				return -1
			case m.pVal[a] < m.pVal[b]:
				return 1
			}
			return int(a - b)
		})
	}
}

// restrict returns the model left when the pairs in one are fixed to 1 and
// the pairs with zero[p] set are fixed to 0 (zero may be nil). It drops
// every pair that can no longer be chosen or can only lower the objective:
// pairs of items already assigned, pairs in a group already used, pairs
// that no longer fit a residual capacity, and pairs of value ≤ 0 (all
// constraints are packing constraints, so dropping such a pair from any
// feasible assignment keeps it feasible and does not lower its value).
// Constraints left redundant are dropped. When the pairs in one are
// infeasible together, it returns the violated constraint instead.
func (m *model) restrict(one []int32, zero []bool) (*model, *conflict) {
	f, cf := m.fixOnes(one, zero)
	if cf != nil {
		return nil, cf
	}
	if cf := m.capacityConflict(f); cf != nil {
		return nil, cf
	}
	return m.restricted(f, m.freePairs(f, zero)), nil
}

// fixing is the state of a model with some pairs fixed to 1.
type fixing struct {
	isOne      []bool
	itemUsed   []int32 // pair+1 fixing the item
	groupUsed  []int32 // pair+1 using the group
	binRes     []float64
	sideRes    []float64
	fixedValue float64
	fixed      []int32
}

// fixOnes fixes the pairs in one to 1 and returns the capacities left, or
// the conflict of a pair fixed to both 0 and 1, or of two pairs of one
// item or one group.
func (m *model) fixOnes(one []int32, zero []bool) (*fixing, *conflict) {
	np := len(m.pItem)
	f := &fixing{
		isOne:      make([]bool, np),
		itemUsed:   make([]int32, m.nItems),
		groupUsed:  make([]int32, m.nGroups),
		binRes:     append([]float64(nil), m.binCap...),
		sideRes:    append([]float64(nil), m.sideCap...),
		fixedValue: m.fixedValue,
		fixed:      append([]int32(nil), m.fixed...),
	}
	for _, p := range one {
		if f.isOne[p] {
			continue
		}
		if zero != nil && zero[p] {
			return nil, &conflict{kind: "forbidden", index: int(p)}
		}
		f.isOne[p] = true
	}
	for p := 0; p < np; p++ { // ascending order: deterministic conflicts
		if !f.isOne[p] {
			continue
		}
		if cf := m.fixPair(f, int32(p)); cf != nil {
			return nil, cf
		}
	}
	return f, nil
}

// fixPair fixes pair p to 1 in f: it takes its item, its weight from its
// bin and side constraints, and its groups.
func (m *model) fixPair(f *fixing, p int32) *conflict {
	i := m.pItem[p]
	if f.itemUsed[i] != 0 {
		return &conflict{kind: "item", index: int(i), pairs: []int32{f.itemUsed[i] - 1, p}}
	}
	f.itemUsed[i] = p + 1
	f.binRes[m.pBin[p]] -= m.pW[p]
	for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
		f.sideRes[m.sideK[j]] -= m.sideA[j]
	}
	for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
		g := m.grpG[j]
		if f.groupUsed[g] != 0 {
			return &conflict{kind: "group", index: int(g), pairs: []int32{f.groupUsed[g] - 1, p}}
		}
		f.groupUsed[g] = p + 1
	}
	f.fixedValue += m.pVal[p]
	f.fixed = append(f.fixed, m.orig[p])
	return nil
}

// capacityConflict returns the conflict of the first bin, else the first
// side constraint, whose capacity the pairs fixed in f exceed; nil when
// they fit.
func (m *model) capacityConflict(f *fixing) *conflict {
	for b, r := range f.binRes {
		if r < -feasTol(m.binCap[b]) {
			return &conflict{kind: "bin", index: b, pairs: m.onesIn(f.isOne, m.binPairs[m.binStart[b]:m.binStart[b+1]]),
				need: m.binCap[b] - r, cap: m.binCap[b]}
		}
	}
	for k, r := range f.sideRes {
		if r < -feasTol(m.sideCap[k]) {
			var ps []int32
			for p := 0; p < len(m.pItem); p++ {
				if f.isOne[p] && m.coef(int32(p), int32(k)) > 0 {
					ps = append(ps, int32(p))
				}
			}
			return &conflict{kind: "side", index: k, pairs: ps, need: m.sideCap[k] - r, cap: m.sideCap[k], scale: m.sideScale[k]}
		}
	}
	return nil
}

// freePairs marks the pairs that stay free under f: not fixed, not in
// zero, of positive value, of an item not yet assigned, fitting what is
// left of every capacity and in no group already used.
func (m *model) freePairs(f *fixing, zero []bool) []bool {
	np := len(m.pItem)
	keep := make([]bool, np)
	for p := 0; p < np; p++ {
		if f.isOne[p] || (zero != nil && zero[p]) || f.itemUsed[m.pItem[p]] != 0 || m.pVal[p] <= 0 {
			continue
		}
		b := m.pBin[p]
		if m.pW[p] > f.binRes[b]+feasTol(m.binCap[b]) {
			continue
		}
		ok := true
		for j := m.sideStart[p]; j < m.sideStart[p+1] && ok; j++ {
			k := m.sideK[j]
			ok = m.sideA[j] <= f.sideRes[k]+feasTol(m.sideCap[k])
		}
		for j := m.grpStart[p]; j < m.grpStart[p+1] && ok; j++ {
			ok = f.groupUsed[m.grpG[j]] == 0
		}
		keep[p] = ok
	}
	return keep
}

// restricted builds the model of the pairs kept under f, renumbering the
// items, bins, side constraints and groups that remain.
func (m *model) restricted(f *fixing, keep []bool) *model {
	c := &model{fixedValue: f.fixedValue, fixed: f.fixed}
	sideMap, groupMap := c.keptRows(m, f, keep)
	itemMap, binMap, nk := c.keptItemsAndBins(m, f, keep)
	c.pItem = make([]int32, 0, nk)
	c.pBin = make([]int32, 0, nk)
	c.pVal = make([]float64, 0, nk)
	c.pW = make([]float64, 0, nk)
	c.orig = make([]int32, 0, nk)
	c.sideStart = make([]int32, 1, nk+1)
	c.grpStart = make([]int32, 1, nk+1)
	nt := keptTerms(m, keep, sideMap)
	c.sideK, c.sideA = make([]int32, 0, nt), make([]float64, 0, nt)
	// Pairs go in bin order (by the parent's order within a bin), so that
	// the per-bin knapsacks read contiguous memory.
	for b := 0; b < m.nBins; b++ {
		for _, p := range m.binPairs[m.binStart[b]:m.binStart[b+1]] {
			if !keep[p] {
				continue
			}
			c.appendPair(m, p, itemMap, binMap, sideMap, groupMap)
		}
	}
	c.buildIndex()
	return c
}

// keptTerms counts the side terms of the kept pairs of m whose
// constraint is kept (sideMap).
func keptTerms(m *model, keep []bool, sideMap []int32) int {
	n := 0
	for p := range m.pItem {
		if !keep[p] {
			continue
		}
		for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
			if sideMap[m.sideK[j]] >= 0 {
				n++
			}
		}
	}
	return n
}

// keptRows adds to c the side constraints of the parent m that the kept
// pairs can still violate, with the capacities left in f, and the groups
// with two kept members or more; the others are dropped. It returns the
// new index of each parent constraint and group (−1: dropped).
func (c *model) keptRows(m *model, f *fixing, keep []bool) (sideMap, groupMap []int32) {
	sideLoad := make([]float64, m.nSide)
	groupCount := make([]int32, m.nGroups)
	for p := 0; p < len(m.pItem); p++ {
		if !keep[p] {
			continue
		}
		for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
			sideLoad[m.sideK[j]] += m.sideA[j]
		}
		for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
			groupCount[m.grpG[j]]++
		}
	}
	sideMap = make([]int32, m.nSide)
	for k := range sideMap {
		sideMap[k] = -1
		if sideLoad[k] > f.sideRes[k]+feasTol(m.sideCap[k]) {
			sideMap[k] = int32(c.nSide)
			c.nSide++
			c.sideParent = append(c.sideParent, int32(k))
			c.sideCap = append(c.sideCap, math.Max(0, f.sideRes[k]))
			c.sideScale = append(c.sideScale, m.sideScale[k])
		}
	}
	groupMap = make([]int32, m.nGroups)
	for g := range groupMap {
		groupMap[g] = -1
		if groupCount[g] >= 2 {
			groupMap[g] = int32(c.nGroups)
			c.nGroups++
			c.groupParent = append(c.groupParent, int32(g))
		}
	}
	return sideMap, groupMap
}

// keptItemsAndBins adds to c the items and the bins of the parent m that
// have a kept pair, the bins with the capacities left in f. It returns the
// new index of each parent item and bin (−1: dropped) and the number of
// kept pairs.
func (c *model) keptItemsAndBins(m *model, f *fixing, keep []bool) (itemMap, binMap []int32, nk int) {
	itemMap = make([]int32, m.nItems)
	binMap = make([]int32, m.nBins)
	for i := range itemMap {
		itemMap[i] = -1
	}
	for b := range binMap {
		binMap[b] = -1
	}
	for p := 0; p < len(m.pItem); p++ {
		if keep[p] {
			nk++
			if i := m.pItem[p]; itemMap[i] < 0 {
				itemMap[i] = 0
			}
			if b := m.pBin[p]; binMap[b] < 0 {
				binMap[b] = 0
			}
		}
	}
	for i, v := range itemMap {
		if v == 0 {
			itemMap[i] = int32(c.nItems)
			c.nItems++
			c.itemParent = append(c.itemParent, int32(i))
		}
	}
	for b, v := range binMap {
		if v == 0 {
			binMap[b] = int32(c.nBins)
			c.nBins++
			c.binCap = append(c.binCap, math.Max(0, f.binRes[b]))
		}
	}
	return itemMap, binMap, nk
}

// appendPair appends the parent's pair p, renumbered by the maps.
func (c *model) appendPair(m *model, p int32, itemMap, binMap, sideMap, groupMap []int32) {
	c.pItem = append(c.pItem, itemMap[m.pItem[p]])
	c.pBin = append(c.pBin, binMap[m.pBin[p]])
	c.pVal = append(c.pVal, m.pVal[p])
	c.pW = append(c.pW, m.pW[p])
	c.orig = append(c.orig, m.orig[p])
	for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
		if k := sideMap[m.sideK[j]]; k >= 0 {
			c.sideK = append(c.sideK, k)
			c.sideA = append(c.sideA, m.sideA[j])
		}
	}
	c.sideStart = append(c.sideStart, int32(len(c.sideK)))
	for j := m.grpStart[p]; j < m.grpStart[p+1]; j++ {
		if g := groupMap[m.grpG[j]]; g >= 0 {
			c.grpG = append(c.grpG, g)
		}
	}
	c.grpStart = append(c.grpStart, int32(len(c.grpG)))
}

func (m *model) onesIn(isOne []bool, ps []int32) []int32 {
	var r []int32
	for _, p := range ps {
		if isOne[p] {
			r = append(r, p)
		}
	}
	return r
}

// coef returns the scaled coefficient of pair p in side constraint k.
func (m *model) coef(p, k int32) float64 {
	for j := m.sideStart[p]; j < m.sideStart[p+1]; j++ {
		if m.sideK[j] == k {
			return m.sideA[j]
		}
	}
	return 0
}

// describe turns a conflict found on the raw model into a Conflict named
// after the Problem.
func (c *conflict) describe(p *Problem) *Conflict {
	pairs := func() string {
		s := ""
		for j, q := range c.pairs {
			if j > 0 {
				s += ", "
			}
			s += fmt.Sprint(q)
		}
		return s
	}
	switch c.kind {
	case "forbidden":
		return &Conflict{Constraint: "forbidden",
			Detail: fmt.Sprintf("%s is both forced and forbidden", p.pairWhere(c.index))}
	case "item":
		return &Conflict{Constraint: p.itemWhere(c.index),
			Detail: fmt.Sprintf("forced pairs %s both assign the item, which may take at most one bin", pairs())}
	case "group":
		return &Conflict{Constraint: fmt.Sprintf("exclusive group %d", c.index),
			Detail: fmt.Sprintf("forced pairs %s are both in the group, of which at most one may be chosen", pairs())}
	case "bin":
		return &Conflict{Constraint: p.binWhere(c.index),
			Detail: fmt.Sprintf("forced pairs %s weigh %g in all, more than the capacity %g", pairs(), c.need, c.cap)}
	case "side":
		return &Conflict{Constraint: p.sideWhere(c.index),
			Detail: fmt.Sprintf("forced pairs %s use %g in all, more than the capacity %g", pairs(), c.need*c.scale, p.Side[c.index].Capacity)}
	}
	return &Conflict{Constraint: c.kind, Detail: "violated by the forced pairs"}
}
