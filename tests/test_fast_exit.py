"""``newslint`` leaves without tearing the interpreter down (:func:`linter.cli.run`), and loses nothing by it:
every line of output reaches the reader, the exit code is the run's, and the functions registered to run
at exit still run."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import run as run_in_process


@pytest.fixture
def many_findings(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("".join(f"Report {number} was read. . The the council met. \n\n" for number in range(1500)), "utf-8")
    return path


def _newslint(*argv: str, code: str = "from linter.cli import run; run()") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", f"import sys; sys.argv = ['newslint', *{list(argv)!r}]; {code}"], capture_output=True, text=True)


def test_every_line_reaches_a_pipe_and_the_exit_code_is_the_runs(many_findings, capsys) -> None:
    expected_code, expected, _err = run_in_process(capsys, "check", str(many_findings), "--isolated", "--format", "jsonl", "--max-findings-per-rule", "0")
    done = _newslint("check", str(many_findings), "--isolated", "--format", "jsonl", "--max-findings-per-rule", "0")
    assert done.returncode == expected_code == 1
    assert done.stdout == expected and len(done.stdout.splitlines()) >= 3000
    assert all(json.loads(line)["path"] for line in done.stdout.splitlines())


def test_functions_registered_to_run_at_exit_still_run(many_findings) -> None:
    code = "import atexit; atexit.register(lambda: print('registered function ran', file=sys.stderr)); from linter.cli import run; run()"
    done = _newslint("check", str(many_findings), "--isolated", "--format", "concise", code=code)
    assert done.returncode == 1 and "registered function ran" in done.stderr


def test_a_reader_that_goes_away_is_no_error(many_findings) -> None:
    command = f"{sys.executable} -m linter check {many_findings} --isolated --format concise --max-findings-per-rule 0 | head -n 1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 1
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
