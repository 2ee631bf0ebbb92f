"""Names from the document's own evidence, echoes on any name, stray articles before titles, glued metadata."""

from __future__ import annotations

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
