// Package assign is landplan's allocation optimiser: a generalised
// assignment problem with side constraints, solved to a proven bound. It
// knows nothing of parcels or proposals; the planner feeds it items
// (proposals), bins (parcels) and candidate pairs.
//
// # Model
//
// Binary x_p for every candidate pair p = (item i, bin b) with value v_p
// and weight w_p:
//
//	max  Σ_p v_p x_p
//	s.t. Σ_{p ∈ P(i)} x_p ≤ 1                for every item i
//	     Σ_{p ∈ P(b)} w_p x_p ≤ C_b          for every bin b (several items may share a bin)
//	     Σ_p a_kp x_p ≤ D_k                  for every side constraint k (quota, zone caps)
//	     Σ_{p ∈ G} x_p ≤ 1                   for every exclusive group G
//	     x_p = 1 (forced), x_p = 0 (forbidden)
//
// All coefficients and right-hand sides are non-negative, so the
// constraints are packing constraints: taking a pair out of a feasible
// assignment keeps it feasible. WriteMPS writes exactly this program.
//
// # Presolve
//
// Forced pairs are fixed and their use subtracted from every row;
// infeasibility can only come from the forced pairs (choosing nothing
// else is otherwise feasible), so it is decided here exactly and reported
// as Status Infeasible with the violated row named. Pairs that can no
// longer be chosen (item already assigned, group used, weight above a
// residual capacity) or that cannot raise the objective (v_p ≤ 0) are
// dropped, and so are rows that the remaining pairs cannot violate.
//
// # Bound
//
// The bound is Lagrangian. The item rows, side rows and group rows are
// relaxed with multipliers u, λ, μ ≥ 0; what remains separates into one
// 0-1 knapsack per bin over the reduced values
// r_p = v_p − u_i − Σ_k λ_k a_kp − Σ_{G∋p} μ_G, and
//
//	L(u, λ, μ) = Σ_b KP_b(r) + Σ_i u_i + Σ_k λ_k D_k + Σ_G μ_G + value of the forced pairs
//
// bounds the optimum for every u, λ, μ ≥ 0 (weak duality). Because the
// knapsacks are solved as 0-1 problems (depth-first branch and bound with
// the Dantzig bound, Horowitz–Sahni), the best L is at least as strong as
// the LP relaxation and often stronger: with continuous knapsacks the
// subproblems have the integrality property and L would equal the LP
// bound (a test checks this against gonum's simplex, and that the
// exact-knapsack value lies between it and the integer optimum). Where a
// knapsack's search exceeds its node limit its Dantzig bound stands in,
// which keeps L valid. Every reported bound is a value of L (or of L_B
// below) at multipliers checked to be finite and non-negative when it is
// computed (or the maximum of such values over the open nodes of the
// branch and bound, see below), computed with a rounding allowance of
// 1e-12 of the magnitude of its terms and with bin capacities widened by
// the feasibility tolerance 1e-9, so that it bounds every assignment the
// package calls feasible.
//
// The dual is minimised in three phases. Phase 1 works on the other
// classical relaxation, which keeps the item rows and relaxes the bin
// rows (scaled by capacity), side rows and groups: each item takes its
// pair of best priced value v_p − ρ_b w_p/C_b − Σ λ_k a_kp − Σ μ_G, and
// L_B = Σ_i max(0, best priced value) + Σ_b ρ_b + Σ λ_k D_k + Σ μ_G is a
// bound too; its best value is the LP bound. Its multipliers are few in practice (most
// parcels are never contested, so most ρ_b stay 0) and it converges in
// far fewer iterations than the item multipliers do; it is minimised by
// the projected subgradient method with Polyak steps aimed at the
// incumbent, the step factor halved after a run of iterations without
// progress. It starts from all-zero multipliers, or from
// Settings.StartPrices (a price per unit of bin weight and per unit of
// side coefficient, such as a related problem's Result.Prices: the
// models of a programme's year-by-year start) with a quarter of the
// first step factor, stopping at a step factor of 0.05 instead of 0.01;
// any non-negative start keeps every bound valid. Phase 2 starts the knapsack relaxation from u_i = the item's
// best priced value in phase 1, which gives L ≤ L_phase1 at once, and goes
// on with exact knapsacks by the same method. The neighbourhood search
// (see Incumbent) then runs, guided by phase 2's solution, and phase 3
// goes on from phase 2's best multipliers by the volume algorithm
// (Barahona and Anbil): the direction is an exponentially weighted
// average of the subgradients met, the step is taken from the best point
// so far, and the step factor grows after improving steps and shrinks
// after runs of others. Phase 3 only lowers the global bound: reduced-cost
// fixing and the branch and bound start from phase 2's multipliers (from
// phase 3's, the 1000 × 300 instance of BENCHMARKS.md took 26 125 nodes to
// prove instead of 9 166).
//
// The choice was measured on the generated 3000 × 1500 instance at land
// pressure 3 (255 000 pairs; BENCHMARKS.md, one run each, one thread, a
// loaded machine): phase 1 ends within 0.02% of the LP value that HiGHS
// computes (31 509 868 against 31 505 730) after about 500 iterations,
// seconds; the volume algorithm in phase 1 reached the same value in 2.6
// times as many iterations. Phase 2 by subgradient steps ends at
// 31 276 689, by the volume algorithm at 31 269 409, and the volume
// algorithm continuing from the subgradient's end at 31 266 285; but the
// neighbourhoods guided by the volume algorithm's solution found an
// incumbent of 31 192 794 in 60 s, those guided by the subgradient's
// 31 232 362 to 31 237 725 (HiGHS: 31 201 265 in 300 s), hence the three
// phases. Branch-and-bound nodes run 80 warm-started subgradient steps:
// the volume algorithm there took more nodes and iterations to prove the
// 1000 × 300 instances. (An exact LP by a restricted master and pricing
// would need a simplex method, which the package does not have.) The
// best bound never increases: every reported bound is the least found.
// Side rows are scaled by their mean coefficient so that all rows weigh
// alike in the step. Pairs are stored bin by bin; the bins (phase 2) or
// blocks of pairs (phase 1) are shared among Settings.Threads goroutines
// in fixed blocks of about equal numbers of pairs, the last on the
// calling goroutine, and combined in a fixed order, so results do not
// depend on scheduling. A model of fewer than 16 384 pairs a goroutine
// (most branch-and-bound nodes) is evaluated on fewer goroutines: below
// that, starting and waiting for one cost more than it saves.
//
// # Incumbent
//
// From the multipliers of the current iterate: (1) a regret greedy on
// priced values s_p = v_p − Σ λ_k a_kp − Σ μ_G, items in decreasing order
// of the loss of their best pair to their best pair of another class
// (pairs using another side constraint, e.g. stock land instead of new
// land), then by value; (2) a repair of the Lagrangian subproblem's
// solution, each item keeping its chosen pair of best reduced value.
// Each is improved by local search: shifts to better fitting pairs,
// insertions, and ejection swaps (an item takes a better pair that does
// not fit by ejecting one item that blocks it in the bin, a binding side
// row or a group; the ejected item moves to its best fitting pair). The
// search for an item's best fitting pair reads, item by item in the order
// of their values, a copy of each pair's value, weight, bin and first two
// side terms built once per model, so that it reads memory in order. At
// the branch-and-bound nodes the heuristic runs on a goroutine of its own
// beside the node's dual ascent, on a copy of the iterate that started it;
// its assignments are offered when the search next starts a heuristic or
// ends, so that the search's course does not depend on timing or on
// Settings.Threads. The final assignment is checked against the Problem
// itself (not the presolved model) before Solve returns.
//
// Then neighbourhood search (RINS): the items on which the incumbent and
// the knapsack relaxation's solution at the best multipliers disagree are
// freed, a few at a time (20 to start; a quarter more after a sub-problem
// proven optimal within its limits, a quarter fewer after one that was
// not), together with the items holding the bins they would use; every
// other item keeps its incumbent pair, and the small problem left is
// solved by this package's own branch and bound (at most 100 nodes and
// 2000 dual iterations' worth of work). Work is counted as pairs
// evaluated by the duals. At the root the chunks of the disagreeing items
// are tried in turn within the work the root's dual took; during the
// branch and bound, at most once a node, up to four chunks guided by
// the last node's relaxed solution, as long as the sub-problems have
// taken less than an eighth of the work of the search itself (each
// sub-problem is charged ten passes over the root's pairs for its set-up
// besides its duals' work). The work is bounded by counts, not time, so
// that runs stay deterministic.
//
// # Closing the gap
//
// After the root, pairs are fixed to 0 by reduced cost: when the bound
// with x_p forced to 1, at most L − UB_b + r_p + U_b(C_b − w_p) with U_b
// the Dantzig bound of the bin's other positive pairs, does not exceed
// the incumbent, no better assignment uses p. Then best-bound branch and
// bound with plunging: at each node the dual ascent is warm-started from
// the parent's multipliers, heuristics run, pairs are fixed by reduced
// cost; branching is on a pair of the Lagrangian subproblem's solution
// that breaks a relaxed row (x_p = 1 first, then x_p = 0): the pair of
// largest reduced value among those of an item assigned more than once,
// else the pair of largest coefficient in the most violated side row,
// else a pair in a violated group; when that solution is feasible, the
// best pair touching a priced row it leaves slack. Before branching, a
// node also fixes pairs to 1 by reduced cost (fixone.go): a pair p that
// the subproblem takes, in bin b, whose exclusion bounds the node by
// L − UB_b + U_b^{−p} (U_b^{−p} the Dantzig bound of the bin without p)
// within the target gap of the incumbent; the node then has a single
// child with those pairs fixed, instead of a branch on such a near-forced
// pair whose child x_p = 0 the first evaluation closes. The bound of the
// part left out counts in the global bound. (Branching on an item's
// use of a side row, which splits the item's pairs into two classes, moved
// the node bound far less on the generated instances: the 200 × 60
// instances of scripts/bench-assign.sh stayed 0.15% from proof after
// 5 s, where pair branching proves them optimal in about a second.) The
// global bound
// is the largest of the incumbent, the open nodes' bounds and the bounds
// of nodes closed within the target gap.
//
// # The LP bound with cuts at the root
//
// The Lagrangian bound keeps each parcel's knapsack but prices the quota
// row, and on models where the quota row binds across many parcels
// (planning runs under the delivery objective) it stays well above the
// optimum. So when the root leaves a relative gap above 1e-3, the model
// left by root reduced-cost fixing is also solved as an LP (lpcuts.go),
// if it fits a dense tableau (rows × columns ≤ 6 million, cuts included;
// a few thousand pairs): a bounded-variable primal simplex from the slack
// basis, then up to 30 rounds of at most 15 cuts each, reoptimised by the
// dual simplex (two-pass ratio test, at most 1 000 pivots a round) until
// three rounds in a row gain less than 1e-6 relative, or three rounds
// leave the bound above the Lagrangian one. The cuts are
// Gomory mixed-integer cuts from the rows whose basic pair is fractional
// (most fractional first) and extended covers of the bin and side rows
// (a greedy cover by (1 − x_p)/w_p, plus the pairs at least as heavy as
// its heaviest). The tableau only guides: each Gomory cut is derived from
// the aggregation of the stored rows (the original rows and earlier cuts,
// in pair space) by the tableau row's slack multipliers, recomputed, so
// it is valid whatever the tableau's rounding, and its right-hand side is
// widened by 1e-7 of its largest term; cuts with coefficients spanning
// more than 1e7 are dropped. The bound taken is by weak duality from the
// tableau's row duals y ≥ 0,
//
//	Σ_i y_i rhs_i + Σ_p max(0, v_p − Σ_i y_i a_ip) + value of the fixed pairs,
//
// an upper bound for any y ≥ 0, so an unfinished or inaccurate simplex
// cannot make it invalid. It lowers the global bound (never below the
// incumbent), and the same duals fix to 0 every pair p with r_p < 0 whose
// forcing to 1 takes that bound to the incumbent or below (the bound plus
// r_p, r_p = v_p − Σ_i y_i a_ip).
// On the delivery sample (testdata/sample-delivery.mps) the root bound
// goes from 26.996 to 26.935 (cbc's root with its cuts: 26.927; optimum
// 26.862); with 40 cuts a round it stopped at 26.949, with 10 the loop
// ended after three rounds above the Lagrangian bound. Solving the LP
// The LP fixing took 106 more of the sample's pairs (584 fixed in all;
// with 40 cuts a round), which made its nodes about 14% faster.
// Stats.LPBound reports the LP bound.
//
// # Two trees
//
// When the root computed that LP, a second branch and bound (lptree.go)
// runs beside the Lagrangian one on the LP bound with the root's cuts
// kept at every node — the cuts are aggregations of the model's rows,
// valid for the whole model, and they mix the parcels with the yearly
// quota rows, which the Lagrangian bound prices. The tableau is first
// compacted (the pairs fixed at 0 and the cuts slack at the root
// dropped). A node is its parent's tableau with the branch's pairs fixed
// and reoptimised by the dual simplex (at most 2 000 pivots); a pivot
// updates only the columns not fixed, which a node's subtree never
// needs again. Nodes are taken best bound first, plunging into one child
// on the parent's tableau; an open node keeps its parent's tableau
// (within 16 MiB of them, the oldest dropped first) and is taken first
// after a plunge when its bound is within 30% of the best open node's gap
// to the incumbent, else the best is taken and rebuilt from the root's
// tableau with its decisions. The bound of a node is the least of its
// parent's, the weak-duality bound of its row duals and the same duals
// with each bin row kept as an exact 0-1 knapsack (each bin's best packing
// of the reduced values, the pairs fixed to 1 packed first); a node whose
// dual simplex finds a row it cannot repair is closed only when the
// weak-duality bound along that row's multipliers (a Farkas ray) falls to
// the incumbent. Each node's solution is rounded (pairs by decreasing LP
// value, then local search) and guides RINS neighbourhoods while they
// take under a sixteenth of the work; pairs are fixed by reduced cost
// below the node. Branching is on a proposal's pairs: a proposal with one
// fractional pair branches on it (0 or 1); one spread over several splits
// its pairs, ordered by weight, at their LP-weighted mean position (the
// lighter or the heavier ones to 0). The candidate chosen has the best
// product of expected losses each way (reliability branching: pseudocosts
// per pair or proposal, learnt by strong branching — at most 8 candidates
// a node, 30 dual pivots a side — until each has 2 observations each way).
//
// The trees take turns for work (Settings-free, deterministic: a pivot's
// updated entries count as the duals' pair evaluations at 44 to 1, as
// measured on the demo's models); the LP tree takes four times the other's
// turn while its own bound is below the Lagrangian tree's by a tenth of
// that tree's gap to the incumbent, else the Lagrangian tree does. The
// run's bound is the lower of the two
// trees' bounds (each is valid), both prune with the shared incumbent,
// and a tree that ends without a proof (a node it could not close) leaves
// the search to the other. On the demo's model at a 1300 亩 quota
// (testdata/demo-quota-1300.mps) the Lagrangian tree alone leaves the
// bound at the root's LP, 0.45% above the optimum, after 50 000 nodes;
// with both trees 8 000 nodes take it to 0.26%. Where the Lagrangian tree
// proves the plan alone (1400 亩) the turns cost about 1.2 times the CPU.
// Stats.LPNodes counts the LP tree's nodes. Under a memory budget the LP
// tree runs when eight copies of its root tableau take at most a quarter
// of the budget, and the tableaux kept with open nodes take at most a
// sixteenth of it (and 16 MiB): both read the budget, never the memory in
// use, so that the same settings give the same search and plan.
//
// # Limits
//
// A run stops at the first of: the target gap proven, Settings.TimeLimit,
// a cancelled context (StoppedInterrupted), Settings.IterationLimit,
// Settings.NodeLimit (1: the root only, to its end) and Settings.MaxMemory
// (the Go runtime's memory, sampled every 50 ms); Result.Stopped says
// which. Whatever stops it, the result holds the best assignment found,
// feasible, and a proven bound.
//
// # Guarantees
//
// Result.Bound ≥ optimum ≥ Result.Objective, always. Runs are
// deterministic: no map iteration, fixed tie-breaks, no dependence on
// goroutine timing; only a run stopped by the time limit depends on the
// machine's speed (use Settings.IterationLimit for a reproducible
// stopping point).
//
// # Pairs not held
//
// SolveLazy solves a problem whose candidate pairs are too many to hold
// (tens of millions): a PairSource enumerates each item's pairs on
// demand, and the run holds only the pairs that matter, about 50 bytes
// each in its own arrays (indices, value, weight, side coefficients)
// until they are handed to Solve as a Problem. It starts from each item's
// best pairs by value and one round of the bin relaxation's dual over
// them (a pass over all pairs adds those whose priced value beats the
// item's best held pair), then solves the held pairs (the restricted
// problem) and prices every pair at that solve's root multipliers
// (Duals: the item multipliers u and the side multipliers λ): a pair
// takes part in the knapsack relaxation only if its reduced value
// r_p = v_p − u_i − Σ_k λ_k a_kp is positive, so that gathering those
// pairs by bin and solving each bin's 0-1 knapsack over them gives the
// bound L(u, λ) over every pair, held or not. The pairs of positive r_p
// not held are added and the restricted problem solved again, until the
// bound proves the target gap, no pair is added, or the time is spent.
// The assignment is always the restricted problem's, feasible for the
// whole; the bound (LazyResult.BoundMethod "pricing") is the least such
// L, or the bin relaxation's over all pairs. When all pairs would fit
// (LazySettings.MaxHeld), a last pass may hold every pair that neither
// relaxation can exclude from an assignment better than the incumbent —
// the bin relaxation by its bound with x_p = 1, the knapsack relaxation by
// L_K + r_p at its best multipliers (with x_p = 1 a bin's knapsack gains at
// most r_p) — and the restricted solve's own bound then stands for the
// whole problem ("complete"): how small instances are proven optimal
// without holding every pair. The pairs of positive r_p a knapsack pass
// gathers are the one store of a pass that grows with the pairs: the pass
// samples the memory every 64 items and, at Settings.MaxMemory, lets go
// of them and bounds each bin's knapsack by the sum of its positive
// reduced values instead (LazyResult.MemoryFallbacks).
//
// # Auditing with other solvers
//
// WriteMPS writes free MPS with OBJSENSE MAX. On Debian 12, cbc 2.10
// reads the section but ignores MAX ("Coin ignores"): run it as
// `cbc model.mps -max -solve`. GLPK 5.0 rejects the OBJSENSE section:
// delete its two lines and run `glpsol --freemps model.mps --max`.
// scripts/bench-assign.sh does both on a generated instance and compares.
package assign
