#!/usr/bin/env bash
# Parsing throughput of pypidb's standards library (JMH) next to packaging 26.2 on the same
# strings, in one run. Usage: scripts/bench-standards.sh CORPUS_DIR [PYPI_TSV]
#   CORPUS_DIR  ../shared/corpus (requirement strings and wheel filenames of its BigQuery rows)
#   PYPI_TSV    the env tool library's packages/pypi.tsv (every distinct version string)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:?usage: $0 CORPUS_DIR [PYPI_TSV]}"
tsv="${2:-/work/.library/env/packages/pypi.tsv}"
data="$(mktemp -d "${TMPDIR:-/tmp}/pypidb-bench.XXXXXX")"
trap 'rm -rf "$data"' EXIT

python3 "$root/scripts/bench_standards.py" prepare "$corpus" "$tsv" "$data"
(cd "$root" && mvn -B -q -DskipTests install -pl pipelines/pypa -am >/dev/null)
(cd "$root/pipelines/pypa" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$data/cp.txt" >/dev/null)
cp="$root/pipelines/pypa/target/test-classes:$root/pipelines/pypa/target/classes:$(cat "$data/cp.txt")"
java -cp "$cp" -Dpypidb.bench.data="$data" org.openjdk.jmh.Main StandardsBenchmark \
    -f 1 -wi 3 -w 2s -i 5 -r 3s -tu ms -jvmArgsAppend "-Dpypidb.bench.data=$data" \
    -rf json -rff "$data/jmh.json" | grep -E "^(Benchmark|StandardsBenchmark)"
python3 "$root/scripts/bench_standards.py" compare "$data"
