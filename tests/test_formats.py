"""CI formats: GitHub annotations, SARIF 2.1.0 (validated against the official schema), JUnit, GitLab."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from linter.cli import main

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
DIRTY = "They met in kyiv. .\n\nThen,, they left 😀 the capital.\n\nMr Putin met Mr. Xi and Mr. Biden.\n"


@pytest.fixture
def story(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "story.txt"
    path.write_text(DIRTY, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(["check", "--isolated", *argv])
    return code, capsys.readouterr().out


def test_sarif_validates_and_carries_the_catalogue(story, capsys) -> None:
    code, out = run(capsys, "--format", "sarif", "story.txt")
    assert code == 1
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert {"NL101", "NL201", "NL901"} <= {r["id"] for r in rules}
    assert all(r["help"]["text"] and r["fullDescription"]["text"] for r in rules)
    results = {r["ruleId"]: r for r in run_["results"]}
    kyiv = results["NL201"]
    assert rules[kyiv["ruleIndex"]]["id"] == "NL201"
    location = kyiv["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "story.txt"
    assert location["region"] == {"startLine": 1, "startColumn": 13, "endLine": 1, "endColumn": 17, "charOffset": 12, "charLength": 4}
    replacement = kyiv["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement == {"deletedRegion": {"charOffset": 12, "charLength": 4}, "insertedContent": {"text": "Kyiv"}}
    assert run_["columnKind"] == "unicodeCodePoints"


def test_sarif_with_no_findings_validates(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.txt").write_text("All is well.\n")
    code, out = run(capsys, "--format", "sarif", "clean.txt")
    assert code == 0
    jsonschema.Draft4Validator(SCHEMA).validate(json.loads(out))


def test_github_annotations(story, capsys) -> None:
    _, out = run(capsys, "--format", "github", "story.txt")
    lines = out.splitlines()
    assert "::error file=story.txt,line=1,col=18,endColumn=20,title=NL101 double-period::A stray ' .' follows the end of the sentence." in lines
    assert any(line.startswith("::warning file=story.txt,line=1,col=13,endColumn=17,title=NL201") for line in lines)
    assert lines[-1].startswith("newslint: 4 findings:")


def test_github_summary_notice_beyond_ten(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "many.txt").write_text("\n\n".join(f"Story {n} ended. ." for n in range(12)) + "\n")
    _, out = run(capsys, "--format", "github", "many.txt")
    lines = out.splitlines()
    assert sum(1 for line in lines if line.startswith("::error ")) == 12
    assert lines[-2] == "newslint: 13 findings: 12 errors, 1 info"
    assert lines[-1].startswith("::notice title=newslint::13 findings") and "first 10" in lines[-1]


def test_github_escapes(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a,b.txt").write_text("Met in kyiv.\n")
    _, out = run(capsys, "--format", "github", "a,b.txt")
    assert "file=a%2Cb.txt" in out


def test_junit(story, capsys) -> None:
    _, out = run(capsys, "--format", "junit", "story.txt")
    root = ET.fromstring(out.split("\n", 1)[1])
    assert root.tag == "testsuites" and root.get("failures") == "4"
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "story.txt" and suite.get("failures") == "4"
    assert {case.find("failure").get("type") for case in suite} == {"error", "warning"}


def test_gitlab_code_quality(story, capsys) -> None:
    _, out = run(capsys, "--format", "gitlab", "story.txt")
    issues = json.loads(out)
    assert {i["check_name"] for i in issues} == {"NL101", "NL105", "NL201", "NL901"}
    assert all(i["location"]["path"] == "story.txt" and i["location"]["lines"]["begin"] >= 1 for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} <= {"major", "minor", "info"}


def _records(tmp_path: Path) -> Path:
    """Three records; the second has its finding on the third line of its text."""
    rows = [
        {"id": "a", "text": "All is well."},
        {"id": "b", "text": "First line.\n\nThey met in kyiv. ."},
        {"id": "c", "text": "All is well again."},
    ]
    path = tmp_path / "data.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_ci_formats_point_at_the_record_line_of_a_jsonl_file(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    path = _records(tmp_path)
    line_count = len(path.read_text(encoding="utf-8").splitlines())
    _, out = run(capsys, "--format", "github", "--id-field", "id", "data.jsonl")
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations
    for annotation in annotations:
        props = dict(p.split("=", 1) for p in annotation.split(" ", 1)[1].split("::", 1)[0].split(","))
        assert 1 <= int(props["line"]) <= line_count and props["line"] == "2"
        assert "col" not in props  # the text is escaped inside the line: no column to point at
        assert "record b, line 3:" in annotation.split("::", 2)[2]
    _, out = run(capsys, "--format", "gitlab", "--id-field", "id", "data.jsonl")
    assert {(i["location"]["lines"]["begin"], i["location"]["lines"]["end"]) for i in json.loads(out)} == {(2, 2)}
    assert all("record b, line 3:" in i["description"] for i in json.loads(out))
    _, out = run(capsys, "--format", "junit", "--id-field", "id", "data.jsonl")
    cases = ET.fromstring(out.split("\n", 1)[1]).iter("testcase")
    assert {case.get("line") for case in cases if case.get("classname") != "newslint"} == {"2"}
    _, out = run(capsys, "--format", "sarif", "--id-field", "id", "data.jsonl")
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    for result in log["runs"][0]["results"]:
        assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "endLine": 2}
        assert result["message"]["text"].startswith("record b, line 3:")


def test_junit_failures_follow_fail_on(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    # NL102 (info) and NL201 (warning)
    (tmp_path / "story.txt").write_text("They met in kyiv , then left.\n", encoding="utf-8")

    def cases(*flags: str) -> tuple[str | None, dict[str, bool]]:
        _, out = run(capsys, "--format", "junit", *flags, "story.txt")
        root = ET.fromstring(out.split("\n", 1)[1])
        return root.get("failures"), {c.get("name").split()[0]: c.find("failure") is not None for c in root.iter("testcase")}

    assert cases() == ("1", {"NL102": False, "NL201": True})
    assert cases("--fail-on", "info") == ("2", {"NL102": True, "NL201": True})
    assert cases("--fail-on", "error") == ("0", {"NL102": False, "NL201": False})
    assert cases("--fail-on", "never")[0] == "0"


def test_concise_is_coloured_on_request_and_plain_when_piped(story, capsys) -> None:
    import re

    _, plain = run(capsys, "--format", "concise", "--color", "never", "story.txt")
    _, coloured = run(capsys, "--format", "concise", "--color", "always", "story.txt")
    assert "\x1b[" not in plain and "\x1b[1mstory.txt:1:18:\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain  # colour adds codes, never text
    assert "story.txt:1:18: NL101 [*] A stray ' .' follows the end of the sentence." in plain.splitlines()


def test_input_errors_reach_the_ci_formats(tmp_path, monkeypatch, capsys) -> None:
    """A bad records line or an unreadable file is an annotation / a SARIF error notification, not only stderr."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.jsonl").write_text('{"text": "Fine."}\n{"text": oops}\n', encoding="utf-8")
    code, out = run(capsys, "--format", "github", "data.jsonl", "missing.txt")
    assert code == 2
    assert "::error file=data.jsonl,line=2,title=newslint input error::data.jsonl:2: malformed JSON line: " in out
    assert "::error file=missing.txt,title=newslint input error::missing.txt: no such file or folder\n" in out
    code, out = run(capsys, "--format", "sarif", "data.jsonl", "missing.txt")
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "error"]
    assert notes[0]["message"]["text"].startswith("data.jsonl:2: malformed JSON line: ")
    assert notes[0]["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "data.jsonl", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 2}}
    assert notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.txt"
    (tmp_path / "clean.txt").write_text("All is well.\n")
    _code, out = run(capsys, "--format", "sarif", "clean.txt")
    assert json.loads(out)["runs"][0]["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
