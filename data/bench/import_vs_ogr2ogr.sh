#!/usr/bin/env bash
# End-to-end parcel import against GDAL, side by side in one run.
#
# Makes a GeoJSON of N synthetic quadrilateral parcels (default 100000,
# about 40 MB) around Liuzhou, then times, on the same file, RUNS times
# (default 5), one after the other,
#   ogr2ogr -f GPKG out.gpkg in.geojson                 (the anchor)
#   landplan --db db.gpkg import parcels in.geojson     (read + validate + store)
# and prints each run's wall times, landplan's CPU time and peak resident
# memory, and the ratio landplan/ogr2ogr, then the best and median ratio.
# Last it times `landplan import proposals` on a CSV of 10000 proposals
# from the sample generator. Needs gdal-bin, python3, sqlite3 and GNU
# time (Debian package "time").
#
# Usage: data/bench/import_vs_ogr2ogr.sh [N] [RUNS]
set -euo pipefail
n=${1:-100000}
runs=${2:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in ogr2ogr python3 sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian: gdal-bin, python3, sqlite3, time)" >&2; exit 1; }
done

(cd "$root" && go build -o "$work/landplan" ./cmd/landplan && go build -o "$work/gen" ./data/sample/gen)

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
echo "input: $n parcels, $(( $(stat -c %s "$work/in.geojson") / 1048576 )) MiB; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

: > "$work/results"
for r in $(seq "$runs"); do
  rm -f "$work/out.gpkg" "$work/db.gpkg"
  /usr/bin/time -f "%e %U %S %M" -o "$work/t_ogr" ogr2ogr -f GPKG "$work/out.gpkg" "$work/in.geojson"
  /usr/bin/time -f "%e %U %S %M" -o "$work/t_lp" "$work/landplan" --db "$work/db.gpkg" import parcels "$work/in.geojson" >/dev/null 2>&1
  read -r e_ogr u_ogr s_ogr m_ogr < "$work/t_ogr"
  read -r e_lp u_lp s_lp m_lp < "$work/t_lp"
  echo "$e_ogr $e_lp $u_lp $s_lp $m_lp $m_ogr" >> "$work/results"
  python3 -c "print(f'run $r: ogr2ogr {$e_ogr:.2f}s (peak RSS {$m_ogr/1024:.0f} MiB), landplan {$e_lp:.2f}s (CPU {$u_lp+$s_lp:.2f}s, peak RSS {$m_lp/1024:.0f} MiB), ratio {$e_lp/$e_ogr:.2f}')"
done
count=$(sqlite3 "$work/db.gpkg" "SELECT count(*) FROM parcels")
echo "parcels stored: $count of $n"
python3 - "$work/results" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
ratios = [lp / ogr for ogr, lp, *_ in rows]
best_ogr, best_lp = min(r[0] for r in rows), min(r[1] for r in rows)
peak = max(r[4] for r in rows) / 1024
print(f"best: ogr2ogr {best_ogr:.2f}s, landplan {best_lp:.2f}s, ratio {best_lp / best_ogr:.2f}; "
      f"median ratio {statistics.median(ratios):.2f} (target <= 0.25); landplan peak RSS {peak:.0f} MiB (target < 400)")
PY

"$work/gen" -parcels 1000 -proposals 10000 -out "$work/sample" >/dev/null 2>&1
rm -f "$work/p.gpkg"
/usr/bin/time -f "%e %M" -o "$work/t_prop" "$work/landplan" --db "$work/p.gpkg" import proposals "$work/sample/proposals.csv" >/dev/null 2>&1
read -r e_prop m_prop < "$work/t_prop"
echo "proposals: $(sqlite3 "$work/p.gpkg" "SELECT count(*) FROM proposals") from a 10000-row CSV in ${e_prop}s, peak RSS $((m_prop / 1024)) MiB (target < 1 s)"
