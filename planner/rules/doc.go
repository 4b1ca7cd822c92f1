// Package rules applies the clause-12 policy (package policy) to parcels,
// proposals and proposal × parcel pairs, and says why: every decision is a
// planner.Reason {rule, clause, verdict, message in English and Chinese},
// never a bare boolean.
//
//   - AssessParcel: available or not (reserved public-facility land and
//     occupied land never are, 12.5), stock land, idle land by 令第53号 with
//     its fee and recovery dates, inefficient land by the profile's
//     thresholds (12.2).
//   - AssessProposal: industry, minimum plot ratio by industry, building
//     coverage (12.1), standard-land indicators and prospects (12.4,
//     clauses 5 and 7).
//   - AssessPair: planned use and class compatibility, the parcel's
//     plot-ratio range, area fit, facility land and dormitories after the
//     cap rule (12.7, clause 13), quota or stock use, criterion values.
//   - Supply: supply mode, term, price by K(m) and rent (12.3);
//     SupplyFigures the same without the reasons.
//   - ScorePairs: the pair scores (12.4) by package score, each broken
//     down into its criteria; ScorePairsLean the same scores, each pair's
//     breakdown and reasons made on demand by Scoring.Explain.
//   - Check: what `landplan check` prints, rendered as text (en/zh) or JSON.
//   - LandPool: the available parcels by land kind and area, the cheap
//     pre-filter of pairs; its lean pairs (AppendPairs without full,
//     AppendPairsAt) come from the lean pair path, which works out what
//     depends only on the proposal, its zone or the parcel once per pass
//     and gives each pair exactly as AssessPair's figures.
//
// The functions are pure: the planning date comes from the profile, never
// from the clock.
package rules
