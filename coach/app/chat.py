"""The chat tab: streamed, cited answers — every [code] opens its source in place, the sources as cards
under each answer, the suggested next questions as buttons —, follow-ups that use the conversation, an
optional profile, a new-conversation button, and the conversation (with its citations) as Markdown.

The conversation and the profile live in the browser (storage.py), so they survive a reload and a server
restart; each event brings them along, and the server keeps nothing between events.
"""

from __future__ import annotations

import logging
import time

import gradio as gr

from ..errors import InputError
from ..feedback import new_id
from ..inputs import history_turns, question_text
from ..records import Answer, Status
from . import downloads, storage
from .feedback_view import FeedbackHandlers, feedback_value
from .render import answer_message, conversation_markdown, literal

log = logging.getLogger(__name__)
PREVIEW = 400  # characters of an over-long question kept and shown back to the user
WAITING = "…"


class ChatHandlers:
    def __init__(self, coach, feedback=None):
        self.coach = coach
        self.limit = coach.settings.max_question_chars
        self.backend = coach.backend.name if coach.backend else None
        self.service = feedback
        self.feedback = FeedbackHandlers(coach, feedback) if feedback is not None and feedback.enabled else None

    # --- the page -----------------------------------------------------------------------------------------
    def render(self, examples: list[str], stored, stored_profile):
        """Build the tab over the browser's stored conversation and profile (gr.BrowserState); returns (fn,
        inputs, outputs) that restore it from them on page load."""
        with gr.Accordion(storage.profile_summary("", ""), open=False, elem_id="profile") as profile_box:
            gr.Markdown(
                "Answers use your role or certification when a question does not name one (“what should I "
                "develop next?”). Kept in this browser only.",
                elem_classes=["coach-note"],
            )
            with gr.Row():
                role = gr.Dropdown(
                    storage.role_choices(), value="", label="Your current role", min_width=200, elem_id="profile-role"
                )
                certification = gr.Dropdown(
                    storage.certification_choices(),
                    value="",
                    min_width=200,
                    label="Certification you hold",
                    elem_id="profile-certification",
                )
        chatbot = gr.Chatbot(
            show_label=False,
            elem_id="chat",
            buttons=[],
            height="calc(100dvh - 250px)",
            min_height=300,
            examples=[{"text": q} for q in examples],
            sanitize_html=True,
            latex_delimiters=[],  # nothing typed is rendered: "$$x^2$$" is shown as typed (answers have no maths)
            placeholder="Ask about roles, the competency matrix, CA-AM → CSAP, the lifecycle…",
            autoscroll=False,  # the page's script keeps a new question at the top while its answer streams
        )
        feedback = self.feedback.render(chatbot, stored) if self.feedback else []
        box = gr.Textbox(
            placeholder="Type a question and press Enter",
            show_label=False,
            elem_id="question",
            lines=1,
            max_lines=6,
            submit_btn="Ask",
        )
        with gr.Row(elem_classes=["coach-toolbar"]):
            new = gr.Button("New conversation", elem_id="new-conversation", size="sm", min_width=120)
            download = gr.Button(
                "Download conversation (Markdown)", elem_id="download-chat", interactive=False, size="sm", min_width=120
            )
        asked = [box, stored, role, certification]
        outputs = [chatbot, box, stored, download]
        box.submit(self.respond, asked, outputs, api_visibility="private")
        chatbot.example_select(self.pick, None, box, api_visibility="private").then(
            self.respond, asked, outputs, api_visibility="private"
        )
        chatbot.option_select(self.pick, None, box, api_visibility="private").then(
            self.respond, asked, outputs, api_visibility="private"
        )
        new.click(self.reset, None, outputs, api_visibility="private")
        chatbot.clear(self.reset, None, outputs, api_visibility="private")  # the chat's own bin icon
        if feedback:  # the conversation moves on: an open feedback form closes
            moved = [box.submit, chatbot.example_select, chatbot.option_select, new.click, chatbot.clear]
            gr.on(moved, self.feedback.hide, None, feedback, api_visibility="private", show_progress="hidden")
        # The conversation is made into Markdown only when the person asks for it, and saved by the browser:
        # nothing is written on the server (downloads.py).
        downloads.offer(download, self.export, [stored])
        for control in (role, certification):
            control.input(
                self.keep_profile, [role, certification], [stored_profile, profile_box], api_visibility="private"
            )
        return (self.restore, [stored, stored_profile], [chatbot, download, role, certification, profile_box])

    # --- handlers -------------------------------------------------------------------------------------------
    @staticmethod
    def pick(evt: gr.SelectData) -> str:
        """The text of a clicked example or suggested question."""
        value = evt.value
        if isinstance(value, dict):
            return str(value.get("text") or value.get("value") or value.get("label") or "")
        return str(value or "")

    def messages(self, exchanges: list[storage.Exchange]) -> list[dict]:
        """The chat as messages; only the latest answer offers its suggested questions (older ones were
        suggested in the light of a conversation that has moved on)."""
        shown = []
        for number, exchange in enumerate(exchanges, start=1):
            shown.append({"role": "user", "content": literal(exchange.question)})
            shown.append(answer_message(exchange.answer, number, follow_ups=number == len(exchanges)))
        return shown

    def respond(self, message, stored, role, certification):
        """Stream the answer into the chat; never raises (a failure becomes a friendly message)."""
        text = message if isinstance(message, str) else ""
        exchanges = storage.conversation(stored)
        if not text.strip():
            yield gr.skip(), "", gr.skip(), gr.skip()
            return
        fits = len(text) <= self.limit
        question = text if fits else f"{text[:PREVIEW]}… ({len(text):,} characters)"
        before = [*self.messages(exchanges), {"role": "user", "content": literal(question)}]
        yield [*before, {"role": "assistant", "content": WAITING}], "", gr.skip(), gr.skip()
        turns = [exchange.turn for exchange in exchanges if exchange.turn]
        answer = None
        try:
            for event in self.coach.stream(text, turns, storage.profile(role, certification)):
                if isinstance(event, Answer):
                    answer = event
                else:
                    yield [*before, {"role": "assistant", "content": event}], "", gr.skip(), gr.skip()
        except Exception as exc:
            log.error("chat failed: %s", type(exc).__name__)
            answer = Answer(
                text="Sorry — something went wrong while answering. Please try again.",
                status=Status.ERROR,
                intent="error",
                error=f"unexpected {type(exc).__name__}",
            )
        exchanges.append(storage.Exchange(question, answer, text if fits and not answer.error else "", new_id("page")))
        yield (self.shown(exchanges), "", storage.conversation_value(exchanges), gr.update(interactive=True))

    def shown(self, exchanges: list[storage.Exchange]):
        """The chat's value and the thumbs each answer shows."""
        return gr.update(value=self.messages(exchanges), feedback_value=feedback_value(exchanges))

    def reset(self):
        return self.shown([]), "", storage.conversation_value([]), gr.update(interactive=False)

    def restore(self, stored, stored_profile):
        """The page as the browser left it: the conversation, the profile."""
        exchanges = storage.conversation(stored)
        role, certification = storage.profile_fields(stored_profile)
        return (
            self.shown(exchanges),
            gr.update(interactive=bool(exchanges)),
            role,
            certification,
            gr.update(label=storage.profile_summary(role, certification)),
        )

    def keep_profile(self, role, certification):
        role, certification = storage.profile_fields(storage.profile_value(role, certification))
        return (
            storage.profile_value(role, certification),
            gr.update(label=storage.profile_summary(role, certification)),
        )

    def export(self, stored) -> dict | None:
        """The conversation as a Markdown file for the browser to save, made when the download button is
        pressed; None when there is nothing to save."""
        exchanges = storage.conversation(stored)
        if not exchanges:
            return None
        text = conversation_markdown(
            [(e.question, e.answer) for e in exchanges],
            self.backend or "grounded composer",
            when=time.strftime("%Y-%m-%d %H:%M"),
        )
        return downloads.payload(f"alliance-coach-{time.strftime('%Y%m%d-%H%M%S')}.md", text, "text/markdown")

    # --- the API for gradio_client ---------------------------------------------------------------------------
    def api_ask(self, question: str, history: list[str | dict] | None = None) -> dict:
        """Answer a question (with earlier questions, or chat messages, as history) → {text, citations,
        refused, status, ..., id}. A question or history of the wrong type is an answer whose `error` names the
        field and the fix; nothing is logged. The id names the answer for POST /api/feedback."""
        try:
            question_text(question)
            turns = history_turns(history)
        except InputError as exc:
            return Answer(text=f"Sorry — {exc}", status=Status.ERROR, intent="error", error=str(exc)).as_dict()
        answer = self.coach.ask(question, turns)
        ident = self.service.remember(question, turns, answer, "api") if self.service else None
        return {**answer.as_dict(), "id": ident}
