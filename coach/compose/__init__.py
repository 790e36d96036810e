"""The compose stage: a typed `Result` rendered to Markdown with inline citations, as an `Answer`.

Rendering is the one place where results become text: a direct answer (one or two cited sentences), then
titled groups of cited bullets, and a note when a list was cut short. Refusals, small talk and "not covered"
replies are short and cite nothing but the topics they offer.
"""

from __future__ import annotations

from ..model import CompetencyModel
from ..records import Answer, Status
from ..results import Point, Result
from ..sentences import split_markdown
from .draft import CITATION_MARK, Draft, passage_keys
from .refusals import SCOPE, refusal, small_talk_reply

__all__ = ["CITATION_MARK", "SCOPE", "Draft", "passage_keys", "refusal", "render", "small_talk_reply"]


def render(result: Result, model: CompetencyModel, titles: dict[str, str], operation: str = "") -> Answer:
    draft = Draft(model, titles, operation)
    if result.message:
        draft.line(result.message)
    for point in result.lead:
        draft.line(_clauses(draft, point) if point.clauses else _text(draft, point))
        for child in point.children:
            _bullet(draft, child, None)
    for section in result.sections:
        draft.gap()
        if section.title:
            draft.line(f"**{section.title}**")
        for number, point in enumerate(section.points, start=1):
            _bullet(draft, point, number if section.numbered else None)
        if section.hidden:
            draft.line(f"_…and {section.hidden} more: ask “show all” to see them._")
    answer = draft.answer(status=Status(result.status))
    answer.follow_ups = list(result.follow_ups)
    answer.notes = list(result.notes)
    return answer


def _clauses(draft: Draft, point: Point) -> str:
    """An opening and its cited clauses as one sentence: "A: x [k1], y [k2] and z [k3]."."""
    parts = [f"{words} {draft.cite_source(source)}" for words, source in point.clauses]
    joined = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"{point.text} {joined}."


def _text(draft: Draft, point: Point) -> str:
    """A lead statement: each of its sentences followed by its citations, then its note and a full stop (a
    list head keeps its colon)."""
    cites = " ".join(draft.cite_source(source) for source in point.sources)
    text = point.text.rstrip()
    head = text.endswith((":", ":”"))
    sentences = split_markdown(text if head else text.rstrip("."))
    if not cites:
        return " ".join(sentences) + ("" if head else ".")
    cited = [f"{sentence.rstrip('.')} {cites}." for sentence in sentences[:-1]]
    last = sentences[-1]
    if head:  # a list head: its citations before the colon, its bullets carry the claims
        colon = last.rindex(":")
        last = f"{last[:colon]} {cites}{last[colon:]}"
    else:
        last = " ".join(part for part in (last.rstrip("."), cites, point.note) if part) + "."
    return " ".join([*cited, last])


def _bullet(draft: Draft, point: Point, number: int | None, depth: int = 0) -> None:
    marker = f"{number}." if number else "-"
    # one source may cite several keys ("[I A] [II C]"), and a key holds spaces: split on the brackets
    markers = (f"[{key}]" for source in point.sources for key in CITATION_MARK.findall(draft.cite_source(source)))
    cites = " ".join(dict.fromkeys(markers))  # two records of one area cite it once
    line = " ".join(part for part in (point.text, cites, point.note) if part)
    draft.lines.append(f"{'  ' * depth}{marker} {line}")
    for child in point.children:
        _bullet(draft, child, None, depth + 1)
