"""The matrix explorer tab: the whole matrix, searched by words or codes in any form (typos tolerated),
filtered by section, area, exam and competency type — filters that follow each other and the search —, an
area's detail (its competencies and the roles that own it), and the three job descriptions side by side."""

from __future__ import annotations

from typing import Any

import gradio as gr

from ..model import CompetencyModel
from .matrix_view import (
    ALL_AREAS,
    ALL_SECTIONS,
    EXAMS,
    TYPES,
    area_choices,
    area_code,
    area_detail,
    role_markdown,
    section_choices,
    section_number,
    select,
    table_html,
)
from .search import read


def matrix_tab(model: CompetencyModel) -> None:
    gr.Markdown(
        "The ASAP Alliance Competencies Matrix as parsed from the guide: 21 areas, 140 competencies, each "
        "with the exams that test it (CA-AM, CSAP) and its competency type.",
        elem_classes=["coach-note"],
    )
    with gr.Row(elem_classes=["coach-filters"]):
        search = gr.Textbox(
            label="Search",
            placeholder="words or a code: governance, II C, 2C, ii c 3",
            scale=3,
            min_width=220,
            elem_id="matrix-search",
        )
        section = gr.Dropdown(
            section_choices(model),
            value=ALL_SECTIONS,
            label="Section",
            scale=2,
            min_width=200,
            elem_id="matrix-section",
        )
        area = gr.Dropdown(
            area_choices(model), value=ALL_AREAS, label="Area", scale=2, min_width=200, elem_id="matrix-area"
        )
    with gr.Row(elem_classes=["coach-filters"]):
        exam = gr.Radio(list(EXAMS), value="All", label="Tested in", elem_id="matrix-exam", scale=3, min_width=300)
        types = gr.CheckboxGroup(
            TYPES, label="Competency type (all ticked must apply)", elem_id="matrix-types", scale=2, min_width=300
        )
    clear = gr.Button("Clear search and filters", size="sm", elem_id="matrix-clear", variant="secondary")
    first = select(model)
    count = gr.Markdown(first.summary, elem_id="matrix-count")
    table = gr.HTML(table_html(first.items), elem_id="matrix-table", elem_classes=["coach-table-wrap"])
    detail = gr.Markdown(area_detail(model, ALL_AREAS), elem_id="area-detail")

    followed = gr.State(None)  # the filters a code in the search moved, and what they were before

    def view(chosen, text=None, follow=None):
        areas = area_choices(model, section_number(model, chosen.section))
        return (
            table_html(chosen.items),
            chosen.summary,
            area_detail(model, chosen.area),
            chosen.section,
            gr.update(choices=areas, value=chosen.area),
            gr.skip() if text is None else text,
            follow,
        )

    def by_search(text, section_value, area_value, exam_value, type_values, follow):
        """A code in the search moves the section and area filters to it; when the code leaves the search,
        filters it moved (and nobody changed since) go back to what they were."""
        has_code = bool(read(model, text).codes)
        if not has_code and follow and [section_value, area_value] == follow["set"]:
            section_value, area_value = follow["before"]
            follow = None
        chosen = select(model, text, section_value, area_value, exam_value, type_values)
        if has_code:
            before = follow["before"] if follow else [section_value, area_value]
            follow = {"set": [chosen.section, chosen.area], "before": before}
        return view(chosen, follow=follow)

    def by_filter(text, section_value, area_value, exam_value, type_values, follow):
        """A section or area chosen by hand wins: a code in the search outside it is dropped, and so is an
        area outside the chosen section."""
        wanted_section = section_number(model, section_value)
        wanted_area = area_code(area_value)
        if wanted_area is not None and wanted_section is not None and wanted_area.section != wanted_section:
            area_value, wanted_area = ALL_AREAS, None
        codes = read(model, text).codes
        dropped = any(
            (wanted_area is not None and code.area != wanted_area)
            or (wanted_section is not None and code.section != wanted_section)
            for code in codes
        )
        text = "" if dropped else text
        return view(
            select(model, text, section_value, area_value, exam_value, type_values), text="" if dropped else None
        )  # the search is rewritten only when a code was dropped

    filters = [search, section, area, exam, types, followed]
    outputs = [table, count, detail, section, area, search, followed]
    private: dict[str, Any] = {"api_visibility": "private", "trigger_mode": "always_last"}
    # .input (a person's change), not .change: values set by these handlers must not fire them again. The
    # search runs as you type (Enter adds nothing: a second event would race the first over the filters).
    search.input(by_search, filters, outputs, **private)
    for control in (exam, types):
        control.input(by_search, filters, outputs, **private)
    for dropdown in (section, area):  # .select: an option chosen, not a dropdown merely left (blur)
        dropdown.select(by_filter, filters, outputs, **private)
    clear.click(lambda: ("", ALL_SECTIONS, ALL_AREAS, "All", [], None), None, filters, api_visibility="private").then(
        by_search, filters, outputs, **private
    )

    gr.Markdown("## Job descriptions")
    with gr.Row(equal_height=False, elem_classes=["coach-roles"]):
        for role in model.roles:
            with gr.Column(min_width=280):
                gr.Markdown(role_markdown(model, role.id), elem_id=f"role-{role.id}")
