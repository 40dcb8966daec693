#!/usr/bin/env python3
"""Compares pypidb's static sdist extraction with what mach-nix's crawler recorded.

Usage: scripts/extract/oracle_check.py TABLES ORACLE_JSONL [--placeholders=FILE] [--json OUT]

TABLES is a normalize output of the archives in ../shared/corpus/sdists/archives;
ORACLE_JSONL is ../shared/corpus/sdists/oracle.jsonl (per archive and python key, the crawler's
install_requires, extras_require, python_requires, or its error).

Requirements are compared as sets of canonical requirements, computed here with packaging
(independently of pypidb): install_requires entries and extras_require entries flattened to
one requirement each with its extra and marker conditions and-ed into the marker, so an inline
marker and a ':marker' section compare equal. python_requires compares as a normalized
specifier set.
"""
import collections
import json
import os
import subprocess
import sys

from packaging.markers import Marker
from packaging.requirements import Requirement, InvalidRequirement
from packaging.specifiers import SpecifierSet, InvalidSpecifier
from packaging.utils import canonicalize_name

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def sql_rows(tables, query):
    """Rows of a DuckDB query over the tables, through `scripts/pypidb sql --format=json`
    (one JSON object of strings per row; list columns are selected as to_json text)."""
    out = subprocess.run([os.path.join(ROOT, "scripts", "pypidb"), "sql", "--tables=" + tables, "--format=json",
                          query], check=True, stdout=subprocess.PIPE, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def canonical_requirement(text, extra=None, when=None):
    """One requirement as a comparable string, its extra/marker conditions merged."""
    try:
        req = Requirement(text)
    except InvalidRequirement:
        return "INVALID:" + text.strip()
    parts = []
    if req.marker is not None:
        parts.append("(%s)" % req.marker)
    if when:
        try:
            parts.append("(%s)" % Marker(when))
        except Exception:
            parts.append("(%s)" % when.strip())
    if extra:
        parts.append('extra == "%s"' % canonicalize_name(extra))
    name = canonicalize_name(req.name)
    extras = ",".join(sorted(canonicalize_name(e) for e in req.extras))
    spec = str(SpecifierSet(str(req.specifier))) if req.specifier else ""
    spec = ",".join(sorted(spec.split(","))) if spec else ""
    out = name + ("[%s]" % extras if extras else "") + (" @ " + req.url if req.url else spec)
    if parts:
        out += "; " + " and ".join(parts)
    return out


def requirement_set(install, extras):
    out = set()
    for r in install or []:
        if r and r.strip() and not r.strip().startswith("#"):
            out.add(canonical_requirement(r))
    for key, reqs in (extras or {}).items():
        extra, _, when = key.partition(":")
        for r in reqs:
            if r and r.strip() and not r.strip().startswith("#"):
                out.add(canonical_requirement(r, extra.strip() or None, when.strip() or None))
    return out


def install_set(install, extras):
    """install_requires with ':marker' sections folded in (setuptools' two spellings of one thing)."""
    only = {k: v for k, v in (extras or {}).items() if k.partition(":")[0].strip() == ""}
    return requirement_set(install, only)


def extras_set(extras):
    return requirement_set([], {k: v for k, v in (extras or {}).items() if k.partition(":")[0].strip() != ""})


def python_requires(value):
    if isinstance(value, list):
        value = ",".join(value)
    if not value:
        return None
    try:
        return str(SpecifierSet(value))
    except InvalidSpecifier:
        return value.strip()


def repack_artifact(oracle_row, why):
    """Why a non-answer comes from how the corpus was made, not from the sdist: where the
    crawler succeeded, every file setup.py opened existed in the real upload, so a file we find
    missing was left out by the re-pack (documentation and code files were; sdists/README.md).
    Also a pyproject.toml of another project next to a setup.py the re-pack dropped."""
    if "FileNotFoundError" in why or "IOError: [Errno 2]" in why:
        return "file left out"
    if "did not build this sdist" in why and not any(f.endswith("/setup.py") for f in oracle_row["files"]):
        return "setup.py left out"
    return None


def main():
    args = sys.argv[1:]
    json_out = None
    placeholders = {}
    for a in list(args):
        if a.startswith("--placeholders="):
            placeholders = json.load(open(a.split("=", 1)[1]))
            args.remove(a)
    if "--json" in args:
        i = args.index("--json")
        json_out = args[i + 1]
        del args[i:i + 2]
    tables, oracle_path = args
    oracle = [json.loads(line) for line in open(oracle_path)]
    meta = sql_rows(tables, "SELECT filename, python_keys[1] AS key, status, method, reason, error, "
                            "requirements_source, to_json(python_requires) AS python_requires FROM sdist_metadata "
                            "WHERE provenance = 'archives'")
    reqs = sql_rows(tables, "SELECT sdist_filename, source, kind, raw, extras_key, position FROM requirements "
                            "WHERE provenance = 'archives' ORDER BY sdist_filename, source, kind, extras_key, position")
    by_source = collections.defaultdict(list)
    for r in reqs:
        by_source[(r["sdist_filename"], r["source"])].append(r)
    ours = {}
    for m in meta:
        m["python_requires"] = json.loads(m["python_requires"]) if m["python_requires"] else None
        rows = by_source.get((m["filename"], m["requirements_source"]), [])
        install = [r["raw"] for r in rows if r["kind"] == "install_requires"]
        extras = collections.OrderedDict()
        for r in rows:
            if r["kind"] == "extras_require":
                extras.setdefault(r["extras_key"], []).append(r["raw"])
        m["install"] = install
        m["extras"] = extras
        ours[(m["filename"], m["key"])] = m

    keys = ["27", "35", "36", "37", "38", "39", "310", "311", "312", "313", "314"]
    per_key = collections.OrderedDict((k, collections.Counter()) for k in keys)
    by_method = collections.defaultdict(collections.Counter)
    differences = []
    crawler_failed = []
    archives_with_answer = set()
    for o in oracle:
        fn = o["filename"]
        for k in keys:
            mine = ours.get((fn, k))
            c = per_key[k]
            if mine is None:
                c["missing"] += 1
                continue
            c["archives"] += 1
            c[mine["status"]] += 1
            if mine["status"] == "ok":
                archives_with_answer.add(fn)
            crawler = o["deps_db"].get(k)
            if crawler is None:
                continue
            c["with_oracle"] += 1
            if "error" in crawler:
                c["crawler_failed"] += 1
                crawler_failed.append((fn, k, crawler["error"], mine["status"], mine["method"],
                                       mine["reason"] or mine["error"]))
                if mine["status"] == "ok":
                    c["answered_where_crawler_failed"] += 1
                continue
            c["crawler_ok"] += 1
            method = mine["method"] or "-"
            by_method[method]["pairs"] += 1
            if mine["status"] != "ok":
                by_method[method][mine["status"]] += 1
                why = mine["reason"] or mine["error"] or ""
                artifact = repack_artifact(o, why)
                if not artifact and mine["status"] == "error" and fn in placeholders:
                    artifact = "empty placeholder for " + ", ".join(placeholders[fn])
                if artifact:
                    c["repack_artifact"] += 1
                differences.append((fn, k, "status " + mine["status"] + (" [re-pack: %s]" % artifact if artifact else ""), why))
                continue
            same_install = install_set(mine["install"], mine["extras"]) == install_set(
                crawler.get("install_requires"), crawler.get("extras_require"))
            same_extras = extras_set(mine["extras"]) == extras_set(crawler.get("extras_require"))
            same_python = python_requires(mine["python_requires"]) == python_requires(crawler.get("python_requires"))
            if same_install and same_extras and same_python:
                c["equal"] += 1
                by_method[method]["equal"] += 1
            else:
                by_method[method]["differ"] += 1
                if same_install and same_extras and o.get("truncated_members"):
                    c["repack_artifact"] += 1  # python_requires sat in the part of PKG-INFO the re-pack cut
                what = []
                if not same_install:
                    a = install_set(mine["install"], mine["extras"])
                    b = install_set(crawler.get("install_requires"), crawler.get("extras_require"))
                    what.append("install_requires: ours-only %s, crawler-only %s" % (sorted(a - b), sorted(b - a)))
                if not same_extras:
                    a = extras_set(mine["extras"])
                    b = extras_set(crawler.get("extras_require"))
                    what.append("extras_require: ours-only %s, crawler-only %s" % (sorted(a - b), sorted(b - a)))
                if not same_python:
                    what.append("python_requires: ours %r, crawler %r" % (
                        python_requires(mine["python_requires"]), python_requires(crawler.get("python_requires"))))
                truncated = same_install and same_extras and o.get("truncated_members")
                differences.append((fn, k, "differs (%s)%s" % (method, " [re-pack: PKG-INFO cut]" if truncated else ""),
                                    "; ".join(what)))

    print("per python key: archives with a row; ok / unresolved / error; where the crawler succeeded: equal")
    print("%-4s %8s %5s %10s %6s %11s %9s %12s" % ("key", "archives", "ok", "unresolved", "error", "crawler_ok",
                                                   "equal", "crawler_fail"))
    total = collections.Counter()
    for k, c in per_key.items():
        total.update(c)
        eq = "%d (%.1f%%)" % (c["equal"], 100.0 * c["equal"] / c["crawler_ok"]) if c["crawler_ok"] else "-"
        print("%-4s %8d %5d %10d %6d %11d %9s %12d" % (k, c["archives"], c["ok"], c["unresolved"], c["error"],
                                                       c["crawler_ok"], eq, c["crawler_failed"]))
    print("all  %8d %5d %10d %6d %11d %9s %12d" % (
        total["archives"], total["ok"], total["unresolved"], total["error"], total["crawler_ok"],
        "%d (%.1f%%)" % (total["equal"], 100.0 * total["equal"] / max(1, total["crawler_ok"])),
        total["crawler_failed"]))
    artifacts = total["repack_artifact"]
    print("where the crawler succeeded, excluding %d pairs whose difference the corpus re-pack explains "
          "(listed below as [re-pack]): %d of %d equal (%.1f%%)" % (
              artifacts, total["equal"], total["crawler_ok"] - artifacts,
              100.0 * total["equal"] / max(1, total["crawler_ok"] - artifacts)))
    print("\narchives with an ok answer for some key: %d of %d (%.1f%%)" % (
        len(archives_with_answer), len(oracle), 100.0 * len(archives_with_answer) / len(oracle)))
    print("(sdist, key) pairs with an ok answer: %d of %d (%.1f%%)" % (
        total["ok"], total["archives"], 100.0 * total["ok"] / max(1, total["archives"])))
    print("\nby method, where the crawler succeeded: pairs, equal, differ, unresolved, error")
    for m, c in sorted(by_method.items()):
        print("  %-10s %5d %5d %5d %5d %5d" % (m, c["pairs"], c["equal"], c["differ"], c["unresolved"], c["error"]))
    print("\ndifferences where the crawler succeeded (%d):" % len(differences))
    for d in differences:
        print("  %s [%s] %s: %s" % d)
    print("\nwhere the crawler failed (%d pairs): crawler error -> ours" % len(crawler_failed))
    for fn, k, err, status, method, reason in crawler_failed:
        print("  %s [%s] %s -> %s %s %s" % (fn, k, err.strip()[:70], status, method or "", (reason or "")[:90]))
    if json_out:
        with open(json_out, "w") as f:
            json.dump({"per_key": per_key, "by_method": by_method, "differences": differences,
                       "crawler_failed": crawler_failed}, f, indent=1, default=list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
