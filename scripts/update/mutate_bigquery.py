#!/usr/bin/env python3
"""Makes the "next snapshot" of a BigQuery distribution_metadata export for update benchmarks.

    mutate_bigquery.py IN.jsonl[.gz] OUT.jsonl.gz [--fraction 0.01] [--seed 1]

Picks about FRACTION of the projects (a fixed seed: the same choice every run) and applies one
change to each, in turn: drop a release (every row of one version), add a version (a copy of
the newest release's rows under a new version and filenames), edit requirements (one release's
rows gain a requirement), yank a release (yanked: true), remove the project. Every other line
is written unchanged, in its order. Prints what it changed as JSON on stdout.
"""
import argparse
import collections
import gzip
import json
import random


def open_text(path, mode):
    return gzip.open(path, mode + "t", encoding="utf-8") if path.endswith(".gz") else open(path, mode, encoding="utf-8")


def canonical(name):
    import re
    return re.sub(r"[-_.]+", "-", name).lower()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--fraction", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    rows = []
    with open_text(args.input, "r") as f:
        for line in f:
            rows.append(line)
    versions = collections.defaultdict(lambda: collections.OrderedDict())
    for i, line in enumerate(rows):
        try:
            d = json.loads(line)
            versions[canonical(d["name"])].setdefault(d["version"], []).append(i)
        except (ValueError, KeyError, TypeError):
            pass
    projects = sorted(versions)
    rng = random.Random(args.seed)
    chosen = sorted(rng.sample(projects, max(1, round(len(projects) * args.fraction))))
    kinds = ["drop_release", "add_version", "edit_requirements", "yank", "remove_project"]
    drop, extra_after, edits = set(), collections.defaultdict(list), {}
    changes = collections.Counter()
    for n, project in enumerate(chosen):
        by_version = versions[project]
        kind = kinds[n % len(kinds)]
        if kind == "drop_release" and len(by_version) < 2:
            kind = "edit_requirements"
        some = list(by_version)[n % len(by_version)]
        if kind == "drop_release":
            drop.update(by_version[some])
        elif kind == "remove_project":
            for lines in by_version.values():
                drop.update(lines)
        elif kind == "add_version":
            last = list(by_version)[-1]
            new = last + ".post4242"
            for i in by_version[last]:
                d = json.loads(rows[i])
                d["version"] = new
                d["filename"] = d["filename"].replace("-" + last + "-", "-" + new + "-", 1)
                extra_after[by_version[last][-1]].append(json.dumps(d) + "\n")
        elif kind == "edit_requirements":
            for i in by_version[some]:
                d = json.loads(rows[i])
                d["requires_dist"] = (d.get("requires_dist") or []) + ["pypidb-update-marker>=1.0"]
                edits[i] = json.dumps(d) + "\n"
        elif kind == "yank":
            for i in by_version[some]:
                d = json.loads(rows[i])
                d["yanked"] = True
                d["yanked_reason"] = "update benchmark"
                edits[i] = json.dumps(d) + "\n"
        changes[kind] += 1

    written = 0
    with open_text(args.output, "w") as out:
        for i, line in enumerate(rows):
            if i not in drop:
                out.write(edits.get(i, line))
                written += 1
            for e in extra_after.get(i, []):
                out.write(e)
                written += 1
    print(json.dumps({"projects": len(projects), "changed_projects": len(chosen), "changes": changes,
                      "rows_in": len(rows), "rows_out": written}, sort_keys=True))


if __name__ == "__main__":
    main()
