package assign

import (
	"fmt"
	"time"
)

// Settings control a run of Solve. A nil *Settings, or a zero field,
// means the documented default.
type Settings struct {
	// TimeLimit bounds the wall time of the run; the best assignment and
	// bound found by then are returned with Status TimeLimit.
	// Default 10 s.
	TimeLimit time.Duration
	// TargetGap stops the run as soon as the proven relative gap
	// (Bound − Objective)/|Bound| is at most TargetGap, with Status
	// GapReached (or Optimal when the gap is below 1e-9). Default 1e-6:
	// the run goes on to proven optimality, up to the rounding of a
	// planner's figures, or to the time limit, whichever comes first. A
	// negative value asks for a proof to 1e-9.
	TargetGap float64
	// IterationLimit bounds the number of Lagrangian dual iterations
	// summed over all nodes; 0 means no limit. A run stopped by it is
	// deterministic whatever the machine's speed (Status IterationLimit).
	IterationLimit int
	// NodeLimit bounds the number of branch-and-bound nodes; 0 means the
	// default, 1 000 000. Set it to 1 to solve the root only.
	NodeLimit int
	// MaxMemory, when positive, is the run's memory budget in bytes: the
	// Go runtime's memory (heap, stacks and runtime structures, less what
	// it has returned to the system), sampled every 50 ms. A run that
	// reaches it stops with its best assignment and bound, Status
	// IterationLimit and StopReason StoppedMemoryLimit. It is checked
	// while the run goes on (the open nodes of the branch and bound are
	// what grows), not before the model is built: the caller keeps the
	// Problem itself within its budget. 0 means no budget.
	MaxMemory int64
	// Threads is the number of goroutines that evaluate the Lagrangian
	// relaxations (the per-bin knapsacks, the items' best pairs); 0 means
	// 2. The result does not depend on it.
	Threads int
	// Progress, when not nil, is called from Solve's goroutine whenever
	// the incumbent or the bound moves (at most about five times a
	// second, except that a new incumbent is always reported) and once
	// at the end. It may cancel Solve's context.
	Progress func(Progress)
	// StartPrices, when not nil, are where the root's first phase (the
	// bin relaxation) starts, instead of all zero (see Prices), e.g. a
	// related problem's Result.Prices. They must match the Problem's
	// bins and side constraints; others are ignored.
	StartPrices *Prices
	// KeepStart, when set and SolveFrom's start is feasible, skips the
	// root's own first incumbent (a greedy by value and 20 passes of
	// local search) before the first phase, and the root's heuristics
	// once its bound proves the target gap with the start: the given
	// start stands as the incumbent instead. For starts known to be good
	// (a programme's year-by-year start); the bound does not depend on it.
	KeepStart bool
	// WarmSide, when set, starts the root's dual from these multipliers
	// of the side constraints (one per Problem side constraint, in
	// objective units per unit of capacity, as Duals.Side gives them):
	// typically the duals of a neighbouring problem in a parameter sweep.
	// Any multipliers ≥ 0 give a valid bound; the start changes how fast
	// the bound is found, not what it proves.
	WarmSide []float64
	// WarmItems, with WarmSide, are the item multipliers of that start
	// (Duals.Items of the neighbour, one per Problem item).
	WarmItems []float64
	// lpTreeOnly runs the tree on the LP bound alone, on every model the
	// dense tableau takes (tests).
	lpTreeOnly bool
}

// Defaults of Settings.
const (
	DefaultTimeLimit = 10 * time.Second
	DefaultTargetGap = 1e-6
	DefaultNodeLimit = 1_000_000
	DefaultThreads   = 2
)

func (s *Settings) withDefaults() Settings {
	var r Settings
	if s != nil {
		r = *s
	}
	if r.TimeLimit <= 0 {
		r.TimeLimit = DefaultTimeLimit
	}
	if r.TargetGap == 0 {
		r.TargetGap = DefaultTargetGap
	}
	if r.TargetGap < 0 {
		r.TargetGap = 0
	}
	if r.NodeLimit <= 0 {
		r.NodeLimit = DefaultNodeLimit
	}
	if r.Threads <= 0 {
		r.Threads = DefaultThreads
	}
	return r
}

// Progress is a snapshot of a run, passed to Settings.Progress.
type Progress struct {
	// Elapsed is the wall time since Solve started.
	Elapsed time.Duration
	// Objective is the incumbent's value; it never decreases.
	Objective float64
	// Bound is the best proven upper bound; it never increases.
	Bound float64
	// Gap is the relative gap of Objective and Bound.
	Gap float64
	// Iterations and Nodes count dual iterations and branch-and-bound
	// nodes so far.
	Iterations, Nodes int
	// Phase says what the solver is doing: "root" (the dual ascent and
	// heuristics at the root), "neighbourhoods" (sub-problems around the
	// incumbent) or "branch and bound".
	Phase string
	// Done is true on the last call.
	Done bool
}

// String formats the snapshot as one terminal progress line.
func (p Progress) String() string {
	return fmt.Sprintf("%7.1fs  objective %.10g  bound %.10g  gap %.4f%%  iterations %d  nodes %d  %s",
		p.Elapsed.Seconds(), p.Objective, p.Bound, 100*p.Gap, p.Iterations, p.Nodes, p.Phase)
}

// Status says how a run ended.
type Status int

// The statuses.
const (
	// Optimal: the assignment is optimal (gap below 1e-9).
	Optimal Status = iota
	// GapReached: the proven gap is at most Settings.TargetGap.
	GapReached
	// TimeLimit: the time limit (or a cancelled context) stopped the run
	// before the target gap was proven.
	TimeLimit
	// IterationLimit: the iteration, node or memory limit stopped the run
	// before the target gap was proven.
	IterationLimit
	// Infeasible: no assignment satisfies the forced pairs and the
	// constraints; Result.Infeasible names the constraint.
	Infeasible
)

// String returns the status's name.
func (s Status) String() string {
	switch s {
	case Optimal:
		return "optimal"
	case GapReached:
		return "gap reached"
	case TimeLimit:
		return "time limit"
	case IterationLimit:
		return "iteration limit"
	case Infeasible:
		return "infeasible"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// StopReason says why a run stopped, more finely than Status: a run
// whose context was cancelled has Status TimeLimit (as a planner reports
// it) and StopReason Interrupted.
type StopReason int

// The reasons.
const (
	// StoppedOptimal: the gap is below 1e-9.
	StoppedOptimal StopReason = iota
	// StoppedTargetGap: the gap is at most Settings.TargetGap.
	StoppedTargetGap
	// StoppedTimeLimit: Settings.TimeLimit ran out.
	StoppedTimeLimit
	// StoppedInterrupted: the context was cancelled.
	StoppedInterrupted
	// StoppedIterationLimit: Settings.IterationLimit was reached.
	StoppedIterationLimit
	// StoppedNodeLimit: Settings.NodeLimit was reached.
	StoppedNodeLimit
	// StoppedInfeasible: presolve proved the problem infeasible.
	StoppedInfeasible
	// StoppedMemoryLimit: the run reached Settings.MaxMemory.
	StoppedMemoryLimit
)

// String returns the reason in a few words.
func (r StopReason) String() string {
	switch r {
	case StoppedOptimal:
		return "proven optimal"
	case StoppedTargetGap:
		return "target gap proven"
	case StoppedTimeLimit:
		return "time limit"
	case StoppedInterrupted:
		return "interrupted"
	case StoppedIterationLimit:
		return "iteration limit"
	case StoppedNodeLimit:
		return "node limit"
	case StoppedInfeasible:
		return "infeasible"
	case StoppedMemoryLimit:
		return "memory limit"
	}
	return fmt.Sprintf("StopReason(%d)", int(r))
}

// Result is the outcome of Solve. When Status is Infeasible, Chosen is
// nil and Objective, Bound and Gap are 0.
type Result struct {
	// Chosen are the indices of the chosen pairs, ascending. It always
	// holds a feasible assignment, except when Status is Infeasible.
	Chosen []int
	// Objective is the total value of Chosen.
	Objective float64
	// Bound is a proven upper bound on the optimum (see the package
	// documentation for the method); Bound ≥ Objective.
	Bound float64
	// Gap is (Bound − Objective)/|Bound|, 0 when both are 0.
	Gap float64
	// Status says how the run ended.
	Status Status
	// Stopped says why the run ended.
	Stopped StopReason
	// Infeasible names the violated constraint when Status is Infeasible.
	Infeasible *Conflict
	// Stats describe the run.
	Stats Stats
	// Duals are the root's Lagrangian multipliers of the side
	// constraints (see Duals); nil when Status is Infeasible.
	Duals *Duals
	// Prices are the best multipliers of the root's first phase (see
	// Prices); nil when the run did not reach it.
	Prices *Prices
}

// Conflict names the constraint that the forced pairs violate.
type Conflict struct {
	// Constraint names the constraint: `item 3`, `bin 7 ("L0042")`,
	// `side constraint 0 ("quota")`, `exclusive group 2` or `forbidden`.
	Constraint string
	// Detail says how it is violated.
	Detail string
}

// Error returns "Constraint: Detail".
func (c *Conflict) Error() string { return c.Constraint + ": " + c.Detail }

// Stats describe a run.
type Stats struct {
	// Iterations counts Lagrangian dual iterations, all nodes together.
	Iterations int
	// Nodes counts branch-and-bound nodes evaluated (the root is 1);
	// LPNodes those of them in the tree on the LP bound (see BoundMethod).
	Nodes, LPNodes int
	// Elapsed is the wall time of the run. It is the only field of Result
	// that differs between two runs on the same input.
	Elapsed time.Duration
	// BoundMethod names how Bound was proven.
	BoundMethod string
	// RootBound is the Lagrangian bound proven at the root.
	RootBound float64
	// LPBound is the bound of the LP relaxation with Gomory mixed-integer
	// and knapsack cover cuts, computed at the root after reduced-cost
	// fixing on models small enough for a dense simplex tableau (fixed
	// pairs' value included; +Inf when not computed).
	LPBound float64
	// Pairs, FreePairs are the number of pairs in the input and the
	// number left free by presolve (forced, forbidden, unusable and
	// valueless pairs removed).
	Pairs, FreePairs int
	// FixedByReducedCost counts pairs fixed to 0 at the root by
	// reduced-cost tests (Lagrangian, then LP where LPBound is computed).
	FixedByReducedCost int
	// Neighbourhoods counts the sub-problems solved around the incumbent
	// (see the package documentation), and NeighbourhoodNodes their
	// branch-and-bound nodes, which Nodes does not include.
	Neighbourhoods, NeighbourhoodNodes int
}
