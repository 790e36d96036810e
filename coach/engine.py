"""The answer engine: question → Query (understand) → evidence → operation → Result → Answer (compose).

One engine serves every interface (Coach.ask, the CLI, the app, the LLM backend's context), so they all
answer the same way. Pure but for the index it searches.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from . import cues
from .compose import refusal, render, small_talk_reply
from .evidence import Ranker
from .followups import suggest
from .index.embeddings import model_fingerprint
from .index.store import Notify
from .lexicon import Lexicon, build_lexicon
from .model import CompetencyModel
from .operations import Workspace, run
from .operations.advise import not_covered
from .operations.joblines import JobLines
from .query import Query
from .records import Answer, Document, Passage, Profile, RecordKind
from .results import Result
from .retrieve import Retriever
from .router import build_router
from .sentences import SentenceIndex
from .settings import Settings
from .spelling import Speller
from .summaries import summaries
from .text import STOPWORDS, words
from .understand import understand
from .vectors import Encoder, LazyEncoder, TextVectors


@dataclass
class Outcome:
    """An answer with what produced it: the query and the records it drew on."""

    answer: Answer
    query: Query
    result: Result | None


class Engine:
    def __init__(
        self,
        model: CompetencyModel,
        documents: list[Document],
        passages: list[Passage],
        retriever: Retriever,
        cache_dir: Path | None = None,
        batch_encoder: Callable[[], Encoder] | None = None,
        library_dir: Path | None = None,
        notify: Notify | None = None,
    ):
        self.model = model
        self.titles = {d.id: d.title for d in documents}
        self.lexicon: Lexicon = build_lexicon(model, documents, passages)
        self.speller = Speller([d.text for d in documents] + [self.lexicon.vocabulary_text, cues.speller_words()])
        prose = [p for p in passages if p.kind == RecordKind.PASSAGE]
        # what is not cached yet is embedded in batches on every core (`batch_encoder`, made only when needed);
        # questions keep the index's single-threaded encoder
        encoder: Encoder = LazyEncoder(batch_encoder) if batch_encoder else retriever.index.encoder

        def vectors_of(name: str) -> Callable[[list[str]], TextVectors]:
            return lambda texts: TextVectors(name, texts, encoder, cache_dir, model_fingerprint())

        self.sentences = SentenceIndex(prose, vectors_of("sentences"))
        self.job_lines = JobLines(model, vectors_of("job-lines"))
        self.group_names = vectors_of("groups")(sorted({item.group for item in model.items if item.group}))
        self.words = vectors_of("words")(corpus_words(passages))
        self.lists: dict[str, list[Passage]] = {}
        for passage in prose:
            if passage.lead_in:
                self.lists.setdefault(passage.lead_in, []).append(passage)
        self.summaries = summaries(model)
        self.router = build_router(
            library_dir or Settings().library_dir,
            model,
            retriever.index.encoder,
            encoder,
            cache_dir,
            model_fingerprint(),
            notify=notify,
        )
        self.use(retriever)

    def use(self, retriever: Retriever) -> None:
        """Search this retriever from now on (after the index was reopened)."""
        self.retriever = retriever
        self.ranker = Ranker(retriever, self.lexicon, self.model, self.sentences, self.words, self.vector_of)

    # --- the pipeline --------------------------------------------------------------------------------------------
    def understand(self, question: str, history: list[str], profile: Profile | None = None) -> Query:
        return understand(question, history, self.lexicon, self.model, self.router.route, self.speller.correct, profile)

    def vector_of(self, text: str) -> list[float]:
        """A question's vector, computed once for the router and the evidence alike."""
        # numpy types tolist() as Any: a float32 vector's is a list of floats
        return cast(list[float], self.router.read(text)[0].tolist())

    def answer(self, question: str, history: list[str], profile: Profile | None = None) -> Outcome:
        query = self.understand(question, history, profile)
        if query.operation == "refuse":
            return Outcome(refusal(query, self.model), query, None)
        if query.operation == "small-talk":
            return Outcome(small_talk_reply(query), query, None)
        workspace = self.workspace()
        evidence = workspace.evidence(query)
        if query.operation == "advise" and not evidence.in_domain and not query.in_scope:
            return Outcome(refusal(query.with_(operation="refuse", refusal="out-of-scope"), self.model), query, None)
        result = run(query, workspace)
        if not (result.message or result.lead or result.sections):  # never an empty reply
            result = not_covered(query, workspace, evidence)
        if not result.records:
            result.records = [hit.passage for hit in evidence.hits[:24]]
        return Outcome(self._rendered(query, result), query, result)

    def run(self, query: Query) -> Answer:
        """The operation for a typed query, rendered as every answer is: for callers that already know what
        is asked (the tools' compare_roles), so no question is read and nothing is judged in or out of scope."""
        return self._rendered(query, run(query, self.workspace()))

    def _rendered(self, query: Query, result: Result) -> Answer:
        """A result with its follow-ups, rendered (cited Markdown)."""
        result.follow_ups = suggest(query, result, self.model)
        return render(result, self.model, self.titles, query.operation)

    def workspace(self) -> Workspace:
        records = dict(self.retriever.index.by_id)
        return Workspace(
            self.model,
            self.lexicon,
            records,
            self.titles,
            self.lists,
            self.ranker.evidence,
            summaries=self.summaries,
            job_lines=self.job_lines,
            group_names=self.group_names,
        )

    def evidence_for(self, question: str, history: list[str]) -> list[Passage]:
        """The records an answer to this question draws on (for the evaluation's retrieval measures)."""
        outcome = self.answer(question, history)
        return outcome.result.records if outcome.result else []


def corpus_words(passages: list[Passage]) -> list[str]:
    """The corpus's own words (three letters or more, no stopwords, in a stable order), leaving out names: a
    word the corpus only ever writes capitalised ("Pim", "Gandhi") is a name, not vocabulary."""
    lower = {w for p in passages for w in re.findall(r"\b[a-z][a-z]+\b", p.text)}
    return sorted(
        {w for p in passages for w in words(p.text) if len(w) > 2 and w not in STOPWORDS and w.isalpha() and w in lower}
    )


__all__ = ["Engine", "Outcome"]
