#!/usr/bin/env bash
# bench-assign-scale.sh: how landplan's assignment solver (planner/assign)
# grows with the number of candidate pairs. Solves generated instances of
# 10 parcels per proposal and C candidate parcels per proposal at several
# sizes, each to a target gap within a time limit, and prints pairs, wall
# time, iterations, gap and peak RSS (measured by /usr/bin/time -v, Debian
# package time).
#
# usage: scripts/bench-assign-scale.sh [-c CANDIDATES] [-g GAP] [-t LIMIT] [SIZES...]
#   SIZES are proposal counts; defaults: -c 100 -g 0.01 -t 120s 1000 2000 5000 10000
#   (10000 proposals = the 100k parcels x 10k proposals target)
set -euo pipefail

cand=100 gap=0.01 limit=120s
while getopts "c:g:t:h" opt; do
	case $opt in
	c) cand=$OPTARG ;;
	g) gap=$OPTARG ;;
	t) limit=$OPTARG ;;
	*) sed -n '2,12p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 2000 5000 10000)
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found: apt-get install time" >&2; exit 1; }

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/benchcmd" ./planner/assign/internal/benchcmd)

echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); candidates $cand, target gap $gap, limit $limit"
printf '%8s %8s %10s %9s %10s %8s %9s %12s %10s\n' parcels proposals pairs solve_s iterations ms/iter gap% status peak_MiB
for n in "${sizes[@]}"; do
	bins=$((10 * n))
	/usr/bin/time -v -o "$tmp/time.txt" "$tmp/benchcmd" -bins "$bins" -items "$n" -cand "$cand" \
		-time "$limit" -gap "$gap" >"$tmp/out.json"
	rss=$(awk -F: '/Maximum resident/ {gsub(/ /, "", $2); printf "%.0f", $2/1024}' "$tmp/time.txt")
	field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p" "$tmp/out.json"; }
	printf '%8d %8d %10d %9.2f %10d %8.2f %9.4f %12s %10d\n' "$bins" "$n" "$(field pairs)" "$(field solve_s)" \
		"$(field iterations)" "$(awk -v s="$(field solve_s)" -v i="$(field iterations)" 'BEGIN { print 1000 * s / i }')" \
		"$(awk -v g="$(field gap)" 'BEGIN { print 100 * g }')" "$(field status | tr ' ' _)" "$rss"
done
