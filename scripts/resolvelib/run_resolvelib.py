#!/usr/bin/python3
"""Resolves every environment on every target with resolvelib 0.9.0 and provider.py.

    run_resolvelib.py GRAPH.json ENVS.jsonl TARGETS.txt OUT.jsonl
                      [--max-rounds=2000] [--time-limit=60] [--policy=wheels+sdist]

GRAPH.json: a pypidb graph document (ideally filter_graph.py's closure, so it loads fast).
Writes one JSON line per (environment, target): environment, target, status (resolved |
failed), category, pins [{name, version, filename, provider}], rounds, seconds (perf_counter
around Resolver.resolve only: graph loading is excluded, provider caches are shared between
resolutions, like pypidb's Resolver caches), and a summary line on stderr with load time and
peak RSS (resource.getrusage).

Categories of failures: impossible (ResolutionImpossible), no_such_project (impossible, and
some cause names a project the graph lacks), budget_rounds (ResolutionTooDeep: more than
--max-rounds rounds), budget_time (more than --time-limit seconds), invalid_requirement,
provider_error (InconsistentCandidate and other exceptions).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import resolvelib  # noqa: E402
from resolvelib.resolvers import (InconsistentCandidate, ResolutionImpossible,  # noqa: E402
                                  ResolutionTooDeep)

from provider import Context, OutOfTime, Provider, Target, load_graph, root_requirements  # noqa: E402


class Counter(resolvelib.BaseReporter):
    def __init__(self):
        self.rounds = 0

    def starting_round(self, index):
        self.rounds = index + 1


def read_targets(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line.split()[0])
    return out


def read_envs(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                continue
            e = json.loads(line)
            if isinstance(e, list):
                e = {"id": str(i), "requirements": e}
            out.append(e)
    return out


def release_version(ctx, target, cand):
    """The version as published (pypidb's Pin.version)."""
    view = ctx.view(cand.project, target)
    return view.raw[cand.index] if hasattr(view, "raw") else str(cand.version)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("graph")
    ap.add_argument("envs")
    ap.add_argument("targets")
    ap.add_argument("out")
    ap.add_argument("--max-rounds", type=int, default=2000)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--policy", default="wheels+sdist", choices=["wheels+sdist", "wheels-only"])
    a = ap.parse_args()

    t0 = time.perf_counter()
    graph = load_graph(a.graph)
    load_s = time.perf_counter() - t0
    rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ctx = Context(graph, sdists=a.policy == "wheels+sdist")
    envs = read_envs(a.envs)
    targets = [Target(t) for t in read_targets(a.targets)]
    counts = {}
    total = 0.0
    with open(a.out, "w", encoding="utf-8") as out:
        for target in targets:
            for env in envs:
                reqs = env["requirements"]
                rec = {"environment": env["id"], "requirements": reqs, "target": target.text,
                       "policy": a.policy, "pins": [], "rounds": 0, "category": None}
                roots, invalid = root_requirements(ctx, reqs, target)
                start = time.perf_counter()
                reporter = Counter()
                if invalid:
                    rec["status"], rec["category"] = "failed", "invalid_requirement"
                    rec["detail"] = invalid[0]
                else:
                    provider = Provider(ctx, target, deadline=start + a.time_limit)
                    resolver = resolvelib.Resolver(provider, reporter)
                    try:
                        result = resolver.resolve(roots, max_rounds=a.max_rounds)
                        rec["status"] = "resolved"
                        pins = []
                        for ident, c in sorted(result.mapping.items()):
                            if c.extra:
                                continue
                            d = c.dist
                            kind = d.get("kind") or ("wheel" if d["filename"].endswith(".whl")
                                                     else "sdist")
                            pins.append({"name": c.project, "version": c.raw_version,
                                         "filename": d["filename"], "provider": kind})
                        rec["pins"] = pins
                    except ResolutionImpossible as e:
                        rec["status"] = "failed"
                        missing = sorted({ci.requirement.project for ci in e.causes
                                          if ctx.graph.get(ci.requirement.project) is None})
                        rec["category"] = "no_such_project" if missing else "impossible"
                        rec["detail"] = "; ".join(
                            f"{ci.requirement!r} (from {ci.parent!r})" for ci in e.causes[:6])
                    except ResolutionTooDeep:
                        rec["status"], rec["category"] = "failed", "budget_rounds"
                    except OutOfTime:
                        rec["status"], rec["category"] = "failed", "budget_time"
                    except InconsistentCandidate as e:
                        rec["status"], rec["category"] = "failed", "provider_error"
                        rec["detail"] = f"InconsistentCandidate: {e.candidate!r}"
                    except RecursionError as e:
                        rec["status"], rec["category"] = "failed", "provider_error"
                        rec["detail"] = f"RecursionError: {e}"
                secs = time.perf_counter() - start
                rec["seconds"] = secs
                rec["rounds"] = reporter.rounds
                total += secs
                key = (rec["status"], rec["category"])
                counts[key] = counts.get(key, 0) + 1
                out.write(json.dumps(rec) + "\n")
                out.flush()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    summary = {"graph_projects": len(graph), "graph_load_seconds": round(load_s, 2),
               "rss_after_load_mb": round(rss_after_load / 1024, 1),
               "peak_rss_mb": round(peak / 1024, 1), "resolve_seconds_total": round(total, 2),
               "resolutions": sum(counts.values()),
               "outcomes": {f"{s}/{c}" if c else s: n for (s, c), n in sorted(
                   counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))},
               "resolvelib": resolvelib.__version__,
               "max_rounds": a.max_rounds, "time_limit_s": a.time_limit}
    with open(a.out + ".summary.json", "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)
    print(json.dumps(summary), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
