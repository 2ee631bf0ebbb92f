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


def test_stack_folds_keep_each_block_of_consecutive_rows_together() -> None:
    from fluency_stack import BLOCK, FOLDS, grouped_folds

    folds = grouped_folds(7 * BLOCK + 13)
    assert set(folds) == set(range(FOLDS))
    for start in range(0, len(folds), BLOCK):
        assert len(set(folds[start : start + BLOCK])) == 1


def test_kneser_ney_gives_a_distribution_and_prefers_the_seen_order() -> None:
    from fluency_stack import KneserNey

    lm = KneserNey(["the cat sat on the mat", "the dog sat on the rug", "a cat ran on the mat"])
    vocabulary = {w for (_, _, w) in lm.c3}
    for context in (("<s>", "the"), ("on", "the"), ("the", "cat")):
        assert sum(lm.p3(*context, w) for w in vocabulary) <= 1.0 + 1e-9
    assert sum(lm.p2("the", w) for w in vocabulary) <= 1.0 + 1e-9
    fluent, scrambled = lm.features("the cat sat on the mat"), lm.features("mat the on sat cat the")
    assert fluent[0] > scrambled[0] and fluent[5] < scrambled[5]


def test_token_labels_spread_a_bad_tag_over_the_pieces_of_its_token() -> None:
    from fluency_stack import bad_share, token_labels

    row = ["x"] * 11
    row[7], row[10] = "1:day-long 3:beat", "The day-long battle beat ."
    assert token_labels(row) == [False, True, True, True, False, True, False]
    assert bad_share(row) == pytest.approx(2 / 5)


def test_the_cheap_stack_s_bloom_filter_holds_what_was_added_and_little_else() -> None:
    from fluency_cheap_stack import Bloom

    bloom = Bloom(16)
    added = [(i * 0x9E3779B97F4A7C15 + 12345) & ((1 << 64) - 1) for i in range(300)]
    for key in added:
        bloom.add(key)
    assert all(key in bloom for key in added)
    others = [(i * 0xD1B54A32D192ED03 + 999) & ((1 << 64) - 1) for i in range(2000)]
    assert sum(key in bloom for key in others) < 20  # about (600 / 65536) ** 2 of them


def test_the_cheap_stack_s_keys_and_shape_see_order_case_and_repeats() -> None:
    from fluency_cheap_stack import gram_keys, shape, token_keys

    from linter.fluency import _tokens

    tokens = _tokens("Rain fell on Tuesday.")
    words, pairs, triples = gram_keys(tokens)
    assert len(words) == len(pairs) == len(triples) == len(tokens) + 1
    assert gram_keys(_tokens("rain FELL on tuesday.")) == (words, pairs, triples)
    assert gram_keys(_tokens("fell rain on Tuesday."))[2] != triples
    assert [keys[3] for keys in token_keys(tokens)] != [keys[3] for keys in token_keys(_tokens("rain fell on tuesday."))]
    looped = "The council met the council met the council met qzxv."
    assert shape("The council met on Tuesday.", _tokens("The council met on Tuesday."))[:3] == [0.0, 0.0, 0.0]
    repeated = shape(looped, _tokens(looped))
    assert repeated[0] > 0 and repeated[1] > 0 and repeated[2] > 0.5 and repeated[4] > 0
