"""The Coach facade: wires corpus → model → index → retrieve → understand → compose (→ LLM) together.

`Coach.ask` never raises: bad input, a damaged index or an unreachable server come back as an Answer whose
`error` says what happened and what to do. What an answer says never names the server's addresses or folders
(the answer may be shown to anyone using the app); the log, for the operator, does. One Coach is safe to share
across threads.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

from . import arguments
from .corpus import load_corpus
from .engine import Engine
from .errors import ChromaUnreachableError, CoachError, IndexError_, InputError, describe
from .index import Index, build_passages, open_index
from .index.embeddings import document_embeddings
from .inputs import HISTORY_TURNS, clean, describe_value, history_turns, length_problem, question_text
from .model import build_model
from .query import Query
from .records import Answer, Profile, Status
from .retrieve import Retriever
from .settings import Settings

log = logging.getLogger(__name__)


class Coach:
    def __init__(self, settings: Settings | None = None, *, rebuild: bool = False, progress=None, notify=None):
        self.settings = settings or Settings.from_env()
        self._lock = threading.RLock()
        self._notify = notify
        self.documents = load_corpus(self.settings.corpus_dir)
        self.model = build_model(self.documents)
        self.passages = build_passages(self.model, self.documents)
        self.index: Index = open_index(self.settings, self.passages, rebuild=rebuild, progress=progress, notify=notify)
        self._generation = 0  # bumped each time the index is reopened after a fault
        self.retriever = Retriever(self.index, self.model)
        self.engine = Engine(
            self.model,
            self.documents,
            self.passages,
            self.retriever,
            cache_dir=self.settings.vectors_dir,
            batch_encoder=lambda: document_embeddings(self.settings),
            library_dir=self.settings.library_dir,
            notify=notify,
        )
        self.backend = None
        if self.settings.llm:
            from .llm import make_backend

            self.backend = make_backend(self.settings)

    # --- the public API -----------------------------------------------------------------------------------
    def ask(self, question: str, history=None, profile: Profile | None = None) -> Answer:
        """Answer one question in the light of the earlier turns; never raises.

        `history`: the earlier user questions (strings, oldest first) or chat messages
        ({"role": "user" | "assistant", "content": str}); `profile`: what the user told us about themselves,
        used when a question does not say (its role or certification)."""
        final: Answer | None = None
        for event in self.stream(question, history, profile):
            if isinstance(event, Answer):
                final = event
        assert final is not None, "stream ends with the Answer"
        return final

    def stream(self, question: str, history=None, profile: Profile | None = None) -> Iterator[str | Answer]:
        """Yield the answer text as it grows (str), then the final Answer (whose text may differ when the
        citation guard replaced an LLM answer)."""
        started = time.perf_counter()
        try:
            answer = yield from self._answer(question, history_turns(history), arguments.profile(profile))
        except IndexError_ as exc:
            log.warning("could not answer: %s", exc)
            answer = Answer(text=f"Sorry — {exc.public}", status=Status.ERROR, intent="error", error=exc.public)
        except CoachError as exc:
            answer = Answer(text=f"Sorry — {exc}", status=Status.ERROR, intent="error", error=str(exc))
        except Exception as exc:
            log.error("unexpected %s while answering a question, at %s", type(exc).__name__, _where(exc))
            answer = Answer(
                text="Sorry — something went wrong while answering. Please try again; if it keeps "
                "happening, run `coach index --rebuild`.",
                status=Status.ERROR,
                intent="error",
                error=f"unexpected {type(exc).__name__} (the server's log says where)",
            )
        answer.elapsed = time.perf_counter() - started
        yield answer

    # --- the pipeline -------------------------------------------------------------------------------------
    def _answer(self, question, history: list[str], profile: Profile | None):
        limit = self.settings.max_question_chars
        too_long = length_problem(question_text(question), limit)
        if too_long:
            return Answer(text=too_long, status=Status.REFUSED, intent="too-long")
        text = clean(question)
        turns = [clean(turn)[:limit] for turn in history][-HISTORY_TURNS:]
        self._log_question(text)
        notes: list[str] = []
        outcome = self._with_index(lambda: self.engine.answer(text, turns, profile), notes)
        answer = outcome.answer
        answer.notes = notes + answer.notes
        if self.backend is None or answer.status is not Status.ANSWER:
            yield from _chunks(answer.text)
            return answer
        return (yield from self.backend.answer(outcome.query, outcome.result.records, answer, turns, self.model))

    def run(self, query: Query) -> Answer:
        """The engine's operation for a typed query, rendered as every answer is (cited, with follow-ups): the
        entry for callers that already know what is asked — the tools' compare_roles builds a compare Query from
        its arguments — so no question is read and nothing is judged in or out of scope. An index found gone
        or damaged is reopened first, as for a question (the answer's notes say so)."""
        notes: list[str] = []
        answer = self._with_index(lambda: self.engine.run(query), notes)
        answer.notes = notes + answer.notes
        return answer

    def search(self, query: str, k: int = 10, filters=None) -> list:
        """The k best records (1–50) for a query (hybrid search, codes typed first, the records its subjects point
        at boosted), optionally filtered by role, certification and kind (a coach.retrieve.Filters, or a dict of
        its fields). A bad argument is an InputError naming it."""
        if not isinstance(query, str):
            raise InputError(f"query must be text (a string), not {describe_value(query)}.")
        k, filters = arguments.top_k(k), arguments.search_filters(filters)
        text = clean(query)
        pointed = self.engine.ranker.pointed_at(self.engine.understand(text, [])) if text.strip() else None
        return self._with_index(lambda: self.retriever.search(text, k=k, filters=filters, pointed=pointed), [])

    def as_retriever(self, k: int = 4, role: str | None = None, cert: str | None = None, kind=None):
        """This coach's search as a LangChain BaseRetriever (documents carry code, title, kind and flags in
        their metadata): role mid | senior | executive, cert CA-AM | CSAP, kind one record kind or several."""
        from .interfaces.retriever import as_retriever

        return as_retriever(self, k=k, role=role, cert=cert, kind=kind)

    def understand(self, question: str, history=None, profile: Profile | None = None):
        """The typed query the engine reads from a question (for tools and the evaluation)."""
        return self.engine.understand(clean(question), [clean(t) for t in history_turns(history)], profile)

    def evidence(self, question: str, history=None) -> list:
        """The records an answer to this question draws on."""
        return self.engine.evidence_for(clean(question), [clean(t) for t in history_turns(history)])

    def check_index(self) -> dict:
        """What a health check reports: the published build this Coach reads and its record count, read as a
        question reads it (an index found gone or replaced is reopened first). Raises an IndexError_ when the
        index cannot be read."""
        records = self._with_index(lambda: self.index.count(), [])  # noqa: PLW0108 -- self.index may be replaced
        return {"collection": self.index.collection_name, "records": records}

    def _with_index(self, work, notes: list[str]):
        """Run a retrieval. An index found gone, replaced or damaged is reopened — rebuilt if need be, or
        after waiting for another process that rebuilds it — and the retrieval tried again (the answer and
        the log note it: the log with the folder and the failure, the answer without). A Chroma server that
        does not answer at all is a clear error, and the next question tries it again."""
        generation = self._generation
        if not self.index.store.present():
            log.warning("the index folder %s was gone", self.index.store.location)
            notes.append(self._recover(generation, "the index folder was gone"))
            generation = self._generation
        try:
            return work()
        except IndexError_ as exc:  # the index module turns every store failure into one of these
            failure = exc
        if self.settings.chroma_url and not self.index.store.alive():
            raise ChromaUnreachableError(
                f"the Chroma server at {self.settings.chroma_url} did not answer ({describe(failure)}). Answers "
                "resume as soon as it is back; nothing needs restarting."
            ) from None
        log.warning("the index %s could not be searched (%s)", self.index.collection_name, describe(failure))
        notes.append(self._recover(generation, "the index could not be searched"))
        return work()

    def _recover(self, generation: int, reason: str) -> str:
        """Reopen the index, once for all the threads that saw it fail: the current build when there is one
        (another process may have replaced it), else a new one — built here, or by another process this
        one waits for. The note says which."""
        with self._lock:
            if generation == self._generation:
                started = time.perf_counter()
                log.warning("%s; reopening it", reason)
                self.index.store.close()
                self.index = open_index(self.settings, self.passages, notify=self._notify)
                self.retriever = Retriever(self.index, self.model)
                self.engine.use(self.retriever)
                self._generation += 1
                seconds = time.perf_counter() - started
                if self.index.built:
                    outcome = f"so it was rebuilt ({seconds:.0f} s); this answer comes from the new index"
                elif self.index.waited:
                    outcome = (
                        f"so this process waited for another process that was rebuilding it ({seconds:.0f} s) "
                        "and reopened it; nothing was rebuilt here"
                    )
                else:
                    outcome = "so it was reopened; nothing was rebuilt"
                self._last_recovery = f"{reason[0].upper()}{reason[1:]}, {outcome}."
                log.warning("%s (now %s)", self._last_recovery, self.index.collection_name)
            return self._last_recovery

    def _log_question(self, text: str) -> None:
        if not self.settings.log_questions:
            return
        try:
            self.settings.home.mkdir(parents=True, exist_ok=True)
            with open(self.settings.home / "questions.log", "a", encoding="utf-8") as handle:
                handle.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')}\t{text[:1000]!r}\n")
        except OSError as exc:
            log.warning("could not log the question (%s)", exc)


def _where(exc: BaseException) -> str:
    """Where an exception was raised (file:line of the innermost frame): enough for an operator to find the
    fault, without the exception's message or the question, which may hold what the user typed."""
    frame = exc.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    if frame is None:
        return "an unknown place"
    return f"{frame.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.tb_lineno}"


def _chunks(text: str) -> Iterator[str]:
    """The composer's answer, line by line, as a stream."""
    shown = []
    for line in text.split("\n"):
        shown.append(line)
        yield "\n".join(shown)
