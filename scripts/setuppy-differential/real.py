#!/usr/bin/env python3
"""Runs each case of cases.json under real CPythons, as mach-nix's crawler ran setup.py.

Usage:  python3 real.py CASES.json OUT.jsonl KEY=PYTHON [KEY=PYTHON ...]
        e.g. 27=/root/.pyenv/versions/2.7.18/bin/python

Each case runs in a fresh directory holding its files, with the crawler's shim
(`python -S -c <shim> install`), in an empty environment (C locale, HOME=/homeless-shelter),
with only a stub setuptools importable beyond the standard library (-S: no site-packages): its setup() writes
the five dependency keywords as JSON and exits, as the crawler's patched setuptools did.
The cases are this harness's own hand-written snippets, never code from an sdist.
Output: one JSON object per case and key: {"case", "key", "result"} where result is the
recorded keywords or {"error": last line of stderr}.
"""
import json
import os
import subprocess
import sys
import tempfile

SHIM = ("import sys, setuptools, tokenize; sys.argv[0] = 'setup.py'; __file__='setup.py';"
        "f=getattr(tokenize, 'open', open)(__file__);"
        "code=f.read().replace('\\r\\n', '\\n');"
        "f.close();"
        "exec(compile(code, __file__, 'exec'))")

STUB = '''
import json, os, sys
try:
    import builtins
except ImportError:
    import __builtin__ as builtins
if not hasattr(builtins, 'exit'):  # python -S: no site, so no exit() builtin
    def _exit(code=None):
        raise SystemExit(code)
    builtins.exit = builtins.quit = _exit

def _jsonify(obj):
    if isinstance(obj, (str, bytes)) or (sys.version_info < (3,) and isinstance(obj, unicode)):
        return obj if not isinstance(obj, bytes) or sys.version_info < (3,) else obj.decode()
    if isinstance(obj, dict):
        return dict((_jsonify(k), _jsonify(v)) for k, v in obj.items())
    try:
        return [_jsonify(e) for e in obj]
    except TypeError:
        return str(obj)

def setup(**attrs):
    data = {}
    for key in ('install_requires', 'setup_requires', 'extras_require', 'tests_require', 'python_requires'):
        if key in attrs and attrs[key] is not None:
            data[key] = _jsonify(attrs[key])
    with open(os.environ['out_file'], 'w') as f:
        json.dump(data, f)
    sys.exit()

def find_packages(*args, **kwargs):
    return []

find_namespace_packages = find_packages

class Command(object):
    pass

class Extension(object):
    def __init__(self, *args, **kwargs):
        pass

try:
    import distutils.core
    distutils.core.setup = setup
except ImportError:
    pass
'''

DISTUTILS_CORE = "from setuptools import setup, Command, Extension\n"


def main():
    cases = json.load(open(sys.argv[1]))
    out = open(sys.argv[2], "w")
    pythons = dict(arg.split("=", 1) for arg in sys.argv[3:])
    with tempfile.TemporaryDirectory() as stubs:
        os.makedirs(os.path.join(stubs, "setuptools"))
        with open(os.path.join(stubs, "setuptools", "__init__.py"), "w") as f:
            f.write(STUB)
        shim_distutils = os.path.join(stubs, "distutils-shim")
        os.makedirs(os.path.join(shim_distutils, "distutils"))
        open(os.path.join(shim_distutils, "distutils", "__init__.py"), "w").close()
        with open(os.path.join(shim_distutils, "distutils", "core.py"), "w") as f:
            f.write(DISTUTILS_CORE)
        for key, python in sorted(pythons.items()):
            minor = int(key[1:]) if key.startswith("3") else -1
            path = stubs + (os.pathsep + shim_distutils if minor >= 12 else "")
            for name, setup_py in sorted(cases["cases"].items()):
                out.write(json.dumps({"case": name, "key": key,
                                      "result": run(python, path, setup_py, cases["files"])}) + "\n")


def run(python, pythonpath, setup_py, files):
    with tempfile.TemporaryDirectory() as scratch:
        # The evaluator's working directory is /build/<project directory>; the case's is here.
        work = os.path.join(scratch, "case")
        os.makedirs(work)
        for path, text in list(files.items()) + [("setup.py", setup_py)]:
            full = os.path.join(work, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(text.encode("utf-8"))
        out_file = os.path.join(work, ".out.json")
        env = {"PATH": "/usr/bin:/bin", "HOME": "/homeless-shelter", "PYTHONPATH": pythonpath,
               "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf8", "out_file": out_file,
               "dump_setup_attrs": "y"}
        # -S: no site-packages, so nothing is installed but the stub setuptools (as for the crawler).
        proc = subprocess.run([python, "-S", "-c", SHIM, "install"], cwd=work, env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
        if os.path.exists(out_file):
            with open(out_file) as f:
                return json.loads(f.read().replace(work, "/build/case"))
        # The crawler logged stdout and stderr together (&>); its error is the last line.
        lines = [l.replace(work, "/build/case") for l in proc.stdout.decode("utf-8", "replace").splitlines()
                 if l.strip()]
        return {"error": lines[-1] if lines else "exit status %d, nothing printed" % proc.returncode}


if __name__ == "__main__":
    main()
