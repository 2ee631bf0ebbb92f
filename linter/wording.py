"""Counted nouns for messages: "1 fix", "3 fixes", "2 records", never "fix(es)"."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is one (``info`` has none)."""
    if count == 1 or noun == "info":
        return f"{count} {noun}"
    return f"{count} {noun}{'es' if noun.endswith(('x', 's', 'ch', 'sh')) else 's'}"
