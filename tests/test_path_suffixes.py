"""Discovery's quick answer for ``*.ending`` patterns (the default ``include``) is pathspec's answer (#16)."""

from __future__ import annotations

import pathspec
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.sources.discover import DEFAULT_INCLUDE
from linter.sources.pathmatch import PathPatterns, _suffixes

_ENDINGS = st.text(st.sampled_from("abcmdtxJSONl.-_é0"), min_size=1, max_size=6).map(lambda e: "*." + e)
_NAMES = st.text(st.sampled_from("abmdtxjsonl.-_é0 *[]!#"), min_size=1, max_size=12)


def _pathspec(patterns: tuple[str, ...], prefix: str, name: str, is_dir: bool) -> bool:
    spec = pathspec.GitIgnoreSpec.from_lines(patterns, backend="simple")
    return spec.match_file(prefix + name + ("/" if is_dir else ""))


@settings(max_examples=300, deadline=None)
@given(st.lists(_ENDINGS, min_size=1, max_size=4).map(tuple), _NAMES, st.booleans(), st.sampled_from(["", "sub/", "a/b.txt/"]))
def test_ending_patterns_match_as_pathspec_does(patterns, name, is_dir, prefix) -> None:
    assert _suffixes(patterns) is not None
    folder = "." if not prefix else prefix.rstrip("/")
    assert PathPatterns(patterns).in_folder(folder)(name, is_dir) == _pathspec(patterns, prefix, name, is_dir)


def test_the_default_include_takes_the_quick_answer_and_other_patterns_do_not() -> None:
    assert _suffixes(DEFAULT_INCLUDE) is not None
    for other in ("drafts/*.txt", "*.tx?", "!*.txt", "*.txt ", "notes.txt", "**/*.md", "*.[tm]d", "*"):
        assert _suffixes(("*.txt", other)) is None, other
