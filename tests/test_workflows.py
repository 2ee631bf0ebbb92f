"""Configuration files, user rule packs, baselines, JSONL records and Markdown inline control."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest


from .conftest import HOUSE_PACK, run

DIRTY = "They met in kyiv. .\n\nThen,, they left the capital.\n"


pytestmark = pytest.mark.usefixtures("in_tmp")


def findings(capsys, *argv: str) -> list[dict]:
    code, out, err = run(capsys, "check", "--format", "json", *argv)
    assert code in (0, 1), err
    return json.loads(out)


class TestConfiguration:
    def test_pyproject_table_is_found_walking_up(self, tmp_path, capsys) -> None:
        (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nignore = ["NL105"]\nfail-on = "error"\n')
        sub = tmp_path / "a" / "b"
        sub.mkdir(parents=True)
        (sub / "story.txt").write_text(DIRTY)
        import os

        os.chdir(sub)
        assert {f["code"] for f in findings(capsys, "story.txt")} == {"NL101", "NL201"}
        code, out, _ = run(capsys, "config")
        assert code == 0 and 'ignore = ["NL105"]' in out and 'fail-on = "error"' in out

    def test_a_broken_pyproject_that_configures_newslint_is_an_error_not_ignored(self, tmp_path, capsys) -> None:
        # A missing "]" must not silently drop the project's selection (every rule would run).
        (tmp_path / "pyproject.toml").write_text('[tool.newslint\nselect = ["NL1"]\n')
        (tmp_path / "story.txt").write_text(DIRTY)
        code, _, err = run(capsys, "check", "story.txt")
        assert code == 2 and "pyproject.toml" in err and "invalid TOML" in err

    def test_a_broken_pyproject_of_another_tool_is_not_newslint_s(self, tmp_path, capsys) -> None:
        (tmp_path / "pyproject.toml").write_text('[tool.black\nline-length = 99\n')
        (tmp_path / "story.txt").write_text(DIRTY)
        assert {f["code"] for f in findings(capsys, "story.txt")} == {"NL101", "NL105", "NL201"}

    def test_newslint_toml_beats_pyproject_and_flags_beat_files(self, tmp_path, capsys) -> None:
        (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nselect = ["NL1"]\n')
        (tmp_path / "newslint.toml").write_text('select = ["NL2"]\n')
        (tmp_path / "story.txt").write_text(DIRTY)
        assert {f["code"] for f in findings(capsys, "story.txt")} == {"NL201"}
        assert {f["code"] for f in findings(capsys, "--select", "NL101", "story.txt")} == {"NL101"}
        assert {f["code"] for f in findings(capsys, "--isolated", "story.txt")} == {"NL101", "NL105", "NL201"}

    def test_severity_per_file_ignores_and_vocabulary(self, tmp_path, capsys) -> None:
        (tmp_path / ".newslint.toml").write_text(
            'vocabulary = ["Okafor"]\n[severity]\nNL101 = "info"\n[per-file-ignores]\n"drafts/*" = ["NL201"]\n'
        )
        (tmp_path / "drafts").mkdir()
        (tmp_path / "drafts" / "a.txt").write_text("We met okafor in kyiv. .\n")
        (tmp_path / "b.txt").write_text("We met okafor in kyiv. .\n")
        result = findings(capsys, ".")
        by_file = {(Path(f["path"]).name, f["code"], f["severity"]) for f in result}
        assert ("b.txt", "NL201", "warning") in by_file and ("b.txt", "NL101", "info") in by_file
        assert not any(name == "a.txt" and code == "NL201" for name, code, _ in by_file)
        assert sum(1 for f in result if f["path"].endswith("b.txt") and f["code"] == "NL201") == 2

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("colour = 1\n", "unknown key 'colour'"),
            ('fail-on = "sometimes"\n', "'fail-on' must be one of"),
            ("select = \"NL1\"\n", "'select' must be a list of strings"),
            ('[severity]\nNL101 = "loud"\n', "'severity'"),
            ("select = [\n", "invalid TOML"),
            ('vocabulary = ["lowercase"]\n', "'vocabulary'"),
            ('ignore = ["NL999"]\n', "'ignore': unknown rule selector 'NL999'"),
            ('extend-select = ["NL99"]\n', "'extend-select': unknown rule selector 'NL99'"),
            ('[severity]\nNL999 = "info"\n', "'severity': unknown rule code 'NL999'"),
            ('[severity]\nNL1 = "info"\n', "'severity': unknown rule code 'NL1'"),
            ('[per-file-ignores]\n"*.txt" = ["NL999"]\n', "'per-file-ignores.*.txt': unknown rule selector 'NL999'"),
        ],
    )
    def test_bad_configuration_is_one_line_naming_file_and_key(self, tmp_path, capsys, text: str, message: str) -> None:
        (tmp_path / "newslint.toml").write_text(text)
        (tmp_path / "story.txt").write_text(DIRTY)
        code, _, err = run(capsys, "check", "story.txt")
        assert code == 2
        assert len(err.strip().splitlines()) == 1 and "newslint.toml" in err and message in err

    def test_user_rule_pack_from_config(self, tmp_path, capsys) -> None:
        (tmp_path / "house").mkdir()
        (tmp_path / "house" / "style.toml").write_text(HOUSE_PACK)
        (tmp_path / "newslint.toml").write_text('rules-dir = "house"\n')
        (tmp_path / "story.txt").write_text("We utilise it.\n")
        assert [f["code"] for f in findings(capsys, "story.txt")] == ["HS101"]




class TestRuleTest:
    def test_passing_and_failing_packs(self, tmp_path, capsys) -> None:
        (tmp_path / "good").mkdir()
        (tmp_path / "good" / "style.toml").write_text(HOUSE_PACK)
        code, out, _ = run(capsys, "rule", "--test", "good")
        assert code == 0 and "2 passed, 0 failed" in out
        (tmp_path / "bad").mkdir()
        (tmp_path / "bad" / "style.toml").write_text(HOUSE_PACK.replace('good = ["We use it."]', 'good = ["We utilise it here."]'))
        code, out, _ = run(capsys, "rule", "--test", "bad")
        assert code == 1 and "1 passed, 1 failed" in out and "FAIL" in out and "HS101" in out


class TestBaseline:
    def test_baseline_survives_edits_and_catches_new_findings(self, tmp_path, capsys) -> None:
        story = tmp_path / "story.txt"
        story.write_text(DIRTY)
        code, _, err = run(capsys, "check", "--write-baseline", "baseline.json", "story.txt")
        assert code == 0 and "3 findings" in err
        data = json.loads((tmp_path / "baseline.json").read_text())
        assert data["version"] == 1 and len(data["findings"]) == 3
        assert data["findings"] == sorted(data["findings"], key=lambda f: (f["path"], str(f["record"]), f["code"], f["text"], f["context"], str(f["occurrence"])))
        assert run(capsys, "check", "--baseline", "baseline.json", "story.txt")[0] == 0
        # An edit elsewhere moves every line: the baseline still holds.
        story.write_text("A new first paragraph was added by the editor.\n\n" + DIRTY)
        assert run(capsys, "check", "--baseline", "baseline.json", "story.txt")[0] == 0
        # A new ". ." anywhere is exactly one new finding.
        story.write_text("A new first paragraph. . was added by the editor.\n\n" + DIRTY)
        result = findings(capsys, "--baseline", "baseline.json", "story.txt")
        assert [(f["code"], f["line"]) for f in result] == [("NL101", 1)]

    def test_bad_baseline_is_an_error(self, tmp_path, capsys) -> None:
        (tmp_path / "baseline.json").write_text("[]")
        (tmp_path / "story.txt").write_text(DIRTY)
        code, _, err = run(capsys, "check", "--baseline", "baseline.json", "story.txt")
        assert code == 2 and "not a newslint baseline" in err


class TestRecords:
    LINES = [
        '{"id": "a1", "text": "They met in kyiv. .", "score": 1.50, "tags": ["x"]}',
        '{"text":"Clean text here.","id":"a2","n":1e3}',
        "{broken json",
        '{"id": "a4", "body": "no text field"}',
        '{"id": "a5", "text": "Caf\\u00e9 in moscow."}',
    ]

    def write(self, tmp_path, name="data.jsonl", lines: list[str] | None = None) -> Path:
        path = tmp_path / name
        data = ("\r\n".join(self.LINES if lines is None else lines) + "\r\n").encode()
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
        return path

    def test_records_findings_and_errors(self, tmp_path, capsys) -> None:
        path = self.write(tmp_path)
        code, out, err = run(capsys, "check", "--format", "json", "--id-field", "id", str(path))
        assert code == 2
        assert err.splitlines() == [
            f"newslint: error: {path}:3: malformed JSON line: expecting property name enclosed in double quotes at column 2",
            f"newslint: error: {path}:4: record has no 'text' field",
        ]
        result = json.loads(out)
        assert {(f["record"], f["code"]) for f in result} == {("a1", "NL101"), ("a1", "NL201"), ("a5", "NL201")}
        assert {f["line"] for f in result} == {1}

    def test_record_ids_default_to_the_id_field(self, tmp_path, capsys) -> None:
        path = self.write(tmp_path)
        _, out, _ = run(capsys, "check", "--format", "json", str(path))
        assert {f["record"] for f in json.loads(out)} == {"a1", "a5"}

    @pytest.mark.parametrize("name", ["data.jsonl", "data.jsonl.gz"])
    def test_fix_rewrites_only_the_text_field(self, tmp_path, capsys, name: str) -> None:
        path = self.write(tmp_path, name, [self.LINES[0], self.LINES[1], self.LINES[4]])
        run(capsys, "check", "--fix", str(path))
        raw = path.read_bytes()
        lines = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode().split("\r\n")
        assert lines[0] == '{"id": "a1", "text": "They met in Kyiv.", "score": 1.50, "tags": ["x"]}'
        assert lines[1] == self.LINES[1]
        assert lines[2] == '{"id": "a5", "text": "Caf\\u00e9 in Moscow."}'
        assert lines[3] == ""

    @pytest.mark.parametrize("name", ["data.jsonl", "data.jsonl.gz"])
    def test_a_file_with_a_broken_record_is_not_rewritten(self, tmp_path, capsys, name: str) -> None:
        path = self.write(tmp_path, name)
        before = path.read_bytes()
        code, out, err = run(capsys, "check", "--fix", "--format", "concise", str(path))
        assert code == 2 and path.read_bytes() == before
        assert err.splitlines()[-1] == f"newslint: error: {path}: not rewritten: 2 records failed (file left unchanged)"
        assert "Fixed" not in out

    def test_a_file_left_unchanged_reports_the_findings_it_still_holds(self, tmp_path, capsys) -> None:
        path = self.write(tmp_path, "data.jsonl")
        _code, checked, _err = run(capsys, "check", "--format", "concise", str(path))
        code, out, _err = run(capsys, "check", "--fix", "--format", "concise", str(path))
        assert code == 2 and out == checked and "kyiv" in out  # not the fixed texts' (empty) findings

    def test_the_summary_does_not_offer_fixes_that_fix_will_not_write(self, tmp_path, capsys) -> None:
        path = self.write(tmp_path, "data.jsonl")
        for mode in ([], ["--fix"]):
            _code, out, _err = run(capsys, "check", "--isolated", "--color", "never", *mode, str(path))
            assert "with `newslint check --fix`" not in out
            assert out.splitlines()[-1].endswith("not applied: `--fix` rewrites a file only when all of it reads and it can be written (mend the errors above).")

    def test_diff_shows_no_change_where_fix_would_write_none(self, tmp_path, capsys) -> None:
        path = self.write(tmp_path, "data.jsonl")
        code, out, err = run(capsys, "check", "--diff", str(path))
        assert code == 2 and "+++" not in out
        assert f"{path}: --fix would not rewrite it: 2 records failed" in err


class TestMarkdown:
    def test_front_matter_code_and_disabled_regions_are_skipped(self, tmp_path, capsys) -> None:
        (tmp_path / "story.md").write_text(
            "---\ntitle: in kyiv. .\n---\n\n"
            "```\ncode in kyiv. .\n```\n\n"
            "<!-- newslint-disable NL201 -->\nMet in kyiv. .\n<!-- newslint-enable -->\n\n"
            "<!-- newslint-disable -->\nAlso in kyiv. .\n<!-- newslint-enable -->\n\n"
            "Finally in kyiv.\n"
        )
        result = findings(capsys, "story.md")
        assert sorted((f["code"], f["line"]) for f in result) == [("NL101", 10), ("NL201", 17)]

    def test_the_same_text_as_txt_is_not_skipped(self, tmp_path, capsys) -> None:
        (tmp_path / "story.txt").write_text("```\ncode in kyiv.\n```\n")
        assert [f["code"] for f in findings(capsys, "story.txt")] == ["NL201"]
