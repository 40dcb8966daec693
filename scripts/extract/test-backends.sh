#!/usr/bin/env bash
# Static sdist extraction against real build backends, end to end (a step of scripts/test).
#
#   scripts/extract/test-backends.sh [OUTDIR]
#
# Builds small projects into sdists and wheels with real backends
# (scripts/extract/build-backend-sdists.sh: Debian's packages, and the local mirror's newer
# backends in a venv when /opt/pypi/files exists), runs `pypidb normalize --runner=DirectRunner`
# on every sdist and wheel built, and compares each sdist's `sdist_metadata` / `requirements`
# rows (provenance archives) with the Requires-Dist and Requires-Python of the wheel the same
# backend built from it (scripts/extract/backends_check.py). Prints a table; exits non-zero on
# any difference that backends_check.py does not document as an exception. Skips, exiting 0
# with a message, when no backend can be installed.
#
# Uses PYPIDB_JAR when set (scripts/test exports the jar it built), else scripts/pypidb's jar.
# OUTDIR defaults to a temporary directory, removed at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ -n "${1:-}" ]; then
  out="$1"
  mkdir -p "$out"
else
  out="$(mktemp -d "${TMPDIR:-/tmp}/pypidb-backends.XXXXXX")"
  trap 'rm -rf "$out"' EXIT
fi
start=$(date +%s)

status=0
SKIP_CHECK=1 "$root/scripts/extract/build-backend-sdists.sh" "$out" 2>"$out/build.log" || status=$?
if [ "$status" = 3 ]; then
  echo "build backends test skipped:"
  grep -E 'skipped|no build backends' "$out/build.log" | sed 's/^/  /'
  exit 0
elif [ "$status" != 0 ]; then
  cat "$out/build.log" >&2
  exit "$status"
fi
grep -E 'skipped' "$out/build.log" || true
echo "built $(wc -l < "$out/projects.tsv") sdists and their wheels in $(( $(date +%s) - start )) s"

"$root/scripts/pypidb" normalize --input="$out/dist" --output="$out/tables" --runner=DirectRunner \
  >"$out/normalize.log" 2>&1 || { cat "$out/normalize.log" >&2; exit 1; }
python3 "$root/scripts/extract/backends_check.py" "$out" "$out/tables"
echo "build backends test: $(( $(date +%s) - start )) s"
