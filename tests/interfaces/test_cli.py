"""The `coach` command line against the session's index: its output, one-line errors and exit codes through
`coach.cli.main()` in this process (tests/cli_runs.py), and as a user runs it, a separate process, where the
process itself matters (a conversation over a real stdin pipe, a rebuild with its progress bar, a damaged index
found at start)."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runs import coach_in_process
from servers import free_port

COACH = str(Path(sys.executable).parent / "coach")


def run(*args, home, env=None):
    return coach_in_process(*args, env={"COACH_HOME": str(home), **(env or {})})


def run_process(*args, home, stdin=None, timeout=180):
    environment = {**os.environ, "COACH_HOME": str(home)}
    return subprocess.run([COACH, *args], capture_output=True, text=True, env=environment, input=stdin, timeout=timeout)


@pytest.fixture(scope="module")
def home(coach, settings):  # the session index, built by the `coach` fixture
    return settings.home


def one_clear_line(result):
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return lines[0]


def test_codes_lists_the_whole_matrix_and_the_job_descriptions(home):
    result = run("codes", "--json", home=home)
    data = json.loads(result.stdout)
    assert len(data["areas"]) == 21 and sum(len(a["items"]) for a in data["areas"]) == 140
    item = data["areas"][0]["items"][5]
    assert (item["code"], item["statement"], item["flags"]) == ("I A.6", "Explain risk factors", ["CSAP", "Company"])
    assert [r["name"] for r in data["roles"]] == [
        "Mid-level Alliance Manager",
        "Senior-level Alliance Manager",
        "Executive-level Alliance Manager",
    ]
    text = run("codes", home=home).stdout
    assert re.search(r"II C\.1 +Design an alliance governance model +\[CSAP, Core\]", text)
    assert "Define and monitor alliance governance model (II C)" in text


def test_search_lists_the_senior_governance_records(home):
    result = run("search", "what does a senior manager own in governance?", "-k", "5", "--json", home=home)
    rows = json.loads(result.stdout)
    assert len(rows) == 5
    assert {"rank", "code", "kind", "score", "text"} <= set(rows[0])
    texts = [(r["code"], r["kind"], r["text"]) for r in rows]
    assert ("II C", "responsibility", "Define and monitor alliance governance model (II C)") in texts
    assert any(code.startswith("II C.") and kind == "item" for code, kind, _ in texts)
    table = run("search", "how do I end an alliance?", "-k", "3", home=home).stdout
    # piped (as here and in CI logs), the table is wide enough to show each record's text on one line, uncut
    assert re.search(r"II M\.2 +│ item +│ [0-9.]+ +│ Termination: create a plan for ending an alliance", table), table


def test_search_filters(home):
    rows = json.loads(run("search", "governance", "--kind", "item", "--cert", "csap", "--json", home=home).stdout)
    assert rows and all(r["kind"] == "item" for r in rows)


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ("search", "what is II Z?"),
            "II Z is not a code of the ASAP competency matrix. Nearest valid codes: II O, II N, II M.",
        ),
        (("search", "IV A"), "Nearest valid codes: I A, II A, III A"),
        (("search", "   "), "the search text is empty"),
        (("search", "x", "--role", "boss"), "--role 'boss' is not a role"),
        (("search", "x", "--cert", "pmp"), "unknown certification 'PMP'"),
    ],
)
def test_bad_search_input_is_one_clear_line(home, args, message):
    assert message in one_clear_line(run(*args, home=home))


def test_missing_corpus_is_one_clear_line(home, tmp_path):
    line = one_clear_line(run("codes", home=home, env={"COACH_CORPUS": str(tmp_path / "missing")}))
    assert "does not exist; set COACH_CORPUS" in line


def test_unreadable_corpus_file_is_one_clear_line(home, corpus_copy):
    (corpus_copy / "004_0c5229fc14fe2635.txt").write_bytes(b"\xff\xfe\x00garbage")
    line = one_clear_line(run("search", "governance", home=home, env={"COACH_CORPUS": str(corpus_copy)}))
    assert "004_0c5229fc14fe2635.txt" in line


def test_unreachable_chroma_server_is_one_clear_line(home):
    url = f"http://127.0.0.1:{free_port()}"
    line = one_clear_line(run("search", "governance", home=home, env={"COACH_CHROMA_URL": url}))
    assert f"cannot reach the Chroma server at {url}" in line


@pytest.mark.parametrize(
    "args, message",
    [
        (("bench", "--output", "/proc/1/bench/bench.json"), "--output /proc/1/bench: cannot write there"),
        (("eval", "--cases", "/proc/1/none.yaml", "--report", "/proc/1/r"), "--report /proc/1/r: cannot write there"),
        (("eval", "--cases", "/proc/1"), "cannot read the cases file /proc/1"),
        (("eval", "--cases", "eval/cases.yaml", "--compare", "/proc/1/x.json"), "cannot read the snapshot"),
    ],
)
def test_file_system_failures_are_one_clear_line_before_any_work(home, tmp_path, args, message):
    args = [*args, "--no-baseline"] if args[0] == "eval" else list(args)
    if args[0] == "eval" and "--report" not in args:
        args += ["--report", str(tmp_path / "report")]
    assert message in one_clear_line(run(*args, home=home))


def test_bad_settings_are_one_clear_line(home):
    line = one_clear_line(run("search", "governance", home=home, env={"COACH_CHROMA_URL": "ftp://x"}))
    assert "COACH_CHROMA_URL='ftp://x' is not an http(s) address" in line


def test_index_reuses_then_rebuilds_on_request(home, tmp_path):
    copy = tmp_path / "home"
    shutil.copytree(home, copy, ignore=shutil.ignore_patterns("*.lock"))
    reused = run_process("index", home=copy)
    assert reused.returncode == 0 and "up to date (reused, nothing re-embedded)" in reused.stdout
    rebuilt = run_process("index", "--rebuild", home=copy)
    assert rebuilt.returncode == 0 and "index built: 347 records" in rebuilt.stdout
    assert "embedding records" in rebuilt.stderr and "347/347" in rebuilt.stderr  # the progress bar
    assert "347 of them kept the vectors of an earlier build" in rebuilt.stderr  # nothing embedded again


def test_a_corrupt_index_folder_is_moved_aside_and_rebuilt(home, tmp_path):
    copy = tmp_path / "home"
    shutil.copytree(home, copy, ignore=shutil.ignore_patterns("*.lock"))
    build = next(p for p in (copy / "indexes").iterdir() if p.is_dir())
    (build / "chroma.sqlite3").write_bytes(os.urandom(50_000))
    result = run_process("search", "governance", "-k", "2", "--json", home=copy)
    assert result.returncode == 0, result.stderr
    assert "cannot be read" in result.stderr and "moved to" in result.stderr
    assert json.loads(result.stdout)[0]["code"].startswith("II C")
    assert any(".damaged-" in p.name for p in (copy / "indexes").iterdir())  # kept, not deleted


def test_ask_json_and_history(home):
    first = json.loads(run("ask", "what does a senior manager own in governance?", "--json", home=home).stdout)
    assert set(first) >= {"text", "citations", "refused"} and first["refused"] is False
    assert "Define and monitor alliance governance model" in first["text"]
    follow = json.loads(
        run(
            "ask", "And a director?", "--history", "what does a senior manager own in governance?", "--json", home=home
        ).stdout
    )
    assert "Participate in alliance governance process" in follow["text"]
    assert any(c["code"] == "II C" for c in follow["citations"])


def test_ask_prints_sources_and_refuses_politely(home):
    result = run("ask", "What is II Z?", home=home)
    assert result.returncode == 0 and "II Z is not a code" in result.stdout
    text = run("ask", "how do I end an alliance?", home=home).stdout
    assert "Sources:" in text and "[II M.2]" in text


def test_chat_holds_a_conversation(home):
    result = run_process(
        "chat", home=home, stdin="What does a senior alliance manager own in governance?\nAnd a director?\n\n"
    )
    assert result.returncode == 0
    assert "Define and monitor alliance governance model" in result.stdout
    assert "Participate in alliance governance process" in result.stdout
