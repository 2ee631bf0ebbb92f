"""A UTF-8 BOM opening a records file is accepted and kept by ``--fix``; no message carries
Python's own "(decode using utf-8-sig)" hint (a BOM elsewhere is named in our words)."""

from __future__ import annotations

import json
from pathlib import Path

from linter.corpus_summary import read_findings
from linter.sources.records import Record, parse_records
from linter.suppress import Baseline

from .conftest import run

BOM = b"\xef\xbb\xbf"
LINES = b'{"id": "a", "text": "Then,, left."}\r\n{"id": "b", "text": "Fine."}\n'


def test_a_bom_opening_the_file_is_no_part_of_the_first_record() -> None:
    records = [record for *_line, record in parse_records(BOM + LINES, "d.jsonl", "text", None)]
    assert [(r.record_id, r.text) for r in records if isinstance(r, Record)] == [("a", "Then,, left."), ("b", "Fine.")]
    assert records[0].with_text("Then, left.").encode() == BOM + b'{"id": "a", "text": "Then, left."}'


def test_fix_keeps_the_bom_and_every_other_byte(tmp_path, capsys) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(BOM + LINES)
    code, _out, err = run(capsys, "check", "--isolated", "--select", "NL105", "--fix", str(path))
    assert (code, err) == (0, "")
    assert path.read_bytes() == BOM + LINES.replace(b"Then,, left.", b"Then, left.")


def test_a_bom_inside_the_file_is_an_error_in_our_words(tmp_path, capsys) -> None:
    path = tmp_path / "mid.jsonl"
    path.write_bytes(b'{"text": "Ok."}\n' + BOM + b'{"text": "Fine."}\n')
    code, _out, err = run(capsys, "check", "--isolated", str(path))
    assert code == 2
    assert f"{path}:2: malformed JSON line: a byte order mark (BOM) opens it" in err
    assert "utf-8-sig" not in err


def test_baselines_and_findings_files_may_start_with_a_bom(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_bytes(BOM + json.dumps({"version": 1, "findings": []}).encode())
    assert Baseline.load(baseline).keys == frozenset()
    findings = tmp_path / "findings.jsonl"
    row = {"path": "a.txt", "record": None, "code": "NL105", "name": "repeated-punctuation", "kind": "k", "severity": "warning"}
    findings.write_bytes(BOM + json.dumps(row).encode() + b"\n")
    assert read_findings(findings) == [row]
