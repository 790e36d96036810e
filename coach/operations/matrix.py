"""Operations on sets of the competency matrix, computed from the parsed model (never guessed from
similarity): list a set (an area's items, a section's areas, the competency categories) and filter it by exam
level or competency type. Each states its basis ("II M has 11 items; the guide flags 0 as CA-AM only").
Counting is in coach/operations/counts.py, the sets themselves in coach/operations/sets.py; explaining one
thing and comparing two in coach/operations/describe.py."""

from __future__ import annotations

from ..codes import Code
from ..query import Query
from ..records import MatrixItem, category_id
from ..results import Point, Result, capped
from .counts import area_by_area, area_counts
from .sets import (
    FILTER_WORDS,
    Scope,
    by_exam_level,
    filter_basis,
    group_items,
    matching,
    scope,
    section_block,
    split_sentence,
)
from .workspace import Workspace, exam_level, number_word, plural, quote

# --- filter, list -----------------------------------------------------------------------------------------


SMALL_SET = 15  # a section this small (section III: 12 items) shows where its items are when a filter keeps none


def filter_items(query: Query, ws: Workspace) -> Result:
    if area_by_area(query):
        return area_counts(query, ws)
    where = scope(query, ws)
    found = matching(where.items, query)
    result = Result()
    basis = filter_basis(query)
    if query.areas_without:
        return _areas_without(ws, where, found, basis)
    if query.areas_entirely:
        return _areas_entirely(ws, where, found, basis)
    if where.named_items:
        return _named_items(query, ws, where)
    if not (query.exam or query.competency_type):  # both exams named, neither as the filter: which are where
        return _by_exam(query, where, ws)
    if not found:
        result.lead.append(
            Point(
                f"Of the {plural(len(where.items), 'item')} in {where.label}, the guide flags none {basis}",
                where.sources,
            )
        )
        result.lead.append(Point(f"By exam level, its items are {split_sentence(where.items)}", where.sources))
        if len(where.areas) == 1 or (query.subjects.sections and len(where.items) <= SMALL_SET):
            # "does the CA-AM test anything on partner selection?", "any ca-am items in section III?": none, and
            # where its items are instead
            by_exam_level(where.items, ws, result)
        return result
    if len(query.subjects.areas) > 1 and not query.within:
        result.lead += _per_area(query, ws, found, basis)  # each area's own count, as its own summary states it
    else:
        result.lead.append(
            Point(
                f"Of the {plural(len(where.items), 'item')} in {where.label}, the guide flags {len(found)} {basis}",
                where.sources,
            )
        )
    if len({item.code.area for item in found}) > 3:
        ws.items_by_area(found, result)
    else:
        points, hidden = capped([ws.item_point(item) for item in found], ws.limit(query))
        result.add("The items", points, hidden)
    return result


def _named_items(query: Query, ws: Workspace, where: Scope) -> Result:
    """Competencies the question names, asked of an exam level ("is designing a governance model on the CA-AM
    exam?", "II C.1 - CA-AM or CSAP?"): for one, yes or no when a level or narrowing is asked, and the levels
    the guide flags it for; for several, how many the filter keeps, then each with its levels."""
    result = Result()
    if len(where.items) > 1:
        if query.exam:
            kept = len(matching(where.items, query))
            lead = f"Of the {len(where.items)} competencies named, the guide flags {kept} {filter_basis(query)}"
            result.lead.append(Point(lead, tuple(ws.item_record(item.code) for item in where.items)))
        result.add("The competencies", [ws.item_point(item) for item in where.items])
        return result
    item = where.items[0]
    answer = ""
    if query.exam:
        answer = "Yes: t" if item.flags.matches(query.exam) else f"No, not {FILTER_WORDS[query.exam]}: t"
    text = f"{answer or 'T'}he guide flags “{item.label}” ({item.code}) for {exam_level(item.flags)}"
    result.lead.append(Point(text, (ws.item_record(item.code),)))
    return result


def _by_exam(query: Query, where: Scope, ws: Workspace) -> Result:
    """ "In conflict resolution, which items are only on the CA-AM and which only on the CSAP?": each named area's
    items under the exam levels the guide flags them for, after its split sentence; the previous answer's
    competencies ("which exam is that on?") or more than three areas' items, all together."""
    result = Result()
    if query.within:  # a set of the answer's making: its counts are in the groups below, each row cited
        result.lead.append(Point(f"The competencies of {where.label} by exam level, as the guide flags them:", ()))
        by_exam_level(where.items, ws, result)
    elif len(where.areas) > 3:
        result.lead.append(Point(f"By exam level, its items are {split_sentence(where.items)}", where.sources))
        by_exam_level(where.items, ws, result)
    else:
        for code in where.areas:
            items = [item for item in where.items if item.code.area == code]
            split = f"**{ws.area_name(code)}** has {plural(len(items), 'item')}: {split_sentence(items)}"
            result.lead.append(Point(split, (code,)))
            by_exam_level(items, ws, result, f"{code} " if len(where.areas) > 1 else "")
    return result


def _per_area(query: Query, ws: Workspace, found: list[MatrixItem], basis: str) -> list[Point]:
    """Each named area's own count of what the filter found, in the order named, and which has more ("which
    has more CSAP-only items, II C or II D?")."""
    counts = [(sum(item.code.area == code for item in found), code) for code in query.subjects.areas]
    points = [
        Point(
            f"Of the {plural(len(ws.area(code).items), 'item')} in **{ws.area_name(code)}**, the guide flags "
            f"{number or 'none'} {basis}",
            (code,),
        )
        for number, code in counts
    ]
    ranked = sorted(counts, key=lambda pair: -pair[0])
    if len(counts) == 2 and ranked[0][0] > ranked[1][0]:
        (more, first), (fewer, second) = ranked
        points.append(Point(f"So **{ws.area_name(first)}** has more ({more} against {fewer})", (first, second)))
    return points


def _areas_without(ws: Workspace, where: Scope, found: list[MatrixItem], basis: str) -> Result:
    """The areas of the scope none of whose items the guide flags so ("which areas have nothing on the
    CA-AM?")."""
    having = {item.code.area for item in found}
    without = [code for code in _areas_of(where) if code not in having]
    none = "Each of the {areas} has an item the guide flags " + basis
    return _areas_listed(ws, where, without, none, f"have no item the guide flags {basis}")


def _areas_entirely(ws: Workspace, where: Scope, found: list[MatrixItem], basis: str) -> Result:
    """The areas of the scope every one of whose items on an exam the filter keeps ("which areas are entirely
    CSAP only?"; the row no exam tests, "Explain how industry conditions affect alliances …", aside)."""
    kept = {item.code for item in found}
    entirely = []
    for code in _areas_of(where):
        tested = [item for item in where.items if item.code.area == code and item.flags.levels()]
        if tested and all(item.code in kept for item in tested):
            entirely.append(code)
    none = "None of the {areas} has all its exam items flagged " + basis
    return _areas_listed(ws, where, entirely, none, f"have every item on an exam flagged {basis}")


def _areas_of(where: Scope) -> list[Code]:
    return list(dict.fromkeys(item.code.area for item in where.items))


def _areas_listed(ws: Workspace, where: Scope, chosen: list[Code], none: str, these_do: str) -> Result:
    """The areas of the scope a question picks out by their items, each cited with its exam split, so the claim
    can be checked; `none` (its "{areas}": the scope's areas counted) when it picks out none."""
    result = Result()
    in_scope = f"{plural(len(_areas_of(where)), 'area')} in {where.label}"
    if not chosen:
        result.lead.append(Point(none.format(areas=in_scope), where.sources))
        return result
    # a list head, not a claim: the areas below, each cited with the split that shows it, are what it counts
    result.lead.append(Point(f"Of the {in_scope}, these {len(chosen)} {these_do}:", ()))
    points = [Point(f"**{ws.area_name(code)}**: {split_sentence(ws.area(code).items)}", (code,)) for code in chosen]
    result.add("", points)  # the lead above is their heading
    return result


def list_set(query: Query, ws: Workspace) -> Result:
    s = query.subjects
    if s.areas:
        return _list_areas(query, ws)
    if s.sections:
        result = Result()
        for number in s.sections:
            codes = [a.code for a in ws.model.areas if a.code.section == number]
            result.sections.append(section_block(number, codes, ws))
        result.lead.append(Point("The sections' areas, each with its number of competencies:", ()))
        return result
    if "matrix" in s.topics and not s.categories:
        return matrix_overview(ws)
    return categories(query, ws, only=s.categories)  # "what are the core competencies?": that category


def matrix_overview(ws: Workspace) -> Result:
    """The matrix as it is built: its sections, each with its areas and their sizes ("how is the matrix
    organized?"); the guide's competency categories are another way of sorting the skills, asked by name."""
    model = ws.model
    numbers = sorted({area.code.section for area in model.areas})
    sizes = f"{plural(len(model.items), 'item')} in {plural(len(model.areas), 'area')}"
    lead = f"The ASAP Alliance Competencies Matrix has {sizes}, in {number_word(len(numbers))} sections"
    result = Result()
    result.lead.append(Point(lead, (ws.matrix_record,)))
    for number in numbers:
        result.sections.append(section_block(number, [a.code for a in model.areas if a.code.section == number], ws))
    return result


def _list_areas(query: Query, ws: Workspace) -> Result:
    result = Result()
    for code in query.subjects.areas[:3]:
        area = ws.area(code)
        items = group_items(query, area)
        if len(items) < len(area.items):
            groups = ", ".join(sorted({i.group for i in items if i.group}))
            result.lead.append(Point(f"**{ws.area_name(code)}**, its {groups} rows:", ()))
        else:
            result.lead.append(
                Point(
                    f"**{ws.area_name(code)}** lists {plural(len(items), 'competency', 'competencies')}"
                    f": {split_sentence(items)}",
                    (code,),
                )
            )
        points, hidden = capped([ws.item_point(item) for item in items], ws.limit(query))
        result.add(f"{code} competencies", points, hidden)
        related_lists(ws, code, result)
    return result


def categories(query: Query, ws: Workspace, only: tuple[str, ...] = ()) -> Result:
    result = Result()
    chosen = [(position, c) for position, c in enumerate(ws.model.categories, start=1) if not only or c.name in only]
    if not only:
        result.lead.append(
            Point(
                f"The guide sorts the skills of a strategic alliance manager into "
                f"{number_word(len(chosen))} competency categories:",
                (),
            )
        )
    points = []
    for position, category in chosen:
        record = ws.records[category_id(position)]
        groups = "; ".join(f"{title + ': ' if title else ''}{', '.join(items)}" for title, items in category.groups)
        text = f"**{category.name}** — {category.description.rstrip(':').rstrip()}"
        points.append(Point(text, (record,), children=[Point(groups, (record,))] if groups else []))
    if only and points:
        first = points[0]
        result.lead.append(Point(first.text, first.sources))
        result.add("", [Point(c.text, c.sources) for c in first.children] + points[1:])
    else:
        result.add("", points)
    return result


def related_lists(ws: Workspace, code: Code, result: Result) -> None:
    """An article list that names the area ("the alliance lifecycle": six activities) shown beside it."""
    for owner, members in ws.lists_naming(code):
        result.add(
            f"In {quote(ws.titles.get(owner.document, owner.document))}",
            [
                Point(
                    quote(owner.text.split(". ")[-1]), (owner,), children=[Point(quote(m.text), (m,)) for m in members]
                )
            ],
        )


__all__ = ["categories", "filter_items", "list_set", "scope"]
