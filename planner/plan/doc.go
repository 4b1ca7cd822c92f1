// Package plan makes, explains and compares planning runs: which project
// gets which parcel, under which supply mode, and why (clause 12 of
// Liuzhou's 2022 high-tech zone measures).
//
// [Run] assesses the parcels and proposals with package rules, builds the
// candidate pairs with the rules' cheap pre-filter ([rules.LandPool]),
// scores them ([rules.ScorePairsLean]), chooses each pair's supply
// ([rules.SupplyFigures]), solves the allocation as a generalised assignment
// problem with the new-land quota (and any zone caps) as side constraints
// (package assign), and returns an immutable [Plan]: allocations with their
// reasons, unallocated proposals with their causes, lots cut from the
// parcels (package geo/subdivide), totals, the proven bound and gap, and
// the SHA-256 of its inputs, its policy and its own content. The candidate
// pairs are held without their reasons; only the pairs a plan allocates
// are explained in full ([rules.AssessPair], [rules.Scoring.Explain],
// [rules.Supply]), so a run's memory grows with the figures of its pairs,
// not with their explanations.
//
// # Pairs priced, not held
//
// A run whose candidate pairs would exceed its memory budget
// ([Settings.MaxMemory]; the build's guard projects them from the first
// proposals) does not hold them: the planner scans every pair once for
// the scoring's normalisation ([rules.ScorePairsStream], so that each
// pair's score is the one the full path gives it), then the optimiser
// prices the pairs ([assign.SolveLazy]) from a source that makes each
// proposal's pairs again from the rules, and a last pass over the pairs
// explains the plan: runner-ups, the proposals left out and the 12.4
// check. The plan is the one the full path gives (a test proves it on
// generated pools); [Stats.PairsHeld] records the most pairs held at
// once and [Stats.BoundMethod] says that the bound covers every pair.
// Such a run computes no marginal values and searches no flips; a
// programme of more than one year, signed contracts, forced allocations,
// a re-plan, a warm start or an MPS export keep the memory budget's
// refusal.
//
// # Programmes, contracts and re-planning
//
// With plan.horizon_end after the planning year a run is a multi-year
// programme: each pair is a candidate in every year it may be supplied
// (expandYears), each year's quota a side constraint, and each
// allocation has its year. [Input.Contracts] are signed allocations
// ([CheckContracts], [ContractsFrom]) the model forces; [Input.Previous]
// is a plan to re-plan with a small churn term that prefers keeping its
// tentative allocations, and [Plan.Moves] lists every one moved, with why
// (docs/programme.md).
//
// # Explanations
//
// Each allocation carries the reasons of the rules that admitted the pair,
// its score broken into criteria, its supply mode, term and price or rent,
// and its runner-ups: the best other eligible parcel for the project and
// the best other eligible project for the parcel, by value under the
// plan's measure. Its flip statement compares values pair to pair: when
// the runner-up project values the parcel less, it says by how much its
// value (and the score or figure behind it) would have to rise to beat the
// chosen pair in a one-for-one swap; when it values the parcel as much or
// more, it says what holds it back (its own better placement, the quota
// or a zone cap left, the parcel's area). The statement does not re-solve
// the model — the solver exposes no dual prices — so it is a local,
// necessary condition, not a promise that the whole plan would change.
//
// An unallocated proposal is "ineligible" (its failing rules, and how
// many parcels each rule excludes, counted as `landplan check` counts
// them), "quota" (every eligible parcel is new land and the quota left is
// less than the least it would use: it says how much more quota would
// place it), "outcompeted" (its best parcels are held by projects of
// higher value, named with their scores and values), "no_value", or
// "time_limit"/"target_gap" when a parcel could still take it but the
// solver stopped first.
//
// # Lots
//
// A parcel carrying more than one allocation, a phased allocation, or an
// allocation smaller than the parcel by more than 0.5% is cut into lots in
// its CGCS2000 Gauss-Krüger zone (EPSG:4545 west of 109.5°E, EPSG:4546
// east), with targets scaled by planar over ellipsoid area so that each
// lot's ellipsoid area is within 0.5% of its allocation; the land left is
// a "remainder" lot. A parcel given whole to one project is one "whole"
// lot.
//
// # Rendering
//
// Package explain writes a plan and the explanation of its proposals as
// text (English or Chinese) or JSON; package compare puts plans side by
// side and lists the allocations that moved between them.
//
// [Store] is the storage the command needs, implemented by package data;
// [Scenario] and [ApplyScenario] are the what-ifs.
//
// # Marginal values
//
// Every plan carries [MarginalValue]s: the Lagrangian multipliers of its
// quota rows and zone caps, with the bound they prove (docs/product.md,
// "Sweeps and marginal values"). A run may start from a neighbouring
// plan ([Settings].WarmStart, which the plan records as WarmStart);
// package sweep runs one plan per point of a swept setting that way.
package plan
