# Synthetic (pypidb sample): refuses old Pythons, and uses f-strings Python 2 cannot compile.
import sys
from pathlib import Path

from setuptools import setup

if sys.version_info < (3, 8):
    sys.exit(f"pypidb-sample-py3only needs Python 3.8 or later, not {sys.version_info[:2]}")

here = Path(__file__).parent
requirements = (here / "requirements.txt").read_text().splitlines()
if sys.version_info < (3, 11):
    requirements.append("exceptiongroup>=1.0")

setup(
    name="pypidb-sample-py3only",
    version="2.0",
    install_requires=requirements,
    python_requires=">=3.8",
)
