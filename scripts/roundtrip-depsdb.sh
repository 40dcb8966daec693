#!/usr/bin/env bash
# Round trip of pypi-deps-db data: buckets -> normalize (deps-db input) -> export-db, then every
# bucket compared as JSON with the original after resolving references (scripts/roundtrip_depsdb.py).
#   scripts/roundtrip-depsdb.sh DEPS_DB_DIR [BUCKET ...]     e.g. ../shared/corpus/pypi-deps-db 00 1a 3f
# Without buckets, every bucket of the checkout is used. Extra pypidb options via PYPIDB_OPTS
# (e.g. PYPIDB_OPTS="--runner=DirectRunner"; the default is embedded Flink).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$(cd "${1:?usage: $0 DEPS_DB_DIR [BUCKET ...]}" && pwd)"; shift
work="$(mktemp -d "${TMPDIR:-/tmp}/pypidb-roundtrip.XXXXXX")"
trap 'rm -rf "$work"' EXIT
input="$work/deps-db"
for kind in wheel sdist sdist-errors; do
  mkdir -p "$input/$kind"
  [ -d "$src/$kind" ] || continue
  for f in "$src/$kind"/*; do
    b="$(basename "$f")"; b="${b%%.*}"
    if [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qx "$b"; then ln -s "$f" "$input/$kind/$(basename "$f")"; fi
  done
done
[ -f "$src/UNIX_TIMESTAMP" ] && cp "$src/UNIX_TIMESTAMP" "$input/"
start=$(date +%s.%N)
# shellcheck disable=SC2086
"$root/scripts/pypidb" normalize --input="$input" --output="$work/tables" ${PYPIDB_OPTS:-} >/dev/null
# shellcheck disable=SC2086
"$root/scripts/pypidb" export-db --tables="$work/tables" --output="$work/export" ${PYPIDB_OPTS:-} >/dev/null
end=$(date +%s.%N)
echo "normalize + export-db: $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}') s"
python3 "$root/scripts/roundtrip_depsdb.py" "$input" "$work/export/mach-nix" "$work/tables"
