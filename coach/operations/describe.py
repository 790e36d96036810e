"""Explain and compare, computed from the parsed model: what a competency, an area, a competency category or a
certification is (an item with its area and flags, an area with its items and owners, a certification with the
roles that need it), and two certifications, areas or categories side by side. Listing and filtering sets of
the matrix are in coach/operations/matrix.py, counting them in coach/operations/counts.py."""

from __future__ import annotations

from collections.abc import Sequence

from ..query import Query
from ..records import EXAM_LEVELS, Passage, RecordKind, exam_split
from ..results import Point, Result, capped
from ..sentences import split_sentences
from . import advise
from .matrix import categories, list_set, related_lists, scope
from .sets import split_sentence
from .workspace import Workspace, flag_note, plural, quote

# --- explain -------------------------------------------------------------------------------------------------


def explain(query: Query, ws: Workspace) -> Result:
    s = query.subjects
    if s.items:
        return _explain_items(query, ws)
    if s.areas:
        return _explain_areas(query, ws)
    if s.sections:
        return list_set(query, ws)
    if s.categories:
        return categories(query, ws, only=s.categories)
    if s.certifications:
        return certification(query, ws)
    if "matrix" in s.topics:
        return list_set(query, ws)  # "what is the matrix?": its sections and their areas
    return categories(query, ws)


def _explain_items(query: Query, ws: Workspace) -> Result:
    result = Result()
    for code in query.subjects.items[:6]:
        item = ws.item(code)
        group = f" (under “{item.group}”)" if item.group else ""
        result.lead.append(
            Point(
                f"**{code}** is {quote(item.statement)}{group}, a competency of {ws.area_name(code)}",
                (ws.item_record(code),),
                flag_note(item.flags),
            )
        )
    for area in dict.fromkeys(code.area for code in query.subjects.items[:6]):  # each area's owners once
        owners = ws.model.responsibilities_for(area)
        result.add(
            f"Who owns {area} in the job descriptions",
            [ws.responsibility_point(resp, with_role=True) for resp in owners],
        )
    return result


def _explain_areas(query: Query, ws: Workspace) -> Result:
    result = Result()
    for code in query.subjects.areas[:3]:
        area = ws.area(code)
        result.lead.append(
            Point(
                f"**{ws.area_name(code)}** ({area.section_name}) lists "
                f"{plural(len(area.items), 'competency', 'competencies')}: {split_sentence(area.items)}",
                (code,),
            )
        )
        items = area.items if query.exam is None else [i for i in area.items if i.flags.matches(query.exam)]
        points, hidden = capped([ws.item_point(item) for item in items], ws.limit(query))
        result.add(f"{code} competencies", points, hidden)
        owners = ws.model.responsibilities_for(code)
        result.add(
            f"Who owns {code} in the job descriptions",
            [ws.responsibility_point(resp, with_role=True) for resp in owners],
        )
        related_lists(ws, code, result)
    return result


def certification_names(ws: Workspace, certifications: Sequence[str]) -> Point:
    names = " and ".join(f"**{c}** is the {ws.lexicon.certification_names.get(c, c)}" for c in certifications)
    return Point(f"In the guide, {names} examination", (_exam_summary(ws),))


def certification(query: Query, ws: Workspace) -> Result:
    """What a certification is (the guide's name for it), which roles require it, and what the matrix tests.
    A figure the guide does not give (the exam's fee, its pass mark) is said not to be covered."""
    evidence = ws.evidence(query)
    if query.focus and evidence.ask == "figure" and not evidence.covered:
        return advise.not_covered(query, ws, evidence)
    result = Result()
    summary = _exam_summary(ws)
    for cert in query.subjects.certifications:
        name = ws.lexicon.certification_names.get(cert, cert)
        tested = [item for item in ws.model.items if item.flags.at(cert)]
        result.lead.append(
            Point(
                f"**{cert}** is the {name} examination; the matrix marks "
                f"{plural(len(tested), 'competency', 'competencies')} as tested in it",
                (summary, ws.matrix_record),
            )
        )
        result.add(
            f"Which roles need {cert}",
            [
                Point(
                    f"{ws.role_label(role.id).capitalize()}: {' '.join(role.facts()['Certification Requirements'].split())}",
                    (ws.fact_record(role.id, "certification-requirements"),),
                )
                for role in ws.roles()
                if role.certification == cert
            ],
        )
    result.add("", _roles_preamble_on_certification(ws))
    return result


def _roles_preamble_on_certification(ws: Workspace) -> list[Point]:
    """The job descriptions' preamble says how binding a role's certification level is; quote its sentence."""
    for record in ws.records.values():
        if record.kind == RecordKind.PASSAGE and record.heading.startswith("III."):
            said = [s for s in split_sentences(record.text) if "certification" in s.lower()]
            if said:
                return [Point(f"The guide notes: {quote(said[0])}", (record,))]
    return []


def _exam_summary(ws: Workspace) -> Passage:
    """The guide's sentence on what the matrices show about the two exams."""
    return next(
        p
        for p in ws.records.values()
        if p.kind == RecordKind.PASSAGE
        and p.document == ws.model.guide.id
        and all(level in p.text for level in EXAM_LEVELS)
    )


# --- compare -------------------------------------------------------------------------------------------------


def compare_certifications(query: Query, ws: Workspace) -> Result:
    where = scope(query, ws)
    first, second = query.subjects.certifications[:2]
    result = Result()
    result.lead.append(certification_names(ws, (first, second)))
    result.lead.append(Point(f"In {where.label}, {split_sentence(where.items)}", where.sources))
    for cert in (first, second):
        only = [item for item in where.items if item.flags.exam == f"{cert} only"]
        points, hidden = capped(
            [ws.item_point(item, show_types=False) for item in only], ws.limit(query) if len(where.areas) > 1 else None
        )
        result.add(f"Only on {cert}", points, hidden)
    if not query.subjects.areas:
        result.add(
            "By area (both · CSAP only · CA-AM only · neither)",
            [
                Point(
                    f"{ws.area_name(code)}: {' · '.join(str(v) for v in exam_split(ws.area(code).items).values())}",
                    (code,),
                )
                for code in where.areas
            ],
        )
    return result


def compare_areas(query: Query, ws: Workspace) -> Result:
    result = Result()
    for code in query.subjects.areas[:2]:
        area = ws.area(code)
        owners = ", ".join(sorted({ws.role_label(r.role_id) for r in ws.model.responsibilities_for(code)}))
        result.lead.append(
            Point(
                f"**{ws.area_name(code)}** lists {plural(len(area.items), 'competency', 'competencies')}"
                f" ({split_sentence(area.items)}){'; owned by the ' + owners if owners else ''}",
                (code,),
            )
        )
        points, hidden = capped([ws.item_point(item, show_types=False) for item in area.items], 6)
        result.add(f"{code} competencies", points, hidden)
    return result


def compare_categories(query: Query, ws: Workspace) -> Result:
    return categories(query, ws, only=query.subjects.categories)


__all__ = ["certification", "compare_areas", "compare_categories", "compare_certifications", "explain"]
