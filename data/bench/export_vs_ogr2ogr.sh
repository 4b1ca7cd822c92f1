#!/usr/bin/env bash
# GeoPackage export of a plan against GDAL, side by side in one run.
#
# Runs BenchmarkExportGPKGvsOgr2ogr100k (export/gpkg_test.go): a synthetic
# plan of N=100000 parcels and 10000 lots (exporttest.Synthetic) is written
# once as GeoJSON, then each of RUNS iterations (default 3) times
#   landplan's export of the plan to a GeoPackage   (export.Layers + export.WriteGPKG)
#   ogr2ogr -f GPKG out.gpkg in.geojson             (the anchor, same features)
# one after the other, and prints both mean wall times and the ratio
# landplan/ogr2ogr. Then it times the full PNG export path of the same plan
# at 4000 px (BenchmarkPlanPNG100k, target ≤ 10 s). Needs gdal-bin and
# fonts-noto-cjk.
#
# Usage: data/bench/export_vs_ogr2ogr.sh [RUNS]
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v ogr2ogr >/dev/null || { echo "missing ogr2ogr (Debian: gdal-bin)" >&2; exit 1; }
cd "$root"
echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
out=$(go test ./export -run '^$' -bench '^BenchmarkExportGPKGvsOgr2ogr100k$' -benchtime "${runs}x" -count 1)
echo "$out" | grep -E '^Benchmark' | awk '{
  for (i = 1; i <= NF; i++) {
    if ($i == "landplan-s/op") lp = $(i-1)
    if ($i == "ogr2ogr-s/op") og = $(i-1)
    if ($i == "ratio") r = $(i-1)
  }
  printf "gpkg export, 100000 parcels + 10000 lots, mean of %s runs:\n  landplan %.3f s   ogr2ogr -f GPKG %.3f s   ratio landplan/ogr2ogr %.3f\n", "'"$runs"'", lp, og, r
}'
png=$(go test ./export -run '^$' -bench '^BenchmarkPlanPNG100k$' -benchtime "${runs}x" -count 1)
echo "$png" | grep -E '^Benchmark' | awk '{ printf "png export, 100000 parcels at 4000 px: %.2f s per map\n", $3 / 1e9 }'
