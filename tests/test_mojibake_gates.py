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
        patch.setattr(mojibake, "_badness", lambda: None)
        without = mojibake.damage(text, paragraphs)
    assert mojibake.damage(text, paragraphs) == without


def test_a_clean_text_is_not_given_to_is_bad(monkeypatch: pytest.MonkeyPatch) -> None:
    import ftfy.badness

    calls: list[str] = []
    is_bad = ftfy.badness.is_bad
    monkeypatch.setattr(ftfy.badness, "is_bad", lambda piece: calls.append(piece) or is_bad(piece))
    text = "Prices in Zürich rose by £5 — “quite” a lot.\n\nThe café stayed open."
    assert mojibake.damage(text, Document(text).paragraphs) == [] and calls == []
    damaged = "The cafÃ© stayed open."
    assert mojibake.damage(damaged, Document(damaged).paragraphs) != [] and calls != []


def test_sparing_ftfy_takes_a_text_only_ftfy_could_clear_as_undamaged() -> None:
    damaged = "The cafÃ© stayed open."
    with mojibake.sparing_ftfy():
        assert mojibake.damage(damaged, Document(damaged).paragraphs) == []
    assert mojibake.damage(damaged, Document(damaged).paragraphs) != []


RUN = """
import sys
from linter import lint, load_ruleset
lint("Prices in Zürich rose by £5 — “quite” a lot.\\n\\nThe café stayed open.", load_ruleset())
print("ftfy" in sys.modules)
"""


def _printed(tmp_path, code: str) -> list[str]:
    """What a fresh process running ``code`` with its cache in ``tmp_path`` printed, word by word."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.split()


def _ftfy_imported(tmp_path) -> bool:
    """Whether a fresh process linting a text with a pound sign and an umlaut imported ftfy."""
    return _printed(tmp_path, RUN) == ["True"]


def test_the_first_run_keeps_the_re2_form_and_later_runs_leave_ftfy_unimported(tmp_path) -> None:
    assert _ftfy_imported(tmp_path)  # it translated the form, with ftfy imported
    kept = list((tmp_path / "mojibake").glob("badness-*.re2"))
    assert len(kept) == 1 and kept[0].read_text("utf-8")
    assert not _ftfy_imported(tmp_path)


def test_a_form_kept_for_another_ftfy_or_newslint_is_dropped(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "mojibake"
    folder.mkdir()
    (folder / "badness-0123.re2").write_text("stale", "utf-8")
    (folder / "notes.txt").write_text("kept", "utf-8")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(mojibake, "_form_path", lambda: folder / "badness-4567.re2")
    mojibake._keep_form("x")
    assert sorted(path.name for path in folder.iterdir()) == ["badness-4567.re2", "notes.txt"]


def test_an_unwritable_cache_costs_only_the_translation(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", "utf-8")
    monkeypatch.setattr(mojibake, "_form_path", lambda: blocked / "mojibake" / "badness-1.re2")
    mojibake._keep_form("x")  # no error
    assert _ftfy_imported(blocked) and _ftfy_imported(blocked)


def test_a_process_about_to_fork_workers_leaves_ftfy_to_them(tmp_path) -> None:
    """``--jobs`` warms the command before forking: with the rules' examples of mojibake, but
    without importing ftfy, which only documents with mojibake need. The RE2 form is taken, and the
    rules' other state loaded (the language model, for the foreign-paragraph rule's example)."""
    code = """
import sys
from linter import mojibake
from linter.model import Applicability
from linter.options import Recipe
from linter.results import Mode
from linter.parallel.warm import warm
warm([Recipe(mode=Mode.CHECK, at_least=Applicability.SAFE).build()])
print(mojibake._badness.cache_info().currsize == 1 and "fasttext" in sys.modules, "ftfy" in sys.modules)
"""
    _ftfy_imported(tmp_path)  # keeps the form
    assert _printed(tmp_path, code) == ["True", "False"]


@st.composite
def _damaged_and_span(draw: st.DrawFn) -> tuple[str, list[tuple[object, str]], object]:
    """A text, damaged words in order and apart (as ``damage`` gives them), and a span of the text."""
    from linter.model import Span

    text = draw(st.text(alphabet="abcÃ© \n", min_size=1, max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12, unique=True)))
    damaged = [(Span(start, end), f"<{start}>") for start, end in zip(cuts[::2], cuts[1::2]) if start < end]
    start = draw(st.integers(0, len(text)))
    return text, damaged, Span(start, draw(st.integers(start, len(text))))


@settings(max_examples=500, deadline=None)
@given(case=_damaged_and_span())
def test_damaged_words_are_found_by_bisection_as_by_a_scan(case) -> None:
    """A paragraph full of mojibake has tens of thousands of damaged words, and every pattern match asked
    about them (a 1 MB line of it took 36 s, 7 s by bisection)."""
    text, damaged, span = case
    assert mojibake.touches(damaged, span) == any(region.start < span.end and span.start < region.end for region, _ in damaged)
    scanned, cursor = [], span.start
    for region, replacement in damaged:
        if span.contains(region):
            scanned += [text[cursor : region.start], replacement]
            cursor = region.end
    assert mojibake.repaired(text, span, damaged) == "".join(scanned) + text[cursor : span.end]
