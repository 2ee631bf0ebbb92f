"""Properties of the fix engine and the CLI, checked by hypothesis with a fixed budget."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import linter
from linter import Applicability, Diagnostic, Edit, Fix, LineIndex, Severity, Span, apply_fixes, fix_text, lint
from linter.cli import main
from linter.rule import INCOMPLETE

BUDGET = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PIECES = ["kyiv", " . ", ". .", ",,", "  ", "Mr ", "Mr. ", "&amp;", "cafÃ©", "\u200b", "😀", "e\u0301", "مرحبا שלום", '"', "“", "the the", "Caption", "U.S.", "\t"]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)), max_size=30).map("".join)
LINES = st.lists(TEXT.map(lambda t: regex.sub(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", " ", t)), min_size=1, max_size=6)


@st.composite
def text_and_edits(draw):
    text = draw(st.text(max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, last = [], -1
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a > last:
            edits.append(Edit(Span(a, b), draw(st.text(max_size=4))))
            last = b
    return text, edits


@BUDGET
@given(text_and_edits())
def test_applying_fixes_changes_nothing_outside_the_edits(case) -> None:
    text, edits = case
    diagnostics = [Diagnostic("NL999", "x", "punctuation", Severity.ERROR, "m", e.span, Fix((e,), Applicability.SAFE, "t")) for e in edits]
    applied = apply_fixes(text, diagnostics)
    # Every applied edit's replacement sits where the edit was; the text between edits is untouched.
    rebuilt, cursor = [], 0
    for d in sorted(applied.applied, key=lambda d: d.span.start):
        e = d.fix.edits[0]
        rebuilt += [text[cursor : e.span.start], e.replacement]
        cursor = e.span.end
    rebuilt.append(text[cursor:])
    assert applied.text == "".join(rebuilt)
    assert len(applied.applied) + len(applied.remaining) == len(diagnostics)


@BUDGET
@given(TEXT)
def test_fixing_is_idempotent_and_leaves_no_safe_fix(ruleset, text: str) -> None:
    once = fix_text(text, ruleset, at_least=Applicability.UNSAFE).text
    assert fix_text(once, ruleset, at_least=Applicability.UNSAFE).text == once
    safe = fix_text(text, ruleset).text
    # Settled: a second pass applies nothing (a safe fix that would swallow a more severe unsafe one stays).
    assert not apply_fixes(safe, lint(safe, ruleset)).applied


@BUDGET
@given(TEXT)
def test_offsets_lines_and_columns_lie_inside_the_text(ruleset, text: str) -> None:
    index = LineIndex(text)
    for finding in lint(text, ruleset):
        assert 0 <= finding.span.start <= finding.span.end <= len(text)
        line, column = index.position(finding.span.start)
        end_line, end_column = index.position(finding.span.end)
        assert 1 <= line <= end_line <= index.line_count and column >= 1 and end_column >= 1
        if finding.fix is not None:
            assert all(0 <= e.span.start <= e.span.end <= len(text) for e in finding.fix.edits)


@BUDGET
@given(LINES, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans(), st.booleans())
def test_fix_keeps_bom_newlines_and_final_newline(tmp_path_factory, lines, newline, bom, add_final) -> None:
    path = tmp_path_factory.mktemp("prop") / "a.txt"
    body = newline.join(lines) + (newline if add_final else "")
    final = body.endswith(newline)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8"))
    main(["check", "--isolated", "--fix", "--quiet", "--format", "concise", str(path)])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == bom
    fixed = data.decode("utf-8-sig" if bom else "utf-8")
    breaks = regex.findall(r"\r\n|\r|\n", fixed)
    assert all(b == newline for b in breaks)
    # (a fix may delete trailing white space or invisible characters, which moves the end)
    if fixed.strip() and body.rstrip("\r\n")[-1:].isalnum():
        assert fixed.endswith(newline) == final


def test_every_pattern_survives_long_runs_of_what_it_repeats(ruleset) -> None:
    """Adversarial input for each rule: long runs of the characters its pattern repeats."""
    # Found this way and fixed: runs of "." backtracked exponentially in the sentence splitter and
    # then quadratically (a match tried from every dot); runs of '"' re-read the paragraph for every
    # mark; a long URL-like token made the duplicate check's prose pattern quadratic; a long paragraph
    # with mojibake made the repair's diff quadratic (100 KB took minutes).
    units = [".", ". ", "a", " ", "Mr ", "&amp;", "<span ", '"', "\n", "!?", "…", ",", "(", "A.", "Ã©", "https://a.b/", "#", "1.", "\r\n", "the cafÃ© said “yes” "]
    runs = [unit * 20_000 for unit in units] + ["." * 100_000, '"' * 100_000]
    for text in runs:
        started = time.monotonic()
        findings = lint(text, ruleset)
        assert all(0 <= f.span.end <= len(text) for f in findings)
        problems = [f for f in findings if f.source == INCOMPLETE]
        assert all("took too long" in f.message for f in problems), problems
        assert time.monotonic() - started < 60


def test_two_fix_processes_leave_every_file_fully_fixed(tmp_path) -> None:
    files = []
    for n in range(40):
        path = tmp_path / f"story{n}.txt"
        path.write_text(f"Story {n} from kyiv. .\n\nThen,, they left.\n" * 20)
        path.chmod(0o640)
        files.append(path)
    command = [sys.executable, "-m", "linter", "check", "--isolated", "--fix", "--quiet", "--fail-on", "never", str(tmp_path)]
    procs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
    for n, path in enumerate(files):
        assert path.read_text() == f"Story {n} from Kyiv.\n\nThen, they left.\n" * 20
        assert (path.stat().st_mode & 0o777) == 0o640
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".newslint")]


def test_fuzz_harness_smoke() -> None:
    # The harness imports the same linter package as these tests (a checkout or an install).
    package_parent = str(Path(linter.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package_parent, os.environ.get("PYTHONPATH"))))}
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve().parent.parent / "benchmarks" / "fuzz.py"), "--seconds", "5"],
        capture_output=True, text=True, timeout=120, check=False, env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 distinct crashes" in result.stdout


@BUDGET
@given(TEXT)
def test_fast_fluency_scoring_equals_the_model_definition(sentence: str) -> None:
    """``Model.quality`` sums the weights directly; it must agree with ``features`` (what training sees)."""
    from linter.fluency import features, load_model

    model = load_model()
    dense, sparse = features(sentence, model.buckets)
    reference = model.bias + sum((v - m) / s * w for v, m, s, w in zip(dense, model.mean, model.scale, model.dense_weights))
    reference += sum(model.weights[key] * value for key, value in sparse.items())
    assert abs(model.quality(sentence) - reference) < 1e-9


MOJIBAKE_PIECES = ["café", "naïve", "“yes”", "said", "Ã©", "â€™s", "Ã\xa0la", "Ã¼ber", "\n", "  ", "\t", "word"]


@BUDGET
@given(st.lists(st.sampled_from(MOJIBAKE_PIECES), min_size=1, max_size=20).map(" ".join))
def test_word_by_word_repair_regions_equal_difflib(text: str) -> None:
    """The fast comparison of a repair gives the regions the general alignment gives."""
    from linter.mojibake import _aligned_regions, _changed_regions, repair

    fixed = repair(text)
    assert list(_changed_regions(text, fixed)) == list(_aligned_regions(text, fixed))


URL_PIECES = ["https://", "www.", "WWW.", "example.com", ".org/a?b=1", "a@b.co", "@handle", "#tag", "&#1", ".", "..", ":", "/", "-", "_", "é", " ", "\n", "\u00a0", "\u2003", "\x1c", '"', ")", "x", "1.5"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(URL_PIECES), st.text(max_size=3)), max_size=40).map("".join))
def test_protected_spans_equal_one_search_over_the_whole_text(text: str) -> None:
    """``Document.protected`` searches only the runs around a mark; it must find what one search finds."""
    from linter.segments import _URL, Document

    assert Document(text).protected == [Span(m.start(), m.end()) for m in _URL.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["a", " ", ".", "\u00a0", "\x1c", "\t\n", "“", "—", "€", "_", "e\u0301"]), st.text(max_size=3)), max_size=30).map("".join))
def test_duplicate_keys_equal_the_regex_definition(text: str) -> None:
    """``normalise`` translates and splits; it must give what collapsing ``_NOISE`` runs gives."""
    from linter.checks.duplication import _NOISE, normalise

    assert normalise(text) == _NOISE.sub(" ", text).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab.\"' \n\t\u00a0\x1c”"), max_size=50), st.integers(0, 50), st.integers(0, 50))
def test_backward_word_search_equals_the_forward_one(text: str, start: int, end: int) -> None:
    """The sentence splitter finds the word before a mark backwards; forwards gives the same word."""
    from linter.sentences import _WORD_BEFORE

    forward = regex.compile(r"(\S+)$").search(text, start, end)
    backward = _WORD_BEFORE.search(text, start, end)
    assert (forward and forward.group(1)) == (backward and backward.group(1))
