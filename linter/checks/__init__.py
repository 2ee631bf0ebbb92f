"""Check types, one module each; importing this package registers them all."""

from . import consistency, document, pattern, repetition, substitution, vocabulary

__all__ = ["consistency", "document", "pattern", "repetition", "substitution", "vocabulary"]
