"""Fuzz decoding, lint and fix for a bounded time (hypothesis as the input generator).

Usage::

    python benchmarks/fuzz.py [--seconds 600]

Each input is random bytes or random text built from the pieces scrapers produce
(stray punctuation, names in lowercase, entities, mojibake, quotes, emoji, RTL and
combining marks, CR/LF). For each it checks: decoding either succeeds or raises
InputError; every finding lies inside the text; no rule failed or timed out
(those become warnings for users, but here they count as crashes); fixing settles and is idempotent;
no safe fix is left after fixing. Any other exception is a crash; the script prints
the inputs tried and the crashes found and exits 1 if there were any.
"""

from __future__ import annotations

import argparse
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter import Applicability, FixLoopError, apply_fixes, fix_text, lint, load_ruleset
from linter.sources import InputError, decode

PIECES = [
    "kyiv", "Moscow", " . ", ". .", ",,", "  ", "\n", "\r\n", "\r", "\n\n", "Mr ", "Mr. ", "&amp;", "&#8217;",
    "cafÃ©", "â€™", "\ufffd", "\u200b", "\ufeff", "😀", "e\u0301", "مرحبا", "\u202e", '"', "“", "”", "(Name/AP)",
    "Advertisement", "the the", "said Ms Lee", "we must", "<span>", "{{ x }}", "https://example.com/a.b", "#tag",
    "Home > News > World", "U.S.", "3.5", "a" * 50, " " * 30, "." * 20, "Caption", "\t", "x" * 3,
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=40).map("".join)


def check(data: bytes | str, ruleset) -> None:
    if isinstance(data, bytes):
        try:
            text = decode(data, "fuzz").text
        except InputError:
            return
    else:
        text = data
    for finding in lint(text, ruleset):
        assert 0 <= finding.span.start <= finding.span.end <= len(text), finding
        # a rule that failed or timed out is reported as a warning from newslint itself: for us, a crash
        assert finding.source != "newslint", finding.message
    try:
        once = fix_text(text, ruleset, at_least=Applicability.UNSAFE)
    except FixLoopError:
        return  # reported to the user as an error naming the codes; not a crash
    assert fix_text(once.text, ruleset, at_least=Applicability.UNSAFE).text == once.text, "fix is not idempotent"
    fixed = fix_text(text, ruleset).text
    # Settled: a second --fix applies nothing (a safe fix that would swallow a more severe unsafe one stays).
    assert not apply_fixes(fixed, lint(fixed, ruleset)).applied, "safe fix left"


#: Inputs per hypothesis run (each run starts from a new random seed).
BATCH = 2_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600)
    args = parser.parse_args(argv)
    ruleset = load_ruleset()
    deadline = time.monotonic() + args.seconds
    count = 0
    crashes: dict[str, str] = {}

    # Batches of inputs until the deadline; the rest of the last batch returns at once.
    @settings(max_examples=BATCH, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.binary(max_size=300), TEXT))
    def run(data: bytes | str) -> None:
        nonlocal count
        if time.monotonic() > deadline:
            return
        count += 1
        try:
            check(data, ruleset)
        except Exception as error:  # every other exception is a crash to record
            crashes.setdefault(f"{type(error).__name__}: {str(error)[:120]}", repr(data)[:300])

    while time.monotonic() < deadline:
        run()
    print(f"{count} inputs in {args.seconds:.0f} s, {len(crashes)} distinct crashes")
    for crash, example in crashes.items():
        print(f"  {crash}\n    input: {example}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
