#!/usr/bin/env bash
# Differential test of `pypidb eval` against the packaging 26.2 oracle.
#
#   scripts/differential/run.sh CORPUS_DIR [PYPI_TSV] [compare.py options...]
#
# Builds the inputs in a scratch directory (never in the project), runs the
# oracle and `scripts/pypidb eval` on them, prints both wall times and the
# comparison (examples, then the summary table).  Extra arguments go to
# compare.py (e.g. --lenient-errors, --examples=20); PYPIDB=/path/to/cmd replaces
# scripts/pypidb (it is run as "$PYPIDB eval").  The scratch directory (about
# 1 GB: inputs, both outputs, report.md) is removed after a clean run and kept
# after a failing one, or always with KEEP=1.  Exit status: compare.py's.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
if [[ $# -lt 1 ]]; then
    echo "usage: $0 CORPUS_DIR [PYPI_TSV] [compare.py options...]" >&2
    exit 2
fi
corpus="$1"; shift
pypi_tsv="/work/.library/env/packages/pypi.tsv"
if [[ $# -gt 0 && "$1" != --* ]]; then
    pypi_tsv="$1"; shift
fi
python="${PYTHON:-python3}"
pypidb="${PYPIDB:-$here/../pypidb}"  # override to test another build
[[ -x "$pypidb" ]] || { echo "run.sh: $pypidb not found or not executable" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/pypidb-differential.XXXXXX")"
echo "scratch directory: $work"

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

start=$(seconds)
"$python" "$here/make_inputs.py" "$corpus" "$pypi_tsv" "$work/inputs.jsonl"
made=$(seconds)
"$python" "$here/oracle.py" < "$work/inputs.jsonl" > "$work/expected.jsonl"
oracled=$(seconds)
"$pypidb" eval < "$work/inputs.jsonl" > "$work/actual.jsonl"
evaluated=$(seconds)

status=0
"$python" "$here/compare.py" "$work/expected.jsonl" "$work/actual.jsonl" \
    --inputs="$work/inputs.jsonl" --report="$work/report.md" "$@" || status=$?

echo
echo "inputs:          $(wc -l < "$work/inputs.jsonl") lines in $(elapsed "$start" "$made") s"
echo "oracle:          $(elapsed "$made" "$oracled") s (packaging 26.2)"
echo "pypidb eval:     $(elapsed "$oracled" "$evaluated") s"
if [[ "$status" -eq 0 && "${KEEP:-0}" != 1 ]]; then
    rm -rf -- "$work"
else
    echo "report:          $work/report.md"
fi
exit "$status"
