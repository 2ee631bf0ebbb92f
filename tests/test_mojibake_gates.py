"""The mojibake gates are lists of code points that ``re`` scans for, and ``re`` reads them as
``regex`` (the module of every other pattern) does, on every code point; and the RE2 form of
ftfy's badness test, which spares the test to texts it cannot find mojibake in."""

from __future__ import annotations

import pytest
import regex
from ftfy.badness import BADNESS_RE
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import mojibake
from linter.segments import Document

EVERY_CODE_POINT = "".join(map(chr, range(0x110000)))


def test_the_gates_match_the_code_points_regex_would() -> None:
    for gate in (mojibake._SUSPECT, mojibake._MOJIBAKE_GATE):
        assert gate.findall(EVERY_CODE_POINT) == regex.findall(gate.pattern, EVERY_CODE_POINT)


def test_the_gates_are_scanned_by_re() -> None:
    """``regex`` scans for such a class about ten times slower."""
    assert not isinstance(mojibake._SUSPECT, regex.Pattern) and not isinstance(mojibake._MOJIBAKE_GATE, regex.Pattern)


# The RE2 form of ftfy's badness test: wherever ``is_bad`` finds mojibake, the form finds a match.
re2 = pytest.importorskip("re2")
BADNESS = mojibake._badness()
BAD_CHARS = sorted({c for c in BADNESS_RE.pattern if not c.isspace()} | set("aZ é£–—“”’ \n\r\u00a0"))
DAMAGED = ["cafÃ©", "â€™", "Ã¼ber", "naÃ¯ve", "â€œquotedâ€\x9d", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "Â£5", "ÃƒÂ©"]


@settings(max_examples=2000, deadline=None)
@given(text=st.lists(st.sampled_from(BAD_CHARS), min_size=1, max_size=8).map("".join))
def test_the_re2_form_finds_what_is_bad_finds(text: str) -> None:
    assert BADNESS is not None
    if BADNESS_RE.search(text):
        assert BADNESS.search(text), repr(text)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(st.sampled_from(DAMAGED), st.sampled_from(["Prices rose 3% in Zürich.", " ", "\n\n", "“Quite”—so.", "x" * 300]), st.text(max_size=5)), max_size=12))
def test_damage_is_the_same_with_the_re2_form(parts: list[str]) -> None:
    text = "".join(parts)
    paragraphs = Document(text).paragraphs
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mojibake, "_read", 0)
        patch.setattr(mojibake, "BADNESS_WARM_UP", 1 << 62)
        without = mojibake.damage(text, paragraphs)
        patch.setattr(mojibake, "BADNESS_WARM_UP", 0)
        assert mojibake.damage(text, paragraphs) == without


def test_a_clean_text_is_not_given_to_is_bad_once_warm(monkeypatch: pytest.MonkeyPatch) -> None:
    import ftfy.badness

    calls: list[str] = []
    is_bad = ftfy.badness.is_bad
    monkeypatch.setattr(ftfy.badness, "is_bad", lambda piece: calls.append(piece) or is_bad(piece))
    monkeypatch.setattr(mojibake, "BADNESS_WARM_UP", 0)
    text = "Prices in Zürich rose by £5 — “quite” a lot.\n\nThe café stayed open."
    assert mojibake.damage(text, Document(text).paragraphs) == [] and calls == []
    damaged = "The cafÃ© stayed open."
    assert mojibake.damage(damaged, Document(damaged).paragraphs) != [] and calls != []


def test_no_re2_form_before_the_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mojibake, "_read", 0)
    assert mojibake._maybe_bad("café") is True and mojibake._read == 4


def test_a_process_about_to_fork_workers_takes_the_re2_form_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--jobs`` warms the command before forking: its workers start with the RE2 form, instead of each
    translating it again after testing its first 200,000 characters the slow way."""
    import ftfy.badness

    from linter.parallel.warm import warm

    monkeypatch.setattr(mojibake, "_read", 0)
    warm([])
    calls: list[str] = []
    is_bad = ftfy.badness.is_bad
    monkeypatch.setattr(ftfy.badness, "is_bad", lambda piece: calls.append(piece) or is_bad(piece))
    text = "Prices in Zürich rose by £5 — “quite” a lot."
    assert mojibake.damage(text, Document(text).paragraphs) == [] and calls == []
