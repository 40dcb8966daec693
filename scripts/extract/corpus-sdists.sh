#!/usr/bin/env bash
# The declarative sdist readers over real sdists, against what mach-nix's crawler recorded.
#
#   scripts/extract/corpus-sdists.sh CORPUS_SDISTS_DIR OUTDIR     e.g. ../shared/corpus/sdists /tmp/x
#
# Unpacks each CORPUS_SDISTS_DIR/archives/*.tar.gz to OUTDIR/trees/NAME (NAME: the file name
# without .tar.gz, top directory stripped), then runs CorpusSdistsDifferentialTest with
# -Dpypidb.corpusSdists=OUTDIR -Dpypidb.corpusOracle=CORPUS_SDISTS_DIR/oracle.jsonl, which
# writes OUTDIR/report.txt: per archive and Python key, the crawler's result against the
# declarative methods' (no setup.py analysis) as canonical requirement sets.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$(cd "${1:?usage: $0 CORPUS_SDISTS_DIR OUTDIR}" && pwd)"
out="${2:?usage: $0 CORPUS_SDISTS_DIR OUTDIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -rf "$out/trees"
mkdir -p "$out/trees"
for a in "$corpus"/archives/*.tar.gz; do
  name="$(basename "$a" .tar.gz)"
  mkdir -p "$out/trees/$name"
  tar -xzf "$a" --no-same-owner --strip-components=1 -C "$out/trees/$name"
done
cd "$root"
mvn -B -q -o -pl pipelines/pypa -am test -Dtest=CorpusSdistsDifferentialTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dpypidb.corpusSdists="$out" -Dpypidb.corpusOracle="$corpus/oracle.jsonl"
cat "$out/report.txt"
