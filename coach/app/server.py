"""The app's HTTP server: one FastAPI application that serves the Gradio UI at "/" and the other interfaces
beside it (each a FastAPI router from `routers()`), run by uvicorn on COACH_HOST:COACH_PORT.

Interfaces that other tools speak (an OpenAI-compatible endpoint, a plain JSON API, MCP) add themselves to
`routers()`; they share the one Coach the UI uses, so every interface gives the same answers. Every request,
whichever route it is for, passes the same limits first (limits.py: body size and depth, no uploads).
"""

from __future__ import annotations

import errno
import logging
import socket

from ..errors import ConfigError

log = logging.getLogger(__name__)
SHUTDOWN_GRACE = 5  # seconds open requests get to finish when the app is stopped


def routers(coach, feedback=None) -> list:
    """The FastAPI routers mounted beside the UI (each module builds its own over the shared Coach; the
    feedback service is shared too, so feedback can name an answer any of them gave)."""
    from ..feedback import Feedback
    from ..interfaces import openai_api
    from . import api

    feedback = feedback or Feedback.for_coach(coach)
    return [api.router(coach, feedback), openai_api.router(coach, feedback)]


def create_app(coach, settings):
    """The FastAPI application: every router, then the Gradio UI mounted at "/" (not started)."""
    import gradio as gr
    from fastapi import FastAPI

    from ..feedback import Feedback
    from ..interfaces import mcp_server
    from . import build, theme
    from .assets import CSS, HEAD, JS
    from .limits import RequestLimits

    feedback = Feedback.for_coach(coach)
    api = FastAPI(title="Alliance Coach", docs_url=None, redoc_url=None, openapi_url=None)
    for router in routers(coach, feedback):
        api.include_router(router)
    # MCP at /gradio_api/mcp/, routed before Gradio's; its session manager runs for the app's lifetime
    api.router.lifespan_context = mcp_server.mount(api, coach, settings)
    demo = build(coach, feedback)
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=settings.concurrency * 16)
    app = gr.mount_gradio_app(
        api,
        demo,
        path="",
        server_name=settings.host,
        server_port=settings.port,
        show_error=False,
        ssr_mode=False,
        theme=theme(),
        css=CSS,
        js=JS,
        head=HEAD,
        footer_links=["api"],
        mcp_server=False,
    )
    app.add_middleware(RequestLimits)  # outermost: every route, Gradio's included, gets the same limits
    return app


def listen(settings) -> socket.socket:
    """The app's listening socket, bound before the index is opened (perhaps built): a port in use or an
    address this machine does not have is one line and exit 1 before any work, never a traceback after it."""
    host, port = settings.host, settings.port
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ConfigError(
            f"COACH_HOST={host!r} does not resolve to an address of this machine ({exc}); use "
            "127.0.0.1 (this machine only) or 0.0.0.0 (every network interface)."
        ) from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: restart while TIME_WAIT lingers
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise ConfigError(_bind_problem(host, port, exc)) from None
    sock.set_inheritable(True)
    return sock


def _bind_problem(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use (another Alliance Coach or another program); stop it, "
            "or set COACH_PORT to a free port."
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return (
            f"COACH_HOST={host!r} is not an address of this machine; use 127.0.0.1 (this machine only), "
            "0.0.0.0 (every network interface) or one of this machine's addresses."
        )
    if exc.errno == errno.EACCES:
        return (
            f"not allowed to listen on port {port} (ports below 1024 need privileges); set COACH_PORT to "
            "1024 or above and put a reverse proxy in front (see the README)."
        )
    return f"cannot listen on {host}:{port} ({exc.strerror or exc}); check COACH_HOST and COACH_PORT."


def serve(coach, settings, sock: socket.socket) -> None:
    """Run the app on the already bound socket until interrupted."""
    import uvicorn

    app = create_app(coach, settings)
    shown = f"[{settings.host}]" if ":" in settings.host else settings.host
    print(f"Alliance Coach on http://{shown}:{sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=SHUTDOWN_GRACE,
    )
    logging.getLogger("uvicorn.error").addFilter(_quiet_shutdown)
    uvicorn.Server(config).run(sockets=[sock])


def _quiet_shutdown(record: logging.LogRecord) -> bool:
    """On shutdown, uvicorn cancels the requests still open after SHUTDOWN_GRACE seconds — Gradio's event
    streams stay open while a page or a gradio_client is connected — and logs each as a traceback. That is
    the expected end of a stream, not a fault: keep the log readable."""
    import asyncio

    exc = record.exc_info[1] if record.exc_info else None
    return not isinstance(exc, asyncio.CancelledError)
