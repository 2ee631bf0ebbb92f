"""What a run's exit code needs from each file's outcome, kept while outcomes stream past.

The streaming formats (jsonl, concise, github) write a file's findings as its outcome
arrives and then drop it, so memory does not grow with the number of files or findings;
the exit code is decided from these few facts instead of a list of every outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .results import FileOutcome, Mode, fails

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class Tally:
    """The facts about the outcomes seen so far that decide the exit code."""

    #: Each path's ``fail-on`` (its configuration's, or the flag), for the exit code and JUnit.
    fail_on: dict[str, str] = field(default_factory=dict)
    errors: bool = False
    incomplete: bool = False
    changed: bool = False
    failing: bool = False

    def add(self, outcome: FileOutcome, fail_on: str) -> None:
        """Count one outcome, after its findings are final (a baseline applied)."""
        self.fail_on[outcome.path] = fail_on
        self.errors = self.errors or bool(outcome.errors)
        self.incomplete = self.incomplete or any(unit.incomplete for unit in outcome.units)
        self.changed = self.changed or outcome.changed
        self.failing = self.failing or any(fails(d.severity, fail_on) for unit in outcome.units for d in unit.diagnostics)

    def exit_code(self, mode: Mode, allow_incomplete: bool = False) -> int:
        if self.errors or (self.incomplete and not allow_incomplete):
            return EXIT_ERROR
        if mode is Mode.DIFF:
            return EXIT_FINDINGS if self.changed else EXIT_OK
        return EXIT_FINDINGS if self.failing else EXIT_OK
