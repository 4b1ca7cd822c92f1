// Package compare puts plans side by side (`landplan compare`, the web's
// comparison page, the demo's compare.txt).
//
// [Diff] lists every total and indicator of the plans with its difference
// from the first plan (supply modes by count and area, and year against
// year for programmes), and, for each later plan, the allocations that
// moved from the first: + placed only in the later plan, - placed only in
// the first (with why the later plan leaves it out), ~ placed in both on
// another parcel, in another year, by another tenure or on another area
// (with why, when the later plan re-planned the first). Each set of
// changes ends with a one-line summary. [Comparison.Render] writes the
// comparison as JSON or as text in English or Chinese.
//
// The plans themselves are made by package plan; the names of the change
// actions ([plan.ActionAdd], [plan.ActionRemove], [plan.ActionChange]) and
// their Chinese names stay with plan's names tables.
package compare
