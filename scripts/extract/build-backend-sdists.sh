#!/usr/bin/env bash
# Differential evidence for the declarative sdist readers (dev.pypidb.extract.sources): small
# projects built into sdists by the real build backends, then what our readers say from
# pyproject.toml / setup.cfg compared with what the backend wrote into PKG-INFO.
#
#   scripts/extract/build-backend-sdists.sh OUTDIR
#
# Installs (Debian packages) python3-build, python3-setuptools, flit, python3-hatchling,
# python3-poetry-core, python3-pdm-pep517 when missing; writes each project's source under
# OUTDIR/src/NAME and builds it with `python3 -m build --no-isolation --skip-dependency-check`
# (the Debian python, /usr/bin/python3, which has the backends; the dependency check is skipped
# because the Debian packages do not install every requirement they declare, e.g. hatchling's
# editables): the sdist, then a wheel from that sdist, into OUTDIR/dist/NAME. Each sdist is
# unpacked to OUTDIR/trees/NAME (top directory stripped) and the wheel's METADATA copied to
# OUTDIR/trees/NAME.METADATA; a setup.py the backend generated (poetry-core) has its setup()
# keywords dumped to OUTDIR/trees/NAME.setup.json. Then the Java check (BackendSdistsDifferentialTest,
# -Dpypidb.backendSdists=OUTDIR) compares and writes OUTDIR/report.txt. SKIP_CHECK=1 stops
# before it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?usage: $0 OUTDIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
py=/usr/bin/python3

need=()
for p in python3-build python3-setuptools flit python3-hatchling python3-poetry-core python3-pdm-pep517; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
for m in build setuptools flit_core hatchling poetry.core pdm.pep517; do
  "$py" -c "import $m" || { echo "python module $m is missing" >&2; exit 1; }
done

rm -rf "$out/src" "$out/dist" "$out/trees"
mkdir -p "$out/src" "$out/dist" "$out/trees"

# project NAME: reads files from stdin as "=== path" headers followed by content.
project() {
  local dir="$out/src/$1" path=""
  mkdir -p "$dir"
  while IFS= read -r line; do
    if [[ "$line" == "=== "* ]]; then
      path="$dir/${line#=== }"; mkdir -p "$(dirname "$path")"; : > "$path"
    else
      printf '%s\n' "$line" >> "$path"
    fi
  done
}

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

cd "$out/src"
for d in */; do
  name="${d%/}"
  echo "building $name" >&2
  (cd "$out/src/$name" && "$py" -m build --no-isolation --skip-dependency-check --outdir "$out/dist/$name" . \
    >"$out/dist/$name.log" 2>&1) || { echo "build of $name failed, see $out/dist/$name.log" >&2; exit 1; }
  sdist="$(ls "$out/dist/$name"/*.tar.gz)"
  mkdir -p "$out/trees/$name"
  tar -xzf "$sdist" --no-same-owner --strip-components=1 -C "$out/trees/$name"
  "$py" - "$(ls "$out/dist/$name"/*.whl)" "$out/trees/$name.METADATA" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
    open(sys.argv[2], "wb").write(z.read(name))
PY
  if [ -f "$out/trees/$name/setup.py" ]; then
    # A setup.py the backend generated (poetry-core): its literal setup() keywords, as JSON.
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
  meta="$(grep -m1 '^Metadata-Version' "$out/trees/$name/PKG-INFO")"
  dyn="$(grep -c '^Dynamic' "$out/trees/$name/PKG-INFO" || true)"
  echo "  $(basename "$sdist"): $meta, $dyn Dynamic field(s)" >&2
done

if [ "${SKIP_CHECK:-0}" != 1 ]; then
  cd "$root"
  mvn -B -q -o -pl pipelines/pypa -am test -Dtest=BackendSdistsDifferentialTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dpypidb.backendSdists="$out"
  cat "$out/report.txt"
fi
