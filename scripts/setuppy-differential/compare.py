#!/usr/bin/env python3
"""Compares the real runs (real.py) with the evaluator's answers (SetupPyDifferential).

Usage:  python3 compare.py REAL.jsonl OURS.jsonl

Requirement values are compared after the reading setuptools gives them (a string is split
into stripped lines, blank and '#' lines dropped, ' #' comments cut); errors by their text,
ignoring our " (setup.py, line N)" suffix.  Prints each disagreement and a summary; exit 0
when every case agrees or is honestly unresolved.
"""
import json
import re
import sys


def lines(value):
    if isinstance(value, str):
        out = []
        for line in value.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line.split(" #")[0].rstrip())
        return out
    if isinstance(value, list):
        return [x for v in value for x in lines(v)]
    return value


def normal(result):
    if "error" in result or "unresolved" in result:
        return result
    out = {}
    for k, v in result.items():
        if k == "extras_require" and isinstance(v, dict):
            out[k] = {e: lines(r) for e, r in v.items()}
        elif k == "python_requires":
            out[k] = v
        else:
            out[k] = lines(v)
    return out


def main():
    real = {(r["case"], r["key"]): r["result"] for r in map(json.loads, open(sys.argv[1]))}
    ours = {(r["case"], r["key"]): r["result"] for r in map(json.loads, open(sys.argv[2]))}
    counts = {"agree": 0, "unresolved": 0, "differ": 0}
    for key in sorted(real, key=lambda k: (k[0], int(k[1]))):
        theirs, mine = normal(real[key]), normal(ours.get(key, {"missing": True}))
        if "unresolved" in mine:
            counts["unresolved"] += 1
            print("UNRESOLVED %s %s: %s | real: %s" % (key[0], key[1], mine["unresolved"], theirs))
            continue
        if "error" in theirs and "error" in mine:
            same = theirs["error"] == re.sub(r" \(setup\.py, line \d+\)$", "", mine["error"])
        else:
            same = theirs == mine
        if same:
            counts["agree"] += 1
        else:
            counts["differ"] += 1
            print("DIFFER %s %s:\n   real: %s\n   ours: %s" % (key[0], key[1], theirs, mine))
    print(counts)
    sys.exit(1 if counts["differ"] else 0)


if __name__ == "__main__":
    main()
