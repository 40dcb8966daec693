#!/usr/bin/env bash
# Normalize speed and memory on real data, with the floor measured in the same run.
#
#   scripts/bench-normalize.sh CORPUS_DIR [deps-db]
#
# Input: CORPUS_DIR/bigquery/*.jsonl.gz (or, with "deps-db", the CORPUS_DIR/pypi-deps-db
# checkout). Runs, one after the other:
#   floor   one thread gunzipping and parsing every line into a JSON tree (bigquery only)
#   flink   scripts/pypidb normalize --runner=FlinkRunner --flinkMaster=[local]
#   direct  scripts/pypidb normalize --runner=DirectRunner
# and prints wall time, peak RSS (GNU time) and the ratios, then checks that both runners
# wrote the same rows (row multiset per table, via DuckDB). Heap: PYPIDB_JAVA_OPTS for Flink
# (default -Xmx4g, the launcher's), DIRECT_JAVA_OPTS for the DirectRunner (default -Xmx12g: it
# holds the whole shuffle in memory; 4 GB is not enough for the corpus). SKIP_DIRECT=1 skips it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$(cd "${1:?usage: $0 CORPUS_DIR [deps-db]}" && pwd)"
kind="${2:-bigquery}"
case "$kind" in
  bigquery) input="$corpus/bigquery"; files=("$corpus"/bigquery/*.jsonl.gz) ;;
  deps-db) input="$corpus/pypi-deps-db"; files=() ;;
  *) echo "unknown input kind $kind (bigquery or deps-db)" >&2; exit 2 ;;
esac
work="$(mktemp -d "${TMPDIR:-/tmp}/pypidb-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [ -z "${PYPIDB_JAR:-}" ]; then
  (cd "$root" && mvn -B -q -o -DskipTests install >/dev/null 2>&1) || (cd "$root" && mvn -B -q -DskipTests install)
  cp "$root/runners/target/pypidb.jar" "$work/pypidb.jar"
  export PYPIDB_JAR="$work/pypidb.jar"
fi
heap="${PYPIDB_JAVA_OPTS:--Xmx4g}"
direct_heap="${DIRECT_JAVA_OPTS:--Xmx12g}"
echo "input: $input ($kind); heap: flink $heap, direct $direct_heap; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# shellcheck source=lib/measure.sh
. "$root/scripts/lib/measure.sh"

if [ ${#files[@]} -gt 0 ]; then
  measure floor java -Xmx1g -cp "$PYPIDB_JAR" dev.pypidb.bench.ParseFloor "${files[@]}"
  grep '^floor:' "$work/floor.log"
fi
measure flink env PYPIDB_JAVA_OPTS="$heap" "$root/scripts/pypidb" normalize --input="$input" --output="$work/flink" \
  --runner=FlinkRunner --flinkMaster='[local]'
grep -E '^normalize:' "$work/flink.log"
if [ "${SKIP_DIRECT:-0}" != 1 ]; then
  measure direct env PYPIDB_JAVA_OPTS="$direct_heap" "$root/scripts/pypidb" normalize --input="$input" --output="$work/direct" --runner=DirectRunner
  grep -E '^normalize:' "$work/direct.log"
fi

rows="$(python3 -c "import json; m=json.load(open('$work/flink/manifest.json')); print(m['totals']['records_read'])")"
echo
echo "records: $rows"
[ -n "${wall_floor:-}" ] && awk -v f="$wall_flink" -v fl="$wall_floor" -v n="$rows" \
  'BEGIN { printf "flink / floor: %.1fx   flink: %.2f us per record\n", f / fl, f * 1e6 / n }'
[ -n "${wall_direct:-}" ] && awk -v d="$wall_direct" -v f="$wall_flink" 'BEGIN { printf "direct / flink: %.1fx\n", d / f }'

if [ -n "${wall_direct:-}" ]; then
  echo "same rows on both runners?"
  for t in releases files wheel_tags requirements sdist_metadata fingerprints dead_letter; do
    a="read_parquet('$work/direct/$t/*.parquet')"; b="read_parquet('$work/flink/$t/*.parquet')"
    n="$("$root/scripts/pypidb" sql --tables="$work/flink" --format=csv \
      "SELECT (SELECT count(*) FROM (SELECT * FROM $a EXCEPT ALL SELECT * FROM $b)) + (SELECT count(*) FROM (SELECT * FROM $b EXCEPT ALL SELECT * FROM $a)) AS d, (SELECT count(*) FROM $a) AS n" | tail -1)"
    echo "  $t: differing rows, rows = $n"
    [ "${n%%,*}" = 0 ] || { echo "runners differ on $t" >&2; exit 1; }
  done
fi
