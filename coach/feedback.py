"""Feedback on answers — thumbs up or down, what was wrong, the area(s) the answer should have used — kept for
the people who run the coach (`coach feedback` summarises it and exports corrected examples).

One JSON line per record, in COACH_HOME/feedback/feedback.jsonl:

    {"v": 1, "id": "…", "time": "2026-12-03T10:15:02Z", "source": "page" | "api" | "openai",
     "rating": "up" | "down" | null, "question": "…", "history": ["an earlier question", …],
     "answer": {"status": "answer", "citations": ["II C", …], "text": "…"},
     "note": "what was wrong", "areas": ["II M"], "op": null, "followup": true | false | null,
     "engine": "0.1.0+<index hash>"}

`followup` is whether the engine read the question as continuing the previous one (null without one).

Nothing else of the user is kept: no address, browser, profile or account. A record is amended (a note added
after the thumbs-down, a vote changed, or taken back: rating null) by a new line with the same id; readers keep
the latest line of each id. Each line is written whole, under a file lock, so threads and processes sharing a
home never interleave; a file that would pass COACH_FEEDBACK_MAX_MB is renamed feedback-<time>.jsonl (kept,
never deleted) and a new one begun.

The HTTP APIs remember their latest answers by id, in memory only (`RecentAnswers`), so that feedback can
name an answer by its id instead of sending it back.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from .codes import Code
from .errors import CoachError, InputError
from .query import Operation
from .records import ANSWER_STATUSES

log = logging.getLogger(__name__)
FORMAT = 1
RATINGS = ("up", "down")
# The operations of the example library (library/README.md): what a corrected example says was asked for.
OPERATIONS = tuple(Operation.taught())
MAX_NOTE = 500  # characters of "what was wrong"
MAX_AREAS = 6
MAX_TEXT = 20_000  # characters of an answer's text kept with its feedback
RECENT = 1000  # answers the HTTP APIs remember for feedback by id
HISTORY = 20  # earlier questions kept with a record (the engine reads the latest 8)
CURRENT = "feedback.jsonl"
LOCK_TIMEOUT = 30  # seconds to wait for another writer (each holds the lock for one append)


class FeedbackError(CoachError):
    """Feedback could not be stored (an unwritable home, a lock held too long)."""


@dataclass(frozen=True)
class Asked:
    """What was asked and answered: the part of a record that comes from the conversation."""

    question: str
    history: tuple[str, ...] = ()  # the user's earlier questions, oldest first
    status: str | None = None  # the answer's status (None when the client did not say)
    citations: tuple[str, ...] = ()  # the keys the answer cited
    text: str | None = None  # the answer's text

    @classmethod
    def of(cls, question: str, history, answer) -> Asked:
        return cls(
            _text(question),
            tuple(_text(turn) for turn in list(history)[-HISTORY:]),
            answer.status,
            tuple(citation.key for citation in answer.citations),
            _verbatim(answer.text),
        )

    @classmethod
    def of_record(cls, record: dict) -> Asked:
        """What a stored record says was asked and answered (to amend it)."""
        answer = record["answer"]
        return cls(
            record["question"], tuple(record["history"]), answer["status"], tuple(answer["citations"]), answer["text"]
        )


def engine_version(coach) -> str:
    """The package version and the index's content hash: which engine, over which records, answered."""
    from . import __version__

    return f"{__version__}+{coach.index.digest[:12]}"


def new_id(prefix: str = "fb") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:20]}"


def _text(value, limit: int = 4000) -> str:
    from .inputs import clean

    return clean(value)[:limit] if isinstance(value, str) else ""


def _verbatim(text: str) -> str:
    """An answer's text as it was shown (its Markdown indentation kept), only made storable."""
    return text.encode("utf-8", "replace").decode("utf-8")[:MAX_TEXT]


def one_line(value, limit: int = MAX_NOTE) -> str:
    """A note as one line of printable text (never raises; anything but text is "")."""
    return " ".join(_text(value, limit * 2).split())[:limit]


def area_codes(values, model) -> tuple[str, ...]:
    """The matrix area codes of `values` (["II M", "2c"] → ("II M", "II C")), or an InputError naming the bad
    one and what to use instead."""
    if values is None:
        return ()
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        raise InputError('areas must be a list of matrix area codes such as ["II M"]; `coach codes` lists them.')
    if len(values) > MAX_AREAS:
        raise InputError(f"areas names {len(values)} areas; name at most {MAX_AREAS}, the most relevant first.")
    codes: list[str] = []
    for position, value in enumerate(values):
        code = Code.try_parse(value.strip()) if isinstance(value, str) else None
        if code is None:
            raise InputError(
                f"areas[{position}] {value!r} is not a matrix area code; use codes such as 'II C' (`coach codes` "
                "lists them)."
            )
        if code.is_item:
            raise InputError(f"areas[{position}] {value!r} is a competency, not an area; use its area '{code.area}'.")
        model.check(code)
        if str(code) not in codes:
            codes.append(str(code))
    return tuple(codes)


def operation(value) -> str | None:
    if value is None or value == "":
        return None
    if value not in OPERATIONS:
        raise InputError(
            f"op {value!r} is not an operation of the example library; use one of {', '.join(OPERATIONS)}."
        )
    return value


def rating(value, allow_none: bool = False) -> str | None:
    if value is None and allow_none:
        return None
    if value not in RATINGS:
        taken_back = " (or null to take a rating back)" if allow_none else ""
        raise InputError(f'rating must be "up" or "down"{taken_back}, not {value!r}.')
    return value


# --- storage --------------------------------------------------------------------------------------------------
class FeedbackStore:
    """The JSON-lines files of one home: appended whole under a lock, rotated by size, read oldest first."""

    def __init__(self, folder: Path, max_bytes: int = 10 * 2**20):
        self.folder = Path(folder)
        self.max_bytes = max_bytes

    @property
    def current(self) -> Path:
        return self.folder / CURRENT

    def append(self, record: dict) -> None:
        from filelock import FileLock, Timeout

        line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            with FileLock(str(self.folder / ".lock"), timeout=LOCK_TIMEOUT):
                self._rotate(len(line))
                self._write(line)
        except Timeout:
            raise FeedbackError(
                f"another process held the feedback lock ({self.folder / '.lock'}) for over {LOCK_TIMEOUT} s; "
                "try again."
            ) from None
        except OSError as exc:
            raise FeedbackError(
                f"could not save the feedback in {self.folder} ({exc.strerror or exc}); COACH_HOME must be writable."
            ) from None

    def _write(self, line: bytes) -> None:
        """One line at the end of the current file, synced. A line left unfinished by a process that died
        mid-write is ended first, so that it cannot swallow this one."""
        fd = os.open(self.current, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line
            while line:
                line = line[os.write(fd, line) :]
            os.fsync(fd)
        finally:
            os.close(fd)

    def _rotate(self, incoming: int) -> None:
        try:
            size = self.current.stat().st_size
        except FileNotFoundError:
            return
        if size and size + incoming > self.max_bytes:
            stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
            target, n = self.folder / f"feedback-{stamp}.jsonl", 1
            while target.exists():
                n += 1
                target = self.folder / f"feedback-{stamp}-{n}.jsonl"
            os.replace(self.current, target)

    def files(self) -> list[Path]:
        """Every feedback file, oldest first: the rotated ones by their time, then the current one."""
        rotated = sorted(self.folder.glob("feedback-*.jsonl"), key=lambda p: (p.stem[:24], len(p.stem), p.stem))
        return [*rotated, *([self.current] if self.current.exists() else [])]

    def lines(self) -> tuple[list[dict], int]:
        """Every record as written, oldest first, and how many lines could not be read (skipped)."""
        found, skipped = [], 0
        for path in self.files():
            try:
                with open(path, encoding="utf-8", errors="replace") as handle:
                    raws = handle.readlines()
            except OSError as exc:
                raise FeedbackError(f"cannot read {path} ({exc.strerror or exc}); check its permissions.") from None
            for raw in raws:
                try:
                    record = json.loads(raw) if raw.strip() else None
                except ValueError:
                    record = False
                if isinstance(record, dict) and isinstance(record.get("id"), str):
                    found.append(record)
                elif record is not None:
                    skipped += 1
        return found, skipped


def latest(lines: list[dict]) -> list[dict]:
    """The records as they stand: the latest line of each id, in the order they were first given, without
    the ratings taken back."""
    by_id: dict[str, dict] = {}
    for record in lines:
        by_id[record["id"]] = record
    return [record for record in by_id.values() if record.get("rating") in RATINGS]


# --- the answers the HTTP APIs gave ----------------------------------------------------------------------------
class RecentAnswers:
    """The latest answers by id (bounded, in memory; a restart forgets them), with the interface that gave each."""

    def __init__(self, limit: int = RECENT):
        self.limit = limit
        self._items: OrderedDict[str, tuple[Asked, str]] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, ident: str, asked: Asked, source: str) -> None:
        with self._lock:
            self._items[ident] = (asked, source)
            self._items.move_to_end(ident)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def get(self, ident: str) -> tuple[Asked, str] | None:
        with self._lock:
            return self._items.get(ident)


# --- the service the app's interfaces share ---------------------------------------------------------------------
class Feedback:
    """Feedback for one app: where it is stored, the answers remembered for it, the engine version each record
    names and the matrix its areas are checked against. Switched off by COACH_FEEDBACK=off."""

    def __init__(self, settings, model, engine: str, continues=None):
        self.enabled = settings.feedback
        self.store = FeedbackStore(settings.feedback_dir, settings.feedback_max_mb * 2**20)
        self.recent = RecentAnswers()
        self.model = model
        self.engine = engine
        self.continues = continues  # (question, history) -> whether it continues the previous question

    @classmethod
    def for_coach(cls, coach) -> Feedback:
        return cls(
            coach.settings,
            coach.model,
            engine_version(coach),
            lambda question, history: bool(coach.understand(question, history).inherited),
        )

    def remember(self, question: str, history, answer, source: str, ident: str | None = None) -> str:
        """An id for this answer, remembered (when feedback is on) so that feedback can name it."""
        ident = ident or new_id("answer")
        if self.enabled:
            self.recent.remember(ident, Asked.of(question, history, answer), source)
        return ident

    def record(
        self,
        asked: Asked,
        given: str | None,
        *,
        note="",
        areas=(),
        op=None,
        source: str = "page",
        ident: str | None = None,
    ) -> dict:
        """Store one record (or amend the record `ident`) and return it; InputError names a bad field."""
        record = {
            "v": FORMAT,
            "id": ident or new_id(),
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "source": source,
            "rating": rating(given, allow_none=True),
            "question": asked.question,
            "history": list(asked.history),
            "answer": {"status": asked.status, "citations": list(asked.citations), "text": asked.text},
            "note": one_line(note),
            "areas": list(area_codes(areas, self.model)),
            "op": operation(op),
            "followup": self._followup(asked),
            "engine": self.engine,
        }
        self.store.append(record)
        return record

    def _followup(self, asked: Asked) -> bool | None:
        """Whether the engine reads the question as continuing the previous one (None: no earlier question,
        or it could not tell)."""
        if not asked.history or self.continues is None:
            return None
        try:
            return bool(self.continues(asked.question, list(asked.history)))
        except Exception as exc:  # a hint for the reviewer, never a reason to lose the feedback
            log.warning("could not tell whether the rated question was a follow-up (%s)", type(exc).__name__)
            return None

    def from_request(self, body) -> dict:
        """Store the feedback of an /api/feedback request body (see api.py); InputError names a bad field."""
        if not isinstance(body, dict):
            raise InputError('the request body must be a JSON object such as {"message_id": "…", "rating": "down"}.')
        unknown = sorted(set(body) - {"message_id", "question", "history", "answer", "rating", "note", "areas", "op"})
        if unknown:
            raise InputError(
                f"unknown field {unknown[0]!r}; the fields are message_id (or question, history and answer), "
                "rating, note, areas and op."
            )
        if "rating" not in body:
            raise InputError('rating is missing; send "rating": "up" or "down".')
        message = body.get("message_id")
        if message is not None:
            asked, source = self._remembered(message)
            ident = f"fb-{message}"  # feedback on the same answer again replaces the earlier
        else:
            asked, source, ident = _asked_in(body), "api", None
        given = rating(body["rating"], allow_none=message is not None)
        note = _note(body.get("note"))
        return self.record(
            asked, given, note=note, areas=body.get("areas"), op=body.get("op"), source=source, ident=ident
        )

    def _remembered(self, message) -> tuple[Asked, str]:
        if not isinstance(message, str) or not message:
            raise InputError(f"message_id must be the id of an answer (a string), not {message!r}.")
        found = self.recent.get(message)
        if found is None:
            raise InputError(
                f"message_id {message[:80]!r} is not one of the latest {self.recent.limit:,} answers this server "
                "gave (they are kept in memory; a restart or another replica does not know them); send the "
                '"question", "history" and "answer" instead.'
            )
        return found


def _note(value) -> str:
    if value is not None and not isinstance(value, str):
        raise InputError(f"note must be text (one line, at most {MAX_NOTE} characters), not {type(value).__name__}.")
    return value or ""


def _asked_in(body: dict) -> Asked:
    """What was asked and answered, as an /api/feedback body without a message_id states it."""
    from .inputs import history_turns, question_text

    if "question" not in body:
        raise InputError(
            'send "message_id" (the "id" of an /api/ask reply or of a /v1/chat/completions reply) or the "question" '
            "the feedback is about."
        )
    question = question_text(body["question"])
    if not question.strip():
        raise InputError("question is empty; send the question the feedback is about.")
    history = history_turns(body.get("history"))[-HISTORY:]
    answer = body.get("answer")
    if answer is None:
        return Asked(_text(question), tuple(_text(turn) for turn in history))
    if not isinstance(answer, dict) or set(answer) - {"status", "citations", "text"}:
        raise InputError(
            'answer must be an object {"status": …, "citations": ["II C", …], "text": …} (each may be left out), '
            "as the answer was shown."
        )
    status = answer.get("status")
    if status is not None and status not in ANSWER_STATUSES:
        raise InputError(f"answer.status {status!r} is not a status; use one of {', '.join(ANSWER_STATUSES)}.")
    citations = answer.get("citations") or []
    if (
        not isinstance(citations, list)
        or not all(isinstance(c, (str, dict)) for c in citations)
        or len(citations) > 100
    ):
        raise InputError('answer.citations must be a list of the cited codes ("II C", …) or citation objects.')
    keys = tuple(_text(c if isinstance(c, str) else c.get("code"), 200) for c in citations)
    text = answer.get("text")
    return Asked(
        _text(question),
        tuple(_text(turn) for turn in history),
        status,
        tuple(key for key in keys if key),
        _verbatim(text) if isinstance(text, str) else None,
    )
