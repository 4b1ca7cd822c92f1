#!/usr/bin/env bash
# bench-assign.sh: run landplan's assignment solver (planner/assign) beside
# the MIP solvers HiGHS (the npm package highs, a WebAssembly build, run by
# node; scripts/highs), cbc (Debian coinor-cbc) and glpsol (Debian
# glpk-utils) on the same generated instance, exported as free MPS, in one
# run; print the objective, bound, gap and wall time of each, and the ratios
# to ours.
#
# usage: scripts/bench-assign.sh [-b BINS] [-i ITEMS] [-c CANDIDATES]
#            [-p LAND_PRESSURE] [-e BREADTH] [-s SEED] [-t OUR_LIMIT]
#            [-g OUR_GAP] [-m MIP_SECONDS] [-S SOLVERS] [-T TRACE_DIR]
#   defaults: -b 1000 -i 300 -c 170 -p 0 -e 0 -s 1 -t 5s -g 1e-6 -m 300
#   -S highs,cbc; -S highs,cbc,glpsol adds GLPK
#   -p: land requested / land the quota and stock land can supply (0: the
#   generator's quota share); -e: share of all parcels each proposal is
#   eligible on (overrides -c)
#   -T: keep "seconds objective bound" traces of ours and HiGHS there
#
# HiGHS runs single-threaded (the WebAssembly build has one thread), after
# solving the LP relaxation on its own (printed, not in wall_s); its
# package is installed into scripts/highs/node_modules on first use (npm).
#
# cbc 2.10 reads OBJSENSE MAX but ignores it, so it is run with -max;
# GLPK 5.0 rejects the OBJSENSE section, so glpsol gets a copy without it
# and --max. Both MIP solvers are limited in wall time (cbc -timeMode
# elapsed). Peak memory of our solver is measured with /usr/bin/time -v
# (Debian package time) when present.
set -euo pipefail

bins=1000 items=300 cand=170 pressure=0 breadth=0 seed=1 ours=5s ourgap=1e-6 mipsec=300 solvers=highs,cbc tracedir=""
while getopts "b:i:c:p:e:s:t:g:m:S:T:h" opt; do
	case $opt in
	b) bins=$OPTARG ;;
	i) items=$OPTARG ;;
	c) cand=$OPTARG ;;
	p) pressure=$OPTARG ;;
	e) breadth=$OPTARG ;;
	s) seed=$OPTARG ;;
	t) ours=$OPTARG ;;
	g) ourgap=$OPTARG ;;
	m) mipsec=$OPTARG ;;
	S) solvers=$OPTARG ;;
	T) tracedir=$OPTARG ;;
	*) sed -n '2,27p' "$0"; exit 2 ;;
	esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for s in ${solvers//,/ }; do
	case $s in
	highs)
		command -v node >/dev/null || { echo "node not found: apt-get install nodejs npm" >&2; exit 1; }
		[ -d "$root/scripts/highs/node_modules/highs" ] || (cd "$root/scripts/highs" && npm install --no-audit --no-fund >&2)
		;;
	cbc) command -v cbc >/dev/null || { echo "cbc not found: apt-get install coinor-cbc" >&2; exit 1; } ;;
	glpsol) command -v glpsol >/dev/null || { echo "glpsol not found: apt-get install glpk-utils" >&2; exit 1; } ;;
	*) echo "unknown solver $s" >&2; exit 2 ;;
	esac
done

(cd "$root" && go build -o "$tmp/benchcmd" ./planner/assign/internal/benchcmd)
gen=(-bins "$bins" -items "$items" -cand "$cand" -pressure "$pressure" -breadth "$breadth" -seed "$seed")
"$tmp/benchcmd" "${gen[@]}" -solve=false -mps "$tmp/model.mps" >"$tmp/instance.json"
pairs=$(sed -n 's/.*"pairs":\([0-9]*\).*/\1/p' "$tmp/instance.json")
lp=$(sed -n 's/.*"land_pressure":\([0-9.]*\).*/\1/p' "$tmp/instance.json")
echo "instance: $bins parcels x $items proposals, $pairs candidate pairs, land pressure $(printf %.2f "$lp") (seed $seed); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -z "$tracedir" ] || mkdir -p "$tracedir"

now() { date +%s.%N; }
declare -A obj bnd gap wall
rss=""

# Our solver.
if [ -x /usr/bin/time ]; then
	/usr/bin/time -v -o "$tmp/time.txt" "$tmp/benchcmd" "${gen[@]}" -time "$ours" -gap "$ourgap" -line ${tracedir:+-trace "$tracedir/assign.trace"} >"$tmp/ours.txt"
	rss=$(awk -F: '/Maximum resident/ {gsub(/ /, "", $2); printf "%.0f MiB", $2/1024}' "$tmp/time.txt")
else
	"$tmp/benchcmd" "${gen[@]}" -time "$ours" -gap "$ourgap" -line ${tracedir:+-trace "$tracedir/assign.trace"} >"$tmp/ours.txt"
fi
read -r o b g w st <"$tmp/ours.txt"
obj[assign]=$o bnd[assign]=$b gap[assign]=$g wall[assign]=$w
status_assign=$st

# HiGHS.
if [[ ,$solvers, == *,highs,* ]]; then
	t0=$(now)
	node "$root/scripts/highs/run-highs.mjs" "$tmp/model.mps" "$mipsec" ${tracedir:+"$tracedir/highs.trace"} >"$tmp/highs.txt" 2>"$tmp/highs.err" || { tail -c 2000 "$tmp/highs.err" >&2; true; }
	t1=$(now)
	read -r o b g w st lproot <"$tmp/highs.txt" || true
	obj[highs]=$o bnd[highs]=$b
	wall[highs]=$w
	status_highs="$st, LP relaxation $lproot, wall with loading and the LP $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s"
fi

# cbc.
if [[ ,$solvers, == *,cbc,* ]]; then
	t0=$(now)
	cbc "$tmp/model.mps" -max -timeMode elapsed -sec "$mipsec" -solve -quit >"$tmp/cbc.log" 2>&1 || true
	t1=$(now)
	wall[cbc]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	obj[cbc]=$(awk '/^Objective value:/ {print $3}' "$tmp/cbc.log")
	# A proven optimum prints no bound line: the bound is the objective.
	bnd[cbc]=$(awk '/^(Upper|Lower) bound:/ {print $3}' "$tmp/cbc.log")
	if grep -q "^Result - Optimal solution found" "$tmp/cbc.log"; then bnd[cbc]=${obj[cbc]}; fi
fi

# glpsol.
if [[ ,$solvers, == *,glpsol,* ]]; then
	sed '/^OBJSENSE$/,+1d' "$tmp/model.mps" >"$tmp/glpk.mps"
	t0=$(now)
	glpsol --freemps "$tmp/glpk.mps" --max --tmlim "$mipsec" >"$tmp/glpsol.log" 2>&1 || true
	t1=$(now)
	wall[glpsol]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	# Progress lines read "+ iters: mip = INCUMBENT <= BOUND GAP% (...)";
	# the last one holds the final incumbent and bound.
	line=$(grep -E '^[+*] *[0-9]+: mip =' "$tmp/glpsol.log" | tail -1 || true)
	obj[glpsol]=$(echo "$line" | awk '{for (i = 1; i <= NF; i++) if ($i == "=") {print $(i+1); exit}}')
	bnd[glpsol]=$(echo "$line" | awk '{for (i = 1; i <= NF; i++) if ($i == "<=") {print $(i+1); exit}}')
	if grep -q "INTEGER OPTIMAL SOLUTION FOUND" "$tmp/glpsol.log"; then bnd[glpsol]=${obj[glpsol]}; fi
	case ${obj[glpsol]} in not | "") obj[glpsol]="" ;; esac
fi

relgap() { awk -v o="$1" -v b="$2" 'BEGIN { if (o == "" || b == "") print "-"; else printf "%.4f%%", 100 * (b - o) / (b < 0 ? -b : b) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.4f", a / b }'; }

printf '\n%-8s %18s %18s %10s %9s\n' solver objective bound gap wall_s
for s in assign ${solvers//,/ }; do
	printf '%-8s %18s %18s %10s %9.2f\n' "$s" "${obj[$s]:--}" "${bnd[$s]:--}" "$(relgap "${obj[$s]}" "${bnd[$s]}")" "${wall[$s]}"
done
echo "assign: status $status_assign${rss:+, peak RSS $rss}"
[ -z "${status_highs:-}" ] || echo "highs: status $status_highs"
for s in ${solvers//,/ }; do
	echo "assign/$s: objective ratio $(ratio "${obj[assign]}" "${obj[$s]}"), bound ratio $(ratio "${bnd[assign]}" "${bnd[$s]}"), time ratio $(ratio "${wall[assign]}" "${wall[$s]}")"
done
