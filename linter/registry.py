"""Check types: the code behind rules. Rules name their type; this maps names to classes.

A check type declares the rule keys it takes (``PARAMS``: kebab-case key -> :class:`Param`),
so that loading can reject unknown keys and wrong types before anything runs, and the
rule-pack docs list every parameter from one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .model import Diagnostic
    from .rule import Rule, Ruleset
    from .segments import Document


class RuleDefinitionError(ValueError):
    """A rule's parameters are wrong; the loader adds the file and the code."""


class BackendUnavailable(Exception):
    """A check's outside backend cannot answer: the run stops with this one-line message.

    Any other error of a check only costs that rule's findings on one text (``engine``).
    """


#: The default of a parameter that every rule of its type must give.
REQUIRED: Any = object()


@dataclass(frozen=True)
class Param:
    """One rule key of a check type: its type, its default (or ``REQUIRED``), what it means."""

    type: type | tuple[type, ...]
    description: str
    default: Any = REQUIRED
    #: At most one rule of a ruleset may set this (boolean) parameter true.
    unique: bool = False

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def accepts(self, value: object) -> bool:
        """Whether ``value`` has this type (an int is a float; a bool is never a number)."""
        kinds = self.type if isinstance(self.type, tuple) else (self.type,)
        if float in kinds:
            kinds = (*kinds, int)
        return isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool))

    @property
    def type_name(self) -> str:
        kinds = self.type if isinstance(self.type, tuple) else (self.type,)
        return " or ".join({"str": "string", "bool": "boolean", "dict": "table"}.get(k.__name__, k.__name__) for k in kinds)


class Check:
    """Base of every check type. Subclasses compile parameters once in ``__init__``.

    ``params`` holds every key of ``PARAMS`` (the rule's value or the default).
    """

    name: ClassVar[str]
    PARAMS: ClassVar[Mapping[str, Param]] = {}
    #: Whether the rule drops findings inside URLs, e-mail addresses and domains.
    skips_protected: ClassVar[bool] = True

    def __init__(self, rule: Rule, params: Mapping[str, Any]) -> None:
        self.rule = rule

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def for_examples(self, ruleset: Ruleset) -> tuple[Ruleset, str | None]:
        """The ruleset and the source (``lint(..., source=)``) this rule's examples are checked with.

        Most checks read one text alone: the ruleset as it is, no source. A check whose findings
        need a corpus (``template``) makes its rule's examples that corpus.
        """
        return ruleset, None


#: A coded check's work: findings of ``rule`` in a document, given the rule's parameters (snake_case keys).
Finder = Callable[["Document", "Rule", Mapping[str, Any]], Iterator["Diagnostic"]]


class FunctionCheck(Check):
    """A check type whose work is one generator function (``finder``) over the whole document."""

    finder: ClassVar[Finder]

    def __init__(self, rule: Rule, params: Mapping[str, Any]) -> None:
        super().__init__(rule, params)
        self.params = params
        self.options = {key.replace("-", "_"): value for key, value in params.items()}

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        return type(self).finder(doc, self.rule, self.options)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled by type name (the classes are made by :func:`coded_check`, not written out).

        The finder goes along by reference: unpickling it imports its module, which registers the type.
        """
        return (_function_check, (type(self).finder, self.name, self.rule, self.params))


def _function_check(finder: Finder, name: str, rule: Rule, params: Mapping[str, Any]) -> Check:
    return CHECK_TYPES[name](rule, params)


def coded_check(name: str, params: Mapping[str, Param] | None = None, *, skips_protected: bool = False) -> Callable[[Finder], Finder]:
    """Decorator: register ``finder`` as check type ``name`` taking ``params``; the function is returned as it is."""

    def make(finder: Finder) -> Finder:
        namespace = {"name": name, "PARAMS": params or {}, "skips_protected": skips_protected, "finder": staticmethod(finder), "__doc__": finder.__doc__}
        class_name = "".join(part.title() for part in name.split("-")) + "Check"
        register(type(class_name, (FunctionCheck,), namespace | {"__module__": finder.__module__}))
        return finder

    return make


CHECK_TYPES: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: make a check type available to rule packs under ``cls.name``."""
    if cls.name in CHECK_TYPES:
        raise RuntimeError(f"check type {cls.name!r} registered twice")
    CHECK_TYPES[cls.name] = cls
    return cls
