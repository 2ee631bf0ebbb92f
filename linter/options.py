"""A run's options: one picklable :class:`Recipe` per configuration file, and what a process builds from it.

The path of ``--fix`` (and of every other option) is: the flag, :func:`recipe_for` (the
configuration file's settings with the command-line flags on top), the recipe's field,
read in :mod:`linter.processing`. A run over several projects has one recipe per
configuration file in use and each file is a :data:`Job` naming its recipe, so worker
processes (:mod:`linter.parallel`) receive plain values and each builds its own
:class:`Prepared` (the loaded rules, the grammar backend) once, with :meth:`Recipe.build`.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cap import DEFAULT_MAX_FINDINGS
from .checks.vocabulary import with_vocabulary
from .model import Applicability
from .registry import RuleDefinitionError
from .results import DEFAULT_FAIL_ON, Mode
from .rule import Ruleset
from .rule_packs import load_ruleset
from .selection import LintConfig, Selection, closest_rule, known
from .settings import ConfigError, Discovery, Settings
from .sources.mirror import mirror_root, mirrored
from .sources.pathmatch import PathPatterns, per_file_ignores
from .suppress import is_markdown
from .templates.counts import TemplateCounts, source_of


@dataclass(frozen=True, kw_only=True)
class Recipe:
    """Everything a run does to the files of one configuration, in plain (picklable) values."""

    #: The core's view: rules, severities, languages; per file also Markdown and per-file ignores.
    config: LintConfig = LintConfig()
    mode: Mode = Mode.CHECK
    at_least: Applicability = Applicability.SAFE
    #: Findings at or above this severity fail the run (``fail-on``).
    fail_on: str = DEFAULT_FAIL_ON
    encoding: str | None = None
    per_file_ignores: Mapping[str, Sequence[str]] = field(default_factory=dict)
    #: The folder of the configuration file: ``per_file_ignores`` patterns are relative to it.
    root: str | None = None
    text_field: str = "text"
    id_field: str | None = None
    #: Data files: the field holding each record's language (``--language-field``).
    language_field: str | None = None
    #: With ``--fix``: write repaired copies under this folder instead of rewriting the inputs.
    output_dir: Path | None = None
    #: The folder whose layout ``output_dir`` mirrors (see :mod:`.sources.mirror`).
    output_root: Path | None = None
    #: The name standard input stands for: its settings, Markdown mode, and the path in the output.
    stdin_filename: str | None = None
    #: Findings of one rule listed per text before one summary finding (0: all); see ``linter.cap``.
    max_findings: int = DEFAULT_MAX_FINDINGS
    rules_dir: tuple[Path, ...] = ()
    vocabulary: tuple[str, ...] = ()
    #: The configuration file, to name it in errors.
    settings_path: str | None = None
    grammar: bool = False
    grammar_server: str | None = None
    #: The configuration file's own rule selectors by key (:attr:`.Settings.selectors`).
    file_selectors: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def validate(self, ruleset: Ruleset) -> None:
        """Reject rule selectors that match no rule of ``ruleset``: a typo must not silently disable a check.

        The configuration file's are named with the file and key (:class:`ConfigError`; a
        ``severity`` key must be a rule's code); then the selection with the flags (``SelectionError``).
        """
        for key, selectors in self.file_selectors:
            for selector in selectors:
                rule = ruleset.get(selector)
                if not (rule is not None and rule.code == selector if key == "severity" else known(selector, ruleset)):
                    kind = "rule code" if key == "severity" else "rule selector"
                    raise ConfigError(f"{self.settings_path}: '{key}': unknown {kind} {selector!r}{closest_rule(selector, ruleset)}")
        self.config.selection.validate(ruleset)

    def for_path(self, path: str) -> Recipe:
        """The recipe of one file: its per-file ignores, and Markdown structure for ``.md``."""
        config = self.config
        ignored = per_file_ignores(path, self.per_file_ignores, self.root)
        if ignored:
            config = replace(config, selection=replace(config.selection, ignore=(*config.selection.ignore, *ignored)))
        if is_markdown(path):
            config = replace(config, markdown=True)
        return self if config is self.config else replace(self, config=config)

    def target(self, path: str) -> Path:
        """Where ``--fix`` writes ``path``: the file itself, or its copy under ``output_dir``.

        The copy keeps the path relative to ``output_root`` (by default the folder holding
        the working directory and ``path``), so a data set's layout is kept.
        """
        if self.output_dir is None:
            return Path(path)
        root = self.output_root or mirror_root([path], self.output_dir)
        target = mirrored(path, self.output_dir, root)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def rules(self) -> Ruleset:
        """The rules: the built-in packs, ``rules_dir`` and the vocabulary."""
        ruleset = load_ruleset(self.rules_dir)
        try:
            return with_vocabulary(ruleset, self.vocabulary)
        except RuleDefinitionError as error:
            raise ConfigError(f"{self.settings_path}: 'vocabulary': {error}") from None

    def build(self) -> Prepared:
        """Load the rules and connect the grammar backend: what a process lints with."""
        return Prepared(self, _with_grammar(self, self.rules()))


def _with_grammar(recipe: Recipe, ruleset: Ruleset) -> Ruleset:
    """The rules, with the LanguageTool backend the recipe asks for handed to its grammar rules."""
    if not recipe.grammar:
        return ruleset
    from .checks.languagetool import with_backend
    from .grammar import GrammarBackend

    return with_backend(ruleset, GrammarBackend.connect(recipe.grammar_server))


@dataclass(frozen=True)
class Prepared:
    """A recipe with what it needs built, in the process that lints: the rules (with the grammar backend, if on).

    In a corpus run, also the template counts of pass 1 (:meth:`with_counts`), which the
    ruleset's template rules read and by whose ``source_pattern`` each document gets its source.
    """

    recipe: Recipe
    ruleset: Ruleset
    counts: TemplateCounts | None = None

    @property
    def config(self) -> LintConfig:
        return self.recipe.config

    def for_path(self, path: str) -> Prepared:
        """The same, with the recipe of one file (see :meth:`Recipe.for_path`)."""
        recipe = self.recipe.for_path(path)
        return self if recipe is self.recipe else replace(self, recipe=recipe)

    def with_counts(self, counts: TemplateCounts) -> Prepared:
        """The same, linting each document as one of its source in a corpus with these template counts."""
        from .checks.template import with_counts

        return replace(self, ruleset=with_counts(self.ruleset, counts), counts=counts)

    def source_of(self, path: str, record: str | int | None) -> str | None:
        """The source of the document ``path[record]`` in a corpus run (:func:`~.templates.source_of`); None without counts."""
        return None if self.counts is None else source_of(path, record, self.counts.source_pattern)


#: A file to lint and the index of its recipe among the run's recipes.
Job = tuple[str, int]


def with_flags(settings: Settings, flags: argparse.Namespace) -> Settings:
    """``newslint check``'s flags over a configuration file's values (what it selects and which files)."""
    return replace(
        settings,
        select=tuple(flags.select) if flags.select is not None else settings.select,
        extend_select=(*settings.extend_select, *flags.extend_select),
        ignore=(*settings.ignore, *flags.ignore),
        fail_on=flags.fail_on or settings.fail_on,
        include=PathPatterns(tuple(flags.include), os.getcwd()) if flags.include else settings.include,
        exclude=PathPatterns(tuple(flags.exclude), os.getcwd()) if flags.exclude is not None else settings.exclude,
        force_exclude=flags.force_exclude or settings.force_exclude,
        text_field=flags.text_field or settings.text_field,
        id_field=flags.id_field or settings.id_field,
        languages=flags.language if flags.language is not None else settings.languages,
        language_field=flags.language_field or settings.language_field,
        preview=flags.preview or settings.preview,
        grammar=flags.grammar or bool(flags.grammar_server) or settings.grammar,
        grammar_server=flags.grammar_server or settings.grammar_server,
    )


def recipe_for(settings: Settings, flags: argparse.Namespace | None = None, output_root: Path | None = None) -> Recipe:
    """The recipe of a configuration (already :func:`with_flags`) and the run-wide flags (mode, fix level, output).

    Without ``flags`` (``newslint rule``, the language server): a check with the file's settings.
    """
    selection = Selection(settings.select, settings.extend_select, settings.ignore, settings.preview)
    run = {} if flags is None else {
        "mode": Mode.FIX if flags.fix else Mode.DIFF if flags.diff else Mode.CHECK,
        "at_least": Applicability.UNSAFE if flags.unsafe_fixes else Applicability.SAFE,
        "encoding": flags.encoding,
        "output_dir": flags.output,
        "output_root": output_root,
        "stdin_filename": flags.stdin_filename,
        "max_findings": flags.max_findings_per_rule,
    }
    return Recipe(
        config=LintConfig(selection=selection, severity=settings.severity, languages=settings.languages),
        fail_on=settings.fail_on,
        per_file_ignores=settings.per_file_ignores,
        root=settings.root,
        text_field=settings.text_field,
        id_field=settings.id_field,
        language_field=settings.language_field,
        rules_dir=settings.rules_dir,
        vocabulary=settings.vocabulary,
        settings_path=str(settings.path),
        grammar=settings.grammar,
        grammar_server=settings.grammar_server,
        file_selectors=settings.selectors,
        **run,
    )


def plan(
    discovery: Discovery, files: Sequence[str], flags: argparse.Namespace, output_root: Path | None = None, *, found: bool = True
) -> tuple[list[Recipe], list[Job]]:
    """One recipe per configuration file in use, and each file's job; stdin gets the settings of ``--stdin-filename``.

    ``files`` are what discovery found (:func:`~linter.sources.iter_paths`), none of them a folder;
    with ``found`` false, paths as named (a folder has settings of its own).
    With no file the working directory's recipe is still made, so its selection is checked.
    """
    index: dict[Path | None, int] = {}
    recipes: list[Recipe] = []
    jobs: list[Job] = []
    for path in files or [os.curdir]:
        if path == "-" or not files or not found:
            settings = discovery.for_path(flags.stdin_filename if path == "-" and flags.stdin_filename else path)
        else:  # found by discovery, which walks folders and yields only what is not one
            settings = discovery.for_file(path)
        if settings.path not in index:
            index[settings.path] = len(recipes)
            recipes.append(recipe_for(settings, flags, output_root))
        if files:
            jobs.append((path, index[settings.path]))
    return recipes, jobs


def validate_settings(discovery: Discovery, paths: Sequence[str], flags: argparse.Namespace) -> None:
    """Raise the configuration error of any path named (a bad key, a selector that names no rule).

    For a run that found no file: it would otherwise say only that, and hide the error that
    breaks the next run with files (or print it after the warning, as if it came second).
    """
    for recipe in plan(discovery, paths, flags, found=False)[0]:
        recipe.validate(recipe.rules())
