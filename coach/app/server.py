"""The app's HTTP server: one FastAPI application that serves the Gradio UI at "/" and the other interfaces
beside it (each a FastAPI router from `routers()`), run by uvicorn on COACH_HOST:COACH_PORT.

Interfaces that other tools speak (an OpenAI-compatible endpoint, a plain JSON API, MCP) add themselves to
`routers()`; they share the one Coach the UI uses, so every interface gives the same answers.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def routers(coach) -> list:
    """The FastAPI routers mounted beside the UI (each module builds its own over the shared Coach)."""
    return []


def create_app(coach, settings):
    """The FastAPI application: every router, then the Gradio UI mounted at "/" (not started)."""
    import gradio as gr
    from fastapi import FastAPI

    from . import CSS, build, theme

    api = FastAPI(title="Alliance Coach", docs_url=None, redoc_url=None, openapi_url=None)
    for router in routers(coach):
        api.include_router(router)
    demo = build(coach)
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=settings.concurrency * 16)
    return gr.mount_gradio_app(api, demo, path="", server_name=settings.host, server_port=settings.port,
                               show_error=False, ssr_mode=False, theme=theme(), css=CSS, footer_links=["api"])


def serve(coach, settings) -> None:
    """Run the app until interrupted."""
    import uvicorn

    app = create_app(coach, settings)
    print(f"Alliance Coach on http://{settings.host}:{settings.port}", flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", access_log=False)
