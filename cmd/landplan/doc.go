// Command landplan plans the allocation of industrial land to enterprise
// projects under clause 12 of Liuzhou's 2022 high-tech zone measures.
//
// Usage:
//
//	landplan demo [--out DIR]
//	landplan import parcels FILE [--crs EPSG:N] [--layer NAME] [--replace]
//	landplan import proposals FILE [--replace]
//	landplan check
//	landplan policy show
//
// Global flags, accepted before or after the subcommand: --db FILE (default
// landplan.gpkg, or $LANDPLAN_DB), --lang zh|en (default from LANG), --json.
//
// Exit status: 0 on success, 1 on a failed run, 2 on bad usage or bad input.
package main
