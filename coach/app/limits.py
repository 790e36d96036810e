"""Bounds on every request the app serves, measured on what the client sent, before any route reads it:

- a body over MAX_BODY bytes is refused with 413 — by its Content-Length before any of it is kept, else as
  soon as that many bytes have arrived; the rest is read and dropped (up to DRAIN_BYTES) so that the client
  reads the refusal — and one that has not arrived within BODY_SECONDS with 408;
- a JSON body nested deeper than `parsing.MAX_DEPTH` is refused with 400 (Python's parser recurses per level:
  100,000 levels were an HTTP 500);
- Gradio's upload and media-streaming routes answer 404: the app has no upload field or media input, so a
  client has nothing to store there (a 100 MB anonymous upload used to be kept on disk).

It is one ASGI middleware around the whole app, so the page's Gradio routes (`/gradio_api/queue/join`,
`/gradio_api/call/ask`, …), `/api`, `/v1` and MCP all have the same limits; a route then parses at most
MAX_BODY bytes. A refusal has the shape of the route's own errors: OpenAI's under /v1, JSON-RPC's for MCP,
{"error": "…"} elsewhere.
"""

from __future__ import annotations

import json

import anyio

from ..parsing import MAX_DEPTH, json_too_deep

MAX_BODY = 1_000_000  # bytes: ten times the longest question the default limit lets through, with history
BODY_SECONDS = 30  # for the whole body to arrive (1 MB at 33 KB/s); a client that trickles it holds nothing longer
# A body over the limit is read on and dropped, up to this many bytes, before the refusal is sent: clients that
# send the whole body before reading the reply (urllib, requests) would otherwise see a broken connection, not
# the 413. Beyond it the refusal goes at once and the connection is closed. Nothing dropped is kept.
DRAIN_BYTES = 10 * MAX_BODY
NO_UPLOADS = (
    "/gradio_api/upload",
    "/gradio_api/upload_progress",
    "/gradio_api/process_recording",
    "/gradio_api/stream/",
)
MCP_PATHS = ("/gradio_api/mcp", "/gradio_api/mcp/")
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class Refused(Exception):
    """A request refused before it reached its route: the HTTP status and the one-line reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class RequestLimits:
    """ASGI middleware enforcing the limits above on every HTTP request."""

    def __init__(self, app, max_body: int = MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            if scope["path"].startswith(NO_UPLOADS):
                declared = _content_length(scope)
                if scope["method"] in BODY_METHODS and (declared or 0) <= DRAIN_BYTES:
                    await _drop(receive, 0)  # none of it kept; read so that the client reads the 404
                raise Refused(404, "this app takes no uploads: it has no file or media input.")
            if scope["method"] not in BODY_METHODS:
                await self.app(scope, receive, send)
                return
            body = await self._body(scope, receive)
        except Refused as refused:
            await _refuse(scope, send, refused)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _body(self, scope, receive) -> bytes:
        """The whole request body, at most max_body bytes, checked for depth when it is JSON."""
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            if declared <= DRAIN_BYTES:
                await _drop(receive, 0)
            raise Refused(413, f"the request body is {declared:,} bytes; the limit is {self.max_body:,}.")
        chunks, size = [], 0
        with anyio.move_on_after(BODY_SECONDS) as timer:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    break
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_body:
                    if message.get("more_body", False):
                        await _drop(receive, size)
                    raise Refused(
                        413, f"the request body is over {self.max_body:,} bytes; the limit is {self.max_body:,}."
                    )
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
        if timer.cancelled_caught:
            raise Refused(408, f"the request body did not arrive within {BODY_SECONDS} s; send it again.")
        body = b"".join(chunks)
        if body.lstrip()[:1] in (b"[", b"{") and json_too_deep(body):
            raise Refused(
                400, f"the request body nests deeper than {MAX_DEPTH} levels; no valid request needs that many."
            )
        return body


async def _drop(receive, size: int) -> None:
    """Read the rest of a refused body and keep none of it, up to DRAIN_BYTES and BODY_SECONDS in all."""
    with anyio.move_on_after(BODY_SECONDS):
        while size <= DRAIN_BYTES:
            message = await receive()
            size += len(message.get("body", b""))
            if message["type"] == "http.disconnect" or not message.get("more_body", False):
                return


def _content_length(scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(body: bytes, receive):
    """A `receive` that hands the app the body already read, then whatever the client sends next (a
    disconnect, which streaming routes listen for)."""
    delivered = False

    async def replay():
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def refusal_body(path: str, refused: Refused) -> dict:
    """The refusal in the shape of the route's own errors."""
    message = str(refused)
    if path.startswith("/v1/"):
        from ..interfaces.openai_api import error_body

        return error_body(message)
    if path in MCP_PATHS:
        return {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": message}}
    return {"error": message}


async def _refuse(scope, send, refused: Refused) -> None:
    payload = json.dumps(refusal_body(scope["path"], refused)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    if refused.status in (408, 413):  # the rest of the body is not read: the connection cannot carry another request
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": refused.status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
