"""The command line: ``newslint check`` and ``newslint rule``.

``main(argv) -> int`` never raises for user errors: usage, configuration and
input problems are one line on stderr and exit code 2; findings at or above
``--fail-on`` give 1; otherwise 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from typing import TextIO

from . import __version__
from .config import LintConfig
from .model import Applicability, Severity
from .ruleset import RulesetError, load_ruleset
from .runner import FileOutcome, Mode, RunOptions, process_path
from .selection import Selection, SelectionError
from .sources import DEFAULT_INCLUDE, iter_paths

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")
FORMAT_NAMES = ("full", "concise", "json", "jsonl")


class UsageError(Exception):
    """A bad flag or value; reported as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newslint", description="A text-quality linter for scraped and machine-translated news.")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="lint files (the default command)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories ('-' for stdin; default: .)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes and write the files")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes")
    check.add_argument("--diff", action="store_true", help="show the fixes --fix would apply; write nothing")
    check.add_argument("--select", type=_codes, metavar="CODES", help="only these rules (codes, prefixes or names)")
    check.add_argument("--extend-select", type=_codes, default=[], metavar="CODES", help="rules to add to the selection")
    check.add_argument("--ignore", type=_codes, default=[], metavar="CODES", help="rules to leave out")
    check.add_argument("--preview", action="store_true", help="also run rules in preview")
    check.add_argument("--fail-on", choices=FAIL_ON, default="warning", help="lowest severity that fails the run (default: warning)")
    check.add_argument("--format", choices=FORMAT_NAMES, default="full", help="output format (default: full)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour output (default: auto)")
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    check.add_argument("--statistics", action="store_true", help="print only counts by rule")
    check.add_argument("--encoding", metavar="NAME", help="read files in this encoding (e.g. cp1252) instead of UTF-8")
    check.add_argument("--include", type=_codes, metavar="GLOBS", help=f"file globs when recursing (default: {','.join(DEFAULT_INCLUDE)})")
    check.add_argument("--exclude", type=_codes, default=[], metavar="GLOBS", help="file globs to skip")

    rule = commands.add_parser("rule", help="list the rules, or explain one")
    rule.add_argument("code", nargs="?", metavar="CODE", help="a rule code or name")
    rule.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if not args_list or args_list[0] not in ("check", "rule", "--version", "-h", "--help"):
            args_list.insert(0, "check")
        args = build_parser().parse_args(args_list)
        if args.command == "rule":
            from .rule_docs import show_rules

            return show_rules(load_ruleset(), args.code, args.format, sys.stdout)
        return run_check(args)
    except (UsageError, RulesetError, SelectionError) as error:
        _error(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (``newslint check | head``); that is not an error of ours.
        sys.stderr.close()
        return EXIT_OK


def _error(message: str) -> None:
    print(f"newslint: error: {message}" if not message.startswith("newslint") else message, file=sys.stderr)


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def run_check(args: argparse.Namespace) -> int:
    if args.diff and args.fix:
        raise UsageError("newslint check: --fix and --diff cannot be combined")
    ruleset = load_ruleset()
    selection = Selection(
        select=tuple(args.select) if args.select is not None else None,
        extend_select=tuple(args.extend_select),
        ignore=tuple(args.ignore),
        preview=args.preview,
    )
    selection.validate(ruleset)
    mode = Mode.FIX if args.fix else Mode.DIFF if args.diff else Mode.CHECK
    options = RunOptions(
        ruleset=ruleset,
        config=LintConfig(selection=selection),
        mode=mode,
        at_least=Applicability.UNSAFE if args.unsafe_fixes else Applicability.SAFE,
        encoding=args.encoding,
    )
    paths = args.paths or ["."]
    outcomes: list[FileOutcome] = []
    for path in iter_paths(paths, tuple(args.include or DEFAULT_INCLUDE), tuple(args.exclude)):
        outcome = process_path(path, options)
        for error in outcome.errors:
            _error(str(error))
        outcomes.append(outcome)

    # With ``--fix -`` the fixed text goes to stdout, so the report goes to stderr.
    stream = sys.stderr if mode is Mode.FIX and "-" in paths else sys.stdout
    _write_report(args, options, outcomes, stream)
    return _exit_code(args, mode, outcomes)


def _write_report(args: argparse.Namespace, options: RunOptions, outcomes: list[FileOutcome], stream: TextIO) -> None:
    from .report import FORMATS, Report, load_writers
    from .report.full import write_statistics

    load_writers()
    report = Report(
        outcomes=outcomes,
        ruleset=options.ruleset,
        mode=options.mode,
        at_least=options.at_least,
        color=_use_color(args.color, stream),
        width=shutil.get_terminal_size((100, 24)).columns,
        quiet=args.quiet,
        statistics=args.statistics,
    )
    if args.statistics:
        write_statistics(report, stream)
    else:
        FORMATS[args.format](report, stream)
    stream.flush()


def _exit_code(args: argparse.Namespace, mode: Mode, outcomes: list[FileOutcome]) -> int:
    if any(outcome.errors for outcome in outcomes):
        return EXIT_ERROR
    if mode is Mode.DIFF:
        return EXIT_FINDINGS if any(outcome.changed for outcome in outcomes) else EXIT_OK
    if args.fail_on == "never":
        return EXIT_OK
    threshold = Severity.parse(args.fail_on)
    failing = any(
        d.severity >= threshold for outcome in outcomes for unit in outcome.units for d in unit.diagnostics
    )
    return EXIT_FINDINGS if failing else EXIT_OK
