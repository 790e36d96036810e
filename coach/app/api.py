"""`POST /api/ask`: the plain JSON endpoint, for scripts, load balancers' health checks and anything that
does not speak Gradio's queue protocol.

    curl -s http://127.0.0.1:7860/api/ask -H 'content-type: application/json' \\
         -d '{"question": "what does a senior manager own in governance?", "history": []}'

The body is {"question": str, "history": [str | {"role", "content"}] (optional), "profile": {"role",
"certification"} (optional)}; the reply is `Answer.as_dict()` (text, citations, status, follow_ups, …).
A body of the wrong shape is HTTP 400 with {"error": "<one line naming the field and the fix>"}; an answer
that failed because the index cannot be read (a Chroma server down) is HTTP 503 with a Retry-After header and
the answer's JSON, so a reverse proxy retries on another replica. `GET /api/health` reads the index as a
question would: {"status": "ok", "collection": …, "records": …}, or 503 {"status": "unavailable", "error": …}
when it cannot be read. Neither names the server's addresses or folders (the server's log does).

The reply also carries an "id": `POST /api/feedback` takes {"message_id": <that id, or a /v1/chat/completions
reply's id>, "rating": "up" | "down", "note": "what was wrong", "areas": ["II M"]} (note, areas and "op"
optional; see coach/feedback.py), or the "question", "history" and "answer" instead of the id. It answers
{"status": "stored", "id": <the feedback's id>}; 403 when COACH_FEEDBACK=off.

Why beside Gradio's `/ask`: a Gradio call is a queue join plus a server-sent-event stream (two requests
and several messages per answer) and the gradio_client library polls for them every 50 ms, which costs
more than answering. This endpoint is one request, answered in a worker thread; at most
`Settings.answer_slots` answers run at once (one per CPU with the composer), the rest wait their turn.
"""

from __future__ import annotations

import logging
from functools import partial

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from .. import arguments
from ..errors import CoachError, IndexError_, InputError
from ..interfaces.http import RETRY_AFTER, BodyError, json_body

log = logging.getLogger(__name__)


def ask_arguments(body) -> tuple[str, list[str], object]:
    """The (question, the user's earlier turns, profile) of a request body, or an InputError naming the bad
    field; the history is read once here, before any work is queued."""
    from ..inputs import history_turns, question_text

    if not isinstance(body, dict):
        raise InputError('the request body must be a JSON object such as {"question": "…", "history": []}.')
    unknown = sorted(set(body) - {"question", "history", "profile"})
    if unknown:
        raise InputError(f"unknown field {unknown[0]!r}; the fields are question, history and profile.")
    if "question" not in body:
        raise InputError('the field "question" is missing; send {"question": "…"}.')
    question = question_text(body["question"])
    turns = history_turns(body.get("history"))
    profile = body.get("profile")
    if profile is not None and (not isinstance(profile, dict) or set(profile) - {"role", "certification"}):
        raise InputError(
            'profile must be an object {"role": "mid" | "senior" | "executive", '
            '"certification": "CA-AM" | "CSAP"} (either may be left out).'
        )
    return question, turns, arguments.profile(profile)


def router(coach, feedback) -> APIRouter:
    """The JSON API's routes; `feedback` is the service the app's other routers share (app.server)."""
    from ..feedback import FeedbackError

    api = APIRouter()
    limiter = anyio.CapacityLimiter(coach.settings.answer_slots)

    def failure(status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": message}, status_code=status)

    @api.post("/api/ask")
    async def ask(request: Request):
        try:
            body = await json_body(request, '{"question": "…", "history": []}')
        except BodyError as exc:
            return failure(400, str(exc))
        try:
            question, turns, profile = ask_arguments(body)
        except InputError as exc:
            return failure(400, str(exc))
        answer = await anyio.to_thread.run_sync(partial(coach.ask, question, turns, profile), limiter=limiter)
        ident = feedback.remember(question, turns, answer, "api")
        if answer.error:  # the index (or a server behind it) failed, not the request: another replica may answer
            return JSONResponse(
                {**answer.as_dict(), "id": ident}, status_code=503, headers={"Retry-After": RETRY_AFTER}
            )
        return JSONResponse({**answer.as_dict(), "id": ident})

    @api.post("/api/feedback")
    async def give_feedback(request: Request):
        if not feedback.enabled:
            return failure(403, "feedback is turned off on this server (COACH_FEEDBACK=off).")
        try:
            body = await json_body(request, '{"message_id": "…", "rating": "down"}')
        except BodyError as exc:
            return failure(400, str(exc))
        try:
            record = await anyio.to_thread.run_sync(feedback.from_request, body)
        except FeedbackError as exc:
            log.error("feedback not stored: %s", type(exc).__name__)
            return failure(503, str(exc))
        except CoachError as exc:
            return failure(400, str(exc))
        return JSONResponse({"status": "stored", "id": record["id"]})

    @api.get("/api/health")
    def health():
        try:
            return {"status": "ok", **coach.check_index()}
        except Exception as exc:  # an index that cannot be read, for whatever reason, is not healthy
            if not isinstance(exc, IndexError_):
                log.error("health check: unexpected %s", type(exc).__name__)
            public = exc.public if isinstance(exc, IndexError_) else IndexError_.public
            return JSONResponse(
                {"status": "unavailable", "error": public}, status_code=503, headers={"Retry-After": RETRY_AFTER}
            )

    return api
