"""The program readiness check: the ten organisational questions of "Can't Get No Respect!" as yes/no,
with a score and, for each "no", what the article says and the matrix areas that may address it.

The article does not link its questions to the matrix: those links are found by search (the question's text
against the matrix), so they are shown — and exported — labelled as inferred, never as sourced."""

from __future__ import annotations

from dataclasses import dataclass

from ..corpus import citation_key
from ..records import Passage, RecordKind
from ..retrieve import Filters, Retriever, hit_areas

DOCUMENT = "cant-get-no-respect"


@dataclass(frozen=True)
class Question:
    passage: Passage
    areas: tuple[str, ...]  # "II G Alliance Metrics and Value Measurement", … — found by search, not by the article

    @property
    def text(self) -> str:
        return self.passage.text


def questions(passages: list[Passage], retriever: Retriever) -> list[Question]:
    """The article's list of questions, each with the matrix areas retrieval finds for it."""
    listed = [p for p in passages if p.document == DOCUMENT and p.lead_in.endswith("I ask a few questions:")]
    found = []
    for passage in listed:
        hits = retriever.search(
            passage.text, k=6, filters=Filters(kinds=(RecordKind.ITEM, RecordKind.AREA, RecordKind.RESPONSIBILITY))
        )
        areas = []
        for hit in hits:
            for code in sorted(hit_areas(hit)):
                label = f"{code} {retriever.model.known_area(code).name}"
                if label not in areas:
                    areas.append(label)
        found.append(Question(passage, tuple(areas[:2])))
    return found


def verdict(passages: list[Passage]) -> list[Passage]:
    """What the article says after the list (its closing paragraphs)."""
    listed = [p for p in passages if p.document == DOCUMENT and p.heading == "Can't Get No Respect!"]
    last_item = max((p.position for p in listed if p.lead_in), default=0)
    return [p for p in listed if p.position > last_item]


INFERRED = "found by search, not stated in the article"


def related(question: Question) -> str:
    """The question's inferred matrix areas, as plain text ("II B Selection …; II H …")."""
    return "; ".join(question.areas)


def assess(items: list[Question], answered_yes: list[str], passages: list[Passage]) -> str:
    """The score, what the article says, and for each "no" the matrix areas that may help (inferred)."""
    yes = [q for q in items if q.text in set(answered_yes)]
    no = [q for q in items if q.text not in set(answered_yes)]
    key = citation_key(DOCUMENT, "Can't Get No Respect!")
    lines = [f"### Readiness score: {len(yes)} / {len(items)}", ""]
    if no:
        closing = " ".join(p.text for p in verdict(passages))
        lines += [
            f"What the article says [{key}]: “{closing}”",
            "",
            f"**Where you answered no** — and matrix areas that may help (*{INFERRED}*):",
        ]
        for question in no:
            areas = "; ".join(
                f"**{' '.join(label.split(' ', 2)[:2])}** {label.split(' ', 2)[2]}" for label in question.areas
            )
            lines.append(f"- {question.text}" + (f" → *possibly related:* {areas}" if areas else ""))
    else:
        lines.append(f"Yes to all ten: you have done your part to “earn the respect”, as the article puts it [{key}].")
    return "\n".join(lines)


def export_rows(items: list[Question], answered_yes: list[str]) -> list[tuple[str, bool, str]]:
    """(question, answered yes, inferred related areas) for the plan's CSV."""
    return [
        (q.text, q.text in set(answered_yes), f"possibly related ({INFERRED}): {related(q)}" if q.areas else "")
        for q in items
    ]
