"""Hardening: the app tried as a hostile or careless client would — one test per finding of issue 20, each named
after its row. Every test here failed on the code before the fix (see the commit that added it).

Real parts throughout: the app (`python app.py`) in its own process with a private temp folder, a real
`chroma run` server and two app replicas for the outage rows, the `mcp` and `gradio_client` clients, Debian's
chromium for the page, the `coach` command line."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from servers import AppServer, ChromaServer, run_async, start_all

ROOT = Path(__file__).resolve().parents[2]
COACH = str(Path(sys.executable).parent / "coach")
LIMIT = 1_000_000  # coach.app.limits.MAX_BODY


# --- a private app, its temp folders and its log ---------------------------------------------------------------
@pytest.fixture(scope="module")
def hardened(settings, coach, tmp_path_factory):
    """The app over the session's index, with temp folders of its own (so what it writes there can be seen)."""
    base = tmp_path_factory.mktemp("hardened")
    temp = base / "tmp"
    temp.mkdir()
    server = AppServer(settings.home, {"TMPDIR": str(temp), "GRADIO_TEMP_DIR": str(temp / "gradio")})
    server.log = base / "app.log"
    server.temp = temp
    server.start()
    yield server
    server.stop()


def files_under(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()}


def call(app, path: str, body=None, raw: bytes | None = None, headers: dict | None = None):
    """(status, headers, reply) of one request — a POST of `body` as JSON or of `raw` as it is, else a GET. The
    reply is JSON when it parses. A server that refuses a body part-way closes the connection: sending stops
    there, and the reply is read."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=120)
    connection.putrequest("GET" if data is None else "POST", path)
    for name, value in {"content-type": "application/json", **(headers or {})}.items():
        connection.putheader(name, value)
    if data is not None:
        connection.putheader("content-length", str(len(data)))
    connection.endheaders()
    try:
        if data:
            connection.send(data)
    except (BrokenPipeError, ConnectionResetError):
        pass
    response = connection.getresponse()
    text = response.read()
    try:
        reply = json.loads(text or b"null")
    except ValueError:
        reply = text.decode("utf-8", "replace")
    return response.status, response.headers, reply


def declared_body(app, path: str, size: int):
    """A request that declares a body of `size` bytes and sends none of it: the limit must not wait for it."""
    connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=30)
    connection.putrequest("POST", path)
    connection.putheader("content-type", "application/json")
    connection.putheader("content-length", str(size))
    connection.endheaders()
    response = connection.getresponse()
    return response.status, json.loads(response.read())


def chunked_body(app, path: str, head: bytes, size: int, tail: bytes):
    """A JSON body of about `size` bytes sent in chunks without a Content-Length (as a streaming client sends
    one); sending stops when the server closes the connection."""
    connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=60)
    connection.putrequest("POST", path)
    connection.putheader("content-type", "application/json")
    connection.putheader("transfer-encoding", "chunked")
    connection.endheaders()
    pieces = [head] + [b"x" * 65536] * (size // 65536) + [tail]
    try:
        for piece in pieces:
            connection.send(b"%x\r\n%s\r\n" % (len(piece), piece))
        connection.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # refused part-way: the reply says why
    response = connection.getresponse()
    return response.status, json.loads(response.read())


def rss_kb(app) -> int:
    status = Path(f"/proc/{app.process.pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1))


def gradio_dependency(app, elem_id: str, event: str) -> int:
    """The id (fn_index) of the page's event handler for `event` on the component `elem_id`, from /config."""
    _, _, config = call(app, "/config")
    component = next(c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == elem_id)
    return next(d["id"] for d in config["dependencies"] if [component, event] in d["targets"])


def gradio_event(app, fn_index: int, data: list) -> dict:
    """Call one of the page's handlers directly, as the page's queue protocol does (join, then read the event
    stream), and return its `process_completed` message."""
    session = uuid.uuid4().hex
    status, _, reply = call(
        app,
        "/gradio_api/queue/join",
        {"data": data, "fn_index": fn_index, "session_hash": session, "event_data": None, "trigger_id": None},
    )
    assert status == 200, reply
    with urllib.request.urlopen(f"{app.url}/gradio_api/queue/data?session_hash={session}", timeout=120) as stream:
        for line in stream:
            if line.startswith(b"data:"):
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    return message
    raise AssertionError("the event stream ended without process_completed")


def log_lines(app) -> list[str]:
    return app.log.read_text(encoding="utf-8", errors="replace").splitlines()


# --- row 1 -------------------------------------------------------------------------------------------------------
def test_row01_every_gradio_route_has_the_body_limit(hardened):
    """A 200 MB question was accepted by Gradio's /ask; four 100 MB histories took the process from 754 MB to
    1.8 GB and 1.46 GB stayed held. Now every Gradio route refuses a body over 1 MB, by its declared length at
    once and by what arrived when no length is declared, and memory stays flat."""
    for path in ("/gradio_api/queue/join", "/gradio_api/call/ask", "/gradio_api/run/ask", "/gradio_api/api/ask"):
        status, reply = declared_body(hardened, path, 200_000_000)
        assert status == 413 and reply == {"error": f"the request body is 200,000,000 bytes; the limit is {LIMIT:,}."}
    before = rss_kb(hardened)
    for _ in range(4):
        status, reply = chunked_body(hardened, "/gradio_api/call/ask", b'{"data": ["hi", ["', 100_000_000, b'"]]}')
        assert status == 413 and f"the limit is {LIMIT:,}" in reply["error"]
    assert rss_kb(hardened) - before < 50_000, "the refused bodies were kept in memory"
    # the question limit still speaks for a question that fits in the body
    from gradio_client import Client

    answer = Client(hardened.url, verbose=False).predict("governance " * 455, [], api_name="/ask")
    assert answer["status"] == "refused" and "the limit is 4,000" in answer["text"]


# --- row 2 -------------------------------------------------------------------------------------------------------
def test_row02_the_conversation_download_writes_nothing_and_is_bounded(hardened):
    """Called directly, the download handler took any data: one 529 MB request wrote a 527 MB file under the
    temp folder and a copy in Gradio's cache, and ordinary downloads were never deleted. Now the page saves
    the file itself: the server writes nothing, and what it is sent is bounded."""
    fn_index = gradio_dependency(hardened, "download-chat", "click")
    answer = {"text": "y" * 18_000, "citations": [], "status": "answer"}
    exchanges = [{"question": f"question {n}", "turn": "", "answer": answer} for n in range(50)]  # ~900 KB
    before = files_under(hardened.temp)
    completed = gradio_event(hardened, fn_index, [{"v": 1, "exchanges": exchanges}])
    assert files_under(hardened.temp) == before, "the download was written to the server's disk"
    saved = completed["output"]["data"][0]
    assert re.fullmatch(r"alliance-coach-\d{8}-\d{6}\.md", saved["name"]) and saved["type"].startswith("text/markdown")
    assert saved["text"].count("## ") == 50 and len(saved["text"]) < 1_000_000
    status, _, reply = call(
        hardened,
        "/gradio_api/queue/join",
        {"data": [{"v": 1, "exchanges": exchanges * 2}], "fn_index": fn_index, "session_hash": "x"},
    )
    assert status == 413 and "the limit is 1,000,000" in reply["error"]
    assert files_under(hardened.temp) == before


# --- row 3 -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/gradio_api/upload", "/gradio_api/process_recording"])
def test_row03_no_anonymous_uploads(hardened, path):
    """A 100 MB file was stored through /gradio_api/upload though the app has no upload field."""
    boundary = "coachboundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.bin"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + b"\0" * 500_000
        + f"\r\n--{boundary}--\r\n".encode()
    )
    before = files_under(hardened.temp)
    status, _, reply = call(
        hardened, path, raw=body, headers={"content-type": f"multipart/form-data; boundary={boundary}"}
    )
    assert status == 404 and reply == {"error": "this app takes no uploads: it has no file or media input."}
    assert files_under(hardened.temp) == before


# --- row 4 -------------------------------------------------------------------------------------------------------
BAD_TEXTS = [(5, "int 5"), (None, "NoneType None"), ({"a": 1}, "dict {'a': 1}")]


def _asked(route: str, part: dict):
    message = {"role": "user", "content": [part]}
    if route == "api-history":
        return "/api/ask", {"question": "and a director?", "history": [message]}
    if route == "v1-question":
        return "/v1/chat/completions", {"model": "alliance-coach", "messages": [message]}
    return "/v1/chat/completions", {
        "model": "alliance-coach",
        "messages": [message, {"role": "user", "content": "and a director?"}],
    }


@pytest.mark.parametrize("text, shown", BAD_TEXTS, ids=["number", "null", "dict"])
@pytest.mark.parametrize("route", ["api-history", "v1-question", "v1-history", "gradio-ask"])
def test_row04_a_content_part_whose_text_is_not_a_string_is_a_400_naming_it(hardened, route, text, shown):
    """A content part whose `text` was a number, null or a dict was an HTTP 500 (Gradio: {"error": null}) and
    a traceback in the log."""
    part = {"type": "text", "text": text}
    if route == "gradio-ask":
        from gradio_client import Client

        reply = Client(hardened.url, verbose=False).predict(
            "and a director?", [{"role": "user", "content": [part]}], api_name="/ask"
        )
        assert reply["status"] == "error" and reply["citations"] == []
        assert reply["error"] == f"history[0].content[0].text must be text (a string), not {shown}."
    else:
        path, body = _asked(route, part)
        status, _, reply = call(hardened, path, body)
        assert status == 400, reply
        message = reply["error"]["message"] if path.startswith("/v1") else reply["error"]
        field = {"api-history": "history[0]", "v1-question": "messages[0]", "v1-history": "messages[0]"}[route]
        assert message == f"{field}.content[0].text must be text (a string), not {shown}."
    assert not any("Traceback" in line for line in log_lines(hardened))


# --- row 5 -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path", ["/api/ask", "/v1/chat/completions", "/gradio_api/queue/join", "/gradio_api/call/ask", "/gradio_api/mcp/"]
)
def test_row05_json_nested_100000_levels_is_a_400(hardened, path):
    """JSON nested 100,000 levels was an HTTP 500 and a traceback (Python's parser recurses per level)."""
    deep = b'{"question": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    status, _, reply = call(hardened, path, raw=deep, headers={"accept": "application/json, text/event-stream"})
    assert status == 400, reply
    text = json.dumps(reply)
    assert "the request body nests deeper than 64 levels; no valid request needs that many." in text
    assert not any("Traceback" in line or "RecursionError" in line for line in log_lines(hardened))


# --- rows 6 and 8: two replicas on one Chroma server ------------------------------------------------------------
@pytest.fixture(scope="module")
def team(settings, coach, tmp_path_factory, chroma_seed):
    """A real `chroma run` holding the index and two app replicas reading it, as the README's Teams section
    runs them (the server starts from the session's seeded index, so `coach index` finds it up to date)."""
    base = tmp_path_factory.mktemp("team")
    chroma = ChromaServer(base / "chroma", seed=chroma_seed).start()
    env = {**os.environ, "COACH_HOME": str(base / "indexer"), "COACH_CHROMA_URL": chroma.url}
    indexed = subprocess.run([COACH, "index"], capture_output=True, text=True, env=env, timeout=300)
    assert indexed.returncode == 0, indexed.stderr
    replicas = start_all([AppServer(base / f"replica-{n}", {"COACH_CHROMA_URL": chroma.url}) for n in range(2)])
    yield chroma, replicas
    for replica in replicas:
        replica.stop()
    chroma.stop()


@pytest.fixture
def chroma_down(team):
    """The team's Chroma server stopped for the test, then started again (on the same port and data)."""
    chroma, replicas = team
    chroma.stop()
    try:
        yield chroma, replicas
    finally:
        if chroma.process.poll() is not None:  # unless the test started it again itself
            chroma.start()


def proxy_retries_on() -> set[int]:
    """The statuses the README's nginx example passes to the next replica (`proxy_next_upstream`)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rule = re.search(r"location /api/ \{.*?proxy_next_upstream ([^;]+);", readme, re.DOTALL).group(1)
    return {int(code) for code in re.findall(r"http_(\d{3})", rule)}


def test_row06_an_index_outage_is_503_on_health_and_ask_under_two_replicas(chroma_down):
    """The health check said ok while the Chroma server was down, and /api/ask answered the outage with HTTP 200
    and status error, so the README's proxy rule (retry on 502/503) never fired."""
    chroma, replicas = chroma_down
    assert 503 in proxy_retries_on()
    question = {"question": "how do I end an alliance?", "history": []}
    for replica in replicas:
        status, headers, reply = call(replica, "/api/health")
        assert status == 503 and headers["Retry-After"] == "5" and reply["status"] == "unavailable"
        status, headers, reply = call(replica, "/api/ask", question)
        assert status == 503 and headers["Retry-After"] == "5"
        assert reply["status"] == "error" and "did not answer" in reply["text"] and reply["citations"] == []
        chat = {"model": "alliance-coach", "messages": [{"role": "user", "content": question["question"]}]}
        status, headers, reply = call(replica, "/v1/chat/completions", chat)
        assert status == 503 and headers["Retry-After"] == "5" and reply["error"]["type"] == "server_error"
    chroma.start()
    for replica in replicas:  # back as soon as the server is: nothing restarted
        status, _, reply = call(replica, "/api/health")
        assert status == 200 and reply["status"] == "ok" and reply["records"] == 347
        status, _, reply = call(replica, "/api/ask", question)
        assert status == 200 and "[II M.2]" in reply["text"]


def test_row08_no_server_address_or_folder_in_replies(chroma_down, settings, coach, tmp_path):
    """Error texts showed the Chroma server's address; answer notes showed the index folder's path."""
    chroma, replicas = chroma_down
    address = f"127.0.0.1:{chroma.port}"
    question = {"question": "how do I end an alliance?", "history": []}
    chat = {"model": "alliance-coach", "messages": [{"role": "user", "content": question["question"]}]}
    for replica in replicas:
        for path, body in (("/api/ask", question), ("/api/health", None), ("/v1/chat/completions", chat)):
            status, _, reply = call(replica, path, body)
            assert status == 503 and address not in json.dumps(reply), (path, reply)
        searched = mcp_call(replica, "search", {"query": "governance"})
        assert searched.is_error and "did not answer" in searched.content[0].text
        assert address not in searched.content[0].text
        assert address in replica.log.read_text()  # the operator's log keeps it
    from coach import Coach
    from coach.settings import Settings

    home = tmp_path / "home"
    shutil.copytree(settings.home, home, ignore=shutil.ignore_patterns("*.lock", "*.damaged-*"))
    embedded = Coach(Settings.from_env({"COACH_HOME": str(home)}))
    shutil.rmtree(home / "indexes")
    answer = embedded.ask("how do I end an alliance?")
    assert answer.notes and "was gone, so it was rebuilt" in answer.notes[0]
    assert str(tmp_path) not in json.dumps(answer.as_dict()) and "coach-" not in " ".join(answer.notes)


def mcp_call(app, tool: str, arguments: dict):
    from mcp import Client

    async def work():
        async with Client(f"{app.url}/gradio_api/mcp/", read_timeout_seconds=120) as client:
            return await client.call_tool(tool, arguments)

    return run_async(work)


# --- row 7 -------------------------------------------------------------------------------------------------------
def test_row07_a_failed_mcp_call_logs_no_user_text(hardened):
    """A failed MCP tool call logged its argument verbatim at INFO: a 100 KB `lookup` code became a 100 KB
    log line."""
    result = mcp_call(hardened, "lookup", {"code": "Z" * 100_000})
    assert result.is_error and "is not a matrix code" in result.content[0].text
    assert len(result.content[0].text) < 300  # the reply does not echo 100 KB back either
    lines = log_lines(hardened)
    assert max(len(line) for line in lines) < 1_000 and not any("ZZZZZZZZZZ" in line for line in lines)
    assert any("Tool 'lookup' failed" in line and "characters, sha256" in line for line in lines)


# --- row 9 -------------------------------------------------------------------------------------------------------
@pytest.mark.browser
def test_row09_typed_latex_is_shown_as_text(desktop):
    """`$$x^2$$` typed in the chat was rendered as KaTeX maths in the user's own message."""
    from pages import ask

    ask(desktop, "$$x^2$$ and $y$ what is a strategic alliance?")
    user = desktop.locator('#chat [data-testid="user"]').last
    assert user.locator(".katex, math").count() == 0
    assert user.inner_text().strip() == "$$x^2$$ and $y$ what is a strategic alliance?"


# --- rows 10 and 11: the command line -----------------------------------------------------------------------------
def coach_cli(settings, *args, timeout: float = 120, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [COACH, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COACH_HOME": str(settings.home), **env},
    )


def one_line_error(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr[-2000:]
    for phrase in phrases:
        assert phrase in lines[0], lines[0]


@pytest.fixture
def one_case(tmp_path) -> Path:
    path = tmp_path / "one.yaml"
    path.write_text("- id: end\n  question: how do I end an alliance?\n  category: lifecycle\n  codes: [II M]\n")
    return path


@pytest.mark.parametrize("option", ["--report", "--snapshot"])
def test_row10_eval_into_a_folder_that_cannot_be_written_is_one_line(settings, coach, one_case, tmp_path, option):
    """`coach eval --report` into a folder that cannot be written was a 41–59-line traceback (after the run)."""
    places = {"--report": str(tmp_path / "report"), "--snapshot": str(tmp_path / "snapshot.json")}
    places[option] = "/proc/1/report" if option == "--report" else "/proc/1/report/snapshot.json"
    arguments = [argument for option_, place in places.items() for argument in (option_, place)]
    started = time.monotonic()
    result = coach_cli(settings, "eval", "--cases", str(one_case), "--no-baseline", *arguments)
    one_line_error(result, option, "/proc/1/report", "cannot write there")
    assert time.monotonic() - started < 60  # said before the evaluation, not after it


@pytest.mark.parametrize("shape", ["nested", "100000-cases", "nested-thresholds"])
def test_row11_an_eval_file_nested_deep_or_too_long_is_one_line_at_once(settings, coach, tmp_path, one_case, shape):
    """An eval file nested 100,000 levels deep was a RecursionError traceback; 100,000 cases ran silently past a
    minute."""
    path = tmp_path / "bad.yaml"
    arguments = ["eval", "--no-baseline", "--report", str(tmp_path / "report"), "--cases"]
    if shape == "nested":
        path.write_text("[" * 100_000 + "]" * 100_000)
        arguments += [str(path)]
        expected = ("nests deeper than 64 levels",)
    elif shape == "100000-cases":
        path.write_text("".join(f"- {{id: c{n}, question: what is II C?, category: roles}}\n" for n in range(100_000)))
        arguments += [str(path)]
        expected = ("the limit is",)
    else:
        path.write_text("splits: " + "[" * 100_000 + "]" * 100_000)
        arguments += [str(one_case), "--thresholds", str(path)]
        expected = ("nests deeper than 64 levels", str(path))
    started = time.monotonic()
    result = coach_cli(settings, *arguments, timeout=90)
    one_line_error(result, *expected)
    assert time.monotonic() - started < 30


# --- row 12 ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"k": -1}, "k=-1 is out of range; ask for 1 to 50 records."),
        ({"k": 0}, "k=0 is out of range"),
        ({"k": 51}, "k=51 is out of range"),
        ({"k": "5"}, "k must be a whole number from 1 to 50, not str '5'; e.g. k=5."),
        ({"k": 2.5}, "k must be a whole number from 1 to 50, not float 2.5"),
        ({"k": True}, "k must be a whole number from 1 to 50, not bool True"),
        ({"filters": "x"}, "filters must be None, a coach.retrieve.Filters or a dict"),
        ({"filters": {"role": "boss"}}, "filters['role'] 'boss' is not a role"),
        ({"filters": {"kinds": [3]}}, "filters['kinds'] must be a list of record kinds"),
    ],
)
def test_row12_python_api_search_arguments_are_checked(coach, kwargs, message):
    """`Coach().search("governance", k=-1)` returned 42 records; k="5" or 2.5 raised TypeError; filters="x"
    AttributeError."""
    from coach.errors import InputError

    with pytest.raises(InputError) as caught:
        coach.search("governance", **kwargs)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "profile, message",
    [
        ("senior", "profile must be None, a coach.records.Profile or a dict with role and certification, not str"),
        ({"role": "boss"}, "profile role 'boss' is not one of mid, senior, executive"),
        ({"level": "senior"}, "profile must be None"),
    ],
)
def test_row12_python_api_ask_names_a_bad_profile(coach, profile, message):
    """`ask(..., profile="senior")` gave only "something went wrong"."""
    answer = coach.ask("what should I develop next?", profile=profile)
    assert answer.status == "error" and message in answer.error and "something went wrong" not in answer.text


def test_row12_python_api_takes_the_documented_shapes(coach):
    assert len(coach.search("governance", k=5)) == 5
    hits = coach.search("governance", k=3, filters={"role": "senior", "kinds": ["responsibility"]})
    assert hits and all(h.passage.kind == "responsibility" and h.passage.role == "senior" for h in hits)
    from coach.records import Profile

    as_dict = coach.ask("what should I develop next?", profile={"role": "senior"})
    as_profile = coach.ask("what should I develop next?", profile=Profile(role="senior"))
    assert as_dict.error is None and as_dict.text == as_profile.text


# --- row 13 ------------------------------------------------------------------------------------------------------
@pytest.mark.integration  # the `coach` CLI in its own process
@pytest.mark.parametrize("command", [["ask", "x"], ["index"]])
def test_row13_a_lock_that_can_never_be_taken_is_reported_at_once(settings, command):
    """`COACH_HOME=/proc/1 coach ask x` said "another process is building the index; waiting (up to 600 s)" and
    hung."""
    started = time.monotonic()
    result = coach_cli(settings, *command, timeout=60, COACH_HOME="/proc/1")
    one_line_error(result, "cannot write the index to /proc/1", "set COACH_HOME to a writable folder")
    assert "waiting" not in result.stderr and time.monotonic() - started < 30
