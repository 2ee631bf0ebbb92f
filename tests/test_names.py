"""Names from the document's own evidence, echoes on any name, stray articles before titles, glued metadata."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter import Applicability, LintConfig, lint
from linter.selection import Selection

ARTICLE = (
    "Prime Minister Tony Blair met President Bush on Monday. Mr Blair said the talks with Mr Bush went well,"
    " and Labour welcomed them. Conservative leader Michael Howard said Tories would oppose the plan, and"
    " Tories in the Lords agreed.\n\n"
    "Later Tony blair said Mr bush had agreed. Michael howard said the tories would vote against. The labour"
    " peer disagreed, and Labour said so.\n\n"
    "It was fine, said Mr kennedy."
)

#: Words of names and their contexts, in both cases, and the first letters whose case does not round-trip.
NAME_PIECES = st.sampled_from(
    "Mr Mr. Mrs Dr Sir President Prime Minister the a of and said Tony tony Blair blair Bush bush Labour labour"
    " House Lords lords Union union police Police de Villiers the The was in to ſome Some ﬁsh Fish ßtraße"
    " \u1c89abc Ǆemal ǆemal".split()
    + ["said Blair", "Mr Blair", "Tony Blair", "met Bush", "Mr bush", "told blair", "with Okafor", "said okafor", "Dr okafor", "met President bush", "met the police"]
)
GAPS = st.sampled_from([" ", " ", " ", ", ", ". ", "; ", "\n", "\n\n", "\r\n", "\r", " - ", "  ", "\u00a0", ": ", "'s ", "-", "."])


def findings(text: str, ruleset, select: str) -> dict[str, tuple[str, Applicability | None]]:
    """Flagged text -> (code, fix applicability)."""
    config = LintConfig(selection=Selection(select=(select,)))
    return {
        text[d.span.start : d.span.end]: (d.code, d.fix.applicability if d.fix else None)
        for d in lint(text, ruleset, config)
    }


class TestNamesFromTheDocument:
    def test_lowercase_names_the_text_writes_capitalised(self, ruleset) -> None:
        found = findings(ARTICLE, ruleset, "NL2")
        assert found["blair"][0] == "NL204"
        assert found["bush"][0] == "NL204"
        assert found["tories"][0] == "NL204"
        assert found["kennedy"] == ("NL205", Applicability.UNSAFE)
        # A common word is only info without a context that makes it the name.
        assert found["labour"] == ("NL206", Applicability.UNSAFE)

    def test_fix_is_safe_only_when_the_same_two_word_name_is_written_capitalised(self, ruleset) -> None:
        found = findings(ARTICLE, ruleset, "NL204")
        assert found["bush"][1] is Applicability.SAFE  # Mr bush beside Mr Bush
        assert found["tories"][1] is Applicability.UNSAFE  # evidence, but no two-word name

    def test_ordinary_words_and_sentence_starts_are_no_evidence(self, ruleset) -> None:
        text = "Brown said no. Brown left.\n\nThe brown dog ran. Shell Profits Rise\n\nThe shell broke."
        assert findings(text, ruleset, "NL204,NL205,NL206") == {}

    def test_organisation_words_are_no_evidence(self, ruleset) -> None:
        text = (
            "He spoke to the National Union of Journalists and the House of Lords. The Union of Journalists"
            " met the journalists, and the law lords sat in the House of Lords."
        )
        assert findings(text, ruleset, "NL204,NL206") == {}

    def test_honorific_without_other_evidence(self, ruleset) -> None:
        assert findings("It failed, said Dr okafor. Mr and Mrs Smith came.", ruleset, "NL205") == {
            "okafor": ("NL205", Applicability.UNSAFE)
        }


class TestEchoOnAnyName:
    def test_long_fragment_after_a_name_of_several_words(self, ruleset) -> None:
        text = "He lost the final of the Advanta Championships. Championships, at Philadelphia, in a long match that went to five sets."
        assert findings(text, ruleset, "NL503") == {
            "Championships, at Philadelphia, in a long match that went to five sets.": ("NL503", Applicability.UNSAFE)
        }

    def test_real_sentences_that_start_with_the_name(self, ruleset) -> None:
        for text in (
            "He lives in Paris. Paris is large and expensive, and rents keep rising every single year.",
            "Backing came from the expert Michelle Verroken. Verroken, a former director of drug-free sport, said so.",
            "He plays with runner-up Carlos Moya. Moya, Spain's Davis Cup hero, returns to the team this week.",
        ):
            assert findings(text, ruleset, "NL503") == {}, text


class TestStrayArticleBeforeTitles:
    def test_honorific_and_title(self, ruleset) -> None:
        text = "The deal is done, a Mr Kennedy said. It will last, a President Putin told reporters."
        assert list(findings(text, ruleset, "NL504")) == ["a "]
        config = LintConfig(selection=Selection(select=("NL504",)))
        assert len(lint(text, ruleset, config)) == 2


class TestGluedMetadataFamilies:
    def test_each_family(self, ruleset) -> None:
        cases = {
            "Last updated at 10:32 GMT, 2005-11-21 India's economy grew.": Applicability.SAFE,
            "Published: 2005-03-08 | Updated: 2005-03-09 Kilroy names his party.": Applicability.SAFE,
            "By Jane Smith, staff reporter The minister said it.": Applicability.UNSAFE,
            "WASHINGTON (AP) The minister said it.": Applicability.UNSAFE,
            "Photo: Jane Smith/Reuters The minister said it.": Applicability.UNSAFE,
        }
        for text, applicability in cases.items():
            found = findings(text, ruleset, "NL3")
            assert list(found.values()) == [("NL320", applicability)], text

    def test_no_metadata(self, ruleset) -> None:
        for text in ("NASA Administrator Bill Nelson spoke.", "By Friday the talks had failed.", "Updated figures show growth."):
            assert findings(text, ruleset, "NL320") == {}, text


class TestOtherLanguages:
    def test_german_nouns_are_not_names(self, ruleset) -> None:
        text = (
            "Die Versicherten können ihre Daten über ihr Smartphone laden. Laut Gesetz soll die Akte den"
            " Notfalldatensatz und die Daten der Kasse enthalten, und die Daten sollen in ihre Akte. "
        ) * 3 + "Dazu zählen die daten der Ärzte."
        assert findings(text, ruleset, "NL204,NL206") == {}


class TestShortcutsChangeNothing:
    """The shortcuts that make NL204-NL206 cheap report exactly what the exhaustive way does."""

    def test_case_exceptions_are_every_first_letter_that_does_not_lowercase_back(self) -> None:
        import sys

        import regex

        from linter.checks.names import CASE_EXCEPTIONS

        lower, upper = regex.compile(r"\p{Ll}"), regex.compile(r"\p{Lu}")
        # A lowercase word's first letter: regex's lowercase letters, and its capitals Python does not know as such.
        derived = {
            char
            for char in map(chr, range(sys.maxunicode + 1))
            if char.upper().lower() != char and (lower.match(char) or upper.match(char) and not char.isupper())
        }
        assert CASE_EXCEPTIONS == derived

    def test_an_ascii_text_skips_the_case_exceptions(self) -> None:
        """``_capitalised_elsewhere`` tests the exceptions only in a text that is not ASCII: none of them is."""
        from linter.checks.names import CASE_EXCEPTIONS, evidence
        from linter.segments import Document

        assert not any(char.isascii() for char in CASE_EXCEPTIONS)
        assert evidence(Document("Blair spoke. Then blair left.")).ascii and not evidence(Document("Blair spoke. ſome left.")).ascii

    @staticmethod
    def _found(text: str, counted: set[str] | None = None) -> tuple:
        """The findings and the contexts counted, of the words in ``counted`` only if given."""
        from linter.checks import names
        from linter.segments import Document

        doc = Document(text)
        found = names.evidence(doc)
        findings = [(f.token, f.proper, f.certain, f.overwhelming) for f in names._findings(doc)]
        keep = (lambda word: True) if counted is None else counted.__contains__
        contexts = [{w: n for w, n in counter.items() if keep(w)} for counter in (found.alone, found.strong, found.two_word)]
        return findings, *contexts, {pair for pair in found.pairs if keep(pair[1])}

    def _fast_and_exhaustive(self, text: str, monkeypatch) -> tuple[tuple, tuple]:
        """Both paths, the exhaustive one's contexts kept to the words the fast path counted (it skips
        the words ``_outnumbered`` rules out, whose contexts no finding reads)."""
        from linter.checks import names

        counted: set[str] = set()
        count_contexts = names._count_contexts

        def spy(doc, found, words: set[str]) -> None:
            counted.update(words)
            count_contexts(doc, found, words)

        with monkeypatch.context() as patch:
            patch.setattr(names, "_count_contexts", spy)
            fast = self._found(text)
        return fast, self._exhaustive(text, monkeypatch, counted)

    @staticmethod
    def _title_case_by_its_own_tokens(text: str, line, found) -> bool:
        from linter.checks.names import _CLOSED
        from linter.checks.name_tokens import TOKEN

        if _CLOSED.search(text, line.start, line.end):
            return False
        words = [m.group() for m in TOKEN.finditer(text, line.start, line.end)]
        return len(words) >= 2 and sum(w[0].isupper() for w in words) * 2 > len(words)

    def _exhaustive(self, text: str, monkeypatch, counted: set[str]) -> tuple:
        """Every lowercase word looked at, every token scanned, every occurrence weighed, each line tokenized alone."""
        from linter.checks import names
        from linter.checks.name_tokens import pure_counted_tokens

        with monkeypatch.context() as patch:
            patch.setattr(names, "_capitalised_elsewhere", lambda found: set(found.counts))
            patch.setattr(names, "_where", lambda found, words: [i for i, w in enumerate(found.written) if w in words])
            patch.setattr(names, "_unreportable", lambda found, index, proper: False)
            patch.setattr(names, "counted_tokens", pure_counted_tokens)
            patch.setattr(names, "_is_title_case", self._title_case_by_its_own_tokens)
            patch.setattr(names, "_outnumbered", lambda found, index: False)
            return self._found(text, counted)

    @pytest.mark.parametrize(
        "text",
        [
            ARTICLE,
            "He met President bush. Bush left.",  # a title, and no other evidence
            "Talks with Ǆemal ended, and aides of Ǆemal left. Then ǆemal spoke.",  # title case is not uppercase
            "Talks with Some ended, and aides of Some left. Then ſome spoke.",  # ſ uppercases to S, which lowercases to s
            "Blair Wins Vote\r\nTalks with Blair ended,\rand aides of Blair left-\nThen blair spoke.",  # title case, CR line breaks
        ],
    )
    def test_examples(self, text: str, monkeypatch) -> None:
        found, exhaustive = self._fast_and_exhaustive(text, monkeypatch)
        assert found[0]
        assert found == exhaustive

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(pieces=st.lists(st.tuples(NAME_PIECES, GAPS), max_size=60))
    def test_random_texts_of_name_like_pieces(self, pieces, monkeypatch) -> None:
        text = "".join(word + gap for word, gap in pieces)
        found, exhaustive = self._fast_and_exhaustive(text, monkeypatch)
        assert found == exhaustive


def test_version_names_the_token_finder(capsys) -> None:
    from linter.checks.name_tokens import KERNEL
    from linter.kernels import describe

    assert f"name tokens: {'compiled' if KERNEL == 'compiled' else 'pure Python'}" in describe()


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=".!?\"'”’) \t\u00a0\u2028\u3000\x1c\x85\nab", max_size=30), data=st.data())
def test_a_closed_line_is_found_from_its_end_as_from_its_start(text: str, data) -> None:
    """The title-case test searches ``_CLOSED`` backwards: the same ranges match as searched forwards."""
    from linter.checks.names import _CLOSED, _CLOSED_AT_END

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert (_CLOSED_AT_END.search(text, start, end) is None) == (_CLOSED.search(text, start, end) is None)
