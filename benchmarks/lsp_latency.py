"""How fast ``newslint server`` answers a change, and how much memory it keeps.

Usage::

    python benchmarks/lsp_latency.py [--kilobytes 20] [--changes 20] [--long-run 1000]

Starts the server as an editor does (a subprocess speaking LSP on stdio, driven by pygls's
client), opens a generated news article of about ``--kilobytes`` KB (our own words, with
scraping artifacts, from ``synthetic.py``), then sends ``--changes`` incremental changes one at
a time and prints the median, 90th percentile and slowest time from sending a change to
receiving its diagnostics (the 0.05 s debounce included). Then it sends ``--long-run`` more
changes, each adding a sentence with a new made-up name (so word caches see new words) or
removing the last one added, waits for each one's diagnostics, and prints the server's resident
memory (VmRSS) and its peak (VmHWM) from /proc (Linux only). This prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import text_of_size  # noqa: E402

_SYLLABLES = ["ka", "lo", "mer", "vi", "dan", "su", "ro", "te", "bal", "ni", "gor", "tup"]


def _memory(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields


class Session:
    """One document open in the server; ``change`` waits for the diagnostics of the new version."""

    def __init__(self, client: LanguageClient, uri: str, text: str) -> None:
        self.client, self.uri, self.text, self.version = client, uri, text, 1
        self.waiting: dict[int, asyncio.Future[float]] = {}

    def published(self, params: types.PublishDiagnosticsParams) -> None:
        future = self.waiting.pop(params.version, None) if params.version is not None else None
        if future is not None and not future.done():
            future.set_result(time.perf_counter())

    def _position(self, offset: int) -> types.Position:
        line = self.text.count("\n", 0, offset)
        return types.Position(line, len(self.text[self.text.rfind("\n", 0, offset) + 1 : offset].encode("utf-16-le")) // 2)

    async def change(self, start: int, end: int, new: str) -> float:
        """Replace ``text[start:end]``; the seconds until this version's diagnostics arrive."""
        self.version += 1
        span = types.Range(self._position(start), self._position(end))
        future = asyncio.get_running_loop().create_future()
        self.waiting[self.version] = future
        sent = time.perf_counter()
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=self.version, uri=self.uri),
                [types.TextDocumentContentChangePartial(range=span, text=new)],
            )
        )
        self.text = self.text[:start] + new + self.text[end:]
        return await asyncio.wait_for(future, 60) - sent


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kilobytes", type=float, default=20)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--long-run", type=int, default=1000)
    args = parser.parse_args()
    text = text_of_size(args.kilobytes / 1000, seed=7)
    rng = random.Random(7)

    client = LanguageClient("newslint-benchmark", "1")
    session: Session | None = None

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: types.PublishDiagnosticsParams) -> None:
        if session is not None:
            session.published(params)

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    await client.start_io(sys.executable, "-m", "linter", "server", env=env)
    pid = client._server.pid  # type: ignore[union-attr]
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text, encoding="utf-8")
        session = Session(client, from_fs_path(str(path)), text)
        opened = asyncio.get_running_loop().create_future()
        session.waiting[1] = opened
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(session.uri, "plaintext", 1, text)))
        await asyncio.wait_for(opened, 60)
        print(f"document: {len(text.encode('utf-8')) / 1000:.1f} KB, {text.count(chr(10)) + 1} lines; server pid {pid}")

        latencies = []
        for _ in range(args.changes):
            at = rng.randrange(len(session.text))
            latencies.append(await session.change(at, at, " the"))
        latencies.sort()
        print(
            f"{args.changes} changes, change to diagnostics: median {statistics.median(latencies) * 1000:.0f} ms, "
            f"90th percentile {latencies[int(len(latencies) * 0.9) - 1] * 1000:.0f} ms, slowest {latencies[-1] * 1000:.0f} ms"
        )
        print(f"memory after them: {_memory(pid)['VmRSS']:.0f} MB resident")

        added: list[tuple[int, int]] = []
        started = time.perf_counter()
        for number in range(args.long_run):
            if added and number % 3 == 2:
                start, end = added.pop()
                await session.change(start, end, "")
                continue
            name = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()
            sentence = f" Mr {name} met officials in kyiv. ."
            at = session.text.find("\n", rng.randrange(len(session.text)))
            at = len(session.text) - 1 if at < 0 else at
            added = [(s + len(sentence), e + len(sentence)) if s >= at else (s, e) for s, e in added]
            added.append((at, at + len(sentence)))
            await session.change(at, at, sentence)
        memory = _memory(pid)
        print(
            f"after {args.long_run} more changes ({time.perf_counter() - started:.0f} s, document now "
            f"{len(session.text.encode('utf-8')) / 1000:.1f} KB): {memory['VmRSS']:.0f} MB resident, peak {memory['VmHWM']:.0f} MB"
        )
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


if __name__ == "__main__":
    asyncio.run(main())
