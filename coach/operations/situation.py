"""A situation answered with what to do: the matrix areas the router reads it as about (learned from the
example library), their competencies closest to it (by the evidence and by the library's item labels), as
actions, each cited where it stands; then at most a few more, the article sentences the library's writers
quoted for situations like it (if any), and who owns it in the job descriptions.

    Where to start: assess the underlying reasons for conflict [I C.2], resolve conflicts at the peer level
    [I C.3] and escalate problems through the agreed governance process [I C.4].
    The guide files this under I C Conflict Resolution and II L Cultural Considerations [I C] [II L].
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..codes import Code
from ..evidence import Evidence
from ..query import Query
from ..records import Passage, RecordKind
from ..results import Point, Result
from ..sentences import ScoredSentence
from ..text import terms
from ..tuning import TUNING
from .prose import add_prose, list_picks
from .workspace import Workspace, code_of, quote

LEAD_ITEMS = 3  # competencies the opening sentence turns into actions
PER_AREA = (3, 2)  # competencies shown from the first and the second area (the rest on "show all")
ONE_AREA = 4  # … from the only area, when the router reads just one
MAX_ARTICLE_SENTENCES = 2
MAX_OWNERS = 3
RELATED_BONUS = 0.05
CLOSEST_ROWS = 3  # an area's closest rows all in groups: the question is about one group's steps


def situation(query: Query, ws: Workspace, evidence: Evidence, locate: bool = False) -> Result:
    """`locate`: asked where in the matrix something is ("which area covers exit strategy?"): the areas first,
    then their closest competencies, no advice."""
    areas = lead_areas(query)
    result = Result(records=[hit.passage for hit in evidence.hits[:24]])
    caps = (None,) * len(areas) if query.show_all else (PER_AREA if len(areas) > 1 else (ONE_AREA,))
    per_area: list[list[Passage]] = []
    hidden = 0
    for area, cap in zip(areas, caps, strict=False):
        ranked = named_group_first(ranked_items(evidence, ws, area, query.item_scores), ws, query, evidence)
        per_area.append(ranked if cap is None else ranked[:cap])
        hidden += 0 if cap is None else max(0, len(ranked) - cap)
    chosen = opening_order(per_area)
    if not chosen:
        return result
    opening = [] if locate else chosen[:LEAD_ITEMS]
    if opening:
        result.lead.append(Point("Where to start:", clauses=tuple((action(ws, code_of(p)), p) for p in opening)))
    names = " and ".join(f"**{ws.area_name(code)}**" for code in areas)
    result.lead.append(Point(f"The guide files this under {names}", tuple(areas)))
    rest = [ws.item_point(ws.item(p.code), show_types=False) for p in chosen[len(opening) :]]
    if rest or hidden:
        title = "Its closest competencies" if locate else "Also in the guide"
        result.add(title, rest or [Point("The areas' other competencies:", tuple(areas))], hidden=hidden)
    close = article_sentences(ws, evidence)
    add_prose(ws, close[:MAX_ARTICLE_SENTENCES], result, lead=False, picks=list_picks(query, evidence, ws))
    owners(ws, chosen, evidence, result, lead=areas)
    return result


def article_sentences(ws: Workspace, evidence: Evidence) -> list[ScoredSentence]:
    """The article sentences the library's writers quoted for situations like this one, when their questions
    are close enough (TUNING.quote_closeness), closest first. Closeness in meaning alone chose sentences a coach
    would quote 7 % of the time (filler: "about 30%-40% were new members"); see scripts/quote_cv.py."""
    return [
        row
        for row in evidence.quoted
        if row.closeness >= TUNING.quote_closeness and row.passage.document != ws.model.guide.id
    ]


def opening_order(per_area: list[list[Passage]]) -> list[Passage]:
    """The competencies in the order they are shown: with two areas named, the opening takes the first area's
    best two and the second's best one, so that it starts on both areas the answer names."""
    if len(per_area) < 2:  # lead_areas names one area or two
        return [p for ranked in per_area for p in ranked]
    first, second = per_area
    return first[:2] + second[:1] + first[2:] + second[1:]


def lead_areas(query: Query) -> list[Code]:
    """The router's first area, and its second when that scores at least TUNING.second_area of the first."""
    scores = query.area_scores
    if not scores:
        return list(query.subjects.areas[:2])
    (first, best), *others = scores
    areas = [first]
    if others and others[0][1] >= TUNING.second_area * best:
        areas.append(others[0][0])
    return areas


def ranked_items(
    evidence: Evidence,
    ws: Workspace,
    area: Code,
    described: Sequence[tuple[Code, float]] = (),
    weight: float | None = None,
) -> list[Passage]:
    """The area's competencies, closest to the situation first, leaving out the statements the matrix repeats
    in many areas ("Explain how industry conditions affect alliances …"), which say nothing about it.

    `described`: the items whose library descriptions are closest to the question (Query.item_scores), weighed
    by `weight` (default TUNING.item_examples)."""
    records = [ws.item_record(item.code) for item in ws.area(area).items]
    kept = [p for p in records if p is not None and p.text not in evidence.repeated]
    # three readings of closeness, each better where the others fail: the fused ranking (meaning and the
    # question's own words: "execs" finds "Explain executive mapping"), the meaning of its distinctive words
    # alone ("nobody knows who does what" finds "Clarify roles of alliance stakeholders") and how the library's
    # writers describe each item's situations ("our QBRs keep getting cancelled" → communication channels);
    # their ranks added, the library's weighed by TUNING.item_examples (cross-validated on the library)
    by_meaning = {p.id: n for n, p in enumerate(sorted(kept, key=lambda p: -item_score(evidence, p)))}
    by_fusion = {p.id: n for n, p in enumerate(sorted(kept, key=evidence.position))}
    in_area = [code for code, _ in described if code.area == area]
    by_library = {p.id: in_area.index(p.code) if p.code in in_area else len(in_area) for p in kept}
    weight = (TUNING.item_examples if weight is None else weight) if in_area else 0.0

    def rank(p: Passage) -> tuple[float, int]:
        return by_meaning[p.id] + by_fusion[p.id] + weight * by_library[p.id], by_meaning[p.id]

    ranked = sorted(kept, key=rank)
    # II M states "Communicate status of the alliance transition …" under both of its groups: once is enough
    once: dict[str, Passage] = {}
    for passage in ranked:
        once.setdefault(ws.item(passage.code).statement, passage)
    return list(once.values())


def named_group_first(ranked: list[Passage], ws: Workspace, query: Query, evidence: Evidence) -> list[Passage]:
    """The rows of a group the question names come first, in the guide's order ("…transform it instead?":
    II M's Transformation steps), its own words or words close to them ("reshape" reads as "transform").
    Named by no word, when most of the area's CLOSEST_ROWS closest rows belong to groups, the question is about
    one group's steps: the closest row's, shared by all but one of them, or when all of them are in groups, the
    one whose name is closest to it in meaning; its rows then come first ("how do I end an alliance?": II M's
    Termination steps, not the Transformation ones, nor the assessment whether to end it, ranked among them)."""
    asked = set(query.focus) | set(evidence.related)
    groups = {ws.item(p.code).group for p in ranked} - {""}
    named = {group for group in groups if set(terms(group)) & asked}
    if named:
        members = sorted((p for p in ranked if ws.item(p.code).group in named), key=code_of)
        return members + [p for p in ranked if p not in members]
    closest = _group_of_the_closest(ranked, groups, ws, evidence)
    if closest is None:
        return ranked  # the closest rows are mostly of no group ("Document any lessons learned"): as ranked
    members = [p for p in ranked if ws.item(p.code).group == closest]
    return members + [p for p in ranked if p not in members]


def _group_of_the_closest(ranked: list[Passage], groups: set[str], ws: Workspace, evidence: Evidence) -> str | None:
    """The group most of the area's CLOSEST_ROWS closest rows belong to: the closest row's, when all but one of
    them are in it, else (all of them in groups) the one whose name is closest to the question in meaning."""
    if len(ranked) < CLOSEST_ROWS:
        return None
    closest = [ws.item(p.code).group for p in ranked[:CLOSEST_ROWS]]
    if all(closest):
        return _closest_group(groups, ws, evidence)
    first = closest[0]
    return first if first and closest.count(first) == CLOSEST_ROWS - 1 else None


def _closest_group(groups: set[str], ws: Workspace, evidence: Evidence) -> str | None:
    """Of two or more groups of an area's rows, the one whose name the question is closest to in meaning."""
    names = ws.group_names
    if len(groups) < 2 or names is None or evidence.vector is None:
        return None
    scores = names.scores(evidence.vector)
    return max(sorted(groups), key=lambda group: names.score_of(scores, group))


def item_score(evidence: Evidence, passage: Passage) -> float:
    """Closeness in meaning (of the question's distinctive words), plus a little for holding words close to
    ones the corpus never uses ("reshape" → "transform")."""
    bonus = RELATED_BONUS * bool(set(evidence.related) & set(terms(passage.text)))
    return evidence.distinct.get(passage.id, 0.0) + bonus


def action(ws: Workspace, code: Code) -> str:
    """A competency as an action in a sentence: "Assess risks" → "assess risks" (acronyms kept)."""
    statement = ws.item(code).statement
    keep = len(statement) > 1 and statement[1].isupper()
    return statement if keep else statement[0].lower() + statement[1:]


def owners(ws: Workspace, items: list[Passage], evidence: Evidence, result: Result, lead: Iterable[Code] = ()) -> None:
    """The job-description lines that own these competencies, closest in meaning first; those of the `lead`
    areas (the two an answer names first) before the rest."""
    areas = {code_of(p).area for p in items}
    lead = set(lead)
    candidates = [hit.passage for hit in evidence.of(RecordKind.RESPONSIBILITY) if set(hit.passage.codes) & areas]
    ranked = sorted(candidates, key=lambda p: (not set(p.codes) & lead, -evidence.distinct.get(p.id, 0.0)))
    lines: dict[tuple[str, str], list[Passage]] = {}  # one line for the roles whose job descriptions say the same
    for passage in ranked:
        lines.setdefault((passage.text, passage.row.split()[0]), []).append(passage)
    points = []
    for (text, kind), same in list(lines.items())[:MAX_OWNERS]:
        names = [ws.role_label(p.role) for p in same]
        who = names[0] if len(names) == 1 else " and ".join(n.split()[0] for n in names) + " alliance managers"
        points.append(Point(f"{who[0].upper()}{who[1:]} ({kind}): {quote(text)}", tuple(same)))
    if points:
        result.add("Who owns it in the job descriptions", points)
