"""A turn read against the one before it: what a follow-up keeps of the previous turn's query (`inherit`),
the situation it leans on read again with it (`read_with_context`), and the rows next to or pointed at in
the previous answer ("and the next one?", "the other one")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .. import cues
from ..lexicon import Lexicon
from ..model import CompetencyModel
from ..query import Operation, Query, QueryChanges, Subjects, Wording
from ..router import Routing
from ..subjects import Found
from ..text import terms
from .operation import RUNNER_UP


def row_step(text: str) -> int:
    """1 for the next row ("and the next one?"), -1 for the one before, 0 for neither."""
    return 1 if cues.NEXT_ROW.search(text) else -1 if cues.PREVIOUS_ROW.search(text) else 0


def next_position(query: Query, text: str) -> Query:
    """ "and the next one?" after "what does the 3rd one mean?": the 4th row of the same answer the 3rd was
    pointed at in (the turn before that one)."""
    before = query.previous
    step = row_step(text)
    if before is None or before.previous is None or not step or query.positions or query.subjects.items:
        return query
    if len(before.positions) != 1 or before.positions[0] < 1:
        return query
    return query.with_(positions=(before.positions[0] + step,), previous=before.previous, operation=before.operation)


ASKING_STEMS = frozenset(terms(cues.cue_words()))


def read_with_context(query: Query, route: Callable[[str], Routing], own_areas: bool, named: set[str]) -> Query:
    """A follow-up that names no area of its own ("what should I do first?", "who is responsible for that?")
    is about the situation it follows: its areas, competencies and quotes are the router's reading of both
    turns together, not of its own few words. One with a domain word of its own ("what about the partner's
    people?") keeps its own reading; a role it names (`named`: the words its subjects account for) is not one
    ("who owns it at senior level?")."""
    own_words = set(query.domain_words) - named - ASKING_STEMS  # "which level …" asks, it names no topic
    if not query.context or own_areas or own_words or query.operation not in ("advise", "owners"):
        return query
    both = route(query.search_text)
    return query.with_(area_scores=both.areas, item_scores=both.items, quote_scores=both.quotes)


def the_other_certification(query: Query, previous: Query, lexicon: Lexicon) -> Query:
    """ "and the other one?" after one certification: the guide has two, so it is the other, asked the same
    thing ("which II C items are on the CA-AM?" → "and the other exam?": those on the CSAP)."""
    held = previous.subjects.certifications
    others = [name for name in lexicon.certification_names if name not in held]
    if len(held) != 1 or len(others) != 1:
        return query
    other = others[0]
    exam = query.exam or previous.exam
    exam = exam.replace(held[0], other) if exam and held[0] in exam else exam
    subjects = replace(query.subjects, certifications=(other,))
    return query.with_(subjects=subjects, exam=exam, operation=previous.operation)


def asks_of_the_answer(routing: Routing) -> bool:
    """A turn after an answer that the router reads as small talk or as asking for the rest of the list or its
    basis ("can you show all?": small talk 0.58, more 0.40) asks of the answer."""
    return any(op in (Operation.MORE, Operation.WHY) and p >= RUNNER_UP for op, p in routing.operations[1:3])


def neighbour(text: str, found: Found, model: CompetencyModel, previous: Query | None, said: Wording) -> Found:
    """ "what about the next one?" after II C.1, "the one right after it in the matrix" after II I: the row
    (or area) next to the one the previous turn was about, in the guide's order; asked side by side with it
    ("how's that different from the next one?"), both."""
    step = row_step(text)
    if previous is None or not step or found.subjects.items or found.subjects.areas or previous.positions:
        return found  # after a row pointed at by position, the neighbour is a position too (next_position)
    before = previous.subjects
    if len(before.items) == 1 and "area" not in text:
        rows = [item.code for item in model.known_area(before.items[0]).items]
        codes, key = rows, "items"
        at = rows.index(before.items[0])
    elif len(before.areas) == 1 or len(before.items) == 1:
        codes, key = [area.code for area in model.areas], "areas"
        at = codes.index((before.areas or before.items)[0].area)
    else:
        return found
    if not 0 <= at + step < len(codes):
        return found
    picked = (codes[at], codes[at + step]) if said.compares else (codes[at + step],)
    if key == "items":
        subjects = replace(found.subjects, items=picked, areas=(picked[0].area,))
    else:
        subjects = replace(found.subjects, areas=picked)
    return replace(found, subjects=subjects)


def inherit(query: Query, previous: Query, explicit: bool) -> Query:
    """Keep from the previous turn what this one does not replace: its operation too, unless this turn asks
    for one of its own (`explicit`, see coach/understand/operation.py)."""
    s = query.subjects
    if previous.operation == "advise" and query.wording.says_exams and not s:
        # "which exam is that on?", "are those on the exams?" after a situation: its competencies by exam level
        return query.with_(
            operation="filter", narrows=True, context=previous.search_text, inherited=("previous answer",)
        )
    if (
        previous.operation in ("advise", "summarize")
        and query.operation in ("advise", "list", "explain")
        and not (s.roles or s.certifications or s.items or s.sections)
    ):
        # "which one is about competitors?", "which competencies cover that?": the same evidence, narrowed
        return query.with_(
            operation="advise",
            context=previous.search_text,
            subjects=previous.subjects.merged(s),
            inherited=("context",),
        )
    if (
        (previous.operation == "advise" or previous.narrows)
        and query.operation in ("filter", "count")
        and not (s.areas or s.sections)
    ):
        # "only the CSAP ones", "how many of those are on the CA-AM?" after a situation: its competencies; "how
        # many is that?" after an answer that narrowed one: the rows it kept
        return query.with_(narrows=True, context=previous.search_text, inherited=("previous answer",))
    merged = previous.subjects.joined(s) if query.operation == "compare" else previous.subjects.merged(s)
    if query.operation == "compare" and not s and previous.previous is not None:
        # "compare them" after "scope of a sr alliance mgr?" then "and a mid-level?": the two turns' subjects
        merged = previous.previous.subjects.joined(previous.subjects)
    if (
        previous.operation == "develop"
        and len(s.roles) == 1
        and previous.subjects.roles
        and previous.subjects.roles[0] != s.roles[0]
    ):
        # "and a director?" after a development path: the same start, a new goal
        merged = replace(merged, roles=(previous.subjects.roles[0], s.roles[0]))
    inherited = [name for name in previous.subjects.names() if name not in s.names()]
    changes: QueryChanges = {"subjects": merged, "context": previous.search_text}
    if not explicit:
        operation = previous.operation
        if operation == "filter" and not (
            query.exam or query.competency_type or previous.exam or previous.competency_type
        ):
            operation = "list"  # "and II D?" after a filter keeps its exam level or type (inherited below)
        changes["operation"] = inherited_operation(operation, query, merged)
        inherited.append("operation")
    if query.exam is None and previous.exam and changes.get("operation", query.operation) in ("filter", "count"):
        changes["exam"] = previous.exam
        inherited.append("exam")
    if query.competency_type is None and previous.competency_type:
        changes["competency_type"] = previous.competency_type
    if query.responsibility_kind is None and previous.responsibility_kind:
        changes["responsibility_kind"] = previous.responsibility_kind
    asks_the_same = not explicit and changes.get("operation") in ("role", "facts")
    if not query.focus and (query.operation == "advise" or asks_the_same):
        # … and "and for a director?" after "how many years does a senior manager need?": the same row of its job
        # description (the words that chose it)
        changes["focus"] = previous.focus
    changes["inherited"] = tuple(inherited)
    return query.with_(**changes)


def inherited_operation(operation: str, query: Query, merged: Subjects) -> str:
    """The previous operation, unless the merged subjects call for a neighbouring one: a role's overview
    with an area becomes what the role owns there; an exam level filters the set."""
    if query.exam and operation in ("list", "explain", "owners"):
        return "filter"
    if operation == "role" and merged.areas:
        return "owners"
    if operation == "role" and merged.facts:  # "what about experience?" after a role: its row
        return "facts"
    if operation in ("small-talk", "refuse", "why", "more"):
        return "advise"
    return operation
