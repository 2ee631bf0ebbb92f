"""Check types, one module per family; importing this package registers them all."""

from ..registry import CHECK_TYPES, Check

from . import (
    consistency,
    duplication,
    encoding,
    garbled,
    language,
    languagetool,
    leaks,
    names,
    navigation,
    pattern,
    quality,
    quotation,
    repetition,
    runs,
    structure,
    substitution,
    template,
    vocabulary,
)

__all__ = [
    "check_types",
    "consistency",
    "duplication",
    "encoding",
    "garbled",
    "language",
    "languagetool",
    "leaks",
    "names",
    "navigation",
    "pattern",
    "quality",
    "quotation",
    "repetition",
    "runs",
    "structure",
    "substitution",
    "template",
    "vocabulary",
]


def check_types() -> dict[str, type[Check]]:
    """Every registered check type: the modules above registered theirs when this package was imported."""
    return CHECK_TYPES
