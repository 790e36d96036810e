"""Suggested next questions, derived from the structured query and its result: switch the role, filter the
set by exam level, ask who owns it, see the rest of a capped list, ask why. Each is worded so that the
understand stage reads it back as the intended operation (the tests check that it does)."""

from __future__ import annotations

from .codes import Code
from .model import CompetencyModel
from .query import Query
from .records import EXAM_LEVELS, Role
from .results import Result

MAX_SUGGESTIONS = 3


def suggest(query: Query, result: Result, model: CompetencyModel) -> list[str]:
    if result.status != "answer":
        return _after_not_covered(result)
    s = query.subjects
    found: list[str] = []
    if result.hidden:
        found.append("Show all of them")
    area = s.areas[0] if s.areas else _first_area(result)
    other_roles = [role for role in model.roles if role.id not in s.roles]
    op = query.operation
    if op in ("owners", "role") and s.roles and other_roles:
        found.append(
            f"And for the {other_roles[0].name.lower()}?"
            if area and op == "owners"
            else f"What does the {other_roles[0].name.lower()} do?"
        )
    if op in ("owners", "explain", "list", "count", "filter", "compare") and area:
        name = model.known_area(area).name
        if op != "filter" or query.exam != "CSAP only":
            found.append(f"Which {name} competencies are CSAP only?")
        if op != "owners":
            found.append(f"Who owns {name}?")
        if op != "count":
            found.append(f"How many competencies does {name} have?")
    if op == "role" and s.roles:
        role = model.role(s.roles[0])
        found.append(f"How much experience does the {role.name.lower()} need?")
        higher = _next_role(model, role.id)
        if higher:
            found.append(f"What should I develop to become a {higher.name.lower()}?")
    if op == "develop":
        found.append("Why?")
        if area:  # the question's area, else the result's first
            found.append(f"Who owns {model.known_area(area).name}?")
    if op in ("advise", "why", "summarize") and area:
        name = model.known_area(area).name
        found += [f"What does the guide list under {name}?", f"Who owns {name}?"]
    if op == "explain" and s.certifications and not (area or s.roles):
        found += _about_certification(model, s.certifications[0])
    if op == "facts" and s.roles and other_roles:
        found.append(f"And for the {other_roles[0].name.lower()}?")
    return list(dict.fromkeys(found))[:MAX_SUGGESTIONS]


def _first_area(result: Result) -> Code | None:
    for point in [*result.lead, *(p for section in result.sections for p in section.points)]:
        for source in point.sources:
            if isinstance(source, Code):
                return source.area
            if source.code is not None:
                return source.code.area
            if source.codes:
                return source.codes[0]
    return None


def _next_role(model: CompetencyModel, role_id: str) -> Role | None:
    ids = [role.id for role in model.roles]
    position = ids.index(role_id)
    return model.roles[position + 1] if position + 1 < len(ids) else None


def _about_certification(model: CompetencyModel, cert: str) -> list[str]:
    """The role that needs the certification, and the step from it to the next one the roles ask for."""
    ladder = list(dict.fromkeys(role.certification for role in model.roles if role.certification))
    found = [f"What does the {role.name.lower()} do?" for role in model.roles if role.certification == cert][:1]
    if cert in ladder and ladder.index(cert) + 1 < len(ladder):
        found.append(f"What should I develop to move from {cert} to {ladder[ladder.index(cert) + 1]}?")
    elif cert in ladder and ladder.index(cert) > 0:
        found.append(f"What should I develop to move from {ladder[ladder.index(cert) - 1]} to {cert}?")
    return found


def _after_not_covered(result: Result) -> list[str]:
    topics = [point.text.split(" (")[0] for section in result.sections for point in section.points]
    return [f"What does the guide say about {topic}?" for topic in topics[:2]]


__all__ = ["EXAM_LEVELS", "suggest"]
