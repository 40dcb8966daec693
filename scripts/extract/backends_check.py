#!/usr/bin/env python3
"""pypidb's static extraction of sdists built by real build backends, end to end, against the
wheels the same backends built from those sdists.

Usage: scripts/extract/backends_check.py OUTDIR TABLES

OUTDIR is what scripts/extract/build-backend-sdists.sh wrote (projects.tsv, dist/, pywheels/);
TABLES a `pypidb normalize` output of OUTDIR/dist. For each sdist and python key, the
`sdist_metadata` row of provenance `archives` (status, method) and its `requirements` rows are
compared with the ground truth: the Requires-Dist and Requires-Python of the wheel the backend
built from that sdist, read here from the wheel file with packaging (independently of pypidb).

Which wheel is the truth for a key: a project whose setup.py computes its requirements from the
running Python lists a wheel per python key in projects.tsv's last column (its main wheel, and
one built by each other CPython found); each is the truth for its own key only, and its other
keys are not checked. Every other project declares
its requirements statically, with environment markers carrying any difference between Pythons,
so its one wheel is the truth for every key.

Requirements compare as sets of canonical strings: name canonical, extras and specifiers
sorted, and the marker as the set of its top-level `and` terms with `extra == "x"` taken out;
ours are the setup() shape (install_requires, extras_require keys "extra:marker", the
":marker" sections setuptools' finalization makes folded back into markers), the wheel's are
Requires-Dist lines. Requires-Python compares as a specifier set. The extras (names with no
requirement included) compare with the wheel's Provides-Extra, canonically.

A difference is a failure unless EXCEPTIONS documents exactly it (and an exception that no
longer occurs is a failure too, so the list stays true). Prints a table; exit status 1 on any
failure.
"""
import collections
import json
import os
import sys
import tarfile
import zipfile
from email.parser import HeaderParser

from packaging.markers import Marker, _format_marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_check import sql_rows  # noqa: E402

KEYS = ["27", "35", "36", "37", "38", "39", "310", "311", "312", "313", "314"]

# Differences that are not pypidb's: each names the exact problems it allows, on which keys.
EXCEPTIONS = {
    "pypi-hatchling-build-hook": {
        "keys": KEYS,
        "problems": ["only in the wheel: cffi>=1.15"],
        "why": "a hatchling wheel build hook adds cffi>=1.15 (build_data['dependencies']) to the wheel's "
               "METADATA only; the sdist's PKG-INFO (Metadata 2.5) lists Requires-Dist without it and does not "
               "mark it Dynamic: the sdist breaks PEP 643. pkg-info trusts the PKG-INFO, as PEP 643 allows; "
               "nothing in the sdist but the hook's code says otherwise.",
    },
    "pypi-poetry2-legacy": {
        "keys": KEYS,
        "problems": ["only in the wheel: INVALID click (>=7.1,<8.0 || >=8.0,<9.0)", "only ours: click<9.0,>=7.1"],
        "why": "poetry-core 2.5 writes click = \"^8.0 || ^7.1\" as 'click (>=7.1,<8.0 || >=8.0,<9.0)' in PKG-INFO and "
               "in the wheel: not PEP 508 (packaging rejects it, so installers do). It no longer merges the two "
               "ranges because its '<8.0' now excludes 8.0's pre-releases. pkg-info reports the line unresolved "
               "and the pyproject reader answers as poetry-core 1 wrote it, 'click (>=7.1,<9.0)': the same "
               "versions except 8.0's pre-releases.",
    },
    "pypi-hatchling-dynamic-unfilled": {
        "keys": KEYS,
        "problems": ["status unresolved"],
        "why": "project.dynamic names optional-dependencies and requires-python but no metadata hook fills "
               "them: hatchling marks Requires-Dist, Provides-Extra and Requires-Python Dynamic and writes them "
               "empty. pypidb does not infer that no hook exists (one can be configured in hatch.toml or come "
               "from a plugin) and answers unresolved, naming the dynamic fields: no answer, not a wrong one.",
    },
}


def marker_terms(markers, terms, extras):
    """The top-level `and` terms of packaging's parsed marker list, nested all-`and` groups
    flattened; `extra == "x"` terms go to extras."""
    if "or" in markers:
        names = [extra_name(item) for item in markers if item != "or"]
        if "and" not in markers and all(names):
            extras.update(names)  # extra == "a" or extra == "b": the requirement in each extra
        else:
            terms.add(_format_marker(markers))
        return
    for item in markers:
        if item == "and":
            continue
        if isinstance(item, list):
            marker_terms(item, terms, extras)
        elif extra_name(item):
            extras.add(extra_name(item))
        else:
            terms.add(_format_marker([item]))


def extra_name(item):
    """The canonical extra of an `extra == "x"` comparison, else None."""
    if not isinstance(item, tuple):
        return None
    lhs, op, rhs = (str(x) for x in item)
    if op != "==" or "extra" not in (lhs, rhs):
        return None
    return canonicalize_name(rhs if lhs == "extra" else lhs)


def canonical(text, extra=None, key_marker=None):
    """One canonical string per (requirement, extra)."""
    try:
        req = Requirement(text.strip())
    except InvalidRequirement:
        return {"INVALID " + text.strip()}
    terms, extras = set(), set()
    if key_marker:
        marker_terms(Marker(key_marker)._markers, terms, extras)
    if req.marker is not None:
        marker_terms(req.marker._markers, terms, extras)
    if extra:
        extras.add(canonicalize_name(extra))
    base = canonicalize_name(req.name)
    if req.extras:
        base += "[%s]" % ",".join(sorted(canonicalize_name(e) for e in req.extras))
    if req.url:
        base += " @ " + req.url
    elif req.specifier:
        base += ",".join(sorted(str(s) for s in req.specifier))
    tail = " and ".join(sorted(terms))
    return {base + ("; " + tail if tail else "") + (" [extra %s]" % e if e else "") for e in (extras or {""})}


def from_setup_shape(install, extras):
    out = set()
    for r in install:
        out |= canonical(r)
    for key, reqs in extras.items():
        extra, _, when = key.partition(":")
        for r in reqs:
            out |= canonical(r, extra.strip() or None, when.strip() or None)
    return out


def from_requires_dist(lines):
    out = set()
    for r in lines:
        out |= canonical(r)
    return out


def same_python(a, b):
    if not a or not b:
        return not a and not b
    return SpecifierSet(a) == SpecifierSet(b)


def wheel_metadata(path):
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        return HeaderParser().parsestr(z.read(name).decode("utf-8"))


def sdist_pkg_info(path):
    with tarfile.open(path) as t:
        member = next(m for m in t.getmembers() if m.name.count("/") == 1 and m.name.endswith("/PKG-INFO"))
        return HeaderParser().parsestr(t.extractfile(member).read().decode("utf-8"))


def truth(meta):
    return {
        "requires": from_requires_dist(meta.get_all("Requires-Dist") or []),
        "python": meta.get("Requires-Python"),
        "extras": {canonicalize_name(e) for e in meta.get_all("Provides-Extra") or []},
    }


def problems(ours, want):
    out = []
    if ours["status"] != "ok":
        return ["status " + ours["status"]]
    have = from_setup_shape(ours["install"], ours["extras"])
    for r in sorted(want["requires"] - have):
        out.append("only in the wheel: " + r)
    for r in sorted(have - want["requires"]):
        out.append("only ours: " + r)
    if not same_python(ours["python_requires"], want["python"]):
        out.append("python_requires: ours %s, wheel %s" % (ours["python_requires"], want["python"]))
    extras = {canonicalize_name(k.partition(":")[0]) for k in ours["extras_keys"] if k.partition(":")[0].strip()}
    if extras != want["extras"]:
        out.append("extras: ours %s, wheel Provides-Extra %s" % (sorted(extras), sorted(want["extras"])))
    return out


def main():
    outdir, tables = sys.argv[1:3]
    projects = []
    with open(os.path.join(outdir, "projects.tsv")) as f:
        for line in f:
            name, pset, backend, python, sdist, wheel, extra = line.rstrip("\n").split("\t")
            wheels = dict(kv.split("=", 1) for kv in extra.split(",") if kv)
            projects.append(dict(name=name, set=pset, backend=backend, python=python, sdist=sdist, wheel=wheel,
                                 wheels=wheels))
    meta = sql_rows(tables, "SELECT filename, python_keys[1] AS key, status, method, reason, requirements_source, "
                            "to_json(python_requires) AS python_requires, to_json(extras_keys) AS extras_keys, "
                            "to_json(field_methods) AS field_methods FROM sdist_metadata WHERE provenance = 'archives'")
    reqs = sql_rows(tables, "SELECT sdist_filename, source, kind, raw, extras_key FROM requirements "
                            "ORDER BY sdist_filename, source, kind, extras_key, position")
    by_source = collections.defaultdict(list)
    for r in reqs:
        by_source[(r["sdist_filename"], r["source"])].append(r)
    ours = {}
    for m in meta:
        rows = by_source.get((m["filename"], m["requirements_source"]), [])
        extras = collections.OrderedDict()
        for r in rows:
            if r["kind"] == "extras_require":
                extras.setdefault(r["extras_key"], []).append(r["raw"])
        python = json.loads(m["python_requires"]) if m["python_requires"] else None
        ours[(m["filename"], m["key"])] = dict(
            status=m["status"], method=m["method"], reason=m["reason"],
            install=[r["raw"] for r in rows if r["kind"] == "install_requires"], extras=extras,
            python_requires=",".join(python) if python else None,
            extras_keys=json.loads(m["extras_keys"]) if m["extras_keys"] else [],
            field_methods=json.loads(m["field_methods"]) if m["field_methods"] else [])

    failures, lines, details = [], [], []
    counts = collections.Counter()
    for p in projects:
        name, sdist = p["name"], os.path.basename(p["sdist"])
        pkg = sdist_pkg_info(os.path.join(outdir, p["sdist"]))
        dynamic = ",".join(d.lower() for d in pkg.get_all("Dynamic") or []) or "-"
        main_truth = truth(wheel_metadata(os.path.join(outdir, p["wheel"])))
        # pypidb's own wheel rows against the wheel file, as a consistency check.
        wheel_rows = [r["raw"] for r in by_source.get((None, os.path.basename(p["wheel"])), [])]
        if from_requires_dist(wheel_rows) != main_truth["requires"]:
            failures.append(name)
            details.append("  %s: pypidb's requirements rows of %s differ from its METADATA" % (name, p["wheel"]))
        if p["wheels"]:
            truths = {k: truth(wheel_metadata(os.path.join(outdir, w))) for k, w in p["wheels"].items()}
        else:
            truths = {k: main_truth for k in KEYS}
        exc = EXCEPTIONS.get(name)
        agree, checked, excepted, bad = 0, 0, 0, []
        for k in KEYS:
            mine = ours.get((sdist, k))
            if mine is None:
                bad.append((k, ["no sdist_metadata row of provenance archives"]))
                continue
            if k not in truths:
                continue
            checked += 1
            found = problems(mine, truths[k])
            if not found:
                agree += 1
            elif exc and k in exc["keys"] and found == exc["problems"]:
                excepted += 1
            else:
                bad.append((k, found))
        if exc and excepted == 0:
            bad.append(("-", ["documented exception no longer occurs: " + exc["why"]]))
        m311 = ours.get((sdist, "311"), {})
        others = sorted({fm.split("=", 1)[1] for fm in m311.get("field_methods", [])} - {m311.get("method")})
        method = "+".join([m311.get("method") or "-"] + others)
        verdict = "agrees" if not bad and not excepted else ("exception" if not bad else "DIFFERS")
        counts[verdict] += 1
        counts["checked"] += checked
        counts["agree"] += agree
        counts["excepted"] += excepted
        lines.append((name, p["backend"], pkg.get("Metadata-Version"), dynamic, method,
                      m311.get("status", "-"), "%d/%d" % (agree, checked), verdict))
        for k, found in bad:
            failures.append(name)
            details.append("  %s [key %s]: %s (ours: %s %s)" % (
                name, k, "; ".join(found), ours.get((sdist, k), {}).get("status"),
                ours.get((sdist, k), {}).get("reason") or ""))
        if excepted:
            details.append("  %s: %d keys differ as documented: %s -- %s" % (
                name, excepted, "; ".join(exc["problems"]), exc["why"]))

    header = ("sdist", "backend", "MV", "Dynamic (PKG-INFO)", "method (key 311)", "status", "keys agree", "result")
    widths = [max(len(str(r[i])) for r in lines + [header]) for i in range(len(header))]
    fmt = "  ".join("%%-%ds" % w for w in widths)
    print(fmt % header)
    for r in lines:
        print(fmt % r)
    print("\n%d sdists: %d agree on every checked key, %d differ only as documented, %d differ" % (
        len(lines), counts["agrees"], counts["exception"], counts["DIFFERS"]))
    print("(sdist, python key) pairs with a ground truth: %d; agree %d, differ as documented %d, differ %d" % (
        counts["checked"], counts["agree"], counts["excepted"], counts["checked"] - counts["agree"] - counts["excepted"]))
    if details:
        print("\n" + "\n".join(details))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
