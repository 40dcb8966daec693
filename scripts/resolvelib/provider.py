#!/usr/bin/python3
"""A resolvelib 0.9.0 provider over pypidb's package graph (IndexJson, "pypidb-index/1").

This is the reference side of the differential check of issue 5.  It runs under Debian's
/usr/bin/python3 with python3-resolvelib 0.9.0 and python3-packaging 23.0, and reproduces
the candidate rules pypidb's resolver documents (pipelines/pypa/.../resolver/Resolver.java),
so that any disagreement is a question about the resolution algorithm or a bug, not about
the input:

* versions: valid PEP 440 versions only, newest first; of equal versions the first listed
  release is kept.  pip's opt-in rules, over all requirements on a (project, extra) merged
  (pip's ``find_matches`` merges every requirement before it filters): the versions every
  specifier contains (pre-releases included); pre-releases only when a specifier names one
  (packaging 26's ``SpecifierSet.prereleases``) or when no usable final release matches them
  all; yanked versions only when some requirement pins with ``==V`` (no wildcard) or ``===V``
  and every usable candidate left is yanked (PEP 592).  A candidate satisfies a requirement
  when the specifier contains it, pre-releases included (pip's ``is_satisfied_by``).
* Requires-Python of the release and of the chosen file must contain the target's
  python_full_version (invalid Requires-Python is ignored).
* the file: the best wheel by the target's tag priority (non-yanked first, then tag rank,
  then highest build number, then file name); under wheels+sdist the sdist when no wheel fits,
  unless the deps-db recorded a build error for the target's python key; a version without a
  usable file is never a candidate.  A version counts as yanked when the release is yanked or
  its chosen file is.
* dependencies: the chosen file's requires_dist (an sdist's requires_dist_by_python[key] when
  present), markers evaluated in the target's environment (a marker that cannot be evaluated,
  or an invalid requirement, is ignored); extras are nodes of their own ("foo[x]") whose
  candidate at v depends on foo==v plus the requirements that apply with the extra and not
  without it.
* preference: fewest remaining candidates first, ties by (project, extra) -- pypidb's
  decision order.

Targets (docs/targets.md): only CPython manylinux / musllinux / linux targets are supported
here (that is what the differential uses).
"""

from __future__ import annotations

import json
import re
import sys
import time
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

import resolvelib
from packaging import tags as ptags
from packaging.markers import Marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version

# packaging._manylinux consults an optional host module; a target is another machine.
sys.modules["_manylinux"] = None  # type: ignore[assignment]

# docs/targets.md, "python_full_version table" (PythonReleases.java is the only real copy).
FULL_VERSIONS = {
    (2, 7): "2.7.18", (3, 5): "3.5.10", (3, 6): "3.6.15", (3, 7): "3.7.17", (3, 8): "3.8.20",
    (3, 9): "3.9.25", (3, 10): "3.10.20", (3, 11): "3.11.15", (3, 12): "3.12.13",
    (3, 13): "3.13.13", (3, 14): "3.14.4", (3, 15): "3.15.0",
}

_LEGACY = {(2, 17): "manylinux2014", (2, 12): "manylinux2010", (2, 5): "manylinux1"}


class Target:
    """A CPython Linux target: tag priority and PEP 508 marker environment."""

    def __init__(self, text: str):
        m = re.fullmatch(r"cp(\d)(\d+)-(manylinux|musllinux)_(\d+)_(\d+)_(\w+)", text)
        if not m:
            raise ValueError(f"unsupported target {text!r} (cpXY-manylinux_X_Y_ARCH or musllinux)")
        self.text = text
        major, minor = int(m.group(1)), int(m.group(2))
        family, lmaj, lmin, arch = m.group(3), int(m.group(4)), int(m.group(5)), m.group(6)
        if (major, minor) < (3, 8):
            raise ValueError("targets older than 3.8 need the m ABI flag: not supported here")
        self.python = (major, minor)
        self.python_key = f"{major}{minor}"
        self.full_version = FULL_VERSIONS.get((major, minor), f"{major}.{minor}.0")
        platforms = [f"linux_{arch}"]
        if family == "manylinux":
            oldest = 5 if arch in ("x86_64", "i686") else 17
            for y in range(lmin, oldest - 1, -1):
                platforms.append(f"manylinux_{lmaj}_{y}_{arch}")
                if (lmaj, y) in _LEGACY:
                    platforms.append(f"{_LEGACY[(lmaj, y)]}_{arch}")
        else:
            for y in range(lmin, -1, -1):
                platforms.append(f"musllinux_{lmaj}_{y}_{arch}")
        interp = f"cp{major}{minor}"
        tag_list = list(ptags.cpython_tags(python_version=(major, minor), abis=[interp],
                                           platforms=platforms))
        tag_list += list(ptags.compatible_tags(python_version=(major, minor), interpreter=interp,
                                               platforms=platforms))
        self.rank: Dict[ptags.Tag, int] = {}
        for i, t in enumerate(tag_list):
            self.rank.setdefault(t, i)
        self.env = {
            "python_version": f"{major}.{minor}",
            "python_full_version": self.full_version,
            "implementation_name": "cpython",
            "implementation_version": self.full_version,
            "platform_python_implementation": "CPython",
            "os_name": "posix",
            "sys_platform": "linux",
            "platform_system": "Linux",
            "platform_machine": arch,
            "platform_release": "",
            "platform_version": "",
        }


# ---- the graph -------------------------------------------------------------------------------

def iter_projects(path: str, chunk: int = 1 << 22) -> Iterator[dict]:
    """Streams the project objects of an IndexJson document (projects as an array) without
    holding the whole document in memory."""
    dec = json.JSONDecoder()
    with open(path, "r", encoding="utf-8") as f:
        buf = f.read(chunk)
        m = re.search(r'"projects"\s*:\s*\[', buf)
        while m is None:
            more = f.read(chunk)
            if not more:
                raise ValueError(f"{path}: no \"projects\" array")
            buf += more
            m = re.search(r'"projects"\s*:\s*\[', buf)
        pos = m.end()
        eof = False
        want = chunk
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n,":
                pos += 1
            if pos < len(buf) and buf[pos] == "]":
                return
            try:
                if pos >= len(buf):
                    raise ValueError("need more")
                obj, end = dec.raw_decode(buf, pos)
            except ValueError:
                if eof:
                    raise
                more = f.read(want)
                want *= 2
                if not more:
                    eof = True
                buf = buf[pos:] + more
                pos = 0
                continue
            want = chunk
            yield obj
            pos = end
            if pos > (1 << 24):
                buf = buf[pos:]
                pos = 0


def dependency_names(project: dict) -> set:
    """Every project named by any requirement of any file of any release (for closures)."""
    out = set()
    for r in project.get("releases", ()):
        for f in r.get("files", ()):
            lists = [f.get("requires_dist") or []]
            lists += list((f.get("requires_dist_by_python") or {}).values())
            for lst in lists:
                for raw in lst:
                    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", raw)
                    if m:
                        out.add(canonicalize_name(m.group(1)))
    return out


def load_graph(path: str, only: Optional[set] = None) -> Dict[str, dict]:
    graph = {}
    for p in iter_projects(path):
        name = canonicalize_name(p["name"])
        if only is None or name in only:
            if name in graph:  # equal canonical names merge
                graph[name]["releases"].extend(p.get("releases", []))
            else:
                graph[name] = p
    return graph


# ---- per project, per target -----------------------------------------------------------------

def _yanked(v) -> bool:
    return v is True or (isinstance(v, str) and v != "")


class ProjectView:
    """A project's valid versions (ascending) and, per version, the chosen file or None."""

    __slots__ = ("name", "versions", "raw", "chosen", "yanked", "usable_desc", "usable", "pre",
                 "_filters", "_deps")

    def __init__(self, name: str, data: dict, target: Target, ctx: "Context",
                 sdists: bool = True):
        self.name = name
        seen = {}
        rels = []
        for r in data.get("releases", ()):
            try:
                v = Version(r["version"])
            except InvalidVersion:
                continue
            rels.append((v, len(rels), r))
        rels.sort(key=lambda t: (t[0], t[1]))
        versions, releases = [], []
        for v, _, r in rels:
            if versions and versions[-1] == v:
                continue
            versions.append(v)
            releases.append(r)
        self.versions = versions
        self.raw = [r["version"] for r in releases]
        self.chosen: List[Optional[dict]] = [None] * len(versions)
        self.yanked = set()
        full = target.full_version
        for i, r in enumerate(releases):
            rp = r.get("requires_python")
            if rp is not None:
                spec = ctx.requires_python(rp)
                if spec is not None and not spec.contains(full, prereleases=True):
                    continue
            best, best_key = None, None
            for d in r.get("files", ()):
                fn = d["filename"]
                kind = d.get("kind") or ("wheel" if fn.endswith(".whl") else "sdist")
                build = 0
                if kind == "wheel":
                    rank = ctx.wheel_rank(fn, target)
                    if rank is None:
                        continue
                    try:
                        bt = parse_wheel_filename(fn)[2]
                        build = -bt[0] if bt else 0
                    except Exception:
                        build = 0
                else:
                    if not sdists:
                        continue
                    if target.python_key in (d.get("build_errors_by_python") or {}):
                        continue
                    rank = 1 << 31
                frp = d.get("requires_python")
                if frp is not None:
                    spec = ctx.requires_python(frp)
                    if spec is not None and not spec.contains(full, prereleases=True):
                        continue
                key = (1 if _yanked(d.get("yanked")) else 0, rank, build, fn)
                if best is None or key < best_key:
                    best, best_key = d, key
            if best is None:
                continue
            self.chosen[i] = best
            if _yanked(r.get("yanked")) or _yanked(best.get("yanked")):
                self.yanked.add(i)
        self.usable_desc = [i for i in range(len(versions) - 1, -1, -1) if self.chosen[i] is not None]
        self.usable = frozenset(self.usable_desc)
        self.pre = frozenset(i for i, v in enumerate(versions) if v.is_prerelease)
        self._filters: Dict[str, frozenset] = {}
        self._deps: Dict[Tuple[int, str], list] = {}

    def matching(self, spec: SpecifierSet) -> frozenset:
        """The versions every specifier contains, pre-releases included."""
        key = str(spec)
        got = self._filters.get(key)
        if got is None:
            got = frozenset(i for i, v in enumerate(self.versions)
                            if all(s.contains(v, prereleases=True) for s in spec))
            self._filters[key] = got
        return got


def names_prerelease(spec: SpecifierSet) -> bool:
    """packaging 26's ``SpecifierSet.prereleases`` is True (23.0 differs for ``==1.0a1.*``
    and raises for ``===`` with a non-version)."""
    for s in spec:
        if s.operator == "!=" or (s.operator == "==" and s.version.endswith(".*")):
            continue
        try:
            if Version(s.version).is_prerelease:
                return True
        except InvalidVersion:
            continue
    return False


class Context:
    """Parse caches and per-target project views, shared by all resolutions (as pypidb's
    Resolver shares its caches)."""

    def __init__(self, graph: Dict[str, dict], sdists: bool = True):
        self.graph = graph
        self.sdists = sdists
        self._rp: Dict[str, object] = {}
        self._req: Dict[str, object] = {}
        self._marker: Dict[Tuple[str, str, str], object] = {}
        self._wheel: Dict[str, object] = {}
        self._views: Dict[Tuple[str, str], Optional[ProjectView]] = {}

    def requires_python(self, raw: str) -> Optional[SpecifierSet]:
        got = self._rp.get(raw, self)
        if got is self:
            try:
                got = SpecifierSet(raw)
            except InvalidSpecifier:
                got = None
            self._rp[raw] = got
        return got  # type: ignore[return-value]

    def wheel_rank(self, filename: str, target: Target) -> Optional[int]:
        key = target.text + "|" + filename
        got = self._wheel.get(key, self)
        if got is self:
            try:
                wtags = parse_wheel_filename(filename)[3]
                ranks = [target.rank[t] for t in wtags if t in target.rank]
                got = min(ranks) if ranks else None
            except Exception:
                got = None
            self._wheel[key] = got
        return got  # type: ignore[return-value]

    def requirement(self, raw: str):
        got = self._req.get(raw)
        if got is None:
            try:
                got = Requirement(raw)
            except InvalidRequirement as e:
                got = str(e) or "invalid"
            self._req[raw] = got
        return got

    def marker_holds(self, marker: Marker, target: Target, extra: str) -> bool:
        key = (target.text, extra, str(marker))
        got = self._marker.get(key)
        if got is None:
            env = dict(target.env)
            env["extra"] = extra
            try:
                got = bool(marker.evaluate(env))
            except Exception as e:  # noqa: BLE001 - any evaluation failure
                got = e
            self._marker[key] = got
        if isinstance(got, Exception):
            raise got
        return got

    def view(self, project: str, target: Target) -> Optional[ProjectView]:
        key = (target.text, project)
        if key not in self._views:
            data = self.graph.get(project)
            self._views[key] = None if data is None else ProjectView(project, data, target, self,
                                                                      self.sdists)
        return self._views[key]

    def read_requirements(self, reqs: Iterable[str], target: Target, extra: str):
        """{(project, extra): (SpecifierSet, pinned)} as Resolver.readRequirements builds it,
        plus the list of invalid requirement strings."""
        merged: Dict[Tuple[str, str], SpecifierSet] = {}
        invalid = []
        for raw in reqs:
            r = self.requirement(raw)
            if isinstance(r, str):
                invalid.append(raw)
                continue
            if r.marker is None:
                applies = extra == ""
            else:
                try:
                    applies = self.marker_holds(r.marker, target, extra)
                except Exception:
                    continue
                if applies and extra != "":
                    try:
                        applies = not self.marker_holds(r.marker, target, "")
                    except Exception:
                        pass
            if not applies:
                continue
            project = canonicalize_name(r.name)
            extras = []
            for e in sorted(r.extras) if r.extras else []:
                c = canonicalize_name(e)
                if c not in extras:
                    extras.append(c)
            if not extras:
                extras = [""]
            for e in extras:
                k = (project, e)
                merged[k] = merged[k] & r.specifier if k in merged else SpecifierSet(str(r.specifier))
        out = {}
        for k, spec in merged.items():
            pinned = any((s.operator == "===") or (s.operator == "==" and not s.version.endswith(".*"))
                         for s in spec)
            out[k] = (spec, pinned)
        return out, invalid


# ---- resolvelib ------------------------------------------------------------------------------

class Req:
    __slots__ = ("project", "extra", "spec", "pinned", "only", "text")

    def __init__(self, project: str, extra: str, spec: SpecifierSet, pinned: bool,
                 only: Optional[int] = None):
        self.project = project
        self.extra = extra
        self.spec = spec
        self.pinned = pinned
        self.only = only  # an extra's dependency on its base: exactly this version index
        self.text = f"{project}{'[' + extra + ']' if extra else ''}{spec}"

    @property
    def ident(self) -> str:
        return self.project if not self.extra else f"{self.project}[{self.extra}]"

    def __repr__(self):
        return self.text if self.only is None else f"{self.project}==#{self.only}"


class Cand:
    __slots__ = ("project", "extra", "index", "version", "raw_version", "dist")

    def __init__(self, project, extra, index, version, raw_version, dist):
        self.project, self.extra, self.index, self.version, self.raw_version, self.dist = (
            project, extra, index, version, raw_version, dist)

    @property
    def ident(self) -> str:
        return self.project if not self.extra else f"{self.project}[{self.extra}]"

    def __repr__(self):
        return f"{self.ident}=={self.version}"


class OutOfTime(Exception):
    pass


class Provider(resolvelib.AbstractProvider):
    def __init__(self, ctx: Context, target: Target, deadline: Optional[float] = None):
        self.ctx = ctx
        self.target = target
        self.deadline = deadline
        self.calls = 0

    def _check(self):
        self.calls += 1
        if self.deadline is not None and (self.calls & 15) == 0 and time.perf_counter() > self.deadline:
            raise OutOfTime()

    def identify(self, requirement_or_candidate):
        return requirement_or_candidate.ident

    def get_preference(self, identifier, resolutions, candidates, information, backtrack_causes):
        n = sum(1 for _ in candidates[identifier])
        project, _, extra = identifier.partition("[")
        return (n, project, extra.rstrip("]"))

    @staticmethod
    def allowed(reqs, view: ProjectView) -> frozenset:
        """pip's candidates for all requirements on one (project, extra) together."""
        reqs = list(reqs)
        out = None
        for r in reqs:
            if r.only is not None:
                out = frozenset((r.only,)) if out is None else out & {r.only}
        specs = [r for r in reqs if r.only is None]
        if specs:
            m = frozenset(range(len(view.versions)))
            for r in specs:
                m = m & view.matching(r.spec)
            finals = (m & view.usable) - view.pre
            if not (any(names_prerelease(r.spec) for r in specs) or not finals):
                m = m - view.pre
            if not (any(r.pinned for r in specs) and (m & view.usable) <= view.yanked):
                m = m - view.yanked
            out = m if out is None else out & m
        return out if out is not None else frozenset(range(len(view.versions)))

    def find_matches(self, identifier, requirements, incompatibilities):
        self._check()
        project, _, extra = identifier.partition("[")
        extra = extra.rstrip("]")
        view = self.ctx.view(project, self.target)
        if view is None:
            return []
        allowed = self.allowed(requirements[identifier], view)
        bad = {c.index for c in incompatibilities[identifier]}
        return [Cand(project, extra, i, view.versions[i], view.raw[i], view.chosen[i])
                for i in view.usable_desc
                if (allowed is None or i in allowed) and i not in bad]

    def is_satisfied_by(self, requirement, candidate):
        if requirement.only is not None:
            return candidate.index == requirement.only
        view = self.ctx.view(candidate.project, self.target)
        return candidate.index in view.matching(requirement.spec)

    def get_dependencies(self, candidate):
        self._check()
        view = self.ctx.view(candidate.project, self.target)
        key = (candidate.index, candidate.extra)
        deps = view._deps.get(key)
        if deps is None:
            d = candidate.dist
            reqs = d.get("requires_dist") or []
            kind = d.get("kind") or ("wheel" if d["filename"].endswith(".whl") else "sdist")
            if kind == "sdist":
                by = d.get("requires_dist_by_python") or {}
                if self.target.python_key in by:
                    reqs = by[self.target.python_key]
            merged, _ = self.ctx.read_requirements(reqs, self.target, candidate.extra)
            deps = []
            if candidate.extra:
                deps.append(Req(candidate.project, "", SpecifierSet("==" + str(candidate.version)),
                                True, only=candidate.index))
            for (p, e), (spec, pinned) in merged.items():
                if p == candidate.project and e == candidate.extra:
                    # a self-dependency (pypidb: foo v depends on foo: v must be allowed)
                    deps.append(Req(p, e, spec, pinned))
                    continue
                deps.append(Req(p, e, spec, pinned))
            view._deps[key] = deps
        return deps


def root_requirements(ctx: Context, reqs: List[str], target: Target):
    """The environment's requirements as Req objects (merged per key, as pypidb's root);
    returns (reqs, invalid_strings)."""
    merged, invalid = ctx.read_requirements(reqs, target, "")
    return [Req(p, e, spec, pinned) for (p, e), (spec, pinned) in merged.items()], invalid
