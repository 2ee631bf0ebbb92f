"""Template counts of a run: how many documents of each source hold each line, and which source a document belongs to.

Pass 1 of a corpus run (:mod:`linter.parallel.counting`) adds each document's
:func:`~.remembered.document_keys` to one :class:`TemplateCounts`; pass 2 gives the counts to
the ``template`` rules (:func:`linter.checks.template.with_counts`) and each document its
source (:func:`source_of`, ``lint(..., source=)``). A run without counts (one text, standard
input, ``lint()``, the editor) gives neither, and the check finds nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from urllib.parse import urlsplit

from ..bounded import RegexTimeout, search
from ..document_name import document_name
from .fingerprint import key, source_key
from .remembered import document_keys
from .sketch import CountMinSketch


def source_of(path: str, record: str | int | None, pattern: str | None) -> str:
    """The source (site) of a document, whose other documents its templates are counted against.

    ``pattern`` (``--source-pattern``): its first group (else its match) in the document's name,
    ``path`` or ``path[record]``, as the corpus report names sources. Else a record whose id is
    a URL (``--id-field url``) belongs to the URL's host, another record to its file, and a text
    file to its folder (a file of one document shares nothing with itself). The pattern is the
    user's, so its search is bounded (:mod:`linter.bounded`); one that times out on a name
    counts as not matching it. The corpus report groups documents by this same function.
    """
    if pattern:
        try:
            match = search(pattern, document_name(path, record))
        except RegexTimeout:
            match = None
        if match is not None:
            return match.group(1) if match.groups() else match.group(0)
    if record is None:
        return _folder(path)
    host = urlsplit(str(record)).hostname if "://" in str(record) else None
    return host or path


def _folder(path: str) -> str:
    """``str(PurePath(path).parent)``, parsed once per folder (a corpus's thousands of files share a few)."""
    if os.path.basename(path) in ("", "."):  # a name that PurePath drops: its parent is another folder
        return str(PurePath(path).parent)
    return _parsed(os.path.dirname(path))


@lru_cache(maxsize=1024)
def _parsed(folder: str) -> str:
    return str(PurePath(folder))


@dataclass
class TemplateCounts:
    """Documents per source and per (source, line fingerprint), in a count-min sketch; and how sources are named."""

    source_pattern: str | None = None
    sketch: CountMinSketch = field(default_factory=CountMinSketch)

    def add(self, keys: Iterable[int]) -> None:
        """Count one part's keys (a document's, or many documents' one after another): order does not matter."""
        self.sketch.add(keys)

    def documents(self, source: str, fingerprint: str | None = None, floor: int = 0) -> int:
        """Documents of ``source`` (holding the line ``fingerprint``, when given), as estimated: never fewer.

        Below ``floor`` the answer is only said to be below it (see :meth:`CountMinSketch.estimate`).
        """
        return self.holding(source_key(source) if fingerprint is None else key(source, fingerprint), floor)

    def holding(self, counted: int, floor: int = 0) -> int:
        """Documents counted under the key ``counted`` (a line's, from :func:`.remembered.line_keys`,
        or a source's), as estimated: never fewer; below ``floor`` only said to be below it."""
        return self.sketch.estimate(counted, floor)


def corpus_counts(texts: Iterable[str], source: str) -> TemplateCounts:
    """The counts of a corpus whose documents are ``texts``, all of ``source`` (a rule's examples are such a corpus)."""
    counts = TemplateCounts()
    for text in texts:
        counts.add(document_keys(source, text))
    return counts
