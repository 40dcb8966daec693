#!/usr/bin/env python3
"""Checks a raw tree written by `pypidb fetch` against the static index it was fetched from.

    check_tree.py TREE DOCROOT [--archives none|sdists|all] [--html] [--partial]
    check_tree.py --same TREE_A TREE_B

For every project directory of TREE: .project.json lists exactly the files present, each with
its sha256; the page is the served PEP 691 page (for JSON; for --html its files and metadata
flags); every .metadata file equals the served one, or for a wheel the index serves none for,
the wheel's METADATA member (Python's zipfile); the archives asked for equal the served ones.
Without --partial every project of the index must be there. --same: two trees hold the same
files with the same bytes (hidden files and fetch-manifest.json aside; .project.json compared
by its file list). Exits 1 with one line per problem.
"""
import argparse
import hashlib
import json
import os
import sys
import zipfile


def files_of(tree):
    out = {}
    for d in sorted(os.listdir(tree)):
        p = os.path.join(tree, d)
        if d.startswith(".") or not os.path.isdir(p):
            continue
        for f in sorted(os.listdir(p)):
            out[d + "/" + f] = os.path.join(p, f)
    return out


def same(a, b):
    fa, fb = files_of(a), files_of(b)
    problems = []
    for k in sorted(set(fa) | set(fb)):
        if k not in fa or k not in fb:
            problems.append("only in %s: %s" % (a if k in fa else b, k))
        elif k.endswith("/.project.json"):
            ja, jb = json.load(open(fa[k])), json.load(open(fb[k]))
            if ja["files"] != jb["files"] or ja["digest"] != jb["digest"]:
                problems.append("different file lists: " + k)
        elif open(fa[k], "rb").read() != open(fb[k], "rb").read():
            problems.append("bytes differ: " + k)
    return problems, len(fa)


def check(tree, docroot, archives, html, partial):
    problems = []
    simple = os.path.join(docroot, "simple")
    served = sorted(d for d in os.listdir(simple) if os.path.isdir(os.path.join(simple, d)))
    present = sorted(d for d in os.listdir(tree) if not d.startswith(".") and os.path.isdir(os.path.join(tree, d)))
    if not partial and present != served:
        problems.append("projects differ: %s" % sorted(set(present) ^ set(served)))
    checked = {"metadata": 0, "wheel METADATA": 0, "archives": 0}
    for name in present:
        pdir = os.path.join(tree, name)
        state_path = os.path.join(pdir, ".project.json")
        if not os.path.exists(state_path):
            problems.append(name + ": no .project.json (an incomplete directory is visible)")
            continue
        state = json.load(open(state_path))
        listed = {f["path"]: f["sha256"] for f in state["files"]}
        on_disk = sorted(f for f in os.listdir(pdir) if f != ".project.json")
        if sorted(listed) != on_disk:
            problems.append(name + ": files on disk %s differ from .project.json %s" % (on_disk, sorted(listed)))
        for f, sha in listed.items():
            p = os.path.join(pdir, f)
            if os.path.exists(p) and hashlib.sha256(open(p, "rb").read()).hexdigest() != sha:
                problems.append(name + "/" + f + ": sha256 differs from .project.json (a partial file?)")
        page = json.load(open(os.path.join(simple, name, "index.json")))
        mine = json.load(open(os.path.join(pdir, name + ".json")))
        if not html:
            for e in mine["files"]:
                e.pop("pypidb-metadata", None)
                if e["filename"] + ".metadata" not in os.listdir(os.path.join(simple, name)) and e["filename"].endswith(".whl"):
                    e["core-metadata"] = False  # fetch marked the METADATA it read from the wheel
            if mine != page:
                problems.append(name + ": the stored page is not the served one")
        else:
            a = [(e["filename"], e["hashes"].get("sha256")) for e in mine["files"]]
            b = [(e["filename"], e["hashes"].get("sha256")) for e in page["files"]]
            if a != b:
                problems.append(name + ": the page converted from HTML lists other files")
        for e in page["files"]:
            fn = e["filename"]
            src = os.path.join(simple, name, fn)
            meta_served = os.path.join(simple, name, fn + ".metadata")
            got = os.path.join(pdir, fn + ".metadata")
            if os.path.exists(meta_served):
                checked["metadata"] += 1
                if not os.path.exists(got) or open(got, "rb").read() != open(meta_served, "rb").read():
                    problems.append(name + "/" + fn + ".metadata differs from the served file")
            elif fn.endswith(".whl"):
                checked["wheel METADATA"] += 1
                with zipfile.ZipFile(src) as z:
                    member = [n for n in z.namelist() if n.endswith(".dist-info/METADATA")][0]
                    want = z.read(member)
                if not os.path.exists(got) or open(got, "rb").read() != want:
                    problems.append(name + "/" + fn + ".metadata is not the wheel's METADATA")
            wanted = archives == "all" or archives == "sdists" and fn.endswith((".tar.gz", ".zip", ".tgz"))
            if wanted:
                checked["archives"] += 1
                if not os.path.exists(os.path.join(pdir, fn)) or open(os.path.join(pdir, fn), "rb").read() != open(src, "rb").read():
                    problems.append(name + "/" + fn + " differs from the served archive")
            elif os.path.exists(os.path.join(pdir, fn)):
                problems.append(name + "/" + fn + " was downloaded without being asked for")
    return problems, len(present), checked


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs=2)
    ap.add_argument("--archives", default="none")
    ap.add_argument("--html", action="store_true")
    ap.add_argument("--partial", action="store_true")
    ap.add_argument("--same", action="store_true")
    args = ap.parse_args()
    if args.same:
        problems, n = same(*args.paths)
        summary = "%d files identical" % n
    else:
        problems, n, checked = check(args.paths[0], args.paths[1], args.archives, args.html, args.partial)
        summary = "%d projects checked: %s" % (n, ", ".join("%d %s" % (v, k) for k, v in checked.items()))
    for p in problems[:50]:
        print("  PROBLEM " + p)
    print(("FAIL " if problems else "ok   ") + summary)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
