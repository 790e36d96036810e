"""The matrix explorer tab: the whole matrix, searched by words or codes in any form (typos tolerated),
filtered by section, area, exam and competency type — filters that follow each other and the search —, an
area's detail (its competencies and the roles that own it), and the three job descriptions side by side."""

from __future__ import annotations

import gradio as gr

from ..model import CompetencyModel
from .matrix_view import (ALL_AREAS, ALL_SECTIONS, EXAMS, TYPES, area_choices, area_code, area_detail,
                          role_markdown, section_choices, section_number, select, table_html)
from .search import read


def matrix_tab(model: CompetencyModel) -> None:
    gr.Markdown("The ASAP Alliance Competencies Matrix as parsed from the guide: 21 areas, 140 competencies, each "
                "with the exams that test it (CA-AM, CSAP) and its competency type.", elem_classes=["coach-note"])
    with gr.Row(elem_classes=["coach-filters"]):
        search = gr.Textbox(label="Search", placeholder="words or a code: governance, II C, 2C, ii c 3",
                            scale=3, min_width=220, elem_id="matrix-search")
        section = gr.Dropdown(section_choices(model), value=ALL_SECTIONS, label="Section", scale=2, min_width=200,
                              elem_id="matrix-section")
        area = gr.Dropdown(area_choices(model), value=ALL_AREAS, label="Area", scale=2, min_width=200,
                           elem_id="matrix-area")
    with gr.Row(elem_classes=["coach-filters"]):
        exam = gr.Radio(list(EXAMS), value="All", label="Tested in", elem_id="matrix-exam", scale=3, min_width=300)
        types = gr.CheckboxGroup(TYPES, label="Competency type (all ticked must apply)", elem_id="matrix-types",
                                 scale=2, min_width=300)
    clear = gr.Button("Clear search and filters", size="sm", elem_id="matrix-clear", variant="secondary")
    first = select(model)
    count = gr.Markdown(first.summary, elem_id="matrix-count")
    table = gr.HTML(table_html(first.items), elem_id="matrix-table", elem_classes=["coach-table-wrap"])
    detail = gr.Markdown(area_detail(model, ALL_AREAS), elem_id="area-detail")

    def refresh(text, section_value, area_value, exam_value, type_values):
        chosen = select(model, text, section_value, area_value, exam_value, type_values)
        areas = area_choices(model, section_number(model, chosen.section))
        return (table_html(chosen.items), chosen.summary, area_detail(model, chosen.area),
                gr.update(value=chosen.section), gr.update(choices=areas, value=chosen.area))

    def on_section(text, section_value, area_value, exam_value, type_values):
        """A section chosen by hand wins: an area outside it, or a code typed for another section, is dropped."""
        wanted = section_number(model, section_value)
        if wanted is not None:
            if any(code.section != wanted for code in read(model, text).codes):
                text = ""
            chosen_area = area_code(area_value)
            if chosen_area is not None and chosen_area.section != wanted:
                area_value = ALL_AREAS
        chosen = select(model, text, section_value, area_value, exam_value, type_values)
        return (table_html(chosen.items), chosen.summary, area_detail(model, chosen.area), text,
                gr.update(choices=area_choices(model, wanted), value=chosen.area))

    filters = [search, section, area, exam, types]
    outputs = [table, count, detail, section, area]
    # .input (a person's change), not .change: the filters' values set by refresh must not fire it again.
    search.submit(refresh, filters, outputs, api_visibility="private")
    search.input(refresh, filters, outputs, api_visibility="private", trigger_mode="always_last")
    for control in (area, exam, types):
        control.input(refresh, filters, outputs, api_visibility="private", trigger_mode="always_last")
    section.input(on_section, filters, [table, count, detail, search, area], api_visibility="private")
    clear.click(lambda: ("", ALL_SECTIONS, ALL_AREAS, "All", []), None, filters, api_visibility="private").then(
        refresh, filters, outputs, api_visibility="private")
    gr.Markdown("## Job descriptions")
    with gr.Row(equal_height=False, elem_classes=["coach-roles"]):
        for role in model.roles:
            with gr.Column(min_width=280):
                gr.Markdown(role_markdown(model, role.id), elem_id=f"role-{role.id}")

