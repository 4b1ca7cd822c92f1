#!/usr/bin/env bash
# Planning runs on the embedded sample beside cbc on the exact model each
# run solved: the base profile and the demo's two what-ifs. For each: our
# wall time and objective (the whole command: rules, scoring, solve, lots,
# storage), cbc's wall time and proven optimum on the exported MPS, and
# the ratios. Then the cost of the verified flips (default budget vs none).
#
#   scripts/bench-plan-cbc.sh [RUNS]
set -euo pipefail
runs=${1:-3}
command -v cbc >/dev/null || { echo "cbc not found (apt-get install coinor-cbc)" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
root=$(cd "$(dirname "$0")/.." && pwd)
(cd "$root" && go build -o "$dir/landplan" ./cmd/landplan)
lp() { "$dir/landplan" --db "$dir/s.gpkg" "$@"; }
lp import parcels "$root/data/sample/parcels.geojson" >/dev/null 2>&1
lp import proposals "$root/data/sample/proposals.csv" >/dev/null 2>&1
lp scenario add cap7 --set 'facility.eligible_zones=[]' >/dev/null 2>&1
lp scenario add stock-first --set stock.first=true >/dev/null 2>&1
now() { date +%s.%N; }
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load: $(uptime | sed 's/.*load average: //')"
printf '%-12s %12s %10s %14s %10s %8s %10s\n' scenario ours_obj ours_s cbc_optimum cbc_s t_ratio obj_diff
for sc in base cap7 stock-first; do
  args=(); [ "$sc" = base ] || args=(--scenario "$sc")
  best_ours=1e9; best_cbc=1e9; obj=""
  for _ in $(seq "$runs"); do
    t0=$(now); lp plan "${args[@]}" --flips -1 --export-mps "$dir/$sc.mps" --json 2>/dev/null >"$dir/$sc.json"; t1=$(now)
    out=$(cbc "$dir/$sc.mps" -max -solve -quit); t2=$(now)
    best_ours=$(echo "$t1 - $t0" | bc -l | awk -v b="$best_ours" '{print ($1<b)?$1:b}')
    best_cbc=$(echo "$t2 - $t1" | bc -l | awk -v b="$best_cbc" '{print ($1<b)?$1:b}')
  done
  obj=$(python3 -c "import json; print(json.load(open('$dir/$sc.json'))['objective'])")
  opt=$(echo "$out" | sed -n 's/^Objective value: *//p')
  echo "$out" | grep -q "Optimal solution found" || opt="($opt not proven)"
  printf '%-12s %12.8f %10.3f %14s %10.3f %8.2f %10.2e\n' "$sc" "$obj" "$best_ours" "$opt" "$best_cbc" \
    "$(echo "$best_ours / $best_cbc" | bc -l)" "$(python3 -c "print(abs($obj - ${opt%% *}) / ${opt%% *})" 2>/dev/null || echo nan)"
done
t0=$(now); lp plan >/dev/null 2>&1; t1=$(now); lp plan --flips -1 >/dev/null 2>&1; t2=$(now)
printf 'base plan with the default flip search: %.2f s; without flips: %.2f s\n' "$(echo "$t1 - $t0" | bc -l)" "$(echo "$t2 - $t1" | bc -l)"
