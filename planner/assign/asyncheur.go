package assign

import (
	"sync"
	"time"
)

// heurTask is a run of the primal heuristic (greedy and repair, each
// followed by local search, side by side) on other goroutines, on a copy of the dual's
// state at the iteration that started it, while the ascent goes on. Its
// two assignments are offered when the search next waits for it (at the
// next heuristic iteration, of this node or a later one, or when the
// search ends), so the run's course depends on the iterations, not on
// timing, nor on Settings.Threads. (At the nodes the heuristic's local
// search takes as long as the dual or longer, BENCHMARKS.md §3, and the
// node's dual runs on one goroutine when its model is small.)
type heurTask struct {
	done     chan struct{}
	v1, v2   float64
	one, two []int
	score, r []float64
	x        []bool
	h        *primal
}

// asyncMinPairs is the fewest pairs of a node model whose heuristic runs
// beside its dual: on smaller ones starting and waiting for the goroutine
// and copying the iterate cost more than the overlap saves (on the demo's
// 909 pairs the proof took a third longer, with the same nodes).
const asyncMinPairs = 1024

// startHeuristic copies what the heuristic reads from d and a and starts
// it on h (which the caller leaves alone until await).
func (s *solver) startHeuristic(d *dual, h *primal, a mults, passes int) *heurTask {
	m := d.m
	t := &heurTask{
		done:  make(chan struct{}),
		score: make([]float64, len(m.pItem)),
		r:     append([]float64(nil), d.r...),
		x:     append([]bool(nil), d.x...),
		h:     h,
	}
	d.pricedScores(a, t.score)
	// The solver's own stop test writes its state; this one only reads
	// what does not change during the run.
	ctx, deadline := s.ctx, s.deadline
	h.stop = func() bool { return ctx.Err() != nil || time.Now().After(deadline) }
	// The greedy and the repair start afresh (both reset their primal),
	// so they run side by side, the repair on a primal of its own.
	h2 := newPrimal(m)
	h2.stop = h.stop
	go func() {
		defer close(t.done)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			h2.repair(t.x, t.r, t.score)
			h2.localSearch(passes)
			t.v2, t.two = m.fixedValue+h2.value, h2.chosen()
		}()
		h.greedy(t.score)
		h.localSearch(passes)
		t.v1, t.one = m.fixedValue+h.value, h.chosen()
		wg.Wait()
	}()
	return t
}

// await waits for t (nil: nothing to wait for) and offers its two
// assignments in the order they were built; it restores h's stop test.
// When t is s.pending, that is cleared.
func (s *solver) await(t *heurTask) {
	if t == nil {
		return
	}
	if t == s.pending {
		s.pending = nil
	}
	<-t.done
	t.h.stop = s.stop
	s.offerChosen(t.v1, t.one)
	s.offerChosen(t.v2, t.two)
}
