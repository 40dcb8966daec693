#!/usr/bin/env python3
"""Compare the oracle's results with `pypidb eval`'s, line by line.

Usage:  python3 compare.py EXPECTED.jsonl ACTUAL.jsonl [--inputs=INPUTS.jsonl]
            [--report=OUT.md] [--examples=N] [--lenient-errors]

Both files must have the same number of lines; line i of each answers input
line i.  Agreement is counted per op and per result field, with strict JSON
equality (true is not 1, 1 is not 1.0).  Any two `{"error": ...}` objects
agree, whatever their messages.

Disagreements that the contract deliberately allows are counted as "justified"
and do not fail the run:

  nested-extra   packaging 26.2 canonicalizes (PEP 685) only the `extra`
                 comparisons at the top level of a marker and leaves those inside
                 parentheses as written; pypidb canonicalizes all of them.  A
                 `requirement`/`marker` line is justified when the expected answer,
                 recomputed with every extra comparison canonicalized, equals the
                 actual answer.  Needs --inputs.

--lenient-errors makes any two non-null `error` fields agree (the texts of
packaging's messages, with their caret diagrams and Python reprs, are reported
but not required).

The op of each line is read from --inputs, or inferred from the expected
result's fields.  Exit status: 0 when every unjustified field agrees, 1 when
something disagrees (or the line counts differ), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Iterator

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import oracle  # noqa: E402
from packaging import markers  # noqa: E402
from packaging.markers import Marker  # noqa: E402
from packaging.requirements import Requirement  # noqa: E402

ERROR_OBJECT = "(error object)"  # pseudo-field: one side answered {"error": ...} only
UNPARSEABLE = "(not JSON)"
MISSING = object()
EXAMPLE_TEXT_LIMIT = 600


# ----------------------------------------------------------------------------
# Equality and shapes
# ----------------------------------------------------------------------------


def same(a: Any, b: Any) -> bool:
    """Strict JSON equality: Python's == says True == 1 == 1.0, JSON does not."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def is_error_object(result: Any) -> bool:
    return isinstance(result, dict) and list(result) == ["error"]


_SIGNATURES = [
    ("canonical", "name"), ("epoch", "version"), ("extras", "requirement"),
    ("build", "wheel"), ("compatible", "compatible"), ("tags", "tags"),
]


def infer_op(expected: Any) -> str:
    """Name the op of a result from its fields (when no inputs file is given)."""
    if not isinstance(expected, dict) or is_error_object(expected):
        return "(error)"
    for key, op in _SIGNATURES:
        if key in expected:
            return op
    if "normalized" in expected:
        return "specifier"
    if "valid" in expected:
        return "marker"
    if "result" in expected:
        return "compare" if type(expected["result"]) is int else "contains"
    return "(unknown)"


def field_differences(expected: Any, actual: Any, lenient_errors: bool) -> tuple[list[str], int]:
    """Fields that disagree, and how many `error` fields differ only in wording."""
    if is_error_object(expected) and is_error_object(actual):
        return [], 0
    if not isinstance(actual, dict):
        return [UNPARSEABLE], 0
    if is_error_object(expected) or is_error_object(actual):
        return [ERROR_OBJECT], 0
    differing, reworded = [], 0
    for key in dict.fromkeys([*expected, *actual]):
        a, b = expected.get(key, MISSING), actual.get(key, MISSING)
        if a is not MISSING and b is not MISSING and same(a, b):
            continue
        if key == "error" and isinstance(a, str) and isinstance(b, str):
            reworded += 1
            if lenient_errors:
                continue
        differing.append(key)
    return differing, reworded


def all_fields(result: Any) -> list[str]:
    if not isinstance(result, dict) or is_error_object(result):
        return [ERROR_OBJECT]
    return list(result)


# ----------------------------------------------------------------------------
# Justified differences
# ----------------------------------------------------------------------------


def canonicalize_all_extras(tree: list) -> list:
    """A marker tree with every `extra` comparison canonicalized, nested or not."""
    return [
        canonicalize_all_extras(node) if isinstance(node, list) else markers._normalize_extras(node)
        for node in tree
    ]


def pep685_requirement(text: str) -> dict:
    expected = oracle.op_requirement(text)
    if expected["valid"] and expected["marker"] is not None:
        marker = Requirement(text).marker
        expected["marker"] = str(Marker._from_markers(canonicalize_all_extras(marker._markers)))
    return expected


def pep685_marker(text: str, environment: dict) -> dict:
    marker = oracle.parse_marker(text)
    if isinstance(marker, Exception):
        return oracle.op_marker(text, environment)
    return oracle.evaluate_marker_tree(canonicalize_all_extras(marker._markers), environment)


def justification(op: str, request: Any, actual: Any, lenient_errors: bool) -> str | None:
    """The name of the documented difference that explains this line, if any."""
    if not isinstance(request, dict):
        return None
    try:
        if op == "requirement":
            recomputed = pep685_requirement(request["requirement"])
        elif op == "marker":
            recomputed = pep685_marker(request["marker"], request.get("environment", {}))
        else:
            return None
    except Exception:  # noqa: BLE001 - a malformed request is simply not justified
        return None
    if not field_differences(recomputed, actual, lenient_errors)[0]:
        return "nested-extra"
    return None


# ----------------------------------------------------------------------------
# Tallying
# ----------------------------------------------------------------------------


@dataclass
class Example:
    line: int
    request: str
    expected: Any
    actual: Any


@dataclass
class OpTally:
    lines: int = 0
    agree: int = 0
    disagree: int = 0
    justified: int = 0
    field_lines: collections.Counter = field(default_factory=collections.Counter)
    field_disagree: collections.Counter = field(default_factory=collections.Counter)
    reworded_errors: int = 0


class Tally:
    def __init__(self, examples: int) -> None:
        self.examples_per_key = examples
        self.ops: dict[str, OpTally] = collections.defaultdict(OpTally)
        self.examples: dict[tuple[str, str], list[Example]] = collections.defaultdict(list)
        self.justified_examples: dict[tuple[str, str], list[Example]] = collections.defaultdict(list)

    def add(self, number: int, op: str, request_text: str, request: Any, expected: Any,
            actual_text: str, identical: bool, lenient_errors: bool) -> None:
        tally = self.ops[op]
        tally.lines += 1
        for key in all_fields(expected):
            tally.field_lines[key] += 1
        if identical:  # byte-equal lines agree; skip parsing the actual side
            tally.agree += 1
            return
        actual = parse_json(actual_text)
        differing, reworded = field_differences(expected, actual, lenient_errors)
        tally.reworded_errors += reworded
        if not differing:
            tally.agree += 1
            return
        reason = justification(op, request, actual, lenient_errors)
        if reason is not None:
            tally.justified += 1
            self._keep(self.justified_examples[op, reason], number, request_text, expected, actual)
            return
        tally.disagree += 1
        shown = actual_text if actual is UNPARSEABLE else actual
        for key in differing:
            tally.field_disagree[key] += 1
            self._keep(self.examples[op, key], number, request_text, expected, shown)

    def _keep(self, bucket: list, number: int, request_text: str, expected: Any, actual: Any) -> None:
        if len(bucket) < self.examples_per_key:
            bucket.append(Example(number, request_text, expected, actual))

    @property
    def failed(self) -> bool:
        return any(t.disagree for t in self.ops.values())


# ----------------------------------------------------------------------------
# Reading
# ----------------------------------------------------------------------------


def count_lines(path: str) -> int:
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return UNPARSEABLE


def read_lines(path: str) -> Iterator[str]:
    """Lines split on "\\n" only (U+2028 and friends are ordinary characters)."""
    with open(path, "rb") as f:
        for raw in f:
            yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def read_requests(path: str | None) -> Iterator[tuple[str, Any]]:
    """Input lines as the evaluator sees them: blank lines produce no result."""
    if path is None:
        while True:
            yield "", None
    for text in read_lines(path):
        if text.strip():
            yield text, parse_json(text)


def request_op(request: Any, expected: Any) -> str:
    if isinstance(request, dict) and isinstance(request.get("op"), str):
        return request["op"] if request["op"] in oracle.OPS else "(unknown op)"
    if request is None:
        return infer_op(expected)
    return "(malformed)"


# ----------------------------------------------------------------------------
# Reporting
# ----------------------------------------------------------------------------


def percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.3f}%" if whole else "-"


def shorten(value: Any, raw: bool = False) -> str:
    """A value as JSON (a request line as is), cut to a readable length."""
    text = value if raw else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= EXAMPLE_TEXT_LIMIT else text[:EXAMPLE_TEXT_LIMIT] + " ..."


def describe_field(expected: Any, actual: Any, key: str) -> list[str]:
    """The two values of one field, plus where two lists first part ways."""
    if key in (ERROR_OBJECT, UNPARSEABLE):  # for UNPARSEABLE, `actual` is the raw line
        return [f"    expected: {shorten(expected)}",
                f"    actual:   {shorten(actual, raw=key == UNPARSEABLE)}"]
    a = expected.get(key, "(absent)") if isinstance(expected, dict) else "(absent)"
    b = actual.get(key, "(absent)") if isinstance(actual, dict) else "(absent)"
    lines = [f"    expected: {shorten(a)}", f"    actual:   {shorten(b)}"]
    if isinstance(a, list) and isinstance(b, list):
        index = next((i for i, (x, y) in enumerate(zip(a, b)) if not same(x, y)), min(len(a), len(b)))
        lines.append(f"    lists differ first at index {index} (lengths {len(a)} / {len(b)})")
    return lines


def summary_table(tally: Tally) -> list[str]:
    rows = [("op", "lines", "agree", "disagree", "justified", "agree %")]
    totals = [0, 0, 0, 0]
    for op in sorted(tally.ops):
        t = tally.ops[op]
        rows.append((op, f"{t.lines:,}", f"{t.agree:,}", f"{t.disagree:,}", f"{t.justified:,}",
                     percent(t.agree + t.justified, t.lines)))
        for i, value in enumerate((t.lines, t.agree, t.disagree, t.justified)):
            totals[i] += value
    rows.append(("total", *(f"{v:,}" for v in totals), percent(totals[1] + totals[3], totals[0])))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        for row in rows
    ]


def field_table(tally: Tally) -> list[str]:
    lines = ["| op | field | lines | agree | disagree | agree % |", "|---|---|---:|---:|---:|---:|"]
    for op in sorted(tally.ops):
        t = tally.ops[op]
        for key in sorted(set(t.field_lines) | set(t.field_disagree)):
            total = t.field_lines[key]
            bad = t.field_disagree[key]
            lines.append(f"| {op} | {key} | {total:,} | {total - bad:,} | {bad:,} | "
                         f"{percent(total - bad, total)} |")
    return lines


def example_lines(examples: dict, heading: str, with_field: bool) -> list[str]:
    out = []
    for (op, key), bucket in sorted(examples.items()):
        out.append(f"{heading} {op} / {key}:" if with_field else f"{heading} {op} ({key}):")
        for ex in bucket:
            out.append(f"  line {ex.line}: {shorten(ex.request, raw=True)}")
            if with_field:
                out.extend(describe_field(ex.expected, ex.actual, key))
            else:
                out.append(f"    expected: {shorten(ex.expected)}")
                out.append(f"    actual:   {shorten(ex.actual)}")
    return out


def markdown_report(tally: Tally, args: argparse.Namespace) -> str:
    parts = [
        "# Differential test: packaging 26.2 oracle vs pypidb eval", "",
        f"- expected: `{args.expected}`", f"- actual: `{args.actual}`",
        f"- inputs: `{args.inputs}`" if args.inputs else "- inputs: (ops inferred)",
        f"- lenient errors: {args.lenient_errors}", "",
        "## Summary", "", "```", *summary_table(tally), "```", "",
        "## Per field", "", *field_table(tally), "",
    ]
    reworded = {op: t.reworded_errors for op, t in tally.ops.items() if t.reworded_errors}
    if reworded:
        parts += ["## Error messages worded differently (both sides report an error)", ""]
        parts += [f"- {op}: {n:,}" for op, n in sorted(reworded.items())] + [""]
    parts += ["## Disagreements", "", "```",
              *(example_lines(tally.examples, "-", True) or ["(none)"]), "```", ""]
    parts += ["## Justified differences", "",
              "nested-extra: packaging 26.2 canonicalizes only top-level `extra` comparisons "
              "(PEP 685); pypidb canonicalizes nested ones too.", "", "```",
              *(example_lines(tally.justified_examples, "-", False) or ["(none)"]), "```", ""]
    return "\n".join(parts)


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------


def compare_files(expected_path: str, actual_path: str, inputs_path: str | None,
                  examples: int, lenient_errors: bool) -> Tally:
    """Tally every line of two result files (of equal length)."""
    tally = Tally(examples)
    rows = zip(read_requests(inputs_path), read_lines(expected_path), read_lines(actual_path))
    for number, ((request_text, request), expected_text, actual_text) in enumerate(rows, 1):
        expected = parse_json(expected_text)
        op = request_op(request, expected)
        tally.add(number, op, request_text, request, expected, actual_text,
                  expected_text == actual_text, lenient_errors)
    return tally


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("expected")
    parser.add_argument("actual")
    parser.add_argument("--inputs", help="the input file, to name ops and check justifications")
    parser.add_argument("--report", help="write a Markdown report here")
    parser.add_argument("--examples", type=int, default=5, help="examples per (op, field)")
    parser.add_argument("--lenient-errors", action="store_true",
                        help="any two non-null `error` fields agree")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    expected_count, actual_count = count_lines(args.expected), count_lines(args.actual)
    if expected_count != actual_count:
        print(f"compare.py: line counts differ: expected {expected_count:,}, "
              f"actual {actual_count:,}", file=sys.stderr)
        return 1

    if args.inputs:
        with open(args.inputs, "rb") as f:
            request_count = sum(1 for raw in f if raw.decode("utf-8", "replace").strip())
        if request_count != expected_count:
            print(f"compare.py: {request_count:,} non-blank input lines but "
                  f"{expected_count:,} results", file=sys.stderr)
            return 1

    tally = compare_files(args.expected, args.actual, args.inputs, args.examples, args.lenient_errors)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write(markdown_report(tally, args))
    for line in example_lines(tally.examples, "disagreement:", True):
        print(line)
    for line in example_lines(tally.justified_examples, "justified:", False):
        print(line)
    print()
    for line in summary_table(tally):
        print(line)
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
