"""The matrix explorer tab: the whole matrix as a searchable, filterable table, an area's detail (its
competencies and the roles that own it), and the three job descriptions side by side."""

from __future__ import annotations

import gradio as gr

from ..model import CompetencyModel
from .matrix_view import (ALL_AREAS, COLUMNS, LEVELS, SECTIONS, TYPES, area_choices, area_detail, filter_rows,
                          role_markdown)


def matrix_tab(model: CompetencyModel) -> None:
    gr.Markdown("The ASAP Alliance Competencies Matrix as parsed from the guide: 21 areas, 140 competencies. "
                "✓ marks the exam levels (CA-AM, CSAP) and competency types each row carries.")
    with gr.Row():
        search = gr.Textbox(label="Search", placeholder="words or a code, e.g. governance", scale=3,
                            elem_id="matrix-search")
        section = gr.Dropdown(SECTIONS, value=SECTIONS[0], label="Section", scale=1, elem_id="matrix-section")
        area = gr.Dropdown(area_choices(model), value=ALL_AREAS, label="Area", scale=2, elem_id="matrix-area")
    with gr.Row():
        level = gr.Radio(LEVELS, value=LEVELS[0], label="Exam level", elem_id="matrix-level")
        types = gr.CheckboxGroup(TYPES, label="Competency type (all ticked must apply)", elem_id="matrix-types")
    count = gr.Markdown(f"**{len(model.items)}** competencies shown", elem_id="matrix-count")
    table = gr.Dataframe(value=filter_rows(model), headers=COLUMNS, interactive=False, wrap=True,
                         column_widths=["8%", "18%", "44%", "6%", "6%", "5%", "5%", "4%", "6%"], max_height=520,
                         elem_id="matrix-table")
    detail = gr.Markdown(area_detail(model, ALL_AREAS), elem_id="area-detail")

    def refresh(text, section_value, area_value, level_value, type_values):
        rows = filter_rows(model, text, section_value, area_value, level_value, type_values)
        shown = rows if rows else [["", "", "No competency matches these filters.", "", "", "", "", "", ""]]
        return shown, f"**{len(rows)}** competencies shown", area_detail(model, area_value)

    filters = [search, section, area, level, types]
    for control in filters:
        event = control.submit if control is search else control.change
        event(refresh, filters, [table, count, detail], api_visibility="private")
    gr.Markdown("## Job descriptions")
    with gr.Row(equal_height=False):
        for role in model.roles:
            with gr.Column():
                gr.Markdown(role_markdown(model, role.id), elem_id=f"role-{role.id}")
