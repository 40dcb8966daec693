#!/usr/bin/env bash
# Evidence for `pypidb resolve` (README, "Bulk resolution"): lookups, the top projects alone
# beside resolvelib 0.9.0, deep environments on two targets, memory under -Xmx2g on both
# runners, and identical rows with and without a CPU-heavy job running beside it.
#
#   scripts/bench-resolve.sh [CORPUS_DIR]
#
# CORPUS_DIR defaults to ../shared/corpus. Environment:
#   OUT=DIR          scratch directory (default /tmp/pypidb-bench-resolve)
#   TABLES=DIR       reuse this normalize output of the corpus (default: $OUT/tables, made
#                    from CORPUS_DIR/bigquery and CORPUS_DIR/pypi-deps-db on embedded Flink)
#   TOP=N            the top N projects alone (default 1000)
#   TARGET=T         their target (default cp310-manylinux_2_17_x86_64)
#   DEEP_TARGET2=T2  the deep environments' second target (default cp312-manylinux_2_39_x86_64)
#   HEAP=-Xmx2g      the JVM heap of every resolve run
#   STEPS=N          (skip steps) a comma list among: lookups,top,resolvelib,deep,flink,load
#   PYPIDB_JAR=JAR   run this jar (passed to scripts/pypidb)
# Writes $OUT/summary.txt (also printed). Nothing of the corpus is copied.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
out="${OUT:-/tmp/pypidb-bench-resolve}"
tables="${TABLES:-$out/tables}"
top="${TOP:-1000}"
target="${TARGET:-cp310-manylinux_2_17_x86_64}"
heap="${HEAP:--Xmx2g}"
steps="${STEPS:-lookups,top,resolvelib,deep,flink,load}"
popular="$corpus/popularity/top-pypi-packages-30-days.min.json"
jar="${PYPIDB_JAR:-$root/runners/target/pypidb.jar}"
py=/usr/bin/python3
mkdir -p "$out"
summary="$out/summary.txt"
: >"$summary"
say() { echo "$*" | tee -a "$summary"; }
want() { [[ ",$steps," == *",$1,"* ]]; }
load() { say "  machine load: $(uptime | sed 's/.*load average/load average/')"; }
# the wall time and peak RSS of a /usr/bin/time -v log
timed() { printf 'wall %s, peak RSS %s MB' "$(grep 'Elapsed (wall clock)' "$1" | awk '{print $NF}')" \
  "$(( $(grep 'Maximum resident' "$1" | awk '{print $NF}') / 1024 ))"; }
resolve() { # name, then resolve's arguments
  local name="$1"; shift
  rm -rf "${out:?}/$name"
  PYPIDB_JAVA_OPTS="$heap" /usr/bin/time -v "$root/scripts/pypidb" resolve --tables="$tables" \
    --output="$out/$name" "$@" >"$out/$name.log" 2>&1 || { tail -30 "$out/$name.log"; exit 1; }
  say "$name: $(timed "$out/$name.log") (heap $heap)"
  grep -E '^resolve: |projects read' "$out/$name.log" | sed 's/^/    /' | tee -a "$summary"
}
categories() { # an output directory
  "$root/scripts/pypidb" sql --tables="$1" "SELECT policy, target, status, coalesce(failure_category, '') AS category,
     count(*) AS n, median(steps) AS median_steps, max(steps) AS max_steps
     FROM resolutions GROUP BY ALL ORDER BY ALL" | tee -a "$summary"
}

say "bench-resolve $(date -u +%FT%TZ) on $(nproc) cores; jar $jar"
load
if [ ! -f "$tables/manifest.json" ]; then
  say "normalize: $corpus/bigquery + $corpus/pypi-deps-db -> $tables (embedded Flink)"
  PYPIDB_JAVA_OPTS=-Xmx6g /usr/bin/time -v "$root/scripts/pypidb" normalize --input="$corpus/bigquery" \
    --input="$corpus/pypi-deps-db" --output="$tables" --runner=FlinkRunner '--flinkMaster=[local]' \
    >"$out/normalize.log" 2>&1 || { tail -30 "$out/normalize.log"; exit 1; }
  say "  $(timed "$out/normalize.log")"
fi
say "tables: $tables ($(du -sh "$tables" | cut -f1); resolver graph $(du -sh "$tables/resolver_graph" | cut -f1))"

if want lookups; then
  say "== project lookups (dev.pypidb.bench.GraphLookupBench, 3000 random projects)"
  java -Xmx2g -cp "$jar" dev.pypidb.bench.GraphLookupBench "$tables" 3000 | tee -a "$summary"
fi

printf '%s\n' "$target" >"$out/target.txt"
if want top; then
  say "== top $top projects alone on $target, both policies, DirectRunner"
  load
  resolve top --environments="$popular" --top="$top" --targets="$out/target.txt" \
    --policy=wheels+sdist,wheels-only --runner=DirectRunner
  categories "$out/top"
fi

if want resolvelib; then
  say "== the same with resolvelib 0.9.0 (scripts/resolvelib, pip's rules)"
  if ! "$py" -c 'import resolvelib, packaging' 2>/dev/null; then
    apt-get install -y python3-resolvelib python3-packaging >/dev/null
  fi
  /usr/bin/time -v "$root/scripts/pypidb" graph --tables="$tables" --environments="$popular" --top="$top" \
    --output="$out/closure.json" >"$out/closure.log" 2>&1 || { tail "$out/closure.log"; exit 1; }
  say "  graph of what the environments reach: $(grep '^graph:' "$out/closure.log"), $(timed "$out/closure.log")"
  "$py" - "$popular" "$top" >"$out/top.jsonl" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["rows"][: int(sys.argv[2])]
for r in rows:
    print(json.dumps({"id": r["project"], "requirements": [r["project"]]}))
PY
  for policy in wheels+sdist wheels-only; do
    /usr/bin/time -v "$py" "$here/resolvelib/run_resolvelib.py" "$out/closure.json" "$out/top.jsonl" \
      "$out/target.txt" "$out/resolvelib-$policy.jsonl" --policy="$policy" >"$out/resolvelib-$policy.log" 2>&1 \
      || { tail "$out/resolvelib-$policy.log"; exit 1; }
    say "  resolvelib $policy: $(timed "$out/resolvelib-$policy.log")"
    "$py" -c 'import json,sys; s=json.load(open(sys.argv[1])); print("    graph load %.1f s, resolving %.1f s; %s" % (s["graph_load_seconds"], s["resolve_seconds_total"], s["outcomes"]))' \
      "$out/resolvelib-$policy.jsonl.summary.json" | tee -a "$summary"
    "$root/scripts/pypidb" sql --format=json --tables="$out/top" \
      "SELECT environment, target, policy, status, failure_category, explanation, steps, micros,
              to_json(pins) AS pins_json FROM resolutions WHERE policy = '$policy'" >"$out/pypidb-$policy.jsonl"
    "$py" "$here/resolvelib/compare.py" "$out/pypidb-$policy.jsonl" "$out/resolvelib-$policy.jsonl" \
      "$out/closure.json" "$out/compare-$policy.md" --json-out="$out/compare-$policy.json" >/dev/null
    "$py" -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print("    differential:", json.dumps(c))' \
      "$out/compare-$policy.json" | tee -a "$summary"
  done
fi

if want deep; then
  say "== deep environments on $target and ${DEEP_TARGET2:-cp312-manylinux_2_39_x86_64}, wheels+sdist"
  # (1) the projects with the largest closures (DeepEnvironments), (2) every top project that
  # resolved alone (step top), all of them in one environment
  java -Xmx2g -cp "$jar" dev.pypidb.bench.DeepEnvironments "$tables" "$out/deep.jsonl" 1 5 10 \
    | head -6 | tee -a "$summary"
  if [ -d "$out/top" ]; then
    "$root/scripts/pypidb" sql --format=json --tables="$out/top" "SELECT environment FROM resolutions
       WHERE status = 'resolved' AND policy = 'wheels+sdist' ORDER BY environment" \
      | "$py" -c 'import json, sys
names = [json.loads(l)["environment"] for l in sys.stdin if l.strip()]
print(json.dumps({"id": "together-%d" % len(names), "requirements": names}))' >"$out/together.jsonl"
    cat "$out/together.jsonl" >>"$out/deep.jsonl"
  fi
  printf '%s\n' "$target" "${DEEP_TARGET2:-cp312-manylinux_2_39_x86_64}" >"$out/deep-targets.txt"
  load
  resolve deep --environments="$out/deep.jsonl" --targets="$out/deep-targets.txt" \
    --policy=wheels+sdist --runner=DirectRunner
  "$root/scripts/pypidb" sql --tables="$out/deep" "SELECT environment, target, status, failure_category,
     len(pins) AS pins, steps, consulted, round(micros / 1000.0, 1) AS ms FROM resolutions ORDER BY ALL" | tee -a "$summary"
  if [ -s "$out/together.jsonl" ] && want resolvelib; then
    "$root/scripts/pypidb" graph --tables="$tables" --environments="$out/together.jsonl" \
      --output="$out/together-closure.json" >/dev/null
    /usr/bin/time -v "$py" "$here/resolvelib/run_resolvelib.py" "$out/together-closure.json" "$out/together.jsonl" \
      "$out/deep-targets.txt" "$out/resolvelib-together.jsonl" --policy=wheels+sdist --max-rounds=20000 \
      --time-limit=300 >"$out/resolvelib-together.log" 2>&1
    say "  resolvelib on the together environment (20,000 rounds, 300 s): $(timed "$out/resolvelib-together.log")"
    "$py" -c 'import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print("    %s: %s %s, %d pins, %d rounds, %.1f s" % (r["target"], r["status"], r.get("category") or "", len(r["pins"]), r["rounds"], r["seconds"]))' \
      "$out/resolvelib-together.jsonl" | tee -a "$summary"
    "$root/scripts/pypidb" sql --format=json --tables="$out/deep" "SELECT environment, target, policy, status,
       failure_category, explanation, steps, micros, to_json(pins) AS pins_json FROM resolutions
       WHERE environment LIKE 'together-%'" >"$out/pypidb-together.jsonl"
    "$py" "$here/resolvelib/compare.py" "$out/pypidb-together.jsonl" "$out/resolvelib-together.jsonl" \
      "$out/together-closure.json" "$out/compare-together.md" --json-out="$out/compare-together.json" >/dev/null
    "$py" -c 'import json,sys; print("    differential:", json.dumps(json.load(open(sys.argv[1]))["counts"]))' \
      "$out/compare-together.json" | tee -a "$summary"
  fi
fi

if want flink; then
  say "== top $top again on embedded Flink ([local], parallelism = cores)"
  load
  resolve top-flink --environments="$popular" --top="$top" --targets="$out/target.txt" \
    --policy=wheels+sdist,wheels-only --runner=FlinkRunner '--flinkMaster=[local]'
  java -cp "$jar" dev.pypidb.bench.CompareOutputs "$out/top" "$out/top-flink" | tail -1 | tee -a "$summary"
fi

if want load; then
  say "== the same command twice, the second time beside a CPU-heavy job"
  cat "$out/top.jsonl" "$out/deep.jsonl" 2>/dev/null >"$out/load-envs.jsonl" || true
  [ -s "$out/load-envs.jsonl" ] || cp "$popular" "$out/load-envs.jsonl"
  printf '%s\n' "$target" cp312-manylinux_2_39_x86_64 >"$out/load-targets.txt"
  load
  resolve quiet --environments="$out/load-envs.jsonl" --top="$top" --targets="$out/load-targets.txt" \
    --policy=wheels+sdist,wheels-only --runner=DirectRunner
  # the CPU-heavy job: one busy process per core, for as long as the second run takes
  pids=()
  for _ in $(seq "$(nproc)"); do "$py" -c 'while True: pass' & pids+=($!); done
  sleep 5
  load
  resolve busy --environments="$out/load-envs.jsonl" --top="$top" --targets="$out/load-targets.txt" \
    --policy=wheels+sdist,wheels-only --runner=DirectRunner
  kill "${pids[@]}"
  java -cp "$jar" dev.pypidb.bench.CompareOutputs "$out/quiet" "$out/busy" | tail -3 | tee -a "$summary"
fi
say "done: $summary"
