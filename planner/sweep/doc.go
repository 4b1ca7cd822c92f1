// Package sweep runs one plan per value of a swept policy setting, or per
// point of the grid of two (`landplan sweep`, the web's sweep form).
//
// [ParseAxis] reads a swept setting (KEY=FROM:TO:STEP or KEY=a,b,c) and
// refuses a bad one before anything runs; [Points] lists the points of
// one axis or a grid of two, each a scenario named by [ScenarioName];
// [Run] plans and stores every point with package plan, each started from
// the previous point's plan and its dual from that plan's multipliers
// (plan.Settings.WarmStart, which the plan records as WarmStart). Each point's [Row] holds its plan's headline
// figures and marginal values; [Indicators] are the figures a sweep's
// table and charts show (docs/product.md, "Sweeps and marginal values").
package sweep
