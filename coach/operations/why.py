"""The basis of the previous answer ("why?", "where does that come from?", "why is II N in there?"): the rows of
the guide it rests on and the reasons the sources give; with words of its own, the evidence for them."""

from __future__ import annotations

from collections.abc import Callable

from .. import cues
from ..codes import Code
from ..query import Query
from ..results import Point, Result
from .advise import advise
from .workspace import Workspace, quote

WHY_ROWS = 3  # the competencies an advice answer's "why?" shows as its basis


def _cited_rows(point: Point) -> list[Point]:
    """A lead statement as the rows it cites: itself, or, for a sentence of cited clauses ("Where to start:
    assess … [I C.2] and escalate … [I C.4]"), one row per clause."""
    if point.clauses:
        return [Point(words[:1].upper() + words[1:], (source,)) for words, source in point.clauses]
    return [point] if point.sources else []


def _rows_of(result: Result) -> list[Point]:
    """Every cited row of an answer, in its order: the lead's (clause by clause) and each section's."""
    rows = [row for point in result.lead for row in _cited_rows(point)]
    for section in result.sections:
        for point in section.points:
            rows += [p for p in (point, *point.children) if p.sources]
    return rows


def _cites(row: Point, codes: set[Code]) -> bool:
    """The row cites one of these areas, or an item or record of one."""
    for source in row.sources:
        cited = (source,) if isinstance(source, Code) else (*source.codes, *filter(None, (source.code,)))
        if any(code.area in codes for code in cited):
            return True
    return False


def why(query: Query, ws: Workspace, run: Callable[[Query], Result]) -> Result:
    """With its own words ("why doesn't the mid-level one invoke arbitration?"): the evidence for them, read with
    the previous question. Naming an area of the previous answer ("why is II N in there?"): the rows of it that
    cite that area. Bare ("why?"): what the previous answer rests on, and the sources' reasons."""
    previous = query.previous
    if query.focus or previous is None:
        return advise(query.with_(operation="advise"), ws)
    before = run(previous)
    if before.status != "answer":  # "the documents don't cover that" has no basis to explain: it is said again
        return before
    result = Result(records=before.records)
    # an area named ("why is II N in there?"); an item named is its own row, which says nothing of why
    own = "areas" not in query.inherited  # named in this turn, not carried over from the one before
    named = set(query.subjects.areas) if own and not query.subjects.items else set()
    citing = [row for row in _rows_of(before) if _cites(row, named)] if named else []
    if citing:
        # "why is II N in there?": the rows of that answer that brought it in
        names = " and ".join(str(code) for code in sorted(named, key=str))
        verb = "are" if len(named) > 1 else "is"
        result.lead.append(Point(f"{names} {verb} in that answer because of these rows of the guide:", ()))
        result.add("", [Point(p.text, p.sources) for p in citing[:WHY_ROWS]])
        return result
    basis = [row for point in before.lead for row in _cited_rows(point)]
    if previous.operation == "advise" and before.sections:  # advice: the areas, and the rows that led to them
        basis += [point for point in before.sections[0].points[:WHY_ROWS] if point.sources]
    if basis:
        result.lead.append(Point("That answer rests on these rows of the guide:", ()))
        result.add("", [Point(p.text, p.sources) for p in basis])
    evidence = ws.evidence(previous)
    reasons = [row for row in evidence.sentences[:20] if cues.CAUSAL.search(row.sentence)][:2]
    if reasons:
        result.add("Reasons the sources give", [Point(quote(row.sentence), (row.passage,)) for row in reasons])
    return result
