"""Template boilerplate mined across a corpus: lines that many documents of one source share.

``fingerprint``: lines as folded fingerprints and 64-bit keys; ``sketch``: the count-min sketch
that counts them in bounded memory; ``counts``: a run's counts and the source of a document;
``remembered``: each document's line keys, kept from pass 1 for pass 2 of the same process.
All pure: pass 1, which reads the files, is :mod:`linter.parallel.counting`, and the check that
reads the counts is :mod:`linter.checks.template`.
"""

from .counts import TemplateCounts, corpus_counts, source_of
from .fingerprint import candidate_lines, normalise
from .remembered import document_keys

__all__ = ["TemplateCounts", "candidate_lines", "corpus_counts", "document_keys", "normalise", "source_of"]
