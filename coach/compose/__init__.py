"""The compose stage: a grounded answer written from the retrieved records only, no LLM needed.

A lead sentence, then bullets; every line that states something cites the record it comes from. When the
records do not answer the question, it says so and offers the nearest things it can answer.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..model import CompetencyModel
from ..records import Answer, Hit, Passage
from ..understand import Understanding
from . import concepts, matrix, roles
from .draft import CITATION_MARK, Draft, passage_keys
from .refusals import SCOPE, refusal

INTENTS = ("role-area", "role", "area", "item", "section", "lifecycle", "development", "job-facts", "categories",
           "certification", "concept")


class Composer:
    """Writes answers; holds what every answer needs (document titles, the prose used for concept scoring)."""

    def __init__(self, model: CompetencyModel, documents: dict[str, str], prose: list[Passage], embed):
        self.model = model
        self.documents = documents
        # text → unit vector, for judging whether a sentence answers a question. The same question is compared
        # with several sentences, and corpus sentences recur across questions: remember recent vectors.
        self._embed = lru_cache(maxsize=2048)(embed)
        self.sentences = concepts.SentenceIndex(prose)
        self._lists: dict[str, list[Passage]] = {}  # lead-in sentence → the list items it introduces
        for passage in prose:
            if passage.lead_in:
                self._lists.setdefault(passage.lead_in, []).append(passage)
        self._lead_owners = {p.text: p for p in prose if p.text in self._lists}

    def compose(self, u: Understanding, hits: list[Hit], concept_hits: list[Hit] | None = None) -> Answer:
        if u.refused:
            return refusal(u, self.model)
        records = [hit.passage for hit in hits]
        draft = Draft(self.model, self.documents, u.intent, records)
        written = self._write(draft, u, records, concept_hits or [])
        answer = draft.answer()
        if not written or not answer.citations:
            return self._not_covered(u, hits)
        return answer

    def _write(self, draft: Draft, u: Understanding, records: list[Passage], concept_hits: list[Hit]) -> bool:
        if u.intent == "role-area":
            roles.role_in_area(draft, u.roles, u.areas, records)
        elif u.intent == "role":
            roles.role_overview(draft, u.roles, records)
        elif u.intent == "job-facts":
            roles.job_facts(draft, u.roles, u.facts, records, self._guide_prose(records, "III."))
        elif u.intent == "development":
            roles.development(draft, u.from_certification, u.to_certification or "CSAP", u.from_role,
                              u.target_role, records, u.areas)
        elif u.intent == "area":
            matrix.area(draft, u.areas, records, u.certification)
        elif u.intent == "item":
            matrix.item(draft, u.items, records)
        elif u.intent == "lifecycle":
            matrix.lifecycle(draft, records)
        elif u.intent == "section":
            matrix.sections(draft, u.sections, records)
        elif u.intent == "categories":
            matrix.categories(draft, records)
        elif u.intent == "certification":
            summary = next((p for p in records if p.kind == "passage" and p.document == self.model.guide.id), None)
            matrix.certification(draft, u.certification, records, summary)
        else:
            return (concepts.concept(draft, u.question, concept_hits, self.sentences, self._lists,
                                     self._lead_owners, self.similarity)
                    or concepts.matrix_items(draft, u.question, [Hit(p, 0.0) for p in records], self.sentences))
        return bool(draft.lines)

    def new_draft(self, intent: str) -> Draft:
        return Draft(self.model, self.documents, intent)

    def similarity(self, first: str, second: str) -> float:
        return float(sum(a * b for a, b in zip(self._embed(first), self._embed(second))))

    def _guide_prose(self, records: list[Passage], heading_prefix: str) -> Passage | None:
        return next((p for p in records if p.kind == "passage" and p.document == self.model.guide.id
                     and p.heading.startswith(heading_prefix)), None)

    def _not_covered(self, u: Understanding, hits: list[Hit]) -> Answer:
        if not u.domain:  # no alliance vocabulary and nothing in the corpus answers it: outside our scope
            return refusal(replace(u, intent="out-of-scope"), self.model)
        draft = Draft(self.model, self.documents, "not-covered", [h.passage for h in hits])
        topics = concepts.nearest_topics(hits, self.model)
        draft.line("The guide and the four articles don't answer that directly."
                   + (" The nearest things I can answer are:" if topics else ""))
        for label, passage in topics:
            draft.bullet(f"{label} {draft.cite(passage)}")
        draft.gap()
        draft.line(SCOPE)
        answer = draft.answer(refused=True)
        return answer


__all__ = ["Composer", "INTENTS", "CITATION_MARK", "passage_keys"]
