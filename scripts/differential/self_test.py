#!/usr/bin/env python3
"""Self-test of the harness itself: no corpus and no Java needed.

Builds inputs from the hand-written cases alone, answers them with the oracle,
then checks that compare.py
  * finds no difference between the oracle's output and itself;
  * finds each deliberate alteration of a copy (a changed value, `true` turned
    into `1`, a re-ordered tag list, a missing field, an unparseable line, a
    reworded error message) and only those;
  * counts pypidb's documented PEP 685 behaviour (nested `extra` comparisons
    canonicalized) as justified, not as a failure;
  * lets two differently worded {"error": ...} objects agree;
  * refuses files whose line counts differ.

Usage:  python3 self_test.py        (exit status 0 when every check passes)
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import compare  # noqa: E402
import oracle  # noqa: E402
import tricky_cases as cases  # noqa: E402
from make_inputs import marker_environments  # noqa: E402


def tricky_inputs() -> list[dict]:
    """One op per hand-written case (markers in every environment)."""
    ops = [{"op": "name", "name": n} for n in cases.NAMES]
    ops += [{"op": "version", "version": v} for v in cases.VERSIONS]
    ops += [{"op": "compare", "a": a, "b": b} for a in cases.COMPARE_VERSIONS[:8] for b in cases.VERSIONS[:8]]
    ops += [{"op": "specifier", "specifier": s} for s in cases.SPECIFIERS]
    ops += [{"op": "contains", "specifier": s, "version": v, "prereleases": p}
            for s, v in cases.CONTAINS for p in (None, True, False)]
    ops += [{"op": "requirement", "requirement": r} for r in cases.REQUIREMENTS]
    ops += [{"op": "marker", "marker": m, "environment": e}
            for m in cases.MARKERS for e in marker_environments() + cases.EXTRA_ENVIRONMENTS]
    ops += [{"op": "wheel", "filename": w} for w in cases.WHEELS]
    ops += [{"op": "tags", "target": t} for t in cases.TARGETS + cases.INVALID_TARGETS]
    ops += [{"op": "compatible", "filename": w, "target": t} for w in cases.WHEELS for t in cases.TARGETS[::9]]
    return ops


def dump(path: str, rows: list) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(row if isinstance(row, str) else json.dumps(row, ensure_ascii=False, separators=(",", ":")))
            f.write("\n")


def run_compare(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = compare.main(list(args))
    return status, out.getvalue()


def pypidb_like(requests: list[dict], expected: list[dict]) -> list[dict]:
    """The oracle's answers with pypidb's documented PEP 685 behaviour applied."""
    actual = []
    for request, result in zip(requests, expected):
        if request["op"] == "requirement":
            result = compare.pep685_requirement(request["requirement"])
        elif request["op"] == "marker":
            result = compare.pep685_marker(request["marker"], request["environment"])
        actual.append(result)
    return actual


def first(requests: list[dict], expected: list, predicate) -> int:
    return next(i for i, (q, r) in enumerate(zip(requests, expected)) if predicate(q, r))


def alter(requests: list[dict], actual: list) -> dict[str, tuple[str, str]]:
    """Plant one difference of each kind; returns {description: (op, field)}."""
    planted = {}
    i = first(requests, actual, lambda q, r: q["op"] == "version" and r["valid"])
    actual[i] = {**actual[i], "normalized": actual[i]["normalized"] + ".0"}
    planted["changed value"] = ("version", "normalized")
    i = first(requests, actual, lambda q, r: q["op"] == "name" and r["valid"] is True)
    actual[i] = {**actual[i], "valid": 1}
    planted["true written as 1"] = ("name", "valid")
    i = first(requests, actual, lambda q, r: q["op"] == "tags" and "tags" in r and "linux" in q["target"])
    tags = actual[i]["tags"]
    actual[i] = {"tags": [t for t in tags if "-linux_" not in t] + [t for t in tags if "-linux_" in t]}
    planted["packaging 26.2 tag order"] = ("tags", "tags")
    i = first(requests, actual, lambda q, r: q["op"] == "wheel" and r["valid"])
    actual[i] = {k: v for k, v in actual[i].items() if k != "build"}
    planted["missing field"] = ("wheel", "build")
    i = first(requests, actual, lambda q, r: q["op"] == "compatible" and r.get("compatible"))
    actual[i] = "{not json"
    planted["unparseable line"] = ("compatible", compare.UNPARSEABLE)
    i = first(requests, actual, lambda q, r: q["op"] == "requirement" and not r["valid"])
    actual[i] = {**actual[i], "error": "some other wording"}
    planted["reworded error field"] = ("requirement", "error")
    i = first(requests, actual, lambda q, r: q["op"] == "tags" and "error" in r)
    actual[i] = {"error": "a different message"}  # must still agree
    return planted


def check(condition: bool, message: str, failures: list[str]) -> None:
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def main() -> int:
    failures: list[str] = []
    requests = tricky_inputs()
    expected = [oracle.answer(json.dumps(q)) for q in requests]
    actual = pypidb_like(requests, expected)
    planted = alter(requests, actual)

    with tempfile.TemporaryDirectory() as tmp:
        paths = {name: os.path.join(tmp, name + ".jsonl") for name in ("in", "exp", "act", "short")}
        dump(paths["in"], requests)
        dump(paths["exp"], expected)
        dump(paths["act"], actual)
        dump(paths["short"], expected[:-1])
        status, _ = run_compare(paths["exp"], paths["exp"], "--inputs", paths["in"])
        check(status == 0, f"oracle vs itself agrees ({len(requests)} lines)", failures)

        report = os.path.join(tmp, "report.md")
        status, output = run_compare(paths["exp"], paths["act"], "--inputs", paths["in"],
                                     "--report", report, "--examples", "50")
        check(status == 1, "altered copy fails", failures)
        for description, (op, key) in planted.items():
            check(f"disagreement: {op} / {key}:" in output, f"finds the {description} ({op}.{key})", failures)
        lines = [line for line in output.splitlines() if line.startswith("disagreement:")]
        check(len(lines) == len(planted), f"reports nothing else ({len(lines)} fields differ)", failures)
        tally = compare.compare_files(paths["exp"], paths["act"], paths["in"], 1, True)
        justified = sum(t.justified for t in tally.ops.values())
        check(justified > 0 and "justified: requirement (nested-extra)" in output
              and "justified: marker (nested-extra)" in output,
              f"nested extra comparisons counted as justified ({justified} lines)", failures)
        check(os.path.getsize(report) > 0, "writes the Markdown report", failures)

        status, output = run_compare(paths["exp"], paths["act"], "--inputs", paths["in"], "--lenient-errors")
        check("disagreement: requirement / error:" not in output, "--lenient-errors accepts reworded errors", failures)

        status, output = run_compare(paths["exp"], paths["act"])
        check(status == 1 and "disagreement: version / normalized:" in output,
              "without --inputs ops are inferred", failures)

        status, output = run_compare(paths["exp"], paths["short"])
        check(status == 1 and "line counts differ" in output, "refuses different line counts", failures)

    print(f"\n{'all checks passed' if not failures else f'{len(failures)} check(s) failed'}")
    return 1 if failures else 0



if __name__ == "__main__":
    sys.exit(main())
