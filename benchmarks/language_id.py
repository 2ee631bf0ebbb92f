"""How well newslint tells a foreign paragraph inside an English article (NL325), per language.

Usage::

    python benchmarks/language_id.py

The texts are newslint's own (``tests/data/language``): five paragraphs in each of ten languages,
each put in the middle of an English article, and 257 short English paragraphs (5 to 15 words,
with foreign names and places, and headlines), each put in the same article, which must not be
called foreign. Prints the share found per language, the English paragraphs called foreign, and
the time per paragraph. ``tests/test_language.py`` asserts the same figures.
"""

from __future__ import annotations

import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.segments import Document  # noqa: E402

DATA = ROOT / "tests" / "data" / "language"


def load() -> tuple[dict[str, list[str]], list[str], list[str]]:
    """Foreign paragraphs by language, the short English paragraphs, and the English article around them."""
    foreign = tomllib.loads((DATA / "foreign.toml").read_text(encoding="utf-8"))
    english = tomllib.loads((DATA / "english.toml").read_text(encoding="utf-8"))
    short = [*english["short"], *(f"{s} {p}" for s in english["subjects"] for p in english["predicates"])]
    return foreign, short, english["article"]


def flagged(paragraph: str, article: list[str]) -> bool:
    """Whether ``paragraph``, put in the middle of ``article``, is found as foreign."""
    text = "\n\n".join([article[0], paragraph, *article[1:]])
    doc = Document(text)
    return any(text[span.start : span.end] == paragraph for span, _ in doc.foreign_paragraphs)


def main() -> None:
    foreign, short, article = load()
    flagged("Warm-up paragraph in English for the model to load.", article)
    started = time.perf_counter()
    print("| language | found |\n| --- | --- |")
    found_all = total = 0
    for language, paragraphs in foreign.items():
        found = sum(flagged(p, article) for p in paragraphs)
        found_all, total = found_all + found, total + len(paragraphs)
        print(f"| {language} | {found}/{len(paragraphs)} |")
    print(f"| all | {found_all}/{total} ({found_all / total:.1%}) |")
    wrong = [p for p in short if flagged(p, article)]
    print(f"\nEnglish paragraphs called foreign: {len(wrong)}/{len(short)} ({len(wrong) / len(short):.1%})")
    for paragraph in wrong:
        print("  ", paragraph)
    documents = total + len(short)
    print(f"{(time.perf_counter() - started) / documents * 1e3:.2f} ms per article of {len(article) + 1} paragraphs")


if __name__ == "__main__":
    main()
