"""The coach's search as a LangChain retriever, for LangChain users' own chains:

    retriever = Coach().as_retriever(k=4, role="senior", cert="CSAP")
    chain = retriever | format_docs | prompt | llm

Each Document is one record of the index (a matrix item or area, a job-description responsibility or
requirement, a competency category, an article passage): `page_content` is the text a citation quotes, and
`metadata` holds what to cite it by — `code` (the citation key, "II C.1" or "article-id § Heading"),
`codes` (every key, for a responsibility naming two areas), `title`, `kind`, `flags` (CA-AM, CSAP,
Industry, Context, Core, Company), `source` (the document), `role` and `score`. Ranking is the coach's own:
dense + BM25 fused, codes typed in the query first, filtered by role, certification and kind.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from . import tools


class CoachRetriever(BaseRetriever):
    """LangChain retriever over a Coach's hybrid, code-aware search."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    coach: Any = Field(exclude=True)
    k: int = 4
    role: str | None = None
    cert: str | None = None
    kind: tuple[str, ...] = ()

    def model_post_init(self, context: Any) -> None:
        check(self.k, self.role, self.cert, self.kind)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        result = tools.search(self.coach, query, k=self.k, role=self.role, cert=self.cert, kind=list(self.kind))
        return [document(hit) for hit in result.hits]


def document(hit: tools.SearchHit) -> Document:
    metadata = {
        "code": hit.codes[0] if hit.codes else "",
        "codes": hit.codes,
        "title": hit.title,
        "kind": hit.kind,
        "flags": hit.flags,
        "source": hit.source,
        "role": hit.role,
        "score": hit.score,
        "rank": hit.rank,
    }
    return Document(page_content=hit.text, metadata=metadata)


def as_retriever(
    coach,
    k: int = 4,
    role: str | None = None,
    cert: str | None = None,
    kind: str | list[str] | tuple[str, ...] | None = None,
) -> CoachRetriever:
    kinds = (kind,) if isinstance(kind, str) else tuple(kind or ())
    check(k, role, cert, kinds)  # an InputError naming the bad argument, before pydantic would wrap it
    return CoachRetriever(coach=coach, k=k, role=role, cert=cert, kind=kinds)


def check(k: int, role: str | None, cert: str | None, kinds: tuple[str, ...]) -> None:
    from ..arguments import top_k

    top_k(k, "documents")
    tools.filters(role, cert, list(kinds))  # a bad role, certification or kind fails here
