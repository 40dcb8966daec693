#!/usr/bin/python3
"""Cuts a pypidb graph document down to what some environments can reach.

    filter_graph.py GRAPH.json ENVS.jsonl OUT.json

Two streaming passes over GRAPH.json (it may be several GB): the first collects, per project,
every project any requirement of any file names (all versions, all markers, all python keys:
an over-approximation of what a resolution can consult); the second writes the projects in the
transitive closure of the environments' requirement names, in the same IndexJson format.
The resolvelib side then loads only that closure; pypidb resolves over the full tables.
"""

from __future__ import annotations

import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from packaging.utils import canonicalize_name  # noqa: E402

from provider import dependency_names, iter_projects  # noqa: E402


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    graph, envs, out = sys.argv[1:]
    roots = set()
    with open(envs, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                e = json.loads(line)
                for r in (e["requirements"] if isinstance(e, dict) else e):
                    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", r)
                    if m:
                        roots.add(canonicalize_name(m.group(1)))
    deps = {}
    n = 0
    for p in iter_projects(graph):
        n += 1
        name = canonicalize_name(p["name"])
        deps.setdefault(name, set()).update(dependency_names(p))
    closure = set()
    stack = list(roots)
    while stack:
        x = stack.pop()
        if x in closure:
            continue
        closure.add(x)
        stack.extend(d for d in deps.get(x, ()) if d not in closure)
    kept = 0
    with open(out, "w", encoding="utf-8") as f:
        f.write('{"format": "pypidb-index/1", "projects": [\n')
        first = True
        for p in iter_projects(graph):
            if canonicalize_name(p["name"]) in closure:
                if not first:
                    f.write(",\n")
                first = False
                json.dump(p, f, separators=(",", ":"))
                kept += 1
        f.write("\n]}\n")
    print(f"filter_graph: {kept} of {n} projects kept (closure of {len(roots)} root names; "
          f"{len(closure - deps.keys())} named but absent)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
