// Package explain writes a plan for the people who read it (`landplan
// plan`, `landplan show`, the web's plan pages and the demo's files).
//
// [Render] writes the plan as JSON (the plan.Plan itself, docs/product.md,
// "The plan") or as text in English or Chinese: the summary a planner
// reads at a glance (hashes, objective and proven bound, projects placed,
// new and stock land against the quota, year by year for a programme,
// output, tax, jobs, facility and dormitory land, supply modes, the
// clause 12.4 check and the marginal values), then the allocations as a
// plan of changes and the proposals not placed with their causes.
//
// [Explain] writes the explanation of one proposal, or of all: for an
// allocation its land, phases, price or rent, score breakdown and every
// reason; for a proposal left out its cause, its reasons and the verified
// change that would place it. As JSON it writes the plan.Allocation or
// plan.Unallocated itself.
//
// The plans are made by package plan, which also holds the Chinese names
// of its rules, causes and statuses.
package explain
