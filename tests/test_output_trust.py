"""What a user reads: colour conventions, excerpts, names printed as they are, flag combinations."""

from __future__ import annotations

import json

import pytest

from .conftest import run

#: One paragraph written twice: NL701 flags the long second copy, which the window shortens.
REPEATED = (
    "The minister said on Tuesday that the Sputnik, Kremlin Pool and several other outlets would be "
    "barred from the briefing room for the rest of the year."
)


@pytest.fixture(autouse=True)
def _terminal(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def test_force_color_is_honoured_and_no_color_wins(tmp_path, monkeypatch, capsys) -> None:
    (tmp_path / "a.txt").write_text("They met in kyiv.\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", "--isolated", "a.txt")
    assert "\x1b[" not in out  # not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = run(capsys, "check", "--isolated", "a.txt")
    assert "\x1b[" in out
    _, out, _ = run(capsys, "rule", "NL201")
    assert "\x1b[" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, "check", "--isolated", "a.txt")
    assert "\x1b[" not in out
    monkeypatch.delenv("NO_COLOR")
    _, out, _ = run(capsys, "check", "--isolated", "--color", "never", "a.txt")
    assert "\x1b[" not in out


@pytest.mark.parametrize("width", ["50", "60", "80", "100"])
def test_excerpts_are_cut_at_word_boundaries(tmp_path, monkeypatch, capsys, width) -> None:
    monkeypatch.setenv("COLUMNS", width)
    (tmp_path / "a.txt").write_text(f"{REPEATED}\n\n{REPEATED}\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", "--isolated", "--color", "never", "a.txt")
    words = set(REPEATED.replace("↵", " ").split())
    shown = [line for line in out.splitlines() if line.startswith(("  - ", "  + "))]
    assert shown and "…" in "".join(shown)
    for line in shown:
        for token in line[4:].replace("[-", " ").replace("-]", " ").replace("↵", " ").replace("…", " ").split():
            assert token in words, (token, line)


def test_names_print_as_they_are_in_every_terminal_format(tmp_path, capsys) -> None:
    (tmp_path / "a[red]b.txt").write_text("They met in kyiv. .\n", encoding="utf-8")
    rows = [{"id": f"scraped/[bold]{n}", "text": "They met in kyiv. ."} for n in range(3)]
    (tmp_path / "data.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for fmt in ("full", "concise", "report"):
        _, out, _ = run(capsys, "check", "--isolated", "--color", "always", "--format", fmt, "--id-field", "id", "a[red]b.txt", "data.jsonl")
        assert "a[red]b.txt" in out, fmt
        for n in range(3):
            assert f"data.jsonl[scraped/[bold]{n}]" in out, fmt
    _, out, _ = run(capsys, "check", "--isolated", "--format", "report", "--id-field", "id", "data.jsonl")
    worst = out[out.index("Most damaged documents") :]
    assert sum(1 for line in worst.splitlines() if "data.jsonl[scraped/[bold]" in line) == 3


def test_source_pattern_reads_the_record_id(tmp_path, capsys) -> None:
    rows = [
        {"url": f"https://{site}/story/{n}", "text": "They met in kyiv. ." if site == "bad.example" else "All is well."}
        for n, site in enumerate(["bad.example", "bad.example", "good.example"])
    ]
    (tmp_path / "pages.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    _, out, _ = run(
        capsys, "check", "--isolated", "--format", "report", "--id-field", "url", "--source-pattern", r"\[https?://([^/\]]+)", "pages.jsonl"
    )
    sources = out[out.index("Sources by findings") :]
    cells = {row[0]: row[1:3] for line in sources.splitlines() if (row := [c.strip() for c in line.split("│") if c.strip()])}
    assert cells["bad.example"] == ["2", "4"] and cells["good.example"] == ["1", "0"]


def test_rule_explains_with_its_example_not_raw_placeholders(capsys) -> None:
    for code in ("NL101", "NL201", "NL401", "NL701", "NL901"):
        code_, out, _ = run(capsys, "rule", "--isolated", code)
        assert code_ == 0
        finds = out.split("What it finds", 1)[1].split("Why", 1)[0]
        assert "{" not in finds and "}" not in finds, (code, finds)
    _, out, _ = run(capsys, "rule", "--isolated", "NL101")
    assert "A stray ' .' follows the end of the sentence." in out


def test_rule_list_and_all(capsys) -> None:
    code, listed, _ = run(capsys, "rule", "--isolated", "--list")
    _, plain, _ = run(capsys, "rule", "--isolated")
    assert code == 0 and listed == plain and "NL101" in listed
    code, every, _ = run(capsys, "rule", "--isolated", "--all")
    assert code == 0 and every.count("What it finds") == plain.count("\nNL")
    code, _, err = run(capsys, "rule", "--isolated", "--all", "NL101")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_one_name_for_each_fix_level(ruleset, capsys) -> None:
    """A rule without a fix is 'none' in the table, the Markdown table, the JSON and SARIF."""
    from linter.formats.sarif import rule_descriptor

    _, out, _ = run(capsys, "rule", "--isolated", "--format", "json")
    records = {r["code"]: r["fix"] for r in json.loads(out)}
    _, table, _ = run(capsys, "rule", "--isolated")
    _, markdown, _ = run(capsys, "rule", "--isolated", "--format", "markdown")
    for rule in ruleset:
        level = rule.fix_level.label if rule.fix_level else "none"
        assert records[rule.code] == level
        assert rule_descriptor(rule)["properties"]["fix"] == level
        assert f"| {level} |" in next(line for line in markdown.splitlines() if f"| {rule.code} |" in line)
        assert level in next(line for line in table.splitlines() if line.startswith(rule.code)).split()
    assert "none" in records.values()


def test_display_only_fix_is_named_so_in_the_full_view(tmp_path, capsys) -> None:
    (tmp_path / "a.txt").write_text("President Rossi and I agree that we must seek common ground on trade, Okafor said.\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", "--isolated", "--color", "never", "--select", "NL401", "a.txt")
    assert "NL401" in out and "display-only fix" in out and "suggestion" not in out


@pytest.mark.parametrize(
    ("flags", "says"),
    [
        (["--engine", "dask", "--format", "full"], "--format full"),
        (["--engine", "dask", "--format", "sarif"], "--format sarif"),
        (["--engine", "dask", "--statistics"], "--statistics"),
        (["--engine", "dask", "--baseline", "b.json"], "--baseline"),
        (["--findings", "f.parquet"], "--findings needs --engine dask"),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        (["--statistics", "--format", "github"], "--format github"),
        (["--statistics", "--format", "jsonl"], "--format jsonl"),
        (["--html", "r.html"], "--html needs --format report"),
        (["--stdin-filename", "feed.jsonl"], "standard input is read as one text; name the data file instead"),
        (["--stdin-filename", "dump/part-0.parquet"], "--stdin-filename dump/part-0.parquet: standard input"),
    ],
)
def test_flag_combinations_that_cannot_work_are_refused_in_one_line(tmp_path, capsys, flags, says) -> None:
    (tmp_path / "a.txt").write_text("They met in kyiv.\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--isolated", *flags, "a.txt")
    assert code == 2 and out == "" and err.count("\n") == 1 and says in err, err


def test_statistics_as_json(tmp_path, capsys) -> None:
    (tmp_path / "a.txt").write_text("They met in kyiv. .\n\nThen in kyiv again.\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--isolated", "--statistics", "--format", "json", "a.txt")
    assert code == 1
    assert json.loads(out) == [
        {"code": "NL201", "name": "lowercase-proper-noun", "severity": "warning", "count": 2, "fixable": 2},
        {"code": "NL101", "name": "double-period", "severity": "error", "count": 1, "fixable": 1},
    ]
