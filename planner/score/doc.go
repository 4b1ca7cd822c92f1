// Package score ranks alternatives on several criteria: multi-criteria
// scoring for the planner's candidate (proposal, parcel) pairs.
//
// A [Matrix] holds raw criterion values, one row per alternative and one
// column per criterion, each criterion a [Benefit] (more is better) or a
// [Cost] (less is better). [Score] turns it into one score in [0, 1] per
// row, with each criterion's share of that score:
//
//   - weights come from the caller ("explicit"), from the data
//     ("entropy", [EntropyWeights]) or from an AHP pairwise judgement
//     matrix ("ahp", [AHP]), which is refused with an [*InconsistentError]
//     when its consistency ratio reaches the limit;
//   - aggregation is a weighted sum of min–max normalised values
//     ("weighted_sum") or TOPSIS closeness on vector-normalised values
//     ("topsis").
//
// The formulas follow the scoring methods used in Chinese land evaluation
// (see the project's docs/policy.md, "Scoring methods"); each function's
// documentation pins its conventions, including the degenerate cases
// (constant columns, a single row, both TOPSIS distances zero).
//
// The package knows nothing of parcels or proposals: it imports only gonum
// and the standard library. Scoring is single-threaded, linear in the
// number of rows and allocates a fixed number of slices per call, so a
// million rows score in well under a second.
//
// Bad input is reported as an [*InputError] (or an [*InconsistentError]);
// both match [ErrInvalid] under errors.Is.
package score
