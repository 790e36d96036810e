"""The development plan tab: choose a path, rate yourself on the target level's competencies, get the
gaps by area with the guide's requirements, a coverage chart, and the plan as Markdown and CSV; beside it,
the program readiness check from "Can't Get No Respect!"."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import gradio as gr

from . import readiness
from .plan import PATHS, RATINGS, build_plan, plan_csv, plan_markdown, plan_view, rating_rows

RATING_HELP = " · ".join(f"{value} {meaning}" for value, meaning in RATINGS.items())
HEADERS = ["Code", "Area", "Competency", "At your current level", "Your rating (0-3)"]


def coverage_figure(plan):
    """Share of each area's target-level competencies rated 2 or 3."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [code for code, _ in plan.coverage]
    values = [share * 100 for _, share in plan.coverage]
    figure, axis = plt.subplots(figsize=(8, max(2.5, 0.32 * len(labels))))
    colors = ["#4f46e5" if area.rank == 0 else "#818cf8" if area.rank == 1 else "#c7d2fe" for area in plan.areas]
    axis.barh(labels[::-1], values[::-1], color=colors[::-1])
    axis.set_xlim(0, 100)
    axis.set_xlabel("% of the area's competencies rated 2 (can do it) or 3")
    axis.set_title(f"Coverage per area, {plan.path.label} (darkest: the target role's primary areas)", fontsize=10)
    figure.tight_layout()
    return figure


def plan_tab(coach) -> None:
    model = coach.model
    exports = Path(tempfile.mkdtemp(prefix="coach-plans-"))
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            gr.Markdown(f"### Development plan\nChoose your path, then rate yourself on each competency of the "
                        f"target level: {RATING_HELP}. Competencies your current level already covers start at 2.")
            path = gr.Dropdown(list(PATHS), value="CA-AM → CSAP", label="Path", elem_id="plan-path")
            ratings = gr.Dataframe(value=rating_rows(model, PATHS["CA-AM → CSAP"]), headers=HEADERS,
                                   datatype=["str", "str", "str", "str", "number"], interactive=True,
                                   static_columns=[0, 1, 2, 3], column_widths=["9%", "24%", "47%", "10%", "10%"],
                                   wrap=True, max_height=420, elem_id="plan-ratings")
            build_button = gr.Button("Build my plan", variant="primary", elem_id="plan-build")
            result = gr.Markdown(elem_id="plan-result")
            chart = gr.Plot(label="Coverage per area", show_label=False, elem_id="plan-chart")
            with gr.Row():
                markdown_file = gr.DownloadButton("Download plan (Markdown)", interactive=False, elem_id="plan-md")
                csv_file = gr.DownloadButton("Download gaps (CSV)", interactive=False, elem_id="plan-csv")
        with gr.Column(scale=2):
            items = readiness.questions(coach.passages, coach.retriever)
            gr.Markdown("### Program readiness check\nThe ten questions of “Can't Get No Respect!” "
                        "[cant-get-no-respect § Can't Get No Respect!]. Tick each one your organisation can "
                        "answer **yes**.")
            checks = gr.CheckboxGroup([q.text for q in items], label="Yes, we have this", elem_id="readiness")
            score = gr.Markdown(readiness.assess(items, [], coach.passages), elem_id="readiness-score")

    def load(path_label):
        return rating_rows(model, PATHS.get(path_label, PATHS["CA-AM → CSAP"]))

    def build(path_label, table):
        try:
            plan = build_plan(model, PATHS[path_label], _ratings(table))
        except Exception as exc:  # noqa: BLE001 - shown as a message, never a traceback
            return (f"**Could not build the plan:** {exc}. Check that every rating is a number from 0 to 3.",
                    None, gr.update(interactive=False), gr.update(interactive=False))
        stamp = time.strftime("%Y%m%d-%H%M%S")
        md = exports / f"development-plan-{stamp}.md"
        md.write_text(plan_markdown(plan), encoding="utf-8")
        csv = exports / f"development-gaps-{stamp}.csv"
        csv.write_text(plan_csv(plan), encoding="utf-8")
        return (plan_view(plan), coverage_figure(plan), gr.update(value=str(md), interactive=True),
                gr.update(value=str(csv), interactive=True))

    path.change(load, path, ratings, api_visibility="private")
    build_button.click(build, [path, ratings], [result, chart, markdown_file, csv_file], api_visibility="private")
    checks.change(lambda yes: readiness.assess(items, yes or [], coach.passages), checks, score,
                  api_visibility="private")


def _ratings(table) -> dict[str, int]:
    """{code: rating} from the edited table (a pandas DataFrame or a list of rows)."""
    rows = table.values.tolist() if hasattr(table, "values") else list(table or [])
    found = {}
    for row in rows:
        if row and str(row[0]).strip():
            try:
                found[str(row[0]).strip()] = int(float(row[-1]))
            except (TypeError, ValueError):
                found[str(row[0]).strip()] = 0
    return found
