"""Check types, one module each; importing this package registers them all."""

from . import consistency, document, languagetool, pattern, repetition, runs, substitution, vocabulary

__all__ = ["consistency", "document", "languagetool", "pattern", "repetition", "runs", "substitution", "vocabulary"]
