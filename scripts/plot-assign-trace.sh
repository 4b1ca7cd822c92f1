#!/usr/bin/env bash
# plot-assign-trace.sh: draw, as text for BENCHMARKS.md, the incumbent and
# the bound over time of our solver and HiGHS from the traces that
# scripts/bench-assign.sh -T DIR leaves (DIR/assign.trace, DIR/highs.trace:
# "seconds objective bound" lines). Needs gnuplot (Debian gnuplot-nox).
#
# With -o FILE.svg it writes the plot as SVG (for docs/) instead, titled
# with -l TITLE.
#
# usage: scripts/plot-assign-trace.sh [-o FILE.svg] [-l TITLE] DIR [YMIN YMAX] [XMAX]
set -euo pipefail
svg="" title=""
while getopts "o:l:" opt; do
	case $opt in
	o) svg=$OPTARG ;;
	l) title=$OPTARG ;;
	*) echo "usage: plot-assign-trace.sh [-o FILE.svg] [-l TITLE] DIR [YMIN YMAX] [XMAX]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
dir=${1:?usage: plot-assign-trace.sh [-o FILE.svg] [-l TITLE] DIR [YMIN YMAX] [XMAX]}
ymin=${2:-*} ymax=${3:-*} xmax=${4:-*}
command -v gnuplot >/dev/null || { echo "gnuplot not found: apt-get install gnuplot-nox" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Steps: each value holds until the next line; HiGHS reports an infinite
# bound before its first LP, left out.
for s in assign highs; do
	[ -f "$dir/$s.trace" ] || continue
	awk '$3 != "Infinity" && $3 != "inf" { print }' "$dir/$s.trace" >"$tmp/$s.dat"
done
plots=()
[ -s "$tmp/assign.dat" ] && plots+=("'$tmp/assign.dat' using 1:2 with steps title 'ours: incumbent'" "'$tmp/assign.dat' using 1:3 with steps title 'ours: bound'")
[ -s "$tmp/highs.dat" ] && plots+=("'$tmp/highs.dat' using 1:2 with steps title 'HiGHS: incumbent'" "'$tmp/highs.dat' using 1:3 with steps title 'HiGHS: bound'")
IFS=,
term="set terminal dumb size 100,34"
if [ -n "$svg" ]; then
	term="set terminal svg size 900,520 dynamic font 'sans,13'
set output '$svg'
set title '${title//\'/}'
set grid
set ylabel 'objective'"
fi
gnuplot <<GP
$term
set xlabel "seconds"
set logscale x
set xrange [0.5:$xmax]
set yrange [$ymin:$ymax]
set key below
plot ${plots[*]}
GP
