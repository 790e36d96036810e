"""Operations on sets of the competency matrix, computed from the parsed model (never guessed from
similarity): list a set (an area's items, a section's areas, the competency categories); count it; filter it
by exam level or competency type. Each states its basis ("II M has 11 items; the guide flags 0 as CA-AM
only"). Explaining one thing and comparing two are in coach/operations/describe.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..codes import Code
from ..query import Query
from ..records import Area, MatrixItem, category_id, exam_split
from ..results import Point, Result, Section, Source, capped
from .workspace import Workspace, exam_level, number_word, plural, quote

FILTER_WORDS = {
    "CA-AM only": "as CA-AM only",
    "CSAP only": "as CSAP only",
    "both": "for both exams",
    "neither": "for neither exam",
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
    """One named area: its items (or the group of them the question names)."""
    return Scope(f"**{ws.area_name(code)}**", _group_items(query, ws.area(code)), (code,), [code])


def _group_items(query: Query, area: Area) -> list[MatrixItem]:
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


def _basis(query: Query) -> str:
    parts = []
    if query.exam:
        parts.append(FILTER_WORDS[query.exam])
    if query.competency_type:
        parts.append(f"as {query.competency_type} competencies")
    return " and ".join(parts)


def split_sentence(items: Sequence[MatrixItem]) -> str:
    """ "10 expected at CA-AM and 10 at CSAP: flagged for both exams 10, CSAP only 0, CA-AM only 0, neither
    exam 1" — the words of the sources' own summaries (coach/summaries.py), so the claim can be checked."""
    split = exam_split(items)
    at_caam = sum(item.flags.at("CA-AM") for item in items)
    at_csap = sum(item.flags.at("CSAP") for item in items)
    return (
        f"{at_caam} expected at CA-AM and {at_csap} at CSAP; flagged for both exams {split['both']}, CSAP only "
        f"{split['CSAP only']}, CA-AM only {split['CA-AM only']}, neither exam {split['neither']}"
    )


EXAM_GROUP_TITLES = {
    "both": "On both exams",
    "CSAP only": "CSAP only",
    "CA-AM only": "CA-AM only",
    "neither": "Neither exam",
}


def _by_exam_level(items: Sequence[MatrixItem], ws: Workspace, result: Result, prefix: str = "") -> None:
    """One area's items under the exam levels the guide flags them for ("which are CA-AM, which CSAP?"): the
    split sentence says how many, this says which."""
    for group, title in EXAM_GROUP_TITLES.items():
        result.add(f"{prefix}{title}", [ws.item_point(item) for item in items if item.flags.exam == group])


# --- count, filter, list -----------------------------------------------------------------------------------


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
                    f"{capital(side.label)} has {plural(len(side.items), 'item')}; the guide flags {len(matched)} "
                    f"{_basis(query)}",
                    side.sources,
                )
            )
        if found:
            points, hidden = capped([ws.item_point(item) for item in found], ws.limit(query))
            result.add("The items", points, hidden)
    else:
        for side in sides:
            result.lead.append(
                Point(
                    f"{capital(side.label)} has {plural(len(side.items), 'item')}: {split_sentence(side.items)}",
                    side.sources,
                )
            )
            if query.wording.says_exams and len(side.areas) == 1:
                _by_exam_level(side.items, ws, result, f"{side.areas[0]} " if len(sides) > 1 else "")
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
    lead = "The matrix has" if len(sections) == len(model.section_names) else "That part of the matrix has"
    result.lead.append(Point(f"{lead} {plural(len(areas), 'area')}, by section:", ()))
    for number in sections:
        codes = [a.code for a in model.areas if a.code.section == number]
        result.sections.append(_section_block(number, codes, ws))
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
    basis = _basis(query)
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

    flagged = f" the guide flags {_basis(query)}" if filtered else ""
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


def _section_block(number: int, codes: list[Code], ws: Workspace) -> Section:
    name = ws.model.section_name(number)
    points = [
        Point(f"**{ws.area_name(code)}** — {plural(len(ws.area(code).items), 'item')}", (code,)) for code in codes
    ]
    return Section(f"Section {Code(number, 'A').section_numeral} {name} ({plural(len(codes), 'area')})", points)


def filter_items(query: Query, ws: Workspace) -> Result:
    if area_by_area(query):
        return area_counts(query, ws)
    where = scope(query, ws)
    found = matching(where.items, query)
    result = Result()
    basis = _basis(query)
    if query.areas_without:
        return _areas_without(query, ws, where, found, basis)
    if query.areas_entirely:
        return _areas_entirely(ws, where, found, basis)
    if where.named_items:
        return _named_items(query, ws, where)
    if not (query.exam or query.competency_type):  # both exams named, neither as the filter: which are where
        return _by_exam(query, where, ws)
    if not found:
        result.lead.append(
            Point(
                f"Of the {plural(len(where.items), 'item')} in {where.label}, the guide flags 0 {basis}", where.sources
            )
        )
        result.lead.append(Point(f"By exam level, its items are {split_sentence(where.items)}", where.sources))
        if len(where.areas) == 1:
            # "does the CA-AM test anything on partner selection?": none, and where its items are instead
            _by_exam_level(where.items, ws, result)
        return result
    result.lead.append(
        Point(
            f"Of the {plural(len(where.items), 'item')} in {where.label}, the guide flags {len(found)} {basis}",
            where.sources,
        )
    )
    if len(query.subjects.areas) > 1 and not query.within:
        result.lead += _per_area(query, ws, found, basis)
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
            lead = f"Of the {len(where.items)} competencies named, the guide flags {kept} {_basis(query)}"
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
        _by_exam_level(where.items, ws, result)
    elif len(where.areas) > 3:
        result.lead.append(Point(f"By exam level, its items are {split_sentence(where.items)}", where.sources))
        _by_exam_level(where.items, ws, result)
    else:
        for code in where.areas:
            items = [item for item in where.items if item.code.area == code]
            split = f"**{ws.area_name(code)}** has {plural(len(items), 'item')}: {split_sentence(items)}"
            result.lead.append(Point(split, (code,)))
            _by_exam_level(items, ws, result, f"{code} " if len(where.areas) > 1 else "")
    return result


def _per_area(query: Query, ws: Workspace, found: list[MatrixItem], basis: str) -> list[Point]:
    """Each named area's own count of what the filter found, in the order named, and which has more ("which
    has more CSAP-only items, II C or II D?")."""
    counts = [(sum(item.code.area == code for item in found), code) for code in query.subjects.areas]
    points = [Point(f"{ws.area_name(code)}: {number} {basis}", (code,)) for number, code in counts]
    ranked = sorted(counts, key=lambda pair: -pair[0])
    if len(counts) == 2 and ranked[0][0] > ranked[1][0]:
        (more, first), (fewer, second) = ranked
        points.append(Point(f"So **{ws.area_name(first)}** has more ({more} against {fewer})", (first, second)))
    return points


def _areas_without(query: Query, ws: Workspace, where: Scope, found: list[MatrixItem], basis: str) -> Result:
    """The areas of the scope none of whose items the guide flags so ("which areas have nothing on the
    CA-AM?"), each cited with its exam split, so the claim can be checked."""
    areas = list(dict.fromkeys(item.code.area for item in where.items))
    having = {item.code.area for item in found}
    without = [code for code in areas if code not in having]
    result = Result()
    in_scope = f"{plural(len(areas), 'area')} in {where.label}"
    if not without:
        result.lead.append(Point(f"Each of the {in_scope} has an item the guide flags {basis}", where.sources))
        return result
    # a list head, not a claim: the areas below, each cited with the split that shows it, are what it counts
    result.lead.append(Point(f"Of the {in_scope}, these {len(without)} have no item the guide flags {basis}:", ()))
    points = [Point(f"**{ws.area_name(code)}**: {split_sentence(ws.area(code).items)}", (code,)) for code in without]
    result.add("", points)  # the lead above is their heading
    return result


def _areas_entirely(ws: Workspace, where: Scope, found: list[MatrixItem], basis: str) -> Result:
    """The areas of the scope every one of whose items on an exam the filter keeps ("which areas are entirely
    CSAP only?"; the row no exam tests, "Explain how industry conditions affect alliances …", aside), each
    cited with its exam split, so the claim can be checked."""
    kept = {item.code for item in found}
    areas = list(dict.fromkeys(item.code.area for item in where.items))
    entirely = []
    for code in areas:
        tested = [item for item in where.items if item.code.area == code and item.flags.levels()]
        if tested and all(item.code in kept for item in tested):
            entirely.append(code)
    result = Result()
    in_scope = f"{plural(len(areas), 'area')} in {where.label}"
    if not entirely:
        result.lead.append(Point(f"None of the {in_scope} has all its exam items flagged {basis}", where.sources))
        return result
    # a list head, not a claim: the areas below, each cited with the split that shows it, are what it counts
    lead = f"Of the {in_scope}, these {len(entirely)} have every item on an exam flagged {basis}:"
    result.lead.append(Point(lead, ()))
    points = [Point(f"**{ws.area_name(code)}**: {split_sentence(ws.area(code).items)}", (code,)) for code in entirely]
    result.add("", points)
    return result


def list_set(query: Query, ws: Workspace) -> Result:
    s = query.subjects
    if s.areas:
        return _list_areas(query, ws)
    if s.sections:
        result = Result()
        for number in s.sections:
            codes = [a.code for a in ws.model.areas if a.code.section == number]
            result.sections.append(_section_block(number, codes, ws))
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
        result.sections.append(_section_block(number, [a.code for a in model.areas if a.code.section == number], ws))
    return result


def _list_areas(query: Query, ws: Workspace) -> Result:
    result = Result()
    for code in query.subjects.areas[:3]:
        area = ws.area(code)
        items = _group_items(query, area)
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


def capital(label: str) -> str:
    """A label opening a sentence: "the whole matrix" → "The whole matrix" ("**II C …**" stays as it is)."""
    return label[:1].upper() + label[1:]


__all__ = ["categories", "count", "filter_items", "list_set", "scope"]
