"""The operations: one small function per kind of question, each over the typed model or the ranked
evidence, each returning a typed `Result` (rendered to Markdown in one place: coach/compose).

`run(query, ws)` dispatches on `query.operation`; an operation that finds nothing to say (an empty result)
falls back to the evidence (`advise`), which says plainly when the documents do not cover the question.
"""

from __future__ import annotations

from dataclasses import replace

from ..codes import Code
from ..query import POINTED_EXPLAINED, Query, Subjects, at_positions
from ..results import Result
from . import advise as evidence_ops
from . import counts, describe, matrix, roles
from . import develop as development
from .sequence import next_step
from .why import why
from .workspace import Workspace


def _compare(query: Query, ws: Workspace) -> Result:
    s = query.subjects
    if len(s.roles) >= 2:
        return roles.compare_roles(query, ws)
    if len(s.certifications) >= 2:
        return describe.compare_certifications(query, ws)
    if len(s.categories) >= 2:
        return describe.compare_categories(query, ws)
    if len(s.items) >= 2:  # two competencies side by side: each with its area, exam levels and type
        return describe.explain(query, ws)
    if len(s.areas) >= 2:
        return describe.compare_areas(query, ws)
    return evidence_ops.advise(query, ws)


def _points(result: Result) -> list[str]:
    """What an answer says, point by point (its lists' members included)."""
    points = list(result.lead) + [p for section in result.sections for p in section.points]
    return [p.text for point in points for p in (point, *point.children)]


def _more(query: Query, ws: Workspace) -> Result:
    """The previous answer with nothing left out; when it left nothing out and was a filter ("just the CA-AM
    ones"), the set it filtered, whole ("ok, show all" after I C's CA-AM-only item: all of I C)."""
    previous = query.previous
    if previous is None:
        return evidence_ops.advise(query, ws)
    named_set = previous.subjects.areas or previous.subjects.sections  # not the whole matrix's 140 rows
    filtered = previous.operation == "filter" and (previous.exam or previous.competency_type) and named_set
    everything = run(previous.with_(show_all=True), ws)
    if filtered and _points(run(previous, ws)) == _points(everything):  # it left nothing out
        unfiltered = previous.with_(operation="list", exam=None, competency_type=None, show_all=True)
        whole = run(unfiltered, ws)
        if not whole.empty:
            return whole
    return everything


OPERATIONS = {
    "explain": describe.explain,
    "list": matrix.list_set,
    "count": counts.count,
    "filter": matrix.filter_items,
    "compare": _compare,
    "owners": roles.owners,
    "role": roles.role,
    "role-areas": roles.role_areas,
    "facts": roles.facts,
    "develop": development.develop,
    "advise": evidence_ops.advise,
    "summarize": evidence_ops.summarize,
    "more": _more,
}


def answered_items(result: Result) -> tuple[Code, ...]:
    """The matrix items an answer cites, in its order: the set a narrowing follow-up works on."""
    found: list[Code] = []
    points = list(result.lead) + [p for section in result.sections for p in section.points]
    for point in points:
        for source in [source for _, source in point.clauses] + list(point.sources):
            code = source if isinstance(source, Code) else source.code
            if code is not None and code.is_item:
                found.append(code)
    return tuple(dict.fromkeys(code for code in found if code is not None and code.is_item))


def _pointed_at(query: Query, shown: tuple[Code, ...]) -> Query:
    """ "What does the second one mean?", "who owns the last one?": the rows of the previous answer at those
    positions are what it asks about (coach/understand decides what it asks of them)."""
    picked = at_positions(shown, query.positions)
    if not picked:
        return query
    return query.with_(subjects=replace(query.subjects, items=picked, areas=()), positions=())


def _rows_before(previous: Query, ws: Workspace) -> tuple[Code, ...]:
    """The matrix items the previous answer showed, nothing left out: what a follow-up narrows or points at. A
    count shows none: the items it counted ("how many is that?", then "what does the 2nd one mean?")."""
    shown = previous.with_(show_all=True)
    if previous.operation == "count":
        if previous.narrows and not (previous.exam or previous.competency_type) and previous.previous is not None:
            return _rows_before(previous.previous, ws)  # "how many is that?" counted the answer before it
        shown = shown.with_(operation="filter" if previous.exam or previous.competency_type else "list")
    return answered_items(run(shown, ws))


def run(query: Query, ws: Workspace) -> Result:
    """The result of the query's operation (never a refusal: those are decided before)."""
    if query.not_covered and query.operation not in ("why", "more"):
        evidence = ws.evidence(query)
        if not evidence.covered:  # whatever the operation: what it asks is not stated in the documents
            return evidence_ops.not_covered(query, ws, evidence)
    if query.narrows and query.previous is not None and not query.within:  # before: the evidence reads no `within`
        query = query.with_(within=_rows_before(query.previous, ws))
    if query.positions and query.previous is not None:
        query = _pointed_at(query, _rows_before(query.previous, ws))
    elif query.that_one and query.previous is not None and not query.subjects.items:
        shown = _rows_before(query.previous, ws)
        if len(shown) == 1:  # "what does that one mean?" after an answer that showed one row: that row
            query = query.with_(subjects=Subjects(items=shown, areas=(shown[0].area,)), that_one=False)
            query = query.with_(operation="explain") if query.operation in POINTED_EXPLAINED else query
    if query.operation == "why":
        return why(query, ws, lambda previous: run(previous, ws))
    in_order = next_step(query, ws)  # "what comes after partner assessment?": whatever operation was read
    if in_order is not None:
        return in_order
    operation = OPERATIONS.get(query.operation, evidence_ops.advise)
    result = operation(query, ws)
    if result.empty and operation is not evidence_ops.advise:
        result = evidence_ops.advise(query, ws)
    return result


__all__ = ["OPERATIONS", "Workspace", "run"]
