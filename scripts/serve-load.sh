#!/usr/bin/env bash
# The web interface under load on loopback: a generated 3 200-parcel,
# 1 200-proposal database with one plan, served by landplan serve, 100
# concurrent clients asking for the map data, the plan page, the map page
# and the plans list (scripts/serveload). Prints p50/p99 per address and
# the server's peak RSS, with the CPU and the load average.
#
#   scripts/serve-load.sh [CLIENTS] [REQUESTS]
set -euo pipefail
clients=${1:-100}
requests=${2:-2000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
root=$(cd "$(dirname "$0")/.." && pwd)
(cd "$root" && go build -o "$dir/landplan" ./cmd/landplan && go build -o "$dir/serveload" ./scripts/serveload)
(cd "$root" && go run ./data/sample/gen -parcels 3200 -proposals 1200 -seed 1 -out "$dir/in")
lp() { "$dir/landplan" --db "$dir/load.gpkg" "$@"; }
lp import parcels "$dir/in/parcels.geojson" >/dev/null 2>&1
lp import proposals "$dir/in/proposals.csv" >/dev/null 2>&1
lp plan --time-limit 10s --flips -1 >/dev/null 2>&1
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load before: $(uptime | sed 's/.*load average: //')"
"$dir/serveload" -landplan "$dir/landplan" -db "$dir/load.gpkg" -clients "$clients" -requests "$requests"
echo "load after: $(uptime | sed 's/.*load average: //')"
