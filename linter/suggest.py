"""'Did you mean' hints for mistyped commands and options (difflib), as one line of a usage error."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'check'?"`` for the closest choice, or ``""`` when none is close."""
    import difflib  # here, not at import: only a mistyped command line needs it

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def unknown_command(word: str, commands: Sequence[str]) -> str | None:
    """The error for a first argument that names neither a command nor a path, or None.

    ``newslint a.txt`` means ``newslint check a.txt``, so a first argument that
    exists, or looks like a path (a folder or an extension in it), is one.
    """
    if word.startswith("-") or word in commands or os.path.lexists(word) or "." in word or os.sep in word or "/" in word:
        return None
    return f"'{word}' is neither a command nor a file (commands: {', '.join(commands)}){did_you_mean(word, commands)}"


def unknown_options(extras: Sequence[str], options: Iterable[str]) -> str:
    """The error for arguments no option takes, each with its closest option."""
    known = list(options)
    return "; ".join(
        f"unrecognized argument '{extra}'" + (did_you_mean(extra.split("=")[0], known) if extra.startswith("-") else "") for extra in extras
    )
