"""``python -m linter`` runs the same command line as ``newslint``."""

import sys

from .cli import main

sys.exit(main())
