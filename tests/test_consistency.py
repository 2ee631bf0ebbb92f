"""NL901/NL902: the part every form of a group shares rules the group out without changing a finding."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.checks.consistency import _shared_part
from linter.segments import Document

PIECES = st.sampled_from(
    ["Zelensky", "Zelenskyy", "Zelenskiy", "Kyiv", "Kiev", "Kievan", "Gaddafi", "Qadhafi", "al-Qaida", "Al Qaeda",
     "Mumbai", "(Bombay)", "Bombay", "Beijing", "Peking", "Mr", "Mr.", "Mrs", "Mrs.", "St.", "said", ".", ",", " ", "\n"]
)


def test_shared_part() -> None:
    assert _shared_part(["Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii"]) == "Zelensk"
    assert _shared_part(["Gaddafi", "Qaddafi", "Kadhafi", "Qadhafi"]) == "afi"
    assert _shared_part(["Al-Qaeda", "al-Qaeda", "al-Qaida", "Al Qaeda"]) == "Qa"
    assert _shared_part(["Peking", "Bombay"]) == ""  # one letter would rule nothing out


def _reported(rule, text: str) -> list:
    return list(rule.run(Document(text)))


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(PIECES, max_size=30))
def test_same_findings_as_testing_every_form(ruleset, pieces) -> None:
    text = " ".join(pieces)
    for rule in (r for r in ruleset if r.code in ("NL901", "NL902")):
        fast = _reported(rule, text)
        groups = rule.check.groups
        try:
            rule.check.groups = [(forms, "", pattern) for forms, _, pattern in groups]
            assert fast == _reported(rule, text)
        finally:
            rule.check.groups = groups


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(PIECES, max_size=12), forms=st.lists(PIECES.filter(str.strip), min_size=2, max_size=4, unique=True))
def test_two_forms_occur_as_counting_every_form_says(pieces, forms) -> None:
    """The group's forms are searched for only until two are found or too few are left, the shared part not again."""
    from linter.checks.consistency import _two_occur

    text, shared = " ".join(pieces), _shared_part(forms)
    if shared in text:
        assert _two_occur(text, tuple(forms), shared) == (sum(form in text for form in forms) >= 2)
