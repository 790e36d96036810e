"""What the page keeps in the browser (gr.BrowserState, i.e. localStorage): the conversation, the development
plan and the profile.

The browser holds them, not the server, so a page reload, a server restart or another replica behind a proxy
loses nothing, and the server keeps no conversation at all. Each value comes back from the browser with the
next event: it may be from an older version, damaged or edited by hand, so every read checks it and drops what
it cannot use — never a traceback, never the rest of the data. Pure: no Gradio here.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..feedback import RATINGS
from ..records import ANSWER_STATUSES, EXAM_LEVELS, ROLE_IDS, Answer, Citation, Profile, Status

VERSION = 1
KEYS = {
    "conversation": "alliance-coach-conversation",
    "plan": "alliance-coach-plan",
    "profile": "alliance-coach-profile",
}
# Gradio encrypts a BrowserState with this secret in the browser. The page carries the secret, so this only
# keeps the stored text from being plain; what matters is that it stays the same across restarts and replicas
# (Gradio's default is a new random one per process, which would make every stored value unreadable).
SECRET = "alliance-coach-browser-state-v1"
MAX_EXCHANGES = 50  # the conversation kept in the browser: the most recent answers …
# … as far as they fit in this many bytes of JSON. The page sends the conversation back with each question, and
# every request is limited to limits.MAX_BODY (1 MB): 50 of the longest answers, with their sources, would be
# ~1.1 MB; a typical one is ~7 KB, so this keeps all 50 of those and at least ~16 of the longest (the engine
# reads the last 8 turns).
MAX_STORED_BYTES = 600_000
MAX_TEXT = 20_000  # characters of one stored text field


@dataclass(frozen=True)
class Exchange:
    """One question and its answer. `turn` is the question as the engine's history gets it, or "" when it
    must not be (too long, or it failed); `id` names the answer in feedback on it (a new rating of it
    replaces the earlier), `rating` is the one given here ("up", "down" or "")."""

    question: str
    answer: Answer
    turn: str = ""
    id: str = ""
    rating: str = ""


def _text(value, limit: int = MAX_TEXT) -> str:
    return value[:limit] if isinstance(value, str) else ""


def answer_to_dict(answer: Answer) -> dict:
    data = answer.as_dict()
    data["elapsed"] = round(answer.elapsed, 4)
    return data


def answer_from_dict(data) -> Answer | None:
    """An Answer from its stored form (Answer.as_dict()), or None when it is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return None
    citations = []
    for item in data.get("citations") or []:
        if isinstance(item, dict) and isinstance(item.get("code"), str):
            flags = tuple(f for f in item.get("flags") or [] if isinstance(f, str))
            citations.append(
                Citation(
                    item["code"][:200],
                    _text(item.get("title"), 500),
                    _text(item.get("text")),
                    _text(item.get("source"), 500),
                    _text(item.get("kind"), 40),
                    flags,
                )
            )
    strings = lambda key: [s[:2000] for s in data.get(key) or [] if isinstance(s, str)]  # noqa: E731
    status, error = _status(data)
    return Answer(
        text=_text(data["text"]),
        citations=citations,
        status=status,
        backend=_text(data.get("backend"), 200) or "composer",
        notes=strings("notes"),
        intent=_text(data.get("intent"), 40),
        error=error,
        follow_ups=strings("follow_ups"),
    )


def _status(data: dict) -> tuple[Status, str | None]:
    """A stored answer's status and error message, consistent with each other: its own status when it is one,
    else read from its other fields as an older version wrote them (an error, small talk, not covered, refused)."""
    error = data.get("error") if isinstance(data.get("error"), str) else None
    if data.get("status") in ANSWER_STATUSES:
        status = Status(data["status"])
    elif error is not None:
        status = Status.ERROR
    elif data.get("intent") in (Status.SMALL_TALK, Status.NOT_COVERED):
        status = Status(data["intent"])
    else:
        status = Status.REFUSED if data.get("refused") else Status.ANSWER
    if status is Status.ERROR:
        return status, error or ""
    return status, None


def conversation(value) -> list[Exchange]:
    """The stored conversation, oldest first; what cannot be read is left out."""
    if not isinstance(value, dict) or value.get("v") != VERSION:
        return []
    found = []
    for entry in value.get("exchanges") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("question"), str):
            continue
        answer = answer_from_dict(entry.get("answer"))
        if answer is not None:
            rating = _choice(entry, "rating", RATINGS)
            found.append(
                Exchange(_text(entry["question"]), answer, _text(entry.get("turn")), _text(entry.get("id"), 64), rating)
            )
    return found[-MAX_EXCHANGES:]


def conversation_value(exchanges: list[Exchange]) -> dict:
    """The conversation as the browser stores it (never empty: Gradio does not store a falsy value): the latest
    MAX_EXCHANGES exchanges that fit in MAX_STORED_BYTES of JSON, and always the latest one."""
    kept: list[dict[str, Any]] = []
    size = 0
    for e in reversed(exchanges[-MAX_EXCHANGES:]):
        entry = {
            "question": e.question,
            "turn": e.turn,
            "answer": answer_to_dict(e.answer),
            "id": e.id,
            "rating": e.rating,
        }
        size += len(json.dumps(entry, ensure_ascii=False).encode("utf-8")) + 1
        if kept and size > MAX_STORED_BYTES:
            break
        kept.append(entry)
    return {"v": VERSION, "exchanges": kept[::-1]}


# --- the profile --------------------------------------------------------------------------------------------
ROLE_LABELS = {
    "mid": "Mid-level alliance manager",
    "senior": "Senior-level alliance manager",
    "executive": "Executive-level alliance manager (director, VP)",
}
NOT_SET = "Not set"


def role_choices() -> list[tuple[str, str]]:
    return [(NOT_SET, "")] + [(ROLE_LABELS[role], role) for role in ROLE_IDS]


def certification_choices() -> list[tuple[str, str]]:
    return [(NOT_SET, "")] + [(level, level) for level in EXAM_LEVELS]


def profile_value(role, certification) -> dict:
    return {
        "v": VERSION,
        "role": role if role in ROLE_IDS else "",
        "certification": certification if certification in EXAM_LEVELS else "",
    }


def profile_fields(value) -> tuple[str, str]:
    """(role, certification) from the stored profile; "" for what is not set or not valid."""
    if not isinstance(value, dict):
        return "", ""
    return _choice(value, "role", ROLE_IDS), _choice(value, "certification", EXAM_LEVELS)


def _choice(data: dict[str, Any], key: str, allowed: Collection[str]) -> str:
    """data[key] when it is one of the `allowed` strings, else ""."""
    value = data.get(key)
    return value if isinstance(value, str) and value in allowed else ""


def profile(role, certification) -> Profile | None:
    """The Profile the engine takes, or None when nothing is set."""
    try:
        found = Profile(role=role or None, certification=certification or None)
    except InputError:
        return None
    return None if found.empty else found


def profile_summary(role, certification) -> str:
    parts = [ROLE_LABELS[role].split(" ")[0] if role in ROLE_LABELS else "", certification or ""]
    parts = [part for part in parts if part]
    return "Your profile: " + (" · ".join(parts) if parts else "not set (optional)")


# --- the development plan -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlanState:
    path: str = ""
    ratings: dict[str, int] = field(default_factory=dict)  # only what the person rated: {"II C.1": 3}
    readiness: tuple[str, ...] = ()  # the readiness questions answered yes


def plan(value: object, paths: Collection[str], codes: Collection[str]) -> PlanState:
    """The stored plan, keeping a known path, ratings 0-3 of known codes, and known readiness questions
    (`paths`, `codes`: what is valid today)."""
    if not isinstance(value, dict) or value.get("v") != VERSION:
        return PlanState()
    path = _choice(value, "path", paths)
    ratings = {}
    raw = value.get("ratings")
    for code, rating in (raw if isinstance(raw, dict) else {}).items():
        if code in codes and isinstance(rating, int) and not isinstance(rating, bool) and 0 <= rating <= 3:
            ratings[code] = rating
    readiness = tuple(q for q in value.get("readiness") or [] if isinstance(q, str))
    return PlanState(path, ratings, readiness)


def plan_value(state: PlanState) -> dict:
    return {"v": VERSION, "path": state.path, "ratings": dict(state.ratings), "readiness": list(state.readiness)}
