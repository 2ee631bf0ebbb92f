"""Coverage-guided fuzzing of decoding, lint and fix with atheris (libFuzzer), for a bounded time.

Usage::

    pip install atheris
    python benchmarks/fuzz_atheris.py -max_total_time=600 [corpus_dir]

The same properties as ``benchmarks/fuzz.py`` (which needs only hypothesis and runs in
the test suite as a smoke test): decoding either succeeds or raises InputError,
findings lie inside the text, no rule fails or times out, fixing settles and is
idempotent, no safe fix is left. libFuzzer mutates the inputs towards new code paths
in ``linter``; the first input that breaks a property stops the run and is saved as
``crash-*``, and libFuzzer prints how many inputs it ran. Flags are libFuzzer's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["linter"]):
    from fuzz import PIECES, check

    from linter import load_ruleset

RULESET = load_ruleset()


def one_input(data: bytes) -> None:
    """Raw bytes through decoding, or text assembled from scraper debris and free text."""
    provider = atheris.FuzzedDataProvider(data)
    if provider.ConsumeBool():
        check(provider.ConsumeBytes(400), RULESET)
        return
    parts = []
    for _ in range(provider.ConsumeIntInRange(0, 40)):
        if provider.ConsumeBool():
            parts.append(PIECES[provider.ConsumeIntInRange(0, len(PIECES) - 1)])
        else:
            parts.append(provider.ConsumeUnicodeNoSurrogates(20))
    check("".join(parts), RULESET)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
