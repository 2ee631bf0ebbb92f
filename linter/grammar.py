"""The LanguageTool grammar backend, at the edge: it talks to a server, so it is not in the pure core.

language-tool-python does the talking, to a server given by URL or to a local
LanguageTool it manages where Java and a LanguageTool download are available.
Its matches become the findings of the ``languagetool`` rules (:mod:`linter.checks.languagetool`),
given this backend by :func:`~linter.checks.languagetool.with_backend`. LanguageTool counts offsets in UTF-16 code units;
language-tool-python already turns a match's start into code points but not its
length, so the span is converted here, once, from the UTF-16 length. Results are
cached on disk by sentence hash, so a pre-commit run does not ask again for
sentences it has seen.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cache import cache_dir
from .checks.languagetool import GrammarMatch
from .model import Span
from .registry import BackendUnavailable
from .sources.atomic import write_atomic

START_A_SERVER = (
    "start one with `java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081` "
    "(or `docker run -p 8081:8010 erikvl87/languagetool`) and pass --grammar-server http://localhost:8081"
)
CACHE_VERSION = 1


class GrammarUnavailable(BackendUnavailable):
    """No LanguageTool to talk to; the message is one line saying how to start one."""


def utf16_to_code_points(text: str, start: int, utf16_length: int) -> Span:
    """The code-point span of ``utf16_length`` UTF-16 units from code point ``start``.

    Characters outside the Basic Multilingual Plane (emoji) are two UTF-16 units
    and one code point.
    """
    end = start
    units = 0
    while units < utf16_length and end < len(text):
        units += 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return Span(start, end)


def default_cache_dir() -> Path:
    return cache_dir("languagetool")


Checker = Callable[[str], list[Any]]


class GrammarBackend:
    """Checks sentences with LanguageTool, through a disk cache."""

    def __init__(self, check: Checker, server: str, language: str = "en-US", cache_dir: Path | None = None) -> None:
        self._check = check
        self.server = server
        self.language = language
        self.cache_dir = cache_dir if cache_dir is not None else default_cache_dir()

    @classmethod
    def connect(cls, server: str | None, language: str = "en-US", cache_dir: Path | None = None) -> GrammarBackend:
        """Reach a server (``server`` URL) or start a local LanguageTool; fail with one clear line."""
        try:
            import language_tool_python
        except ImportError as error:  # pragma: no cover - a declared dependency
            raise GrammarUnavailable(f"language-tool-python is not installed ({error})") from None
        if server is None and shutil.which("java") is None:
            raise GrammarUnavailable(f"no LanguageTool server given and no Java to run one locally: {START_A_SERVER}")
        # Without a server the library downloads LanguageTool on first use and runs it: "reach" would not say what failed.
        failed = f"cannot reach LanguageTool at {server}" if server else "cannot start a local LanguageTool (downloaded on first use)"
        try:
            tool = language_tool_python.LanguageTool(language, remote_server=server) if server else language_tool_python.LanguageTool(language)
        except Exception as error:  # the library raises many kinds; all mean "not reachable"
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise GrammarUnavailable(f"{failed}: {reason}; {START_A_SERVER}") from None
        return cls(tool.check, server or "local", language, cache_dir)

    def _cache_path(self, sentence: str) -> Path:
        key = hashlib.sha256(f"{CACHE_VERSION}\0{self.language}\0{sentence}".encode()).hexdigest()
        return self.cache_dir / key[:2] / f"{key}.json"

    def matches(self, sentence: str) -> list[GrammarMatch]:
        """The matches of one sentence, from the cache or from the server."""
        path = self._cache_path(sentence)
        try:
            return [GrammarMatch(**{**m, "replacements": tuple(m["replacements"])}) for m in json.loads(path.read_text("utf-8"))]
        except (OSError, ValueError, TypeError, KeyError):
            pass
        try:
            raw = self._check(sentence)
        except Exception as error:
            raise GrammarUnavailable(f"LanguageTool at {self.server} failed ({str(error).splitlines()[0] if str(error) else type(error).__name__}): {START_A_SERVER}") from None
        found = []
        for match in raw:
            span = utf16_to_code_points(sentence, match.offset, match.error_length)
            found.append(
                GrammarMatch(
                    start=span.start,
                    end=span.end,
                    rule_id=str(match.rule_id),
                    category=str(match.category),
                    issue_type=str(match.rule_issue_type),
                    message=str(match.message),
                    replacements=tuple(str(r) for r in match.replacements[:5]),
                )
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps([m.__dict__ | {"replacements": list(m.replacements)} for m in found]).encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written only costs a query next time
        return found
