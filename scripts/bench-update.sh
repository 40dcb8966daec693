#!/usr/bin/env bash
# Evidence for `pypidb update` (README, "Reactive updates"): on the BigQuery corpus, change
# about 1 % of the projects, then time `all` on the changed input against `update` from the
# previous full output, and check that both outputs are identical.
#
#   scripts/bench-update.sh [CORPUS_DIR] [FRACTION]
#
# CORPUS_DIR defaults to ../shared/corpus; FRACTION to 0.01. Environment:
#   OUT=DIR            scratch directory (default /tmp/pypidb-bench-update)
#   RUNNER_OPTS=...    runner options (default: embedded Flink)
#   TOP=N              environments: the top N projects of the popularity list (default 300)
#   PYPIDB_JAR=JAR     run this jar (passed to scripts/pypidb)
# Prints the wall times, peak RSS, what update reused and CompareOutputs' verdict; exits 1
# when the outputs differ.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
fraction="${2:-0.01}"
out="${OUT:-/tmp/pypidb-bench-update}"
runner=(${RUNNER_OPTS:---runner=FlinkRunner --flinkMaster=[local]})
popular="$corpus/popularity/top-pypi-packages-30-days.min.json"
mkdir -p "$out"
rm -rf "$out/previous" "$out/full" "$out/updated"
printf 'cp312-manylinux_2_39_x86_64 0.31\ncp311-manylinux_2_17_x86_64 0.22\ncp313-manylinux_2_28_aarch64 0.05\ncp311-macosx_14_0_arm64 0.12\ncp38-win_amd64 0.06\n' >"$out/targets.txt"
common=(--popular="$popular" --environments="$popular" --top="${TOP:-300}" --targets="$out/targets.txt" "${runner[@]}")

echo "bench-update: making the next snapshot ($fraction of the projects changed)" >&2
python3 "$here/update/mutate_bigquery.py" "$corpus/bigquery/distribution_metadata-wheels-0-7.jsonl.gz" \
  "$out/next.jsonl.gz" --fraction "$fraction" | tee "$out/changes.json"

run() { # name, then the pypidb arguments
  local name="$1"; shift
  /usr/bin/time -v "$root/scripts/pypidb" "$@" >"$out/$name.log" 2>&1 || { tail -20 "$out/$name.log"; exit 1; }
  printf '%-10s wall %s  peak RSS %s kB\n' "$name" \
    "$(grep 'Elapsed (wall clock)' "$out/$name.log" | awk '{print $NF}')" \
    "$(grep 'Maximum resident' "$out/$name.log" | awk '{print $NF}')"
  grep -E '^pypidb [a-z-]+: done in' "$out/$name.log" | sed 's/ (.*//; s/^/    /'
}
run previous all --input="$corpus/bigquery/distribution_metadata-wheels-0-7.jsonl.gz" --output="$out/previous" "${common[@]}"
run full all --input="$out/next.jsonl.gz" --output="$out/full" "${common[@]}"
run updated update --previous="$out/previous" --input="$out/next.jsonl.gz" --output="$out/updated" "${common[@]}"
sed -n '/^update:/,/^pypidb/p' "$out/updated.log" | grep -v '^pypidb' 
grep -E '^resolve:|invalidated by' "$out/updated.log" | head -5
jar="${PYPIDB_JAR:-$root/runners/target/pypidb.jar}"
java -cp "$jar" dev.pypidb.bench.CompareOutputs "$out/full" "$out/updated"
