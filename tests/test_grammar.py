"""The LanguageTool backend against a loopback server that speaks LanguageTool's HTTP API.

The server answers ``/v2/languages`` and ``/v2/check`` in LanguageTool's documented
JSON format and, like the real one, counts offsets and lengths in UTF-16 code units,
so text with emoji before (and inside) a match checks the conversion. An
integration test runs the grammar rules' examples against a real server when
NEWSLINT_LANGUAGETOOL_URL is set, and is skipped otherwise.
"""

from __future__ import annotations

import json
import os
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from linter import load_ruleset
from linter.checks.languagetool import with_backend
from linter.cli import main
from linter.rule_examples import check_example
from linter.grammar import GrammarBackend, utf16_to_code_points

# (phrase, rule id, category, issue type, replacements)
CANNED = [
    ("go", "HE_VERB_AGR", "GRAMMAR", "grammar", ["goes"]),
    ("teh", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ["the", "ten", "tech"]),
    ("😀😀", "EMOJI_REPEAT", "STYLE", "style", ["😀"]),
]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeLanguageTool(BaseHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def reply(self, payload: object) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.startswith("/v2/languages"):
            self.reply([{"name": "English (US)", "code": "en", "longCode": "en-US"}])
        else:
            self.send_error(404)

    def do_POST(self) -> None:
        if not self.path.startswith("/v2/check"):
            self.send_error(404)
            return
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        text = form["text"][0]
        FakeLanguageTool.requests.append(text)
        matches = []
        for phrase, rule_id, category, issue, replacements in CANNED:
            found = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
            if found is None:
                continue
            start = found.start()
            matches.append(
                {
                    "message": f"Possible problem with '{phrase}'.",
                    "shortMessage": "",
                    "replacements": [{"value": r} for r in replacements],
                    "offset": utf16_len(text[:start]),
                    "length": utf16_len(phrase),
                    "context": {"text": text, "offset": utf16_len(text[:start]), "length": utf16_len(phrase)},
                    "sentence": text,
                    "type": {"typeName": "Other"},
                    "rule": {"id": rule_id, "description": "canned", "issueType": issue, "category": {"id": category, "name": category}},
                    "ignoreForIncompleteSentence": False,
                    "contextForSureMatch": 0,
                }
            )
        self.reply({"software": {"name": "LanguageTool", "version": "6.4"}, "language": {"code": "en-US"}, "matches": matches})


@pytest.fixture(scope="module")
def server() -> str:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLanguageTool)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    FakeLanguageTool.requests.clear()


def findings(capsys, *argv: str) -> tuple[int, list[dict]]:
    code = main(["check", "--isolated", "--format", "json", *argv])
    return code, json.loads(capsys.readouterr().out)


def test_utf16_conversion() -> None:
    assert (utf16_to_code_points("😀ab", 1, 2).start, utf16_to_code_points("😀ab", 1, 2).end) == (1, 3)
    assert (utf16_to_code_points("a😀😀b", 1, 4).start, utf16_to_code_points("a😀😀b", 1, 4).end) == (1, 3)
    assert utf16_to_code_points("a𝔘b", 1, 2).end == 2


def test_offsets_after_and_inside_emoji(server, tmp_path, capsys) -> None:
    text = "Well 😀 he go home 😀😀 fast.\n\nThen teh end came.\n"
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    code, result = findings(capsys, "--grammar-server", server, "story.txt")
    assert code == 1
    by_source = {f["source"]: f for f in result if f["source"]}
    go = by_source["languagetool:HE_VERB_AGR"]
    assert text[go["start"] : go["end"]] == "go" and go["code"] == "NL801" and go["column"] == 11
    assert "HE_VERB_AGR" in go["message"]
    assert go["fix"]["applicability"] == "unsafe" and go["fix"]["edits"][0]["replacement"] == "goes"
    emoji = by_source["languagetool:EMOJI_REPEAT"]
    assert text[emoji["start"] : emoji["end"]] == "😀😀" and emoji["code"] == "NL803"
    typo = by_source["languagetool:MORFOLOGIK_RULE_EN_US"]
    assert text[typo["start"] : typo["end"]] == "teh" and typo["code"] == "NL802"
    assert typo["fix"]["applicability"] == "display-only"


def test_results_are_cached_by_sentence(server, tmp_path, capsys) -> None:
    (tmp_path / "story.txt").write_text("Well 😀 he go home.\n", encoding="utf-8")
    findings(capsys, "--grammar-server", server, "story.txt")
    asked = len(FakeLanguageTool.requests)
    findings(capsys, "--grammar-server", server, "story.txt")
    assert asked == 1 and len(FakeLanguageTool.requests) == asked


def test_unsafe_grammar_fix(server, tmp_path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Then he go home.\n", encoding="utf-8")
    main(["check", "--isolated", "--grammar-server", server, "--fix", "--unsafe-fixes", "story.txt"])
    capsys.readouterr()
    assert story.read_text(encoding="utf-8") == "Then he goes home.\n"


def test_ignored_grammar_rules_do_not_ask_the_server(server, tmp_path, capsys) -> None:
    (tmp_path / "story.txt").write_text("Then he go home.\n", encoding="utf-8")
    findings(capsys, "--grammar-server", server, "--ignore", "NL8", "story.txt")
    assert FakeLanguageTool.requests == []


def test_grammar_is_off_by_default(server, tmp_path, capsys) -> None:
    (tmp_path / "story.txt").write_text("Then he go home.\n", encoding="utf-8")
    _, result = findings(capsys, "story.txt")
    assert result == [] and FakeLanguageTool.requests == []


def test_unreachable_server_is_one_line_exit_two(tmp_path, capsys) -> None:
    (tmp_path / "story.txt").write_text("Then he go home.\n", encoding="utf-8")
    code = main(["check", "--isolated", "--grammar-server", "http://127.0.0.1:9", "story.txt"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "cannot reach LanguageTool" in err and "--grammar-server" in err and "Traceback" not in err


@pytest.mark.skipif(not os.environ.get("NEWSLINT_LANGUAGETOOL_URL"), reason="set NEWSLINT_LANGUAGETOOL_URL to run against a real LanguageTool server")
def test_grammar_rule_examples_against_a_real_server(tmp_path) -> None:
    ruleset = with_backend(load_ruleset(), GrammarBackend.connect(os.environ["NEWSLINT_LANGUAGETOOL_URL"], cache_dir=tmp_path))
    for rule in ruleset:
        if rule.check_type != "languagetool":
            continue
        for example in (*rule.bad, *rule.good):
            problem = check_example(rule, example, ruleset)
            assert problem is None, f"{rule.code}: {problem}"
