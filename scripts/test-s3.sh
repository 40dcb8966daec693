#!/usr/bin/env bash
# Round trip through S3: `pypidb all` with every input and output on s3:// (S3Proxy on loopback,
# scripts/s3proxy), compared with the same `all` on local paths. Passes when
#   - every table holds the same rows (count and hash per table; the sample's rows one by one),
#     and mach-nix/, compact/pypidb.db, report/index.html and the resolver graph have the same
#     bytes; resolve read its projects from the resolver graph on s3://;
#   - the output holds nothing a reader could mistake for a table file: every Parquet or graph
#     object is one the manifest lists; a stray object planted where a killed attempt would
#     leave one is ignored by readers and deleted by the next run, whose tables are the same;
#   - a partial update (update --changedProjects) of a per-project raw tree on s3://, from a
#     normalize output on s3://, equals normalize of the new tree on local paths (rows, resolver
#     graph bytes, manifest inputs and skipped files);
#   - the secret key appears in no log, manifest or output object.
#
#   scripts/test-s3.sh
#
# Environment: PYPIDB_JAR (test this jar), PYPIDB_TEST_KEEP=1 (keep the work directory),
#              PYPIDB_TEST_TIMEOUT (seconds for the whole test, default 1200)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
me="test-s3"
if [ -z "${_PYPIDB_S3_INNER:-}" ]; then
  export _PYPIDB_S3_INNER=1
  exec timeout --kill-after=30 "${PYPIDB_TEST_TIMEOUT:-1200}" bash "${BASH_SOURCE[0]}" "$@"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/pypidb-s3-test.XXXXXX")"
s3dir="$work/s3proxy"
started=""
status=1
failed=0
log() { echo "[$me $(date +%T)] $*"; }
problem() { echo "[$me] FAIL: $*" >&2; failed=$((failed + 1)); }
cleanup() {
  local rc=$?
  [ -n "$started" ] && "$root/scripts/s3proxy" stop --dir="$s3dir" >/dev/null 2>&1 || true
  if [ "$status" -eq 0 ] && [ "${PYPIDB_TEST_KEEP:-0}" != 1 ]; then
    rm -rf "$work"
  else
    echo "[$me] work directory kept: $work" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT

if [ -z "${PYPIDB_JAR:-}" ]; then
  "$root/scripts/pypidb" --help >/dev/null
  cp "$root/runners/target/pypidb.jar" "$work/pypidb.jar"
  export PYPIDB_JAR="$work/pypidb.jar"
fi
pypidb() { "$root/scripts/pypidb" "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

port=19300
while timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; do port=$((port + 1)); done
log "starting S3Proxy on port $port"
started=1
"$root/scripts/s3proxy" start --dir="$s3dir" --port="$port" --bucket=pypidb | sed 's/^/    /'
eval "$("$root/scripts/s3proxy" env --dir="$s3dir")" # AWS_* credentials, region, endpoint
s3() { "$root/scripts/s3proxy" "$1" --dir="$s3dir" "${@:2}"; }

log "run L: pypidb demo (all on the bundled sample, local paths, embedded Flink)"
t0="$(now)"
pypidb demo --output="$work/local" >"$work/local.log" 2>&1 || { tail -20 "$work/local.log" >&2; exit 1; }
log "  $(secs "$t0" "$(now)") s"
in="$work/local/sample-input"
inputs=(bigquery pypi-json simple-json deps-db archives)

log "uploading the demo's input to s3://pypidb/in/"
t0="$(now)"
for d in "${inputs[@]}" popular environments; do
  s3 put "$in/$d" "s3://pypidb/in/$d"
done
s3 put "$in/targets.txt" s3://pypidb/in/targets.txt
log "  $(find "$in" -type f | wc -l) files in $(secs "$t0" "$(now)") s"
in_s3="$(printf 's3://pypidb/in/%s,' "${inputs[@]}")"
common=(--policy=wheels+sdist,wheels-only)

s3_all() { # NAME: all with input and output on s3://
  local t0
  t0="$(now)"
  log "run $1: all with input and output on s3://pypidb (embedded Flink)"
  pypidb all --input="${in_s3%,}" --output=s3://pypidb/out --popular=s3://pypidb/in/popular/top-pypi-packages.json \
    --environments=s3://pypidb/in/environments/environments.jsonl --targets=s3://pypidb/in/targets.txt \
    --cache=s3://pypidb/out/resolve-cache "${common[@]}" >"$work/$1.log" 2>&1 || { tail -30 "$work/$1.log" >&2; exit 1; }
  log "  $(secs "$t0" "$(now)") s"
}
s3_all S1

tables=(releases files wheel_tags requirements sdist_metadata fingerprints dead_letter abi_stats_by_abi
  abi_stats_by_platform abi_stats_by_month abi_stats_project_latest abi_stats_readiness abi_stats_summary
  resolutions success_rate resolve_cache_resolve_cache)
rows_of() { # OUT -> every row of every table as JSON, sorted
  local q="" t
  for t in "${tables[@]}"; do
    [ -n "$q" ] && q+=" UNION ALL "
    q+="SELECT '$t' AS tbl, CAST(to_json(x) AS VARCHAR) AS row FROM $t x"
  done
  pypidb sql --tables="$1" --format=csv "SELECT * FROM ($q) ORDER BY ALL"
}

compare() { # LABEL: the s3 output against the local one
  log "compare $1: tables row for row, exports byte for byte"
  # Dead letters name their input: the same file, local or on s3. A resolution's solver time
  # (micros, also inside the cached result) differs from run to run, and whether it came from
  # the cache (cache_hit) from the first run to the second.
  local same='s/micros([^0-9]*)[0-9]+/micros\1/g; s/cache_hit([^a-z]*)(true|false)/cache_hit\1/g'
  rows_of "$work/local" | sed -E "s|$in/|INPUT/|g; $same" >"$work/local.rows"
  rows_of s3://pypidb/out | sed -E "s|s3://pypidb/in/|INPUT/|g; $same" >"$work/$1.rows"
  if cmp -s "$work/local.rows" "$work/$1.rows"; then
    log "  same rows: $(($(wc -l <"$work/local.rows") - 1)) rows in ${#tables[@]} tables"
  else
    problem "$1: the tables differ from the local run's"
    diff "$work/local.rows" "$work/$1.rows" | head -n 6 | cut -c1-300 >&2 || true
  fi
  local listing="$work/$1.objects" n=0 bad=0 rel
  s3 ls s3://pypidb/out >"$listing"
  while IFS=$'\t' read -r _ key; do
    rel="${key#out/}"
    case "$rel" in
      mach-nix/*.json | mach-nix/UNIX_TIMESTAMP | compact/pypidb.db | report/index.html)
        s3 get "s3://pypidb/$key" "$work/got"
        if ! cmp -s "$work/got" "$work/local/$rel"; then
          problem "$1: $rel differs from the local run's"
          bad=1
        fi
        n=$((n + 1)) ;;
    esac
  done <"$listing"
  local expected
  expected="$(cd "$work/local" && { find mach-nix -type f; echo compact/pypidb.db; echo report/index.html; } | wc -l)"
  if [ "$n" -ne "$expected" ]; then
    problem "$1: $n export files on s3, $expected locally"
  elif [ "$bad" -eq 0 ]; then
    log "  same bytes: $n files (mach-nix/, compact/pypidb.db, report/index.html)"
  fi
  # Every Parquet and graph object must be listed by the manifest of its output (tables) or
  # cache; the resolver graph's listed objects hold the local run's bytes.
  python3 - "$listing" "$s3dir/data/pypidb/out" "$work/local" <<'EOF' || problem "$1: table objects no manifest lists, or another resolver graph"
import json, os, sys
listing, base, local = sys.argv[1], sys.argv[2], sys.argv[3]
listed = set()
graphs = {}
for rel_root in ("", "resolve-cache/"):
    with open(os.path.join(base, rel_root, "manifest.json")) as f:
        m = json.load(f)
    for section in [m] + list(m.get("stages", {}).values()):
        for table, t in section.get("tables", {}).items():
            listed.update(f"out/{rel_root}{table}/{name}" for name in t["files"])
            if table == "resolver_graph":
                graphs.update({os.path.basename(n): os.path.join(base, table, n) for n in t["files"]})
stray = []
for line in open(listing):
    key = line.rstrip("\n").split("\t", 1)[1]
    if key.endswith((".parquet", ".graph")) and key not in listed:
        stray.append(key)
print(f"    {len(listed)} Parquet and graph objects listed by the manifests, {len(stray)} not listed")
for k in stray[:5]:
    print("    not listed:", k, file=sys.stderr)
def same(a, b):
    with open(a, "rb") as x, open(b, "rb") as y:
        return x.read() == y.read()
local_graphs = sorted(os.listdir(os.path.join(local, "resolver_graph")))
differ = [n for n in local_graphs if n not in graphs or not same(graphs[n], os.path.join(local, "resolver_graph", n))]
if differ or len(graphs) != len(local_graphs) or not graphs:
    print(f"    resolver graph: {len(graphs)} listed objects, {len(local_graphs)} local files, differing: {differ[:3]}",
          file=sys.stderr)
    sys.exit(1)
print(f"    resolver graph: {len(graphs)} files, the local run's bytes")
sys.exit(1 if stray else 0)
EOF
}
compare S1
python3 - "$s3dir/data/pypidb/out/manifest.json" <<'EOF' || problem "S1: resolve did not read the resolver graph on s3://"
import json, sys
stats = json.load(open(sys.argv[1]))["stages"]["resolve"]["stats"]
graph, tables = stats.get("projects_read_from_graph", 0), stats.get("projects_read_from_tables", 0)
print(f"    resolve read {graph} projects from the resolver graph on s3://, {tables} from the tables")
sys.exit(0 if graph > 0 and tables == 0 else 1)
EOF

log "plant an object where a killed attempt would leave one, then read and run again"
printf 'PAR1 not a real table file' >"$work/stray.parquet"
s3 put "$work/stray.parquet" "s3://pypidb/out/releases/.attempt-killed/part-00000-of-00002.parquet"
n_before="$(pypidb sql --tables=s3://pypidb/out --format=csv "SELECT count(*) FROM releases" | tail -n 1)"
n_local="$(pypidb sql --tables="$work/local" --format=csv "SELECT count(*) FROM releases" | tail -n 1)"
if [ "$n_before" = "$n_local" ]; then
  log "  a reader ignores it: releases has $n_before rows, as locally"
else
  problem "a reader saw the stray object: releases has $n_before rows, $n_local locally"
fi
s3_all S2
if s3 ls s3://pypidb/out/releases/.attempt-killed | grep -q '\.parquet$'; then
  problem "the re-run left the stray object in place"
else
  log "  the re-run deleted it"
fi
compare S2

log "partial update of a per-project raw tree on s3:// (update --changedProjects)"
# Tree 0: attrs, and requests' project page; tree 1 adds a release file to requests and the
# project urllib3. The changed directories: requests and urllib3.
sample_json="$in/pypi-json"
mkdir -p "$work/tree0/attrs" "$work/tree0/requests"
cp "$sample_json/attrs.json" "$work/tree0/attrs/"
cp "$sample_json/requests.json" "$work/tree0/requests/"
cp -r "$work/tree0" "$work/tree1"
mkdir -p "$work/tree1/urllib3"
cp "$sample_json/requests-2.31.0.json" "$work/tree1/requests/"
cp "$sample_json/urllib3-2.2.2.json" "$work/tree1/urllib3/"
printf 'requests\nurllib3\n' >"$work/changed.txt"
run_step() { # NAME ARGS...: a pypidb command, its log kept
  local name="$1" t0
  shift
  t0="$(now)"
  pypidb "$@" >"$work/$name.log" 2>&1 || { tail -30 "$work/$name.log" >&2; exit 1; }
  log "  $name: $(secs "$t0" "$(now)") s"
}
run_step P-full normalize --input="$work/tree1" --output="$work/p-full"
s3 put "$work/tree0" s3://pypidb/tree
run_step P0 normalize --input=s3://pypidb/tree --output=s3://pypidb/p0
s3 put "$work/tree1" s3://pypidb/tree
s3 put "$work/changed.txt" s3://pypidb/changed.txt
run_step P1 update --previous=s3://pypidb/p0 --input=s3://pypidb/tree --changedProjects=s3://pypidb/changed.txt \
  --output=s3://pypidb/p1
tables=(releases files wheel_tags requirements sdist_metadata fingerprints dead_letter)
rows_of "$work/p-full" | sed -E "s|$work/tree1/|TREE/|g" >"$work/p-full.rows"
rows_of s3://pypidb/p1 | sed -E "s|s3://pypidb/tree/|TREE/|g" >"$work/p1.rows"
if cmp -s "$work/p-full.rows" "$work/p1.rows"; then
  log "  same rows as normalize of the new tree: $(($(wc -l <"$work/p-full.rows") - 1)) rows in ${#tables[@]} tables"
else
  problem "the partial update on s3:// differs from normalize of the new tree"
  diff "$work/p-full.rows" "$work/p1.rows" | head -n 6 | cut -c1-300 >&2 || true
fi
python3 - "$s3dir/data/pypidb/p1" "$work/p-full" "$work/tree1/" <<'EOF' || problem "the partial update's resolver graph or manifest differs from normalize's"
import json, os, sys
s3, full, tree = sys.argv[1], sys.argv[2], sys.argv[3]
with open(os.path.join(s3, "manifest.json")) as a, open(os.path.join(full, "manifest.json")) as b:
    m, f = json.load(a), json.load(b)
ok = True
files = m["tables"]["resolver_graph"]["files"]
for name in sorted(os.listdir(os.path.join(full, "resolver_graph"))):
    got = [n for n in files if os.path.basename(n) == name]
    with open(os.path.join(full, "resolver_graph", name), "rb") as x:
        want = x.read()
    if len(got) != 1 or open(os.path.join(s3, "resolver_graph", got[0]), "rb").read() != want:
        print(f"    resolver graph {name}: not the bytes normalize wrote", file=sys.stderr)
        ok = False
def inputs(man, prefix):
    return sorted((i["path"].replace(prefix, "TREE/"), i["format"], i["records_read"], i["records_written"],
                   i["dead_lettered"]) for i in man["inputs"])
if inputs(m, "s3://pypidb/tree/") != inputs(f, tree):
    print(f"    manifest inputs differ: {inputs(m, 's3://pypidb/tree/')} vs {inputs(f, tree)}", file=sys.stderr)
    ok = False
if [p.replace("s3://pypidb/tree/", "TREE/") for p in m["skipped_files"]] != \
        [p.replace(tree, "TREE/") for p in f["skipped_files"]]:
    print("    skipped files differ", file=sys.stderr)
    ok = False
read = m.get("partial_update_projects_read")
copied = m["stats"].get("update resolver graph projects copied", 0)
print(f"    {len(files)} resolver graph files as normalize wrote them ({copied} project(s) copied from p0);"
      f" {len(m['inputs'])} inputs alike; {read} project directories read")
sys.exit(0 if ok and read == "2" and copied >= 1 else 1)
EOF

log "secrets: the secret key must appear in no log, manifest or object"
# shellcheck disable=SC2154
if grep -rlF "$AWS_SECRET_ACCESS_KEY" "$work"/*.log "$s3dir/data" 2>/dev/null | grep -q .; then
  problem "the secret key appears in: $(grep -rlF "$AWS_SECRET_ACCESS_KEY" "$work"/*.log "$s3dir/data" | head -3 | tr '\n' ' ')"
else
  log "  not found in $(ls "$work"/*.log | wc -l) logs and $(find "$s3dir/data" -type f | wc -l) stored objects"
fi

if [ "$failed" -eq 0 ]; then
  status=0
  echo "[$me] PASSED: all on s3:// equals all on local paths; only manifest-listed objects are read; no secret leaked"
else
  echo "[$me] FAILED ($failed problem(s)); work directory: $work" >&2
fi
exit "$status"
