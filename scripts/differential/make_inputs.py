#!/usr/bin/env python3
"""Build the differential-test input set for `pypidb eval` (docs/eval.md).

Usage:  python3 make_inputs.py CORPUS_DIR PYPI_TSV OUT.jsonl [--seed=N]
            [--compare-pairs=N] [--contains-pairs=N] [--compatible-pairs=N]

The inputs are the real strings found in the corpus (BigQuery wheel metadata and
pypi-deps-db) and in the PyPI package list, plus the hand-written edge cases of
tricky_cases.py.  Everything is deduplicated and emitted in a fixed order, and
all sampling uses one seeded PRNG over sorted data, so the same corpus always
yields the same file (a disagreement found once can be found again).

The output holds one op per line; the per-op line counts go to stderr.
"""

from __future__ import annotations

import argparse
import collections
import glob
import gzip
import json
import os
import random
import re
import sys
import warnings
from dataclasses import dataclass, field
from typing import Iterable, Iterator

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tricky_cases  # noqa: E402
from oracle import Target, target_platforms  # noqa: E402
from packaging.requirements import Requirement  # noqa: E402
from packaging.specifiers import SpecifierSet  # noqa: E402
from packaging.utils import canonicalize_name, parse_wheel_filename  # noqa: E402
from packaging.version import InvalidVersion, Version  # noqa: E402

warnings.simplefilter("ignore")  # ast.literal_eval warns on odd escapes in markers

# Marker environments are derived from these targets (docs/targets.md).
MARKER_TARGETS = [
    ("cp27mu-manylinux1_x86_64", None),
    ("cp38-win_amd64", None),
    ("cp311-macosx_14_0_arm64", None),
    ("cp312-manylinux_2_39_x86_64", None),
    ("cp313t-manylinux_2_28_aarch64", None),
    ("pp310-manylinux_2_17_x86_64", None),
    ("cp312-manylinux_2_39_x86_64", "test"),
    ("cp311-macosx_14_0_arm64", "Socks"),
]
# A host that defines almost nothing: exercises "Undefined environment name".
PARTIAL_ENVIRONMENT = {"python_version": "3.12", "extra": "docs"}

PYTHON_FULL_VERSION = {
    (2, 7): "2.7.18", (3, 5): "3.5.10", (3, 6): "3.6.15", (3, 7): "3.7.17",
    (3, 8): "3.8.20", (3, 9): "3.9.25", (3, 10): "3.10.20", (3, 11): "3.11.15",
    (3, 12): "3.12.13", (3, 13): "3.13.13", (3, 14): "3.14.4", (3, 15): "3.15.0",
}
# CPython language level of the newest PyPy (7.3.20) for each series.
PYPY_FULL_VERSION = {(2, 7): "2.7.18", (3, 10): "3.10.16", (3, 11): "3.11.13"}
PYPY_VERSION = "7.3.20"

# Python versions for checking `requires_python` specifiers.
PYTHON_VERSIONS = sorted(
    {f"{major}.{minor}" for major, minor in PYTHON_FULL_VERSION}
    | set(PYTHON_FULL_VERSION.values())
    | {"3.0", "3.1", "3.2", "3.3", "3.4", "3.13.0rc1", "3.14.0a1", "3.15.0b2", "4.0"}
)

# the value side of `extra == "..."` in a marker
_EXTRA_VALUE = re.compile(r"""\bextra\s*==\s*(["'])(.*?)\1""")
# name and extras at the start of a requirement, to cut out the raw specifier text
_NAME_AND_EXTRAS = re.compile(r"\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\])?")


@dataclass
class Corpus:
    """Every distinct string the inputs are built from."""

    names: set[str] = field(default_factory=set)
    versions_by_project: dict[str, set[str]] = field(
        default_factory=lambda: collections.defaultdict(set)
    )
    requirements: set[str] = field(default_factory=set)
    requires_python: set[str] = field(default_factory=set)
    extras_markers: set[str] = field(default_factory=set)
    wheels: set[str] = field(default_factory=set)

    def add_version(self, project: str, version: str) -> None:
        self.versions_by_project[canonicalize_name(project)].add(version)


# ----------------------------------------------------------------------------
# Loading
# ----------------------------------------------------------------------------


def load_pypi_tsv(path: str, corpus: Corpus) -> None:
    """name and version columns of the PyPI package list (header: name version ...)."""
    with open(path, encoding="utf-8", newline="\n") as f:
        next(f)
        for line in f:
            columns = line.rstrip("\n").split("\t")
            if len(columns) >= 2:
                corpus.names.add(columns[0])
                corpus.add_version(columns[0], columns[1])


def load_bigquery(corpus_dir: str, corpus: Corpus) -> None:
    """Wheel rows: name, version, filename, requires_dist, requires_python."""
    for path in sorted(glob.glob(os.path.join(corpus_dir, "bigquery", "*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                corpus.names.add(row["name"])
                corpus.add_version(row["name"], row["version"])
                corpus.wheels.add(row["filename"])
                corpus.requirements.update(row.get("requires_dist") or ())
                if row.get("requires_python"):
                    corpus.requires_python.add(row["requires_python"])


def _deps_db_buckets(corpus_dir: str, kind: str) -> Iterator[dict]:
    for path in sorted(glob.glob(os.path.join(corpus_dir, "pypi-deps-db", kind, "*.json.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            yield json.load(f)


def load_deps_db(corpus_dir: str, corpus: Corpus) -> None:
    """Project names, version keys and sdist requirements of pypi-deps-db.

    Layout: wheel/*: {name: {pyver: {version: {filename: ...}}}};
    sdist/*: {name: {version: {pyver: {install_requires: [...], ...}} or "alias"}}.
    """
    for bucket in _deps_db_buckets(corpus_dir, "wheel"):
        for name, by_python in bucket.items():
            corpus.names.add(name)
            for versions in by_python.values():
                for version in versions:
                    corpus.add_version(name, version)
    for bucket in _deps_db_buckets(corpus_dir, "sdist"):
        for name, versions in bucket.items():
            corpus.names.add(name)
            for version, by_python in versions.items():
                corpus.add_version(name, version)
                if isinstance(by_python, dict):
                    for body in by_python.values():
                        if isinstance(body, dict):
                            _add_sdist_body(body, corpus)


def _add_sdist_body(body: dict, corpus: Corpus) -> None:
    """Requirements of one setup.py evaluation; extras_require keys are "extra:marker"."""
    for key in ("install_requires", "setup_requires", "tests_require"):
        corpus.requirements.update(_strings(body.get(key)))
    for extra_key, requirements in (body.get("extras_require") or {}).items():
        corpus.requirements.update(_strings(requirements))
        _, _, marker = extra_key.partition(":")
        if marker.strip():
            corpus.extras_markers.add(marker)
    corpus.requires_python.update(_strings(body.get("python_requires")))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def load_corpus(corpus_dir: str, pypi_tsv: str) -> Corpus:
    corpus = Corpus()
    load_pypi_tsv(pypi_tsv, corpus)
    load_bigquery(corpus_dir, corpus)
    load_deps_db(corpus_dir, corpus)
    return corpus


# ----------------------------------------------------------------------------
# Derived data
# ----------------------------------------------------------------------------


@dataclass
class ParsedRequirements:
    """What packaging makes of each corpus requirement string."""

    specifiers: set[str] = field(default_factory=set)  # str(req.specifier) and raw text
    project_specs: list[tuple[str, str]] = field(default_factory=list)  # (spec, project)
    markers: set[str] = field(default_factory=set)  # markers of valid requirements
    invalid_markers: set[str] = field(default_factory=set)  # text after ";" of invalid ones


def raw_specifier(text: str) -> str | None:
    """The text between name/extras and ";" as written (None for URL requirements)."""
    match = _NAME_AND_EXTRAS.match(text)
    if match is None:
        return None
    rest = text[match.end():]
    if rest.lstrip().startswith("@"):
        return None
    return rest.split(";", 1)[0].strip()


def _as_written(raw: str | None, normalized: str) -> str:
    """The specifier as the author wrote it (legacy parentheses removed) when
    SpecifierSet accepts that text, else packaging's normalized form."""
    if raw and raw.startswith("(") and raw.endswith(")"):
        raw = raw[1:-1].strip()
    try:
        SpecifierSet(raw or "")
    except Exception:  # noqa: BLE001
        return normalized
    return raw or normalized


def parse_requirements(texts: Iterable[str]) -> ParsedRequirements:
    parsed = ParsedRequirements()
    for text in sorted(texts):
        raw = raw_specifier(text)
        if raw is not None:
            parsed.specifiers.add(raw)
            if raw.startswith("(") and raw.endswith(")"):
                parsed.specifiers.add(raw[1:-1].strip())
        try:
            req = Requirement(text)
        except Exception:  # noqa: BLE001 - any parse failure means "invalid"
            if ";" in text:
                parsed.invalid_markers.add(text.split(";", 1)[1])
            continue
        spec = str(req.specifier)
        parsed.specifiers.add(spec)
        if spec:
            parsed.project_specs.append((_as_written(raw, spec), canonicalize_name(req.name)))
        if req.marker is not None:
            parsed.markers.add(str(req.marker))
            if not (req.url and ";" in req.url):
                parsed.markers.add(text.split(";", 1)[1])
    return parsed


def is_valid_version(text: str) -> bool:
    try:
        Version(text)
    except (InvalidVersion, ValueError):
        return False
    return True


def target_environment(text: str, extra: str | None = None) -> dict[str, str]:
    """The PEP 508 marker environment of a target (docs/targets.md, "Marker environment")."""
    target = Target(text)
    platform = target.platform
    if platform.startswith("win"):
        system, sys_platform, os_name = "Windows", "win32", "nt"
        machine = {"win32": "x86", "win_amd64": "AMD64", "win_arm64": "ARM64"}.get(platform, "AMD64")
    elif platform.startswith("macosx"):
        system, sys_platform, os_name = "Darwin", "darwin", "posix"
        machine = "x86_64" if platform.endswith("x86_64") else "arm64"
    elif platform.startswith("ios"):
        system, sys_platform, os_name = "iOS", "ios", "posix"
        machine = "x86_64" if "_x86_64_" in platform else "arm64"
    elif platform.startswith("android"):
        system, sys_platform, os_name = "Android", "android", "posix"
        abi = platform.split("_", 2)[2]
        machine = {"arm64_v8a": "aarch64", "armeabi_v7a": "armv7l", "x86": "i686"}.get(abi, abi)
    else:
        system, sys_platform, os_name = "Linux", "linux", "posix"
        machine = re.sub(r"^(?:many|musl)?linux(?:_[0-9]+_[0-9]+|1|2010|2014)?_", "", platform)
    if target.impl == "cp":
        full = PYTHON_FULL_VERSION.get(target.version, "%d.%d.0" % target.version)
        implementation = ("cpython", full, "CPython")
    else:
        full = PYPY_FULL_VERSION.get(target.version, "%d.%d.0" % target.version)
        implementation = ("pypy", PYPY_VERSION, "PyPy")
    environment = {
        "python_version": "%d.%d" % target.version,
        "python_full_version": full,
        "implementation_name": implementation[0],
        "implementation_version": implementation[1],
        "platform_python_implementation": implementation[2],
        "os_name": os_name,
        "sys_platform": sys_platform,
        "platform_system": system,
        "platform_machine": machine,
        "platform_release": "",
        "platform_version": "",
    }
    if extra is not None:
        environment["extra"] = extra
    return environment


def marker_environments() -> list[dict[str, str]]:
    return [target_environment(t, extra) for t, extra in MARKER_TARGETS] + [PARTIAL_ENVIRONMENT]


def _unique(items: Iterable) -> list:
    """Order-preserving de-duplication."""
    return list(dict.fromkeys(items))


# ----------------------------------------------------------------------------
# Op generators
# ----------------------------------------------------------------------------


def name_ops(corpus: Corpus) -> Iterator[dict]:
    for name in _unique([*sorted(corpus.names), *tricky_cases.NAMES]):
        yield {"op": "name", "name": name}


def all_versions(corpus: Corpus) -> list[str]:
    found = set().union(*corpus.versions_by_project.values())
    return _unique([*sorted(found), *tricky_cases.VERSIONS])


def version_ops(versions: list[str]) -> Iterator[dict]:
    for version in versions:
        yield {"op": "version", "version": version}


def compare_ops(corpus: Corpus, versions: list[str], rng: random.Random, pairs: int) -> Iterator[dict]:
    """Shuffled neighbours, neighbours within a project, and all crafted pairs."""
    valid = [v for v in versions if is_valid_version(v)]
    rng.shuffle(valid)
    for a, b in zip(valid[:pairs], valid[1:pairs + 1]):
        yield {"op": "compare", "a": a, "b": b}
    own_versions = {p: sorted(v for v in vs if is_valid_version(v))
                    for p, vs in sorted(corpus.versions_by_project.items())}
    projects = [p for p, vs in own_versions.items() if len(vs) > 1]
    for project in rng.sample(projects, min(len(projects), pairs // 10)):
        same = own_versions[project]
        start = rng.randrange(len(same) - 1)
        yield {"op": "compare", "a": same[start], "b": same[start + 1]}
    for a in tricky_cases.COMPARE_VERSIONS:
        for b in tricky_cases.COMPARE_VERSIONS:
            yield {"op": "compare", "a": a, "b": b}


def requirement_ops(corpus: Corpus) -> Iterator[dict]:
    for text in _unique([*sorted(corpus.requirements), *tricky_cases.REQUIREMENTS]):
        yield {"op": "requirement", "requirement": text}


def wheel_ops(corpus: Corpus) -> Iterator[dict]:
    for filename in _unique([*sorted(corpus.wheels), *tricky_cases.WHEELS]):
        yield {"op": "wheel", "filename": filename}


def specifier_ops(specifiers: list[str]) -> Iterator[dict]:
    for spec in specifiers:
        yield {"op": "specifier", "specifier": spec}


def _probe_versions(spec_text: str) -> list[str]:
    """Versions right at the edges of each clause of a specifier."""
    try:
        spec_set = SpecifierSet(spec_text)
    except Exception:  # noqa: BLE001
        return []
    probes = []
    for spec in spec_set:
        base = spec.version[:-2] if spec.version.endswith(".*") else spec.version
        public = base.split("+", 1)[0]
        probes += [base, public + ".post1", public + "a1", public + ".dev0", public + "+local",
                   public + ".0", public + ".1", public + "rc1.post1"]
    return probes


def contains_pairs(corpus: Corpus, parsed: ParsedRequirements, specifiers: list[str],
                   versions: list[str], rng: random.Random, pairs: int) -> list[tuple[str, str]]:
    """~`pairs` (specifier, version) pairs: the project's own versions when known,
    edge probes derived from the specifier, requires_python against Python versions,
    and a few invalid or arbitrary specifiers."""
    project_specs = sorted(set(parsed.project_specs))
    python_specs = sorted(corpus.requires_python)
    chosen = dict.fromkeys(tricky_cases.CONTAINS)
    for _ in range(pairs * 3):  # bounded: duplicates are drawn and dropped
        if len(chosen) >= pairs:
            break
        roll = rng.random()
        if roll < 0.10 and python_specs:
            chosen[rng.choice(python_specs), rng.choice(PYTHON_VERSIONS)] = None
            continue
        if roll < 0.12:
            chosen[rng.choice(specifiers), rng.choice(versions)] = None
            continue
        spec, project = rng.choice(project_specs)
        own = sorted(corpus.versions_by_project.get(project, ()))
        probes = _probe_versions(spec) if roll < 0.30 else []
        if probes:
            version = rng.choice(probes)
        elif own:
            version = rng.choice(own)
        else:
            version = rng.choice(versions)
        chosen[spec, version] = None
    return list(chosen)


def contains_ops(pairs: list[tuple[str, str]]) -> Iterator[dict]:
    for spec, version in pairs:
        for prereleases in (None, True, False):
            yield {"op": "contains", "specifier": spec, "version": version,
                   "prereleases": prereleases}


def marker_ops(corpus: Corpus, parsed: ParsedRequirements) -> Iterator[dict]:
    environments = marker_environments()
    corpus_markers = sorted(parsed.markers | corpus.extras_markers)
    for marker in corpus_markers:
        for environment in environments:
            yield {"op": "marker", "marker": marker, "environment": environment}
        # Most corpus markers test `extra`, false under every environment above:
        # also ask with the extra they name, spelled as written, to reach "true".
        for extra in _unique(value for _, value in _EXTRA_VALUE.findall(marker) if value):
            yield {"op": "marker", "marker": marker,
                   "environment": {**environments[3], "extra": extra}}
    # Markers that failed as part of a requirement: parsing is what matters.
    for marker in sorted(parsed.invalid_markers - set(corpus_markers)):
        yield {"op": "marker", "marker": marker, "environment": environments[3]}
    for marker in tricky_cases.MARKERS:
        for environment in environments + tricky_cases.EXTRA_ENVIRONMENTS:
            yield {"op": "marker", "marker": marker, "environment": environment}


def tags_ops() -> Iterator[dict]:
    for target in tricky_cases.TARGETS + tricky_cases.INVALID_TARGETS:
        yield {"op": "tags", "target": target}


def _platform_family(platform: str) -> str:
    for prefix in ("manylinux", "musllinux", "linux", "macosx", "win", "ios", "android"):
        if platform.startswith(prefix):
            return prefix
    return "other"


def compatible_ops(corpus: Corpus, rng: random.Random, pairs: int) -> Iterator[dict]:
    """Wheel/target pairs; half of them matched by platform family so that
    compatible answers with interesting ranks are common, not just py3-none-any."""
    targets = tricky_cases.TARGETS
    by_family = collections.defaultdict(list)
    for target in targets:
        for family in {_platform_family(p) for p in target_platforms(Target(target).platform)}:
            by_family[family].append(target)
    wheels = sorted(corpus.wheels)
    for filename in rng.sample(wheels, min(pairs, len(wheels))):
        target = rng.choice(targets)
        if rng.random() < 0.5:
            try:
                wheel_tags = parse_wheel_filename(filename)[3]
                family = _platform_family(min(t.platform for t in wheel_tags))
                target = rng.choice(by_family.get(family) or targets)
            except Exception:  # noqa: BLE001 - invalid filenames keep the random target
                pass
        yield {"op": "compatible", "filename": filename, "target": target}
    for filename in tricky_cases.WHEELS:
        for target in targets[::7]:
            yield {"op": "compatible", "filename": filename, "target": target}


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------


def build(args: argparse.Namespace) -> Iterator[dict]:
    rng = random.Random(args.seed)
    corpus = load_corpus(args.corpus_dir, args.pypi_tsv)
    parsed = parse_requirements(corpus.requirements)
    versions = all_versions(corpus)
    specifiers = _unique([*sorted(parsed.specifiers | corpus.requires_python),
                          *tricky_cases.SPECIFIERS])

    yield from name_ops(corpus)
    yield from version_ops(versions)
    yield from compare_ops(corpus, versions, rng, args.compare_pairs)
    yield from specifier_ops(specifiers)
    yield from contains_ops(contains_pairs(corpus, parsed, specifiers, versions, rng,
                                           args.contains_pairs))
    yield from requirement_ops(corpus)
    yield from marker_ops(corpus, parsed)
    yield from wheel_ops(corpus)
    yield from tags_ops()
    yield from compatible_ops(corpus, rng, args.compatible_pairs)


def encode(op: dict) -> str:
    """One compact JSON line; \\u escapes only where UTF-8 cannot carry a string."""
    text = json.dumps(op, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        text = json.dumps(op, separators=(",", ":"))
    return text + "\n"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus_dir")
    parser.add_argument("pypi_tsv")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=20260508)
    parser.add_argument("--compare-pairs", type=int, default=50_000)
    parser.add_argument("--contains-pairs", type=int, default=100_000)
    parser.add_argument("--compatible-pairs", type=int, default=50_000)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    counts: collections.Counter[str] = collections.Counter()
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        for op in build(args):
            counts[op["op"]] += 1
            out.write(encode(op))
    for op, count in counts.items():
        print(f"{op:12} {count:>9,}", file=sys.stderr)
    print(f"{'total':12} {sum(counts.values()):>9,}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
