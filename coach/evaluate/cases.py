"""Evaluation cases: the YAML schema of eval/cases.yaml, loaded and checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import InputError

CATEGORIES = ("role", "area", "lifecycle", "development", "job-facts", "concepts", "categories", "refusal",
              "follow-up", "paraphrase")


@dataclass(frozen=True)
class Case:
    id: str
    turns: tuple[str, ...]  # earlier turns, then the scored question
    category: str
    codes: tuple[str, ...] = ()
    any_codes: tuple[str, ...] = ()
    mention: tuple[tuple[str, ...], ...] = ()  # each entry: alternatives, one of which must appear
    refuse: bool = False

    @property
    def question(self) -> str:
        return self.turns[-1]

    @property
    def history(self) -> list[str]:
        return list(self.turns[:-1])


def _alternatives(entry) -> tuple[str, ...]:
    if isinstance(entry, str):
        return (entry,)
    if isinstance(entry, list) and entry and all(isinstance(e, str) for e in entry):
        return tuple(entry)
    raise ValueError(f"a mention must be a phrase or a list of phrases, not {entry!r}")


def parse_case(raw: dict, position: int) -> Case:
    where = f"case {position} ({raw.get('id', 'no id') if isinstance(raw, dict) else raw!r})"
    if not isinstance(raw, dict):
        raise InputError(f"{where}: each case must be a mapping with id, question (or turns) and category.")
    unknown = set(raw) - {"id", "question", "turns", "codes", "any_codes", "mention", "refuse", "category"}
    if unknown:
        raise InputError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}.")
    if not raw.get("id"):
        raise InputError(f"{where}: missing id.")
    turns = raw.get("turns") or ([raw["question"]] if raw.get("question") else None)
    if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
        raise InputError(f"{where}: needs a question, or turns: [...] with non-empty text.")
    category = raw.get("category", "")
    if category not in CATEGORIES:
        raise InputError(f"{where}: category {category!r} is not one of {', '.join(CATEGORIES)}.")
    try:
        mention = tuple(_alternatives(entry) for entry in raw.get("mention") or [])
    except ValueError as exc:
        raise InputError(f"{where}: {exc}.") from None
    return Case(id=str(raw["id"]), turns=tuple(turns), category=category, codes=tuple(raw.get("codes") or ()),
                any_codes=tuple(raw.get("any_codes") or ()), mention=mention, refuse=bool(raw.get("refuse", False)))


def load_cases(path: Path) -> list[Case]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the cases file {path} ({exc.strerror or exc}).") from None
    except yaml.YAMLError as exc:
        raise InputError(f"the cases file {path} is not valid YAML ({str(exc).splitlines()[0]}).") from None
    if not isinstance(data, list) or not data:
        raise InputError(f"the cases file {path} must be a YAML list of cases.")
    cases = [parse_case(raw, position) for position, raw in enumerate(data, start=1)]
    ids = [case.id for case in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InputError(f"the cases file {path} repeats the id(s) {', '.join(duplicates)}.")
    return cases
