"""Issue 12, item 6: the CLI keeps the conventions of Typer/Rich tools, each run as a user would.

``--version``, ``--quiet``, a progress bar with ETA and the current file on a terminal (and only
there), tables cut to the terminal's width, warnings listed, a quiet end on a closed pipe, full
IRIs in CSV and JSON, and shell completion.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pressgraph import __version__
from pressgraph.pipeline import build_release_graphs
from pressgraph.store.prepare import prepare
from tests.conftest import ROOT, SEED

CLI = [sys.executable, "-m", "pressgraph"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100"}
SEED_RELEASE = "https://w3id.org/pressgraph/id/release/c0669b98d8e1d350"


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=180, env={**ENV, **(env or {})}, check=False
    )


@pytest.fixture(scope="module")
def seed_warnings() -> list[str]:
    (release,) = build_release_graphs(SEED)
    return [f"pressgraph: warning: {release.source}: {w}" for w in release.warnings]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("conventions") / "store"
    assert _run("--quiet", "ingest", str(SEED), "--store", str(path)).returncode == 0
    return str(path)


def test_version() -> None:
    out = _run("--version")
    assert (out.returncode, out.stdout, out.stderr) == (0, f"pressgraph {__version__}\n", "")


def test_ingest_summary_then_every_warning(tmp_path: Path, seed_warnings: list[str]) -> None:
    """Not a bare ``warnings: 1``: each warning follows, one line, naming its file."""
    triples = prepare(build_release_graphs(SEED)[0]).record.triples
    out = _run("ingest", str(SEED), "--store", str(tmp_path / "s"))
    assert out.returncode == 0
    assert out.stdout == (
        f"files: 1  releases: 1  written: 1  unchanged: 0  triples: {triples}  violations: 0  "
        f"warnings: {len(seed_warnings)}  skipped: 0\n"
    )
    assert out.stderr.splitlines() == seed_warnings
    assert seed_warnings[0].startswith("pressgraph: warning: aastrom-2003-11-10.txt: ")


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_prints_nothing_but_errors(tmp_path: Path, where: str) -> None:
    args = ["ingest", str(SEED), "--store", str(tmp_path / "s")]
    out = _run(*(["--quiet", *args] if where == "before" else [*args, "-q"]))
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "")
    missing = _run("-q", "ingest", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "s"))
    assert (missing.returncode, missing.stdout, missing.stderr) == (
        1,
        "",
        f"pressgraph: error: no such file or folder: {tmp_path / 'nope.txt'}\n",
    )


def _on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal (stdout a pipe): exit code, stdout, terminal text."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=follower, env=ENV, text=True)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    stdout = proc.stdout.read() if proc.stdout else ""
    if proc.stdout:
        proc.stdout.close()
    return proc.wait(timeout=180), stdout, b"".join(chunks).decode().replace("\r\n", "\n")


def test_progress_bar_with_eta_and_file_on_a_terminal_only(tmp_path: Path, seed_warnings: list[str]) -> None:
    for name in ("first.txt", "second.txt"):
        shutil.copy(SEED, tmp_path / name)
    code, stdout, terminal = _on_a_terminal(
        "ingest", str(tmp_path / "first.txt"), str(tmp_path / "second.txt"), "--store", str(tmp_path / "s")
    )
    assert code == 0
    assert stdout.startswith("files: 2  releases: 2  written: 2  ")
    bar, _, warnings = terminal.partition("\n")
    assert re.fullmatch(
        r"\r\[#{15}\.{15}\] 1/2 files  eta 0:\d\d  first\.txt\x1b\[K"
        r"\r\[#{30}\] 2/2 files  done in 0:\d\d  second\.txt\x1b\[K",
        bar,
    ), repr(bar)
    assert warnings.splitlines() == [
        w.replace("aastrom-2003-11-10", n) for n in ("first", "second") for w in seed_warnings
    ]
    quiet = _on_a_terminal("-q", "ingest", str(tmp_path / "first.txt"), "--store", str(tmp_path / "s"))
    assert quiet == (0, "", "")


def test_a_narrow_bar_gives_up_the_file_name_first() -> None:
    from pressgraph.progress import ProgressBar

    class Terminal:
        def isatty(self) -> bool:
            return True

    ticks = iter([0.0, 30.0])
    bar = ProgressBar(4, "files", Terminal(), clock=lambda: next(ticks), columns=60)  # type: ignore[arg-type]
    bar.done = 1
    assert bar.line("a-very-long-release-file-name-2003-11-10.txt") == (
        "[#######.......................] 1/4 files  eta 1:30"
    )
    ticks = iter([0.0, 30.0])
    bar = ProgressBar(4, "files", Terminal(), clock=lambda: next(ticks), columns=80)  # type: ignore[arg-type]
    bar.done = 1
    assert bar.line("a-very-long-release-file-name-2003-11-10.txt") == (
        "[#######.......................] 1/4 files  eta 1:30  …file-name-2003-11-10.txt"
    )


LONG = "a figure whose label goes on and on, well past any sensible column width for a terminal"
SPARQL_LONG = f'SELECT ?name ?label WHERE {{ VALUES (?name ?label) {{ ("short" "{LONG}") ("x" "y") }} }}'


def test_tables_fit_the_terminal(store: str) -> None:
    out = _run("query", "--sparql", SPARQL_LONG, "--store", store, env={"COLUMNS": "40"})
    assert (out.returncode, out.stderr) == (0, "")
    assert out.stdout == (
        "name   label\n"
        "-----  ---------------------------------\n"
        "short  a figure whose label goes on and…\n"
        "x      y\n"
        "(2 rows)\n"
    )
    wide = _run("query", "--sparql", SPARQL_LONG, "--store", store, env={"COLUMNS": "200"})
    assert wide.stdout.splitlines()[2] == f"short  {LONG}"


def test_too_many_columns_for_the_terminal_become_records(store: str) -> None:
    """The trials' 12 columns cannot share 80: one block per row, each line within the width."""
    out = _run("query", "trials", "--param", "company=ASTM", "--store", store, env={"COLUMNS": "80"})
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[:3] == [
        "-[ row 1 ]",
        "company      id:org/aastrom-biosciences",
        "trial        id:release/c0669b98d8e1d350/event/trial-1",
    ]
    assert [line for line in lines if line.startswith("-[")] == ["-[ row 1 ]", "-[ row 2 ]"]
    assert lines[-1] == "(2 rows)"
    assert max(len(line) for line in lines) <= 80


def test_csv_and_json_carry_full_iris(store: str) -> None:
    sparql = "SELECT ?release WHERE { ?release a <https://w3id.org/pressgraph/ontology#Release> }"
    csv_out = _run("query", "--sparql", sparql, "--format", "csv", "--store", store)
    assert csv_out.stdout == f"release\n{SEED_RELEASE}\n"
    json_out = _run("query", "--sparql", sparql, "--format", "json", "--store", store)
    assert json.loads(json_out.stdout) == {"columns": ["release"], "rows": [{"release": SEED_RELEASE}]}


def test_query_into_a_closed_pipe_is_silent(store: str) -> None:
    """``pressgraph query … | head -1``: exit 141 and nothing on stderr."""
    sparql = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    proc = subprocess.Popen(
        [*CLI, "query", "--sparql", sparql, "--format", "csv", "--store", store],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline() == b"s,p,o\n"
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    assert (proc.wait(timeout=60), stderr) == (141, "")


def _complete(words: str, shell_script: str) -> list[str]:
    """What bash offers after ``words`` (the last word is the one being completed)."""
    script = (
        f"{shell_script}\n"
        f"COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))\n"
        "_pressgraph; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=30, check=True)
    return out.stdout.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("pressgraph qu", ["query"]),
        ("pressgraph -q ing", ["ingest"]),
        ("pressgraph query --fo", ["--format"]),
        ("pressgraph query --format ''", ["table", "json", "csv"]),
        ("pressgraph query tri", ["trials"]),
        ("pressgraph extract --format n", ["nquads", "nt"]),
        ("pressgraph completion ''", ["bash", "zsh"]),
        ("pressgraph ingest --store ''", []),  # a folder: bash's own file-name completion
    ],
)
def test_bash_completion(words: str, offered: list[str]) -> None:
    script = _run("completion", "bash")
    assert (script.returncode, script.stderr) == (0, "")
    assert _complete(words, script.stdout) == offered


def test_zsh_completion_is_the_bash_script_through_bashcompinit() -> None:
    bash, zsh = _run("completion", "bash").stdout, _run("completion", "zsh").stdout
    assert zsh == (
        "# pressgraph completion for zsh (the bash script through bashcompinit);\n"
        "# load it with: source <(pressgraph completion zsh)\n"
        "autoload -U +X compinit && compinit\n"
        "autoload -U +X bashcompinit && bashcompinit\n" + bash
    )
    bad = _run("completion", "fish")
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr == (
        "pressgraph completion: error: argument shell: invalid choice: 'fish' (choose from 'bash', 'zsh') "
        "(see pressgraph completion --help)\n"
    )


def test_demo_says_where_the_store_is_and_what_to_run_next(tmp_path: Path, seed_warnings: list[str]) -> None:
    where = tmp_path / "demo store"
    out = _run("demo", "--store", str(where))
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[0] == f"store: {where}"
    assert lines[1].startswith("files: 1  releases: 1  written: 1  ")
    assert lines[-2:] == [
        f"next: pressgraph serve --store '{where}'   (browser and SPARQL endpoint on http://127.0.0.1:8000/)",
        f"      pressgraph query --list --store '{where}'   (the named queries and their parameters)",
    ]
    assert out.stderr.splitlines() == seed_warnings
