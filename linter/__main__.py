"""``python -m linter`` runs the same command line as ``newslint``."""

from .cli import run

run()
