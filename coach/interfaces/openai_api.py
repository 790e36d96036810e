"""An OpenAI-compatible chat endpoint on the app, so any OpenAI client or chat front end (Open WebUI,
LibreChat, the `openai` package, LangChain's ChatOpenAI) can use Alliance Coach as a model:

    GET  /v1/models                  the one model, "alliance-coach"
    GET  /v1/models/alliance-coach
    POST /v1/chat/completions        {"model": "alliance-coach", "messages": [...], "stream": false | true}

The messages are the conversation: the last one is the question (it must be the user's), the user
messages before it are the history follow-ups are read against (assistant and system messages are
skipped: the coach re-reads the user's turns, and takes no instructions). The reply's content is the
cited answer followed by a short "Sources" list; the same citations are in the extra top-level field
`citations` (code, title, text, source, kind, flags), and the answer's status, follow-ups and notes in
`alliance_coach`. With "stream": true the answer comes as server-sent `chat.completion.chunk` events
ending in `data: [DONE]`, the extra fields on the last chunk. Sampling parameters (temperature, top_p,
max_tokens, …) are accepted and ignored: the answer is grounded, not sampled.

A stream carries only text the citation guard has passed: when an LLM backend writes the answer, the
guard can trim or replace it only once it is complete, so the text is streamed after that check, in
pieces, rather than as the model writes it.

Each reply's id (`chatcmpl-…`) names the answer for feedback: `POST /api/feedback` with {"message_id": id,
"rating": "up" | "down", "note": …, "areas": […]} (see coach/app/api.py); the latest answers are remembered
in memory for that.

Errors are OpenAI's shape, {"error": {"message", "type", "param", "code"}}: 400 invalid_request_error for
a bad body (a message of the wrong shape names its field), 404 for an unknown model or path under /v1, 413
for a body over the limit, 503 server_error with a Retry-After header when the index cannot be searched (an
unreachable Chroma server; the message says so without naming it: retry later). `usage` counts
words, not tokens (the coach has no tokenizer of the client's model).
"""

from __future__ import annotations

import json
import time
import uuid
from functools import partial

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse

from ..errors import InputError
from ..records import Answer
from .http import RETRY_AFTER, BodyError, json_body

MODEL_ID = "alliance-coach"
CREATED = 1_767_225_600  # 2026-01-01: a fixed "created" for the model list


class RequestError(InputError):
    """A chat request OpenAI's API would reject, with the HTTP status and the field at fault."""

    def __init__(self, message: str, param: str | None = None, status: int = 400, code: str | None = None):
        super().__init__(message)
        self.param, self.status, self.code = param, status, code


def error_body(
    message: str, param: str | None = None, code: str | None = None, kind: str = "invalid_request_error"
) -> dict:
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


def chat_arguments(body) -> tuple[str, list, bool, bool]:
    """(question, history, stream, include_usage) of a chat-completion body, or a RequestError."""
    from ..inputs import describe_value, message_text

    if not isinstance(body, dict):
        raise RequestError(
            'the request body must be a JSON object such as {"model": "alliance-coach", '
            '"messages": [{"role": "user", "content": "…"}]}.'
        )
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise RequestError('"model" is missing; use "alliance-coach".', "model")
    if model != MODEL_ID:
        raise RequestError(
            f"The model {model[:80]!r} does not exist; this server has one model, {MODEL_ID!r} (GET /v1/models lists it).",
            "model",
            404,
            "model_not_found",
        )
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise RequestError('"messages" must be a non-empty list of {"role": …, "content": …} messages.', "messages")
    for position, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in (
            "system",
            "developer",
            "user",
            "assistant",
            "tool",
        ):
            raise RequestError(
                f"messages[{position}] must be an object with a role of system, user or assistant and a content.",
                f"messages[{position}]",
            )
    last = messages[-1]
    if last["role"] != "user":
        raise RequestError(
            f"the last message must be the user's question, not a {last['role']} message.",
            f"messages[{len(messages) - 1}].role",
        )
    try:  # every message's content is checked, whichever its role; the user's earlier ones are the history
        texts = [message_text(m.get("content"), f"messages[{n}].content") for n, m in enumerate(messages)]
        question = _question(last.get("content"), texts[-1], len(messages) - 1)
    except InputError as exc:
        raise RequestError(str(exc), "messages") from None
    history = [text for message, text in zip(messages[:-1], texts, strict=False) if message["role"] == "user"]
    n = body.get("n", 1)
    if n not in (1, None):
        raise RequestError(
            f"n={describe_value(n)}: this model gives one answer per request; leave n out or set it to 1.", "n"
        )
    stream = body.get("stream", False)
    if not isinstance(stream, bool) and stream is not None:
        raise RequestError(f'"stream" must be true or false, not {describe_value(stream)}.', "stream")
    options = body.get("stream_options") or {}
    include_usage = bool(isinstance(options, dict) and options.get("include_usage"))
    return question, history, bool(stream), include_usage


def _question(content, text: str, position: int) -> str:
    """The question's text: the last message must carry some (a string, or at least one text part)."""
    if isinstance(content, str) or (isinstance(content, list) and any(part["type"] == "text" for part in content)):
        return text
    raise InputError(
        f'messages[{position}].content must be text, or a list of parts with a {{"type": "text", "text": "…"}} part.'
    )


def reply_text(answer: Answer) -> str:
    """The answer as a chat message: its cited text, then the sources its [codes] point at."""
    if not answer.citations:
        return answer.text
    lines = [answer.text, "", "**Sources**"]
    for citation in answer.citations:
        flags = f" ({', '.join(citation.flags)})" if citation.flags else ""
        lines.append(f"- [{citation.key}] {citation.title}{flags} — {citation.source}")
    return "\n".join(lines)


def extras(answer: Answer) -> dict:
    """The structured fields beside OpenAI's: the citations, and what else the coach says of its answer."""
    data = answer.as_dict()
    return {
        "citations": data["citations"],
        "alliance_coach": {key: data[key] for key in ("status", "refused", "follow_ups", "notes", "backend")},
    }


def usage(question: str, history: list[str], text: str) -> dict:
    asked = sum(len(turn.split()) for turn in [*history, question])
    written = len(text.split())
    return {"prompt_tokens": asked, "completion_tokens": written, "total_tokens": asked + written}


def completion(answer: Answer, question: str, history: list[str], ident: str | None = None) -> dict:
    text = reply_text(answer)
    return {
        "id": ident or _completion_id(),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "system_fingerprint": None,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": usage(question, history, text),
        **extras(answer),
    }


def chunks(answer: Answer, question: str, history: list[str], include_usage: bool, ident: str | None = None):
    """The answer as server-sent chat.completion.chunk events, line by line."""
    ident, created = ident or _completion_id(), int(time.time())

    def event(delta: dict, finish: str | None = None, **more) -> str:
        chunk = {
            "id": ident,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "system_fingerprint": None,
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
            **more,
        }
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

    text = reply_text(answer)
    yield event({"role": "assistant", "content": ""})
    lines = text.split("\n")
    for position, line in enumerate(lines):
        yield event({"content": line + ("\n" if position < len(lines) - 1 else "")})
    yield event({}, "stop", **extras(answer))
    if include_usage:
        final = {
            "id": ident,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [],
            "usage": usage(question, history, text),
        }
        yield f"data: {json.dumps(final)}\n\n"
    yield "data: [DONE]\n\n"


def _completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex[:24]}"


def model_card() -> dict:
    return {"id": MODEL_ID, "object": "model", "created": CREATED, "owned_by": "alliance-coach"}


def router(coach, feedback) -> APIRouter:
    """The OpenAI-compatible routes; `feedback` is the service the app's other routers share (app.server)."""
    api = APIRouter()
    limiter = anyio.CapacityLimiter(coach.settings.answer_slots)

    def failure(status: int, message: str, param: str | None = None, code: str | None = None) -> JSONResponse:
        return JSONResponse(error_body(message, param, code), status_code=status)

    @api.get("/v1/models")
    def models():
        return {"object": "list", "data": [model_card()]}

    @api.get("/v1/models/{model_id}")
    def model(model_id: str):
        if model_id != MODEL_ID:
            return failure(
                404,
                f"The model {model_id!r} does not exist; this server has one model, {MODEL_ID!r}.",
                "model",
                "model_not_found",
            )
        return model_card()

    @api.post("/v1/chat/completions")
    async def chat_completions(request: Request):
        try:
            body = await json_body(request, "a chat completion request")
        except BodyError as exc:
            return failure(400, str(exc))
        try:
            question, history, stream, include_usage = chat_arguments(body)
        except RequestError as exc:
            return failure(exc.status, str(exc), exc.param, exc.code)
        answer = await anyio.to_thread.run_sync(partial(coach.ask, question, history), limiter=limiter)
        if answer.error:  # the index or a server behind it failed, not the request: retry later
            return JSONResponse(
                error_body(answer.text, kind="server_error"), status_code=503, headers={"Retry-After": RETRY_AFTER}
            )
        ident = feedback.remember(question, history, answer, "openai", _completion_id())
        if stream:
            return StreamingResponse(
                chunks(answer, question, history, include_usage, ident),
                media_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        return JSONResponse(completion(answer, question, history, ident))

    @api.api_route("/v1/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    def unknown(path: str):
        return failure(
            404,
            f"/v1/{path} is not an endpoint of this server; it serves GET /v1/models and POST /v1/chat/completions.",
            code="unknown_url",
        )

    return api
