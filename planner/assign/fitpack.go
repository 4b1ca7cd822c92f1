package assign

import "sync"

// fitEntry is what the fit test reads of one pair, laid out in the order
// of the item → pairs rows so that a scan of an item's pairs by value
// reads memory in order: the pair's value, weight and bin, and its first
// two side terms (k < 0: none); complex marks a pair with more side terms
// or a group, which takes the full test.
type fitEntry struct {
	val, w, a, a2 float64
	bin, k, k2    int32
	p             int32
	complex       bool
}

// packMinPairs is the fewest pairs of a model whose heuristic reads fit
// entries: a smaller model's pairs lie close in memory anyway, and
// building the entries for every node would cost more than they save.
const packMinPairs = 1024

// fitPack holds a model's fit entries, built once per model on first use.
type fitPack struct {
	once    sync.Once
	entries []fitEntry
}

// fitEntries returns m's fit entries in item-row order (itemPairs).
func (m *model) fitEntries() []fitEntry {
	m.pack.once.Do(func() {
		es := make([]fitEntry, len(m.itemPairs))
		for t, p := range m.itemPairs {
			e := fitEntry{val: m.pVal[p], w: m.pW[p], bin: m.pBin[p], k: -1, k2: -1, p: p}
			j, n := m.sideStart[p], m.sideStart[p+1]-m.sideStart[p]
			if n >= 1 {
				e.k, e.a = m.sideK[j], m.sideA[j]
			}
			if n >= 2 {
				e.k2, e.a2 = m.sideK[j+1], m.sideA[j+1]
			}
			e.complex = n > 2
			if m.grpStart[p] < m.grpStart[p+1] {
				e.complex = true
			}
			es[t] = e
		}
		m.pack.entries = es
	})
	return m.pack.entries
}
