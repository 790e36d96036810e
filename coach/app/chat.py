"""The chat tab: streamed, cited answers with a sources panel under each; follow-ups use the conversation;
a new-conversation button; the conversation (with its citations) downloadable as Markdown."""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path

import gradio as gr

from ..errors import InputError
from ..inputs import history_turns, question_text
from ..records import Answer
from .render import answer_messages, conversation_markdown, literal

log = logging.getLogger(__name__)
PREVIEW = 400  # characters of an over-long question shown back to the user


class ChatHandlers:
    def __init__(self, coach):
        self.coach = coach
        self.limit = coach.settings.max_question_chars
        self.backend = coach.backend.name if coach.backend else None

    # --- the page -----------------------------------------------------------------------------------------
    def render(self, examples: list[str]) -> None:
        if self.backend:
            note = (f"Answers are written by **{self.backend}** and checked by the citation guard: invented codes "
                    "are removed, and an answer with an unsupported sentence is replaced by the grounded composer's "
                    "answer — the reply says when that happens.")
        else:
            note = "Answers are written by the grounded composer from the retrieved records (no LLM)."
        gr.Markdown(note, elem_classes=["coach-note"], elem_id="backend-note")
        chatbot = gr.Chatbot(label="Alliance Coach", height="68vh", min_height=420, elem_id="chat", buttons=["copy"],
                             examples=[{"text": q} for q in examples], sanitize_html=True,
                             placeholder="Ask about roles, the competency matrix, CA-AM → CSAP, the lifecycle…")
        turns = gr.State([])
        exchanges = gr.State([])
        with gr.Row():
            box = gr.Textbox(placeholder="Type a question and press Enter", show_label=False, scale=8,
                             elem_id="question", lines=1, max_lines=6, submit_btn="Ask")
        with gr.Row():
            new = gr.Button("New conversation", elem_id="new-conversation", scale=1)
            download = gr.Button("Download conversation (Markdown)", elem_id="download-chat", interactive=False,
                                 scale=1)
        # The file is written only when the person asks for it (privacy: nothing is written by default); the
        # hidden DownloadButton then hands it to the browser.
        saved = gr.DownloadButton(value=None, elem_id="download-chat-file", elem_classes=["coach-hidden"])
        outputs = [chatbot, box, turns, exchanges, download]
        box.submit(self.respond, [box, chatbot, turns, exchanges], outputs, api_visibility="private")
        chatbot.example_select(self.pick_example, None, box, api_visibility="private").then(
            self.respond, [box, chatbot, turns, exchanges], outputs, api_visibility="private")
        new.click(self.reset, None, outputs, api_visibility="private")
        download.click(self.export, exchanges, saved, api_visibility="private").then(
            None, None, None, js="() => document.querySelector('#download-chat-file')?.click()")

    # --- handlers -------------------------------------------------------------------------------------------
    @staticmethod
    def pick_example(evt: gr.SelectData) -> str:
        value = evt.value
        return value.get("text", "") if isinstance(value, dict) else str(value)

    def respond(self, message, history, turns, exchanges):
        """Stream the answer into the chat; never raises (a failure becomes a friendly message)."""
        text = message if isinstance(message, str) else ""
        history = list(history or [])
        turns = list(turns or [])
        exchanges = list(exchanges or [])
        if not text.strip():
            yield history, "", turns, exchanges, gr.update()
            return
        shown = literal(text) if len(text) <= self.limit else (
            f"{literal(text[:PREVIEW])}… *({len(text):,} characters)*")
        history += [{"role": "user", "content": shown}, {"role": "assistant", "content": "…"}]
        yield history, "", turns, exchanges, gr.update()
        answer = None
        try:
            for event in self.coach.stream(text, turns):
                if isinstance(event, Answer):
                    answer = event
                else:
                    history[-1] = {"role": "assistant", "content": event}
                    yield history, "", turns, exchanges, gr.update()
        except Exception as exc:  # noqa: BLE001 - Coach.stream does not raise; this is the last line of defence
            log.exception("chat failed")
            answer = Answer(text="Sorry — something went wrong while answering. Please try again.", refused=True,
                            intent="error", error=str(exc))
        history = history[:-1] + answer_messages(answer)
        if len(text) <= self.limit and not answer.error:
            turns.append(text)
        exchanges.append((text if len(text) <= self.limit else text[:PREVIEW] + "…", answer))
        yield history, "", turns, exchanges, gr.update(interactive=True)

    def reset(self):
        return [], "", [], [], gr.update(value=None, interactive=False)

    def export(self, exchanges) -> str | None:
        """The conversation as a Markdown file, written when the download button is pressed."""
        if not exchanges:
            return None
        folder = Path(tempfile.mkdtemp(prefix="coach-conversation-"))
        path = folder / f"alliance-coach-{time.strftime('%Y%m%d-%H%M%S')}.md"
        path.write_text(conversation_markdown(exchanges, self.backend or "grounded composer"), encoding="utf-8")
        return str(path)

    # --- the API for gradio_client ---------------------------------------------------------------------------
    def api_ask(self, question: str, history: list[str | dict] | None = None) -> dict:
        """Answer a question (with earlier questions, or chat messages, as history) → {text, citations,
        refused, status, ...}. A question or history of the wrong type is an answer whose `error` names the
        field and the fix; nothing is logged."""
        try:
            question_text(question)
            history_turns(history)
        except InputError as exc:
            return Answer(text=f"Sorry — {exc}", refused=True, intent="error", error=str(exc)).as_dict()
        return self.coach.ask(question, history or []).as_dict()
