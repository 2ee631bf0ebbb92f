"""Output formats, one module each; this registry is the one list of their names.

A writer module is imported only when its format is used, so that start-up does not pay
for rich, XML or the SARIF catalogue on a run that writes concise lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Writer


@dataclass(frozen=True)
class Format:
    """Where a format's writers live (``module:function`` under this package) and how they behave."""

    write: str
    #: ``--statistics``: the writer of counts by rule, or None when the format has none.
    statistics: str | None = None
    #: The writer passes over the findings once, in order, and keeps none of them, so each
    #: file's findings are written as its outcome arrives (memory does not grow with the run).
    streaming: bool = False


FORMATS: dict[str, Format] = {
    "full": Format("full:write_full", statistics="full:write_statistics"),
    "concise": Format("concise:write_concise", statistics="full:write_statistics", streaming=True),
    "json": Format("json:write_json", statistics="json:write_statistics_json"),
    "jsonl": Format("jsonl:write_jsonl", streaming=True),
    "github": Format("github:write_github", streaming=True),
    "sarif": Format("sarif:write_sarif"),
    "junit": Format("junit:write_junit"),
    "gitlab": Format("gitlab:write_gitlab"),
    "report": Format("report:write_report"),
}
NAMES = tuple(FORMATS)
STREAMING = frozenset(name for name, spec in FORMATS.items() if spec.streaming)
#: Formats that can print ``--statistics``.
STATISTICS = tuple(name for name, spec in FORMATS.items() if spec.statistics)


def _load(where: str) -> Writer:
    module, function = where.split(":")
    return getattr(import_module(f"{__name__}.{module}"), function)  # type: ignore[no-any-return]


def writer(name: str) -> Writer:
    """The writer of format ``name``."""
    return _load(FORMATS[name].write)


def statistics_writer(name: str) -> Writer:
    """The ``--statistics`` writer of format ``name`` (one of ``STATISTICS``)."""
    where = FORMATS[name].statistics
    if where is None:
        raise KeyError(f"--format {name} has no --statistics")
    return _load(where)
