#!/usr/bin/env bash
# End-to-end test of `pypidb fetch` against a real HTTP server on loopback: a private nginx
# (Debian's, installed when missing) serving a static simple repository built here, and a
# fault-injecting proxy in front of it. Starts and stops its servers; under a minute.
#
#   scripts/test-fetch.sh            (PYPIDB_JAR=... to use a built jar)
#
# Checks: the tree equals what the index serves (pages, PEP 658 files, wheel METADATA read by
# range requests, sdists); a second fetch requests only the root; the PEP 503 HTML index gives
# the same files; 500s, 429 with Retry-After, stalls, truncated bodies, resets and wrong hashes
# are retried into the same tree; a hash that stays wrong fails its project (exit 1), stores
# nothing, keeps the previous data, and --allowFailures accepts it; a fetch SIGKILLed midway
# shows no partial file and, run again, ends with the undisturbed tree.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${PYPIDB_JAR:-$root/runners/target/pypidb.jar}"
if [ -z "${PYPIDB_JAR:-}" ] && [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests install)
fi
fetch() { java -Xmx256m -jar "$jar" fetch --progressSeconds=0 "$@"; }
work="$(mktemp -d "${TMPDIR:-/tmp}/pypidb-test-fetch.XXXXXX")"
chmod 755 "$work" # nginx workers run as an unprivileged user
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "$root/scripts/fetch/nginx.sh" stop "$work/nginx" || true
  rm -rf "$work"
}
trap cleanup EXIT
say() { printf -- '-- %s\n' "$*"; }
manifest() { python3 -c "import json,sys; m=json.load(open('$1')); print(eval(sys.argv[1]))" "$2"; }
check() { python3 "$root/scripts/fetch/check_tree.py" "$@"; }

python3 "$root/scripts/fetch/make_index.py" "$work/docroot" --synthetic 40 >/dev/null
port="$("$root/scripts/fetch/nginx.sh" start "$work/docroot" "$work/nginx")"
index="http://127.0.0.1:$port/simple/"
proxy() { # proxy NAME RULE... : starts a fault proxy; sets url to its index URL
  local name="$1"; shift
  local rules=()
  for r in "$@"; do rules+=(--rule "$r"); done
  python3 "$root/scripts/fetch/fault_proxy.py" --upstream "127.0.0.1:$port" --port-file "$work/$name.port" \
    --log "$work/$name.log" "${rules[@]}" >"$work/$name.stderr" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do [ -f "$work/$name.port" ] && break; sleep 0.1; done
  url="http://127.0.0.1:$(cat "$work/$name.port")/simple/"
}

say "1. a fresh fetch equals what the index serves (JSON pages, PEP 658, range-read METADATA, sdists)"
fetch --index="$index" --output="$work/a" --archives=sdists >"$work/a.out"
cat "$work/a.out"
check "$work/a" "$work/docroot" --archives=sdists

say "2. fetched again in place: only the root listing is requested"
fetch --index="$index" --output="$work/a" --archives=sdists >/dev/null
[ "$(manifest "$work/a/fetch-manifest.json" "m['totals']['requests'], m['totals']['unchanged']")" = "(1, 40)" ] \
  || { echo "FAIL: expected 1 request and 40 unchanged projects"; exit 1; }
echo "ok   1 request, 40 projects unchanged"

say "3. a PEP 503 HTML index gives the same files"
fetch --index="http://127.0.0.1:$port/simple-html/" --output="$work/h" --archives=sdists >/dev/null
check "$work/h" "$work/docroot" --archives=sdists --html

say "4. 500, 503, 429 + Retry-After, stalls, truncated bodies, resets, wrong hashes: retried into the same tree"
proxy faults '/simple/synth-00[0-4]/$:500' '/simple/synth-01[0-2]/$:503' '/simple/$:429' \
  '/simple/synth-02[0-2]/$:stall' '\.tar\.gz$:truncate' 'synth_03[0-3].*\.metadata$:corrupt' \
  'synth-00[5-9]/$:reset' 'synth_00[03].*\.whl$:corrupt'
fetch --index="$url" --output="$work/f" --archives=sdists --timeoutMs=1500 --backoffMs=50 --concurrency=4 >"$work/f.out"
cat "$work/f.out"
check --same "$work/a" "$work/f"
retries="$(manifest "$work/f/fetch-manifest.json" "m['totals']['retries']")"
faults="$(python3 -c "import json; print(sum(1 for l in open('$work/faults.log') if json.loads(l)['fault']))")"
kinds="$(python3 -c "import json; print(' '.join(sorted({json.loads(l)['fault'] for l in open('$work/faults.log')} - {None})))")"
[ "$kinds" = "429 500 503 corrupt reset stall truncate" ] || { echo "FAIL: faults injected: $kinds"; exit 1; }
[ "$retries" -gt 0 ] || { echo "FAIL: no retries"; exit 1; }
python3 - "$work/faults.log" <<'PY'
import json, sys
agents = {json.loads(l)["user_agent"] for l in open(sys.argv[1])}
assert len(agents) == 1 and next(iter(agents)).startswith("pypidb/"), agents
print("ok   User-Agent:", next(iter(agents)))
PY
echo "ok   $faults faults of every kind injected ($kinds), $retries retries (HttpClient itself retries a GET whose connection closed before any answer; a corrupted range read falls back to the whole wheel, verified), same tree"

say "5. a hash that stays wrong fails its project and nothing of it is stored; a page that keeps failing keeps the previous data"
proxy badhash 'synth_017-1.1-py3-none-any.whl.metadata$:corrupt:*'
set +e
fetch --index="$url" --output="$work/b" --archives=sdists --retries=2 --backoffMs=10 >"$work/b.out" 2>&1
status=$?
set -e
[ "$status" -ne 0 ] || { echo "FAIL: a failed project must make the exit status non-zero"; exit 1; }
grep -q "1 project(s) failed" "$work/b.out" || { cat "$work/b.out"; exit 1; }
[ "$(manifest "$work/b/fetch-manifest.json" "m['failures'][0]['project'], 'sha256' in m['failures'][0]['reason']")" = "('synth-017', True)" ] \
  || { echo "FAIL: the failure must name synth-017 and the sha256"; exit 1; }
[ ! -e "$work/b/synth-017" ] || { echo "FAIL: a project that failed with no previous data must not appear"; exit 1; }
check "$work/b" "$work/docroot" --archives=sdists --partial
proxy badpage '/simple/synth-017/$:500:*'
echo synth-017 >"$work/feed.txt"
set +e
fetch --index="$url" --output="$work/c" --previous="$work/a" --changes="$work/feed.txt" --archives=sdists --retries=1 --backoffMs=10 >"$work/c.out" 2>&1
status2=$?
set -e
[ "$status2" -ne 0 ] || { echo "FAIL: a failed project must make the exit status non-zero"; exit 1; }
check --same "$work/a" "$work/c"
fetch --index="$url" --output="$work/c" --changes="$work/feed.txt" --archives=sdists --retries=1 --backoffMs=10 --allowFailures >/dev/null
check --same "$work/a" "$work/c"
echo "ok   exit $status and $status2 without --allowFailures, 0 with it; synth-017 kept its previous data"

say "6. SIGKILL in the middle of a fetch, then a resume: no partial file visible, the undisturbed tree in the end"
proxy slow '.*:delay=40:*'
java -Xmx256m -jar "$jar" fetch --progressSeconds=0 --index="$url" --output="$work/k" --archives=sdists --concurrency=2 \
  >/dev/null 2>&1 &
victim=$!
for _ in $(seq 1 300); do
  n="$( (find "$work/k" -maxdepth 1 -mindepth 1 -type d ! -name '.*' 2>/dev/null || true) | wc -l)"
  [ "$n" -ge 8 ] && break
  sleep 0.05
done
kill -9 "$victim"
wait "$victim" 2>/dev/null || true
[ ! -f "$work/k/fetch-manifest.json" ] || { echo "FAIL: the killed fetch got to its manifest"; exit 1; }
echo "killed after $(find "$work/k" -maxdepth 1 -mindepth 1 -type d ! -name '.*' | wc -l) of 40 projects"
check "$work/k" "$work/docroot" --archives=sdists --partial
fetch --index="$url" --output="$work/k" --archives=sdists >"$work/k.out"
grep -q "pages requested" "$work/k.out"
requested="$(manifest "$work/k/fetch-manifest.json" "m['totals']['pages_requested']")"
[ "$requested" -lt 40 ] || { echo "FAIL: the resumed fetch requested every page again"; exit 1; }
check --same "$work/a" "$work/k"
echo "ok   resumed: $requested pages requested the second time"
echo "test-fetch: all checks passed"
