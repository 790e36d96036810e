"""Feedback in the chat: thumbs up / down under every answer (the Chatbot's own like buttons). A thumbs-down
opens a short form under the chat — what was wrong (one line) and the area(s) of the matrix the answer should
have used (a searchable list) —, both optional.

A vote is stored at once (coach/feedback.py) and the form's answers amend it; voting again on the same answer,
or taking the vote back, replaces it. The record is made from the conversation the browser sends with the
event: the question, the earlier questions, the answer's status, citations and text — nothing else of the
user. The vote is also kept with the conversation in the browser, so the thumbs show it after a reload.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import gradio as gr

from ..errors import CoachError
from ..feedback import MAX_NOTE, Asked, FeedbackError, new_id
from . import storage

log = logging.getLogger(__name__)
LIKED: dict[bool | str, str] = {True: "up", False: "down"}  # gradio's LikeData.liked is bool | str
SHOWN = {"up": "Like", "down": "Dislike"}  # a rating as the Chatbot's feedback_value names it
PRIVACY = (
    "Sent to the people who run this coach with the question, the conversation's earlier questions and this "
    "answer — nothing else about you."
)


def feedback_value(exchanges: list[storage.Exchange]) -> list[str | None]:
    """The thumbs each answer shows (the Chatbot's feedback_value): the rating given in this browser."""
    return [SHOWN.get(exchange.rating) for exchange in exchanges]


class FeedbackHandlers:
    def __init__(self, coach, feedback):
        self.feedback = feedback
        self.areas = [(f"{area.code} {area.name}", str(area.code)) for area in coach.model.areas]

    def render(self, chatbot, stored) -> list:
        """The form, under the chat, and the chat's like event. Returns the components to hide when the
        conversation moves on (a new question, a new conversation)."""
        pending = gr.State(None)  # the record a thumbs-down made, which the form amends
        # (a Column around the Group: Gradio 6 prints a Group's elem_id on two nested elements)
        with gr.Column(visible=False, elem_id="feedback-form") as form, gr.Group():
            gr.Markdown(f"**What was wrong?** Both are optional. {PRIVACY}", elem_classes=["coach-note"])
            note = gr.Textbox(
                label="What was wrong (one line)",
                placeholder="e.g. it talked about governance; I asked how to end the alliance",
                max_lines=1,
                max_length=MAX_NOTE,
                elem_id="feedback-note",
            )
            areas = gr.Dropdown(
                self.areas,
                value=[],
                multiselect=True,
                filterable=True,
                label="The area(s) of the matrix it should have used — type to search",
                elem_id="feedback-areas",
            )
            with gr.Row(elem_classes=["coach-toolbar"]):
                send = gr.Button("Send", variant="primary", size="sm", min_width=100, elem_id="feedback-send")
                close = gr.Button("Close", size="sm", min_width=100, elem_id="feedback-close")
        status = gr.Markdown("", visible=False, elem_id="feedback-status", elem_classes=["coach-note"])
        quiet: dict[str, Any] = {"api_visibility": "private", "show_progress": "hidden"}
        chatbot.like(self.rate, stored, [pending, form, note, areas, status, stored], **quiet)
        note.submit(self.amend, [pending, note, areas], [pending, form, status], **quiet)
        send.click(self.amend, [pending, note, areas], [pending, form, status], **quiet)
        close.click(self.hide, None, [pending, form, status], **quiet)
        return [pending, form, status]

    @staticmethod
    def hide():
        return None, gr.update(visible=False), gr.update(value="", visible=False)

    def rate(self, stored, evt: gr.LikeData):
        """A thumb pressed (or pressed again, to take the vote back) under one answer."""
        exchanges = storage.conversation(stored)
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        number = index // 2 if isinstance(index, int) else -1  # the messages alternate question, answer
        if not 0 <= number < len(exchanges):
            return None, gr.skip(), gr.skip(), gr.skip(), _status("Rate the answer once it is complete."), gr.skip()
        exchange = exchanges[number]
        exchange = replace(exchange, id=exchange.id or new_id("page"), rating=LIKED.get(evt.liked, ""))
        exchanges[number] = exchange
        earlier = [e.turn for e in exchanges[:number] if e.turn]
        asked = Asked.of(exchange.question, earlier, exchange.answer)
        try:
            record = self.feedback.record(asked, exchange.rating or None, source="page", ident=exchange.id)
        except CoachError as exc:
            return None, gr.skip(), gr.skip(), gr.skip(), _unsaved(exc), gr.skip()
        kept = storage.conversation_value(exchanges)
        if exchange.rating == "down":
            return record, gr.update(visible=True), "", [], gr.update(value="", visible=False), kept
        said = "Thanks — noted." if exchange.rating == "up" else "Your rating was taken back."
        return None, gr.update(visible=False), gr.skip(), gr.skip(), _status(said), kept

    def amend(self, pending, note, areas):
        """The form sent: the thumbs-down record again, with what was wrong and the areas it should have used."""
        if not pending:
            return self.hide()
        asked = Asked.of_record(pending)
        try:
            self.feedback.record(asked, "down", note=note or "", areas=areas or [], source="page", ident=pending["id"])
        except CoachError as exc:
            return pending, gr.skip(), _unsaved(exc)
        return None, gr.update(visible=False), _status("Thanks — the people who run the coach will review it.")


def _status(text: str):
    return gr.update(value=text, visible=True)


def _unsaved(exc: Exception):
    """What the person sees when their feedback could not be kept: the reason, in one line."""
    if isinstance(exc, FeedbackError):
        log.error("feedback not stored: %s", type(exc).__name__)
        return _status(f"Sorry — the feedback was not saved: {exc}")
    return _status(f"Sorry — {exc}")
