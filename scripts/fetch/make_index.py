#!/usr/bin/env python3
"""Builds a static simple repository (PEP 691 JSON + PEP 503 HTML, PEP 658 metadata files,
archives) that nginx serves, for fetch's tests and evidence.

    make_index.py DOCROOT --synthetic N            small projects made here (wheels, sdists,
                                                   wheels without metadata, yanks, ...)
    make_index.py DOCROOT --corpus PYPI_API_DIR    the corpus's PEP 691 pages and metadata
                                                   files, with small archives made to match
    make_index.py DOCROOT --bigquery ROWS.jsonl.gz one page per project from BigQuery rows,
                                                   one PEP 658 metadata file per wheel

Layout: DOCROOT/simple/index.{json,html} (the root, with _last-serial per project) and
DOCROOT/simple/<name>/index.{json,html} with the project's files and .metadata files beside
(URLs are relative). A project's serial is derived from its page's content, so it changes
exactly when the page does. Files are written only when their bytes change (through a temp
name and a rename), so an index rebuilt from changed input keeps the mtime (nginx's ETag) of
everything unchanged. Prints a JSON summary.
"""
import argparse
import gzip
import hashlib
import html
import io
import json
import os
import random
import re
import sys
import tarfile
import zipfile
import zlib

FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(b):
    return hashlib.sha256(b).hexdigest()


class Writer:
    def __init__(self, docroot):
        self.docroot = docroot
        self.written = 0
        self.kept = 0
        self.paths = set()

    def put(self, rel, data):
        path = os.path.join(self.docroot, rel)
        self.paths.add(os.path.normpath(path))
        try:
            with open(path, "rb") as f:
                if f.read() == data:
                    self.kept += 1
                    return
        except FileNotFoundError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        self.written += 1

    def unchanged_project(self, name, page, n_files):
        """True (and its files kept) when the project's directory already holds this page and no other files."""
        d = os.path.join(self.docroot, "simple", name)
        try:
            with open(os.path.join(d, "index.json"), "rb") as f:
                if f.read() != page:
                    return False
            names = os.listdir(d)
        except FileNotFoundError:
            return False
        if len(names) != n_files:
            return False
        for n in names:
            self.paths.add(os.path.normpath(os.path.join(d, n)))
        self.kept += len(names)
        return True

    def prune(self):
        """Removes files and project directories of an earlier build that this one did not write."""
        removed = 0
        simple = os.path.join(self.docroot, "simple")
        for dirpath, dirnames, filenames in os.walk(simple, topdown=False):
            for f in filenames:
                p = os.path.normpath(os.path.join(dirpath, f))
                if p not in self.paths:
                    os.unlink(p)
                    removed += 1
            if dirpath != simple and not os.listdir(dirpath):
                os.rmdir(dirpath)
        return removed


def metadata_text(name, version, requires_dist=(), requires_python=None, extra=""):
    lines = ["Metadata-Version: 2.1", "Name: " + name, "Version: " + version]
    if requires_python:
        lines.append("Requires-Python: " + requires_python)
    lines += ["Requires-Dist: " + r for r in requires_dist]
    return ("\n".join(lines) + "\n" + extra).encode("utf-8")


def make_wheel(filename, metadata, pad=0):
    """A small wheel: a module, METADATA, WHEEL and RECORD; deterministic bytes."""
    name, version = filename.split("-")[:2]
    dist_info = "%s-%s.dist-info" % (name, version)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        def add(path, data):
            info = zipfile.ZipInfo(path, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        add(name.lower() + "/__init__.py", b"# " + filename.encode() + b"\n" + os.urandom(0) + b"x = 1\n" * pad)
        add(dist_info + "/METADATA", metadata)
        add(dist_info + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: make_index\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        add(dist_info + "/RECORD", b"")
    return buf.getvalue()


def make_sdist(filename, pkg_info):
    stem = re.sub(r"\.tar\.gz$", "", filename)
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as t:
        for path, data in ((stem + "/PKG-INFO", pkg_info), (stem + "/setup.py", b"from setuptools import setup\nsetup()\n")):
            info = tarfile.TarInfo(path)
            info.size = len(data)
            info.mtime = 1577836800
            t.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as g:
        g.write(raw.getvalue())
    return out.getvalue()


def page_html(name, files, serial):
    rows = []
    for f in files:
        attrs = ['href="%s#sha256=%s"' % (html.escape(f["url"]), f["hashes"]["sha256"])]
        if f.get("requires-python"):
            attrs.append('data-requires-python="%s"' % html.escape(f["requires-python"]))
        y = f.get("yanked")
        if y:
            attrs.append('data-yanked="%s"' % (html.escape(y) if isinstance(y, str) else ""))
        cm = f.get("core-metadata")
        if cm:
            v = "sha256=" + cm["sha256"] if isinstance(cm, dict) else "true"
            attrs.append('data-core-metadata="%s" data-dist-info-metadata="%s"' % (v, v))
        rows.append("    <a %s>%s</a><br />" % (" ".join(attrs), html.escape(f["filename"])))
    return ("<!DOCTYPE html>\n<html>\n  <head>\n    <meta name=\"pypi:repository-version\" content=\"1.1\">\n"
            "    <title>Links for %s</title>\n  </head>\n  <body>\n    <h1>Links for %s</h1>\n%s\n  </body>\n</html>\n"
            "<!--SERIAL %d-->\n" % (html.escape(name), html.escape(name), "\n".join(rows), serial)).encode()


def emit_project(w, name, versions, files, blobs):
    """files: PEP 691 entries (url relative); blobs: filename -> bytes to serve beside the page."""
    base = {"meta": {"api-version": "1.1"}, "name": name, "versions": versions, "files": files}
    body = json.dumps(base, sort_keys=True).encode()
    serial = 1 + zlib.crc32(body) % 2_000_000_000
    base["meta"]["_last-serial"] = serial
    page = json.dumps(base, sort_keys=True).encode()
    if w.unchanged_project(name, page, len(blobs) + 2):
        return serial  # the page names every file's hash: the same page, the same files
    w.put("simple/%s/index.json" % name, page)
    w.put("simple/%s/index.html" % name, page_html(name, files, serial))
    for fn, data in blobs.items():
        w.put("simple/%s/%s" % (name, fn), data)
    return serial


def emit_root(w, serials):
    root = {"meta": {"api-version": "1.1", "_last-serial": max(serials.values(), default=0)},
            "projects": [{"name": n, "_last-serial": s} for n, s in sorted(serials.items())]}
    w.put("simple/index.json", json.dumps(root).encode())
    links = "\n".join('    <a href="%s/">%s</a>' % (n, n) for n in sorted(serials))
    w.put("simple/index.html", ("<!DOCTYPE html>\n<html>\n  <head><meta name=\"pypi:repository-version\" content=\"1.1\">"
                                "<title>Simple index</title></head>\n  <body>\n%s\n  </body>\n</html>\n" % links).encode())


def file_entry(fn, data, metadata=None, requires_python=None, yanked=False, upload="2020-01-01T00:00:00.000000Z"):
    e = {"filename": fn, "url": fn, "hashes": {"sha256": sha256(data)}, "size": len(data), "upload-time": upload,
         "requires-python": requires_python, "yanked": yanked}
    cm = {"sha256": sha256(metadata)} if metadata is not None else False
    e["core-metadata"] = cm
    e["data-dist-info-metadata"] = cm
    return e


def synthetic(w, n, seed):
    rnd = random.Random(seed)
    serials = {}
    for i in range(n):
        name = "synth-%03d" % i
        mod = name.replace("-", "_")
        versions, files, blobs = [], [], {}
        for v in range(1, 2 + i % 3):
            version = "1.%d" % v
            versions.append(version)
            reqs = ["requests>=2.%d" % rnd.randint(0, 30)] + (["tomli; python_version < \"3.11\""] if v % 2 else [])
            md = metadata_text(name, version, reqs, ">=3.8" if v > 1 else None)
            whl = "%s-%s-py3-none-any.whl" % (mod, version)
            wheel = make_wheel(whl, md, pad=(i * 37 + v) % 400)
            # Every third project's wheels have no metadata file: fetch reads METADATA by ranges.
            served_md = md if i % 3 else None
            files.append(file_entry(whl, wheel, served_md, ">=3.8" if v > 1 else None,
                                    yanked=("broken build" if (i + v) % 7 == 0 else False)))
            blobs[whl] = wheel
            if served_md is not None:
                blobs[whl + ".metadata"] = md
            sd = "%s-%s.tar.gz" % (mod, version)
            sdist = make_sdist(sd, md)
            files.append(file_entry(sd, sdist, None))
            blobs[sd] = sdist
        serials[name] = emit_project(w, name, versions, files, blobs)
    emit_root(w, serials)
    return serials


def corpus(w, api_dir):
    metas = os.path.join(api_dir, "metadata")
    serials, skipped = {}, []
    for fn in sorted(os.listdir(os.path.join(api_dir, "simple-json"))):
        doc = json.load(open(os.path.join(api_dir, "simple-json", fn)))
        name = canonical(doc["name"])
        if name in serials:
            skipped.append(fn)  # a second page for the same project
            continue
        files, blobs = [], {}
        for f in doc["files"]:
            mpath = os.path.join(metas, f["filename"] + ".metadata")
            md = open(mpath, "rb").read() if os.path.exists(mpath) else None
            if f["filename"].endswith(".whl"):
                data = make_wheel(f["filename"], md or metadata_text(doc["name"], f["filename"].split("-")[1]))
            else:
                data = make_sdist(f["filename"], md or metadata_text(doc["name"], "0"))
            e = dict(f)
            e["url"] = f["filename"]
            e["hashes"] = {"sha256": sha256(data)}
            e["size"] = len(data)
            cm = {"sha256": sha256(md)} if md is not None else False
            for k in ("core-metadata", "data-dist-info-metadata"):
                if k in f:
                    e[k] = cm
            files.append(e)
            blobs[f["filename"]] = data
            if md is not None:
                blobs[f["filename"] + ".metadata"] = md
        body = dict(doc)
        body["name"] = name
        body["files"] = files
        serials[name] = emit_page_as_is(w, name, body, blobs)
    emit_root(w, serials)
    return serials, skipped


def emit_page_as_is(w, name, doc, blobs):
    """A corpus page with its own keys (PEP 700 fields, project-status ...), URLs and hashes local."""
    doc = dict(doc)
    doc["meta"] = dict(doc.get("meta", {}))
    doc["meta"].pop("_last-serial", None)
    serial = 1 + zlib.crc32(json.dumps(doc, sort_keys=True).encode()) % 2_000_000_000
    doc["meta"]["_last-serial"] = serial
    w.put("simple/%s/index.json" % name, json.dumps(doc, indent=2, sort_keys=True).encode())
    w.put("simple/%s/index.html" % name, page_html(name, doc["files"], serial))
    for fn, data in blobs.items():
        w.put("simple/%s/%s" % (name, fn), data)
    return serial


def bigquery(w, rows_path):
    opener = gzip.open if rows_path.endswith(".gz") else open
    projects = {}
    bad_rows = [0]
    with opener(rows_path, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                ok = all(isinstance(r.get(k), str) and r.get(k) for k in ("name", "version", "filename")) \
                    and isinstance(r.get("requires_dist") or [], list) \
                    and all(isinstance(x, str) and "\n" not in x for x in r.get("requires_dist") or []) \
                    and "\n" not in r["name"] + r["version"] + str(r.get("requires_python") or "")
            except ValueError:
                ok = False
            if not ok:
                bad_rows[0] += 1
                continue
            projects.setdefault(canonical(r["name"]), []).append(r)
    serials = {}
    for name in sorted(projects):
        rows = projects[name]
        versions, files, blobs = [], [], {}
        for r in rows:
            fn = r["filename"]
            if fn in blobs or "/" in fn or fn.startswith("."):
                continue
            if r["version"] not in versions:
                versions.append(r["version"])
            md = metadata_text(r["name"], r["version"], r.get("requires_dist") or [], r.get("requires_python"))
            e = {"filename": fn, "url": fn, "hashes": {"sha256": sha256(fn.encode())},
                 "requires-python": r.get("requires_python"), "yanked": bool(r.get("yanked", False)),
                 "core-metadata": {"sha256": sha256(md)}, "data-dist-info-metadata": {"sha256": sha256(md)}}
            files.append(e)
            blobs[fn + ".metadata"] = md
        serials[name] = emit_project(w, name, versions, files, blobs)
    emit_root(w, serials)
    return serials, bad_rows[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("docroot")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--synthetic", type=int)
    g.add_argument("--corpus")
    g.add_argument("--bigquery")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    w = Writer(args.docroot)
    summary = {}
    if args.synthetic is not None:
        serials = synthetic(w, args.synthetic, args.seed)
    elif args.corpus:
        serials, skipped = corpus(w, args.corpus)
        summary["skipped_pages"] = skipped
    else:
        serials, summary["rows_skipped"] = bigquery(w, args.bigquery)
    summary.update({"projects": len(serials), "files_written": w.written, "files_unchanged": w.kept,
                    "files_removed": w.prune()})
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
