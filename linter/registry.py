"""Check types: the code behind rules. Rules name their type; this maps names to classes.

A check type declares the rule keys it takes (``PARAMS``: key -> (type, required))
so that loading can reject unknown keys and wrong types before anything runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .model import Diagnostic
    from .ruleset import Rule
    from .segments import Document


class RuleDefinitionError(ValueError):
    """A rule's parameters are wrong; the loader adds the file and the code."""


class Check:
    """Base of every check type. Subclasses compile parameters once in ``__init__``."""

    name: ClassVar[str]
    PARAMS: ClassVar[Mapping[str, tuple[type | tuple[type, ...], bool]]] = {}
    #: Whether findings inside URLs, e-mail addresses and domains are dropped.
    skips_protected: ClassVar[bool] = True

    def __init__(self, rule: Rule, params: Mapping[str, Any]) -> None:
        self.rule = rule

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        raise NotImplementedError


CHECK_TYPES: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: make a check type available to rule packs under ``cls.name``."""
    if cls.name in CHECK_TYPES:
        raise RuntimeError(f"check type {cls.name!r} registered twice")
    CHECK_TYPES[cls.name] = cls
    return cls


def check_types() -> dict[str, type[Check]]:
    """All registered check types (importing the modules that register them)."""
    from . import checks  # noqa: F401  (registration happens on import)

    return CHECK_TYPES
