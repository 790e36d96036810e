"""The retrieve stage: dense (Chroma) + BM25, fused by reciprocal rank, with exact lookup of any code typed
in the question and metadata filters (role, certification, kind)."""

from __future__ import annotations

from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from .codes import Code, find_codes
from .errors import InputError
from .index import Index
from .index.records import FACT_FIELDS
from .model import CompetencyModel
from .records import Hit, Passage, area_id, category_id, fact_id, item_id
from .text import terms
from .understand import Understanding, areas_named

ROLE_FACTS_FOR_OVERVIEW = ("Example titles", "Certification", "Position Description", "Reporting Relationships",
                           "Scope of Responsibilities")
DEVELOPMENT_FACTS = ("Certification Requirements", "Experience Required", "Education Requirements")

RRF_K = 60  # the usual reciprocal-rank constant: rank 1 scores 1/61
CANDIDATES = 40  # how deep each ranker looks before fusion
# The records an understood question points at (its role's responsibilities, its area and items) count
# twice in the fusion: understanding is the strongest signal a question gives.
STRUCTURED_WEIGHT = 2.0
KINDS = ("item", "area", "responsibility", "requirement", "category", "passage")
CERTIFICATIONS = ("CA-AM", "CSAP")


@dataclass(frozen=True)
class Filters:
    """Strict filters: a record is kept only when it has the asked-for role / certification / kind."""

    role: str | None = None  # "mid" | "senior" | "executive"
    certification: str | None = None  # "CA-AM" | "CSAP": items flagged for it, and that level's roles
    kinds: tuple[str, ...] = ()

    def __post_init__(self):
        unknown = [kind for kind in self.kinds if kind not in KINDS]
        if unknown:
            raise InputError(f"unknown record kind {unknown[0]!r}; use one of {', '.join(KINDS)}.")
        if self.certification and self.certification not in CERTIFICATIONS:
            raise InputError(f"unknown certification {self.certification!r}; use CA-AM or CSAP.")

    def matches(self, passage: Passage, role_certification: dict[str, str]) -> bool:
        if self.kinds and passage.kind not in self.kinds:
            return False
        if self.role and passage.role != self.role:
            return False
        if self.certification:
            if passage.flags is not None:
                return passage.flags.at(self.certification)
            return role_certification.get(passage.role) == self.certification
        return True

    def where(self, role_certification: dict[str, str]) -> dict | None:
        clauses: list[dict] = []
        if self.kinds:
            clauses.append({"kind": {"$in": list(self.kinds)}})
        if self.role:
            clauses.append({"role": self.role})
        if self.certification:
            flag = "csap" if self.certification == "CSAP" else "ca_am"
            roles = [role for role, cert in role_certification.items() if cert == self.certification]
            clauses.append({"$or": [{flag: True}, {"role": {"$in": roles}}]})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def hit_areas(hit: Hit) -> set[Code]:
    """Every matrix area a hit speaks for."""
    areas = set(hit.passage.codes)
    if hit.passage.code is not None:
        areas.add(hit.passage.code.area)
    return areas


class Retriever:
    def __init__(self, index: Index, model: CompetencyModel):
        self.index = index
        self.model = model
        self.passages = index.passages
        self._bm25 = BM25Okapi([terms(p.search_text) for p in self.passages])
        self._role_cert = {role.id: role.certification for role in model.roles}
        self._position = {p.id: i for i, p in enumerate(self.passages)}

    def codes_in(self, query: str) -> list[Code]:
        """Codes typed in the query; UnknownCodeError for the first that is not in the matrix."""
        codes = find_codes(query)
        for code in codes:
            self.model.check(code)
        return codes

    def exact(self, codes: list[Code]) -> list[Passage]:
        found: list[Passage] = []
        for code in codes:
            if code.is_item:
                found.append(self.index.by_id[item_id(code)])
            else:
                found.append(self.index.by_id[area_id(code)])
                found.extend(self.index.by_id[item_id(item.code)] for item in self.model.area(code).items)
        return found

    def lexical(self, query: str, filters: Filters, depth: int = CANDIDATES) -> list[Passage]:
        query_terms = terms(query)
        if not query_terms:
            return []
        scores = self._bm25.get_scores(query_terms)
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        ranked = [self.passages[i] for i in order if scores[i] > 0 and filters.matches(self.passages[i], self._role_cert)]
        return ranked[:depth]

    def dense(self, query: str, filters: Filters, depth: int = CANDIDATES) -> list[Passage]:
        vector = self.index.embed(query)
        hits = self.index.dense(vector, depth, filters.where(self._role_cert))
        return [passage for passage, _ in hits]

    def search(self, query: str, k: int = 10, filters: Filters | None = None,
               understanding: Understanding | None = None) -> list[Hit]:
        """The k best records: exact code matches first, then dense, BM25 and (when the question was
        understood) the records its role and areas point at, fused by reciprocal rank."""
        if not query or not query.strip():
            raise InputError("the search text is empty; type a question or a code such as 'II C'.")
        filters = filters or Filters()
        codes = self.codes_in(query)
        exact = [p for p in self.exact(codes) if filters.matches(p, self._role_cert)]
        dense = self.dense(query, filters)
        lexical = self.lexical(query, filters)
        rankings = [(dense, 1.0), (lexical, 1.0)]
        if understanding is not None:
            structured = [p for p in self.structured(understanding) if filters.matches(p, self._role_cert)]
            rankings.append((structured, STRUCTURED_WEIGHT))
        return self._fuse(exact, rankings, dense, lexical)[:k]

    def _fuse(self, exact: list[Passage], rankings: list[tuple[list[Passage], float]], dense: list[Passage],
              lexical: list[Passage]) -> list[Hit]:
        fused: dict[str, float] = {}
        for ranking, weight in rankings:
            for rank, passage in enumerate(ranking, start=1):
                fused[passage.id] = fused.get(passage.id, 0.0) + weight / (RRF_K + rank)
        dense_rank = {p.id: r for r, p in enumerate(dense, start=1)}
        lexical_rank = {p.id: r for r, p in enumerate(lexical, start=1)}
        hits: list[Hit] = []
        seen: set[str] = set()
        for order, passage in enumerate(exact):
            if passage.id not in seen:
                seen.add(passage.id)
                hits.append(Hit(passage, 1.0 + 1.0 / (1 + order), dense_rank.get(passage.id),
                                lexical_rank.get(passage.id), exact=True))
        for pid in sorted(fused, key=lambda pid: (-fused[pid], self._position[pid])):
            if pid not in seen:
                seen.add(pid)
                hits.append(Hit(self.index.by_id[pid], fused[pid], dense_rank.get(pid), lexical_rank.get(pid)))
        return hits

    def for_question(self, understanding: Understanding, k: int = 12) -> list[Hit]:
        """Everything an answer may draw on: the records the understood question points at (exact, in the
        order an answer uses them), then the best of the hybrid search for the rest."""
        structured = self.structured(understanding)
        hits = [Hit(p, 1.0 + 1.0 / (1 + i), exact=True) for i, p in enumerate(structured)]
        seen = {p.id for p in structured}
        query = understanding.question if understanding.question.strip() else ""
        if query:
            for hit in self._fuse([], [(self.dense(query, Filters()), 1.0), (self.lexical(query, Filters()), 1.0)],
                                  [], [])[: k * 2]:
                if hit.passage.id not in seen and len(hits) < len(structured) + k:
                    seen.add(hit.passage.id)
                    hits.append(hit)
        return hits

    def ranked_passages(self, query: str, k: int, kinds: tuple[str, ...] = ("passage",)) -> list[Hit]:
        """Dense + BM25 over some kinds of record only (the articles' prose, by default)."""
        filters = Filters(kinds=kinds)
        dense_hits = self.index.dense(self.index.embed(query), CANDIDATES, filters.where(self._role_cert))
        similarity = {p.id: score for p, score in dense_hits}
        dense = [p for p, _ in dense_hits]
        lexical = self.lexical(query, filters)
        hits = self._fuse([], [(dense, 1.0), (lexical, 1.0)], dense, lexical)[:k]
        return [Hit(h.passage, similarity.get(h.passage.id, 0.0), h.dense_rank, h.lexical_rank) for h in hits]

    # --- structured lookup ------------------------------------------------------------------------------
    def structured(self, u: Understanding) -> list[Passage]:
        """The records the understood question points at, in the order an answer would use them."""
        found: list[Passage] = []
        add = lambda pid: self._add(found, pid)  # noqa: E731
        for code in u.items:
            add(item_id(code))
        if u.intent == "development":
            self._development(u, add)
        elif u.intent in ("job-facts", "role"):
            self._guide_prose(add, heading_prefix="III.")
            for role in u.roles or tuple(self._role_cert):
                fields = u.facts or ROLE_FACTS_FOR_OVERVIEW
                for label in fields if u.intent == "job-facts" else ROLE_FACTS_FOR_OVERVIEW:
                    add(fact_id(role, FACT_FIELDS[label]))
                if u.intent == "role":
                    for resp in self.model.role(role).responsibilities:
                        add(resp.record_id)
        elif u.intent == "section":
            for area in self.model.areas:
                if area.code.section in u.sections:
                    add(area_id(area.code))
        elif u.intent == "categories":
            for position in range(1, len(self.model.categories) + 1):
                add(category_id(position))
        elif u.intent == "lifecycle":
            for passage in self.passages:
                if passage.lead_in and "lifecycle" in passage.lead_in.lower().replace("life cycle", "lifecycle"):
                    add(passage.id)
            for area in areas_named("alliance life cycle", self.model):  # the matrix's own lifecycle area
                if area not in u.areas:
                    self._area(area, (), add)
        elif u.intent == "certification":
            self._guide_prose(add, mentions=u.certification or "CSAP")
            for role in self._role_cert:
                if not u.certification or self._role_cert[role] == u.certification:
                    add(fact_id(role, "certification-requirements"))
        for area in u.areas:
            self._area(area, u.roles if u.intent == "role-area" else (), add)
        return found

    def _area(self, area: Code, roles: tuple[str, ...], add) -> None:
        for resp in self.model.responsibilities_for(area):
            if not roles or resp.role_id in roles:
                add(resp.record_id)
        add(area_id(area))
        levels = {self._role_cert[role] for role in roles}
        items = self.model.area(area).items
        for item in sorted(items, key=lambda i: not any(i.flags.at(level) for level in levels)):
            add(item_id(item.code))  # the roles' certification level first
        if roles:  # the other roles' share of the area, for contrast
            for resp in self.model.responsibilities_for(area):
                add(resp.record_id)

    def _development(self, u: Understanding, add) -> None:
        self._guide_prose(add, heading_prefix="I.", mentions="(CSAP)")  # what the exams cover
        target = u.target_role
        roles = [target] if target else [r for r, c in self._role_cert.items() if c == u.to_certification]
        for role in roles:
            for label in ("Certification", *DEVELOPMENT_FACTS):
                add(fact_id(role, FACT_FIELDS[label]))
            for resp in self.model.role(role).responsibilities:
                add(resp.record_id)
        if u.from_role:
            add(fact_id(u.from_role, "certification"))
            for resp in self.model.role(u.from_role).responsibilities:
                add(resp.record_id)
        for item in self.model.items:
            if item.flags.at(u.to_certification) and not item.flags.at(u.from_certification):
                add(item_id(item.code))

    def _guide_prose(self, add, heading_prefix: str = "", mentions: str = "") -> None:
        for passage in self.passages:
            if (passage.kind == "passage" and passage.document == self.model.guide.id
                    and passage.heading.startswith(heading_prefix) and mentions in passage.text):
                add(passage.id)

    def _add(self, found: list[Passage], pid: str) -> None:
        passage = self.index.by_id.get(pid)
        if passage is not None and passage not in found:
            found.append(passage)


__all__ = ["Retriever", "Filters", "hit_areas"]
