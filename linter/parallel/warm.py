"""Load a process's lazy state before it forks its workers, so that they share it instead of each loading its own.

Much of what linting needs is loaded at first use: the modules of the rarer checks, patterns
compiled on demand (the RE2 prefilter sets), word tables, the language and fluency models, the
pure twin's whole word-frequency table (after a few thousand words), ftfy's badness test in RE2
form. A worker forked before that loads
all of it again (about a third of a second each, while the cores are busy), one forked after
it inherits it copy-on-write. Linting the rules' own examples reaches that state without
naming it: every rule the run selects meets a text it was written to flag, and only those
rules' state is loaded. A forked worker can give no different finding for it, since what is
loaded is the same pure tables and compiled patterns a serial run loads at its first document.
ftfy is the exception: only documents with mojibake need it (none of the clean corpus), so it
is left to the workers that meet one.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..engine import lint
from ..fluency.frequencies import load_used_tables
from ..mojibake import sparing_ftfy
from ..options import Prepared
from ..rule import Ruleset


def examples_text(ruleset: Ruleset) -> str:
    """One text holding each rule's first example of what it flags, as paragraphs."""
    return "\n\n".join(rule.bad[0].text for rule in ruleset if rule.bad)


def warm(prepared: Sequence[Prepared]) -> None:
    """Load what linting with each of ``prepared`` loads lazily.

    A ruleset with grammar rules is left alone: linting would send the examples to the LanguageTool server.
    """
    with sparing_ftfy():  # ftfy is left to the workers whose documents have mojibake
        for each in prepared:
            if not each.recipe.grammar:
                lint(examples_text(each.ruleset), each.ruleset, each.config)
    load_used_tables()
