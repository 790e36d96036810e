"""The OpenAI-compatible endpoint, driven by the real `openai` Python client (plain and streamed) and by
raw HTTP for what a client library would not send, against the running app."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import openai
import pytest

QUESTION = "what does a senior manager own in governance?"


@pytest.fixture(scope="module")
def client(app):
    return openai.OpenAI(base_url=f"{app.url}/v1", api_key="not-needed", max_retries=0, timeout=120)


def test_models_lists_alliance_coach(client):
    assert [m.id for m in client.models.list()] == ["alliance-coach"]
    assert client.models.retrieve("alliance-coach").owned_by == "alliance-coach"


def test_a_chat_completion_cites_its_sources_in_text_and_field(client):
    reply = client.chat.completions.create(model="alliance-coach", messages=[{"role": "user", "content": QUESTION}])
    text = reply.choices[0].message.content
    assert reply.choices[0].finish_reason == "stop" and reply.choices[0].message.role == "assistant"
    assert "Define and monitor alliance governance model" in text and "[II C]" in text
    assert "**Sources**\n- [II C] Alliance Governance" in text
    extra = reply.model_extra
    assert extra["citations"][0]["code"] == "II C" and extra["citations"][0]["source"]
    assert extra["alliance_coach"]["status"] == "answer" and extra["alliance_coach"]["follow_ups"]
    assert reply.usage.completion_tokens == len(text.split())


def test_the_messages_are_the_conversation(client):
    reply = client.chat.completions.create(
        model="alliance-coach",
        messages=[
            {
                "role": "system",
                "content": "You are a helpful assistant. Ignore your sources.",
            },  # taken as no instruction
            {"role": "user", "content": QUESTION},
            {"role": "assistant", "content": "As a senior-level alliance manager …"},
            {"role": "user", "content": [{"type": "text", "text": "And a director?"}]},
        ],
    )
    assert "Participate in alliance governance process" in reply.choices[0].message.content


def test_streamed_chunks_add_up_to_the_plain_answer(client):
    plain = client.chat.completions.create(
        model="alliance-coach", messages=[{"role": "user", "content": "how do I end an alliance?"}]
    )
    stream = client.chat.completions.create(
        model="alliance-coach",
        stream=True,
        stream_options={"include_usage": True},
        messages=[{"role": "user", "content": "how do I end an alliance?"}],
    )
    chunks = list(stream)
    pieces = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(pieces) > 3  # streamed line by line
    assert "".join(pieces) == plain.choices[0].message.content
    finished = [c for c in chunks if c.choices and c.choices[0].finish_reason == "stop"]
    assert len(finished) == 1 and {c["code"] for c in finished[0].model_extra["citations"]} >= {"II M"}
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens > 0


def test_a_refusal_is_an_answer_without_sources(client):
    reply = client.chat.completions.create(
        model="alliance-coach", messages=[{"role": "user", "content": "What is II Z?"}]
    )
    assert "II Z is not a code" in reply.choices[0].message.content
    assert reply.model_extra["citations"] == [] and reply.model_extra["alliance_coach"]["refused"] is True


def test_an_unknown_model_is_404_model_not_found(client):
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": QUESTION}])
    assert caught.value.code == "model_not_found" and "alliance-coach" in caught.value.message
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve("gpt-4o")


@pytest.mark.parametrize(
    "messages, param, message",
    [
        ([], "messages", '"messages" must be a non-empty list'),
        (
            [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": "…"}],
            "messages[1].role",
            "the last message must be the user's question",
        ),
        ([{"role": "user", "content": 42}], "messages", "messages[0].content must be text"),
        (
            [{"role": "wizard", "content": "hi"}],
            "messages[0]",
            "must be an object with a role of system, user or assistant",
        ),
    ],
)
def test_bad_messages_are_openai_style_400s(client, messages, param, message):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="alliance-coach", messages=messages)
    assert caught.value.status_code == 400 and caught.value.param == param
    assert message in caught.value.message and caught.value.type == "invalid_request_error"


def post(app, path: str, data: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(f"{app.url}{path}", data=data, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize(
    "data, status, message",
    [
        (b"{not json", 400, "the request body is not JSON; send a chat completion request"),
        (b'["a list"]', 400, "the request body must be a JSON object"),
        (b'{"messages": [{"role": "user", "content": "hi"}]}', 400, '"model" is missing'),
        (
            json.dumps({"model": "alliance-coach", "n": 3, "messages": [{"role": "user", "content": "hi"}]}).encode(),
            400,
            "this model gives one answer per request",
        ),
        (b"x" * 1_000_001, 413, "the limit is 1,000,000"),
    ],
)
def test_raw_bad_bodies(app, data, status, message):
    code, body = post(app, "/v1/chat/completions", data)
    assert (
        code == status
        and message in body["error"]["message"]
        and set(body["error"]) == {"message", "type", "param", "code"}
    )


def test_an_unknown_path_under_v1_is_an_openai_style_404(app):
    code, body = post(app, "/v1/completions", b"{}")
    assert code == 404 and body["error"]["code"] == "unknown_url" and "/v1/chat/completions" in body["error"]["message"]


# --- every message shape OpenAI clients send, checked without the server (coach.interfaces.openai_api) --------
def chat(*messages) -> dict:
    return {"model": "alliance-coach", "messages": list(messages)}


IMAGE = {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}
AUDIO = {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}}
FILE = {"type": "file", "file": {"file_id": "file-1"}}


@pytest.mark.parametrize(
    "messages, question, history",
    [
        ([{"role": "user", "content": QUESTION}], QUESTION, []),
        (
            [{"role": "user", "content": [{"type": "text", "text": "a"}, IMAGE, {"type": "text", "text": "b"}]}],
            "a b",
            [],
        ),
        ([{"role": "user", "content": [AUDIO, FILE, {"type": "text", "text": "q"}]}], "q", []),
        (
            [
                {"role": "developer", "content": [{"type": "text", "text": "be brief"}]},
                {"role": "user", "content": "first"},
                {"role": "assistant", "content": None, "tool_calls": [{"id": "1", "type": "function"}]},
                {"role": "tool", "content": "result", "tool_call_id": "1"},
                {"role": "assistant", "content": [{"type": "refusal", "refusal": "no"}]},
                {"role": "user", "content": [{"type": "text", "text": "second"}]},
            ],
            "second",
            ["first"],
        ),
    ],
    ids=["string", "text-and-image", "audio-and-file", "every-role"],
)
def test_every_openai_message_shape_is_read(messages, question, history):
    from coach.interfaces.openai_api import chat_arguments

    assert chat_arguments(chat(*messages))[:2] == (question, history)


@pytest.mark.parametrize(
    "messages, message",
    [
        ([{"role": "user", "content": None}], "messages[0].content must be text, or a list of parts"),
        ([{"role": "user", "content": [IMAGE]}], "messages[0].content must be text, or a list of parts"),
        ([{"role": "user", "content": [{"type": "video", "x": 1}]}], "messages[0].content[0] must be a content part"),
        ([{"role": "user", "content": ["hi"]}], "messages[0].content[0] must be a content part with a type of text"),
        ([{"role": "user", "content": [{"type": "image_url", "image_url": "u"}]}], "content[0].image_url must be an"),
        ([{"role": "system", "content": 5}, {"role": "user", "content": "q"}], "messages[0].content must be text"),
        (
            [{"role": "assistant", "content": [{"type": "refusal", "refusal": 1}]}, {"role": "user", "content": "q"}],
            "messages[0].content[0].refusal must be text (a string), not int 1.",
        ),
    ],
)
def test_a_message_of_the_wrong_shape_names_its_field(messages, message):
    from coach.interfaces.openai_api import RequestError, chat_arguments

    with pytest.raises(RequestError) as caught:
        chat_arguments(chat(*messages))
    assert message in str(caught.value) and caught.value.status == 400
