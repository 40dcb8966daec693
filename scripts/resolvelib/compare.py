#!/usr/bin/python3
"""Compares pypidb's resolutions with resolvelib's and writes a Markdown report.

    compare.py PYPIDB.jsonl RESOLVELIB.jsonl GRAPH.json REPORT.md
               [--pypidb-rss-mb=N] [--resolvelib-summary=FILE] [--examples=N]

PYPIDB.jsonl: `pypidb sql --format=json` rows of the resolutions table with columns
environment, target, policy, status, failure_category, explanation, steps, micros and
pins_json (to_json(pins)).  RESOLVELIB.jsonl: run_resolvelib.py output.  GRAPH.json: the
graph the resolvelib side used (for the solution checker).

Every pair (environment, target) is classified:

* agree-resolved-same-pins, agree-failed: agreement;
* agree-resolved-other-pins: both resolved, pins differ.  Both solutions are checked against
  the reference rules (check_solution below).  When both are valid solutions the difference is
  a legitimate choice between solutions (preference order / backtracking path); when pypidb's
  is not, it is listed as a suspected pypidb bug with the violated rule;
* resolvelib-budget: resolvelib hit its round or time limit, pypidb answered;
* pypidb-budget: pypidb's step/time budget ran out, resolvelib answered;
* only-pypidb-resolved / only-resolvelib-resolved: a real disagreement.  The winning side's
  pins are checked against the reference rules: a valid resolvelib solution that pypidb calls
  impossible is a suspected pypidb bug (repro printed); an invalid pypidb solution is one too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from packaging.version import InvalidVersion, Version  # noqa: E402

from provider import Context, Provider, Target, load_graph, root_requirements  # noqa: E402


WARM = "~warm"


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def parse_pins(v):
    if v is None:
        return []
    if isinstance(v, str):
        v = json.loads(v) if v.strip() else []
    return v


def pin_map(pins):
    """{name: (version, filename)}; pypidb writes no file name (null) for a deps-db sdist pin,
    whose graph file name is a placeholder ("<name>-<version> (sdist)"): both become "(sdist)"."""
    out = {}
    for p in pins:
        fn = p.get("filename")
        if p.get("provider") == "sdist" and (fn is None or fn.endswith(" (sdist)")):
            fn = "(sdist)"
        out[p["name"]] = (p["version"], fn)
    return out


def check_solution(ctx: Context, target: Target, requirements, pins):
    """Violations of the reference rules by a solution {name: (version, filename)}."""
    out = []
    prov = Provider(ctx, target)
    roots, invalid = root_requirements(ctx, requirements, target)
    if invalid:
        return [f"invalid root requirement {invalid[0]!r}"]
    index = {}
    for name, (version, filename) in pins.items():
        view = ctx.view(name, target)
        if view is None:
            out.append(f"{name} is not in the graph")
            continue
        i = None
        for j, raw in enumerate(view.raw):
            if raw == version:
                i = j
                break
        if i is None:
            try:
                v = Version(version)
                i = view.versions.index(v) if v in view.versions else None
            except InvalidVersion:
                pass
        if i is None:
            out.append(f"{name}=={version}: no such (valid) version")
            continue
        if view.chosen[i] is None:
            out.append(f"{name}=={version}: not usable on {target.text} under the reference rules "
                       "(Requires-Python, no fitting file, or sdist build error)")
            continue
        ref = view.chosen[i]["filename"]
        if ref.endswith(" (sdist)") and view.chosen[i].get("kind", "sdist") == "sdist":
            ref = "(sdist)"
        if ref != filename:
            out.append(f"{name}=={version}: file {filename} chosen, the reference picks "
                       f"{ref}")
        index[name] = i
    # walk the requirement graph from the roots
    from provider import Cand  # noqa: E402
    seen = set()
    stack = [(r, "<root>") for r in roots]
    reached = set()
    on = {}  # (project, extra) -> every requirement on it, for pip's merged rules
    while stack:
        req, parent = stack.pop()
        if req.project not in index:
            if not any(v.startswith(req.project + "==") for v in out):
                out.append(f"{req!r} (from {parent}) is not pinned")
            continue
        i = index[req.project]
        view = ctx.view(req.project, target)
        reached.add(req.project)
        on.setdefault((req.project, req.extra), []).append(req)
        if not prov.is_satisfied_by(req, Cand(req.project, req.extra, i, view.versions[i],
                                                  view.raw[i], view.chosen[i])):
            out.append(f"{req.project}=={view.raw[i]} does not satisfy {req!r} (from {parent})")
        key = (req.project, req.extra)
        if key in seen:
            continue
        seen.add(key)
        cand = Cand(req.project, req.extra, i, view.versions[i], view.raw[i], view.chosen[i])
        for d in prov.get_dependencies(cand):
            stack.append((d, repr(cand)))
    for (project, extra), reqs in sorted(on.items()):
        view = ctx.view(project, target)
        i = index[project]
        if i not in prov.allowed(reqs, view):
            out.append(f"{project}=={view.raw[i]} is not allowed by the requirements on it "
                       f"together ({', '.join(sorted(map(repr, reqs)))}): "
                       + ("yanked" if i in view.yanked else "a pre-release nothing opts into"))
    for name in index:
        if name not in reached:
            out.append(f"{name} is pinned but nothing requires it")
    return out


def pct(xs, q):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))
    return xs[k]


def dist(xs):
    return {"n": len(xs), "median": pct(xs, 0.5), "p90": pct(xs, 0.9), "p99": pct(xs, 0.99),
            "max": max(xs) if xs else float("nan"), "mean": statistics.fmean(xs) if xs else float("nan"),
            "total": sum(xs)}


def fmt_ms(x):
    return f"{x * 1000:.3f}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pypidb")
    ap.add_argument("resolvelib")
    ap.add_argument("graph")
    ap.add_argument("report")
    ap.add_argument("--pypidb-rss-mb", type=float, default=None)
    ap.add_argument("--resolvelib-summary", default=None)
    ap.add_argument("--examples", type=int, default=10)
    ap.add_argument("--json-out", default=None)
    a = ap.parse_args()

    pj_all = {(r["environment"], r["target"]): r for r in load_jsonl(a.pypidb)}
    rl_all = {(r["environment"], r["target"]): r for r in load_jsonl(a.resolvelib)}
    # environments whose id ends in WARM are a second pass over the same environments (run.sh
    # PASSES=2): they are left out of the differential and timed separately (warm caches)
    warm_pj = {(e[: -len(WARM)], t): r for (e, t), r in pj_all.items() if e.endswith(WARM)}
    warm_rl = {(e[: -len(WARM)], t): r for (e, t), r in rl_all.items() if e.endswith(WARM)}
    pj = {k: r for k, r in pj_all.items() if not k[0].endswith(WARM)}
    rl = {k: r for k, r in rl_all.items() if not k[0].endswith(WARM)}
    keys = sorted(set(pj) & set(rl))
    missing = sorted(set(pj) ^ set(rl))
    ctx = Context(load_graph(a.graph))
    targets = {}

    classes = defaultdict(list)
    suspects = []
    for k in keys:
        p, r = pj[k], rl[k]
        t = targets.setdefault(k[1], Target(k[1]))
        reqs = r["requirements"]
        ps, rs = p["status"], r["status"]
        pp, rp = pin_map(parse_pins(p.get("pins_json"))), pin_map(r["pins"])
        item = {"environment": k[0], "target": k[1], "requirements": reqs,
                "pypidb": {"status": ps, "category": p.get("failure_category"),
                           "explanation": p.get("explanation"), "steps": p.get("steps")},
                "resolvelib": {"status": rs, "category": r.get("category"),
                               "detail": r.get("detail"), "rounds": r.get("rounds")}}
        if ps == "resolved" and rs == "resolved":
            if pp == rp:
                classes["agree-resolved-same-pins"].append(item)
                continue
            diff = {n: (pp.get(n), rp.get(n)) for n in sorted(set(pp) | set(rp))
                    if pp.get(n) != rp.get(n)}
            item["pin_diff"] = {n: {"pypidb": v[0], "resolvelib": v[1]} for n, v in diff.items()}
            vp = check_solution(ctx, t, reqs, pp)
            vr = check_solution(ctx, t, reqs, rp)
            item["pypidb_violations"], item["resolvelib_violations"] = vp, vr
            if vp:
                classes["other-pins: pypidb solution violates the reference rules"].append(item)
                suspects.append(item)
            elif vr:
                classes["other-pins: resolvelib solution violates the reference rules (harness bug)"].append(item)
            elif all(v[0] and v[1] and v[0][0] == v[1][0] for v in diff.values()):
                classes["other-pins: same versions, other file"].append(item)
            else:
                classes["other-pins: both valid (different choice among solutions)"].append(item)
        elif rs == "failed" and r.get("category") in ("budget_rounds", "budget_time"):
            if ps == "resolved":
                # resolvelib gave up: is pypidb's answer at least a valid solution?
                vp = check_solution(ctx, t, reqs, pp)
                item["pypidb_pins"] = pp
                item["pypidb_violations"] = vp
                if vp:
                    suspects.append(item)
                classes[f"resolvelib-budget ({r['category']}), pypidb resolved"
                        + (" with an INVALID solution" if vp else " (its solution checks out)")].append(item)
            else:
                classes[f"resolvelib-budget ({r['category']}), pypidb {ps}"].append(item)
        elif ps == "failed" and rs == "failed":
            if p.get("failure_category") == "budget_exhausted":
                classes["both failed, pypidb on its budget"].append(item)
            else:
                classes["agree-failed"].append(item)
        elif ps == "failed" and p.get("failure_category") == "budget_exhausted":
            classes["pypidb-budget, resolvelib resolved"].append(item)
        elif ps == "resolved":
            vp = check_solution(ctx, t, reqs, pp)
            item["pypidb_pins"] = pp
            item["pypidb_violations"] = vp
            if vp:
                classes["only-pypidb-resolved: its solution violates the reference rules"].append(item)
            else:
                classes["only-pypidb-resolved: valid solution resolvelib missed (resolvelib side)"].append(item)
            suspects.append(item) if vp else None
        else:
            vr = check_solution(ctx, t, reqs, rp)
            item["resolvelib_pins"] = rp
            item["resolvelib_violations"] = vr
            if vr:
                classes["only-resolvelib-resolved: its solution violates the reference rules (harness bug)"].append(item)
            else:
                classes["only-resolvelib-resolved: valid solution pypidb missed (suspected pypidb bug)"].append(item)
                suspects.append(item)

    n = len(keys)
    agree_status = sum(1 for k in keys if pj[k]["status"] == rl[k]["status"])
    both_ok = [k for k in keys if pj[k]["status"] == "resolved" and rl[k]["status"] == "resolved"]
    same_pins = len(classes["agree-resolved-same-pins"])
    decided = [k for k in keys if rl[k].get("category") not in ("budget_rounds", "budget_time")]
    agree_decided = sum(1 for k in decided if pj[k]["status"] == rl[k]["status"])

    # timing
    p_s = [float(pj[k]["micros"]) / 1e6 for k in keys]
    r_s = [float(rl[k]["seconds"]) for k in keys]
    dp, dr = dist(p_s), dist(r_s)
    wkeys = sorted(set(warm_pj) & set(warm_rl) & set(keys))
    wp_s = [float(warm_pj[k]["micros"]) / 1e6 for k in wkeys]
    wr_s = [float(warm_rl[k]["seconds"]) for k in wkeys]
    wslower = [k for k, p, r in zip(wkeys, wp_s, wr_s) if p > r]
    # a second pass must give the same answers (determinism, on both sides)
    unstable = {"pypidb": [], "resolvelib": []}
    for k in wkeys:
        if (warm_pj[k]["status"], pin_map(parse_pins(warm_pj[k].get("pins_json")))) != (
                pj[k]["status"], pin_map(parse_pins(pj[k].get("pins_json")))):
            unstable["pypidb"].append(k)
        if (warm_rl[k]["status"], pin_map(warm_rl[k]["pins"])) != (rl[k]["status"], pin_map(rl[k]["pins"])):
            unstable["resolvelib"].append(k)
    ratios = [r / p if p > 0 else float("inf") for p, r in zip(p_s, r_s)]
    slower = [k for k, p, r in zip(keys, p_s, r_s) if p > r]
    summary = json.load(open(a.resolvelib_summary)) if a.resolvelib_summary else {}

    L = []
    L.append(f"Pairs (environment, target) compared: **{n}**"
             + (f" ({len(missing)} present on one side only)" if missing else ""))
    L.append("")
    L.append(f"- success vs failure agree: **{agree_status}/{n} = {100 * agree_status / n:.2f}%**")
    L.append(f"- excluding resolvelib budget failures: {agree_decided}/{len(decided)} = "
             f"{100 * agree_decided / max(1, len(decided)):.2f}%")
    L.append(f"- both resolved: {len(both_ok)}; identical pins (name, version, file): "
             f"**{same_pins}/{len(both_ok)} = {100 * same_pins / max(1, len(both_ok)):.2f}%**")
    st_p = Counter(pj[k]["status"] + ("/" + pj[k]["failure_category"] if pj[k].get("failure_category") else "") for k in keys)
    st_r = Counter(rl[k]["status"] + ("/" + rl[k]["category"] if rl[k].get("category") else "") for k in keys)
    L.append(f"- pypidb outcomes: {dict(sorted(st_p.items()))}")
    L.append(f"- resolvelib outcomes: {dict(sorted(st_r.items()))}")
    L.append("")
    L.append("| class | count |")
    L.append("|---|---|")
    for c, items in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        L.append(f"| {c} | {len(items)} |")
    L.append("")
    L.append("### Timing (seconds per resolution; pypidb `micros` excludes JVM start, graph decode "
             "and Beam overhead; resolvelib excludes graph loading)")
    L.append("")
    L.append("| | n | median ms | p90 ms | p99 ms | max ms | mean ms | total s |")
    L.append("|---|---|---|---|---|---|---|---|")
    rows_t = [("pypidb, first pass", dp), ("resolvelib 0.9.0, first pass", dr)]
    if wkeys:
        rows_t += [("pypidb, second pass (warm)", dist(wp_s)),
                   ("resolvelib 0.9.0, second pass (warm)", dist(wr_s))]
    for name, d in rows_t:
        L.append(f"| {name} | {d['n']} | {fmt_ms(d['median'])} | {fmt_ms(d['p90'])} | "
                 f"{fmt_ms(d['p99'])} | {fmt_ms(d['max'])} | {fmt_ms(d['mean'])} | {d['total']:.2f} |")
    L.append("")
    med_ratio = dr["median"] / dp["median"] if dp["median"] > 0 else float("inf")
    L.append(f"- ratio of medians (resolvelib / pypidb): **{med_ratio:.1f}x**; of totals: "
             f"{dr['total'] / max(dp['total'], 1e-9):.1f}x; per-pair ratio median "
             f"{pct(ratios, 0.5):.1f}x, p10 {pct(ratios, 0.1):.1f}x, min {min(ratios):.2f}x")
    L.append(f"- pairs where pypidb was slower than resolvelib: **{len(slower)}**"
             + (": " + ", ".join(f"{k[0]}@{k[1]} ({float(pj[k]['micros']) / 1000:.1f} ms vs "
                                 f"{float(rl[k]['seconds']) * 1000:.1f} ms)" for k in slower[:10])
                if slower else ""))
    if wkeys:
        dwp, dwr = dist(wp_s), dist(wr_s)
        wratios = [r / p if p > 0 else float("inf") for p, r in zip(wp_s, wr_s)]
        L.append(f"- second pass (the same {len(wkeys)} pairs again, caches warm): ratio of medians "
                 f"**{dwr['median'] / max(dwp['median'], 1e-12):.1f}x**, of totals "
                 f"{dwr['total'] / max(dwp['total'], 1e-9):.1f}x, per-pair ratio median "
                 f"{pct(wratios, 0.5):.1f}x; pypidb slower on **{len(wslower)}** pairs"
                 + (": " + ", ".join(f"{k[0]}@{k[1]} ({float(warm_pj[k]['micros']) / 1000:.2f} ms vs "
                                     f"{float(warm_rl[k]['seconds']) * 1000:.2f} ms)" for k in wslower[:8])
                    if wslower else ""))
        L.append(f"- second pass answers differ from the first: pypidb {len(unstable['pypidb'])}, "
                 f"resolvelib {len(unstable['resolvelib'])}"
                 + (f" (pypidb: {unstable['pypidb'][:5]})" if unstable['pypidb'] else ""))
    # medians by target and by size (pypidb steps), first pass and (when present) warm pass
    L.append("")
    L.append("Medians by group (ms; ratio = resolvelib / pypidb):")
    L.append("")
    L.append("| group | n | pypidb | resolvelib | ratio | warm pypidb | warm resolvelib | warm ratio | pypidb slower (first / warm) |")
    L.append("|---|---|---|---|---|---|---|---|---|")
    groups = defaultdict(list)
    for k in keys:
        groups[f"target {k[1]}"].append(k)
        st = int(pj[k].get("steps") or 0)
        b = "steps < 10" if st < 10 else "10 <= steps < 50" if st < 50 else "steps >= 50"
        groups[f"pypidb {b}"].append(k)
        groups[f"{pj[k]['status']} (pypidb)"].append(k)
    for g, ks in sorted(groups.items()):
        gp = statistics.median(float(pj[k]["micros"]) / 1e3 for k in ks)
        gr = statistics.median(float(rl[k]["seconds"]) * 1e3 for k in ks)
        sl = sum(1 for k in ks if float(pj[k]["micros"]) / 1e6 > float(rl[k]["seconds"]))
        wk = [k for k in ks if k in warm_pj and k in warm_rl]
        if wk:
            wgp = statistics.median(float(warm_pj[k]["micros"]) / 1e3 for k in wk)
            wgr = statistics.median(float(warm_rl[k]["seconds"]) * 1e3 for k in wk)
            wsl = sum(1 for k in wk if float(warm_pj[k]["micros"]) / 1e6 > float(warm_rl[k]["seconds"]))
            w = f"{wgp:.3f} | {wgr:.3f} | {wgr / max(wgp, 1e-9):.1f}x | {sl} / {wsl}"
        else:
            w = f"- | - | - | {sl} / -"
        L.append(f"| {g} | {len(ks)} | {gp:.3f} | {gr:.3f} | {gr / max(gp, 1e-9):.1f}x | {w} |")
    # failure categories side by side
    cross = Counter((pj[k].get("failure_category") or "-", rl[k].get("category") or "-")
                    for k in keys if pj[k]["status"] == "failed" or rl[k]["status"] == "failed")
    L.append("")
    L.append("Failure categories, pypidb x resolvelib (pairs where either failed):")
    L.append("")
    L.append("| pypidb | resolvelib | count |")
    L.append("|---|---|---|")
    for (cp, cr), c in sorted(cross.items(), key=lambda kv: -kv[1]):
        L.append(f"| {cp} | {cr} | {c} |")
    L.append("")
    if a.pypidb_rss_mb is not None or summary:
        L.append(f"- peak RSS: pypidb resolve JVM (whole process, DirectRunner, full tables) "
                 f"{a.pypidb_rss_mb} MB; resolvelib process "
                 f"{summary.get('peak_rss_mb')} MB (of which {summary.get('rss_after_load_mb')} MB "
                 f"after loading the {summary.get('graph_projects')}-project closure graph in "
                 f"{summary.get('graph_load_seconds')} s)")
    L.append("")
    L.append("### Disagreements")
    for c, items in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        if c.startswith("agree-resolved-same") or c == "agree-failed":
            continue
        L.append("")
        L.append(f"#### {c} ({len(items)})")
        for it in items[: a.examples]:
            L.append("")
            L.append(f"- `{it['environment']}` on `{it['target']}`: `{json.dumps(it['requirements'])}`")
            L.append(f"  - pypidb: {it['pypidb']['status']}"
                     + (f" ({it['pypidb']['category']}, {it['pypidb']['steps']} steps)"
                        if it['pypidb']['category'] else f" ({it['pypidb']['steps']} steps)"))
            if it["pypidb"]["status"] == "failed" and it["pypidb"]["explanation"]:
                ex = it["pypidb"]["explanation"].replace("\n", " ")
                L.append(f"    > {ex[:700]}{'...' if len(ex) > 700 else ''}")
            L.append(f"  - resolvelib: {it['resolvelib']['status']}"
                     + (f" ({it['resolvelib']['category']}, {it['resolvelib']['rounds']} rounds)"
                        if it['resolvelib']['category'] else f" ({it['resolvelib']['rounds']} rounds)")
                     + (f": {it['resolvelib']['detail'][:400]}" if it['resolvelib'].get('detail') else ""))
            if "pin_diff" in it:
                d = ", ".join(f"{nm}: pypidb {v['pypidb'][0] if v['pypidb'] else '-'} / resolvelib "
                              f"{v['resolvelib'][0] if v['resolvelib'] else '-'}"
                              + ("" if not (v['pypidb'] and v['resolvelib'] and v['pypidb'][0] == v['resolvelib'][0])
                                 else f" (files {v['pypidb'][1]} / {v['resolvelib'][1]})")
                              for nm, v in list(it["pin_diff"].items())[:12])
                L.append(f"  - pins that differ: {d}")
            for side in ("pypidb", "resolvelib"):
                v = it.get(f"{side}_violations")
                if v:
                    L.append(f"  - {side} solution violates: " + "; ".join(v[:5]))
            if "pypidb_pins" in it:
                L.append("  - pypidb pins: " + ", ".join(f"{k}=={v[0]}" for k, v in sorted(it["pypidb_pins"].items())))
            if "resolvelib_pins" in it:
                L.append("  - resolvelib pins: " + ", ".join(f"{k}=={v[0]}" for k, v in sorted(it["resolvelib_pins"].items())))
        if len(items) > a.examples:
            L.append(f"\n- ... and {len(items) - a.examples} more (see the JSON output)")
    text = "\n".join(L) + "\n"
    with open(a.report, "w", encoding="utf-8") as f:
        f.write(text)
    if a.json_out:
        with open(a.json_out, "w", encoding="utf-8") as f:
            json.dump({"classes": {c: v for c, v in classes.items()
                                   if c not in ("agree-resolved-same-pins", "agree-failed")},
                       "counts": {c: len(v) for c, v in classes.items()},
                       "timing": {"pypidb": dp, "resolvelib": dr, "median_ratio": med_ratio},
                       "slower": [list(k) for k in slower]}, f, indent=1, default=str)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
