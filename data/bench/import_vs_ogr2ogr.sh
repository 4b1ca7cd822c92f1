#!/usr/bin/env bash
# End-to-end parcel import against GDAL, side by side in one run.
#
# Makes a GeoJSON of N synthetic quadrilateral parcels (default 100000)
# around Liuzhou, then times, on the same file,
#   ogr2ogr -f GPKG out.gpkg in.geojson                 (the anchor)
#   landplan --db db.gpkg import parcels in.geojson     (read + validate + store)
# and prints both wall times, their ratio and landplan's peak resident
# memory. Needs gdal-bin, python3 and GNU time (Debian package "time").
#
# Usage: data/bench/import_vs_ogr2ogr.sh [N] [RUNS]
set -euo pipefail
n=${1:-100000}
runs=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in ogr2ogr python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian: gdal-bin, python3, time)" >&2; exit 1; }
done

(cd "$root" && go build -o "$work/landplan" ./cmd/landplan)

python3 - "$n" "$work/in.geojson" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
zones = ["柳州国家高新区", "河西柳州高新区", "柳东新区"]
uses = ["100101", "100102", "100103", "1101"]
statuses = ["new", "idle", "inefficient", "occupied", "reserved"]
side, cols = 0.001, 400
feats = []
for i in range(n):
    x = 109.2 + (i % cols) * side * 1.2
    y = 24.1 + (i // cols) * side * 1.2
    sk = (i % 7) * side * 0.05
    ring = [[x, y], [x + side, y + sk], [x + side + sk, y + side], [x, y + side], [x, y]]
    p = {"id": "B%06d" % i, "zone": zones[i % 3], "land_use": uses[i % 4], "status": statuses[i % 5]}
    if i % 2 == 0:
        p.update(max_plot_ratio=2.0, serviced=(i % 4 == 0), price=336)
    if i % 10 == 0:
        p["survey"] = "2023"
    feats.append({"type": "Feature", "properties": p, "geometry": {"type": "Polygon", "coordinates": [ring]}})
with open(out, "w") as f:
    json.dump({"type": "FeatureCollection", "features": feats}, f, ensure_ascii=False)
PY

best_ogr=""; best_lp=""; peak=""
for r in $(seq "$runs"); do
  rm -f "$work/out.gpkg" "$work/db.gpkg"
  /usr/bin/time -f "%e %M" -o "$work/t_ogr" ogr2ogr -f GPKG "$work/out.gpkg" "$work/in.geojson"
  /usr/bin/time -f "%e %M" -o "$work/t_lp" "$work/landplan" --db "$work/db.gpkg" import parcels "$work/in.geojson" >/dev/null 2>&1
  read -r t_ogr _ < "$work/t_ogr"
  read -r t_lp m_lp < "$work/t_lp"
  echo "run $r: ogr2ogr ${t_ogr}s, landplan ${t_lp}s, landplan peak RSS $((m_lp / 1024)) MiB"
  best_ogr=$(python3 -c "print(min(x for x in [$t_ogr, ${best_ogr:-1e9}]))")
  best_lp=$(python3 -c "print(min(x for x in [$t_lp, ${best_lp:-1e9}]))")
  peak=$(python3 -c "print(max(x for x in [$m_lp, ${peak:-0}]))")
done
count=$(sqlite3 "$work/db.gpkg" "SELECT count(*) FROM parcels" 2>/dev/null || echo "?")
echo "parcels stored: $count of $n"
python3 -c "print(f'best: ogr2ogr {$best_ogr:.2f}s, landplan {$best_lp:.2f}s, ratio landplan/ogr2ogr {$best_lp/$best_ogr:.2f} (target <= 0.50); peak RSS {$peak/1024:.0f} MiB (target < 400)')"
