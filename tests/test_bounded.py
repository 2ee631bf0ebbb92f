"""Pathological input stays bounded, and findings do not depend on how busy the machine is.

One defect repeated (a scraper writing one word two million times) is one finding; a rule
with many separate findings in one text is capped with one summary that keeps the counts
exact; the full format writes findings as they come; a rule that times out makes the check
incomplete instead of silently changing the findings.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from linter import apply_fixes, lint
from linter.cap import cap_findings
from linter.cli import main
from linter.model import Applicability
from linter.corpus_summary import summarise
from linter.segments import CHUNK

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import articles  # noqa: E402


def _codes(findings, code: str):
    return [f for f in findings if f.code == code]


def test_a_run_of_one_word_is_one_finding_whose_fix_keeps_the_first(ruleset) -> None:
    text = "They said " + "word " * 5_000 + "today."
    (run,) = _codes(lint(text, ruleset), "NL501")
    assert run.message == "'word' is written 5,000 times."
    assert text[run.span.start : run.span.end] == " ".join(["word"] * 5_000)
    assert apply_fixes(text, [run], run.fix.applicability).text == "They said word today."


def test_a_run_longer_than_a_chunk_is_still_one_finding(ruleset) -> None:
    count = 2 * CHUNK // 4
    text = "the " * count
    (run,) = _codes(lint(text, ruleset), "NL501")
    assert run.message == f"'the' is written {count:,} times."
    assert (run.span.start, run.span.end) == (0, len(text) - 1)


def test_a_tripled_word_is_one_finding_and_a_capitalised_copy_starts_a_name(ruleset) -> None:
    text = "They met the the the minister. The band Duran Duran played."
    findings = _codes(lint(text, ruleset), "NL501")
    assert [f.message for f in findings] == ["'the' is written 3 times."]
    assert apply_fixes(text, findings).text == "They met the minister. The band Duran Duran played."


def _many_doubled_spaces(count: int) -> str:
    return "".join(f"Word{n}  next{n}. " for n in range(count))


def test_cap_keeps_the_first_findings_and_one_summary_with_exact_counts(ruleset) -> None:
    findings = _codes(lint(_many_doubled_spaces(250), ruleset), "NL106")
    capped = cap_findings(findings, 100)
    assert capped[:100] == findings[:100]
    summary = capped[100]
    assert len(capped) == 101 and summary.fix is None
    # NL106's fix is unsafe (an info rule never carries a safe one): the hidden ones are counted so.
    assert (summary.hidden, summary.hidden_safe, summary.hidden_unsafe, summary.count) == (150, 0, 150, 150)
    assert summary.span == findings[100].span
    assert cap_findings(findings, 0) == findings


def test_cli_caps_per_rule_and_statistics_and_report_stay_exact(tmp_path, capsys) -> None:
    path = tmp_path / "spaces.txt"
    path.write_text(_many_doubled_spaces(250))
    assert main(["check", "--isolated", "--format", "jsonl", "--select", "NL106", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 101 and rows[-1]["hidden"] == 150
    assert rows[-1]["hidden_fixable"] == {"safe": 0, "unsafe": 150}
    assert summarise(rows).findings == 250
    assert summarise(rows).codes[0].count == 250
    main(["check", "--isolated", "--statistics", "--select", "NL106", str(path)])
    assert "250  NL106" in capsys.readouterr().out
    main(["check", "--isolated", "--format", "jsonl", "--select", "NL106", "--max-findings-per-rule", "0", str(path)])
    assert len(capsys.readouterr().out.splitlines()) == 250
    main(["check", "--isolated", "--select", "NL106", "--max-findings-per-rule", "10", "--color", "never", str(path)])
    out = capsys.readouterr().out
    assert "240 more NL106 doubled-space findings" in out and "Found 250 findings (250 info)" in out
    assert "250 fixable with `newslint check --fix --unsafe-fixes`" in out


def test_fix_still_applies_every_fix_past_the_cap(tmp_path, capsys) -> None:
    path = tmp_path / "spaces.txt"
    path.write_text(_many_doubled_spaces(250))
    main(["check", "--isolated", "--fix", "--unsafe-fixes", "--select", "NL106", "--quiet", str(path)])
    assert "  " not in path.read_text()


def test_full_format_writes_findings_without_a_rich_layout_per_line(tmp_path, capsys, monkeypatch) -> None:
    path = tmp_path / "spaces.txt"
    path.write_text(_many_doubled_spaces(300))
    calls = []
    original = Console.print
    monkeypatch.setattr(Console, "print", lambda self, *a, **k: (calls.append(a), original(self, *a, **k))[1])
    for color in ("never", "always"):
        calls.clear()
        main(["check", "--isolated", "--select", "NL106", "--max-findings-per-rule", "0", "--color", color, str(path)])
        out = capsys.readouterr().out
        assert out.count(f"{path}:1:") == 300
        assert len(calls) <= 3  # the summary table and lines only


def test_a_rule_that_times_out_makes_the_check_incomplete(tmp_path, capsys, monkeypatch) -> None:
    path = tmp_path / "story.txt"
    path.write_text("They met the the minister in kyiv. .\n" * 200)
    monkeypatch.setattr("linter.bounded.TIMEOUT", 1e-9)
    code = main(["check", "--isolated", "--jobs", "1", "--format", "concise", str(path)])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert err and all(line.startswith(f"newslint: error: {path}:") and line.endswith("the check is incomplete") for line in err)
    assert "took too long" in err[0]
    assert main(["check", "--isolated", "--jobs", "1", "--allow-incomplete", "--format", "concise", str(path)]) == 1


def test_the_source_pattern_is_bounded_and_a_timeout_falls_back_to_the_default_source(monkeypatch) -> None:
    from linter.templates.counts import source_of

    assert source_of("site/a.txt", None, r"(\w+)\.txt$") == "a"
    monkeypatch.setattr("linter.bounded.TIMEOUT", 1e-9)
    assert source_of("site/a.txt", None, r"(\w+)\.txt$") == "site"


@pytest.mark.parametrize("command", [["check", "a.txt"], ["report", "f.jsonl"]])
def test_a_bad_source_pattern_is_one_line_before_anything_is_read(capsys, command) -> None:
    try:
        code = main([*command, "--source-pattern", "(unclosed"])
    except SystemExit as stop:
        code = stop.code
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "--source-pattern: not a valid pattern" in err


def _run(folder: Path) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "linter", "check", "--isolated", "--jobs", "1", "--format", "jsonl", str(folder)]
    return subprocess.run(command, capture_output=True, cwd=ROOT, timeout=600, check=False)


def test_findings_are_the_same_with_a_core_saturated(tmp_path) -> None:
    """A subset of news (400 generated articles, about 0.5 MB: the CI has no corpus, and these
    carry every family of scraping damage) linted idle, then with a busy loop on one core:
    the JSONL output is byte for byte the same and no rule reports a timeout."""
    for number, text in zip(range(400), articles(seed=7)):
        (tmp_path / f"{number:03}.txt").write_text(text)
    idle = _run(tmp_path)
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        loaded = _run(tmp_path)
    finally:
        busy.kill()
        busy.wait()
    assert idle.returncode == loaded.returncode == 1, idle.stderr
    assert idle.stderr == loaded.stderr == b""
    assert idle.stdout == loaded.stdout


def test_a_run_of_marks_without_a_word_is_one_sentence() -> None:
    from linter.segments import Document

    marks = ". " * 1_000
    text = "West. . Then he left. " + marks + "She came."
    doc = Document(text)
    assert [text[s.start : s.end] for s in doc.sentences] == ["West.", ".", "Then he left.", marks.strip(), "She came."]


def test_copies_of_a_paragraph_in_a_row_are_one_finding(ruleset) -> None:
    para = "The minister spoke on Friday about the budget for next year and more."
    text = "\n\n".join([para] * 501) + "\n\nOther text here.\n\n" + para + "\n"
    findings = _codes(lint(text, ruleset), "NL701")
    assert [f.message for f in findings] == [
        "This paragraph repeats, exactly, the one on line 1 (500 copies in a row).",
        "This paragraph repeats, exactly, the one on line 1.",
    ]
    assert apply_fixes(text, findings, Applicability.UNSAFE).text == f"{para}\n\nOther text here.\n"


def test_a_run_of_spaced_marks_is_one_finding_past_every_chunk(ruleset) -> None:
    marks = ". " * CHUNK  # twice a chunk's length
    text = "They left" + marks + "Then the story."
    (run,) = _codes(lint(text, ruleset), "NL112")
    assert run.message == f"'.' is written {CHUNK:,} times in a row."
    assert text[run.span.start : run.span.end] == marks.strip()
    assert run.fix.applicability is Applicability.SAFE
    assert apply_fixes(text, [run]).text == "They left. Then the story."


def test_short_runs_of_marks_are_left_to_their_own_rules(ruleset) -> None:
    text = "He paused... then spoke. Wait . . . what? Yes,, she said.\n"
    assert _codes(lint(text, ruleset), "NL112") == []


def test_a_run_of_blank_lines_is_one_finding_and_no_lines(ruleset) -> None:
    from linter.segments import Document

    blank = "\n" * (2 * CHUNK)
    assert Document(blank).lines == [] and Document(blank).paragraphs == []
    (run,) = _codes(lint(blank, ruleset), "NL113")
    assert run.message == f"{2 * CHUNK - 1:,} blank lines in a row."
    assert apply_fixes(blank, [run]).text == "\n\n"
    text = "Title\r\n" + "\r\n" * 50 + "Body one.\nBody two.\n"
    doc = Document(text)
    assert [text[s.start : s.end] for s in doc.lines] == ["Title", "Body one.", "Body two."]
    assert [text[s.start : s.end] for s in doc.paragraphs] == ["Title", "Body one.", "Body two."]
    (run,) = _codes(lint(text, ruleset), "NL113")
    assert apply_fixes(text, [run]).text == "Title\r\n\r\nBody one.\nBody two.\n"


@pytest.mark.parametrize("unit", ["word ", ". ", "\n"])
def test_pathological_files_are_one_finding_and_little_output_in_every_format(tmp_path, capsys, unit) -> None:
    """The output does not grow with the run: 300 KB of it writes within 5 KB of what 3 KB does
    (SARIF's rule catalogue is the same in both)."""
    path = tmp_path / "scraped.txt"
    for fmt in ("full", "concise", "jsonl", "json", "github", "sarif", "junit", "gitlab"):
        sizes = []
        for length in (3_000, 300_000):
            path.write_text(unit * (length // len(unit)))
            assert main(["check", "--isolated", "--jobs", "1", "--format", fmt, "--color", "never", str(path)]) == 1
            sizes.append(len(capsys.readouterr().out.encode()))
        assert sizes[1] - sizes[0] < 5_000, (fmt, sizes)
    main(["check", "--isolated", "--jobs", "1", "--format", "jsonl", str(path)])
    codes = [json.loads(line)["code"] for line in capsys.readouterr().out.splitlines()]
    run = {"word ": "NL501", ". ": "NL112", "\n": "NL113"}[unit]
    assert codes.count(run) == 1 and len(codes) <= 3, codes


@pytest.mark.parametrize("fmt", ["jsonl", "concise", "github"])
def test_streaming_formats_write_each_file_before_the_next_is_linted(tmp_path, monkeypatch, fmt) -> None:
    import io

    import linter.parallel.pool as pool

    paths = []
    for number in range(3):
        paths.append(tmp_path / f"{number}.txt")
        paths[-1].write_text(f"They met the the minister {number}.\n")
    out = io.StringIO()
    written_before: list[str] = []
    original = pool.process_path
    monkeypatch.setattr(pool, "process_path", lambda *a, **k: (written_before.append(out.getvalue()), original(*a, **k))[1])
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["check", "--isolated", "--jobs", "1", "--format", fmt, *map(str, paths)]) == 1
    assert len(written_before) == 3
    for number, seen in enumerate(written_before):
        assert [p.name for p in paths if p.name in seen] == [f"{n}.txt" for n in range(number)]


def test_full_context_searches_only_its_window_for_line_breaks() -> None:
    from linter.formats.full import context

    class Searched(str):
        widths: list[int] = []

        def find(self, sub, start=0, end=None):  # type: ignore[override]
            self.widths.append((len(self) if end is None else end) - start)
            return str.find(self, sub, start, end)

        def rfind(self, sub, start=0, end=None):  # type: ignore[override]
            self.widths.append((len(self) if end is None else end) - start)
            return str.rfind(self, sub, start, end)

    line = "word " * 200_000
    window = context(Searched(line), 500_000, 500_004, 40)
    assert (window.before, window.after) == (context(line, 500_000, 500_004, 40).before, context(line, 500_000, 500_004, 40).after)
    assert window.before == "…" + "word " * 8 and window.after == " word" * 8 + "…"
    assert max(Searched.widths) <= 41
