"""Check types, one module each; importing this package registers them all."""

from . import consistency, document, languagetool, pattern, repetition, substitution, vocabulary

__all__ = ["consistency", "document", "languagetool", "pattern", "repetition", "substitution", "vocabulary"]
