"""The retrieve stage: dense (Chroma) + BM25, fused by reciprocal rank, with exact lookup of any code typed
in the question and metadata filters (role, certification, kind)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from .codes import Code, find_codes
from .errors import InputError
from .index import Index
from .model import CompetencyModel
from .records import Hit, Passage, RecordKind, area_id, item_id
from .text import terms

RRF_K = 60  # the usual reciprocal-rank constant: rank 1 scores 1/61
CANDIDATES = 40  # how deep each ranker looks before fusion
# The records a question's subjects point at (its role's responsibilities, its area and items) count twice in
# the fusion: what the question names is the strongest signal it gives.
STRUCTURED_WEIGHT = 2.0
KINDS = tuple(kind for kind in RecordKind if kind is not RecordKind.SUMMARY)  # the kinds the index holds
CERTIFICATIONS = ("CA-AM", "CSAP")


@dataclass(frozen=True)
class Filters:
    """Strict filters: a record is kept only when it has the asked-for role / certification / kind."""

    role: str | None = None  # "mid" | "senior" | "executive"
    certification: str | None = None  # "CA-AM" | "CSAP": items flagged for it, and that level's roles
    kinds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
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

    def where(self, role_certification: dict[str, str]) -> dict[str, object] | None:
        """The filters as a Chroma `where` clause (None: no filter)."""
        clauses: list[dict[str, object]] = []
        if self.kinds:
            clauses.append({"kind": {"$in": [str(kind) for kind in self.kinds]}})  # Chroma compares plain strings
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
                found.extend(self.index.by_id[item_id(item.code)] for item in self.model.known_area(code).items)
        return found

    def lexical(self, query: str, filters: Filters, depth: int = CANDIDATES) -> list[Passage]:
        query_terms = terms(query)
        if not query_terms:
            return []
        scores = self._bm25.get_scores(query_terms)
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        ranked = [
            self.passages[i] for i in order if scores[i] > 0 and filters.matches(self.passages[i], self._role_cert)
        ]
        return ranked[:depth]

    def dense(self, query: str, filters: Filters, depth: int = CANDIDATES) -> list[Passage]:
        vector = self.index.embed(query)
        hits = self.index.dense(vector, depth, filters.where(self._role_cert))
        return [passage for passage, _ in hits]

    def search(
        self, query: str, k: int = 10, filters: Filters | None = None, pointed: list[Passage] | None = None
    ) -> list[Hit]:
        """The k best records: exact code matches first, then dense, BM25 and (when given) the records a
        question's subjects point at, fused by reciprocal rank."""
        if not query or not query.strip():
            raise InputError("the search text is empty; type a question or a code such as 'II C'.")
        filters = filters or Filters()
        codes = self.codes_in(query)
        exact = [p for p in self.exact(codes) if filters.matches(p, self._role_cert)]
        dense = self.dense(query, filters)
        lexical = self.lexical(query, filters)
        rankings = [(dense, 1.0), (lexical, 1.0)]
        if pointed:
            rankings.append(([p for p in pointed if filters.matches(p, self._role_cert)], STRUCTURED_WEIGHT))
        return self.fuse(rankings, dense, lexical, exact)[:k]

    def fuse(
        self,
        rankings: list[tuple[list[Passage], float]],
        dense: list[Passage],
        lexical: list[Passage],
        exact: Sequence[Passage] = (),
    ) -> list[Hit]:
        """Reciprocal-rank fusion of weighted rankings; `exact` records (codes typed in the question) first."""
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
                hits.append(
                    Hit(
                        passage,
                        1.0 + 1.0 / (1 + order),
                        dense_rank.get(passage.id),
                        lexical_rank.get(passage.id),
                        exact=True,
                    )
                )
        for pid in sorted(fused, key=lambda pid: (-fused[pid], self._position[pid])):
            if pid not in seen:
                seen.add(pid)
                hits.append(Hit(self.index.by_id[pid], fused[pid], dense_rank.get(pid), lexical_rank.get(pid)))
        return hits


__all__ = ["Filters", "Retriever", "hit_areas"]
