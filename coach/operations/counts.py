"""Counting sets of the competency matrix, computed from the parsed model: how many items a set has and how they
split by exam level; the matrix's areas counted one by one (areas of a size, ranked or listed by what an exam
level or type flags) and its sections ranked. Each states its basis ("II M has 11 items; the guide flags 0 as
CA-AM only")."""

from __future__ import annotations

from ..codes import Code
from ..query import Query
from ..records import Area
from ..results import Point, Result, capped
from .sets import area_scope, by_exam_level, capital, filter_basis, matching, scope, section_block, split_sentence
from .workspace import Workspace, plural


def count(query: Query, ws: Workspace) -> Result:
    if area_by_area(query):
        return area_counts(query, ws)
    noun = counted_noun(query)
    if noun == "areas":
        return _count_areas(query, ws)
    result = Result()
    named = query.subjects.areas if not query.within else ()
    sides = [area_scope(query, ws, code) for code in named] if len(named) > 1 else [scope(query, ws)]
    if query.exam or query.competency_type:
        # two named areas are counted each on its own line: "how many CA-AM items does each have?"
        found = []
        for side in sides:
            matched = matching(side.items, query)
            found += matched
            result.lead.append(
                Point(
                    f"{capital(side.label)} has {plural(len(side.items), 'item')}; the guide flags {len(matched) or 'none'} "
                    f"{filter_basis(query)}",
                    side.sources,
                )
            )
        if found:
            points, hidden = capped([ws.item_point(item) for item in found], ws.limit(query))
            result.add("The items", points, hidden)
    else:
        for side in sides:
            # a set of several areas says how many (its summary states it: "140 items (competencies) in 21 areas")
            spread = f" in {plural(len(side.areas), 'area')}" if len(side.areas) > 1 else ""
            result.lead.append(
                Point(
                    f"{capital(side.label)} has {plural(len(side.items), 'item')}{spread}: {split_sentence(side.items)}",
                    side.sources,
                )
            )
            if query.wording.says_exams and len(side.areas) == 1:
                by_exam_level(side.items, ws, result, f"{side.areas[0]} " if len(sides) > 1 else "")
        if len(sides) == 1 and len(sides[0].areas) > 1:
            result.add(
                "By area",
                [
                    Point(f"{ws.area_name(code)}: {plural(len(ws.area(code).items), 'item')}", (code,))
                    for code in sides[0].areas
                ],
            )
    return result


def counted_noun(query: Query) -> str:
    """What a count counts: matrix "areas", or "items" (competencies, skills, rows)."""
    if (query.wording.says_areas or query.superlative) and not query.subjects.areas:
        return "areas"
    return "items"


def _count_areas(query: Query, ws: Workspace) -> Result:
    model = ws.model
    sections = query.subjects.sections or tuple(sorted(model.section_names))
    result = Result()
    areas = [area for area in model.areas if area.code.section in sections]
    if query.superlative and _ranks_sections(query):
        return _ranked_sections(query, ws)
    if query.superlative:
        return _ranked_areas(query, ws, areas)
    whole = len(sections) == len(model.section_names)
    lead = "The matrix has" if whole else "That part of the matrix has"
    items = sum(len(area.items) for area in areas)
    # the summaries state these counts (coach/summaries.py): "section III …: 12 items (competencies) in 3 areas"
    keys = ["matrix"] if whole else [f"section {number}" for number in sections]
    sources = tuple(ws.summaries[key] for key in keys if key in ws.summaries)
    counted = f"{plural(len(areas), 'area')} and {plural(items, 'item')}" if sources else plural(len(areas), "area")
    result.lead.append(Point(f"{lead} {counted}, by section:", sources))
    for number in sections:
        codes = [a.code for a in model.areas if a.code.section == number]
        result.sections.append(section_block(number, codes, ws))
    return result


def _ranked_areas(query: Query, ws: Workspace, areas: list[Area]) -> Result:
    """ "Which area is the smallest?": every area by its number of items, the end asked for first."""
    ranked = sorted(areas, key=lambda a: (len(a.items), a.code), reverse=query.superlative == "largest")
    end = [a for a in ranked if len(a.items) == len(ranked[0].items)]
    names = " and ".join(f"**{ws.area_name(a.code)}**" for a in end)
    result = Result()
    verb = "are" if len(end) > 1 else "is"
    result.lead.append(
        Point(
            f"The {query.superlative} {verb} {names}, with {plural(len(end[0].items), 'item')}",
            tuple(a.code for a in end),
        )
    )
    result.add(
        f"All {len(ranked)} areas, {query.superlative} first",
        [Point(f"{ws.area_name(a.code)}: {plural(len(a.items), 'item')}", (a.code,)) for a in ranked],
        numbered=True,
    )
    return result


def area_by_area(query: Query) -> bool:
    """Is each of the matrix's areas counted on its own: by size ("which areas have exactly 3 items?"), or by
    what an exam level or type flags, one by one or ranked ("which area has the most CA-AM only items?")?"""
    if query.subjects.areas or query.within or (query.superlative and _ranks_sections(query)):
        return False
    return query.counts_each_area


def area_counts(query: Query, ws: Workspace) -> Result:
    """Each area of the matrix (or of the sections named) with its number of items, or of the items the exam
    level or type keeps: those of the size asked, ranked when a superlative asks, else in the matrix's order."""
    where = scope(query, ws)
    areas = [ws.area(code) for code in where.areas]
    filtered = query.filtered
    basis = filter_basis(query)
    sizes = [(area, len(matching(list(area.items), query)) if filtered else len(area.items)) for area in areas]
    counted = f"items the guide flags {basis}" if filtered else "items"

    def line(area: Area, size: int) -> Point:
        if filtered:
            return Point(f"{ws.area_name(area.code)}: {size} of its {plural(len(area.items), 'item')}", (area.code,))
        return Point(f"{ws.area_name(area.code)}: {plural(size, 'item')}", (area.code,))

    result = Result()
    if query.size_bound is not None:
        bound = query.size_bound
        kept = [(area, size) for area, size in sizes if bound.admits(size)]
        if kept:
            verb = "has" if len(kept) == 1 else "have"
            head = f"{plural(len(kept), 'area')} of the {len(areas)} in {where.label} {verb} {bound} {counted}:"
            result.lead.append(Point(head, ()))  # a list head: each area below is cited with its count
            result.add("", [line(area, size) for area, size in kept])
            return result
        result.lead.append(Point(f"None of the {len(areas)} areas in {where.label} has {bound} {counted}.", ()))
        ranked = sorted(sizes, key=lambda pair: (-pair[1], pair[0].code))
        result.add("Their sizes, largest first", [line(area, size) for area, size in ranked], numbered=True)
        return result
    if query.superlative:
        largest = query.superlative == "largest"
        ranked = sorted(sizes, key=lambda pair: (-pair[1] if largest else pair[1], pair[0].code))
        end = [area for area, size in ranked if size == ranked[0][1]]
        names = " and ".join(f"**{ws.area_name(area.code)}**" for area in end)
        most = "most" if largest else "fewest"
        result.lead.append(
            Point(f"The {most} {counted}: {names}, with {ranked[0][1]}", tuple(area.code for area in end))
        )
        shown = [(area, size) for area, size in ranked if size or not (filtered and largest)]
        title = f"{'The' if len(shown) < len(ranked) else 'All'} {len(shown)} areas, {most} first"
        result.add(title, [line(area, size) for area, size in shown], numbered=True)
        if len(shown) < len(ranked):
            none = [area.code for area, size in ranked if not size]
            names = ", ".join(str(code) for code in none)
            result.add("", [Point(f"No item flagged {basis} in {names}", tuple(none))])
        return result
    found = sum(size for _, size in sizes)
    total = sum(len(area.items) for area in areas)
    result.lead.append(
        Point(f"Of the {plural(total, 'item')} in {where.label}, the guide flags {found} {basis}", where.sources)
    )
    result.add(f"Area by area, {counted}", [line(area, size) for area, size in sizes])
    return result


def _ranks_sections(query: Query) -> bool:
    """ "Which section has the most areas / CSAP only items?": the sections are what is ranked."""
    return query.wording.says_sections and not query.subjects.sections


def _ranked_sections(query: Query, ws: Workspace) -> Result:
    """ "Which section has the most areas?": the three sections by their number of areas, of items, or of the
    items an exam level or type keeps ("… the most CSAP only items?")."""
    model = ws.model
    filtered = query.filtered
    noun = "area" if query.wording.says_areas and not filtered else "item"
    sizes = []
    for number in sorted(model.section_names):
        areas = [a for a in model.areas if a.code.section == number]
        items = [item for a in areas for item in (matching(list(a.items), query) if filtered else a.items)]
        sizes.append((number, len(areas) if noun == "area" else len(items)))
    ranked = sorted(sizes, key=lambda pair: pair[1], reverse=query.superlative == "largest")
    end = [number for number, size in ranked if size == ranked[0][1]]

    def name(number: int) -> str:
        return f"section {Code(number, 'A').section_numeral} ({model.section_name(number)})"

    flagged = f" the guide flags {filter_basis(query)}" if filtered else ""
    most = ("most" if query.superlative == "largest" else "fewest") if filtered else query.superlative
    result = Result()
    result.lead.append(
        Point(
            f"The {most}{' such items' if filtered else ''}: {' and '.join(name(n) for n in end)}, with "
            f"{plural(ranked[0][1], noun)}{flagged}",
            tuple(ws.section_record(n) for n in end),
        )
    )
    result.add(
        f"The {len(ranked)} sections, {most} first",
        [Point(f"{capital(name(n))}: {plural(size, noun)}{flagged}", (ws.section_record(n),)) for n, size in ranked],
        numbered=True,
    )
    return result
