#!/usr/bin/env bash
# Fatal errors end a command promptly: runs normalize on the bundled sample with heaps too small
# for it and checks that each run exits non-zero within a bound, with one line of advice as the
# last line of stderr (which runner and heap ran out, what to use instead), and that no JVM or
# note file is left behind.
#
#   scripts/test-out-of-memory.sh
#
#   1. DirectRunner, -Xmx64m: the JVM throws OutOfMemoryError in a worker thread; the launcher's
#      -XX:OnOutOfMemoryError hook prints pypidb's line and kills the JVM (it once spun for 15+
#      minutes after such an error).
#   2. embedded Flink (the default runner), -Xmx128m: Flink cannot allocate its shuffle buffers
#      (an OutOfMemoryError that Flink throws itself); the job fails and pypidb reports it.
#
# Environment: PYPIDB_JAR (test this jar), PYPIDB_TEST_OOM_BOUND (seconds allowed per run, 120)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
me="test-out-of-memory"
sample="$root/runners/src/main/resources/sample/bigquery"
bound="${PYPIDB_TEST_OOM_BOUND:-120}"
work="$(mktemp -d "${TMPDIR:-/tmp}/pypidb-oom-test.XXXXXX")"
notes="$work/tmp"
mkdir -p "$notes"
trap 'rm -rf "$work"' EXIT
failed=0

if [ -z "${PYPIDB_JAR:-}" ]; then
  "$root/scripts/pypidb" --help >/dev/null # builds the jar when needed
fi

# case NAME HEAP EXPECTED-PREFIX RUNNER-ARGS...
case_() {
  local name="$1" heap="$2" expect="$3"
  shift 3
  local t0 rc secs last
  t0=$(date +%s)
  # A hang would outlast the bound; timeout turns it into a failure here, not in CI. (The
  # subshell keeps bash's own "Killed" notice out of this script's output.)
  rc="$( (TMPDIR="$notes" PYPIDB_JAVA_OPTS="-Xmx$heap" timeout -k 10 $((bound + 60)) \
    "$root/scripts/pypidb" normalize --input="$sample" --output="$work/$name" "$@" \
    >"$work/$name.out" 2>"$work/$name.err" </dev/null; echo $?) 2>/dev/null)"
  secs=$(($(date +%s) - t0))
  last="$(tail -n 1 "$work/$name.err")"
  local bad=""
  [ "$rc" -ne 0 ] || bad="exit status 0"
  [ "$rc" -ne 124 ] && [ "$secs" -lt "$bound" ] || bad="${bad:+$bad; }did not end within ${bound}s (${secs}s)"
  [[ "$last" == "$expect"* ]] || bad="${bad:+$bad; }last line of stderr is not the advice: $last"
  [[ "$last" == *"PYPIDB_JAVA_OPTS=-Xmx"* ]] || bad="${bad:+$bad; }the advice names no heap to use"
  if [ -n "$(ls -A "$notes")" ]; then
    bad="${bad:+$bad; }left behind: $(ls "$notes")"
    rm -f "$notes"/*
  fi
  if [ -n "$bad" ]; then
    echo "[$me] FAIL $name: $bad" >&2
    tail -n 20 "$work/$name.err" >&2
    failed=$((failed + 1))
  else
    echo "[$me] ok   $name: exit $rc after ${secs}s: $last"
  fi
}

case_ direct-worker-oom 64m "pypidb: out of memory on the DirectRunner" --runner=DirectRunner
case_ flink-buffers-oom 128m "pypidb: out of memory on embedded Flink"

if [ "$failed" -ne 0 ]; then
  echo "[$me] $failed case(s) failed" >&2
  exit 1
fi
echo "[$me] passed: every out-of-memory run ended promptly with one line of advice"
