#!/usr/bin/python3
"""Builds the environments of the resolvelib differential (deterministic, seeded).

    make_environments.py GRAPH.json TOP.json OUT.jsonl [--singles=300] [--pairs=150]
                         [--triples=75] [--constrained=100] [--seed=5]

GRAPH.json is `pypidb graph` output (only the names and versions of the top projects are
kept while streaming it); TOP.json is a top-pypi-packages document (rows of
{"project", "download_count"}).  Writes JSON lines {"id", "requirements"} (CONTRACT §5):

* single-<name>: each of the top --singles projects present in the graph, alone;
* pair-NNN / triple-NNN: random combinations of the top 100 / top 200 present projects;
* pin-NNN: one or two top-300 projects with a version constraint (==, >=, <, ~=, !=) built
  from a real final version of the project, sometimes plus an unconstrained popular project;
* stack-<name>: a few hand-picked stacks (web, data science, Plone, ...) when present.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from packaging.utils import canonicalize_name  # noqa: E402
from packaging.version import InvalidVersion, Version  # noqa: E402

from provider import iter_projects  # noqa: E402

STACKS = {
    "web-django": ["django", "djangorestframework", "celery", "redis", "psycopg2-binary"],
    "web-flask": ["flask", "sqlalchemy", "gunicorn", "requests"],
    "web-fastapi": ["fastapi", "uvicorn[standard]", "pydantic", "httpx"],
    "data": ["numpy", "pandas", "scipy", "matplotlib", "scikit-learn"],
    "jupyter": ["jupyter", "ipywidgets", "matplotlib"],
    "aws": ["boto3", "awscli", "s3fs"],
    "ml-torch": ["torch", "torchvision", "transformers"],
    "ml-tf": ["tensorflow", "keras"],
    "plone": ["plone"],
    "airflow": ["apache-airflow"],
    "lint": ["black", "flake8", "mypy", "pylint", "isort"],
    "test": ["pytest", "pytest-cov", "tox", "hypothesis"],
    "docs": ["sphinx", "sphinx-rtd-theme", "myst-parser"],
    "requests-security": ["requests[security,socks]"],
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("graph")
    ap.add_argument("top")
    ap.add_argument("out")
    ap.add_argument("--singles", type=int, default=300)
    ap.add_argument("--pairs", type=int, default=150)
    ap.add_argument("--triples", type=int, default=75)
    ap.add_argument("--constrained", type=int, default=100)
    ap.add_argument("--seed", type=int, default=5)
    a = ap.parse_args()

    with open(a.top, encoding="utf-8") as f:
        top_doc = json.load(f)
    rows = top_doc["rows"] if isinstance(top_doc, dict) else top_doc
    ranked = []
    seen = set()
    for r in rows:
        n = canonicalize_name(r["project"])
        if n not in seen:
            seen.add(n)
            ranked.append(n)
    wanted = set(ranked[: max(a.singles, 300) * 3])
    for reqs in STACKS.values():
        for r in reqs:
            wanted.add(canonicalize_name(r.split("[")[0]))

    versions = {}
    for p in iter_projects(a.graph):
        name = canonicalize_name(p["name"])
        if name not in wanted:
            continue
        vs = []
        for rel in p.get("releases", ()):
            if not rel.get("files") or rel.get("yanked"):
                continue
            try:
                v = Version(rel["version"])
            except InvalidVersion:
                continue
            if not v.is_prerelease and not v.is_devrelease and v.local is None:
                vs.append(v)
        versions[name] = sorted(set(vs))

    present = [n for n in ranked if n in versions and versions[n]]
    rng = random.Random(a.seed)
    envs = []

    def add(eid, reqs):
        envs.append({"id": eid, "requirements": reqs})

    for n in present[: a.singles]:
        add(f"single-{n}", [n])
    top100, top200, top300 = present[:100], present[:200], present[:300]
    pairs = set()
    while len(pairs) < a.pairs and len(top100) >= 2:
        pairs.add(tuple(sorted(rng.sample(top100, 2))))
    for i, p in enumerate(sorted(pairs)):
        add(f"pair-{i:03d}", list(p))
    triples = set()
    while len(triples) < a.triples and len(top200) >= 3:
        triples.add(tuple(sorted(rng.sample(top200, 3))))
    for i, t in enumerate(sorted(triples)):
        add(f"triple-{i:03d}", list(t))
    for i in range(a.constrained):
        n = rng.choice(top300)
        vs = versions[n][-25:]
        v = rng.choice(vs)
        op = rng.choice(["==", ">=", "<", "~=", "!=", "<"])
        if op == "~=" and len(v.release) < 2:
            op = ">="
        reqs = [f"{n}{op}{v}"]
        if rng.random() < 0.4:
            other = rng.choice(top100)
            if other != n:
                reqs.append(other)
        add(f"pin-{i:03d}", reqs)
    for name, reqs in STACKS.items():
        if all(canonicalize_name(r.split("[")[0]) in versions for r in reqs):
            add(f"stack-{name}", reqs)

    with open(a.out, "w", encoding="utf-8") as f:
        for e in envs:
            f.write(json.dumps(e) + "\n")
    print(f"make_environments: {len(envs)} environments ({len(present)} top projects present "
          f"of {len(ranked)})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
