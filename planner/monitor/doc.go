// Package monitor follows an allocation after the award: standard land
// (标准地) is supplied with its indicators fixed before supply and committed
// by contract, then checked. The package is pure logic over a plan, the
// proposals, the parcels, the yearly performance rows and the policy
// profile's [monitor] and [stock.idle] settings:
//
//   - [Covenants] gives the covenant of every allocation (标准地履约监管协议
//     附件): the committed indicators with their standard-land thresholds and
//     sources, the agreed start and completion, the dates of the checks at
//     full production (达产复核), and what a breach costs (the idle fee and
//     recovery without compensation of 令第53号).
//   - [Evaluate] scores every enterprise of a year by the profile's
//     indicators, weights and benchmarks (亩均效益评价, Σ value ÷ benchmark ×
//     weight) and puts it in class A, B, C or D by its rank; equal scores
//     share the better class.
//   - [Monitor] checks each covenant at a date: each check met, missed or
//     not yet due; idle land by 令第53号 (one year → the idle fee, two years →
//     recovery), with a government-caused delay (art. 8) shown as an
//     exception that stops both; inefficient land by the profile's rule
//     (e.g. class D two years running).
//   - [Result.Pool] holds the findings as the land pool should record them
//     for the next plan: land found idle or inefficient becomes stock land,
//     which the rules then supply with its disposal route and the date it
//     is free; land in use becomes occupied.
package monitor
