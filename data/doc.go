// Package data is the storage of landplan: one SQLite file (go-sqlite3) that
// is also a valid OGC GeoPackage 1.3, its schema and versioned migrations,
// and the implementations of the planner's store interfaces.
//
// It is the only package that imports database/sql and go-sqlite3.
package data
