"""Which ``check`` flags go together: every combination either does what the flags say or is
refused here with one line, before any file is read."""

from __future__ import annotations

import argparse

from .formats import STATISTICS
from .sources import is_data_file

#: Flags of the local engine that a Dask run cannot honour.
_LOCAL_ONLY = (
    ("statistics", "--statistics"),
    ("baseline", "--baseline"),
    ("write_baseline", "--write-baseline"),
    ("html", "--html"),
    ("jobs", "--jobs (a Dask cluster has its own workers)"),
)


def resolve_format(args: argparse.Namespace) -> str:
    """The output format: as given, else ``jsonl`` for the Dask engine and ``full`` otherwise."""
    return args.format or ("jsonl" if args.engine == "dask" else "full")


def refusal(args: argparse.Namespace) -> str | None:
    """Why these flags cannot be combined, or None when they can."""
    if args.diff and args.fix:
        return "--fix and --diff cannot be combined"
    if args.output is not None and not args.fix:
        return "--output needs --fix"
    fmt = resolve_format(args)
    if args.engine == "dask":
        if fmt != "jsonl":
            return f"--engine dask writes findings as JSONL (or Parquet with --findings), not --format {fmt}"
        for name, flag in _LOCAL_ONLY:
            if getattr(args, name):
                return f"{flag} works with the local engine only, not with --engine dask"
    else:
        for name, flag in (("findings", "--findings"), ("scheduler", "--scheduler")):
            if getattr(args, name) is not None:
                return f"{flag} needs --engine dask"
    if args.stdin_filename and is_data_file(args.stdin_filename):
        # Records need their file (line numbers, gzip, Parquet's footer, --fix writing it back).
        return f"--stdin-filename {args.stdin_filename}: standard input is read as one text; name the data file instead"
    if args.stdin_filename and args.paths and "-" not in args.paths:
        # It would name nothing: the paths are read, standard input is not.
        return f"--stdin-filename names standard input: give '-' or no path, not {' '.join(args.paths)}"
    if args.statistics and fmt not in STATISTICS:
        return f"--statistics prints counts as a table or JSON (--format {', '.join(STATISTICS[:-1])} or {STATISTICS[-1]}), not --format {fmt}"
    # --source-pattern also names the sources of the template counts (NL336), in every format.
    if fmt != "report" and args.html is not None:
        return "--html needs --format report"
    return None
