"""The errors that cross layers: raised deep down, reported by the edge as one line and exit 2.

Defined here, apart from the command line, so that no module imports the CLI (or the file
readers, or the configuration) only to raise or catch one of them.
"""

from __future__ import annotations


class UsageError(Exception):
    """A bad flag or value; reported as one line, exit 2."""


class ConfigError(Exception):
    """A configuration file cannot be used; the message names the file and the key."""


class InputError(Exception):
    """A file cannot be linted; ``str()`` is the one line shown to the user."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        # Raised in worker processes and sent back to the parent, so it must pickle.
        return (InputError, (self.path, self.message))
