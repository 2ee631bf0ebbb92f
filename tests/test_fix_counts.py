"""A finding's own fix gives sensible text by itself: the fixable count the summary promises is
the count ``--fix`` reports, with no fix of another rule needed to mend the first one's output."""

from __future__ import annotations

import regex

from .conftest import run

# A stray period glued to the next sentence: deleting " ." alone would glue the sentences
# ("Tuesday.The"), which NL103 would then have to part in a second pass.
GLUED = "The talks ended on Tuesday. .The talks resume in May.\n"


def test_stray_period_before_a_glued_word_keeps_the_space(tmp_path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GLUED, encoding="utf-8")
    code, out, _err = run(capsys, "check", "--isolated", "--color", "never", str(path))
    assert code == 1
    assert "+ The talks ended on Tuesday. The talks resume in May." in out
    promised = int(regex.search(r"(\d+) fixable with", out).group(1))
    _code, out, _err = run(capsys, "check", "--isolated", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == "The talks ended on Tuesday. The talks resume in May.\n"
    assert f"Fixed {promised}." in out
