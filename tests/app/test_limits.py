"""Bounded input: JSON and YAML depth measured before parsing (coach/parsing.py), and the request limits every
route of the app passes first (coach/app/limits.py), driven as ASGI — the way uvicorn calls it — with a real
inner application that records what reached it. The app as a whole is tried in tests/app/test_hardening.py."""

from __future__ import annotations

import json

import anyio
import pytest
import yaml
from servers import run_async

from coach.app import limits
from coach.errors import InputError
from coach.parsing import MAX_DEPTH, json_too_deep, load_json, load_yaml


# --- parsing ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, deep",
    [
        ("[" * MAX_DEPTH + "]" * MAX_DEPTH, False),
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), True),
        ('{"a": ' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1), True),
        (json.dumps({"text": "[" * 500 + '\\"{' * 100}), False),  # brackets inside a string do not nest
        (json.dumps([{"a": [1, 2, {"b": "]]]]"}]} for _ in range(5000)]), False),  # many, but shallow
        ("[" * 100_000 + "]" * 100_000, True),
        ("[" * 100_000, True),  # unclosed: still too deep before it is found broken
    ],
)
def test_json_depth_is_measured_without_parsing(text, deep):
    assert json_too_deep(text.encode()) is deep


def test_load_json_parses_what_is_shallow_and_names_what_is_deep():
    assert load_json('{"a": [1, {"b": "[[["}]}', "the body") == {"a": [1, {"b": "[[["}]}
    with pytest.raises(InputError, match=r"^the body nests deeper than 64 levels"):
        load_json("[" * 100_000 + "]" * 100_000, "the body")
    with pytest.raises(ValueError):
        load_json("{not json", "the body")


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, "- " * 100_000 + "x", "a:\n" + "".join(f"{' ' * n}b:\n" for n in range(1, 200))],
    ids=["flow", "block-sequence", "block-mapping"],
)
def test_load_yaml_refuses_deep_nesting_in_any_style(text):
    with pytest.raises(InputError, match=r"^the file nests deeper than 64 levels"):
        load_yaml(text, "the file")


def test_load_yaml_reads_ordinary_yaml_as_safe_load_does():
    text = "- id: a\n  turns: [x, y]\n  mention: [[p, q], r]\n- {id: b, question: 'II C?'}\n"
    assert load_yaml(text, "f") == yaml.safe_load(text)
    with pytest.raises(yaml.YAMLError):
        load_yaml("a: [1, 2", "f")


# --- the request limits, as ASGI --------------------------------------------------------------------------------
class Recorder:
    """The inner app: records the body it read and answers 200."""

    def __init__(self):
        self.bodies: list[bytes] = []

    async def __call__(self, scope, receive, send):
        body = b""
        if scope["method"] == "POST":
            while True:
                message = await receive()
                body += message.get("body", b"")
                if not message.get("more_body"):
                    break
        self.bodies.append(body)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def run_request(path: str, chunks: list[bytes], method: str = "POST", headers=None, pause: float = 0, limit=None):
    """(status, reply, what the inner app read) for one request whose body arrives in `chunks`."""
    inner = Recorder()
    app = limits.RequestLimits(inner, **({"max_body": limit} if limit else {}))
    scope = {"type": "http", "method": method, "path": path, "headers": headers or []}
    pending = [{"type": "http.request", "body": c, "more_body": n < len(chunks) - 1} for n, c in enumerate(chunks)]
    sent = []

    async def receive():
        if pending:
            await anyio.sleep(pause)
            return pending.pop(0)
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    run_async(lambda: app(scope, receive, send))  # in a thread: the browser tests keep a loop in this one
    run_request.unread = len(pending)
    status = sent[0]["status"]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    reply = json.loads(body) if status != 200 else body.decode()
    return status, reply, inner.bodies


def test_a_body_within_the_limit_reaches_the_route_whole():
    status, reply, bodies = run_request("/api/ask", [b'{"question": ', b'"hi"}'])
    assert status == 200 and reply == "ok" and bodies == [b'{"question": "hi"}']


def test_a_declared_length_far_over_the_limit_is_refused_unread():
    chunks = [b"x" * 100_000] * 3
    status, reply, bodies = run_request("/api/ask", chunks, headers=[(b"content-length", b"50000000")])
    assert status == 413 and bodies == [] and run_request.unread == 3  # not one byte of it read
    assert reply == {"error": "the request body is 50,000,000 bytes; the limit is 1,000,000."}


def test_a_body_a_little_over_the_limit_is_read_and_dropped_so_the_client_reads_the_refusal():
    chunks = [b"x" * 500_000] * 3
    status, reply, bodies = run_request("/api/ask", chunks, headers=[(b"content-length", b"1500000")])
    assert status == 413 and bodies == [] and run_request.unread == 0
    assert reply == {"error": "the request body is 1,500,000 bytes; the limit is 1,000,000."}


def test_an_undeclared_body_is_refused_as_soon_as_it_passes_the_limit():
    status, reply, bodies = run_request("/gradio_api/queue/join", [b"x" * 600] * 3, limit=1000)
    assert status == 413 and bodies == []
    assert reply == {"error": "the request body is over 1,000 bytes; the limit is 1,000."}


def test_an_undeclared_body_is_dropped_only_up_to_a_bound(monkeypatch):
    monkeypatch.setattr(limits, "DRAIN_BYTES", 5_000)
    status, _, bodies = run_request("/api/ask", [b"x" * 1_000] * 20, limit=2_000)
    assert status == 413 and bodies == [] and 0 < run_request.unread < 17  # the rest is never read


def test_a_body_that_does_not_arrive_in_time_is_408(monkeypatch):
    monkeypatch.setattr(limits, "BODY_SECONDS", 0.2)
    status, reply, bodies = run_request("/api/ask", [b"{"] * 5, pause=0.1)
    assert status == 408 and bodies == [] and "did not arrive within 0.2 s" in reply["error"]


@pytest.mark.parametrize(
    "path, shape",
    [
        ("/api/ask", {"error": str}),
        ("/gradio_api/queue/join", {"error": str}),
        ("/v1/chat/completions", {"error": {"message": str, "type": str, "param": None, "code": None}}),
        ("/gradio_api/mcp/", {"jsonrpc": str, "id": None, "error": {"code": int, "message": str}}),
    ],
)
def test_refusals_have_each_route_s_own_error_shape(path, shape):
    status, reply, _ = run_request(path, [b"[" * 1000 + b"]" * 1000])
    assert status == 400

    def matches(value, expected):
        if isinstance(expected, dict):
            return set(value) == set(expected) and all(matches(value[k], expected[k]) for k in expected)
        return value is None if expected is None else isinstance(value, expected)

    assert matches(reply, shape), reply
    assert "nests deeper than 64 levels" in json.dumps(reply)


def test_a_deep_body_that_is_not_json_is_left_to_its_route():
    status, _, bodies = run_request("/api/ask", [b"x" + b"[" * 1000])
    assert status == 200 and len(bodies[0]) == 1001


@pytest.mark.parametrize("path", ["/gradio_api/upload", "/gradio_api/upload_progress", "/gradio_api/stream/abc"])
def test_upload_routes_do_not_exist(path):
    status, reply, bodies = run_request(path, [b"data"])
    assert status == 404 and bodies == [] and "takes no uploads" in reply["error"]


def test_a_get_is_passed_on_without_reading_a_body():
    status, _, bodies = run_request("/api/health", [b"ignored"], method="GET")
    assert status == 200 and bodies == [b""]
