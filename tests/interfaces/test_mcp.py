"""The MCP server, driven by the official `mcp` SDK client: over streamable HTTP against the running app
(/gradio_api/mcp/), and over stdio against `coach mcp` started as a desktop agent starts it. Real index,
real embedding model, real transports; no stand-in."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("mcp")

from mcp import Client, StdioServerParameters
from servers import run_async

QUESTION = "what does a senior manager own in governance?"
TOOLS = ["ask", "search", "lookup", "compare_roles", "development_gaps"]
COACH = str(Path(sys.executable).parent / "coach")


def session(server, work, mode="auto"):
    """Run `work(client)` in one MCP session and return what it returns."""

    async def main():
        async with Client(server, mode=mode, read_timeout_seconds=120) as client:
            return await work(client)

    return run_async(main)


@pytest.fixture(scope="module")
def url(app):
    return f"{app.url}/gradio_api/mcp/"


async def ask_governance(client):
    listed = await client.list_tools()
    result = await client.call_tool("ask", {"question": QUESTION})
    return listed.tools, result


def check_governance(tools, result):
    assert [tool.name for tool in tools] == TOOLS
    for tool in tools:
        assert len(tool.description) > 80 and tool.input_schema["type"] == "object" and tool.output_schema
        assert all(spec.get("description") for spec in tool.input_schema["properties"].values()), tool.name
    assert not result.is_error
    answer = result.structured_content
    assert answer["status"] == "answer" and answer["citations"][0]["code"] == "II C"
    assert "Define and monitor alliance governance model" in answer["text"] and "[II C]" in answer["text"]
    assert answer["follow_ups"], "ask returns suggested follow-ups"
    assert "II C" in result.content[0].text  # the text block carries the same result, for clients without schemas


@pytest.mark.parametrize("mode", ["auto", "legacy"])  # the current protocol and the initialize handshake
def test_http_lists_the_tools_and_ask_cites_II_C(url, mode):
    check_governance(*session(url, ask_governance, mode))


def test_the_path_without_its_trailing_slash_works_too(url):
    tools, _ = session(url.rstrip("/"), ask_governance)
    assert [tool.name for tool in tools] == TOOLS


def test_stdio_coach_mcp_serves_the_same_tools(settings, coach):
    params = StdioServerParameters(command=COACH, args=["mcp"], env={**os.environ, "COACH_HOME": str(settings.home)})
    check_governance(*session(params, ask_governance))


def call(url, name, arguments):
    async def work(client):
        return await client.call_tool(name, arguments)

    return session(url, work)


def test_ask_reads_a_follow_up_against_the_history(url):
    result = call(url, "ask", {"question": "And a director?", "history": [QUESTION]})
    assert "Participate in alliance governance process" in result.structured_content["text"]


def test_ask_refuses_outside_the_domain(url):
    result = call(url, "ask", {"question": "What is the capital of France?"})
    assert result.structured_content["status"] == "refused" and result.structured_content["citations"] == []


def test_search_with_filters(url):
    result = call(url, "search", {"query": "governance", "k": 3, "role": "senior", "kind": "responsibility"})
    hits = result.structured_content["hits"]
    assert len(hits) == 3 and all(h["kind"] == "responsibility" and h["role"] == "senior" for h in hits)
    assert hits[0]["codes"] == ["II C"] and hits[0]["text"] == "Define and monitor alliance governance model (II C)"
    csap = call(url, "search", {"query": "II C", "k": 10, "cert": "CSAP", "kind": ["item"]}).structured_content["hits"]
    assert [h["codes"][0] for h in csap[:4]] == ["II C.1", "II C.2", "II C.3", "II C.5"]  # II C.4 is CA-AM only
    assert all("CSAP" in h["flags"] for h in csap)


def test_lookup_an_item_and_an_area(url):
    item = call(url, "lookup", {"code": "ii c.1"}).structured_content
    assert item["code"] == "II C.1" and item["kind"] == "item" and item["name"] == "Design an alliance governance model"
    assert item["flags"] == ["CSAP", "Core"] and item["exam"] == "CSAP only"
    area = call(url, "lookup", {"code": "II M"}).structured_content
    assert area["kind"] == "area" and len(area["items"]) == 11 and area["name"] == "Termination and/or Transformation"
    assert {owner["role"] for owner in area["owners"]} <= {"mid", "senior", "executive"}


@pytest.mark.parametrize(
    "arguments, message",
    [
        ({"code": "II Z"}, "II Z is not a code of the ASAP competency matrix. Nearest valid codes: II O, II N, II M"),
        ({"code": "governance"}, "is not a matrix code; codes look like 'II C'"),
    ],
)
def test_lookup_of_a_bad_code_is_a_tool_error_naming_the_fix(url, arguments, message):
    result = call(url, "lookup", arguments)
    assert result.is_error and message in result.content[0].text


def test_compare_roles_in_an_area(url):
    result = call(url, "compare_roles", {"role_a": "senior", "role_b": "mid", "area": "II C"}).structured_content
    assert result["roles"] == ["mid", "senior"] and result["area"] == "II C"
    assert (
        "Support governance process" in result["text"]
        and "Define and monitor alliance governance model" in result["text"]
    )
    assert {"II C", "II C.1", "II C.4"} <= {c["code"] for c in result["citations"]}


def test_compare_roles_rejects_the_same_role_twice_and_an_item_as_area(url):
    same = call(url, "compare_roles", {"role_a": "mid", "role_b": "mid"})
    assert same.is_error and "compare two different roles" in same.content[0].text
    item = call(url, "compare_roles", {"role_a": "mid", "role_b": "senior", "area": "II C.1"})
    assert item.is_error and "give the area code, e.g. II C" in item.content[0].text
    role = call(url, "compare_roles", {"role_a": "boss", "role_b": "mid"})
    assert role.is_error and "role_a" in role.content[0].text


def test_development_gaps_from_ratings(url, model):
    result = call(
        url, "development_gaps", {"path": "CA-AM -> CSAP", "ratings": {"II C.1": 1, "II C.3": 3}}
    ).structured_content
    csap = [item for item in model.items if item.flags.csap]
    assert result["path"] == "CA-AM → CSAP" and result["rated"] == len(csap)
    governance = next(area for area in result["areas"] if area["area"] == "II C")
    gaps = {gap["code"]: gap["rating"] for gap in governance["gaps"]}
    assert gaps["II C.1"] == 1 and "II C.3" not in gaps and "II C.2" not in gaps  # II C.2: CA-AM already expects it
    assert "[II C.1] Design an alliance governance model — you: 1 (aware of it)" in result["markdown"]
    assert any("not rated" in note for note in result["notes"])
    assert governance["actions"] and all("[" in action for action in governance["actions"])  # each action cited


def test_development_gaps_show_what_the_target_job_adds_even_when_levels_match(url):
    result = call(
        url, "development_gaps", {"path": "Senior-level -> Executive-level", "ratings": {}}
    ).structured_content
    rows = [change for change in result["job_changes"] if change["kind"] == "row"]
    assert any(change["text"].startswith("Scope of Responsibilities") for change in rows), result["job_changes"]
    assert all(change["cites"] for change in result["job_changes"])


@pytest.mark.parametrize(
    "arguments, message",
    [
        ({"path": "intern → CEO"}, "is not one of the development paths; use one of: CA-AM → CSAP"),
        ({"path": "CA-AM → CSAP", "ratings": {"II C.1": 7}}, "the rating of II C.1 is 7; use 0 (new to me)"),
        ({"path": "CA-AM → CSAP", "ratings": {"II C": 1}}, "is an area; rate its competencies"),
    ],
)
def test_development_gaps_bad_arguments(url, arguments, message):
    result = call(url, "development_gaps", arguments)
    assert result.is_error and message in result.content[0].text


def test_a_failed_tool_call_is_logged_without_its_text():
    """The SDK logs a failed call's error text at INFO; an error quotes the argument, so only its length and
    hash reach the log (the whole call is tried against the app in test_hardening.py, row 7)."""
    import logging

    from coach.interfaces.mcp_server import _ToolFailures

    record = logging.LogRecord(
        _ToolFailures.LOGGER, logging.INFO, "x", 1, _ToolFailures.MESSAGE, ("lookup", "'S3CR3T' is bad"), None
    )
    _ToolFailures().filter(record)
    line = record.getMessage()
    assert "S3CR3T" not in line and line.startswith("Tool 'lookup' failed") and "15 characters, sha256 " in line
    other = logging.LogRecord(
        _ToolFailures.LOGGER, logging.INFO, "x", 1, "Tool %r rejected arguments: %r", ("a", ["k"]), None
    )
    _ToolFailures().filter(other)
    assert other.getMessage() == "Tool 'a' rejected arguments: ['k']"  # field names only: left as the SDK wrote it
