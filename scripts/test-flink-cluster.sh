#!/usr/bin/env bash
# Integration test: pypidb normalize on a real Flink 1.19 session cluster (scripts/flink-cluster),
# with a TaskManager killed (SIGKILL) in the middle of a run. Passes when every run wrote the
# same tables (row multisets, compared per table) and the same manifest, with nothing but
# part-*.parquet files in the table directories.
#
#   scripts/test-flink-cluster.sh [INPUT...]
#
# Without arguments the inputs are the bundled sample (bigquery, pypi-json, simple-json,
# deps-db). The sample is too small for a kill to land mid-run reliably (its cluster job takes
# ~15 s, most of it start-up), so the kill run reads the sample plus a larger BigQuery input
# generated from it (PYPIDB_TEST_COPIES copies of the sample rows with renamed projects). With
# arguments (e.g. /work/shared/corpus/bigquery) those inputs are used for every run.
#
# Runs:  A  reference, inputs: DirectRunner for the sample, embedded Flink ([local]) for inputs
#           given as arguments (the DirectRunner needs >4 GB and very long on the corpus)
#        B  cluster, inputs                          compared with A
#        C  cluster, kill inputs (if they differ)    reference for D
#        D  cluster, kill inputs, one TaskManager SIGKILLed mid-run; compared with C (or B)
#
# Storage (PYPIDB_TEST_STORAGE): local (default) reads and writes local paths; hdfs starts an
# HDFS (scripts/hdfs-cluster) beside the cluster, puts the inputs there, and runs B, C and D
# with every input and output on hdfs:// (export-db of B too). The outputs are then copied out
# (hdfs dfs -get) and compared with A, which stays local, as in local mode: rows, manifests
# (input locations aside), part files, no leftovers, and the exports' bytes.
#
# Environment:
#   PYPIDB_TEST_TIMEOUT    seconds for the whole test (default 1800)
#   PYPIDB_TEST_COPIES     copies of the sample in the generated kill input (default 40, ~56k rows)
#   PYPIDB_TEST_REFERENCE  runner of run A: direct, local (embedded Flink) or none
#   PYPIDB_TEST_KEEP       1 to keep the work directory (kept anyway on failure)
#   PYPIDB_TEST_PORT       REST port of the test cluster (default: first free from 18081)
#   PYPIDB_TEST_CLASSPATH  bundled (default) or maven: see scripts/flink-cluster --help
#   PYPIDB_TEST_STORAGE    local (default) or hdfs
#   PYPIDB_JAR             test this jar instead of building runners/target/pypidb.jar
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
me="test-flink-cluster"

# Everything runs under one timeout: a hung job must not hang CI. timeout signals the whole
# process group; the EXIT trap below still stops the cluster by pid.
if [ -z "${_PYPIDB_TFC_INNER:-}" ]; then
  export _PYPIDB_TFC_INNER=1
  exec timeout --kill-after=60 "${PYPIDB_TEST_TIMEOUT:-1800}" bash "${BASH_SOURCE[0]}" "$@"
fi

sample="$root/runners/src/main/resources/sample"
tables=(releases files wheel_tags requirements sdist_metadata fingerprints dead_letter)
work="$(mktemp -d "${TMPDIR:-/tmp}/pypidb-flink-test.XXXXXX")"
cluster_dir="$work/cluster"
cluster_started=""
storage="${PYPIDB_TEST_STORAGE:-local}"
case "$storage" in local | hdfs) ;; *) echo "[$me] PYPIDB_TEST_STORAGE must be local or hdfs" >&2; exit 2 ;; esac
hdfs_dir="$work/hdfs"
hdfs_started=""
hdfs=""
child_pid=""
passed=0
failed=0
timings=()
status=1

log() { echo "[$me $(date +%T)] $*"; }
# Each check (a comparison, the fault) counts once; problem() reports one reason it fails.
problem() {
  echo "[$me] FAIL: $*" >&2
  bad=1
}
count_check() { # the check just done: passed if no problem was reported
  if [ "$bad" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
timing() { timings+=("$(printf '%-46s %8s s' "$1" "$2")"); }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$child_pid" ] && kill -0 "$child_pid" 2>/dev/null; then
    kill -TERM "$child_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$child_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$child_pid" 2>/dev/null || true
  fi
  if [ -n "$cluster_started" ]; then
    "$root/scripts/flink-cluster" stop --dir="$cluster_dir" >/dev/null 2>&1 || true
  fi
  if [ -n "$hdfs_started" ]; then
    "$root/scripts/hdfs-cluster" stop --dir="$hdfs_dir" >/dev/null 2>&1 || true
  fi
  if [ "$status" -eq 0 ] && [ "$rc" -eq 0 ] && [ "${PYPIDB_TEST_KEEP:-0}" != 1 ]; then
    rm -rf "$work"
  else
    echo "[$me] work directory kept: $work (cluster logs in $cluster_dir/log)" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "[$me] interrupted (timeout or signal)" >&2; exit 124' INT TERM

# Long steps run in the background while the script waits: a signal (the overall timeout)
# interrupts `wait` at once, so the EXIT trap stops the cluster instead of waiting for the step.
run_child() {
  "$@" &
  child_pid=$!
  local rc=0
  wait "$child_pid" || rc=$?
  child_pid=""
  return "$rc"
}

json() { # python expression over the JSON document on stdin, bound to d
  python3 -c "import json, sys
d = json.load(sys.stdin)
print($1)"
}

# ---------------------------------------------------------------- inputs
if [ $# -gt 0 ]; then
  inputs=("$@")
  for i in "${inputs[@]}"; do
    [ -e "$i" ] || { echo "[$me] no such input: $i" >&2; exit 2; }
  done
else
  inputs=("$sample/bigquery" "$sample/pypi-json" "$sample/simple-json" "$sample/deps-db")
fi
input_arg="$(IFS=,; echo "${inputs[*]}")"

# ---------------------------------------------------------------- the jar (one copy for every run)
if [ -z "${PYPIDB_JAR:-}" ]; then
  log "building the bundled jar if it is missing or stale ..."
  "$root/scripts/pypidb" --help >/dev/null
  cp "$root/runners/target/pypidb.jar" "$work/pypidb.jar"
  export PYPIDB_JAR="$work/pypidb.jar"
fi
[ -f "$PYPIDB_JAR" ] || { echo "[$me] jar not found: $PYPIDB_JAR" >&2; exit 2; }

port_busy() {
  if command -v ss >/dev/null 2>&1 && ss -Htln "sport = :$1" 2>/dev/null | grep -q .; then
    return 0
  fi
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}
port="${PYPIDB_TEST_PORT:-}"
if [ -z "$port" ]; then
  port=18081
  while port_busy "$port"; do port=$((port + 1)); done
fi
rest="http://localhost:$port"

# ---------------------------------------------------------------- helpers
# Where a run writes: OUT itself, or (hdfs mode, cluster runs) the same name on the HDFS.
target_of() { # local-out-dir local|cluster -> location
  if [ "$storage" = hdfs ] && [ "$2" = cluster ]; then echo "$hdfs/out/$(basename "$1")"; else echo "$1"; fi
}
# Copies an output written to the HDFS into its local directory, for the comparisons.
fetch() { # local-out-dir local|cluster
  [ "$storage" = hdfs ] && [ "$2" = cluster ] || return 0
  rm -rf "$1"
  "$root/scripts/hdfs-cluster" get --dir="$hdfs_dir" "$hdfs/out/$(basename "$1")" "$1"
}

# normalize NAME OUT INPUTS RUNNER-ARGS... : runs in the foreground, records its wall time.
normalize() {
  local name="$1" out="$2" in="$3"
  shift 3
  local t0 rc=0 where=local target
  [[ "$name" == *cluster* ]] && where=cluster
  target="$(target_of "$out" "$where")"
  log "run $name: normalize --input=<${in:0:80}...> --output=$target $*"
  t0="$(now)"
  run_child timeout 1200 "$root/scripts/pypidb" normalize --input="$in" --output="$target" "$@" \
    >"$out.log" 2>&1 || rc=$?
  local s
  s="$(secs "$t0" "$(now)")"
  if [ "$rc" -ne 0 ]; then
    tail -n 30 "$out.log" >&2
    echo "[$me] run $name failed (exit $rc); log: $out.log" >&2
    exit 1
  fi
  grep -E '^normalize:' "$out.log" | sed "s/^/    /"
  timing "run $name (wall, client included)" "$s"
  fetch "$out" "$where"
}

# export_db NAME TABLES RUNNER-ARGS... : export-db into the tables' directory.
export_db() {
  local name="$1" dir="$2"
  shift 2
  local where=local target
  [[ "$dir" == *cluster* ]] && where=cluster
  target="$(target_of "$dir" "$where")"
  log "run $name: export-db --tables=$target $*"
  local t0
  t0="$(now)"
  if ! run_child timeout 1200 "$root/scripts/pypidb" export-db --tables="$target" --output="$target" "$@" \
    >"$dir.$name.log" 2>&1; then
    tail -n 30 "$dir.$name.log" >&2
    echo "[$me] run $name failed; log: $dir.$name.log" >&2
    exit 1
  fi
  timing "run $name (wall, client included)" "$(secs "$t0" "$(now)")"
  fetch "$dir" "$where"
}

last_job() { # jid of the newest job on the cluster
  curl -fsS "$rest/jobs/overview" | json 'max(d["jobs"], key=lambda j: j["start-time"])["jid"] if d["jobs"] else ""'
}
job_field() { # jid python-expression-over-job-details
  curl -fsS "$rest/jobs/$1" | json "$2"
}
job_restarts() { # failures the job recovered from (its exception history; numRestarts is gone once it ends)
  curl -fsS "$rest/jobs/$1/exceptions" | json 'len((d.get("exceptionHistory") or {}).get("entries") or d.get("all-exceptions") or [])'
}

# A table in SQL; dead letters name their input, whose location (a local directory or its
# HDFS copy) is written alike.
table_sql() {
  if [ "$1" != dead_letter ]; then
    echo "$1"
    return
  fi
  local expr="input" r
  for r in "${input_roots[@]}"; do
    expr="replace($expr, '$r/', 'INPUT/')"
  done
  echo "(SELECT * REPLACE ($expr AS input) FROM dead_letter)"
}

# Per table: row count and the sum of 64-bit hashes of every row as JSON: equal for equal
# multisets of rows, whatever the order, duplicates counted (one streaming DuckDB query).
fingerprint() { # out-dir -> OUT.fp with lines "table,rows,hashsum"
  local q="" t
  for t in "${tables[@]}"; do
    [ -n "$q" ] && q+=" UNION ALL "
    q+="SELECT '$t' AS tbl, count(*) AS n, sum(hash(CAST(to_json(x) AS VARCHAR))) AS h FROM $(table_sql "$t") x"
  done
  run_child "$root/scripts/pypidb" sql --tables="$1" --format=csv "$q" >"$1.fp"
}

# Every row of every table as JSON, sorted (ORDER BY ALL): the literal comparison, for outputs
# small enough to hold (the sql command keeps the result in memory).
dump_tables() { # out-dir -> OUT.rows.csv
  local q="" t
  for t in "${tables[@]}"; do
    [ -n "$q" ] && q+=" UNION ALL "
    q+="SELECT '$t' AS tbl, CAST(to_json(x) AS VARCHAR) AS row FROM $(table_sql "$t") x"
  done
  run_child "$root/scripts/pypidb" sql --tables="$1" --format=csv "SELECT * FROM ($q) ORDER BY ALL" >"$1.rows.csv"
}

show_difference() { # table a-dir b-dir: a few rows found only on one side (EXCEPT ALL)
  local t="$1" a="$2" b="$3"
  local pa="read_parquet('$a/$t/*.parquet')" pb="read_parquet('$b/$t/*.parquet')"
  echo "  rows of $t only in $(basename "$a") / only in $(basename "$b") (at most 3 each):" >&2
  run_child "$root/scripts/pypidb" sql --tables="$a" --format=csv \
    "(SELECT 'only-a' AS side, CAST(to_json(x) AS VARCHAR) AS row FROM (SELECT * FROM $pa EXCEPT ALL SELECT * FROM $pb) x LIMIT 3)
     UNION ALL (SELECT 'only-b', CAST(to_json(x) AS VARCHAR) FROM (SELECT * FROM $pb EXCEPT ALL SELECT * FROM $pa) x LIMIT 3)" \
    2>&1 | cut -c1-400 >&2 || true
}

# The manifest with input locations written alike (local inputs and their HDFS copies).
canonical_manifest() {
  python3 - "$1" "${input_roots[@]}" <<'EOF'
import json, sys
path, roots = sys.argv[1], sys.argv[2:]
def canon(v):
    if isinstance(v, str):
        for r in roots:
            if v.startswith(r + "/"):
                return "INPUT/" + v[len(r) + 1:]
        return v
    if isinstance(v, list):
        return [canon(x) for x in v]
    if isinstance(v, dict):
        return {k: canon(x) for k, x in v.items()}
    return v
print(json.dumps(canon(json.load(open(path))), indent=1, sort_keys=True))
EOF
}

check_layout() { # out-dir: only part-*.parquet files in table directories, no hidden leftovers
  local dir="$1" t stray
  for t in "${tables[@]}"; do
    if [ ! -d "$dir/$t" ]; then
      problem "$dir: table directory $t is missing"
      continue
    fi
    stray="$(find "$dir/$t" -mindepth 1 ! -name 'part-*.parquet' -print -quit)"
    if [ -n "$stray" ]; then
      problem "$dir: leftover in a table directory: ${stray#"$dir"/} (partial or duplicate output)"
    fi
    if [ -n "$(find "$dir/$t" -mindepth 1 -type d -print -quit)" ]; then
      problem "$dir/$t holds a directory (attempt leftovers)"
    fi
  done
  stray="$(find "$dir" -name '.*' -print -quit)"
  if [ -n "$stray" ]; then
    problem "$dir: leftover of an unfinished attempt: ${stray#"$dir"/} ($(du -sh "$stray" | cut -f1); $(find "$stray" -type f | head -n 3 | sed "s|^$dir/||" | tr '\n' ' '))"
  fi
}

# compare LABEL A-DIR B-DIR: table rows, manifest, file names; counts one check.
compare() {
  local label="$1" a="$2" b="$3" bad=0 t
  log "compare $label: $(basename "$a") vs $(basename "$b")"
  check_layout "$a"
  check_layout "$b"
  for t in "${tables[@]}"; do
    if [ "$(cd "$a/$t" 2>/dev/null && ls)" != "$(cd "$b/$t" 2>/dev/null && ls)" ]; then
      problem "$label: the files of table $t differ: $(cd "$a/$t" && ls | tr '\n' ' ') vs $(cd "$b/$t" && ls | tr '\n' ' ')"
      bad=1
    fi
  done
  if ! diff <(canonical_manifest "$a/manifest.json") <(canonical_manifest "$b/manifest.json") >"$work/manifest.diff"; then
    problem "$label: manifest.json differs:"
    head -n 40 "$work/manifest.diff" >&2
    bad=1
  fi
  [ -f "$a.fp" ] || fingerprint "$a"
  [ -f "$b.fp" ] || fingerprint "$b"
  local rows exact="" fp_bad=0
  rows="$(awk -F, 'NR > 1 { n += $2 } END { print n + 0 }' "$a.fp")"
  for t in "${tables[@]}"; do
    if [ "$(grep "^$t," "$a.fp")" != "$(grep "^$t," "$b.fp")" ]; then
      problem "$label: table $t differs: $(grep "^$t," "$a.fp" | cut -d, -f2) rows vs $(grep "^$t," "$b.fp" | cut -d, -f2) rows, or different rows"
      show_difference "$t" "$a" "$b"
      fp_bad=1
    fi
  done
  # Small outputs are also compared row by row, sorted (this is the sample's case).
  if [ "$fp_bad" -eq 0 ] && [ "$rows" -le "${PYPIDB_TEST_EXACT_ROWS:-500000}" ]; then
    [ -f "$a.rows.csv" ] || dump_tables "$a"
    [ -f "$b.rows.csv" ] || dump_tables "$b"
    if ! cmp -s "$a.rows.csv" "$b.rows.csv"; then
      problem "$label: the sorted rows differ (though their fingerprints match):"
      diff "$a.rows.csv" "$b.rows.csv" | head -n 6 | cut -c1-300 >&2 || true
      fp_bad=1
    fi
    exact=", sorted rows compared one by one"
  fi
  if [ "$fp_bad" -eq 0 ]; then
    log "  same rows: $rows rows in ${#tables[@]} tables (count + hash sum per table$exact)"
  fi
  if [ "$bad" -eq 0 ]; then
    log "  identical: same rows, same manifest.json, same part files, nothing else in the outputs"
  fi
  count_check
}

# ---------------------------------------------------------------- the kill input
kill_input_arg="$input_arg"
if [ $# -eq 0 ]; then
  copies="${PYPIDB_TEST_COPIES:-40}"
  log "generating the kill-run input: $copies renamed copies of the sample's BigQuery rows"
  python3 - "$sample/bigquery" "$work/generated-bigquery" "$copies" <<'EOF'
import gzip, hashlib, json, os, sys

src, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = []
for fn in sorted(os.listdir(src)):
    opener = gzip.open if fn.endswith(".gz") else open
    with opener(os.path.join(src, fn), "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                d = json.loads(line)
            except ValueError:
                continue  # the sample's deliberately broken lines stay in the sample only
            if isinstance(d, dict) and isinstance(d.get("name"), str) and isinstance(d.get("filename"), str):
                rows.append(d)
os.makedirs(out, exist_ok=True)
per_file, n = 10, 0
for first in range(1, copies + 1, per_file):
    name = os.path.join(out, f"copies-{first:04d}.jsonl.gz")
    with gzip.open(name, "wt", encoding="utf-8", compresslevel=1) as w:
        for k in range(first, min(copies, first + per_file - 1) + 1):
            for d in rows:
                e = dict(d)
                suffix = f"_c{k}"
                e["name"] = d["name"] + suffix
                version = d.get("version") or ""
                cut = d["filename"].find("-" + version) if version else -1
                if cut > 0:
                    e["filename"] = d["filename"][:cut] + suffix + d["filename"][cut:]
                raw = e["filename"].encode()
                # The sample's digests are synthetic hashes of the filename: keep them consistent.
                e["sha256_digest"] = hashlib.sha256(raw).hexdigest()
                e["md5_digest"] = hashlib.md5(raw).hexdigest()
                b2 = hashlib.blake2b(raw, digest_size=32).hexdigest()
                e["blake2_256_digest"] = b2
                e["path"] = f"{b2[0:2]}/{b2[2:4]}/{b2[4:]}/{e['filename']}"
                w.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")
                n += 1
print(f"    {n} rows in {out}")
EOF
  kill_input_arg="$input_arg,$work/generated-bigquery"
fi

# Input locations as the manifests name them: the local directories (and, in hdfs mode, their
# copies), so that manifests of local and HDFS runs compare.
input_roots=()
for i in "${inputs[@]}" "$work/generated-bigquery"; do
  input_roots+=("$(dirname "$(readlink -f "$i" 2>/dev/null || echo "$i")")")
done

mkdir -p "$work/out"
out="$work/out"
t_test="$(now)"

# ---------------------------------------------------------------- HDFS: the inputs go there
if [ "$storage" = hdfs ]; then
  hport=19000
  while port_busy "$hport" || port_busy $((hport + 870)); do hport=$((hport + 1)); done
  log "starting an HDFS on port $hport (dir $hdfs_dir)"
  t0="$(now)"
  hdfs_started=1
  "$root/scripts/hdfs-cluster" start --dir="$hdfs_dir" --port="$hport" --http-port=$((hport + 870)) | sed 's/^/    /'
  timing "HDFS start (NameNode + DataNode)" "$(secs "$t0" "$(now)")"
  hdfs="hdfs://localhost:$hport"
  # Its client configuration (one replica: there is one DataNode), the standard way.
  export HADOOP_CONF_DIR="$hdfs_dir/conf"
  t0="$(now)"
  local_inputs=("${inputs[@]}")
  [ "$kill_input_arg" != "$input_arg" ] && local_inputs+=("$work/generated-bigquery")
  "$root/scripts/hdfs-cluster" dfs --dir="$hdfs_dir" -mkdir -p "$hdfs/in" "$hdfs/out"
  "$root/scripts/hdfs-cluster" put --dir="$hdfs_dir" "${local_inputs[@]}" "$hdfs/in/"
  timing "inputs put into HDFS" "$(secs "$t0" "$(now)")"
  to_hdfs() { # comma-separated local inputs -> the same on the HDFS
    local IFS=, x res=()
    for x in $1; do res+=("$hdfs/in/$(basename "$x")"); done
    echo "${res[*]}"
  }
  cluster_input_arg="$(to_hdfs "$input_arg")"
  cluster_kill_input_arg="$(to_hdfs "$kill_input_arg")"
  input_roots+=("$hdfs/in")
  log "  cluster runs read $cluster_input_arg and write under $hdfs/out"
else
  cluster_input_arg="$input_arg"
  cluster_kill_input_arg="$kill_input_arg"
fi

# ---------------------------------------------------------------- A: reference run
reference="${PYPIDB_TEST_REFERENCE:-}"
[ -n "$reference" ] || { [ $# -eq 0 ] && reference=direct || reference=local; }
case "$reference" in
  direct) ref_args=(--runner=DirectRunner) ;;
  local) ref_args=(--runner=FlinkRunner --flinkMaster='[local]') ;;
esac
case "$reference" in
  direct) normalize A-direct "$out/A-direct" "$input_arg" "${ref_args[@]}"; ref_a="$out/A-direct" ;;
  local) normalize A-local "$out/A-local" "$input_arg" "${ref_args[@]}"; ref_a="$out/A-local" ;;
  none) ref_a="" ;;
  *) echo "[$me] PYPIDB_TEST_REFERENCE must be direct, local or none" >&2; exit 2 ;;
esac

# ---------------------------------------------------------------- cluster
log "starting a 2-TaskManager cluster on port $port (dir $cluster_dir)"
t0="$(now)"
cluster_started=1
"$root/scripts/flink-cluster" start --dir="$cluster_dir" --port="$port" --taskmanagers=2 \
  --jar="$PYPIDB_JAR" --classpath="${PYPIDB_TEST_CLASSPATH:-bundled}"
timing "cluster start (until 2 TaskManagers registered)" "$(secs "$t0" "$(now)")"
flink=(--runner=FlinkRunner --flinkMaster="localhost:$port" --flinkConfDir="$cluster_dir/conf")

# ---------------------------------------------------------------- B: cluster, same inputs
normalize B-cluster "$out/B-cluster" "$cluster_input_arg" "${flink[@]}"
jid_b="$(last_job)"
timing "  job B on the cluster (Flink job duration)" \
  "$(job_field "$jid_b" 'round(d["duration"] / 1000, 1)')"
if [ -n "$ref_a" ]; then
  compare "$reference runner vs cluster" "$ref_a" "$out/B-cluster"
  export_db B-export "$out/B-cluster" "${flink[@]}"
  export_db A-export "$ref_a" "${ref_args[@]}"
  log "compare exports: $reference runner vs cluster, byte for byte"
  bad=0
  if diff -r "$ref_a/mach-nix" "$out/B-cluster/mach-nix" >/dev/null \
      && cmp -s "$ref_a/compact/pypidb.db" "$out/B-cluster/compact/pypidb.db"; then
    echo "    same bytes: $(find "$ref_a/mach-nix" -type f | wc -l) mach-nix files and compact/pypidb.db"
  else
    problem "exports differ: diff -r $ref_a/mach-nix $out/B-cluster/mach-nix; cmp of compact/pypidb.db"
  fi
  count_check
fi

# ---------------------------------------------------------------- C: reference for the kill run
if [ "$kill_input_arg" != "$input_arg" ]; then
  normalize C-cluster "$out/C-cluster" "$cluster_kill_input_arg" "${flink[@]}"
  ref="$out/C-cluster"
else
  ref="$out/B-cluster"
fi
jid_ref="$(last_job)"
ref_ms="$(job_field "$jid_ref" 'd["duration"]')"
if [ "$ref" = "$out/C-cluster" ]; then
  timing "  job C (kill input, no fault; Flink job duration)" "$(awk -v m="$ref_ms" 'BEGIN { printf "%.1f", m / 1000 }')"
fi

# ---------------------------------------------------------------- D: kill a TaskManager mid-run
# Kill when the job is RUNNING, has processed records, and is ~40% through (by the reference
# run's duration): late enough that shards are being written, early enough to be mid-run.
kill_delay="$(awk -v m="$ref_ms" 'BEGIN { printf "%.1f", m * 0.4 / 1000 }')"
d_out="$out/D-killed"
log "run D-killed: same input as the reference, one TaskManager gets SIGKILL ~${kill_delay}s into the job"
t0="$(now)"
timeout 1200 "$root/scripts/pypidb" normalize --input="$cluster_kill_input_arg" \
  --output="$(target_of "$d_out" cluster)" "${flink[@]}" >"$d_out.log" 2>&1 &
child_pid=$!
client_pid=$child_pid

jid=""
deadline=$(($(date +%s) + 600))
while [ -z "$jid" ]; do
  jid="$(curl -fsS "$rest/jobs/overview" | json '" ".join(j["jid"] for j in d["jobs"] if j["state"] == "RUNNING" and j["jid"] != "'"$jid_ref"'")' 2>/dev/null || true)"
  kill -0 "$client_pid" 2>/dev/null || break
  [ "$(date +%s)" -lt "$deadline" ] || break
  [ -n "$jid" ] || sleep 0.3
done
[ -n "$jid" ] || { tail -n 30 "$d_out.log" >&2; echo "[$me] the kill-run job never reached RUNNING" >&2; exit 1; }
t_running="$(now)"
log "  job $jid is RUNNING"
records=0
while kill -0 "$client_pid" 2>/dev/null; do
  records="$(job_field "$jid" 'sum(v["metrics"]["read-records"] for v in d["vertices"])' 2>/dev/null || echo 0)"
  if [ "${records:-0}" -gt 0 ] && awk -v a="$(secs "$t_running" "$(now)")" -v b="$kill_delay" 'BEGIN { exit !(a >= b) }'; then
    break
  fi
  sleep 0.3
done
# The victim: the TaskManager running the most subtasks right now.
victim="$(python3 - "$rest" "$jid" <<'EOF'
import collections, json, sys, urllib.request
rest, jid = sys.argv[1], sys.argv[2]
get = lambda p: json.load(urllib.request.urlopen(rest + p, timeout=5))
count = collections.Counter()
for v in get(f"/jobs/{jid}")["vertices"]:
    if v["status"] in ("RUNNING", "INITIALIZING", "DEPLOYING"):
        for tm in get(f"/jobs/{jid}/vertices/{v['id']}/taskmanagers")["taskmanagers"]:
            if tm["status"] in ("RUNNING", "INITIALIZING", "DEPLOYING"):
                count[tm["taskmanager-id"]] += 1
print(count.most_common(1)[0][0] if count else "taskmanager-1")
EOF
)" || victim=taskmanager-1
victim_pid="$(cat "$cluster_dir/pids/$victim.pid")"
bad=0
if ! kill -0 "$client_pid" 2>/dev/null; then
  problem "the kill run finished before the TaskManager could be killed: the input is too small (raise PYPIDB_TEST_COPIES)"
else
  log "  $(secs "$t_running" "$(now)")s after RUNNING, $records records read: kill -KILL $victim (pid $victim_pid)"
  kill -KILL "$victim_pid"
  t_kill="$(now)"
fi
rc=0
wait "$client_pid" || rc=$?
child_pid=""
d_secs="$(secs "$t0" "$(now)")"
restarts="$(job_restarts "$jid" || echo '?')"
state="$(job_field "$jid" 'd["state"]' || echo '?')"
if [ "$rc" -ne 0 ]; then
  tail -n 30 "$d_out.log" >&2
  problem "the kill run failed (exit $rc, job $state after $restarts failure(s)): the job did not survive the loss of $victim; log: $d_out.log"
else
  grep -E '^normalize:' "$d_out.log" | sed "s/^/    /"
  timing "run D-killed (wall, client included)" "$d_secs"
  timing "  job D, TaskManager killed (Flink job duration)" "$(job_field "$jid" 'round(d["duration"] / 1000, 1)')"
  log "  job $jid: state $state, restarts $restarts, $(secs "${t_kill:-$t0}" "$(now)")s from the kill to the end"
  if [ "$state" != FINISHED ]; then
    problem "job $jid ended in state $state"
  elif [ "${restarts:-0}" = 0 ]; then
    problem "job $jid did not restart (no failure in its exception history): the kill did not land mid-run"
  else
    log "  the job survived the loss of $victim with $restarts restart(s)"
  fi
fi
count_check
"$root/scripts/flink-cluster" status --dir="$cluster_dir" | sed 's/^/    /' || true

if [ "$rc" -eq 0 ]; then
  fetch "$d_out" cluster
  compare "no fault vs TaskManager killed" "$ref" "$d_out"
fi

# ---------------------------------------------------------------- summary
timing "whole test" "$(secs "$t_test" "$(now)")"
echo
echo "timings:"
printf '  %s\n' "${timings[@]}"
echo
if [ "$failed" -eq 0 ]; then
  status=0
  echo "[$me] PASSED: same tables from every run ($storage storage), TaskManager loss survived"
else
  echo "[$me] FAILED ($failed problem(s)); work directory: $work" >&2
fi
echo "flink-cluster: $passed passed, $failed failed"
exit "$status"
