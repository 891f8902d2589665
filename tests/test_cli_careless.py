"""Issue 11, finding 9: careless use of the CLI gets one line on stderr, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED

CLI = [sys.executable, "-m", "pressgraph"]


def _run(*args: str, env: dict[str, str] | None = None, stdout: int | None = subprocess.PIPE) -> tuple[int, str]:
    proc = subprocess.run(
        [*CLI, *args], stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120, env={**os.environ, **(env or {})}
    )
    return proc.returncode, proc.stderr


def _errors(stderr: str) -> list[str]:
    """The lines that are not extraction warnings (those come first, one per line)."""
    return [line for line in stderr.splitlines() if not line.startswith("pressgraph: warning:")]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("careless") / "store"
    assert _run("ingest", str(SEED), "--store", str(path))[0] == 0
    return str(path)


def test_a_closed_pipe_is_silent(store: str) -> None:
    """``pressgraph export | head -c 100``: the reader goes away; exit 141, nothing on stderr."""
    proc = subprocess.Popen([*CLI, "export", "--store", store], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    assert (proc.wait(timeout=60), stderr) == (141, "")


@pytest.mark.parametrize("command", [["extract", str(SEED)], ["export"]], ids=["extract", "export"])
def test_a_full_disk_is_one_line(store: str, command: list[str]) -> None:
    args = command + (["--store", store] if command[0] == "export" else [])
    with open("/dev/full", "w") as full:
        code, stderr = _run(*args, stdout=full.fileno())
    assert (code, _errors(stderr)) == (1, ["pressgraph: error: cannot write output: No space left on device"])


def test_export_into_a_missing_folder(store: str, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "dump.nq"
    code, stderr = _run("export", "-o", str(target), "--store", store)
    assert (code, stderr) == (1, f"pressgraph: error: {target}: the folder {target.parent} does not exist\n")


def test_export_to_a_full_device_is_one_line(store: str) -> None:
    """``-o`` naming a device is written in place (a regular file goes through a temporary one)."""
    code, stderr = _run("export", "-o", "/dev/full", "--store", store)
    assert (code, stderr) == (1, "pressgraph: error: cannot write output: No space left on device\n")


def test_a_query_file_in_bad_utf8(store: str, tmp_path: Path) -> None:
    rq = tmp_path / "latin1.rq"
    rq.write_bytes('SELECT * WHERE { ?s ?p "caf\xe9" }'.encode("latin-1"))
    code, stderr = _run("query", str(rq), "--store", store)
    assert (code, stderr) == (
        1,
        f"pressgraph: error: {rq}: not UTF-8 text (byte 0xe9 at offset 27); save the query as UTF-8\n",
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("99999", "port must be between 1 and 65535, got 99999"),
        ("0", "port must be between 1 and 65535, got 0"),
        ("http", "not a port number: 'http'"),
    ],
)
def test_serve_on_an_impossible_port(value: str, reason: str) -> None:
    code, stderr = _run("serve", "--port", value)
    assert (code, stderr) == (
        2,
        f"pressgraph serve: error: argument --port: {reason} (see pressgraph serve --help)\n",
    )


def test_evaluate_a_missing_path() -> None:
    code, stderr = _run("evaluate", "/nonexistent")
    assert (code, stderr) == (1, "pressgraph: error: no such file or folder: /nonexistent\n")


@pytest.mark.parametrize("base", ["http://x y/", "example.org/id/", "http://a/<b>"])
def test_a_base_iri_that_is_not_an_iri(base: str) -> None:
    code, stderr = _run("extract", str(SEED), env={"PRESSGRAPH_BASE": base})
    assert (code, stderr) == (
        1,
        f"pressgraph: error: PRESSGRAPH_BASE is not an absolute IRI: {base!r} "
        '(a scheme such as https:, and no spaces or <>"{}|\\^` characters)\n',
    )


def test_an_unknown_option_is_one_line() -> None:
    code, stderr = _run("query", "--no-such-option")
    assert (code, stderr) == (
        2,
        "pressgraph: error: unrecognized arguments: --no-such-option (see pressgraph --help)\n",
    )
