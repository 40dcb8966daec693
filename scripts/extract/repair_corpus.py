#!/usr/bin/env python3
"""Puts back files the corpus re-pack left out of its sdists, as empty placeholders.

Usage: scripts/extract/repair_corpus.py TABLES SDISTS_DIR OUT_DIR

../shared/corpus/sdists re-packed real uploads keeping only dependency-carrying files
(sdists/README.md: "Code, data and documentation files are not included"). A setup.py that reads
README.md for its long_description then fails here, although it ran in the crawler's copy. For
each archive whose static extraction (TABLES, a normalize output of SDISTS_DIR/archives) failed
with FileNotFoundError on a file, AND for which the crawler succeeded under some Python (so the
real upload had every file setup.py opened), this writes the archive again into OUT_DIR with
that file added, empty. Every other archive is copied unchanged. Prints what it added and
writes it to OUT_DIR.placeholders.json (beside OUT_DIR) for oracle_check.py --placeholders (an empty placeholder
can itself make a setup.py fail where the real file would not: one that parses its version out
of pkg/__init__.py).
"""
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MISSING = re.compile(r"No such file or directory: '([^']+)'")


def main():
    tables, sdists, out = sys.argv[1:4]
    oracle = {}
    for line in open(os.path.join(sdists, "oracle.jsonl")):
        row = json.loads(line)
        oracle[row["filename"]] = row
    rows = subprocess.run([os.path.join(ROOT, "scripts", "pypidb"), "sql", "--tables=" + tables, "--format=json",
                           "SELECT DISTINCT filename, coalesce(reason, error) AS why FROM sdist_metadata "
                           "WHERE provenance = 'archives' AND status = 'error'"],
                          check=True, stdout=subprocess.PIPE, text=True).stdout
    missing = {}
    for line in rows.splitlines():
        r = json.loads(line)
        m = MISSING.search(r["why"] or "")
        o = oracle.get(r["filename"])
        if not m or o is None:
            continue
        crawler_ok = any(isinstance(v, dict) and "error" not in v for v in o["deps_db"].values())
        if crawler_ok:
            path = re.sub(r"^/build/[^/]+/", "", m.group(1))
            missing.setdefault(r["filename"], set()).add(path)
    os.makedirs(out, exist_ok=True)
    archives = os.path.join(sdists, "archives")
    for name in sorted(os.listdir(archives)):
        source = os.path.join(archives, name)
        target = os.path.join(out, name)
        if name not in missing:
            shutil.copyfile(source, target)
            continue
        with tarfile.open(source) as src, tarfile.open(target, "w:gz") as dst:
            members = src.getmembers()
            top = members[0].name.split("/")[0]
            for m in members:
                dst.addfile(m, src.extractfile(m) if m.isfile() else None)
            for path in sorted(missing[name]):
                info = tarfile.TarInfo(top + "/" + path)
                info.size = 0
                dst.addfile(info, io.BytesIO(b""))
                print("%s: added %s (empty)" % (name, path))
    with open(out.rstrip("/") + ".placeholders.json", "w") as f:
        json.dump({k: sorted(v) for k, v in sorted(missing.items())}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
