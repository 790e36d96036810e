"""The app stage: a Gradio app over one shared Coach — cited chat, matrix explorer, development plan.

Nothing the page needs comes from the network: system fonts, analytics off, no server-side rendering.
Run with `make run` (or `python app.py`); COACH_HOST / COACH_PORT move it.
"""

from __future__ import annotations

import logging
import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Gradio's queue rebuilds a pandas summary of up to 10,000 past events after every event, for a monitoring
# page this app does not enable: under load that cost ~5 ms per answer and grows with uptime. Summarise never.
os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(10**12))
os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "1000")

log = logging.getLogger(__name__)

EXAMPLES = [
    "What does a senior manager own in governance?",
    "What should I develop to move from CA-AM to CSAP?",
    "How do I end an alliance?",
    "What are the steps of the alliance lifecycle?",
    "What is a strategic alliance?",
    "How much experience does a director need?",
]


def build(coach, feedback=None):
    """The gr.Blocks app for this Coach (not launched); `feedback` (coach/feedback.py) adds thumbs under answers."""
    import gradio as gr

    from . import storage
    from .chat import ChatHandlers
    from .explorer import matrix_tab
    from .planner import PlanHandlers

    chat = ChatHandlers(coach, feedback)
    plan = PlanHandlers(coach)
    # delete_cache: anything Gradio itself puts in its cache is removed after two hours (the app's own downloads
    # are made in the browser and never touch the disk: downloads.py).
    with gr.Blocks(title="Alliance Coach", analytics_enabled=False, delete_cache=(1800, 7200)) as demo:
        gr.Markdown(
            "# Alliance Coach\nAnswers from the ASAP Professional Development Guide and four practitioner "
            "articles; every claim cites its source.",
            elem_id="coach-header",
        )
        # What the browser keeps between visits (localStorage): the conversation, the plan, the profile.
        stored = {
            name: gr.BrowserState(default, storage_key=storage.KEYS[name], secret=storage.SECRET)
            for name, default in (
                ("conversation", storage.conversation_value([])),
                ("plan", storage.plan_value(storage.PlanState())),
                ("profile", storage.profile_value("", "")),
            )
        }
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                restore_chat = chat.render(EXAMPLES, stored["conversation"], stored["profile"])
            with gr.Tab("Matrix explorer", id="matrix"):
                matrix_tab(coach.model)
            with gr.Tab("Development plan", id="plan"):
                restore_plan = plan.render(stored["plan"], stored["profile"])
        for fn, inputs, outputs in (restore_chat, restore_plan):
            demo.load(fn, inputs, outputs, api_visibility="private")
        gr.api(chat.api_ask, api_name="ask")
    return demo


def theme():
    import gradio as gr

    system = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"]
    return gr.themes.Soft(primary_hue="indigo", font=system, font_mono=["ui-monospace", "Menlo", "monospace"])


def main() -> None:
    """Start the app on COACH_HOST:COACH_PORT (127.0.0.1:7860 by default)."""
    import sys

    from ..errors import CoachError, describe
    from ..facade import Coach
    from ..settings import Settings

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "urllib3", "chromadb"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from .server import listen, serve

    try:
        settings = Settings.from_env()
        sock = listen(settings)  # before the index is opened: a bad host or a busy port fails here, at once
        print("Opening the Alliance Coach index (the first start builds it, about 10 s)…", flush=True)
        coach = Coach(settings, notify=lambda message: print(message, flush=True))
    except CoachError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
    except Exception as exc:
        print(f"error: could not start ({describe(exc)}); see the README's Configuration section.", file=sys.stderr)
        sys.exit(1)
    serve(coach, settings, sock)
