"""Corpus scale: the worker pool, Parquet data sets, the Dask engine and the corpus report.

Every parallel or distributed run is compared with the serial run of the same input:
same findings, same order.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from linter.parallel import Recipe
from linter.parallel import pool as parallel

from .conftest import run
from .test_templates import flagged_lines, write_folders, write_records

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

PLACES = ["Vienna", "kyiv", "Lisbon", "warsaw", "Accra"]


def article(number: int) -> str:
    """A short article of our own; every third one has a stray `. .`, some a lowercase capital."""
    place = PLACES[number % len(PLACES)]
    first = f"Delegates from {place} met on Monday to discuss the water tariff, number {number}."
    stray = " ." if number % 3 == 0 else ""
    return f"{first}{stray} They agreed to meet again in spring.\n\nThe council said the plan,, would cost {number} million.\n"


pytestmark = pytest.mark.usefixtures("in_tmp")


def write_jsonl(path: Path, count: int) -> None:
    path.write_text("".join(json.dumps({"id": f"a{n}", "n": n, "text": article(n)}) + "\n" for n in range(count)))


def write_parquet(path: Path, count: int, *, null_at: int | None = None) -> None:
    texts = [None if n == null_at else article(n) for n in range(count)]
    table = pa.table({"id": [f"a{n}" for n in range(count)], "n": list(range(count)), "body": texts})
    pq.write_table(table, path, row_group_size=7)


class TestPool:
    @pytest.fixture(autouse=True)
    def _small_thresholds(self, monkeypatch) -> None:
        monkeypatch.setattr(parallel, "SERIAL_BYTES", 1)
        monkeypatch.setattr("linter.processing.BATCH_CHARS", 500)

    def test_files_in_a_pool_give_the_serial_output(self, tmp_path, capsys) -> None:
        for n in range(30):
            (tmp_path / f"{n:02}.txt").write_text(article(n))
        serial = run(capsys, "check", ".", "--format", "jsonl", "--jobs", "1")
        pooled = run(capsys, "check", ".", "--format", "jsonl", "--jobs", "2")
        assert serial[0] == pooled[0] == 1
        assert pooled[1] == serial[1] and serial[1].count("\n") > 30

    def test_records_of_one_file_are_split_over_workers_in_order(self, tmp_path, capsys) -> None:
        write_jsonl(tmp_path / "data.jsonl", 40)
        serial = run(capsys, "check", "data.jsonl", "--id-field", "id", "--format", "jsonl", "--jobs", "1")
        pooled = run(capsys, "check", "data.jsonl", "--id-field", "id", "--format", "jsonl", "--jobs", "2")
        assert pooled[1] == serial[1]
        records = [json.loads(line)["record"] for line in pooled[1].splitlines()]
        assert records == sorted(records, key=lambda r: int(r[1:])) and records[-1] == "a39"

    def test_fix_in_a_pool_writes_what_a_serial_fix_writes(self, tmp_path, capsys) -> None:
        for folder in ("serial", "pooled"):
            (tmp_path / folder).mkdir()
            for n in range(12):
                (tmp_path / folder / f"{n}.txt").write_text(article(n))
            write_jsonl(tmp_path / folder / "data.jsonl", 25)
        run(capsys, "check", "serial", "--fix", "--jobs", "1")
        run(capsys, "check", "pooled", "--fix", "--jobs", "2")
        for path in sorted((tmp_path / "serial").iterdir()):
            assert (tmp_path / "pooled" / path.name).read_bytes() == path.read_bytes()
        assert ". ." not in (tmp_path / "pooled" / "0.txt").read_text()

    def test_progress_bar_on_a_terminal_leaves_the_output_alone(self, tmp_path, capsys, monkeypatch) -> None:
        for n in range(20):
            (tmp_path / f"{n:02}.txt").write_text(article(n))
        serial = run(capsys, "check", ".", "--format", "jsonl", "--jobs", "1")
        monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
        code, out, err = run(capsys, "check", ".", "--format", "jsonl", "--jobs", "2")
        assert (code, out) == serial[:2] and "Traceback" not in err

    def test_a_pool_that_cannot_start_falls_back_to_serial(self, tmp_path, capsys, monkeypatch) -> None:
        def refuse(*args, **kwargs):
            raise OSError("no semaphores here")

        monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", refuse)
        for n in range(5):
            (tmp_path / f"{n}.txt").write_text(article(n))
        code, out, err = run(capsys, "check", ".", "--format", "concise", "--jobs", "2")
        assert code == 1 and "running serially" in err and "NL101" in out

    def test_stdin_and_small_runs_stay_serial(self, tmp_path, monkeypatch) -> None:
        monkeypatch.setattr(parallel, "SERIAL_BYTES", 1_000_000)
        (tmp_path / "a.txt").write_text(article(1))
        recipes = [Recipe()]
        assert not parallel.wants_pool(["-"], 4, recipes)
        assert not parallel.wants_pool(["a.txt"], 4, recipes)
        assert not parallel.wants_pool(["a.txt"] * 10**6, 1, recipes)
        assert not parallel.wants_pool(["big.txt"], 4, [Recipe(), Recipe(grammar=True)])

    def test_bad_jobs_value_is_a_usage_error(self, capsys) -> None:
        code, _out, err = run(capsys, "check", ".", "--jobs", "0")
        assert code == 2 and "--jobs" in err and "Traceback" not in err


class TestParquet:
    def test_rows_are_linted_with_text_and_id_fields(self, tmp_path, capsys) -> None:
        write_parquet(tmp_path / "data.parquet", 20)
        code, out, _err = run(capsys, "check", "data.parquet", "--text-field", "body", "--id-field", "id", "--format", "jsonl")
        rows = [json.loads(line) for line in out.splitlines()]
        assert code == 1 and {r["record"] for r in rows if r["code"] == "NL101"} == {f"a{n}" for n in range(0, 20, 3)}

    def test_fix_output_writes_a_repaired_copy_with_the_same_schema_and_order(self, tmp_path, capsys) -> None:
        write_parquet(tmp_path / "data.parquet", 20)
        before = (tmp_path / "data.parquet").read_bytes()
        code, _out, err = run(capsys, "check", "data.parquet", "--text-field", "body", "--fix", "--output", "fixed")
        assert (tmp_path / "data.parquet").read_bytes() == before, "the input stays as it was"
        original = pq.read_table(tmp_path / "data.parquet")
        repaired = pq.read_table(tmp_path / "fixed" / "data.parquet")
        assert repaired.schema == original.schema
        assert repaired.column("id").to_pylist() == original.column("id").to_pylist()
        assert repaired.column("n").to_pylist() == original.column("n").to_pylist()
        texts = repaired.column("body").to_pylist()
        assert all(". ." not in t and ",," not in t for t in texts)
        assert texts[1] == original.column("body").to_pylist()[1].replace(",,", ",").replace("kyiv", "Kyiv")

    def test_fix_in_place_and_a_null_text_is_an_error_of_that_row(self, tmp_path, capsys) -> None:
        write_parquet(tmp_path / "data.parquet", 10)
        run(capsys, "check", "data.parquet", "--text-field", "body", "--fix")
        assert ". ." not in pq.read_table(tmp_path / "data.parquet").column("body").to_pylist()[0]
        write_parquet(tmp_path / "data.parquet", 10, null_at=4)
        before = (tmp_path / "data.parquet").read_bytes()
        code, _out, err = run(capsys, "check", "data.parquet", "--text-field", "body", "--fix")
        assert code == 2 and "data.parquet:5: row has a null 'body' value" in err
        assert (tmp_path / "data.parquet").read_bytes() == before, "a data set with a failed row is not rewritten"

    def test_fix_output_for_jsonl_keeps_the_input(self, tmp_path, capsys) -> None:
        write_jsonl(tmp_path / "data.jsonl", 6)
        before = (tmp_path / "data.jsonl").read_bytes()
        run(capsys, "check", "data.jsonl", "--fix", "--output", "out")
        assert (tmp_path / "data.jsonl").read_bytes() == before
        fixed = [json.loads(line) for line in (tmp_path / "out" / "data.jsonl").read_text().splitlines()]
        assert [r["id"] for r in fixed] == [f"a{n}" for n in range(6)] and ". ." not in fixed[0]["text"]

    def test_output_without_fix_is_a_usage_error(self, capsys) -> None:
        code, _out, err = run(capsys, "check", ".", "--output", "out")
        assert code == 2 and "--output needs --fix" in err

    def test_not_a_parquet_file_is_one_line(self, tmp_path, capsys) -> None:
        (tmp_path / "bad.parquet").write_bytes(b"not parquet at all")
        code, _out, err = run(capsys, "check", "bad.parquet")
        assert code == 2 and err.count("\n") == 1 and "bad.parquet" in err


class TestDask:
    @pytest.fixture(scope="class")
    @classmethod
    def client(cls):
        distributed = pytest.importorskip("distributed")
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster, distributed.Client(cluster) as client:
            yield client

    def test_findings_on_a_local_cluster_equal_the_serial_run(self, tmp_path, capsys, client, monkeypatch) -> None:
        from linter.parallel import frames as corpus

        monkeypatch.setattr(corpus, "BLOCK_BYTES", 2_000)  # several blocks, so line numbers cross block boundaries
        write_jsonl(tmp_path / "data.jsonl", 60)
        write_parquet(tmp_path / "data.parquet", 30)
        _code, serial, _err = run(capsys, "check", "data.jsonl", "--format", "jsonl", "--jobs", "1")
        recipe = Recipe()
        rows, errors = corpus.lint_dataset([("data.jsonl", recipe)], client)
        assert not errors and len(rows) > 60
        assert [json.dumps(r, ensure_ascii=False) for r in rows] == serial.splitlines()

        _code, serial_pq, _err = run(capsys, "check", "data.parquet", "--text-field", "body", "--format", "jsonl", "--jobs", "1")
        rows, errors = corpus.lint_dataset([("data.parquet", Recipe(text_field="body"))], client)
        assert [json.dumps(r, ensure_ascii=False) for r in rows] == serial_pq.splitlines()

    def test_templates_on_dask_equal_the_serial_run(self, tmp_path, capsys, client, monkeypatch) -> None:
        from linter.parallel import frames

        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(frames, "BLOCK_BYTES", 5_000)  # several blocks, each counted apart
        write_records(tmp_path / "pages.jsonl")
        _code, serial, _err = run(capsys, "check", "pages.jsonl", "--isolated", "--id-field", "url", "--format", "jsonl", "--jobs", "1")
        assert flagged_lines(serial)
        rows, errors = frames.lint_dataset([("pages.jsonl", Recipe(id_field="url"))], client)
        assert not errors and [json.dumps(r, ensure_ascii=False) for r in rows] == serial.splitlines()

        records = [json.loads(line) for line in (tmp_path / "pages.jsonl").read_text().splitlines()]
        pq.write_table(pa.table({"url": [r["url"] for r in records], "text": [r["text"] for r in records]}), tmp_path / "pages.parquet", row_group_size=25)
        _code, serial_pq, _err = run(capsys, "check", "pages.parquet", "--isolated", "--id-field", "url", "--format", "jsonl", "--jobs", "1")
        rows, errors = frames.lint_dataset([("pages.parquet", Recipe(id_field="url"))], client)
        assert [json.dumps(r, ensure_ascii=False) for r in rows] == serial_pq.splitlines()
        assert flagged_lines(serial_pq) == flagged_lines(serial)

    def test_a_corpus_run_plans_each_input_once_and_builds_no_rules_on_the_client(self, tmp_path, capsys, client, monkeypatch) -> None:
        import dask.bytes

        from linter.parallel import frames

        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(frames, "BLOCK_BYTES", 5_000)
        write_records(tmp_path / "pages.jsonl")
        _code, serial, _err = run(capsys, "check", "pages.jsonl", "--isolated", "--id-field", "url", "--format", "jsonl", "--jobs", "1")
        reads: list[str] = []
        read_bytes = dask.bytes.read_bytes
        monkeypatch.setattr(dask.bytes, "read_bytes", lambda path, **kw: reads.append(path) or read_bytes(path, **kw))

        def no_build(self):
            raise AssertionError("the client built the rules")

        monkeypatch.setattr(Recipe, "build", no_build)  # the workers are other processes: only the client sees this
        frames._PREPARED.clear()
        rows, errors = frames.lint_dataset([("pages.jsonl", Recipe(id_field="url"))], client)
        assert not errors and [json.dumps(r, ensure_ascii=False) for r in rows] == serial.splitlines() and flagged_lines(serial)
        assert reads == ["pages.jsonl"]

    def test_templates_of_text_folders_on_dask(self, tmp_path, capsys, client) -> None:
        from linter.parallel import frames

        truth = write_folders(tmp_path)  # absolute paths: the workers do not share the test's working directory
        _code, serial, _err = run(capsys, "check", str(tmp_path), "--isolated", "--format", "jsonl", "--jobs", "1")
        assert flagged_lines(serial)
        files = [str(tmp_path / name) for name in sorted(truth)]
        rows, errors = frames.lint_dataset([(path, Recipe()) for path in files], client)
        assert not errors and [json.dumps(r, ensure_ascii=False) for r in rows] == serial.splitlines()
        code, out, err = run(capsys, "check", str(tmp_path), "--isolated", "--engine", "dask", "--scheduler", client.scheduler.address)
        assert code == 1 and out == serial, err

    def test_cli_against_a_scheduler_address(self, tmp_path, capsys, client) -> None:
        write_jsonl(tmp_path / "data.jsonl", 12)
        _code, serial, _err = run(capsys, "check", "data.jsonl", "--format", "jsonl", "--jobs", "1")
        code, out, err = run(capsys, "check", "data.jsonl", "--engine", "dask", "--scheduler", client.scheduler.address)
        assert code == 1 and out == serial, err
        code, out, _err = run(capsys, "check", "data.jsonl", "--engine", "dask", "--scheduler", client.scheduler.address, "--findings", "f.parquet")
        assert code == 1 and out == f"newslint: {serial.count(chr(10))} findings written to f.parquet\n"
        assert pq.read_table(tmp_path / "f.parquet").num_rows == serial.count("\n")
        code, _out, err = run(capsys, "check", "data.jsonl", "--engine", "dask", "--scheduler", client.scheduler.address, "--format", "full")
        assert code == 2 and err.count("\n") == 1 and "--format full" in err

    def test_each_file_gets_its_projects_settings_on_a_cluster(self, tmp_path, capsys, client) -> None:
        for name, config in (("a", 'select = ["NL1"]\n'), ("b", 'select = ["NL2"]\n')):
            (tmp_path / name).mkdir()
            (tmp_path / name / "newslint.toml").write_text(config)
            write_jsonl(tmp_path / name / "data.jsonl", 9)
        _code, serial, _err = run(capsys, "check", "a", "b", "--format", "jsonl", "--jobs", "1")
        code, out, err = run(capsys, "check", "a", "b", "--engine", "dask", "--scheduler", client.scheduler.address)
        assert code == 1 and out == serial, err
        codes = {(Path(row["path"]).parent.name, row["code"][:3]) for row in map(json.loads, out.splitlines())}
        assert codes == {("a", "NL1"), ("b", "NL2")}

    def test_a_field_no_record_has_is_one_line_on_a_cluster(self, tmp_path, capsys, client) -> None:
        write_jsonl(tmp_path / "data.jsonl", 30)
        write_parquet(tmp_path / "data.parquet", 10)
        code, out, err = run(capsys, "check", "data.jsonl", "data.parquet", "--id-field", "nope", "--engine", "dask", "--scheduler", client.scheduler.address)
        assert code == 2 and out == ""
        assert err.splitlines() == [
            "newslint: error: data.jsonl: no record has the id field 'nope' (choose it with --id-field; fields: id, n, text)",
            "newslint: error: data.parquet: no record has the text field 'text' (choose it with --text-field; fields: id, n, body)",
        ]

    def test_lint_frame_is_usable_on_its_own(self) -> None:
        pandas = pytest.importorskip("pandas")
        from linter.parallel import lint_frame

        frame = pandas.DataFrame({"text": [article(0), article(1), None]})
        found = lint_frame(frame)
        assert set(found["record"]) == {1, 2} and "NL101" in set(found["code"])
        assert found.attrs["errors"] == ["<frame>:3: row has a null 'text' value"]


def test_data_files_are_jsonl_and_parquet_by_suffix_in_any_case() -> None:
    from linter.sources import is_data_file

    assert all(map(is_data_file, ["a.jsonl", "a.NDJSON", "a.jsonl.gz", "a.ndjson.gz", "a.parquet", "A.PQ"]))
    assert not any(map(is_data_file, ["a.txt", "a.md", "a.json", "a.gz", "-"]))


class TestCorpusReport:
    def corpus(self, tmp_path: Path) -> Path:
        folder = tmp_path / "corpus"
        folder.mkdir()
        for n in range(9):
            (folder / f"{n}.{'site' if n % 2 else 'wire'}.txt").write_text(article(n) + ("\nAdvertisement\n" if n == 4 else ""))
        (folder / "clean.wire.txt").write_text("A quiet day in the city. Nothing happened.\n")
        return folder

    def test_check_format_report_counts_every_document(self, tmp_path, capsys) -> None:
        self.corpus(tmp_path)
        # Its generated articles share a line (digits folded) in 9 of 10 documents: a template to NL336.
        code, out, _err = run(
            capsys, "check", "corpus", "--format", "report", "--source-pattern", r"\.(\w+)\.txt$", "--html", "r.html", "--ignore", "NL336"
        )
        assert code == 1
        assert "10 documents" in out and "leaked page text" in out and "1 │ 10.0%" in out.replace("  ", " ").replace("  ", " ")
        assert "wire" in out and "site" in out
        page = (tmp_path / "r.html").read_text()
        assert "<svg" in page and "NL101" in page and "10.0%" in page

    def test_report_command_reads_a_findings_file(self, tmp_path, capsys) -> None:
        self.corpus(tmp_path)
        _code, jsonl, _err = run(capsys, "check", "corpus", "--format", "jsonl")
        (tmp_path / "f.jsonl").write_text(jsonl)
        code, out, _err = run(capsys, "report", "f.jsonl", "--documents", "10", "--html", "page.html", "--title", "Wire audit")
        assert code == 0 and "10 documents" in out
        page = (tmp_path / "page.html").read_text()
        assert "<title>Wire audit</title>" in page
        for outside in ("<script", "<link", "src=", "@import", "url("):
            assert outside not in page, f"the page must be self-contained ({outside})"

    def test_without_a_document_count_the_report_says_what_it_covers(self, tmp_path, capsys) -> None:
        self.corpus(tmp_path)
        _code, jsonl, _err = run(capsys, "check", "corpus", "--format", "json")
        (tmp_path / "f.json").write_text(jsonl)
        code, out, _err = run(capsys, "report", "f.json")
        assert code == 0 and "--documents" in out

    def test_sources_are_named_as_the_template_counts_name_them(self) -> None:
        from linter.corpus_summary import summarise
        from linter.templates.counts import source_of

        documents = [("site/a.txt", None), ("site/b.txt", None), ("feed.jsonl", "https://example.com/1"), ("feed.jsonl", 2)]
        row = {"path": "site/a.txt", "record": None, "code": "NL101", "name": "n", "kind": "case", "severity": "warning"}
        for pattern in (None, r"^(\w+)/", r"nothing-matches-this"):
            names = {source.source for source in summarise([row], documents, source_pattern=pattern).sources}
            assert names == {source_of(path, record, pattern) for path, record in documents}
        assert {s.source for s in summarise([row], documents).sources} == {"site", "example.com", "feed.jsonl"}

    def test_a_broken_findings_file_is_one_line(self, tmp_path, capsys) -> None:
        (tmp_path / "f.jsonl").write_text('{"path": "a"}\n')
        code, _out, err = run(capsys, "report", "f.jsonl")
        assert code == 2 and err.count("\n") == 1 and "f.jsonl" in err

    @pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed (.ci/run installs it)")
    def test_the_page_renders_in_headless_chromium(self, tmp_path, capsys) -> None:
        self.corpus(tmp_path)
        run(capsys, "check", "corpus", "--format", "report", "--html", "r.html")
        shot = tmp_path / "r.png"
        flags = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,1600", f"--screenshot={shot}",
        ]
        subprocess.run(["chromium", *flags, (tmp_path / "r.html").as_uri()], capture_output=True, timeout=120, check=True)
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a blank page compresses to a few KB
