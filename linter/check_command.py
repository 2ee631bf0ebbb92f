"""``newslint check``: the run itself, once the command line is parsed.

Paths are discovered with each folder's settings, :func:`linter.options.plan` makes one
recipe per configuration file, the :class:`~linter.parallel.pool.WorkerPool` (or the Dask
engine) processes the jobs, and each outcome is reported, baselined and tallied as it
arrives; the exit code comes from the tally. A run over a corpus (:func:`covers_corpus`)
with a template rule on first counts its documents' lines (:mod:`linter.parallel.counting`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from . import formats
from .options import Prepared, plan, validate_settings
from .parallel.counting import count_templates
from .parallel.pool import WorkerPool, default_jobs, progress
from .results import FileOutcome, Mode
from .rule import union
from .settings import Discovery
from .sources import is_data_file, iter_paths, write_atomic
from .sources.mirror import mirror_root
from .suppress import Baseline, BaselineError, baseline_json, fingerprints
from .tally import EXIT_ERROR, EXIT_OK, Tally
from .terminal import use_color
from .wording import plural


def print_error(message: str) -> None:
    """One line on stderr, always prefixed ``newslint: error:`` (as ruff's ``error:``), so scripts can grep one form."""
    print(f"newslint: error: {message}", file=sys.stderr)


def _no_files(paths: list[str], required: bool) -> int | None:
    """Say that nothing matched; exit 2 with ``--require-files``, else go on (exit 0, as ruff)."""
    where = ", ".join(repr(p) for p in paths)
    if required:
        print_error(f"no file to check under {where} (--require-files)")
        return EXIT_ERROR
    print(f"newslint: warning: no file to check under {where}", file=sys.stderr)
    return None


def covers_corpus(paths: Sequence[str], files: Sequence[str]) -> bool:
    """A run over many documents, whose template lines can be counted: a folder or a data file was named.

    Never standard input, nor files named one by one (pre-commit, editors): their documents are
    a few of their sources', so no count would say what the source repeats.
    """
    return "-" not in paths and (any(os.path.isdir(p) for p in paths) or any(is_data_file(f) for f in files))


def run_check(args: argparse.Namespace, discovery: Discovery) -> int:
    """Lint (fix, diff) the paths with their settings (``discovery``: files' values, flags on top); the exit code."""
    paths = args.paths or (["-"] if args.stdin_filename else ["."])
    if args.unsafe_fixes and not (args.fix or args.diff):
        # Not an error (ruff accepts it alone too), but a check alone neither applies nor shows more fixes.
        print("newslint: warning: --unsafe-fixes has an effect only with --fix or --diff", file=sys.stderr)
    files = list(iter_paths(paths, discovery.for_folder))
    if not files:
        validate_settings(discovery, paths, args)  # a configuration error first, and alone
        if (code := _no_files(paths, args.require_files)) is not None:
            return code
    output_root = None
    if args.output is not None:
        try:
            output_root = mirror_root(files, args.output)
        except ValueError as error:
            print_error(f"--output: {error}")
            return EXIT_ERROR
    recipes, jobs = plan(discovery, files, args, output_root)
    if args.engine == "dask":
        from .parallel.frames import run_dask

        for recipe in recipes:
            recipe.validate(recipe.build().ruleset)
        corpus = covers_corpus(paths, files)
        return run_dask([(path, recipes[i]) for path, i in jobs], args.scheduler, args.findings, sys.stdout, args.source_pattern, corpus)
    mode = recipes[0].mode
    # With ``--fix -`` the fixed text goes to stdout, so the report goes to stderr.
    stream = sys.stderr if mode is Mode.FIX and "-" in paths else sys.stdout
    tally = Tally()
    outcomes: list[FileOutcome] = []
    with WorkerPool(recipes, args.jobs or default_jobs(), files) as pool:  # workers start loading the rules now
        prepared = [recipe.build() for recipe in recipes]
        for each in prepared:
            each.recipe.validate(each.ruleset)
        reported = replace(prepared[0], ruleset=union([p.ruleset for p in prepared]))  # what the report needs
        baseline = Baseline.load(args.baseline) if args.baseline is not None else None
        pool.use(prepared)
        counts = count_templates(jobs, prepared, args.source_pattern, pool.map, pool.cut) if covers_corpus(paths, files) else None
        if counts is not None:
            pool.use_counts(counts)
        bar, advance = progress(sys.stderr.isatty() and pool.parallel, len(files))
        with bar:
            fail_on = [recipes[i].fail_on for _path, i in jobs]
            arrived = _arrivals(pool.run(jobs, advance), fail_on, baseline if args.write_baseline is None else None, tally)
            if _streams(args, mode):
                _write_report(args, reported, arrived, stream, tally.fail_on)
            else:
                outcomes.extend(arrived)

    if args.write_baseline is not None:
        return _write_baseline(args.write_baseline, outcomes)
    if not _streams(args, mode):
        _write_report(args, reported, outcomes, stream, tally.fail_on)
    return tally.exit_code(mode, args.allow_incomplete)


def _streams(args: argparse.Namespace, mode: Mode) -> bool:
    """Whether each file's findings are written as its outcome arrives (and then dropped)."""
    fixed_quietly = mode is Mode.FIX and args.quiet and args.format == "concise"
    return args.format in formats.STREAMING and not args.statistics and args.write_baseline is None and not fixed_quietly


def _arrivals(outcomes: Iterator[FileOutcome], fail_on: Sequence[str], baseline: Baseline | None, tally: Tally) -> Iterator[FileOutcome]:
    """Each outcome as it arrives: its errors reported, the baseline applied, counted in ``tally``."""
    for outcome, level in zip(outcomes, fail_on):
        for error in outcome.errors:
            print_error(str(error))
        for unit in outcome.units:
            for line in unit.incomplete_lines():
                print_error(line)
        if baseline is not None:
            _apply_baseline(baseline, outcome)
        tally.add(outcome, level)
        yield outcome


def _write_baseline(path: Path, outcomes: list[FileOutcome]) -> int:
    prints = [p for o in outcomes for u in o.units for p in fingerprints(u.path, u.record, u.text, u.diagnostics)]
    data = baseline_json(prints).encode("utf-8")
    try:
        write_atomic(path, data)
    except OSError as error:
        raise BaselineError(f"{path}: cannot write the baseline: {error.strerror or error}") from None
    print(f"newslint: wrote {plural(len(prints), 'finding')} to the baseline {path}", file=sys.stderr)
    return EXIT_ERROR if any(o.errors for o in outcomes) else EXIT_OK


def _apply_baseline(baseline: Baseline, outcome: FileOutcome) -> None:
    for unit in outcome.units:
        prints = fingerprints(unit.path, unit.record, unit.text, unit.diagnostics)
        unit.diagnostics = [d for d, p in zip(unit.diagnostics, prints) if baseline.keeps(p)]


def _write_report(args: argparse.Namespace, prepared: Prepared, outcomes: Iterable[FileOutcome], stream: TextIO, fail_on: Mapping[str, str]) -> None:
    from .formats.base import Report

    report = Report(
        outcomes=outcomes,
        ruleset=prepared.ruleset,
        mode=prepared.recipe.mode,
        color=use_color(args.color, stream),
        width=shutil.get_terminal_size((100, 24)).columns,
        quiet=args.quiet,
        html=args.html,
        source_pattern=args.source_pattern,
        fail_on=fail_on,
        unsafe_fixes=args.unsafe_fixes,
    )
    # As ``ruff check --diff``: the diff is the output of the formats written for people.
    if prepared.recipe.mode is Mode.DIFF and args.format in ("full", "concise") and not args.statistics:
        from .formats.changes import write_patch

        write_patch(report, stream, sys.stderr)
    elif prepared.recipe.mode is Mode.FIX and args.quiet and args.format in ("full", "concise") and not args.statistics:
        from .formats.changes import write_changes

        write_changes(report, stream)
    elif args.statistics:
        formats.statistics_writer(args.format)(report, stream)
    else:
        formats.writer(args.format)(report, stream)
    stream.flush()
