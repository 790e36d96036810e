"""Operating the app (issue 12, items 2–4 and 6): every configuration and startup error is one line and exit
1 before anything is built; the Gradio API, the JSON API and the CLI check types at the boundary and say
which field is wrong; limits count what the person sent; nothing the person typed reaches the log."""

import json
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from gradio_client import Client
from servers import free_port

ROOT = Path(__file__).resolve().parents[2]
COACH = str(Path(sys.executable).parent / "coach")
QUESTION = "what does a senior manager own in governance?"
SECRET = "zebra-secret-7731"  # stands for anything private a person might type


def one_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr[-2000:]
    return lines[0]


def start_app(env: dict, home: Path) -> subprocess.CompletedProcess:
    """`python app.py` as `make run` starts it, expected to stop at once with an error."""
    return subprocess.run(
        [sys.executable, "app.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "COACH_HOME": str(home), "COACH_HOST": "127.0.0.1", "COACH_PORT": str(free_port()), **env},
    )


# --- configuration and startup errors -------------------------------------------------------------------
@pytest.mark.integration  # the app in its own process
@pytest.mark.parametrize(
    "env, expected",
    [
        ({"COACH_PORT": "99999"}, "COACH_PORT=99999 is too large (at most 65535)"),
        ({"COACH_PORT": "http"}, "COACH_PORT='http' is not a whole number"),
        ({"COACH_HOST": "256.1.1.1"}, "COACH_HOST='256.1.1.1' is not an IP address or host name"),
        ({"COACH_HOST": "192.0.2.1"}, "COACH_HOST='192.0.2.1' is not an address of this machine"),
        ({"COACH_HOST": "no-such-host.invalid"}, "COACH_HOST='no-such-host.invalid' does not resolve"),
        ({"COACH_CHROMA_URL": "http://127.0.0.1:99999"}, "COACH_CHROMA_URL='http://127.0.0.1:99999' has no valid port"),
        ({"COACH_CHROMA_URL": "http://300.1.1.1:8000"}, "300.1.1.1 is not an IP address"),
        ({"COACH_CORPUS": str(ROOT / "README.md")}, "is not a folder; set COACH_CORPUS"),
    ],
    ids=[
        "port-range",
        "port-text",
        "host-256",
        "host-elsewhere",
        "host-unresolvable",
        "chroma-port",
        "chroma-host",
        "corpus-file",
    ],
)
def test_a_bad_setting_stops_the_app_in_one_line_before_anything_is_built(tmp_path, env, expected):
    home = tmp_path / "home"
    line = one_line(start_app(env, home))
    assert expected in line
    assert not (home / "indexes").exists() and not (home / "chroma").exists()  # nothing built or overwritten


@pytest.mark.integration  # the app in its own process
def test_a_port_in_use_is_one_line_before_the_index_is_built(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = start_app({"COACH_PORT": str(port)}, tmp_path / "home")
    line = one_line(result)
    assert f"port {port} on 127.0.0.1 is already in use" in line and "COACH_PORT" in line
    assert not (tmp_path / "home" / "indexes").exists() and not (tmp_path / "home" / "chroma").exists()


@pytest.mark.integration  # the `coach` CLI in its own process
def test_a_corpus_without_its_manifest_or_with_a_stray_file_is_one_line(corpus_copy, tmp_path):
    env = {**os.environ, "COACH_HOME": str(tmp_path / "home"), "COACH_CORPUS": str(corpus_copy)}
    (corpus_copy / "notes.txt").write_text("scratch")
    stray = one_line(subprocess.run([COACH, "index"], capture_output=True, text=True, env=env, timeout=120))
    assert "notes.txt is not listed in SHA256SUMS" in stray
    (corpus_copy / "notes.txt").unlink()
    (corpus_copy / "SHA256SUMS").unlink()
    missing = one_line(subprocess.run([COACH, "index"], capture_output=True, text=True, env=env, timeout=120))
    assert "has no SHA256SUMS" in missing and "sha256sum *.txt > SHA256SUMS" in missing
    assert not (tmp_path / "home" / "indexes").exists()


# --- the command line -------------------------------------------------------------------------------------
@pytest.mark.integration  # the `coach` CLI in its own process
@pytest.mark.parametrize(
    "args, expected",
    [
        (("search", "governance", "-k", "abc"), "Invalid value for '-k' / '--top'"),
        (("search", "governance", "-k", "0"), "Invalid value for '-k' / '--top'"),
        (("search",), "Missing argument 'query'"),
        (("search", "governance", "--bogus"), "No such option: --bogus"),
        (("nosuch",), "No such command 'nosuch'"),
        (("ask", "And a director?", "--history", "   "), "--history was given an empty question"),
    ],
)
def test_cli_usage_errors_are_one_line_and_exit_1(settings, args, expected):
    result = subprocess.run(
        [COACH, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COACH_HOME": str(settings.home)},
    )
    line = one_line(result)
    assert expected in line
    assert "--help" in line or "--history" in line  # says what to do


# --- types at the boundaries --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def gradio(app):
    return Client(app.url, verbose=False)


@pytest.mark.parametrize(
    "question, history, field",
    [
        (QUESTION, 0, "history must be a list"),
        (QUESTION, "", "history must be a list"),
        (QUESTION, {}, "history must be a list"),
        (QUESTION, "what does a senior manager own in governance?", "history must be a list"),
        (QUESTION, [1], "history[0] must be a string or a message"),
        (QUESTION, [{"role": "user", "content": 5}], "history[0] must be a string or a message"),
        (5, [], "question must be text"),
        ({"text": SECRET}, [], "question must be text"),
    ],
    ids=[
        "history-0",
        "history-empty-string",
        "history-dict",
        "history-string",
        "history-int-item",
        "history-bad-message",
        "question-int",
        "question-dict",
    ],
)
def test_the_gradio_api_names_the_bad_field(gradio, app, question, history, field):
    answer = gradio.predict(question, history, api_name="/ask")
    assert answer["status"] == "error" and field in answer["error"] and answer["citations"] == []
    assert "coach index --rebuild" not in answer["text"]  # not mistaken for a broken index
    log = app.log.read_text()
    assert "Traceback" not in log and SECRET not in log


def test_the_gradio_api_accepts_chat_messages_as_history(gradio):
    answer = gradio.predict(
        "And a director?",
        [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": "…"}],
        api_name="/ask",
    )
    assert answer["error"] is None and "Participate in alliance governance process" in answer["text"]


@pytest.fixture(scope="module")
def http(app):
    with httpx.Client(base_url=app.url, timeout=60) as client:
        yield client


def test_the_json_api_answers(http):
    reply = http.post("/api/ask", json={"question": QUESTION, "history": []})
    assert reply.status_code == 200
    answer = reply.json()
    assert answer["status"] == "answer" and "Define and monitor alliance governance model" in answer["text"]
    assert answer["citations"][0]["code"] == "II C"
    follow = http.post(
        "/api/ask", json={"question": "And a director?", "history": [QUESTION], "profile": {"role": "executive"}}
    ).json()
    assert "Participate in alliance governance process" in follow["text"]
    health = http.get("/api/health").json()
    assert health["status"] == "ok" and health["collection"].startswith("coach-") and health["records"] > 300


@pytest.mark.parametrize(
    "body, expected",
    [
        ("not json", "the request body is not JSON"),
        (json.dumps([QUESTION]), "must be a JSON object"),
        (json.dumps({"history": []}), 'the field "question" is missing'),
        (json.dumps({"question": 5}), "question must be text (a string), not int 5"),
        (json.dumps({"question": QUESTION, "history": "abc"}), "history must be a list"),
        (json.dumps({"question": QUESTION, "history": [1]}), "history[0] must be a string or a message"),
        (json.dumps({"question": QUESTION, "profile": "senior"}), "profile must be an object"),
        (json.dumps({"question": QUESTION, "profile": {"role": "boss"}}), "profile role 'boss' is not one of"),
        (json.dumps({"question": QUESTION, "k": 5}), "unknown field 'k'"),
    ],
)
def test_the_json_api_rejects_a_bad_body_in_one_line(http, app, body, expected):
    reply = http.post("/api/ask", content=body, headers={"content-type": "application/json"})
    assert reply.status_code == 400
    error = reply.json()["error"]
    assert expected in error and "\n" not in error
    assert "Traceback" not in app.log.read_text()


def test_the_json_api_refuses_a_huge_body(http):
    reply = http.post("/api/ask", json={"question": "x" * 2_000_000})
    assert reply.status_code == 413 and "limit" in reply.json()["error"]


# --- limits count what was sent -------------------------------------------------------------------------------
def test_the_length_limit_counts_the_characters_sent_not_their_normal_form(coach, http):
    decomposing = "\u0958" * 3000  # DEVANAGARI QA: NFC turns each into two code points
    assert coach.ask(decomposing).intent != "too-long"
    assert http.post("/api/ask", json={"question": decomposing}).json()["intent"] != "too-long"
    over = coach.ask("a" * (coach.settings.max_question_chars + 1))
    assert over.intent == "too-long" and f"{coach.settings.max_question_chars + 1:,} characters" in over.text


# --- logs -------------------------------------------------------------------------------------------------------
def test_an_unexpected_error_logs_neither_the_question_nor_a_traceback(coach, monkeypatch, caplog):
    def broken(text, *args, **kwargs):
        raise RuntimeError(f"could not read {text!r}")

    monkeypatch.setattr("coach.engine.understand", broken)
    with caplog.at_level(logging.DEBUG):
        answer = coach.ask(f"my plan is {SECRET}")
    assert answer.status == "error" and answer.text.startswith("Sorry")
    logged = "\n".join(record.getMessage() + str(record.exc_info or "") for record in caplog.records)
    assert "RuntimeError" in logged and SECRET not in logged and not any(r.exc_info for r in caplog.records)


def test_the_http_apis_compute_one_answer_per_cpu_with_the_composer_and_more_with_an_llm():
    from coach.settings import Settings

    assert Settings.from_env({"COACH_WORKERS": "2"}).answer_slots == 2
    assert Settings.from_env({"COACH_WORKERS": "64", "COACH_CONCURRENCY": "8"}).answer_slots == 8
    assert Settings.from_env({"COACH_WORKERS": "2", "COACH_LLM": "openai:x", "OPENAI_API_KEY": "k"}).answer_slots == 16
