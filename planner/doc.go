// Package planner is the domain of landplan: parcels, proposals, the
// clause-12 policy of Liuzhou's 2022 high-tech zone measures, reasons,
// plans and scenarios.
//
// It declares the store interfaces it needs and knows nothing of SQLite,
// files on disk or HTTP. Geometry comes from package geo; storage is in
// package data.
package planner
