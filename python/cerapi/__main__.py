"""Run the ``cerapi`` command as ``python -m cerapi``."""

import sys

from .cli import main

sys.exit(main())
