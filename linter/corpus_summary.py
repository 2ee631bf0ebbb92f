"""A corpus at a glance: what is wrong, how often, in which documents and which sources.

Built from finding records (the fields of ``--format jsonl``), so it summarises a
run just finished (``check --format report``) as well as a findings file written by
an earlier or distributed run (``newslint report FINDINGS``). Only the numbers: the
``report`` format (``linter/formats/report.py``) prints them and writes the HTML page. A findings file lists
only documents with findings; the share of damaged documents needs the number of
documents checked, which a run knows and ``--documents`` can supply.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .document_name import document_name
from .errors import InputError
from .sources import display_path
from .sources.parquet import is_parquet
from .templates.counts import source_of

#: Document damage categories: a label and the rule kinds that make a document count.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "leak": ("boilerplate", "metadata"),
    "garble": ("garbled",),
    "encoding": ("encoding",),
    "markup": ("markup",),
    "duplication": ("duplication",),
}
#: How each category reads in the report ("documents with ...").
CATEGORY_LABELS = {
    "leak": "leaked page text",
    "garble": "garbled text",
    "encoding": "encoding damage",
    "markup": "markup debris",
    "duplication": "duplicated text",
}
SEVERITY_WEIGHT = {"error": 3, "warning": 2, "info": 1}
#: A document without a document-language finding is in English, or too short to tell.
ENGLISH_LABEL = "en (or too short to tell)"
#: Upper bounds of the histogram bins of damage per document.
BINS = (0, 2, 9, 29, 99)


def _bin_label(index: int) -> str:
    low = 0 if index == 0 else BINS[index - 1] + 1
    if index == len(BINS):
        return f"{low}+"
    high = BINS[index]
    return str(high) if low == high else f"{low}–{high}"


@dataclass
class CodeCount:
    code: str
    name: str
    kind: str
    severity: str
    count: int = 0
    documents: int = 0


@dataclass
class SourceRow:
    source: str
    documents: int
    findings: int
    damaged: int
    leaks: int


@dataclass
class Summary:
    """The numbers of a corpus report; renderers only format them."""

    documents: int
    documents_known: bool
    findings: int
    by_severity: Counter[str]
    by_kind: Counter[str]
    codes: list[CodeCount]
    shares: dict[str, int]
    worst: list[tuple[str, int, list[str]]]
    histogram: list[tuple[str, int]]
    sources: list[SourceRow]
    #: Per language: documents in it, and foreign paragraphs in it inside documents of another language.
    languages: list[tuple[str, int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _count(row: Mapping[str, Any]) -> int:
    """How many findings a record stands for: 1, or ``hidden`` on the summary of a capped rule."""
    return row.get("hidden") or 1


def _damage(rows: Sequence[Mapping[str, Any]]) -> int:
    """A document's damage: its findings weighted by severity (error 3, warning 2, info 1)."""
    return sum(SEVERITY_WEIGHT.get(row["severity"], 1) * _count(row) for row in rows)


def _tally(rows: Iterable[Mapping[str, Any]], field: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for row in rows:
        counts[row[field]] += _count(row)
    return counts


def summarise(
    rows: Iterable[Mapping[str, Any]],
    documents: Iterable[tuple[str, Any]] = (),
    total: int | None = None,
    source_pattern: str | None = None,
    top: int = 10,
) -> Summary:
    """Summarise finding records; ``documents`` are all those checked (with or without findings)."""
    per_document: dict[tuple[str, Any], list[Mapping[str, Any]]] = defaultdict(list)
    for document in documents:
        per_document[document]
    checked = len(per_document)
    all_rows = list(rows)
    for row in all_rows:
        per_document[(row["path"], row["record"])].append(row)
    notes = []
    if total is None and checked:
        total = checked
    known = total is not None
    if total is None:
        total = len(per_document)
        notes.append("Documents without findings are not in a findings file: shares are of documents with findings (give --documents N).")
    codes: dict[str, CodeCount] = {}
    for document_rows in per_document.values():
        for code in {row["code"] for row in document_rows}:
            sample = next(row for row in document_rows if row["code"] == code)
            entry = codes.setdefault(code, CodeCount(code, sample["name"], sample["kind"], sample["severity"]))
            entry.documents += 1
            entry.count += sum(_count(row) for row in document_rows if row["code"] == code)
    shares = {
        label: sum(1 for rs in per_document.values() if any(r["kind"] in kinds for r in rs)) for label, kinds in CATEGORIES.items()
    }
    damage = {document: _damage(rs) for document, rs in per_document.items()}
    ranked = sorted(per_document, key=lambda d: (-damage[d], d[0], str(d[1])))
    worst = [
        (document_name(*d), damage[d], [c for c, _ in _tally(per_document[d], "code").most_common(3)])
        for d in ranked[:top]
        if damage[d] > 0
    ]
    counts = Counter(min(_bin_index(damage[d]), len(BINS)) for d in per_document)
    counts[0] += max(0, total - len(per_document))
    histogram = [(_bin_label(i), counts.get(i, 0)) for i in range(len(BINS) + 1)]
    return Summary(
        documents=total,
        documents_known=known,
        findings=sum(map(_count, all_rows)),
        by_severity=_tally(all_rows, "severity"),
        by_kind=_tally(all_rows, "kind"),
        codes=sorted(codes.values(), key=lambda c: (-c.count, c.code)),
        shares=shares,
        worst=worst,
        histogram=histogram,
        sources=_sources(per_document, source_pattern, top),
        languages=_languages(per_document.values(), total),
        notes=notes,
    )


def _languages(per_document: Iterable[list[Mapping[str, Any]]], total: int) -> list[tuple[str, int, int]]:
    """Documents per language (by their document-language finding) and foreign paragraphs per language."""
    documents: Counter[str] = Counter()
    paragraphs: Counter[str] = Counter()
    named = 0
    for rows in per_document:
        for row in rows:
            language = row.get("language")
            if language is None:
                continue
            if row["name"] == "document-language":
                documents[language] += 1
                named += 1
            else:
                paragraphs[language] += 1
    if not named and not paragraphs:
        return []
    documents[ENGLISH_LABEL] = total - named
    paragraphs[ENGLISH_LABEL] += paragraphs.pop("en", 0)
    return sorted(((code, documents[code], paragraphs[code]) for code in documents | paragraphs), key=lambda r: (-r[1], -r[2], r[0]))


def _bin_index(value: int) -> int:
    for index, high in enumerate(BINS):
        if value <= high:
            return index
    return len(BINS)


def _sources(per_document: Mapping[tuple[str, Any], list[Mapping[str, Any]]], pattern: str | None, top: int) -> list[SourceRow]:
    """Damage per source, each document's source named as the template counts name it (:func:`source_of`).

    The first group of ``pattern`` in the document's name (``path``, or ``path[record]``), so a
    JSONL corpus named by a URL (``--id-field url``) or an id that carries the source can be
    summarised per source; else a record's URL host, else its data file, else a text file's folder.
    """
    grouped: dict[str, list[list[Mapping[str, Any]]]] = defaultdict(list)
    for (path, record), rows in per_document.items():
        grouped[source_of(path, record, pattern)].append(rows)
    leak_kinds = CATEGORIES["leak"]
    table = [
        SourceRow(
            source=name,
            documents=len(docs),
            findings=sum(_count(row) for rows in docs for row in rows),
            damaged=sum(1 for rows in docs if rows),
            leaks=sum(1 for rows in docs if any(r["kind"] in leak_kinds for r in rows)),
        )
        for name, docs in grouped.items()
    ]
    table.sort(key=lambda row: (-row.findings / max(row.documents, 1), row.source))
    return table[:top]


def read_findings(path: Path) -> list[dict[str, Any]]:
    """Finding records from a ``--format jsonl``/``json`` output or a Parquet findings file."""
    label = display_path(str(path))
    try:
        if is_parquet(str(path)):
            from .sources.parquet import _pyarrow

            table = _pyarrow(label).read_table(path)
            rows = table.to_pylist()
        else:
            text = path.read_text(encoding="utf-8-sig")  # a BOM is not an error
            stripped = text.lstrip()
            rows = json.loads(text) if stripped.startswith("[") else [json.loads(line) for line in text.splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(label, f"cannot read the findings ({getattr(error, 'strerror', None) or error})") from None
    except ValueError as error:
        raise InputError(label, f"not a findings file of newslint ({error})") from None
    required = {"path", "record", "code", "name", "kind", "severity"}
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not required <= row.keys():
            raise InputError(label, f"finding {number} lacks the fields {', '.join(sorted(required))}")
    return rows
