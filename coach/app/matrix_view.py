"""The matrix explorer's data: the whole matrix as rows, filters that stay consistent with each other, the
table as HTML (a table on wide screens, cards on a phone: see assets.CSS), an area's detail and the job
descriptions. Pure: no Gradio here."""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..codes import Code
from ..model import CompetencyModel
from ..records import MatrixItem
from . import search

ALL_SECTIONS = "All sections"
ALL_AREAS = "All areas"
# The exam filter: label shown → the value Flags.matches() takes.
EXAMS = {
    "All": None,
    "CA-AM": "CA-AM",
    "CSAP": "CSAP",
    "Both exams": "both",
    "CA-AM only": "CA-AM only",
    "CSAP only": "CSAP only",
    "Neither exam": "neither",
}
TYPES = ["Industry", "Context", "Core", "Company"]
EXAM_LABEL = {"both": "Both exams", "CA-AM only": "CA-AM only", "CSAP only": "CSAP only", "neither": "Neither exam"}


def section_choices(model: CompetencyModel) -> list[str]:
    return [ALL_SECTIONS] + [
        f"{Code(number, 'A').section_numeral} {name}" for number, name in sorted(model.section_names.items())
    ]


def section_number(model: CompetencyModel, choice: str | None) -> int | None:
    """ "II Specific Skills …" (or just "II") → 2; "All sections", nothing or an unknown value → None."""
    if not choice or choice == ALL_SECTIONS:
        return None
    numeral = choice.split()[0]
    return next((number for number in model.section_names if Code(number, "A").section_numeral == numeral), None)


def area_choices(model: CompetencyModel, section: int | None = None) -> list[str]:
    return [ALL_AREAS] + [
        f"{area.code} {area.name}" for area in model.areas if section is None or area.code.section == section
    ]


def area_code(choice: str | None) -> Code | None:
    """ "II C Alliance Governance" → II C; "All areas" or nothing → None."""
    if not choice or choice == ALL_AREAS:
        return None
    return Code.try_parse(" ".join(choice.split()[:2]))


def area_choice(model: CompetencyModel, code: Code | None) -> str:
    area = model.area(code) if code is not None else None
    return f"{area.code} {area.name}" if area else ALL_AREAS


def section_choice(model: CompetencyModel, section: int | None) -> str:
    if section is None:
        return ALL_SECTIONS
    return next(choice for choice in section_choices(model)[1:] if section_number(model, choice) == section)


@dataclass(frozen=True)
class Selection:
    """What the explorer shows: the rows, the filters as they now stand (made consistent), and a summary."""

    items: list[MatrixItem]
    section: str
    area: str
    query: search.SearchRequest
    summary: str


def select(
    model: CompetencyModel,
    text: str = "",
    section: str = ALL_SECTIONS,
    area: str = ALL_AREAS,
    exam: str = "All",
    types: list[str] | None = None,
) -> Selection:
    """Filter the matrix. A code typed in the search moves the section and area filters to it, and an area
    outside the chosen section is dropped, so the filters never contradict each other or the search."""
    query = search.read(model, text)
    wanted_section = section_number(model, section)
    wanted_area = area_code(area)
    if wanted_area is not None and model.area(wanted_area) is None:
        wanted_area = None
    if len(query.codes) == 1:  # "II C" in the search: the filters follow it
        wanted_area, wanted_section = query.codes[0].area, query.codes[0].section
    elif query.codes:
        wanted_area = None
        sections = {code.section for code in query.codes}
        wanted_section = sections.pop() if len(sections) == 1 else None
    if wanted_area is not None and wanted_section not in (None, wanted_area.section):
        wanted_area = None
    if wanted_area is not None and wanted_section is None:
        wanted_section = wanted_area.section
    level = EXAMS.get(exam)
    kinds = [t for t in (types or []) if t in TYPES]
    items = [
        item
        for item in model.items
        if (wanted_section is None or item.code.section == wanted_section)
        and (wanted_area is None or item.code.area == wanted_area)
        and item.flags.matches(level)
        and all(getattr(item.flags, kind.lower()) for kind in kinds)
        and search.matches(query, item)
    ]
    summary = _summary(model, items, query, wanted_area, wanted_section, exam, kinds)
    return Selection(items, section_choice(model, wanted_section), area_choice(model, wanted_area), query, summary)


def _summary(model, items, query, area, section, exam, kinds) -> str:
    scope = [area_choice(model, area) if area else (section_choice(model, section) if section else "")]
    scope += [exam if exam in EXAMS and exam != "All" else "", " + ".join(kinds)]
    shown = f"**{len(items)}** of {len(model.items)} competencies"
    shown += f" · {' · '.join(part for part in scope if part)}" if any(scope) else ""
    notes = []
    if query.unknown_codes:
        code = Code.parse(query.unknown_codes[0])
        nearest = ", ".join(str(c) for c in model.nearest(code))
        notes.append(f"**{code}** is not a code of the ASAP competency matrix. Nearest codes: {nearest}.")
    elif search.describe(query):
        notes.append(search.describe(query))
    if not items and not query.unknown_codes:
        notes.append("No competency matches: clear a filter or the search to see more.")
    return "  \n".join([shown, *notes])


def exam_label(item: MatrixItem) -> str:
    return EXAM_LABEL[item.flags.exam]


def _e(text: object) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def table_html(items: list[MatrixItem]) -> str:
    """The rows as an HTML table; each cell carries its column name for the phone's card layout."""
    if not items:
        return '<p class="coach-empty">No competency matches these filters.</p>'
    rows = []
    for item in items:
        types = ", ".join(item.flags.kinds()) or "—"
        rows.append(
            f'<tr><td class="coach-code" data-label="Code">{_e(item.code)}</td>'
            f'<td class="coach-main" data-label="Competency">{_e(item.label)}</td>'
            f'<td data-label="Area">{_e(f"{item.code.area} {item.area_name}")}</td>'
            f'<td data-label="Exams"><span class="coach-badge coach-exam-{item.flags.exam.split()[0].lower()}">'
            f"{_e(exam_label(item))}</span></td>"
            f'<td data-label="Type">{_e(types)}</td></tr>'
        )
    head = "".join(f'<th scope="col">{name}</th>' for name in ("Code", "Competency", "Area", "Exams", "Type"))
    return (
        f'<table class="coach-table coach-matrix"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def area_detail(model: CompetencyModel, area: str) -> str:
    code = area_code(area)
    found = model.area(code) if code is not None else None
    if found is None:
        return "Choose an area (or type its code in the search) to see its competencies and which roles own it."
    lines = [f"### {found.code} {found.name}", f"*{found.section_name}* · {len(found.items)} competencies", ""]
    owners = model.responsibilities_for(found.code)
    lines.append("**Owned in the job descriptions**" if owners else "**No job description names this area.**")
    for resp in owners:
        lines.append(
            f"- {model.role(resp.role_id).name} — *{resp.kind}*: {resp.text} ({', '.join(str(c) for c in resp.codes)})"
        )
    lines += ["", "**Competencies**"]
    for item in found.items:
        lines.append(f"- **{item.code}** {item.label} — {', '.join(item.flags.labels()) or 'no flags'}")
    return "\n".join(lines)


def role_markdown(model: CompetencyModel, role_id: str) -> str:
    role = model.role(role_id)
    lines = [
        f"### {role.name}",
        f"**Example titles:** {role.example_titles}  ",
        f"**Certification:** {role.certification}",
        "",
        "**Position description**",
    ]
    lines += list(role.position_description)
    lines += [
        "",
        f"**Reporting:** {role.reporting}",
        "",
        f"**Scope:** {role.scope}",
        "",
        "**Primary responsibilities**",
    ]
    lines += [_responsibility(resp) for resp in role.primary]
    lines += ["", "**Secondary responsibilities**"]
    lines += [_responsibility(resp) for resp in role.secondary]
    lines += ["", "**Experience**"] + [f"- {line}" for line in role.experience]
    lines += [
        "",
        f"**Education:** {role.education}",
        "",
        f"**Certification requirements:** {role.certification_requirements}",
    ]
    return "\n".join(lines)


def _responsibility(resp) -> str:
    codes = f" — **{', '.join(str(c) for c in resp.codes)}**" if resp.codes else ""
    return f"- {resp.text}{codes}"
