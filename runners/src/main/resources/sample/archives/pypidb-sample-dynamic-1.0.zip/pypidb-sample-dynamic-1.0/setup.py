# Synthetic (pypidb sample): dependencies decided at build time; static analysis must say so.
import os
import subprocess

from setuptools import setup

cuda = subprocess.check_output(["nvcc", "--version"]).decode() if os.environ.get("WITH_CUDA") else ""
backend = "torch-cuda>=2.0" if "release 12" in cuda else "torch>=2.0"

setup(
    name="pypidb-sample-dynamic",
    version="1.0",
    install_requires=["numpy>=1.21", backend],
    setup_requires=["setuptools>=61"],
)
