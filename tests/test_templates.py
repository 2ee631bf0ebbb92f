"""Template boilerplate mined across a corpus (issue 18, item 3): NL336 and the counts behind it
(the Dask runs are in tests/test_scale.py, beside its cluster).

The corpus is generated here: four sites of 30 articles, each site with its own templates (a
navigation line, a newsletter box, a copyright line, a teaser block) in most of its articles,
a quotation that a few articles of a site legitimately share, and a paragraph repeated inside
one article only.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from linter import load_ruleset
from linter.checks.template import with_counts
from linter.engine import lint
from linter.parallel import pool as parallel
from linter.templates import TemplateCounts, corpus_counts, document_keys, normalise, source_of
from linter.templates.fingerprint import MAX_CHARS
from linter.templates.sketch import DEPTH, WIDTH, CountMinSketch

from .conftest import run

SITES = ("alpha", "bravo", "charlie", "delta")
ARTICLES = 30
WORDS = (
    "council residents river bridge budget school teachers hospital nurses police station harbour ferry farmers harvest "
    "museum library election minister village market storm flood road rail airport factory workers union strike court "
    "judge report plan homes rents prices energy water park garden festival season club match coach players fans"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def site_templates(site: str) -> dict[str, list[str]]:
    """Each site's template lines, by kind (a teaser block is two lines)."""
    name = site.title()
    return {
        "nav": [f"Home | {name} | World | Politics | Business | Sport | Culture"],
        "newsletter": [
            f"Sign up for the {name} Daily newsletter to get the morning's most important stories in your inbox, "
            "with analysis from our reporters around the world. You can unsubscribe at any time."
        ],
        "copyright": [f"© 2024 {name} Media Group. All rights reserved."],
        "teaser": [f"Most read on {name}: the mayor's surprise plan for the old harbour", f"Readers of {name} have until Friday to comment on the proposal."],
    }


QUOTE = '"We will not rest until every family has a safe home," the housing minister told reporters.'


def generate(seed: int = 7) -> dict[tuple[str, int], tuple[str, set[int], set[int]]]:
    """Per (site, n): the text, the line numbers (1-based) of injected templates, and of legitimate lines."""
    rng = random.Random(seed)
    corpus = {}
    for site in SITES:
        templates = site_templates(site)
        quoted = set(rng.sample(range(ARTICLES), 4 if site in ("alpha", "charlie") else 3))
        for n in range(ARTICLES):
            lines: list[tuple[str, bool]] = []  # (line, is template)
            present = {kind: rng.random() < 0.85 for kind in templates}
            if present["nav"]:
                lines += [(line, True) for line in templates["nav"]]
            body = [_sentence(rng, rng.randint(18, 30)) + " " + _sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(3, 6))]
            if n in quoted:
                body.insert(1, QUOTE)
            if n == 5:
                body += [body[0], body[0]]  # a paragraph repeated inside one article only
            lines += [(paragraph, False) for paragraph in body]
            for kind in ("newsletter", "teaser", "copyright"):
                if present[kind]:
                    lines += [(line, True) for line in templates[kind]]
            text = "\n\n".join(line for line, _ in lines) + "\n"
            numbers = [2 * i + 1 for i in range(len(lines))]
            injected = {number for number, (_, template) in zip(numbers, lines) if template}
            legit = {number for number, (_, template) in zip(numbers, lines) if not template}
            corpus[(site, n)] = (text, injected, legit)
    return corpus


def write_folders(root: Path) -> dict[str, tuple[set[int], set[int]]]:
    """One folder per site (the folder is the source); returns path -> (injected, legitimate) line numbers."""
    truth = {}
    for (site, n), (text, injected, legit) in generate().items():
        (root / site).mkdir(exist_ok=True)
        (root / site / f"story-{n:02}.txt").write_text(text, encoding="utf-8")
        truth[f"{site}/story-{n:02}.txt"] = (injected, legit)
    return truth


def write_records(path: Path) -> None:
    """The same corpus as JSONL records whose id is the article's URL (the host is the source)."""
    with path.open("w", encoding="utf-8") as out:
        for (site, n), (text, _injected, _legit) in generate().items():
            out.write(json.dumps({"url": f"https://www.{site}.example/news/{n}", "text": text}) + "\n")


def flagged_lines(jsonl: str) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for line in jsonl.splitlines():
        row = json.loads(line)
        if row["code"] == "NL336":
            assert row["end_line"] == row["line"] and row["fix"]["applicability"] == "unsafe"
            found.setdefault(row["path"] if row["record"] is None else row["record"], set()).add(row["line"])
    return found


def assert_templates_found(found: dict[str, set[int]], truth: dict[str, tuple[set[int], set[int]]]) -> None:
    injected = sum(len(i) for i, _ in truth.values())
    hits = sum(len(found.get(name, set()) & i) for name, (i, _) in truth.items())
    false = {name: found.get(name, set()) & legit for name, (_, legit) in truth.items() if found.get(name, set()) & legit}
    assert hits >= 0.95 * injected, (hits, injected)
    assert not false, false
    assert sum(len(lines) for lines in found.values()) == hits  # nothing flagged but templates


# The counter


def test_fingerprints_fold_case_digits_punctuation_and_spacing() -> None:
    assert normalise("© 2024 Alpha Media. All rights reserved.") == normalise("(c)  2019 ALPHA MEDIA - all rights reserved") .replace("c ", "", 1)
    assert normalise("Home | World | Sport") == normalise("HOME  /  world /sport") == "home world sport"
    assert normalise("12 comments") == normalise("3 Comments")
    assert normalise("* * *") is None and normalise("x" * (MAX_CHARS + 1)) is None
    assert normalise("Home | World") != normalise("Home | Weather")


def test_sources_from_pattern_url_file_and_folder() -> None:
    assert source_of("data.jsonl", "https://www.alpha.example/news/1", None) == "www.alpha.example"
    assert source_of("data.jsonl", 7, None) == "data.jsonl"
    assert source_of("corpus/alpha/story-01.txt", None, None) == "corpus/alpha"
    assert source_of("corpus/site-b-01.txt", None, r"(site-\w)") == "site-b"


def test_sketch_counts_documents_and_merges_by_addition_in_any_order() -> None:
    documents = [(site, text) for (site, _n), (text, _i, _l) in generate().items()]
    serial = TemplateCounts()
    for site, text in documents:
        serial.add(document_keys(site, text))
    parts = [documents[0::3], documents[1::3], documents[2::3]]
    merged = TemplateCounts()
    for part in reversed(parts):  # any split, any order: the same table
        keys = [key for site, text in part for key in document_keys(site, text)]
        merged.add(keys)
    assert merged.sketch.table == serial.sketch.table and merged.sketch.added == serial.sketch.added
    nav = normalise(site_templates("alpha")["nav"][0])
    truth = sum(1 for (site, _n), (text, _i, _l) in generate().items() if site == "alpha" and "Home | Alpha" in text)
    assert serial.documents("alpha", nav) == truth  # a small corpus is counted exactly
    assert serial.documents("alpha") == ARTICLES
    # A paragraph written three times in one article is one document.
    repeated = generate()[("alpha", 5)][0].split("\n\n")[1]
    assert serial.documents("alpha", normalise(repeated)) == 1


def test_sketch_memory_is_fixed_and_its_error_bound_grows_with_what_was_added() -> None:
    sketch = CountMinSketch()
    size = len(sketch.table) * sketch.table.itemsize
    assert size == DEPTH * WIDTH * 4 == 16 * 2**20
    rng = random.Random(3)
    keys = [rng.getrandbits(64) for _ in range(200_000)]
    sketch.add(keys)
    assert len(sketch.table) * sketch.table.itemsize == size
    assert all(sketch.estimate(k) >= 1 for k in keys[:1000])
    assert sum(sketch.estimate(k) > 1 for k in keys[:1000]) < 10  # collisions in all eight rows are rare
    assert sketch.overcount() == 3  # an estimate 3 or more above the truth: chance below 1e-6
    sketch.added = 10_000  # the clean corpus's size (2,127 articles): estimates are trusted as they are
    assert sketch.overcount() == 1
    sketch.added = 10_000_000 * 31  # ten million documents, 30 candidate lines and one source count each
    assert 3_000 < sketch.overcount() < 3_500  # Markov bound: a line needs ~3,300 documents more than the threshold


# The rule in runs


def test_folders_of_sites_serially_and_with_two_workers(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    truth = write_folders(tmp_path)
    code, serial, err = run(capsys, "check", ".", "--isolated", "--format", "jsonl", "--jobs", "1")
    assert code == 1, err
    assert_templates_found(flagged_lines(serial), truth)
    monkeypatch.setattr(parallel, "SERIAL_BYTES", 1)
    _code, pooled, _err = run(capsys, "check", ".", "--isolated", "--format", "jsonl", "--jobs", "2")
    assert pooled == serial


def test_jsonl_records_by_url_host_serially_and_with_two_workers(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_records(tmp_path / "pages.jsonl")
    truth = {f"https://www.{site}.example/news/{n}": (injected, legit) for (site, n), (_t, injected, legit) in generate().items()}
    _code, serial, _err = run(capsys, "check", "pages.jsonl", "--isolated", "--id-field", "url", "--format", "jsonl", "--jobs", "1")
    assert_templates_found(flagged_lines(serial), truth)
    monkeypatch.setattr(parallel, "SERIAL_BYTES", 1)
    monkeypatch.setattr("linter.processing.BATCH_CHARS", 3_000)
    monkeypatch.setattr("linter.parallel.counting.BATCH_CHARS", 3_000)
    _code, pooled, _err = run(capsys, "check", "pages.jsonl", "--isolated", "--id-field", "url", "--format", "jsonl", "--jobs", "2")
    assert pooled == serial


def test_source_pattern_names_the_sites_of_one_folder(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "all").mkdir()
    truth = {}
    for (site, n), (text, injected, legit) in generate().items():
        (tmp_path / "all" / f"{site}-{n:02}.txt").write_text(text, encoding="utf-8")
        truth[f"all/{site}-{n:02}.txt"] = (injected, legit)
    _code, out, _err = run(capsys, "check", "all", "--isolated", "--format", "jsonl", "--source-pattern", r"/([a-z]+)-\d+\.txt$")
    assert_templates_found(flagged_lines(out), truth)
    # One folder as one source: each site's templates are under a quarter of the documents.
    _code, out, _err = run(capsys, "check", "all", "--isolated", "--format", "jsonl", "--select", "NL336")
    assert out == ""


def test_unsafe_fix_removes_the_template_lines_only(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_folders(tmp_path)
    before = (tmp_path / "alpha" / "story-03.txt").read_text(encoding="utf-8")
    run(capsys, "check", ".", "--isolated", "--select", "NL336", "--fix", "--unsafe-fixes")
    after = (tmp_path / "alpha" / "story-03.txt").read_text(encoding="utf-8")
    templates = [line for lines in site_templates("alpha").values() for line in lines]
    assert not any(t in after for t in templates)
    assert [line for line in before.splitlines() if line and line not in templates] == [line for line in after.splitlines() if line]


def test_without_a_corpus_the_rule_finds_nothing(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_folders(tmp_path)
    named = [f"alpha/story-{n:02}.txt" for n in range(ARTICLES)]  # files named one by one, as pre-commit does
    _code, out, _err = run(capsys, "check", *named, "--isolated", "--select", "NL336", "--format", "jsonl")
    assert out == ""
    text = (tmp_path / "alpha" / "story-00.txt").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", type("Stdin", (), {"buffer": __import__("io").BytesIO(text.encode())})())
    _code, out, _err = run(capsys, "check", "-", "--isolated", "--select", "NL336", "--format", "jsonl")
    assert out == ""
    ruleset = load_ruleset()
    assert not [d for d in lint(text, ruleset) if d.code == "NL336"]
    assert not [d for d in lint(text, ruleset, source="alpha") if d.code == "NL336"]  # a source, but no counts
    counted = with_counts(ruleset, TemplateCounts())  # counts without this source's documents: still nothing
    assert not [d for d in lint(text, counted, source="alpha") if d.code == "NL336"]


def test_lint_takes_the_counts_and_the_source_explicitly() -> None:
    """No hidden channel: the ruleset given the counts and ``lint(source=)`` are all it takes, and both are needed."""
    texts = {n: text for (site, n), (text, _i, _l) in generate().items() if site == "alpha"}
    counted = with_counts(load_ruleset(), corpus_counts(texts.values(), "alpha"))
    nav = site_templates("alpha")["nav"][0]
    text = next(text for text in texts.values() if nav in text)
    found = [text[d.span.start : d.span.end] for d in lint(text, counted, source="alpha") if d.code == "NL336"]
    assert nav in found and all(line in {t for lines in site_templates("alpha").values() for t in lines} for line in found)
    assert not [d for d in lint(text, counted) if d.code == "NL336"]  # no source: the text is alone
    assert not [d for d in lint(text, counted, source="bravo") if d.code == "NL336"]  # another source's counts
