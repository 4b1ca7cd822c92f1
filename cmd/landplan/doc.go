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
//	landplan scenario add NAME --set KEY=VALUE ... | --file F
//	landplan plan [--scenario NAME] [--time-limit D] [--gap G] [--max-memory SIZE] [--export-mps FILE]
//	landplan plans
//	landplan show PLAN [--proposal ID]
//	landplan compare PLAN PLAN [...] [--map FILE]
//	landplan export PLAN --format geojson|gpkg|svg|png|csv|xlsx|html --out FILE
//	landplan serve [--addr 127.0.0.1:8080] [--token-file FILE]
//
// Global flags, accepted before or after the subcommand: --db FILE (default
// landplan.gpkg, or $LANDPLAN_DB), --lang zh|en (default from LANG), --json.
//
// Exit status: 0 on success, 1 on a failed run, 2 on bad usage or bad input.
package main
