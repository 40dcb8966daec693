# Synthetic (pypidb sample): Python 2 only syntax; Python 3 cannot compile this file.
from distutils.core import setup
import sys

try:
    import json
except ImportError, e:
    print "no json module:", e
    sys.exit(1)

REQUIRES = ['simplejson>=2.0'] if sys.version_info < (2, 6) else []
REQUIRES.append('httplib2')

print >>sys.stderr, "building", `len(REQUIRES)`, "requirements"
setup(name='pypidb-sample-py2only', version='0.9', install_requires=REQUIRES)
