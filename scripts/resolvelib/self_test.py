#!/usr/bin/python3
"""Checks the harness itself on a hand-made graph (no corpus, no Java).

    self_test.py

Runs run_resolvelib.py on a tiny index (backtracking, extras, markers, yanked pin, pre-release,
sdist fallback with per-python-key requirements and a build error, missing project), and on the
cases of pip's opt-in rules that pypidb's OptInRulesTest holds (root and transitive pins and
ranges, yanked versions and pre-releases), checks its answers, then feeds compare.py a fake "pypidb" side equal to resolvelib's answers except
for two planted differences (a wrong wheel choice and a missed solution) and checks that both
are found and classified, and that everything else agrees. Exit 0 when all is well.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/usr/bin/python3"

GRAPH = {"format": "pypidb-index/1", "projects": [
    {"name": "a", "releases": [
        {"version": "1.0", "files": [{"filename": "a-1.0-py3-none-any.whl", "kind": "wheel",
                                      "requires_dist": ["b<2"]}]},
        {"version": "2.0", "files": [{"filename": "a-2.0-py3-none-any.whl", "kind": "wheel",
                                      "requires_dist": ["b>=2", "c[x]; extra == \"fast\""]}]}]},
    {"name": "b", "releases": [
        {"version": "1.5", "files": [{"filename": "b-1.5 (sdist)", "kind": "sdist",
                                      "requires_dist": [],
                                      "requires_dist_by_python": {"312": ["d"]}}]},
        {"version": "2.0", "files": [
            {"filename": "b-2.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
             "kind": "wheel", "requires_dist": []},
            {"filename": "b-2.0-cp312-cp312-linux_x86_64.whl", "kind": "wheel",
             "requires_dist": []}]},
        {"version": "3.0b1", "files": [{"filename": "b-3.0b1-py3-none-any.whl", "kind": "wheel",
                                        "requires_dist": []}]},
        {"version": "2.5", "yanked": True, "files": [
            {"filename": "b-2.5-py3-none-any.whl", "kind": "wheel", "requires_dist": []}]}]},
    {"name": "c", "releases": [{"version": "1", "files": [
        {"filename": "c-1-py3-none-any.whl", "kind": "wheel",
         "requires_dist": ["d; extra == \"x\"", "e; python_version < \"3\""]}]}]},
    {"name": "d", "releases": [
        {"version": "1", "requires_python": ">=3.13", "files": [
            {"filename": "d-1-py3-none-any.whl", "kind": "wheel", "requires_dist": []}]},
        {"version": "0.9", "files": [{"filename": "d-0.9 (sdist)", "kind": "sdist",
                                      "requires_dist": [],
                                      "build_errors_by_python": {"312": "boom"}}]}]},
]}

ENVS = [("e1", ["a"]), ("e2", ["a[fast]"]), ("e3", ["a<2"]), ("e4", ["b==2.5"]),
        ("e5", ["b>=2.1"]), ("e6", ["zzz"]), ("e7", ["a>=2", "b<2"]), ("e8", ["b>=3.0b1"])]

# (env, target) -> (status, {name: version}) expected from the rules
EXPECTED = {
    ("e1", "cp312"): ("resolved", {"a": "2.0", "b": "2.0"}),
    ("e2", "cp312"): ("failed", {}),   # d unusable on 3.12 -> a 2.0 out -> b 1.5 needs d
    ("e3", "cp312"): ("failed", {}),
    ("e4", "cp312"): ("resolved", {"b": "2.5"}),  # yanked, but pinned with ==
    ("e5", "cp312"): ("failed", {}),   # only the yanked 2.5 (and a pre-release not named)
    ("e6", "cp312"): ("failed", {}),
    ("e7", "cp312"): ("failed", {}),
    ("e8", "cp312"): ("resolved", {"b": "3.0b1"}),
    ("e1", "cp311"): ("resolved", {"a": "1.0", "b": "1.5"}),  # no cp311 wheel for b 2.0
    ("e2", "cp311"): ("resolved", {"a": "1.0", "b": "1.5"}),
    ("e3", "cp311"): ("resolved", {"a": "1.0", "b": "1.5"}),
}



def _pure(name, version, *requires, yanked=False):
    r = {"version": version, "files": [{"filename": f"{name}-{version}-py3-none-any.whl",
                                        "kind": "wheel", "requires_dist": list(requires)}]}
    if yanked:
        r["yanked"] = True
    return r


# The index of OptInRulesTest (pipelines/pypa/src/test/.../resolver/OptInRulesTest.java).
OPT_IN_GRAPH = {"format": "pypidb-index/1", "projects": [
    {"name": "b", "releases": [_pure("b", "1.0"), _pure("b", "1.5", yanked=True),
                               _pure("b", "2.0rc1"), _pure("b", "3.0")]},
    {"name": "a", "releases": [_pure("a", "1.0", "b>=1.0")]},
    {"name": "pin", "releases": [_pure("pin", "1.0", "b==1.5")]},
    {"name": "pre", "releases": [_pure("pre", "1.0", "b>=2.0rc1,<3")]},
    {"name": "below3", "releases": [_pure("below3", "1.0", "b<3")]},
    {"name": "mid", "releases": [_pure("mid", "1.0", "b>1.5,<3")]},
    {"name": "c", "releases": [_pure("c", "1.0"), _pure("c", "2.0", "b>=2.0rc1,<3", "ghost")]},
    {"name": "d", "releases": [_pure("d", "1.0"), _pure("d", "2.0b1", yanked=True)]},
    {"name": "e", "releases": [_pure("e", "1.0", "d>=0.5")]},
]}

# requirements -> expected pins (None: no solution), as OptInRulesTest asserts them
OPT_IN_CASES = [
    (["b==1.5"], {"b": "1.5"}), (["b===1.5"], {"b": "1.5"}),
    (["b==1.5", "a"], {"a": "1.0", "b": "1.5"}),
    (["b>=1.0", "pin"], {"b": "1.5", "pin": "1.0"}),
    (["pin"], {"b": "1.5", "pin": "1.0"}),
    (["a"], {"a": "1.0", "b": "3.0"}), (["b<2"], {"b": "1.0"}), (["b>1.0,<2"], None),
    (["b==1.*"], {"b": "1.0"}), (["b==1.5", "pre"], None),
    (["b==2.0rc1"], {"b": "2.0rc1"}), (["b==2.0rc1", "a"], {"a": "1.0", "b": "2.0rc1"}),
    (["b>=2.0rc1,<3", "a"], {"a": "1.0", "b": "2.0rc1"}), (["b>=2.0rc1", "a"], {"a": "1.0", "b": "3.0"}),
    (["b", "pre"], {"b": "2.0rc1", "pre": "1.0"}),
    (["b>1.5,<3"], {"b": "2.0rc1"}), (["mid"], {"b": "2.0rc1", "mid": "1.0"}),
    (["b", "mid"], {"b": "2.0rc1", "mid": "1.0"}),
    (["b>=1.6", "below3"], {"b": "2.0rc1", "below3": "1.0"}),
    (["below3"], {"b": "1.0", "below3": "1.0"}), (["b>=1.6"], {"b": "3.0"}),
    (["c", "b<3"], {"b": "1.0", "c": "1.0"}),
    (["d==2.0b1"], {"d": "2.0b1"}), (["d==2.0b1", "e"], {"d": "2.0b1", "e": "1.0"}),
    (["d>=2.0b1"], None), (["e"], {"d": "1.0", "e": "1.0"}),
]


def check_opt_ins(tmp: str, failures: list) -> None:
    g = os.path.join(tmp, "opt-in.json")
    with open(g, "w") as f:
        json.dump(OPT_IN_GRAPH, f)
    envs = os.path.join(tmp, "opt-in.jsonl")
    with open(envs, "w") as f:
        for n, (reqs, _) in enumerate(OPT_IN_CASES):
            f.write(json.dumps({"id": f"o{n}", "requirements": reqs}) + "\n")
    targets = os.path.join(tmp, "opt-in-targets.txt")
    with open(targets, "w") as f:
        f.write("cp312-manylinux_2_39_x86_64\n")
    out = os.path.join(tmp, "opt-in-rl.jsonl")
    subprocess.run([PY, os.path.join(HERE, "run_resolvelib.py"), g, envs, targets, out],
                   check=True, stderr=subprocess.DEVNULL)
    got = {r["environment"]: r for r in (json.loads(x) for x in open(out))}
    for n, (reqs, want) in enumerate(OPT_IN_CASES):
        r = got[f"o{n}"]
        pins = {p["name"]: p["version"] for p in r["pins"]} if r["status"] == "resolved" else None
        if pins != want:
            failures.append(f"resolvelib opt-in {reqs}: expected {want}, got {pins}")


def main() -> int:
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        check_opt_ins(tmp, failures)
        g = os.path.join(tmp, "g.json")
        with open(g, "w") as f:
            json.dump(GRAPH, f)
        envs = os.path.join(tmp, "envs.jsonl")
        with open(envs, "w") as f:
            for eid, reqs in ENVS:
                f.write(json.dumps({"id": eid, "requirements": reqs}) + "\n")
        targets = os.path.join(tmp, "targets.txt")
        with open(targets, "w") as f:
            f.write("cp312-manylinux_2_39_x86_64\ncp311-manylinux_2_39_x86_64\n")
        out = os.path.join(tmp, "rl.jsonl")
        subprocess.run([PY, os.path.join(HERE, "run_resolvelib.py"), g, envs, targets, out],
                       check=True, stderr=subprocess.DEVNULL)
        rows = [json.loads(x) for x in open(out)]
        for r in rows:
            k = (r["environment"], r["target"][:5])
            if k in EXPECTED:
                st, pins = EXPECTED[k]
                got = (r["status"], {p["name"]: p["version"] for p in r["pins"]})
                if got != (st, pins):
                    failures.append(f"resolvelib {k}: expected {(st, pins)}, got {got}")
        # fake pypidb side: the same answers, with two planted differences
        fake = os.path.join(tmp, "pypidb.jsonl")
        with open(fake, "w") as f:
            for r in rows:
                pins = [dict(p) for p in r["pins"]]
                status = r["status"]
                if r["environment"] == "e1" and r["target"].startswith("cp312"):
                    pins[1]["filename"] = ("b-2.0-cp312-cp312-manylinux_2_17_x86_64"
                                           ".manylinux2014_x86_64.whl")
                if r["environment"] == "e3" and r["target"].startswith("cp311"):
                    status, pins = "failed", []
                for p in pins:
                    if p["provider"] == "sdist":
                        p["filename"] = None  # as pypidb writes deps-db sdist pins
                f.write(json.dumps({
                    "environment": r["environment"], "target": r["target"], "status": status,
                    "failure_category": None if status == "resolved" else "conflict",
                    "explanation": "planted", "steps": "3", "micros": "100",
                    "pins_json": json.dumps(pins)}) + "\n")
        report = os.path.join(tmp, "report.md")
        dj = os.path.join(tmp, "d.json")
        subprocess.run([PY, os.path.join(HERE, "compare.py"), fake, out, g, report,
                        "--json-out=" + dj], check=True, stdout=subprocess.DEVNULL)
        counts = json.load(open(dj))["counts"]
        want = {
            "other-pins: pypidb solution violates the reference rules": 1,
            "only-resolvelib-resolved: valid solution pypidb missed (suspected pypidb bug)": 1,
        }
        for c, n in want.items():
            if counts.get(c) != n:
                failures.append(f"compare: class {c!r}: expected {n}, got {counts.get(c)}")
        agreeing = counts.get("agree-resolved-same-pins", 0) + counts.get("agree-failed", 0)
        if agreeing != len(rows) - 2:
            failures.append(f"compare: {agreeing} agreeing pairs, expected {len(rows) - 2}: {counts}")
    for f in failures:
        print("FAIL", f)
    print("self_test:", "ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
