#!/usr/bin/env python3
"""Reference implementation of the `pypidb eval` JSON-lines protocol (docs/eval.md).

Reads one JSON object per line on stdin and writes one result object per line on
stdout, computed with `packaging` 26.2.  The output of this script is the
"expected" side of the differential test; `pypidb eval` is the "actual" side.

Everything here deliberately goes through packaging's own functions (including a
few private ones: the marker evaluator and the manylinux/musllinux ladders), so
that the oracle inherits packaging's exact behaviour instead of re-deriving it.
The only deviations are the ones the contract documents:

* markers are evaluated with no implicit host environment (docs/eval.md);
* for manylinux/musllinux targets the native `linux_<arch>` tag comes first
  (docs/targets.md, "The one deliberate difference from packaging 26.2").

Usage:  python3 oracle.py < inputs.jsonl > expected.jsonl
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import sys
from typing import Any, Callable, Iterator

import packaging
from packaging import _manylinux, _musllinux, markers, tags
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

# Python refuses int() on more than 4300 digits by default.  That is a limit of
# the Python runtime, not of PEP 440 or packaging's rules; lift it so that huge
# release numbers parse as packaging intends ("version segments are not bounded").
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)

# packaging._manylinux._is_compatible() consults an optional top-level
# `_manylinux` module installed on the host.  A target describes another
# machine, so make sure that module can never be found.
sys.modules["_manylinux"] = None  # type: ignore[assignment]

EXPECTED_PACKAGING_VERSION = "26.2"
CACHE_SIZE = 1 << 17


class BadRequest(Exception):
    """A malformed input line: answered with {"error": ...} (docs/eval.md)."""


# ----------------------------------------------------------------------------
# Cached parsing.  packaging objects are immutable for the uses below, so
# sharing them between lines is safe; failures are cached as exception objects.
# ----------------------------------------------------------------------------


def _cached_parse(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """Memoise `parse`, returning the raised exception instead of raising it."""

    @functools.lru_cache(maxsize=CACHE_SIZE)
    def wrapper(text: str) -> Any:
        try:
            return parse(text)
        except Exception as exc:  # noqa: BLE001 - every failure is "invalid"
            return exc

    return wrapper


parse_version = _cached_parse(Version)
parse_marker = _cached_parse(Marker)
parse_wheel = _cached_parse(parse_wheel_filename)
# contains() fills private caches but never changes what a SpecifierSet means;
# str() however re-sorts and de-duplicates its specs, so the `specifier` op gets
# its own fresh objects and never shares them with `contains`.
parse_specifier_for_contains = _cached_parse(SpecifierSet)


def _ok(value: Any) -> bool:
    return not isinstance(value, Exception)


# ----------------------------------------------------------------------------
# Targets (docs/targets.md)
# ----------------------------------------------------------------------------

_TARGET_RE = re.compile(
    r"(?P<impl>cp|pp)(?P<major>[0-9])(?P<minor>[0-9]+)"
    r"(?P<t>t?)(?P<d>d?)(?P<m>m?)(?P<u>u?)-(?P<platform>[a-z0-9_]+)",
    re.ASCII,
)
_LEGACY_MANYLINUX = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}
_MANYLINUX_RE = re.compile(r"manylinux_([0-9]+)_([0-9]+)_(.+)", re.ASCII)
_LEGACY_MANYLINUX_RE = re.compile(r"(manylinux1|manylinux2010|manylinux2014)_(.+)", re.ASCII)
_MUSLLINUX_RE = re.compile(r"musllinux_([0-9]+)_([0-9]+)_(.+)", re.ASCII)
_MACOS_RE = re.compile(r"macosx_([0-9]+)_([0-9]+)_(.+)", re.ASCII)
_IOS_RE = re.compile(r"ios_([0-9]+)_([0-9]+)_(.+)", re.ASCII)
_ANDROID_RE = re.compile(r"android_([0-9]+)_(.+)", re.ASCII)


class Target:
    """A parsed target string: implementation, Python version, ABI flags, platform."""

    def __init__(self, text: str) -> None:
        match = _TARGET_RE.fullmatch(text)
        if match is None:
            raise ValueError(f"invalid target: {text!r}")
        self.text = text
        self.impl = match["impl"]
        self.version = (int(match["major"]), int(match["minor"]))
        self.flags = "".join(match[f] for f in "tdmu")
        self.platform = match["platform"]
        self._check_flags()

    def _check_flags(self) -> None:
        """Reject flag combinations no real interpreter had (docs/targets.md)."""
        if self.impl == "pp" and self.flags:
            raise ValueError(f"invalid target (PyPy takes no ABI flags): {self.text!r}")
        if "t" in self.flags and self.version < (3, 13):
            raise ValueError(f"invalid target ('t' needs 3.13+): {self.text!r}")
        if "m" in self.flags and self.version >= (3, 8):
            raise ValueError(f"invalid target ('m' needs < 3.8): {self.text!r}")
        if "u" in self.flags and self.version >= (3, 3):
            raise ValueError(f"invalid target ('u' needs < 3.3): {self.text!r}")

    @property
    def nodot(self) -> str:
        return f"{self.version[0]}{self.version[1]}"


@contextlib.contextmanager
def _patched(module: Any, **replacements: Any) -> Iterator[None]:
    """Temporarily replace module attributes (packaging's host probes)."""
    saved = {name: getattr(module, name) for name in replacements}
    try:
        for name, value in replacements.items():
            setattr(module, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


def _linux_archs(arch: str) -> list[str]:
    """packaging.tags._linux_platforms: an armv8l host also runs armv7l code."""
    return {"armv8l": ["armv8l", "armv7l"]}.get(arch, [arch])


def _manylinux_ladder(glibc: tuple[int, int], archs: list[str]) -> list[str]:
    """packaging._manylinux.platform_tags() on a host with the given glibc.

    The ELF probe of sys.executable that decides armhf/i686 compatibility is
    answered "yes": a target naming armv7l or i686 *is* such a host.
    """
    original = _manylinux._have_compatible_abi

    def have_compatible_abi(executable: str, arch_list: Any) -> bool:
        if "armv7l" in arch_list or "i686" in arch_list:
            return True
        return original(executable, arch_list)

    version = _manylinux._GLibCVersion(*glibc)
    with _patched(
        _manylinux,
        _get_glibc_version=lambda: version,
        _have_compatible_abi=have_compatible_abi,
    ):
        return list(_manylinux.platform_tags(archs))


def _musllinux_ladder(musl: tuple[int, int], archs: list[str]) -> list[str]:
    """packaging._musllinux.platform_tags() on a host with the given musl."""
    version = _musllinux._MuslVersion(*musl)
    with _patched(_musllinux, _get_musl_version=lambda executable: version):
        return list(_musllinux.platform_tags(archs))


def _linux_first(archs: list[str], ladder: list[str]) -> list[str]:
    """The contract's deliberate difference: native linux_<arch> tags come first.

    packaging 26.2 yields them after the manylinux/musllinux ladder.
    """
    return [f"linux_{arch}" for arch in archs] + ladder


def target_platforms(platform: str) -> list[str]:
    """The platform list (most preferred first) of a host with this platform tag."""
    if match := _MANYLINUX_RE.fullmatch(platform):
        glibc, arch = (int(match[1]), int(match[2])), match[3]
    elif match := _LEGACY_MANYLINUX_RE.fullmatch(platform):
        glibc, arch = _LEGACY_MANYLINUX[match[1]], match[2]
    else:
        glibc = None
    if glibc is not None:
        archs = _linux_archs(arch)
        return _linux_first(archs, _manylinux_ladder(glibc, archs))
    if match := _MUSLLINUX_RE.fullmatch(platform):
        archs = _linux_archs(match[3])
        musl = (int(match[1]), int(match[2]))
        return _linux_first(archs, _musllinux_ladder(musl, archs))
    if match := _MACOS_RE.fullmatch(platform):
        return list(tags.mac_platforms((int(match[1]), int(match[2])), match[3]))
    if match := _IOS_RE.fullmatch(platform):
        return list(tags.ios_platforms((int(match[1]), int(match[2])), match[3]))
    if match := _ANDROID_RE.fullmatch(platform):
        return list(tags.android_platforms(int(match[1]), match[2]))
    return [platform]  # linux_<arch>, win_amd64, win32, ...: that tag only


def _cpython_abis(target: Target) -> list[str]:
    """packaging.tags._cpython_abis() with the build's config vars taken from the flags.

    A CPython < 3.8 target written without flags is a pymalloc build ("m").
    """
    flags = target.flags
    config = {
        "Py_DEBUG": int("d" in flags),
        "Py_GIL_DISABLED": int("t" in flags),
        "WITH_PYMALLOC": int("m" in flags or not flags),
        "Py_UNICODE_SIZE": 4 if "u" in flags else 2,
    }
    with _patched(tags, _get_config_var=lambda name, warn=False: config.get(name)):
        return tags._cpython_abis(target.version)


def target_tags(target: Target) -> list[str]:
    """What packaging.tags.sys_tags() would yield on the target host, as strings."""
    platforms = target_platforms(target.platform)
    if not platforms:
        # packaging would fall back to *this* machine's platform tags; a target that
        # accepts no platform (iOS < 12, Android API < 16, macOS < 10) is invalid instead.
        raise ValueError(f"{target.platform} accepts no platform tags")
    if target.impl == "cp":
        found = list(tags.cpython_tags(target.version, _cpython_abis(target), platforms))
        interpreter = f"cp{target.nodot}"
    else:
        abi = "pypy_73" if target.version[0] == 2 else f"pypy{target.nodot}_pp73"
        found = list(tags.generic_tags(f"pp{target.nodot}", [abi], platforms))
        interpreter = "pp3"
    found += tags.compatible_tags(target.version, interpreter, platforms)
    return [str(tag) for tag in found]


@functools.lru_cache(maxsize=1024)
def target_info(text: str) -> tuple[list[str], dict[str, int]] | Exception:
    """Tag list and tag -> best rank map of a target, or the parse error."""
    try:
        tag_list = target_tags(Target(text))
    except ValueError as exc:
        return exc
    ranks: dict[str, int] = {}
    for rank, tag in enumerate(tag_list):
        ranks.setdefault(tag, rank)
    return tag_list, ranks


# ----------------------------------------------------------------------------
# Ops
# ----------------------------------------------------------------------------


def op_name(name: str) -> dict:
    try:
        canonicalize_name(name, validate=True)
        valid = True
    except packaging.utils.InvalidName:
        valid = False
    return {"canonical": canonicalize_name(name), "valid": valid}


_VERSION_FIELDS = (
    "normalized", "public", "base_version", "epoch", "release", "pre", "post",
    "dev", "local", "is_prerelease", "is_postrelease", "is_devrelease",
)


def op_version(text: str) -> dict:
    version = parse_version(text)
    if not _ok(version):
        return {"valid": False, **dict.fromkeys(_VERSION_FIELDS)}
    return {
        "valid": True,
        "normalized": str(version),
        "public": version.public,
        "base_version": version.base_version,
        "epoch": version.epoch,
        "release": list(version.release),
        "pre": list(version.pre) if version.pre is not None else None,
        "post": version.post,
        "dev": version.dev,
        "local": version.local,
        "is_prerelease": version.is_prerelease,
        "is_postrelease": version.is_postrelease,
        "is_devrelease": version.is_devrelease,
    }


def op_compare(a: str, b: str) -> dict:
    left, right = parse_version(a), parse_version(b)
    for parsed, text in ((left, a), (right, b)):
        if not _ok(parsed):
            return {"error": f"invalid version: {text!r}"}
    return {"result": (left > right) - (left < right)}


def op_specifier(text: str) -> dict:
    try:
        return {"valid": True, "normalized": str(SpecifierSet(text))}
    except Exception:  # noqa: BLE001
        return {"valid": False, "normalized": None}


def op_contains(specifier: str, version: str, prereleases: bool | None) -> dict:
    spec = parse_specifier_for_contains(specifier)
    if not _ok(spec):
        return {"error": str(spec)}
    return {"result": spec.contains(version, prereleases=prereleases)}


def op_requirement(text: str) -> dict:
    try:
        req = Requirement(text)
    except Exception as exc:  # noqa: BLE001 - ast.literal_eval raises SyntaxError too
        return {
            "valid": False, "name": None, "extras": None, "specifier": None,
            "marker": None, "url": None, "error": str(exc),
        }
    return {
        "valid": True,
        "name": req.name,
        "extras": sorted(req.extras),
        "specifier": str(req.specifier),
        "marker": str(req.marker) if req.marker is not None else None,
        "url": req.url,
        "error": None,
    }


def marker_environment(given: dict) -> dict:
    """The evaluation environment: exactly what was given, no host defaults.

    Mirrors Marker.evaluate(context="metadata") minus default_environment():
    `extra` defaults to "" and is canonicalized; python_full_version is repaired
    (trailing "+" -> "+local") only when present.
    """
    env = dict(given)
    extra = env.get("extra")
    env["extra"] = canonicalize_name(extra) if extra else ""
    if "python_full_version" in env:
        env = markers._repair_python_full_version(env)
    return env


def evaluate_marker_tree(tree: list, given: dict) -> dict:
    """Evaluate a parsed marker tree, turning failures into the protocol's error."""
    try:
        result = markers._evaluate_markers(tree, marker_environment(given))
    except KeyError as exc:
        return {"valid": True, "result": None,
                "error": f"Undefined environment name: {exc.args[0]!r}"}
    except Exception as exc:  # noqa: BLE001 - UndefinedComparison and friends
        return {"valid": True, "result": None, "error": str(exc)}
    return {"valid": True, "result": result, "error": None}


def op_marker(text: str, environment: dict) -> dict:
    marker = parse_marker(text)
    if not _ok(marker):
        return {"valid": False, "result": None, "error": str(marker)}
    return evaluate_marker_tree(marker._markers, environment)


def op_wheel(filename: str) -> dict:
    parsed = parse_wheel(filename)
    if not _ok(parsed):
        return {"valid": False, "name": None, "version": None, "build": None,
                "tags": None, "error": str(parsed)}
    name, version, build, wheel_tags = parsed
    return {
        "valid": True,
        "name": name,
        "version": str(version),
        "build": list(build) if build else None,
        "tags": sorted(str(tag) for tag in wheel_tags),
        "error": None,
    }


def op_tags(target: str) -> dict:
    info = target_info(target)
    if not _ok(info):
        return {"error": str(info)}
    return {"tags": info[0]}


def op_compatible(filename: str, target: str) -> dict:
    info = target_info(target)
    if not _ok(info):
        return {"error": str(info)}
    parsed = parse_wheel(filename)
    if not _ok(parsed):
        return {"compatible": False, "rank": None}
    ranks = info[1]
    found = [ranks[t] for t in map(str, parsed[3]) if t in ranks]
    rank = min(found) if found else None
    return {"compatible": rank is not None, "rank": rank}


# op -> (function, required string fields)
OPS: dict[str, tuple[Callable[..., dict], tuple[str, ...]]] = {
    "name": (op_name, ("name",)),
    "version": (op_version, ("version",)),
    "compare": (op_compare, ("a", "b")),
    "specifier": (op_specifier, ("specifier",)),
    "contains": (op_contains, ("specifier", "version")),
    "requirement": (op_requirement, ("requirement",)),
    "marker": (op_marker, ("marker",)),
    "wheel": (op_wheel, ("filename",)),
    "tags": (op_tags, ("target",)),
    "compatible": (op_compatible, ("filename", "target")),
}


def _arguments(request: dict, op: str, fields: tuple[str, ...]) -> list:
    """Validate and collect the op's arguments, raising BadRequest when malformed."""
    args = []
    for field in fields:
        value = request.get(field)
        if not isinstance(value, str):
            raise BadRequest(f"{op}: field {field!r} must be a string")
        args.append(value)
    if op == "contains":
        prereleases = request.get("prereleases")
        if prereleases is not None and not isinstance(prereleases, bool):
            raise BadRequest("contains: field 'prereleases' must be true, false or null")
        args.append(prereleases)
    if op == "marker":
        environment = request.get("environment", {})
        if not isinstance(environment, dict) or not all(
            isinstance(v, str) or (k == "extra" and v is None)
            for k, v in environment.items()
        ):
            raise BadRequest("marker: field 'environment' must map names to strings")
        args.append(environment)
    return args


def answer(line: str) -> dict:
    """The result object for one input line."""
    try:
        request = json.loads(line)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        return {"error": f"input line is not JSON: {exc}"}
    try:
        if not isinstance(request, dict):
            raise BadRequest("input line is not a JSON object")
        op = request.get("op")
        if not isinstance(op, str) or op not in OPS:
            raise BadRequest(f"unknown op: {op!r}")
        function, fields = OPS[op]
        args = _arguments(request, op, fields)
    except BadRequest as exc:
        return {"error": str(exc)}
    return function(*args)


def encode(result: dict) -> bytes:
    """Compact JSON; falls back to \\u escapes for strings UTF-8 cannot carry."""
    try:
        text = json.dumps(result, ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:  # lone surrogates from "\ud800"-style input
        return json.dumps(result, separators=(",", ":")).encode("ascii") + b"\n"


def main() -> int:
    if packaging.__version__ != EXPECTED_PACKAGING_VERSION:
        print(
            f"oracle.py: packaging {packaging.__version__} found, "
            f"the contract is packaging {EXPECTED_PACKAGING_VERSION}",
            file=sys.stderr,
        )
        return 2
    out = sys.stdout.buffer
    # Split on b"\n" only: U+2028 and friends are ordinary characters here.
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if not line.strip():
            continue
        out.write(encode(answer(line)))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
