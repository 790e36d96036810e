"""The coach as an MCP server (the official `mcp` SDK): the five tools of `coach.interfaces.tools`, over
streamable HTTP inside the running app at /gradio_api/mcp/ and over stdio for desktop agents (`coach mcp`).

Why the SDK's server and not Gradio's own (`gradio[mcp]`): Gradio 6.31's mcp extra pins pydantic<=2.12.5,
while chromadb's kubernetes dependency needs pydantic>=2.14.2, so the two cannot be installed together. The
path is the one Gradio's MCP server would use, so clients configured for a Gradio app find it there.

Over HTTP the server is stateless and answers in JSON (no session to keep): any replica behind a proxy can
answer any call, as with /api/ask. When the app listens on a loopback address, requests whose Host or
Origin header is not local are refused (the SDK's DNS-rebinding protection); on another address a reverse
proxy is expected to guard the app, as for the rest of it.

The SDK logs a failed tool call at INFO with the error's text, and an error names the argument it rejects (a
code as typed): `_ToolFailures` puts its length and hash in the log instead, so no user text is logged.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
from functools import partial
from typing import Annotated

import anyio
from pydantic import Field

from ..arguments import MAX_K
from ..errors import CoachError, IndexError_
from . import tools

MCP_PATH = "/gradio_api/mcp/"
INSTRUCTIONS = (
    "Alliance Coach answers questions on alliance management from the ASAP Alliance Management Professional "
    "Development Guide (its competency matrix with codes such as II C and II C.1, three job descriptions) and "
    "four practitioner articles. Every statement it returns cites its source in [brackets]; keep those "
    "citations when you pass an answer on. Use `ask` for questions in words, `lookup` for a code, `search` "
    "for the records behind a topic, `compare_roles` and `development_gaps` for roles and career steps."
)

Question = Annotated[
    str, Field(description="the question in the user's words, e.g. 'what does a senior manager own in governance?'")
]
History = Annotated[
    list[str] | None,
    Field(
        description="the user's earlier questions in this conversation, oldest "
        "first, so a follow-up such as 'and a director?' is read "
        "in context; omit or [] for a new conversation"
    ),
]
QueryArg = Annotated[str, Field(description="words, a question, or a code such as 'II C'")]
K = Annotated[int, Field(ge=1, le=MAX_K, description="how many records to return")]
RoleFilter = Annotated[
    tools.Role | None,
    Field(
        description="only records of this job description: mid (Alliance "
        "Manager), senior (Senior Alliance Manager) or "
        "executive (Director / VP)"
    ),
]
CertFilter = Annotated[
    tools.Certification | None,
    Field(description="only matrix items expected at this exam level, and the job records of its roles"),
]
KindFilter = Annotated[tools.Kind | list[tools.Kind] | None, Field(description="only these record kinds")]
CodeArg = Annotated[
    str,
    Field(
        description="a matrix code: an area such as 'II C' or an item such as 'II C.1' "
        "(also read: 'II.C', '2C', 'ii c.1')"
    ),
]
RoleArg = Annotated[
    tools.Role,
    Field(
        description="mid (Alliance Manager, CA-AM), senior (Senior Alliance Manager, "
        "CSAP) or executive (Director / VP, CSAP)"
    ),
]
AreaArg = Annotated[
    str | None, Field(description="compare within this matrix area, e.g. 'II C'; omit to compare the roles overall")
]
PathArg = Annotated[
    str,
    Field(
        description="one of: 'CA-AM → CSAP', 'Mid-level → Senior-level', 'Mid-level → "
        "Executive-level', 'Senior-level → Executive-level' ('->' works too)"
    ),
]
Ratings = Annotated[
    dict[str, int] | None,
    Field(
        description="self-ratings by competency code, 0 new to me, 1 aware "
        "of it, 2 can do it, 3 could teach it, e.g. "
        "{'II C.1': 1, 'II C.3': 0}; unrated competencies count "
        "as 2 when the current level already expects them, "
        "else 0"
    ),
]


def build_server(coach):
    """An MCPServer whose tools answer from this Coach (at most COACH_CONCURRENCY calls at once)."""
    from mcp.server.mcpserver import MCPServer
    from mcp.server.mcpserver.exceptions import ToolError
    from mcp.types import ToolAnnotations

    from .. import __version__

    server = MCPServer(
        "alliance-coach", title="Alliance Coach", instructions=INSTRUCTIONS, version=__version__, log_level="WARNING"
    )
    _ToolFailures.install()
    limiter = anyio.CapacityLimiter(coach.settings.answer_slots)
    read_only = ToolAnnotations(readOnlyHint=True, idempotentHint=True, openWorldHint=False)

    async def call(work, *args):
        try:
            return await anyio.to_thread.run_sync(partial(work, coach, *args), limiter=limiter)
        except IndexError_ as exc:  # an outage: what to do, without the server's address (the log has it)
            logging.getLogger(__name__).warning("tool %s: %s", work.__name__, exc)
            raise ToolError(exc.public) from None
        except CoachError as exc:  # a bad argument: the agent reads what to change
            raise ToolError(str(exc)) from None

    @server.tool(annotations=read_only)
    async def ask(question: Question, history: History = None) -> tools.AskResult:
        """Answer a question on alliance management from the ASAP guide and four articles, every statement
        cited ([II C], [II C.1], [article § heading]). Returns the answer text (Markdown), its citations with
        the source text behind each, suggested follow-up questions, and its status: answer, not-covered (in
        the domain, but no document answers it), refused (outside alliance management, or a code that does
        not exist) or small-talk."""
        return await call(tools.ask, question, history)

    @server.tool(annotations=read_only)
    async def search(
        query: QueryArg, k: K = 5, role: RoleFilter = None, cert: CertFilter = None, kind: KindFilter = None
    ) -> tools.SearchResult:
        """Find the records of the guide and the articles that best match a query (hybrid dense + keyword
        search; a code in the query comes first): matrix items and areas with their CA-AM/CSAP flags,
        job-description responsibilities and requirements, competency categories and article passages."""
        return await call(tools.search, query, k, role, cert, kind)

    @server.tool(annotations=read_only)
    async def lookup(code: CodeArg) -> tools.LookupResult:
        """Look up a code of the ASAP Alliance Competencies Matrix: an item (its statement, flags CA-AM /
        CSAP / Industry / Context / Core / Company, and exam level) or an area (its name and all its items
        with their flags), and the job-description responsibilities that name its area. A code that does
        not exist is an error that names the nearest valid codes."""
        return await call(tools.lookup, code)

    @server.tool(annotations=read_only)
    async def compare_roles(role_a: RoleArg, role_b: RoleArg, area: AreaArg = None) -> tools.CompareResult:
        """Compare two alliance-manager roles of the guide's job descriptions side by side: within one matrix
        area (what each owns there and the items expected at its certification level), or overall (scope,
        primary responsibilities, reporting, experience). The text cites every statement."""
        return await call(tools.compare_roles, role_a, role_b, area)

    @server.tool(annotations=read_only)
    async def development_gaps(path: PathArg, ratings: Ratings = None) -> tools.GapsResult:
        """A development plan for a career step: the target level's competencies rated below 'can do it',
        grouped by area with the target role's own areas first, each area's coverage, and what the guide
        asks of the target role (experience, certification, education). Same plan as the app's
        Development plan tab."""
        return await call(tools.development_gaps, path, ratings)

    return server


class _ToolFailures(logging.Filter):
    """Rewrites the SDK's "Tool %r failed: %r" record so that it logs the error's length and hash, not its text."""

    LOGGER = "mcp.server.mcpserver.server"
    MESSAGE = "Tool %r failed: %r"

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == self.MESSAGE and isinstance(record.args, tuple) and len(record.args) == 2:
            from ..inputs import fingerprint

            record.msg = "Tool %r failed (its error quotes the argument, so it is not logged: %s)"
            record.args = (record.args[0], fingerprint(record.args[1]))
        return True

    @classmethod
    def install(cls) -> None:
        logger = logging.getLogger(cls.LOGGER)
        if not any(isinstance(f, cls) for f in logger.filters):
            logger.addFilter(cls())


def mount(api, coach, settings):
    """Serve the MCP tools at MCP_PATH (with and without the trailing slash) on the FastAPI app; returns
    the lifespan that runs the SDK's session manager, for the app to enter."""
    from mcp.server.transport_security import TransportSecuritySettings
    from starlette.routing import Route

    server = build_server(coach)
    local = _loopback(settings.host)
    security = TransportSecuritySettings(
        enable_dns_rebinding_protection=local,
        allowed_hosts=["127.0.0.1:*", "localhost:*", "[::1]:*"] if local else [],
        allowed_origins=["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"] if local else [],
    )
    server.streamable_http_app(stateless_http=True, json_response=True, transport_security=security, host=settings.host)
    manager = server.session_manager

    async def endpoint(scope, receive, send):
        await manager.handle_request(scope, receive, send)

    handler = _ASGI(endpoint)
    for path in (MCP_PATH, MCP_PATH.rstrip("/")):
        api.router.routes.append(Route(path, endpoint=handler, methods=["GET", "POST", "DELETE"]))

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        async with manager.run():
            yield

    return lifespan


class _ASGI:
    """An ASGI callable Starlette routes to as it is (a plain function would be wrapped as a request handler)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        await self.app(scope, receive, send)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_stdio(coach) -> None:
    """Serve the tools over stdin/stdout until the client closes them (`coach mcp`)."""
    build_server(coach).run("stdio")
