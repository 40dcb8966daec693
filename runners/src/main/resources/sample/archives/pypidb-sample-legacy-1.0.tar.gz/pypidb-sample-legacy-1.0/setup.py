#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Synthetic (pypidb sample): the Python-version branches setup.py files of the 2010s hold.
import os
import sys
import platform

from setuptools import setup, find_packages

PY2 = sys.version_info[0] == 2
here = os.path.abspath(os.path.dirname(__file__))


def read_requirements(name):
    with open(os.path.join(here, 'requirements', name)) as f:
        return [line.strip() for line in f
                if line.strip() and not line.startswith('#')]


install_requires = read_requirements('base.txt')
if PY2:
    install_requires.append('futures>=3.0')
    install_requires += ['enum34']
elif sys.version_info < (3, 7):
    install_requires.append('dataclasses')

if sys.version_info >= (3, 11):
    pass
else:
    install_requires.append('tomli>=1.1')

if platform.python_version().startswith('3.12'):
    install_requires.append('setuptools>=68')

extras = {
    'yaml': ['PyYAML>=5.1'],
    'test': read_requirements('test.txt'),
}
extras['all'] = sorted(set(extras['yaml'] + extras['test']))

setup(
    name='pypidb-sample-legacy',
    version='1.0',
    packages=find_packages(exclude=['tests']),
    install_requires=install_requires,
    extras_require=extras,
    tests_require=extras['test'],
    python_requires='>=2.7',
)
