#!/usr/bin/env bash
# Small projects built into sdists, and wheels from those sdists, by real build backends: the
# ground truth for static sdist extraction (pypidb issue 13).
#
#   scripts/extract/build-backend-sdists.sh OUTDIR
#
# Two sets of projects, each built with `python -m build --no-isolation` (the sdist, then a
# wheel from that sdist) into OUTDIR/dist/NAME:
#
#   debian  Debian bookworm's packages (installed when missing): python3-build 0.9,
#           python3-setuptools 66.1, flit 3.8, python3-hatchling 1.12, python3-poetry-core 1.4,
#           python3-pdm-pep517 1.1, run by /usr/bin/python3 (with --skip-dependency-check: the
#           Debian packages do not install every requirement they declare, e.g. hatchling's
#           editables). All of them write Metadata-Version 2.1, with no Dynamic field.
#   pypi    when the local mirror's wheel directory exists (PYPIDB_PYPI_FILES, default
#           /opt/pypi/files): a venv of `python3` (3.11) at OUTDIR/venv with build, setuptools,
#           hatchling, flit_core and poetry-core installed offline from it (`pip install
#           --no-index --find-links`; the mirror has no pdm-backend). Metadata-Version written,
#           as of the mirror's versions:
#             setuptools 84.0.0   2.4; Dynamic: for a field set by setup.py (requires-dist,
#                                 provides-extra, requires-python, ...), not for [project],
#                                 [tool.setuptools.dynamic] file/attr or setup.cfg values
#             hatchling 1.32.4    2.5 by default, 2.2 / 2.3 / 2.4 with core-metadata-version;
#                                 Dynamic: for a field in project.dynamic no metadata hook
#                                 filled (optional-dependencies gives both Requires-Dist and
#                                 Provides-Extra); a hook's values are written as static
#             flit_core 4.1.0     2.5 (only version and description can be dynamic)
#             poetry-core 2.5.0   2.4; none Dynamic, [project] and [tool.poetry] alike
#           The sdists of projects whose setup.py computes its requirements from the running
#           Python (PER_PYTHON below) also get wheels built by setuptools' PEP 517 hook under
#           each other CPython found (3.10, 3.12, 3.13; setuptools 84 needs 3.10 or later) into
#           OUTDIR/pywheels/NAME/KEY/: the ground truth for those python keys.
#
# A set whose backends cannot be had is skipped with a message; with neither, the script exits
# 3. PYPIDB_DEBIAN_PYTHON replaces /usr/bin/python3 for the debian set.
#
# Each sdist is unpacked to OUTDIR/trees/NAME (top directory stripped) with the wheel's METADATA
# in OUTDIR/trees/NAME.METADATA; a setup.py poetry-core generated has its setup() keywords
# dumped to OUTDIR/trees/NAME.setup.json. OUTDIR/projects.tsv lists, one project a
# line: name, set, backend and version, building python, sdist, wheel, and for PER_PYTHON
# projects the wheel of each python key (KEY=path, comma-separated, the first the main wheel),
# paths relative to OUTDIR.
#
# Then, unless SKIP_CHECK=1, the Java readers check (BackendSdistsDifferentialTest,
# -Dpypidb.backendSdists=OUTDIR) writes OUTDIR/report.txt. scripts/extract/test-backends.sh
# checks the same sdists end to end through `pypidb normalize`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?usage: $0 OUTDIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
files="${PYPIDB_PYPI_FILES:-/opt/pypi/files}"
debian_py="${PYPIDB_DEBIAN_PYTHON:-/usr/bin/python3}"
# Projects whose setup.py branches on the running Python: wheels from other Pythons too.
PER_PYTHON=(pypi-setuptools-setuppy-branches pypi-setuptools-setuppy-only pypi-setuptools-dynamic-extras)

rm -rf "$out/src" "$out/dist" "$out/trees" "$out/pywheels"
mkdir -p "$out/src" "$out/dist" "$out/trees" "$out/pywheels"
: > "$out/projects.tsv"

# project NAME: reads files from stdin as "=== path" headers followed by content, into
# OUTDIR/src/SET/NAME.
project() {
  local dir="$out/src/$set_name/$1" path=""
  mkdir -p "$dir"
  while IFS= read -r line; do
    if [[ "$line" == "=== "* ]]; then
      path="$dir/${line#=== }"; mkdir -p "$(dirname "$path")"; : > "$path"
    else
      printf '%s\n' "$line" >> "$path"
    fi
  done
}

debian_backends() {
  local need=() p m
  for p in python3-build python3-setuptools flit python3-hatchling python3-poetry-core python3-pdm-pep517; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
  if [ ${#need[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || { echo "debian set skipped: no apt-get to install ${need[*]}" >&2; return 1; }
    { apt-get update -qq && apt-get install -y -qq "${need[@]}"; } >/dev/null 2>&1 \
      || { echo "debian set skipped: apt-get install ${need[*]} failed" >&2; return 1; }
  fi
  for m in build setuptools flit_core hatchling poetry.core pdm.pep517; do
    "$debian_py" -c "import $m" 2>/dev/null || { echo "debian set skipped: $debian_py cannot import $m" >&2; return 1; }
  done
}

# The venv of the pypi set, made once per OUTDIR (kept between runs while its spec is the same).
pypi_backends() {
  [ -d "$files" ] || { echo "pypi set skipped: no local mirror at $files" >&2; return 1; }
  local venv="$out/venv" pkgs=(build setuptools hatchling flit_core poetry-core wheel editables)
  local spec="${pkgs[*]} $(ls "$files" | grep -iE '^(build|setuptools|hatchling|flit_core|poetry_core)-' | tr '\n' ' ')"
  if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.pypidb-spec" 2>/dev/null)" = "$spec" ]; then
    return 0
  fi
  rm -rf "$venv"
  local log="$out/venv.log"
  # Without pip in the venv and the host's pip installing into it is quicker; a pip too old for
  # --python gets a venv with its own pip.
  if ! { python3 -m venv --without-pip "$venv" && python3 -m pip --python "$venv/bin/python" install -q \
      --no-index --find-links "$files" --upgrade "${pkgs[@]}"; } >"$log" 2>&1; then
    rm -rf "$venv"
    { python3 -m venv "$venv" && "$venv/bin/python" -m pip install -q --no-index --find-links "$files" \
        --upgrade "${pkgs[@]}"; } >"$log" 2>&1 \
      || { echo "pypi set skipped: installing ${pkgs[*]} from $files failed (see $log)" >&2; rm -rf "$venv"; return 1; }
  fi
  printf '%s' "$spec" > "$venv/.pypidb-spec"
}

# Other CPythons for per-python wheels: python3.X on PATH, else pyenv's.
other_pythons() {
  local v c
  for v in 3.10 3.12 3.13; do
    for c in "$(command -v "python$v" 2>/dev/null || true)" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v".*/bin/python"$v"; do
      if [ -n "$c" ] && [ -x "$c" ] && "$c" -c 'import sys' >/dev/null 2>&1; then
        echo "$c"; break
      fi
    done
  done
}

debian_projects() {
project setuptools-pep621-static <<'EOF'
=== pyproject.toml
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"
[project]
name = "st-pep621-static"
version = "1.0"
requires-python = ">=3.8"
dependencies = [
  "requests>=2.25,<3",
  "importlib-metadata>=4; python_version < '3.10'",
  "pywin32; sys_platform == 'win32'",
  "attrs[tests]==22.1.0",
]
[project.optional-dependencies]
test = ["pytest>=7", "pytest-asyncio; python_version >= '3.8'"]
docs = ["sphinx"]
[tool.setuptools]
py-modules = ["m"]
=== m.py
EOF

project setuptools-pep621-dynamic <<'EOF'
=== pyproject.toml
[build-system]
requires = ["setuptools>=62.6"]
build-backend = "setuptools.build_meta"
[project]
name = "st-pep621-dynamic"
version = "1.0"
dynamic = ["dependencies", "optional-dependencies"]
[tool.setuptools]
py-modules = ["m"]
[tool.setuptools.dynamic]
dependencies = {file = ["requirements.txt", "requirements/more.txt"]}
optional-dependencies.dev = {file = "requirements/dev.txt"}
optional-dependencies.yaml = {file = ["requirements/yaml.txt"]}
=== requirements.txt
# runtime
click>=8

typing-extensions; python_version < "3.8"
=== requirements/more.txt
rich
=== requirements/dev.txt
black==22.3.0
=== requirements/yaml.txt
PyYAML>=5.4
=== MANIFEST.in
include requirements.txt requirements/*.txt
=== m.py
EOF

project setuptools-setupcfg <<'EOF'
=== pyproject.toml
[build-system]
requires = ["setuptools>=62.6"]
build-backend = "setuptools.build_meta"
=== setup.cfg
[metadata]
name = st-setupcfg
version = 1.0

[options]
py_modules = m
python_requires = >=3.7, !=3.8.0
install_requires =
    requests>=2
    # a comment line
    dataclasses; python_version<"3.7"
    Jinja2 >= 3.0
setup_requires = setuptools_scm; wheel
tests_require =
    pytest

[options.extras_require]
test =
    pytest>=6
    pytest-cov
all = file: requirements-all.txt
Windows-Extra =
    pywin32>=300; sys_platform == "win32"
=== requirements-all.txt
numpy>=1.20
pandas
=== MANIFEST.in
include requirements-all.txt
=== m.py
EOF

project setuptools-setupcfg-file <<'EOF'
=== pyproject.toml
[build-system]
requires = ["setuptools>=62.6"]
build-backend = "setuptools.build_meta"
=== setup.cfg
[metadata]
name = st-setupcfg-file
version = 1.0

[options]
py_modules = m
install-requires = file: requirements.txt
=== requirements.txt
six>=1.10
idna; python_version >= "3"
=== MANIFEST.in
include requirements.txt
=== m.py
EOF

project poetry-features <<'EOF'
=== pyproject.toml
[build-system]
requires = ["poetry-core>=1.0.0"]
build-backend = "poetry.core.masonry.api"
[tool.poetry]
name = "poetry-features"
version = "1.0.0"
description = ""
authors = ["A <a@example.com>"]
packages = [{include = "poetry_features"}]
[tool.poetry.dependencies]
python = "^3.7"
requests = "^2.25.1"
urllib3 = "~1.26"
idna = "*"
chardet = "4.*"
certifi = ">=2020.12.5,<2023"
click = "^8.0 || ^7.1"
colorama = {version = "^0.4", markers = "sys_platform == 'win32'"}
tomli = {version = ">=1.1.0", python = "<3.11"}
typing-extensions = {version = "^4.0", python = ">=3.7,<3.10"}
Pygments = {version = "^2.10", extras = ["plugins"]}
numpy = [{version = "~1.21", python = "<3.8"}, {version = "^1.22", python = ">=3.8"}]
pandas = {version = "^1.3", optional = true}
pyarrow = {version = ">=6", optional = true, python = ">=3.8"}
uvloop = {version = "^0.16", platform = "linux"}
zeroconf = {version = "0.38.4"}
[tool.poetry.extras]
data = ["pandas", "pyarrow"]
Fast_IO = ["pyarrow"]
[tool.poetry.dev-dependencies]
pytest = "^7"
=== poetry_features/__init__.py
EOF

project poetry-python-union <<'EOF'
=== pyproject.toml
[build-system]
requires = ["poetry-core>=1.0.0"]
build-backend = "poetry.core.masonry.api"
[tool.poetry]
name = "poetry-python-union"
version = "0.1"
description = ""
authors = ["A <a@example.com>"]
packages = [{include = "ppu"}]
[tool.poetry.dependencies]
python = "~2.7 || ^3.6"
futures = {version = "^3.3", python = "~2.7"}
six = "^1.16"
enum34 = {version = "^1.1", python = "2.7"}
=== ppu/__init__.py
EOF

project flit-metadata <<'EOF'
=== pyproject.toml
[build-system]
requires = ["flit_core>=3.2,<4"]
build-backend = "flit_core.buildapi"
[tool.flit.metadata]
module = "flit_metadata"
author = "A"
requires = ["docutils>=0.17", "typing_extensions; python_version < '3.8'"]
requires-python = ">=3.6"
dev-requires = ["flake8"]
[tool.flit.metadata.requires-extra]
test = ["pytest>=6", "responses"]
doc = ["sphinx; python_version >= '3.7'"]
=== flit_metadata.py
"""Demo."""
__version__ = "0.3"
EOF

project flit-pep621 <<'EOF'
=== pyproject.toml
[build-system]
requires = ["flit_core>=3.2,<4"]
build-backend = "flit_core.buildapi"
[project]
name = "flit_pep621"
version = "0.4"
description = "Demo."
requires-python = ">=3.7"
dependencies = ["httpx>=0.23", "anyio[trio]>=3; python_version >= '3.8'"]
[project.optional-dependencies]
cli = ["typer>=0.6"]
=== flit_pep621.py
"""Demo."""
EOF

project hatchling-static <<'EOF'
=== pyproject.toml
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
[project]
name = "hatchling-static"
version = "2.0"
requires-python = ">=3.7"
dependencies = ["pydantic>=1.9,<2", "tomli>=1.1; python_version < '3.11'", "pkg @ https://example.com/pkg-1.0.tar.gz"]
[project.optional-dependencies]
dev = ["mypy==0.971", "ruff"]
Server_Side = ["uvicorn[standard]>=0.18"]
[tool.hatch.metadata]
allow-direct-references = true
[tool.hatch.build.targets.sdist]
include = ["hatchling_static.py"]
=== hatchling_static.py
EOF

project pdm-static <<'EOF'
=== pyproject.toml
[build-system]
requires = ["pdm-pep517>=1.0"]
build-backend = "pdm.pep517.api"
[project]
name = "pdm-static"
version = "0.5"
requires-python = ">=3.8"
dependencies = ["rich>=12", "platformdirs; os_name == 'nt' or sys_platform == 'darwin'"]
[project.optional-dependencies]
web = ["flask>=2", "gunicorn; sys_platform != 'win32'"]
[tool.pdm]
includes = ["pdm_static.py"]
=== pdm_static.py
EOF

}

pypi_projects() {
project pypi-setuptools-pep621-static <<'EOF'
=== pyproject.toml
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"
[project]
name = "pypi-st-static"
version = "1.0"
license = "MIT"
requires-python = ">=3.9,!=3.9.1"
dependencies = [
  "requests[socks]>=2.28,<3",
  "importlib-metadata>=4; python_version < '3.10'",
  "pywin32>=300; sys_platform == 'win32' and platform_python_implementation == 'CPython'",
  "pkg @ https://example.com/pkg-1.0.tar.gz",
]
[project.optional-dependencies]
test = ["pytest>=7", "pytest-asyncio; python_version >= '3.8'"]
Server_Side = ["uvicorn[standard]>=0.18"]
nothing = []
[tool.setuptools]
py-modules = ["m"]
=== m.py
EOF

project pypi-setuptools-dynamic-file <<'EOF'
=== pyproject.toml
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"
[project]
name = "pypi-st-dynamic-file"
dynamic = ["version", "readme", "dependencies", "optional-dependencies"]
requires-python = ">=3.8"
[tool.setuptools]
py-modules = ["m"]
[tool.setuptools.dynamic]
version = {attr = "m.__version__"}
readme = {file = ["README.md"], content-type = "text/markdown"}
dependencies = {file = ["requirements.txt", "requirements/more.txt"]}
optional-dependencies.dev = {file = "requirements/dev.txt"}
optional-dependencies.YAML = {file = ["requirements/yaml.txt"]}
=== README.md
# pypi-st-dynamic-file
=== requirements.txt
# runtime
click>=8

typing-extensions>=4; python_version < "3.11"
=== requirements/more.txt
rich>=13  # trailing comment
=== requirements/dev.txt
black==24.3.0
=== requirements/yaml.txt
PyYAML>=5.4
=== MANIFEST.in
include requirements.txt requirements/*.txt
=== m.py
__version__ = "2.0"
EOF

# setup.py decides install_requires, extras_require and python_requires, by Python version.
project pypi-setuptools-setuppy-branches <<'EOF'
=== pyproject.toml
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"
[project]
name = "pypi-st-setuppy-branches"
version = "1.0"
dynamic = ["dependencies", "optional-dependencies", "requires-python"]
[tool.setuptools]
py-modules = ["m"]
=== setup.py
import sys
from setuptools import setup

install_requires = ["requests>=2"]
if sys.version_info >= (3, 12):
    install_requires.append("numpy>=1.26")
else:
    install_requires.append("numpy>=1.21,<1.26")
extras = {"test": ["pytest>=7"], ":sys_platform == 'win32'": ["colorama"]}
if sys.version_info < (3, 11):
    extras["test"].append("exceptiongroup")
setup(install_requires=install_requires, extras_require=extras, python_requires=">=3.8")
=== m.py
EOF

# No pyproject.toml: setuptools' legacy backend runs setup.py.
project pypi-setuptools-setuppy-only <<'EOF'
=== setup.py
import sys
from setuptools import setup

deps = ["six>=1.16", "typing-extensions>=4; python_version < '3.11'"]
if sys.version_info[:2] >= (3, 13):
    deps.append("legacy-cgi>=2.6")
setup(
    name="pypi-st-setuppy-only",
    version="3.1",
    py_modules=["m"],
    install_requires=deps,
    extras_require={"yaml": ["PyYAML>=6"], "fast:platform_system != 'Windows'": ["uvloop>=0.17"]},
    python_requires=">=3.7",
)
=== m.py
EOF

project pypi-setuptools-setupcfg <<'EOF'
=== pyproject.toml
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"
=== setup.cfg
[metadata]
name = pypi-st-setupcfg
version = 1.0

[options]
py_modules = m
python_requires = >=3.8
install_requires =
    requests>=2
    # a comment line
    tomli; python_version < "3.11"
[options.extras_require]
test = pytest>=7
all = file: requirements-all.txt
=== requirements-all.txt
numpy>=1.20
pandas
=== MANIFEST.in
include requirements-all.txt
=== m.py
EOF

# Static dependencies in [project]; extras from setup.py, by Python version: setuptools marks
# only Provides-Extra Dynamic.
project pypi-setuptools-dynamic-extras <<'EOF'
=== pyproject.toml
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"
[project]
name = "pypi-st-dynamic-extras"
version = "1.0"
requires-python = ">=3.9"
dependencies = ["requests>=2", "tomli; python_version < '3.11'"]
dynamic = ["optional-dependencies"]
[tool.setuptools]
py-modules = ["m"]
=== setup.py
import sys
from setuptools import setup

extras = {"test": ["pytest"]}
if sys.version_info < (3, 11):
    extras["test"].append("mock")
setup(extras_require=extras)
=== m.py
EOF

project pypi-hatchling-m22 <<'EOF'
=== pyproject.toml
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
[project]
name = "pypi-hatchling-m22"
version = "2.0"
requires-python = ">=3.7"
dependencies = ["pydantic>=1.9,<2", "tomli>=1.1; python_version < '3.11'", "pkg @ https://example.com/pkg-1.0.tar.gz"]
[project.optional-dependencies]
dev = ["mypy==1.10", "ruff"]
Server_Side = ["uvicorn[standard]>=0.18; python_version >= '3.8'"]
[tool.hatch.metadata]
allow-direct-references = true
[tool.hatch.build.targets.sdist]
core-metadata-version = "2.2"
include = ["m22.py"]
[tool.hatch.build.targets.wheel]
core-metadata-version = "2.2"
include = ["m22.py"]
=== m22.py
EOF

project pypi-hatchling-m23 <<'EOF'
=== pyproject.toml
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
[project]
name = "pypi-hatchling-m23"
dynamic = ["version"]
requires-python = ">=3.8,<4"
dependencies = ["httpx[http2]>=0.27", "anyio>=4; python_version >= '3.8' and platform_system != 'Emscripten'"]
[project.optional-dependencies]
Fast_IO = ["orjson>=3"]
[tool.hatch.version]
path = "m23.py"
[tool.hatch.build.targets.sdist]
core-metadata-version = "2.3"
include = ["m23.py"]
[tool.hatch.build.targets.wheel]
core-metadata-version = "2.3"
include = ["m23.py"]
=== m23.py
__version__ = "0.9.1"
EOF

# A metadata hook fills dependencies and optional-dependencies from requirement files: hatchling
# writes the hook's values into PKG-INFO, not as Dynamic.
project pypi-hatchling-hook-m24 <<'EOF'
=== pyproject.toml
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
[project]
name = "pypi-hatchling-hook-m24"
version = "1.0"
requires-python = ">=3.8"
dynamic = ["dependencies", "optional-dependencies"]
[tool.hatch.metadata.hooks.custom]
[tool.hatch.build.targets.sdist]
core-metadata-version = "2.4"
include = ["m24.py", "hatch_build.py", "requirements*.txt"]
[tool.hatch.build.targets.wheel]
core-metadata-version = "2.4"
include = ["m24.py"]
=== hatch_build.py
from pathlib import Path

from hatchling.metadata.plugin.interface import MetadataHookInterface


def read(name):
    lines = (Path(__file__).parent / name).read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


class CustomMetadataHook(MetadataHookInterface):
    def update(self, metadata):
        metadata["dependencies"] = read("requirements.txt")
        metadata["optional-dependencies"] = {"test": read("requirements-test.txt")}
=== requirements.txt
attrs>=20
cattrs>=23; python_version >= "3.8"
=== requirements-test.txt
pytest>=7
=== m24.py
EOF

# Fields in project.dynamic that no hook fills: hatchling writes them Dynamic, and empty.
project pypi-hatchling-dynamic-unfilled <<'EOF'
=== pyproject.toml
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
[project]
name = "pypi-hatchling-dynamic-unfilled"
version = "1.0"
dependencies = ["attrs>=22"]
dynamic = ["optional-dependencies", "requires-python"]
[tool.hatch.build.targets.sdist]
include = ["unfilled.py"]
[tool.hatch.build.targets.wheel]
include = ["unfilled.py"]
=== unfilled.py
EOF

# A wheel build hook adds a dependency to the wheel only; the sdist's PKG-INFO does not say so.
project pypi-hatchling-build-hook <<'EOF'
=== pyproject.toml
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
[project]
name = "pypi-hatchling-build-hook"
version = "1.0"
requires-python = ">=3.8"
dependencies = ["attrs>=22"]
[tool.hatch.build.targets.sdist]
include = ["buildhook.py", "hatch_build.py"]
[tool.hatch.build.targets.wheel]
include = ["buildhook.py"]
[tool.hatch.build.targets.wheel.hooks.custom]
=== hatch_build.py
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        build_data["dependencies"].append("cffi>=1.15")
=== buildhook.py
EOF

project pypi-flit-pep621 <<'EOF'
=== pyproject.toml
[build-system]
requires = ["flit_core>=3.12,<5"]
build-backend = "flit_core.buildapi"
[project]
name = "pypi_flit_pep621"
version = "0.4"
description = "Demo."
license = "MIT"
requires-python = ">=3.8"
dependencies = ["httpx>=0.23", "anyio[trio]>=3; python_version >= '3.8'", "colorama; os_name == 'nt'"]
[project.optional-dependencies]
cli = ["typer>=0.6"]
Docs = ["sphinx>=7; python_version >= '3.9'"]
=== pypi_flit_pep621.py
"""Demo."""
EOF

project pypi-flit-dynamic <<'EOF'
=== pyproject.toml
[build-system]
requires = ["flit_core>=3.12,<5"]
build-backend = "flit_core.buildapi"
[project]
name = "pypi_flit_dynamic"
dynamic = ["version", "description"]
requires-python = ">=3.9"
dependencies = ["docutils>=0.17", "typing_extensions; python_version < '3.12'"]
[project.optional-dependencies]
test = ["pytest>=6", "responses"]
=== pypi_flit_dynamic.py
"""A module whose docstring is the description."""
__version__ = "0.3"
EOF

# poetry-core 2: PEP 621 [project] with static dependencies, [tool.poetry] for the rest.
project pypi-poetry2-project <<'EOF'
=== pyproject.toml
[build-system]
requires = ["poetry-core>=2"]
build-backend = "poetry.core.masonry.api"
[project]
name = "pypi-poetry2-project"
version = "1.0.0"
description = ""
requires-python = ">=3.9"
dependencies = ["requests (>=2.25,<3)", "tomli>=1.1; python_version < '3.11'", "click"]
[project.optional-dependencies]
data = ["pandas>=2", "pyarrow>=14; platform_machine == 'x86_64'"]
[tool.poetry]
packages = [{include = "p2project"}]
[tool.poetry.group.dev.dependencies]
pytest = "^8"
=== p2project/__init__.py
EOF

# poetry-core 2: [project] with dependencies dynamic, taken from [tool.poetry.dependencies].
project pypi-poetry2-dynamic <<'EOF'
=== pyproject.toml
[build-system]
requires = ["poetry-core>=2"]
build-backend = "poetry.core.masonry.api"
[project]
name = "pypi-poetry2-dynamic"
version = "1.0"
description = ""
requires-python = ">=3.9"
dynamic = ["dependencies"]
[project.optional-dependencies]
data = ["pandas>=2"]
[tool.poetry]
packages = [{include = "p2dynamic"}]
[tool.poetry.dependencies]
requests = "^2.25"
tomli = {version = ">=1.1.0", python = "<3.11"}
colorama = {version = "^0.4", markers = "sys_platform == 'win32'"}
numpy = [{version = "~1.21", python = "<3.10"}, {version = "^1.22", python = ">=3.10"}]
pyarrow = {version = ">=6", optional = true}
=== p2dynamic/__init__.py
EOF

# poetry-core 2 reading a poetry 1 project: [tool.poetry] only.
project pypi-poetry2-legacy <<'EOF'
=== pyproject.toml
[build-system]
requires = ["poetry-core>=1.0.0"]
build-backend = "poetry.core.masonry.api"
[tool.poetry]
name = "pypi-poetry2-legacy"
version = "1.0.0"
description = ""
authors = ["A <a@example.com>"]
packages = [{include = "p2legacy"}]
[tool.poetry.dependencies]
python = "^3.8"
requests = "^2.25.1"
urllib3 = "~1.26"
click = "^8.0 || ^7.1"
typing-extensions = {version = "^4.0", python = ">=3.8,<3.10"}
Pygments = {version = "^2.10", extras = ["plugins"]}
pandas = {version = "^1.3", optional = true}
uvloop = {version = "^0.16", platform = "linux"}
[tool.poetry.extras]
data = ["pandas"]
=== p2legacy/__init__.py
EOF
}

# build_set SET PYTHON [BUILD OPTIONS]: each project of the set, sdist then wheel from it.
build_set() {
  local set="$1" py="$2"; shift 2
  local dir name sdist wheel backend pyver extra site="" p key tmp
  pyver="$("$py" -c 'import platform; print(platform.python_version())')"
  if [ "$set" = pypi ]; then
    site="$("$py" -c 'import os, setuptools; print(os.path.dirname(os.path.dirname(setuptools.__file__)))')"
  fi
  for dir in "$out/src/$set"/*/; do
    name="$(basename "$dir")"
    (cd "$dir" && "$py" -m build --no-isolation "$@" --outdir "$out/dist/$name" . >"$out/dist/$name.log" 2>&1) \
      || { echo "build of $name failed, see $out/dist/$name.log" >&2; exit 1; }
    sdist="$(ls "$out/dist/$name"/*.tar.gz)"
    wheel="$(ls "$out/dist/$name"/*.whl)"
    mkdir -p "$out/trees/$name"
    tar -xzf "$sdist" --no-same-owner --strip-components=1 -C "$out/trees/$name"
    "$py" - "$wheel" "$out/trees/$name.METADATA" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
    open(sys.argv[2], "wb").write(z.read(name))
PY
    if [ -f "$out/trees/$name/setup.py" ] && grep -q '^setup_kwargs = {' "$out/trees/$name/setup.py"; then
      # A setup.py the backend generated (poetry-core 1): its literal setup() keywords, as JSON.
      "$py" - "$out/trees/$name/setup.py" "$out/trees/$name.setup.json" <<'PY'
import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
out = {}
for node in tree.body:
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        name = node.targets[0].id
        if name in ("install_requires", "extras_require"):
            out[name] = ast.literal_eval(node.value)
        elif name == "setup_kwargs":
            for k, v in zip(node.value.keys, node.value.values):
                if ast.literal_eval(k) == "python_requires":
                    out["python_requires"] = ast.literal_eval(v)
json.dump(out, open(sys.argv[2], "w"), indent=1)
PY
    fi
    backend="$("$py" - "$dir" <<'PY'
import importlib.metadata, os, sys, tomllib
path = os.path.join(sys.argv[1], "pyproject.toml")
api = "setuptools.build_meta:__legacy__"
if os.path.exists(path):
    with open(path, "rb") as f:
        api = tomllib.load(f).get("build-system", {}).get("build-backend", api)
dists = {"setuptools.": "setuptools", "hatchling.": "hatchling", "flit_core.": "flit_core",
         "poetry.core.": "poetry-core", "pdm.pep517.": "pdm-pep517"}
dist = next(d for prefix, d in dists.items() if api.startswith(prefix))
print(dist, importlib.metadata.version(dist))
PY
)"
    extra=""
    if [ "$set" = pypi ] && [[ " ${PER_PYTHON[*]} " == *" $name "* ]]; then
      extra="$(echo "$pyver" | cut -d. -f1,2 | tr -d .)=dist/$name/$(basename "$wheel"),"
      for p in $(other_pythons); do
        key="$("$p" -c 'import sys; print("%d%d" % sys.version_info[:2])')"
        tmp="$out/pywheels/$name/$key"
        mkdir -p "$tmp/src"
        tar -xzf "$sdist" --no-same-owner --strip-components=1 -C "$tmp/src"
        (cd "$tmp/src" && PYTHONPATH="$site" "$p" -c \
          'import sys, setuptools.build_meta as b; b.build_wheel(sys.argv[1])' "$tmp" >"$tmp.log" 2>&1) \
          || { echo "wheel of $name under $p failed, see $tmp.log" >&2; exit 1; }
        rm -rf "$tmp/src"
        extra+="$key=pywheels/$name/$key/$(basename "$(ls "$tmp"/*.whl)"),"
      done
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$set" "$backend" "$pyver" "dist/$name/$(basename "$sdist")" \
      "dist/$name/$(basename "$wheel")" "${extra%,}" >> "$out/projects.tsv"
    echo "  $name: $backend, $(grep -m1 '^Metadata-Version' "$out/trees/$name/PKG-INFO")," \
      "Dynamic: $(grep '^Dynamic:' "$out/trees/$name/PKG-INFO" | cut -d' ' -f2 | paste -sd, | sed 's/^$/none/')$(
      [ -z "$extra" ] || echo ", wheels for python keys $(echo "${extra%,}" | sed 's/=[^,]*//g')")" >&2
  done
}

sets=()
set_name=debian
if debian_backends; then debian_projects; sets+=(debian); fi
set_name=pypi
if pypi_backends; then pypi_projects; sets+=(pypi); fi
if [ ${#sets[@]} -eq 0 ]; then
  echo "no build backends: neither Debian's packages nor the local mirror $files can be had" >&2
  exit 3
fi
for s in "${sets[@]}"; do
  echo "building the $s set" >&2
  case "$s" in
    debian) build_set debian "$debian_py" --skip-dependency-check ;;
    pypi) build_set pypi "$out/venv/bin/python" ;;
  esac
done

if [ "${SKIP_CHECK:-0}" != 1 ]; then
  cd "$root"
  mvn -B -q -o -pl pipelines/pypa -am test -Dtest=BackendSdistsDifferentialTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dpypidb.backendSdists="$out"
  cat "$out/report.txt"
fi
