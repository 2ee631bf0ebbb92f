"""Coded detectors behind the ``document`` check type, registered by name.

A detector is a function ``(doc, rule, options) -> Iterator[Diagnostic]`` with
the defaults of its options; rule packs may override any option but cannot
invent new ones (the loader rejects unknown keys, naming file and code).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Diagnostic
    from ..ruleset import Rule
    from ..segments import Document

DetectorFunction = Callable[["Document", "Rule", Mapping[str, Any]], Iterator["Diagnostic"]]

#: Modules that register detectors on import, loaded on first use.
MODULES = ("duplication", "encoding", "fluency", "language", "leaks", "names", "navigation", "quality", "quotation", "structure")


@dataclass(frozen=True)
class Detector:
    name: str
    function: DetectorFunction
    defaults: Mapping[str, Any]
    skips_protected: bool


DETECTORS: dict[str, Detector] = {}


def detector(name: str, *, skips_protected: bool = False, **defaults: Any) -> Callable[[DetectorFunction], DetectorFunction]:
    """Register ``function`` as detector ``name`` with these option defaults."""

    def register(function: DetectorFunction) -> DetectorFunction:
        if name in DETECTORS:
            raise RuntimeError(f"detector {name!r} registered twice")
        DETECTORS[name] = Detector(name, function, defaults, skips_protected)
        return function

    return register


def load_detectors() -> None:
    for module in MODULES:
        importlib.import_module(f"{__name__}.{module}")
