"""The sets of the competency matrix the operations work on: which items a question's subjects name (an area,
a section, named competencies, the previous answer, the whole matrix), how to name and cite them, the exam
filter and the split sentence every count states ("10 expected at CA-AM and 10 at CSAP; …"), and the blocks
that show items by exam level or a section's areas. Shared by coach/operations/matrix.py (list, filter) and
coach/operations/counts.py (count, areas ranked)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..codes import Code
from ..query import Query
from ..records import Area, MatrixItem, exam_split
from ..results import Point, Result, Section, Source
from .workspace import Workspace, plural

FILTER_WORDS = {
    "CA-AM only": "as CA-AM only",
    "CSAP only": "as CSAP only",
    "both": "for both exams",
    "neither": "for neither exam",
    "not CA-AM": "as not expected at CA-AM",
    "not CSAP": "as not expected at CSAP",
    "CA-AM": "at CA-AM",
    "CSAP": "at CSAP",
}


@dataclass
class Scope:
    """The set of matrix items an operation works on, how to name it, and what to cite for it."""

    label: str  # "II M Termination and/or Transformation", "section III", "the whole matrix"
    items: list[MatrixItem]
    sources: tuple[Source, ...]  # area codes (or the matrix summary record)
    areas: list[Code]
    named_items: bool = False  # the competencies the question names, not an area's or section's


def scope(query: Query, ws: Workspace) -> Scope:
    s = query.subjects
    model = ws.model
    if query.within:
        items = [ws.item(code) for code in query.within]
        areas = list(dict.fromkeys(code.area for code in query.within))
        return Scope("the previous answer", items, tuple(areas), areas)
    if s.items and set(s.areas) <= {code.area for code in s.items}:  # "II C.1 - CA-AM or CSAP?"
        items = [ws.item(code) for code in s.items]
        areas = list(dict.fromkeys(code.area for code in s.items))
        return Scope(" and ".join(map(str, s.items)), items, tuple(s.items), areas, named_items=True)
    if s.areas:
        sides = [area_scope(query, ws, code) for code in s.areas]
        label = " and ".join(side.label for side in sides)
        return Scope(label, [item for side in sides for item in side.items], tuple(s.areas), list(s.areas))
    if s.sections:
        areas = [area.code for area in model.areas if area.code.section in s.sections]
        label = " and ".join(f"section {Code(n, 'A').section_numeral} ({model.section_name(n)})" for n in s.sections)
        return Scope(
            label,
            [i for code in areas for i in ws.area(code).items],
            tuple(ws.section_record(n) for n in s.sections),
            areas,
        )
    return Scope("the whole matrix", model.items, (ws.matrix_record,), [a.code for a in model.areas])


def area_scope(query: Query, ws: Workspace, code: Code) -> Scope:
    """One named area: its items (or the group of them the question names, said so in its label)."""
    area = ws.area(code)
    items = group_items(query, area)
    groups = sorted({item.group for item in items if item.group})
    whole = len(items) == len(area.items)
    label = f"**{ws.area_name(code)}**" + ("" if whole else f" (its {' and '.join(groups)} rows)")
    return Scope(label, items, (code,), [code])


def group_items(query: Query, area: Area) -> list[MatrixItem]:
    """II M's rows come in groups ("Termination:", "Transformation:"): a question naming one group, or
    excluding one ("not the transformation ones"), gets that group's rows."""
    groups = {item.group for item in area.items if item.group}
    if not groups:
        return list(area.items)
    named = set(query.wording.groups_named) & groups
    excluded = set(query.wording.groups_excluded) & groups
    wanted = (named - excluded) or None
    if wanted is None or len(wanted) == len(groups):
        return list(area.items)
    return [item for item in area.items if item.group in wanted]


def matching(items: list[MatrixItem], query: Query) -> list[MatrixItem]:
    found = [item for item in items if item.flags.matches(query.exam)]
    if query.competency_type:
        found = [item for item in found if query.competency_type in item.flags.kinds()]
    return found


def filter_basis(query: Query) -> str:
    parts = []
    if query.exam:
        parts.append(FILTER_WORDS[query.exam])
    if query.competency_type:
        parts.append(f"as {query.competency_type} competencies")
    return " and ".join(parts)


def split_sentence(items: Sequence[MatrixItem]) -> str:
    """ "10 expected at CA-AM and 10 at CSAP; flagged for both exams 10, neither exam 1" — the words of the
    sources' own summaries (coach/summaries.py), so the claim can be checked; a level no item is flagged for is
    left out of the list, and none expected at an exam is said so ("none expected at CA-AM and 4 at CSAP")."""
    split = exam_split(items)
    at_caam = sum(item.flags.at("CA-AM") for item in items) or "none"
    at_csap = sum(item.flags.at("CSAP") for item in items) or "none"
    flagged = ", ".join(f"{label} {split[key]}" for key, label in _FLAG_LABELS.items() if split[key])
    return f"{at_caam} expected at CA-AM and {at_csap} at CSAP; flagged for {flagged or 'no exam'}"


_FLAG_LABELS = {"both": "both exams", "CSAP only": "CSAP only", "CA-AM only": "CA-AM only", "neither": "neither exam"}


EXAM_GROUP_TITLES = {
    "both": "On both exams",
    "CSAP only": "CSAP only",
    "CA-AM only": "CA-AM only",
    "neither": "Neither exam",
}


def by_exam_level(items: Sequence[MatrixItem], ws: Workspace, result: Result, prefix: str = "") -> None:
    """One area's items under the exam levels the guide flags them for ("which are CA-AM, which CSAP?"): the
    split sentence says how many, this says which."""
    for group, title in EXAM_GROUP_TITLES.items():
        result.add(f"{prefix}{title}", [ws.item_point(item) for item in items if item.flags.exam == group])


def section_block(number: int, codes: list[Code], ws: Workspace) -> Section:
    name = ws.model.section_name(number)
    points = [
        Point(f"**{ws.area_name(code)}** — {plural(len(ws.area(code).items), 'item')}", (code,)) for code in codes
    ]
    return Section(f"Section {Code(number, 'A').section_numeral} {name} ({plural(len(codes), 'area')})", points)


def capital(label: str) -> str:
    """A label opening a sentence: "the whole matrix" → "The whole matrix" ("**II C …**" stays as it is)."""
    return label[:1].upper() + label[1:]
