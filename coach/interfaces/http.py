"""What the HTTP endpoints share — the app's JSON API (`POST /api/ask`, coach/app/api.py) and the
OpenAI-compatible endpoint (openai_api.py): reading a request's JSON body, and how long a client is told to wait
after an index outage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from fastapi import Request

RETRY_AFTER = "5"  # seconds a client (or a proxy) is told to wait after an index outage: a Chroma restart


class BodyError(Exception):
    """A request body that is not JSON, with the one-line message: a 400 (one that is too large or too deep
    was refused before it reached the route: limits.py)."""


async def json_body(request: Request, example: str) -> object:
    """The request's JSON body, or a BodyError (400: not JSON, naming `example`)."""
    from ..parsing import load_json

    try:
        return load_json(await request.body(), "the request body")
    except InputError as exc:
        raise BodyError(str(exc)) from None
    except ValueError:
        raise BodyError(f"the request body is not JSON; send {example} with content-type application/json.") from None
