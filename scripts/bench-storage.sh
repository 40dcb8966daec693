#!/usr/bin/env bash
# Evidence for storage on HDFS (README, Storage): normalize of an input on the same
# 2-TaskManager Flink cluster twice, once with input and output on local paths and once with
# both on an HDFS on this machine (scripts/hdfs-cluster), wall time and rows side by side; the
# tables of the two runs compared row for row (count and hash per table).
#
#   scripts/bench-storage.sh [INPUT]      (default ../shared/corpus/bigquery)
#
# The runs alternate (ORDER, default local,hdfs,local,hdfs): a cluster's first job is slower
# whatever its storage (the TaskManagers' JIT, the jar's first upload), so compare the later ones.
#
# Environment: PYPIDB_JAR (run this jar), OUT (work directory, default /tmp/pypidb-bench-storage),
#              ORDER (the runs, in order: local or hdfs, comma-separated)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
input="$(cd "${1:-$root/../shared/corpus/bigquery}" && pwd)"
out="${OUT:-/tmp/pypidb-bench-storage}"
rm -rf "$out"
mkdir -p "$out"
if [ -z "${PYPIDB_JAR:-}" ]; then
  "$root/scripts/pypidb" --help >/dev/null
  cp "$root/runners/target/pypidb.jar" "$out/pypidb.jar"
  export PYPIDB_JAR="$out/pypidb.jar"
fi
busy() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
fport=18181; while busy "$fport"; do fport=$((fport + 1)); done
hport=19100; while busy "$hport" || busy $((hport + 870)); do hport=$((hport + 1)); done
cleanup() {
  "$root/scripts/flink-cluster" stop --dir="$out/flink" >/dev/null 2>&1 || true
  "$root/scripts/hdfs-cluster" stop --dir="$out/hdfs" >/dev/null 2>&1 || true
}
trap cleanup EXIT
"$root/scripts/flink-cluster" start --dir="$out/flink" --port="$fport" --taskmanagers=2 --jar="$PYPIDB_JAR" \
  >"$out/flink-start.log"
"$root/scripts/hdfs-cluster" start --dir="$out/hdfs" --port="$hport" --http-port=$((hport + 870)) >"$out/hdfs-start.log"
grep -h "registered in\|up in" "$out/flink-start.log" "$out/hdfs-start.log"
hdfs="hdfs://localhost:$hport"
export HADOOP_CONF_DIR="$out/hdfs/conf" # its client configuration (one replica: one DataNode)
"$root/scripts/hdfs-cluster" dfs --dir="$out/hdfs" -mkdir -p "$hdfs/in" "$hdfs/out"
"$root/scripts/hdfs-cluster" put --dir="$out/hdfs" "$input" "$hdfs/in/$(basename "$input")"
flink=(--runner=FlinkRunner --flinkMaster="localhost:$fport" --flinkConfDir="$out/flink/conf")

run() { # name input output
  cut -d' ' -f1-3 /proc/loadavg >"$out/$1.load"
  echo "run $1: load $(cat "$out/$1.load")" >&2
  /usr/bin/time -f "%e %M" -o "$out/$1.time" "$root/scripts/pypidb" normalize --input="$2" --output="$3" \
    "${flink[@]}" >"$out/$1.log" 2>&1 || { tail -n 20 "$out/$1.log" >&2; exit 1; }
}
runs=()
n=0
for which in $(echo "${ORDER:-local,hdfs,local,hdfs}" | tr , ' '); do
  n=$((n + 1))
  case "$which" in
    local) run "$n-local" "$input" "$out/local" ;;
    hdfs) run "$n-hdfs" "$hdfs/in/$(basename "$input")" "$hdfs/out/tables" ;;
    *) echo "ORDER: local or hdfs, not $which" >&2; exit 2 ;;
  esac
  runs+=("$n-$which")
done
"$root/scripts/hdfs-cluster" get --dir="$out/hdfs" "$hdfs/out/tables" "$out/hdfs-tables"

# Dead letters name their input: the local file, or its HDFS copy.
canon="replace(replace(input, '$input/', 'INPUT/'), '$hdfs/in/$(basename "$input")/', 'INPUT/')"
q=""
for t in releases files wheel_tags requirements sdist_metadata fingerprints dead_letter; do
  [ -n "$q" ] && q+=" UNION ALL "
  from="$t"
  [ "$t" = dead_letter ] && from="(SELECT * REPLACE ($canon AS input) FROM dead_letter)"
  q+="SELECT '$t' AS tbl, count(*) AS n, sum(hash(CAST(to_json(x) AS VARCHAR))) AS h FROM $from x"
done
"$root/scripts/pypidb" sql --tables="$out/local" --format=csv "$q ORDER BY 1" >"$out/local.fp"
"$root/scripts/pypidb" sql --tables="$out/hdfs-tables" --format=csv "$q ORDER BY 1" >"$out/hdfs.fp"

printf '\n%-8s %10s %12s %16s\n' run wall "peak RSS" "load at start"
last_local="" last_hdfs=""
for r in "${runs[@]}"; do
  read -r wall rss <"$out/$r.time"
  printf '%-8s %9.1fs %9d MB %16s\n' "$r" "$wall" "$((rss / 1024))" "$(cat "$out/$r.load")"
  case "$r" in *-local) last_local="$wall" ;; *-hdfs) last_hdfs="$wall" ;; esac
done
echo "table rows: local $(awk -F, 'NR > 1 { n += $2 } END { printf "%d", n }' "$out/local.fp"), hdfs $(awk -F, 'NR > 1 { n += $2 } END { printf "%d", n }' "$out/hdfs.fp")"
awk -v a="$last_local" -v b="$last_hdfs" 'BEGIN { printf "last hdfs / last local = %.2f\n", b / a }'
if cmp -s "$out/local.fp" "$out/hdfs.fp"; then
  echo "same rows in every table (count and hash per table)"
else
  echo "TABLES DIFFER:"; diff "$out/local.fp" "$out/hdfs.fp"; exit 1
fi
