#!/usr/bin/env python3
"""Independent count of wheel releases per (interpreter, ABI), checked against abi-stats.

    python3 scripts/abi_crosscheck.py OUT_DIR RAW.jsonl[.gz] [RAW ...]

OUT_DIR is an `abi-stats` output (abi_stats/by_abi) made from the BigQuery rows RAW. This
script counts again from the raw rows, independently of pypidb: a release is (PEP 503 name,
version string); it counts for (interpreter, abi) when any of its wheels carries the pair after
packaging 26.2's `parse_wheel_filename` expanded the compressed tag sets. Filenames it rejects
are excluded, as abi-stats does; a file listed twice counts once. Prints the pairs that
started it all (cp37/cp37m, cp38/cp38m), abi3 and the free-threaded ABIs, then compares every
(interpreter, abi) row of by_abi. Exit status 1 on any difference.
"""

import gzip
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

from packaging.utils import InvalidWheelFilename, parse_wheel_filename
from packaging.version import InvalidVersion

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_pairs(filename):
    """The (interpreter, abi) pairs of a wheel filename, or None when it does not parse."""
    try:
        _, _, _, tags = parse_wheel_filename(filename)
    except (InvalidWheelFilename, InvalidVersion):
        return None
    return {(t.interpreter, t.abi) for t in tags}


def raw_counts(paths):
    releases = defaultdict(set)
    projects = defaultdict(set)
    files = defaultdict(int)
    excluded = 0
    seen = set()
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as f:
            for line in f:
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                if row.get("packagetype") != "bdist_wheel" or row.get("filename") in seen:
                    continue
                seen.add(row.get("filename"))
                pairs = wheel_pairs(row.get("filename") or "")
                if pairs is None:
                    excluded += 1
                    continue
                name = canonical(row["name"])
                for pair in pairs:
                    releases[pair].add((name, row["version"]))
                    projects[pair].add(name)
                    files[pair] += 1
    counts = {k: (len(projects[k]), len(releases[k]), files[k]) for k in releases}
    return counts, excluded


def pypidb_counts(out_dir):
    jar_env = dict(os.environ)
    query = "SELECT interpreter, abi, projects, releases, files FROM abi_stats_by_abi"
    text = subprocess.run([os.path.join(ROOT, "scripts", "pypidb"), "sql", "--tables=" + out_dir,
                           "--format=json", query], check=True, capture_output=True, text=True,
                          env=jar_env).stdout
    counts = {}
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            counts[(r["interpreter"], r["abi"])] = (int(r["projects"]), int(r["releases"]), int(r["files"]))
    excluded = subprocess.run([os.path.join(ROOT, "scripts", "pypidb"), "sql", "--tables=" + out_dir,
                               "--format=json", "SELECT value FROM abi_stats_summary WHERE metric = "
                               "'invalid_wheel_filenames_excluded'"],
                              check=True, capture_output=True, text=True, env=jar_env).stdout
    n = [json.loads(x)["value"] for x in excluded.splitlines() if x.strip().startswith("{")]
    return counts, int(n[0]) if n else None


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir, raw = sys.argv[1], sys.argv[2:]
    mine, mine_excluded = raw_counts(raw)
    theirs, their_excluded = pypidb_counts(out_dir)
    print("%-12s %-8s %10s %10s   (projects, releases, files)" % ("interpreter", "abi", "raw count", "abi-stats"))
    shown = [(i, a) for i in ("cp37", "cp38") for a in (i, i + "m", "abi3")]
    shown += sorted(k for k in set(mine) | set(theirs) if k[1].endswith("t") and k[1].startswith("cp"))
    for key in shown:
        print("%-12s %-8s %10s %10s   %s | %s" % (key[0], key[1], mine.get(key, (0, 0, 0))[1],
                                                theirs.get(key, (0, 0, 0))[1], mine.get(key), theirs.get(key)))
    abi3_raw = sum(v[1] for k, v in mine.items() if k[1] == "abi3")
    abi3_ours = sum(v[1] for k, v in theirs.items() if k[1] == "abi3")
    print("abi3 (interpreter, release) pairs: raw %d, abi-stats %d" % (abi3_raw, abi3_ours))
    print("wheels excluded for invalid filenames: raw %d, abi-stats %s" % (mine_excluded, their_excluded))
    differ = sorted(k for k in set(mine) | set(theirs) if mine.get(k) != theirs.get(k))
    for k in differ[:20]:
        print("DIFFERENT %s: raw %s, abi-stats %s" % (k, mine.get(k), theirs.get(k)))
    print("%d (interpreter, abi) rows compared, %d differ" % (len(set(mine) | set(theirs)), len(differ)))
    return 1 if differ or mine_excluded != their_excluded else 0


if __name__ == "__main__":
    sys.exit(main())
