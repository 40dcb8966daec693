# -*- coding: utf-8 -*-
from setuptools import setup

packages = \
['pendulum',
 'pendulum._extensions',
 'pendulum.formatting',
 'pendulum.locales',
 'pendulum.mixins',
 'pendulum.parsing',
 'pendulum.tz',
 'pendulum.tz.data',
 'pendulum.tz.zoneinfo',
 'pendulum.utils']

package_data = \
{'': ['*']}

install_requires = \
['python-dateutil>=2.6,<3.0', 'pytzdata>=2020.1']

extras_require = \
{':python_version < "3.5"': ['typing>=3.6,<4.0']}

setup_kwargs = {
    'name': 'pendulum',
    'version': '2.1.2',
    'description': 'Python datetimes made easy',
    'long_description': 'Pendulum\n########\n',
    'author': 'Sébastien Eustace',
    'author_email': 'sebastien@eustace.io',
    'maintainer': None,
    'maintainer_email': None,
    'url': 'https://pendulum.eustace.io',
    'packages': packages,
    'package_data': package_data,
    'install_requires': install_requires,
    'extras_require': extras_require,
    'python_requires': '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*',
}
from build import *
build(setup_kwargs)

setup(**setup_kwargs)
