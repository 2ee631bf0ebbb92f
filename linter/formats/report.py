"""``report``: the corpus summary of a run (``linter/corpus_summary.py``) as rich tables, and with
``--html`` as one self-contained page (inline CSS and SVG, no script, no network).

``newslint report FINDINGS`` prints the summary of a findings file with the same two renderers.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import __version__
from ..corpus_summary import CATEGORY_LABELS, Summary, summarise
from ..errors import UsageError
from ..sources import write_atomic
from ..results import finding_record
from ..wording import plural
from .base import Report

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;color:#1d2430;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:1px solid #dde3ea;padding-bottom:.2rem}
.lead{color:#4a5566}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.8rem;margin:1rem 0}
.card{background:#f4f6f9;border-radius:8px;padding:.7rem .9rem}.card b{display:block;font-size:1.5rem}.card span{color:#4a5566;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e6eaef}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.doc{word-break:break-all}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}@media(max-width:800px){.charts{grid-template-columns:1fr}}
svg text{font:12px system-ui,sans-serif;fill:#1d2430}.note{color:#8a5a00}footer{margin-top:2.5rem;color:#6b7585;font-size:.8rem}
"""
_COLOURS = ("#2f6fb0", "#d0663a", "#3a9a5b", "#8a5cc2", "#c8a02a", "#3aa0a8", "#b04a7a", "#6b7585")


def _bars(items: Sequence[tuple[str, int]], unit: str) -> str:
    """A horizontal bar chart, one bar per item, labelled with its value."""
    if not items:
        return "<p>No findings.</p>"
    top = max(value for _, value in items) or 1
    row, label_width, bar_width = 26, 130, 330
    parts = [f'<svg role="img" aria-label="{escape(unit)}" width="{label_width + bar_width + 70}" height="{row * len(items) + 6}">']
    for i, (label, value) in enumerate(items):
        y = i * row + 4
        width = max(2, round(bar_width * value / top)) if value else 0
        colour = _COLOURS[i % len(_COLOURS)]
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{width}" height="{row - 8}" rx="3" fill="{colour}"/>'
            f'<text x="{label_width + width + 6}" y="{y + 15}">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _columns(items: Sequence[tuple[str, int]], caption: str) -> str:
    """A vertical bar chart (the histogram), bins along the bottom."""
    top = max((value for _, value in items), default=0) or 1
    column, height, base = 64, 180, 210
    parts = [f'<svg role="img" aria-label="{escape(caption)}" width="{column * len(items) + 20}" height="{base + 30}">']
    for i, (label, value) in enumerate(items):
        bar = round(height * value / top)
        x = 10 + i * column
        parts.append(
            f'<rect x="{x + 6}" y="{base - bar}" width="{column - 12}" height="{bar}" rx="3" fill="#2f6fb0"/>'
            f'<text x="{x + column / 2}" y="{base - bar - 5}" text-anchor="middle">{value}</text>'
            f'<text x="{x + column / 2}" y="{base + 18}" text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[int], wrap: int | None = None) -> str:
    head = "".join(f'<th class="n">{escape(h)}</th>' if i in numeric else f"<th>{escape(h)}</th>" for i, h in enumerate(headers))
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            css = ' class="n"' if i in numeric else ' class="doc"' if i == wrap else ""
            cells.append(f"<td{css}>{escape(str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def render_html(summary: Summary, title: str) -> str:
    """The whole page."""
    total = max(summary.documents, 1)
    cards = [(f"{summary.documents:,}", "documents"), (f"{summary.findings:,}", "findings")]
    cards += [(f"{100 * count / total:.1f}%", f"with {CATEGORY_LABELS[label]}") for label, count in summary.shares.items()]
    card_html = "".join(f'<div class="card"><b>{escape(v)}</b><span>{escape(k)}</span></div>' for v, k in cards)
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in summary.notes)
    kinds = summary.by_kind.most_common()
    codes = _table(
        ["code", "rule", "kind", "severity", "findings", "documents"],
        [(c.code, c.name, c.kind, c.severity, c.count, c.documents) for c in summary.codes],
        {4, 5},
    )
    worst = _table(["document", "damage", "main rules"], [(d, s, ", ".join(c)) for d, s, c in summary.worst], {1}, wrap=0)
    sources = _table(
        ["source", "documents", "findings", "per document", "with a leak"],
        [(r.source, r.documents, r.findings, f"{r.findings / max(r.documents, 1):.1f}", r.leaks) for r in summary.sources],
        {1, 2, 3, 4},
        wrap=0,
    )
    languages = _table(["language", "documents", "foreign paragraphs"], summary.languages, {1, 2}) if summary.languages else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)}</title><style>{_STYLE}</style></head>
<body>
<h1>{escape(title)}</h1>
<p class="lead">Text quality of a news corpus, as found by newslint {escape(__version__)}.</p>
{notes}<div class="grid">{card_html}</div>
<div class="charts">
<section><h2>Findings by kind</h2>{_bars(kinds, "findings by kind")}</section>
<section><h2>Damage per document</h2>{_columns(summary.histogram, "documents per damage score")}
<p class="lead">Damage is the findings of a document weighted by severity: error 3, warning 2, info 1.</p></section>
</div>
<h2>Documents damaged</h2>{_bars([(CATEGORY_LABELS[k], v) for k, v in summary.shares.items()], "documents per damage category")}
<h2>Findings by rule</h2>{codes}
<h2>Most damaged documents</h2>{worst}
<h2>Sources by findings per document</h2>{sources}
{"<h2>Languages</h2>" + languages if languages else ""}
<footer>Generated by newslint {escape(__version__)}. This page needs no network.</footer>
</body></html>
"""


def write_report(report: Report, stream: TextIO) -> None:
    """The corpus summary of this run (rich tables; ``--html`` also writes the page)."""
    rows, documents = report_documents(report)
    summary = summarise(rows, documents, source_pattern=report.source_pattern)
    # The page first: a reader that stops reading the tables (``| head``) must not cost it.
    if report.html is not None:
        write_page(summary, report.html, "newslint corpus report")
    print_summary(summary, stream, report.color, report.width)


def report_documents(report: Report) -> tuple[list[dict[str, Any]], list[tuple[str, Any]]]:
    """Finding records and every checked document of a finished run."""
    rows = [finding_record(*item) for item in report.findings()]
    documents = [(unit.path, unit.record) for outcome in report.outcomes for unit in outcome.units]
    return rows, documents


def _counted(count: int, noun: str) -> tuple[tuple[str, str], str]:
    """``count`` in bold, then ``noun`` as the count needs it (" document", " documents")."""
    return (str(count), "bold"), plural(count, noun)[len(str(count)) :]


def print_summary(summary: Summary, stream: TextIO, color: bool, width: int) -> None:
    """Rich tables for the terminal."""
    # No markup: file names and record ids such as ``data.jsonl[scraped/a]`` print as they are.
    console = Console(file=stream, force_terminal=color, no_color=not color, width=width, highlight=False, markup=False)
    severities = ", ".join(plural(summary.by_severity[s], s) for s in ("error", "warning", "info") if summary.by_severity[s])
    console.print(
        Text.assemble(*_counted(summary.documents, "document"), ", ", *_counted(summary.findings, "finding"), f" ({severities or 'none'})")
    )
    for note in summary.notes:
        console.print(Text(note, style="dim"))

    shares = Table(title="Documents damaged", title_justify="left")
    shares.add_column("damage")
    shares.add_column("documents", justify="right")
    shares.add_column("share", justify="right")
    for label, count in summary.shares.items():
        shares.add_row(CATEGORY_LABELS[label], str(count), f"{100 * count / max(summary.documents, 1):.1f}%")
    console.print(shares)

    codes = Table(title="Findings by rule", title_justify="left")
    for name, justify in (("code", "left"), ("rule", "left"), ("kind", "left"), ("findings", "right"), ("documents", "right")):
        codes.add_column(name, justify=justify)  # type: ignore[arg-type]
    for entry in summary.codes:
        codes.add_row(entry.code, entry.name, entry.kind, str(entry.count), str(entry.documents))
    console.print(codes)

    histogram = Table(title="Damage per document (error 3, warning 2, info 1)", title_justify="left")
    histogram.add_column("damage")
    histogram.add_column("documents", justify="right")
    for label, count in summary.histogram:
        histogram.add_row(label, str(count))
    console.print(histogram)

    if summary.worst:
        worst = Table(title="Most damaged documents", title_justify="left")
        worst.add_column("document", overflow="fold")
        worst.add_column("damage", justify="right")
        worst.add_column("main rules")
        for label, damage, top_codes in summary.worst:
            worst.add_row(label, str(damage), ", ".join(top_codes))
        console.print(worst)

    sources = Table(title="Sources by findings per document", title_justify="left")
    for name in ("source", "documents", "findings", "per document", "with a leak"):
        sources.add_column(name, justify="left" if name == "source" else "right", overflow="fold" if name == "source" else None)  # type: ignore[arg-type]
    for row in summary.sources:
        sources.add_row(row.source, str(row.documents), str(row.findings), f"{row.findings / max(row.documents, 1):.1f}", str(row.leaks))
    console.print(sources)

    if summary.languages:
        languages = Table(title="Languages", title_justify="left")
        for name in ("language", "documents", "foreign paragraphs"):
            languages.add_column(name, justify="left" if name == "language" else "right")
        for code, count, paragraphs in summary.languages:
            languages.add_row(code, str(count), str(paragraphs))
        console.print(languages)


def write_page(summary: Summary, target: Path, title: str) -> None:
    """The HTML page, written atomically; a page that cannot be written is one line, exit 2."""
    try:
        write_atomic(target, render_html(summary, title).encode("utf-8"))
    except OSError as error:
        raise UsageError(f"{target}: cannot write the page: {error.strerror or error}") from None
