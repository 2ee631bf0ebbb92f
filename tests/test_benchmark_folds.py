"""The measuring helpers of benchmarks/mqm.py and benchmarks/fluency.py, on made-up rows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
pytest.importorskip("sklearn")
from fluency import reliability  # noqa: E402
from mqm import folds_by_talk  # noqa: E402


def test_no_talk_is_split_across_folds() -> None:
    talk = {(f"system{s}", f"{t}-{i}"): f"talk.{t}" for t in range(7) for i in range(3 + t) for s in range(2)}
    folds = folds_by_talk(talk, 5)
    assert len(folds) == 5 and all(folds)
    assert set().union(*folds) == set(talk)
    for one, other in ((a, b) for a in folds for b in folds if a is not b):
        assert not {talk[s] for s in one} & {talk[s] for s in other}


def test_reliability_pairs_rows_of_the_same_sentence_and_keeps_single_ratings_apart() -> None:
    rows = [[f"sentence {i % 4}", "0", "src", "0", "1" if i < 8 else "2"] for i in range(12)]
    scores = [float(i % 4) for i in range(12)]
    assert reliability(rows, scores) == (4, pytest.approx(1.0))
    pairs, agreement = reliability(rows, [float(i % 4) if i < 4 else float(-(i % 4)) for i in range(12)], single=True)
    assert (pairs, agreement) == (4, pytest.approx(-1.0))
