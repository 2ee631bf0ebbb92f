"""The command line: ``newslint check``, ``newslint rule`` and ``newslint config``.

``main(argv) -> int`` never raises for user errors: usage, configuration and
input problems are one line on stderr and exit code 2; findings at or above
``--fail-on`` give 1; otherwise 0.
"""

from __future__ import annotations

import argparse
import atexit
import codecs
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import formats
from .cap import DEFAULT_MAX_FINDINGS
from .check_command import print_error, run_check
from .errors import ConfigError, InputError, UsageError
from .grammar import GrammarUnavailable
from .kernels import VersionAction, describe
from .language import LanguageModelMissing, parse_languages
from .options import recipe_for, with_flags
from .results import FAIL_ON
from .rule import Ruleset
from .rule_packs import RulesetError, load_ruleset
from .flag_rules import refusal, resolve_format
from .selection import SelectionError
from .settings import Discovery, Settings
from .suggest import unknown_command, unknown_options
from .suppress import BaselineError
from .tally import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from .terminal import use_color

COMMANDS = ("check", "rule", "config", "report", "server", "doctor")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")

    def parse_args(self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None) -> argparse.Namespace:  # type: ignore[override]
        """As argparse, but an unknown option gets the closest known one as a hint."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = self
            for action in self._actions:
                if isinstance(action, argparse._SubParsersAction) and getattr(parsed, action.dest, None):
                    command = action.choices[getattr(parsed, action.dest)]
            command.error(unknown_options(extras, (o for a in command._actions for o in a.option_strings)))
        return parsed


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _selection(value: str) -> list[str]:
    """``--select``'s codes; none at all (an empty variable in a script) would silently check nothing."""
    codes = _codes(value)
    if not codes:
        raise argparse.ArgumentTypeError("no rule given (to check nothing on purpose: --ignore ALL)")
    return codes


def _number(value: str, minimum: int, below: str) -> int:
    """``value`` as a whole number of at least ``minimum``; ``below`` is the error under it."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < minimum:
        raise argparse.ArgumentTypeError(below)
    return number


def _jobs(value: str) -> int:
    return _number(value, 1, "must be at least 1")


def _count(value: str) -> int:
    """A positive number, or 0 for no limit (the error says so: 0 is a valid answer)."""
    return _number(value, 0, "must be 0 (no limit) or more")


def _pattern(value: str) -> str:
    import regex

    try:
        regex.compile(value)
    except regex.error as error:
        raise argparse.ArgumentTypeError(f"not a valid pattern: {error}") from None
    return value


def _languages(value: str) -> tuple[str, ...]:
    try:
        return parse_languages(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _add_report_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--html", type=Path, metavar="FILE", help="corpus report: also write a self-contained HTML page")
    parser.add_argument(
        "--source-pattern", type=_pattern, metavar="REGEX", help="name a document's source (the corpus report's sources, the sites of template counts) by this pattern's first group in its name (path, or path[record])"
    )


def _add_config_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file instead of searching for one")
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newslint", description="A text-quality linter for scraped and machine-translated news.")
    parser.add_argument("--version", "-V", action=VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="lint files (the default command)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories ('-' for stdin; default: .)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes and write the files")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes")
    check.add_argument("--diff", action="store_true", help="print a unified diff of what --fix would write; write nothing")
    check.add_argument("--select", type=_selection, metavar="CODES", help="only these rules (codes, prefixes or names)")
    check.add_argument("--extend-select", type=_codes, default=[], metavar="CODES", help="rules to add to the selection")
    check.add_argument("--ignore", type=_codes, default=[], metavar="CODES", help="rules to leave out")
    check.add_argument("--preview", action="store_true", help="also run rules in preview")
    check.add_argument("--fail-on", choices=FAIL_ON, help="lowest severity that fails the run (default: warning)")
    check.add_argument("--format", choices=formats.NAMES, help="output format (default: full; jsonl with --engine dask)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour output (default: auto)")
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary (with --fix: only the files changed)")
    check.add_argument("--statistics", action="store_true", help="print only counts by rule")
    check.add_argument("--encoding", metavar="NAME", help="read files in this encoding (e.g. cp1252) instead of UTF-8")
    check.add_argument("--include", type=_codes, metavar="GLOBS", help="gitignore-style patterns of the files to lint when recursing (default: articles and data sets)")
    check.add_argument("--exclude", type=_codes, metavar="GLOBS", help="gitignore-style patterns of the files and folders to skip when recursing")
    check.add_argument("--force-exclude", action="store_true", help="also skip excluded paths named on the command line (pre-commit)")
    check.add_argument("--require-files", action="store_true", help="exit 2 when no file matched (default: a warning, exit 0)")
    check.add_argument("--stdin-filename", metavar="NAME", help="the file name stdin stands for: its settings, Markdown mode, the path shown")
    check.add_argument("--text-field", metavar="NAME", help="JSONL and Parquet: the field holding the text (default: text)")
    check.add_argument("--id-field", metavar="NAME", help="JSONL and Parquet: the field naming the record (default: id, _id, doc_id or uuid if present, else the line or row number)")
    check.add_argument("--language", type=_languages, metavar="auto|CODES", help="languages to lint: auto (default) or codes like en,fr")
    check.add_argument("--language-field", metavar="NAME", help="JSONL/Parquet: the field holding each record's language (instead of detection)")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="report only findings that are not in this baseline")
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help="record the current findings as the baseline and exit 0")
    check.add_argument("--grammar", action="store_true", help="also check grammar with LanguageTool (NL8xx)")
    check.add_argument("--grammar-server", metavar="URL", help="the LanguageTool server to use (implies --grammar)")
    check.add_argument("--jobs", "-j", type=_jobs, metavar="N", help="worker processes (default: all cores; 1: serial)")
    check.add_argument("--output", type=Path, metavar="DIR", help="with --fix: write repaired copies here instead of rewriting the inputs")
    check.add_argument("--engine", choices=("local", "dask"), default="local", help="run on this machine, or on a Dask cluster (JSONL/Parquet)")
    check.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: the scheduler to use (default: a local cluster)")
    check.add_argument("--findings", type=Path, metavar="PATH", help="with --engine dask: write findings here (.parquet folder or .jsonl)")
    check.add_argument(
        "--max-findings-per-rule", type=_count, default=DEFAULT_MAX_FINDINGS, metavar="N",
        help=f"list at most N findings of one rule per text, then one summary (default: {DEFAULT_MAX_FINDINGS}; 0: all)",
    )
    check.add_argument("--allow-incomplete", action="store_true", help="exit as usual when a rule timed out on part of a text")
    _add_report_flags(check)
    _add_config_flags(check)

    report = commands.add_parser("report", help="summarise a findings file (from --format jsonl/json) of a corpus run")
    report.add_argument("findings", nargs="+", type=Path, metavar="FINDINGS", help="findings files (.jsonl, .json or .parquet)")
    report.add_argument("--documents", type=_jobs, metavar="N", help="documents checked in all (a findings file lists only those with findings)")
    report.add_argument("--top", type=_jobs, default=10, metavar="N", help="rows in the worst-documents and sources tables (default: 10)")
    report.add_argument("--title", default="newslint corpus report", help="title of the HTML page")
    report.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour output (default: auto)")
    _add_report_flags(report)

    rule = commands.add_parser("rule", help="list the rules, explain one, or test a folder of rule packs")
    rule.add_argument("code", nargs="?", metavar="CODE", help="a rule code or name")
    rule.add_argument(
        "--format", choices=("text", "json", "markdown"), default="text",
        help="text (default), json, or markdown (the table of rules, as in the README)",
    )
    rule.add_argument("--test", type=Path, metavar="DIR", help="run the examples of the rule packs in DIR")
    listing = rule.add_mutually_exclusive_group()
    listing.add_argument("--list", action="store_true", help="list the rules (as with no CODE)")
    listing.add_argument("--all", action="store_true", help="explain every rule")
    _add_config_flags(rule)

    config = commands.add_parser("config", help="print the configuration that applies to a file or folder")
    config.add_argument("path", nargs="?", metavar="PATH", help="the file or folder (default: the working directory)")
    _add_config_flags(config)
    commands.add_parser("server", help="a language server for editors, on stdin and stdout (needs newslint[lsp])")
    commands.add_parser("doctor", help="the version, and which fast paths run: each compiled kernel, the RE2 prefilter")
    return parser


def run() -> NoReturn:
    """The ``newslint`` command (and ``python -m linter``): :func:`main`, then out at once.

    A normal interpreter exit frees every object of the run one by one (the rules and their
    compiled patterns, word tables, the warm-up a ``--jobs`` run shares with its workers): 25 to
    40 ms after the last line is written, on every run. As in a normal exit, the output is
    flushed and the functions registered to run at exit (the pattern cache's) run first.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader went away (a broken pipe), or main closed the stream
            pass
    atexit._run_exitfuncs()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")  # never crash on what cannot be printed
    try:
        if not args_list or args_list[0] not in (*COMMANDS, "--version", "-V", "-h", "--help"):
            problem = unknown_command(args_list[0], COMMANDS) if args_list else None
            if problem is not None:
                raise UsageError(problem)
            args_list.insert(0, "check")
        args = build_parser().parse_args(args_list)
        if args.command == "report":
            return _report_command(args)
        if args.command == "server":
            return _server_command()
        if args.command == "doctor":
            print(describe())
            return EXIT_OK
        if args.command == "check":
            discovery = _discovery(args)
            _check_flags(args)
            return run_check(args, discovery)
        settings = _settings(args)
        if args.command == "config":
            sys.stdout.write(settings.as_toml())
            return EXIT_OK
        return _rule_command(args, settings)
    except (UsageError, RulesetError, SelectionError, ConfigError, BaselineError, GrammarUnavailable, LanguageModelMissing) as error:
        print_error(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (``newslint check | head``); that is not an error of ours.
        sys.stderr.close()
        return EXIT_OK


def _discovery(args: argparse.Namespace) -> Discovery:
    """Configuration per folder; for ``check`` with the command-line flags on top."""
    adjust = (lambda settings: with_flags(settings, args)) if args.command == "check" else (lambda settings: settings)
    return Discovery(adjust, config=args.config, isolated=args.isolated)


def _settings(args: argparse.Namespace) -> Settings:
    """The settings of the working directory (``rule``), or of ``newslint config PATH``.

    A path that does not exist is an error, as for ``check``: a mistyped one would print the
    defaults as if they applied to the project.
    """
    path = getattr(args, "path", None) or os.curdir
    if not os.path.lexists(path):
        raise UsageError(f"config: {path}: no such file or folder")
    return _discovery(args).for_path(path)


def _ruleset(settings: Settings) -> Ruleset:
    return recipe_for(settings).rules()


def _rule_command(args: argparse.Namespace, settings: Settings) -> int:
    from .rule_display import show_rules

    if args.test is not None:
        from .rule_examples import run_examples

        if not args.test.is_dir():
            raise UsageError(f"rule --test: {args.test}: not a folder")
        theirs = load_ruleset([args.test], builtin=False)
        everything = load_ruleset([args.test])
        count, failures = run_examples(everything, only=theirs)
        for failure in failures:
            print(f"FAIL {failure}")
        print(f"{count - len(failures)} passed, {len(failures)} failed")
        return EXIT_FINDINGS if failures else EXIT_OK
    if args.code is not None and (args.list or args.all):
        raise UsageError("rule: give a CODE or --list/--all, not both")
    if args.format == "markdown" and (args.code is not None or args.all):
        # It would print the text view: the Markdown is only the table of rules.
        raise UsageError("rule: --format markdown is the table of rules (as in the README); give no CODE and no --all")
    return show_rules(_ruleset(settings), args.code, args.format, sys.stdout, explain_all=args.all)


def _server_command() -> int:
    try:
        from .lsp.server import serve
    except ImportError as error:
        raise UsageError(f"the server needs the lsp extra: pip install 'newslint[lsp]' ({error})") from None
    return serve()


def _report_command(args: argparse.Namespace) -> int:
    from .corpus_summary import read_findings, summarise
    from .formats.report import print_summary, write_page

    rows = []
    try:
        for path in args.findings:
            rows.extend(read_findings(path))
        summary = summarise(rows, total=args.documents, source_pattern=args.source_pattern, top=args.top)
        # The page before the tables: a reader that stops reading them (``| head``) must not cost it.
        if args.html is not None:
            write_page(summary, args.html, args.title)
    except InputError as error:
        print_error(str(error))
        return EXIT_ERROR
    print_summary(summary, sys.stdout, use_color(args.color, sys.stdout), shutil.get_terminal_size((100, 24)).columns)
    return EXIT_OK


def _check_encoding(name: str) -> None:
    """Refuse an encoding Python cannot decode text with once, not once per file read."""
    try:
        text = codecs.lookup(name)._is_text_encoding  # False for rot13, base64: bytes.decode refuses them
    except LookupError:
        text = False
    if not text:
        raise UsageError(f"--encoding {name}: not a text encoding Python knows (e.g. utf-8, cp1252, latin-1)")


def _check_flags(args: argparse.Namespace) -> None:
    """Refuse ``check`` flags that do not go together; settle ``--format``'s default."""
    refused = refusal(args)
    if refused:
        raise UsageError(refused)
    if args.output is not None and os.path.exists(args.output) and not os.path.isdir(args.output):
        raise UsageError(f"--output {args.output}: not a folder")
    if args.encoding is not None:
        _check_encoding(args.encoding)
    args.format = resolve_format(args)
