"""The development plan tab: choose a path, rate yourself 0-3 on the target level's competencies (one area at
once if you like), and the plan follows every change: what the target job description adds, the gaps by area
with suggested actions, coverage per area; the plan as Markdown and CSV, dated. Beside it, the program
readiness check from "Can't Get No Respect!". The path, the ratings and the readiness answers live in the
browser (storage.py)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import gradio as gr

from ..development import DEFAULT_PATH, PATHS, build_plan, path_for_profile, plan_csv, plan_markdown, target_items
from . import downloads, readiness, storage
from .plan_view import RATINGS_JS, plan_html, ratings_html, summary_html

# what a tab's render returns for the page's load event: (fn, inputs, outputs) that restore it from the browser
Restore = tuple[Callable[..., Any], list[Any], list[Any]]


def today() -> str:
    return time.strftime("%Y-%m-%d")


class PlanHandlers:
    def __init__(self, coach):
        self.model = coach.model
        self.passages = coach.passages
        self.codes = {str(item.code) for item in self.model.items}
        self.questions = readiness.questions(coach.passages, coach.retriever)

    # --- the page -----------------------------------------------------------------------------------------
    def render(self, stored: gr.BrowserState, stored_profile: gr.BrowserState) -> Restore:
        """Build the tab; returns (fn, inputs, outputs) that restore it from the browser on page load."""
        start = PATHS[DEFAULT_PATH]
        first = build_plan(self.model, start, {}, today())
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                gr.Markdown(
                    "### Development plan\nChoose your path, then rate yourself on the target level's "
                    "competencies: open an area to rate each one, or rate the whole area from its header. "
                    "Competencies your current level already covers start at 2.",
                    elem_classes=["coach-note"],
                )
                path = gr.Dropdown(list(PATHS), value=DEFAULT_PATH, label="Path", elem_id="plan-path")
                summary = gr.HTML(summary_html(first), elem_id="plan-summary")
                ratings = gr.HTML(ratings_html(self.model, start, {}), js_on_load=RATINGS_JS, elem_id="plan-ratings")
                reset = gr.Button("Reset my ratings to the defaults", size="sm", elem_id="plan-reset")
            with gr.Column(scale=2, min_width=320):
                result = gr.HTML(plan_html(first), elem_id="plan-result")
                with gr.Row(elem_classes=["coach-toolbar"]):
                    markdown_button = gr.Button("Download plan (Markdown)", size="sm", elem_id="plan-md", min_width=120)
                    csv_button = gr.Button("Download plan (CSV)", size="sm", elem_id="plan-csv", min_width=120)
                gr.Markdown(
                    "### Program readiness check\nThe ten questions of “Can't Get No Respect!” "
                    "[cant-get-no-respect § Can't Get No Respect!]. Tick each one your organisation can "
                    "answer **yes**."
                )
                checks = gr.CheckboxGroup(
                    [q.text for q in self.questions], label="Yes, we have this", elem_id="readiness"
                )
                score = gr.Markdown(readiness.assess(self.questions, [], self.passages), elem_id="readiness-score")
        private: dict[str, Any] = {"api_visibility": "private"}
        path.input(self.choose_path, [path, stored], [ratings, summary, result, stored], **private)
        ratings.input(self.rate, [path, stored], [summary, result, stored], trigger_mode="always_last", **private)
        reset.click(self.reset, [path, stored], [ratings, summary, result, stored], **private)
        checks.input(self.answer_readiness, [checks, stored], [score, stored], **private)
        # saved by the browser; the readiness answers as the boxes show them (the stored copy can lag a click)
        downloads.offer(markdown_button, self.export_markdown, [path, stored, checks])
        downloads.offer(csv_button, self.export_csv, [path, stored, checks])
        # A profile set before any path was chosen here picks the path (the next role up).
        stored_profile.change(
            self.follow_profile, [stored, stored_profile], [path, ratings, summary, result], **private
        )
        return (self.restore, [stored, stored_profile], [path, ratings, summary, result, checks, score])

    # --- state ----------------------------------------------------------------------------------------------
    def state(self, stored, path_label=None) -> storage.PlanState:
        found = storage.plan(stored, PATHS, self.codes)
        path = path_label if path_label in PATHS else (found.path or DEFAULT_PATH)
        return storage.PlanState(path, found.ratings, self.answers(found.readiness))

    def answers(self, checked) -> tuple[str, ...]:
        """The readiness questions answered yes, of those the check asks (anything else sent is dropped)."""
        questions = {q.text for q in self.questions}
        return tuple(q for q in (checked or []) if q in questions)

    def views(self, state: storage.PlanState):
        plan = build_plan(self.model, PATHS[state.path], state.ratings, today())
        return summary_html(plan), plan_html(plan)

    # --- handlers -------------------------------------------------------------------------------------------
    def choose_path(self, path_label, stored):
        state = self.state(stored, path_label)
        return (
            ratings_html(self.model, PATHS[state.path], state.ratings),
            *self.views(state),
            storage.plan_value(state),
        )

    def rate(self, path_label, stored, evt: gr.EventData):
        """The ratings the page sent: every competency of this path the person has rated (0-3). Ratings of
        competencies outside this path are kept for when the person comes back to them."""
        state = self.state(stored, path_label)
        sent = getattr(evt, "_data", None) or {}
        shown = {str(item.code) for item in target_items(self.model, PATHS[state.path])}
        ratings = {code: value for code, value in state.ratings.items() if code not in shown}
        raw = sent.get("ratings") if isinstance(sent, dict) else None
        for code, value in raw.items() if isinstance(raw, dict) else []:
            if code in shown and isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 3:
                ratings[code] = value
        state = storage.PlanState(state.path, ratings, state.readiness)
        return (*self.views(state), storage.plan_value(state))

    def reset(self, path_label, stored):
        state = self.state(stored, path_label)
        state = storage.PlanState(state.path, {}, state.readiness)
        return (ratings_html(self.model, PATHS[state.path], {}), *self.views(state), storage.plan_value(state))

    def answer_readiness(self, checked, stored):
        state = self.state(stored)
        yes = self.answers(checked)
        state = storage.PlanState(state.path, state.ratings, yes)
        return readiness.assess(self.questions, list(yes), self.passages), storage.plan_value(state)

    def restore(self, stored, stored_profile):
        """The tab as the browser left it; a first visit starts from the path the profile suggests."""
        found = storage.plan(stored, PATHS, self.codes)
        path = found.path or path_for_profile(*storage.profile_fields(stored_profile))
        state = self.state(stored, path)
        return (
            state.path,
            ratings_html(self.model, PATHS[state.path], state.ratings),
            *self.views(state),
            list(state.readiness),
            readiness.assess(self.questions, list(state.readiness), self.passages),
        )

    def follow_profile(self, stored, stored_profile):
        if storage.plan(stored, PATHS, self.codes).path:  # the person chose a path: it stays
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        state = self.state(stored, path_for_profile(*storage.profile_fields(stored_profile)))
        return (state.path, ratings_html(self.model, PATHS[state.path], state.ratings), *self.views(state))

    # --- exports ----------------------------------------------------------------------------------------------
    def _plan(self, path_label, stored, checked=None):
        """The plan and its state; `checked`, the readiness boxes as the page shows them, wins over the stored
        answers: a download clicked right after a box is the box's answer, even before the stored copy caught up."""
        state = self.state(stored, path_label)
        if checked is not None:
            state = storage.PlanState(state.path, state.ratings, self.answers(checked))
        return state, build_plan(self.model, PATHS[state.path], state.ratings, today())

    @staticmethod
    def _file(plan, suffix: str, text: str, media_type: str) -> dict:
        slug = re.sub(r"[^a-z0-9]+", "-", plan.path.label.lower()).strip("-")
        return downloads.payload(f"development-plan-{slug}-{plan.date}.{suffix}", text, media_type)

    def export_markdown(self, path_label, stored, checked=None) -> dict:
        state, plan = self._plan(path_label, stored, checked)
        answered = readiness.assess(self.questions, list(state.readiness), self.passages)
        return self._file(plan, "md", plan_markdown(plan, answered), "text/markdown")

    def export_csv(self, path_label, stored, checked=None) -> dict:
        state, plan = self._plan(path_label, stored, checked)
        rows = readiness.export_rows(self.questions, list(state.readiness))
        return self._file(plan, "csv", plan_csv(plan, rows), "text/csv")
