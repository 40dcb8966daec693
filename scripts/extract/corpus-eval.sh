#!/usr/bin/env bash
# Static extraction against what mach-nix's crawler recorded, on ../shared/corpus/sdists.
#   scripts/extract/corpus-eval.sh [CORPUS] [WORKDIR]
# 1. normalize the corpus archives as they are, compare with oracle.jsonl;
# 2. put back, as empty placeholders, the files the corpus re-pack left out that setup.py
#    opened although the crawler's run of it succeeded (repair_corpus.py), and compare again.
# Runner: embedded Flink unless PYPIDB_RUNNER says otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
corpus="${1:-$root/../shared/corpus}"
work="${2:-$(mktemp -d "${TMPDIR:-/tmp}/pypidb-extract-eval.XXXXXX")}"
runner="${PYPIDB_RUNNER:---runner=FlinkRunner}"
sdists="$corpus/sdists"
rm -rf "$work/tables" "$work/repaired" "$work/repaired-tables" "$work/repaired.placeholders.json"
mkdir -p "$work"

echo "== the corpus archives as they are"
"$root/scripts/pypidb" normalize --input="$sdists/archives" --output="$work/tables" $runner >/dev/null
python3 "$root/scripts/extract/oracle_check.py" "$work/tables" "$sdists/oracle.jsonl" --json "$work/as-is.json"

echo
echo "== with the files the re-pack left out put back (empty)"
python3 "$root/scripts/extract/repair_corpus.py" "$work/tables" "$sdists" "$work/repaired"
"$root/scripts/pypidb" normalize --input="$work/repaired" --output="$work/repaired-tables" $runner >/dev/null
python3 "$root/scripts/extract/oracle_check.py" "$work/repaired-tables" "$sdists/oracle.jsonl" \
  --placeholders="$work/repaired.placeholders.json" --json "$work/repaired.json"
echo
echo "outputs under $work"
