#!/usr/bin/env bash
# Throughput of the archives input (static extraction) against its floor, in one run.
#
#   scripts/bench-extract.sh [N | DIR]
#
# Input: DIR of distribution archives, or N synthetic ones made by `pypidb generate --archives=N`
# (default 20000: sdists and wheels alternating, shaped like ../shared/corpus/sdists). Runs, one
# after the other:
#   floor   one thread decompressing every member of every archive (ExtractFloor), nothing else
#   flink   scripts/pypidb normalize --runner=FlinkRunner --flinkMaster=[local] on the same files
# and prints wall time, peak RSS (GNU time), archives/s and the ratio. The normalize run's own
# time (without JVM start) is in its "done in" line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
arg="${1:-20000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/pypidb-bench-extract.XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [ -z "${PYPIDB_JAR:-}" ]; then
  (cd "$root" && mvn -B -q -o -DskipTests install >/dev/null 2>&1) || (cd "$root" && mvn -B -q -DskipTests install)
  cp "$root/runners/target/pypidb.jar" "$work/pypidb.jar"
  export PYPIDB_JAR="$work/pypidb.jar"
fi
heap="${PYPIDB_JAVA_OPTS:--Xmx4g}"
if [ -d "$arg" ]; then
  input="$(cd "$arg" && pwd)"
else
  input="$work/archives"
  "$root/scripts/pypidb" generate --archives="$arg" --output="$input"
fi
count="$(find "$input" -type f \( -name '*.tar.gz' -o -name '*.tgz' -o -name '*.tar.bz2' -o -name '*.tar.xz' \
  -o -name '*.zip' -o -name '*.whl' -o -name '*.egg' \) | wc -l)"
echo "input: $input ($count archives, $(du -sh "$input" | cut -f1)); heap $heap; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# shellcheck source=lib/measure.sh
. "$root/scripts/lib/measure.sh"

rate() { awk -v n="$count" -v w="$1" 'BEGIN { printf "         %.1f archives/s\n", n / w }'; }
measure floor java -Xmx1g -cp "$PYPIDB_JAR" dev.pypidb.bench.ExtractFloor "$input"
rate "$wall_floor"
grep '^floor:' "$work/floor.log"
measure flink env PYPIDB_JAVA_OPTS="$heap" "$root/scripts/pypidb" normalize --input="$input" --output="$work/out" \
  --runner=FlinkRunner --flinkMaster='[local]'
rate "$wall_flink"
grep -E 'normalize: done in' "$work/flink.log" || true
python3 - "$work/out" <<'PY'
import json, sys
m = json.load(open(sys.argv[1] + "/manifest.json"))["totals"]
print("records read %d, written %d, dead-lettered %d, reconciles %s" % (
    m["records_read"], m["records_written"], m["dead_lettered"], m["reconciles"]))
PY
awk -v f="$wall_flink" -v fl="$wall_floor" 'BEGIN { printf "flink / floor: %.2fx (aim: within 3x)\n", f / fl }'
