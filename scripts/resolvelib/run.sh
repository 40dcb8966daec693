#!/usr/bin/env bash
# Differential check and benchmark: pypidb resolve vs resolvelib 0.9.0 (issue 5, "Evidence").
#
#   scripts/resolvelib/run.sh TABLES_DIR [N]
#
# TABLES_DIR: a normalize output (releases, files, requirements, sdist_metadata, ...).
# N: how many top projects are resolved alone (default 300); pairs, triples, constrained
#    environments and a few stacks come on top (about N + 340 environments in all).
#
# Environment:
#   OUT=DIR          scratch/output directory (default /tmp/pypidb-resolvelib)
#   TARGETS=FILE     targets file (default: cp312 and cp311 on manylinux_2_39_x86_64)
#   TOP=FILE         top-pypi-packages JSON (default ../shared/corpus/popularity/...)
#   GRAPH=FILE       reuse this `pypidb graph` output instead of exporting one
#   MAX_ROUNDS=N     resolvelib round limit per resolution (default 2000)
#   TIME_LIMIT=S     resolvelib wall-time limit per resolution (default 60)
#   PASSES=1|2       2 (default): resolve every environment twice (the second time with warm
#                    caches, timed separately, left out of the differential)
#   PYPIDB_RESOLVE_OPTS  extra options of `pypidb resolve` (default --runner=DirectRunner
#                    --targetParallelism=1: one DirectRunner thread, so one resolver cache, like
#                    the single-threaded resolvelib run; set it to "" for embedded Flink)
#   PYPIDB_JAR=JAR   run this jar (passed to scripts/pypidb)
#   GRAPH_JAVA_OPTS  JVM options for the graph export (default -Xmx11g: it holds every project)
#
# Writes $OUT/report.md (also printed) and $OUT/disagreements.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tables="$(cd "${1:?usage: run.sh TABLES_DIR [N]}" && pwd)"
n="${2:-300}"
out="${OUT:-/tmp/pypidb-resolvelib}"
top="${TOP:-$root/../shared/corpus/popularity/top-pypi-packages-30-days.min.json}"
py=/usr/bin/python3
mkdir -p "$out"

# the oracle: Debian's resolvelib 0.9.0 and packaging 23.0 under /usr/bin/python3
if ! "$py" -c 'import resolvelib, packaging' 2>/dev/null; then
  echo "run.sh: installing python3-resolvelib python3-packaging" >&2
  apt-get install -y python3-resolvelib python3-packaging >/dev/null
fi
"$py" -c 'import resolvelib, packaging, sys; print("oracle: resolvelib", resolvelib.__version__, "packaging", packaging.__version__, file=sys.stderr)'

targets="${TARGETS:-$out/targets.txt}"
if [ -z "${TARGETS:-}" ]; then
  printf 'cp312-manylinux_2_39_x86_64\ncp311-manylinux_2_39_x86_64\n' >"$targets"
fi

ts() { date +%H:%M:%S; }

graph="${GRAPH:-$out/graph.json}"
if [ -z "${GRAPH:-}" ]; then
  echo "[$(ts)] pypidb graph -> $graph" >&2
  PYPIDB_JAVA_OPTS="${GRAPH_JAVA_OPTS:--Xmx11g}" "$root/scripts/pypidb" graph \
    --tables="$tables" --output="$graph"
fi
ls -la "$graph" >&2

echo "[$(ts)] environments" >&2
"$py" "$here/make_environments.py" "$graph" "$top" "$out/environments.new" --singles="$n"
if cmp -s "$out/environments.new" "$out/environments.jsonl"; then
  rm "$out/environments.new"   # unchanged: keep its date, so the closure below can be reused
else
  mv "$out/environments.new" "$out/environments.jsonl"
fi
if [ "$out/graph-closure.json" -nt "$out/environments.jsonl" ] && [ "$out/graph-closure.json" -nt "$graph" ]; then
  echo "[$(ts)] closure graph for resolvelib: up to date" >&2
else
  echo "[$(ts)] closure graph for resolvelib" >&2
  "$py" "$here/filter_graph.py" "$graph" "$out/environments.jsonl" "$out/graph-closure.json"
fi
# PASSES=2 (default): every environment a second time, id suffixed "~warm", at the end of the
# file: compare.py leaves those out of the differential and times them separately (warm caches)
bench="$out/environments.jsonl"
if [ "${PASSES:-2}" = 2 ]; then
  bench="$out/environments-2pass.jsonl"
  "$py" -c 'import json,sys
src, dst = sys.argv[1:]
lines = [json.loads(l) for l in open(src) if l.strip()]
with open(dst, "w") as f:
    for e in lines: f.write(json.dumps(e) + "\n")
    for e in lines: f.write(json.dumps({"id": e["id"] + "~warm", "requirements": e["requirements"]}) + "\n")
' "$out/environments.jsonl" "$bench"
fi

echo "[$(ts)] pypidb resolve" >&2
rm -rf "$out/pypidb"
/usr/bin/time -v -o "$out/pypidb.time" "$root/scripts/pypidb" resolve --tables="$tables" \
  --environments="$bench" --targets="$targets" --policy=wheels+sdist \
  ${PYPIDB_RESOLVE_OPTS---runner=DirectRunner --targetParallelism=1} --output="$out/pypidb" >"$out/pypidb.log" 2>&1 || { cat "$out/pypidb.log" >&2; exit 1; }
tail -n 5 "$out/pypidb.log" >&2
rss_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/pypidb.time")"
"$root/scripts/pypidb" sql --format=json --tables="$out/pypidb" \
  "SELECT environment, target, policy, status, failure_category, explanation, steps, micros,
          to_json(pins) AS pins_json
   FROM read_parquet('$out/pypidb/resolutions/*.parquet')" >"$out/pypidb.jsonl"
wc -l "$out/pypidb.jsonl" >&2

echo "[$(ts)] resolvelib" >&2
"$py" "$here/run_resolvelib.py" "$out/graph-closure.json" "$bench" "$targets" \
  "$out/resolvelib.jsonl" --max-rounds="${MAX_ROUNDS:-2000}" --time-limit="${TIME_LIMIT:-60}"

echo "[$(ts)] compare" >&2
"$py" "$here/compare.py" "$out/pypidb.jsonl" "$out/resolvelib.jsonl" "$out/graph-closure.json" \
  "$out/report.md" --pypidb-rss-mb="$((rss_kb / 1024))" \
  --resolvelib-summary="$out/resolvelib.jsonl.summary.json" --json-out="$out/disagreements.json"
echo "[$(ts)] done: $out/report.md" >&2
