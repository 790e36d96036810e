"""The coach's tools for other programs — ask, search, lookup, compare_roles, development_gaps — as plain
functions over one Coach, with typed results (pydantic models, so a transport can publish their JSON
schema: MCP does).

Each checks its arguments at this edge and raises a CoachError naming the bad value and the fix
(InputError, CodeSyntaxError, UnknownCodeError with the nearest valid codes); the transports turn that into
their own error shape. Nothing here formats for a transport, and nothing computes what the engine already
does: `ask` is `Coach.ask`, `search` is `Coach.search`, `compare_roles` is `Coach.run` on a compare Query built
from the arguments, `development_gaps` is the plan of coach/development.py (the plan tab's). Nothing here
imports the app.
"""

from __future__ import annotations

import datetime
import re
from typing import Literal

from pydantic import BaseModel, Field

from ..arguments import top_k
from ..codes import Code
from ..errors import InputError
from ..records import Answer, Citation, Passage

Role = Literal["mid", "senior", "executive"]
Certification = Literal["CA-AM", "CSAP"]
Kind = Literal["item", "area", "responsibility", "requirement", "category", "passage"]


# --- what the tools return ---------------------------------------------------------------------------------


class CitationRecord(BaseModel):
    """What an inline [key] of an answer points at."""

    code: str = Field(
        description="the citation key as it appears in the text: 'II C', 'II C.1' or 'article-id § Heading'"
    )
    title: str
    text: str = Field(description="the source text behind the citation")
    source: str = Field(description="the matrix, a job description or an article title")
    kind: str = ""
    flags: list[str] = Field(
        default_factory=list, description="matrix flags: CA-AM, CSAP, Industry, Context, Core, Company"
    )


class AskResult(BaseModel):
    text: str = Field(description="the answer in Markdown, every statement followed by its [citations]")
    status: str = Field(description="answer, not-covered, refused, small-talk or error")
    citations: list[CitationRecord]
    follow_ups: list[str] = Field(description="suggested next questions, in the user's voice")
    notes: list[str] = Field(description="what happened on the way (an index rebuilt, the citation guard's changes)")
    backend: str = Field(description="who wrote the text: composer, an LLM backend, or 'composer (fallback)'")


class SearchHit(BaseModel):
    rank: int
    codes: list[str] = Field(description="the keys this record is cited by")
    kind: str
    title: str
    text: str
    source: str = Field(description="the document the record comes from")
    role: str | None = Field(None, description="mid, senior or executive, for job-description records")
    flags: list[str] = Field(default_factory=list)
    score: float


class SearchResult(BaseModel):
    query: str
    hits: list[SearchHit]


class ItemInfo(BaseModel):
    code: str
    statement: str
    group: str | None = Field(None, description="Termination or Transformation, for II M's grouped rows")
    flags: list[str]
    exam: str = Field(description="where the matrix places it: both, CA-AM only, CSAP only or neither")


class Owner(BaseModel):
    role: str
    role_name: str
    kind: str = Field(description="primary or secondary")
    responsibility: str


class LookupResult(BaseModel):
    code: str
    kind: Literal["area", "item"]
    name: str = Field(description="the area's name, or the item's statement")
    section: str
    area: str = Field(description="the area code (the item's area, or the code itself)")
    area_name: str
    flags: list[str] = Field(default_factory=list, description="for an item: its matrix flags")
    exam: str | None = Field(None, description="for an item: both, CA-AM only, CSAP only or neither")
    items: list[ItemInfo] = Field(default_factory=list, description="for an area: its items")
    owners: list[Owner] = Field(description="job-description responsibilities that name the area")
    source: str = "ASAP Alliance Competencies Matrix"


class CompareResult(BaseModel):
    roles: list[str]
    area: str | None
    text: str = Field(description="the comparison in Markdown, every statement followed by its [citations]")
    citations: list[CitationRecord]
    follow_ups: list[str]


class Gap(BaseModel):
    code: str
    competency: str
    rating: int
    meaning: str


class AreaGaps(BaseModel):
    area: str
    name: str
    why: str = Field(description="primary or secondary responsibility of the target role, or 'in the matrix'")
    coverage: float = Field(description="share of the area's target-level competencies rated 2 or 3")
    gaps: list[Gap]
    actions: list[str] = Field(description="suggested actions, each followed by the codes or rows it cites")


class JobChange(BaseModel):
    kind: str = Field(description="new | was secondary | changes | row | not listed")
    text: str
    was: str = Field(description="what the current job description says instead, if anything")
    cites: list[str]


class GapsResult(BaseModel):
    path: str
    rated: int = Field(description="target-level competencies in the plan")
    gap_count: int = Field(description="of them, rated 0 or 1")
    areas: list[AreaGaps] = Field(description="areas with gaps, the target role's own areas first")
    job_changes: list[JobChange] = Field(description="what the target job description adds over the current one")
    notes: list[str]
    markdown: str = Field(description="the plan as the app's 'Download plan' gives it")


# --- the tools ----------------------------------------------------------------------------------------------


def ask(coach, question: str, history: list[str] | None = None) -> AskResult:
    return answer_result(coach.ask(question, history or []))


def answer_result(answer: Answer) -> AskResult:
    return AskResult(
        text=answer.text,
        status=answer.status,
        citations=[citation_record(c) for c in answer.citations],
        follow_ups=list(answer.follow_ups),
        notes=list(answer.notes),
        backend=answer.backend,
    )


def citation_record(citation: Citation) -> CitationRecord:
    return CitationRecord(
        code=citation.key,
        title=citation.title,
        text=citation.text,
        source=citation.source,
        kind=citation.kind,
        flags=list(citation.flags),
    )


def search(
    coach, query: str, k: int = 5, role: str | None = None, cert: str | None = None, kind: str | list[str] | None = None
) -> SearchResult:
    hits = coach.search(query, k=top_k(k), filters=filters(role, cert, kind))
    return SearchResult(
        query=query, hits=[search_hit(coach, rank, hit.passage, hit.score) for rank, hit in enumerate(hits, start=1)]
    )


def filters(role: str | None, cert: str | None, kind: str | list[str] | None):
    """The retriever's Filters from tool arguments (each optional), or an InputError naming the bad one."""
    from ..records import ROLE_IDS
    from ..retrieve import Filters

    if role is not None and role not in ROLE_IDS:
        raise InputError(f"role {role!r} is not a role; use mid, senior or executive.")
    kinds = (kind,) if isinstance(kind, str) else tuple(kind or ())
    return Filters(role=role, certification=cert.upper() if cert else None, kinds=kinds)


def search_hit(coach, rank: int, passage: Passage, score: float) -> SearchHit:
    from ..compose import passage_keys

    return SearchHit(
        rank=rank,
        codes=passage_keys(passage),
        kind=passage.kind,
        title=passage.title,
        text=passage.text,
        source=document_title(coach, passage),
        role=passage.role or None,
        flags=passage.flags.labels() if passage.flags else [],
        score=round(score, 4),
    )


def document_title(coach, passage: Passage) -> str:
    titles = {document.id: document.title for document in coach.documents}
    return titles.get(passage.document, passage.document)


def lookup(coach, code: str) -> LookupResult:
    model = coach.model
    parsed = model.check(Code.parse(code.strip()))
    area = model.area(parsed)
    owners = [
        Owner(role=r.role_id, role_name=model.role(r.role_id).name, kind=r.kind, responsibility=r.text)
        for r in model.responsibilities_for(parsed.area)
    ]
    common = {
        "code": str(parsed),
        "section": f"{parsed.section_numeral}. {area.section_name}",
        "area": str(area.code),
        "area_name": area.name,
        "owners": owners,
    }
    if parsed.is_item:
        item = model.item(parsed)
        return LookupResult(kind="item", name=item.label, flags=item.flags.labels(), exam=item.flags.exam, **common)
    return LookupResult(kind="area", name=area.name, items=[_item_info(item) for item in area.items], **common)


def _item_info(item) -> ItemInfo:
    return ItemInfo(
        code=str(item.code),
        statement=item.statement,
        group=item.group or None,
        flags=item.flags.labels(),
        exam=item.flags.exam,
    )


def compare_roles(coach, role_a: str, role_b: str, area: str | None = None) -> CompareResult:
    """The engine's compare operation on two roles (in one area, or overall), from a typed Query."""
    from ..query import Query, Subjects
    from ..records import ROLE_IDS

    for name, role in (("role_a", role_a), ("role_b", role_b)):
        if role not in ROLE_IDS:
            raise InputError(f"{name} {role!r} is not a role; use mid, senior or executive.")
    if role_a == role_b:
        raise InputError(f"role_a and role_b are both {role_a!r}; compare two different roles.")
    code = _area_code(coach, area) if area and area.strip() else None
    roles = tuple(sorted((role_a, role_b), key=ROLE_IDS.index))
    names = " and the ".join(coach.model.role(r).name for r in roles)
    text = f"compare the {names}" + (f" in {code}" if code else "")
    answer = coach.run(
        Query(text=text, operation="compare", subjects=Subjects(roles=roles, areas=(code,) if code else ()))
    )
    return CompareResult(
        roles=list(roles),
        area=str(code) if code else None,
        text=answer.text,
        citations=[citation_record(c) for c in answer.citations],
        follow_ups=list(answer.follow_ups),
    )


def _area_code(coach, text: str) -> Code:
    code = coach.model.check(Code.parse(text.strip()))
    if code.is_item:
        raise InputError(f"area {text!r} is an item of {code.area}; give the area code, e.g. {code.area!s}.")
    return code


def development_gaps(coach, path: str, ratings: dict[str, int] | None = None) -> GapsResult:
    """The development plan for a path from self-ratings (0-3 per competency code); competencies left
    unrated start where the app's plan tab starts them: 2 when the current level already expects them, else 0."""
    from ..development import RATINGS, build_plan, plan_markdown, ratings_for

    chosen = plan_path(path)
    model = coach.model
    defaults = ratings_for(model, chosen, {})
    notes: list[str] = []
    given = _ratings(coach, ratings or {}, defaults, chosen.to_cert, notes)
    unrated = len(set(defaults) - set(given))
    if unrated:
        notes.append(
            f"{unrated} competencies were not rated: those the current level already expects count as 2 "
            "(can do it), the others as 0 (new to me)."
        )
    plan = build_plan(model, chosen, given, date=datetime.date.today().isoformat())
    areas = [
        AreaGaps(
            area=str(a.area.code),
            name=a.area.name,
            why=a.why,
            coverage=round(a.coverage, 3),
            gaps=[
                Gap(code=str(item.code), competency=item.label, rating=rating, meaning=RATINGS[rating])
                for item, rating in a.gaps
            ],
            actions=[f"{action.text} {' '.join(f'[{key}]' for key in action.cites)}" for action in a.actions],
        )
        for a in plan.areas
        if a.gaps
    ]
    return GapsResult(
        path=chosen.label,
        rated=plan.rated,
        gap_count=plan.gap_count,
        areas=areas,
        job_changes=[JobChange(kind=c.kind, text=c.text, was=c.was, cites=list(c.cites)) for c in plan.job],
        notes=notes,
        markdown=plan_markdown(plan),
    )


def plan_path(text: str):
    """One of the plan tab's paths, by its label; "->" or "to" may stand for the arrow, case is ignored."""
    from ..development import PATHS

    wanted = re.sub(r"\s*(?:->|→|\bto\b)\s*", " → ", (text or "").strip(), flags=re.IGNORECASE).lower()
    for label, found in PATHS.items():
        if label.lower() == wanted:
            return found
    raise InputError(f"path {text!r} is not one of the development paths; use one of: {', '.join(PATHS)}.")


def _ratings(coach, ratings: dict, defaults: dict[str, int], level: str, notes: list[str]) -> dict[str, int]:
    if not isinstance(ratings, dict):
        raise InputError('ratings must be an object of competency code → rating 0-3, e.g. {"II C.1": 1}.')
    found: dict[str, int] = {}
    outside: list[str] = []
    for key, value in ratings.items():
        code = coach.model.check(Code.parse(str(key).strip()))
        if not code.is_item:
            raise InputError(f"ratings key {key!r} is an area; rate its competencies, e.g. {code}.1.")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3:
            raise InputError(
                f"the rating of {code} is {value!r}; use 0 (new to me), 1 (aware of it), "
                "2 (can do it) or 3 (could teach it)."
            )
        if str(code) in defaults:
            found[str(code)] = value
        else:
            outside.append(str(code))
    if outside:
        notes.append(
            f"Not part of this path's plan (the matrix does not expect them at {level}), so not counted: "
            f"{', '.join(outside)}."
        )
    return found
