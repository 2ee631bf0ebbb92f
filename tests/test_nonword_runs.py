"""NL505's runs of unknown words: found from the unknown words' occurrences, the same runs as a
scan of every candidate word."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.checks import structure
from linter.model import Span
from linter.segments import Document

OPTIONS = {"min_length": 4, "min_run": 2}
UNKNOWN = {"qzxv", "blorft", "wibble", "fnordz"}
PIECES = st.sampled_from(
    ["qzxv", "blorft", "wibble", "fnordz", "Qzxv", "qzxvqzxv", "qzxv-", "-qzxv", "qzxv's", "qzxv’", "qzxv.", ".qzxv",
     "@blorft", "blorft/", "#wibble", "the", "house", "123", "a", " ", " ", "  ", "\t", "\n", "\u00a0", ",", ".", "é"]
)


def _scanned_runs(doc: Document, rule, unknown: set[str]) -> Iterator:
    """The runs as main (21954df) found them: every candidate word in turn, a known one closing the run."""
    text = doc.text
    run: list[Span] = []

    def close():
        if len(run) >= OPTIONS["min_run"]:
            span = Span(run[0].start, run[-1].end)
            yield rule.diagnostic(span, words=text[span.start : span.end])
        run.clear()

    for match in structure._candidates(OPTIONS["min_length"]).finditer(text):
        if match.group() not in unknown:
            yield from close()
            continue
        if run and not text[run[-1].end : match.start()].isspace():
            yield from close()
        run.append(Span(match.start(), match.end()))
    yield from close()


@settings(max_examples=500, deadline=None)
@given(text=st.lists(PIECES, max_size=40).map("".join))
def test_runs_from_occurrences_are_the_scanned_runs(ruleset, text: str) -> None:
    rule, doc = ruleset.get("NL505"), Document(text)
    assert list(structure._unknown_runs(doc, rule, OPTIONS, UNKNOWN)) == list(_scanned_runs(doc, rule, UNKNOWN))


def test_an_occurrence_inside_a_longer_word_is_not_a_candidate() -> None:
    text = "xqzxv qzxvy qzxv-ish qzxv blorft, qzxv blorft"
    spans = structure._unknown_occurrences(text, structure._candidates(4), {"qzxv", "blorft"})
    assert [text[s.start : s.end] for s in spans] == ["qzxv", "blorft", "qzxv", "blorft"]
    assert spans[0].start == text.index("qzxv blorft")
