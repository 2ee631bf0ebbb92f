"""Records are named by a conventional id field when ``--id-field`` is not given (JSONL and
Parquet alike); ``--id-field`` still wins, and a record without one keeps its line or row number."""

from __future__ import annotations

import json

import pytest

from linter.sources.fields import ID_FIELDS
from linter.sources.records import parse_records

from .conftest import run

RECORDS = [{"id": "a1", "text": "One."}, {"text": "Two."}, {"_id": 7, "text": "Three."}, {"id": True, "url": "u4", "text": "Four."}]


def _names(id_field: str | None) -> list[str | int]:
    data = "".join(json.dumps(r) + "\n" for r in RECORDS).encode()
    return [record.record_id for *_, record in parse_records(data, "d.jsonl", "text", id_field)]


def test_a_conventional_id_field_names_the_record() -> None:
    assert ID_FIELDS[:2] == ("id", "_id")
    assert _names(None) == ["a1", 2, 7, 4]


def test_the_id_field_flag_still_wins() -> None:
    assert _names("url") == [1, 2, 3, "u4"]


def test_parquet_rows_are_named_the_same_way(tmp_path, capsys) -> None:
    pa = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "d.parquet"
    parquet.write_table(pa.table({"id": ["r1", None], "url": ["u1", "u2"], "text": ["They met in kyiv.", "Then,, left."]}), path)
    _code, out, _err = run(capsys, "check", "--isolated", "--format", "json", str(path))
    assert sorted({f["record"] for f in json.loads(out)}, key=str) == [2, "r1"]
    _code, out, _err = run(capsys, "check", "--isolated", "--format", "json", "--id-field", "url", str(path))
    assert sorted({f["record"] for f in json.loads(out)}) == ["u1", "u2"]


def test_a_frame_linted_alone_names_its_rows_the_same_way() -> None:
    pandas = pytest.importorskip("pandas")
    from linter.parallel import lint_frame

    frame = pandas.DataFrame({"id": ["r1", None], "text": ["They met in kyiv.", "Then,, left."]})
    assert sorted(set(lint_frame(frame)["record"]), key=str) == [2, "r1"]


def test_config_says_how_a_record_is_named_without_an_id_field(capsys, in_tmp) -> None:
    _code, out, _err = run(capsys, "config")
    line = next(line for line in out.splitlines() if line.startswith("# id-field:"))
    assert line == f"# id-field: not set (a record is named by the first of {', '.join(ID_FIELDS)} it holds, else by its line or row number)"
