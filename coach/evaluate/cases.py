"""Evaluation cases: the YAML schema of the files under eval/, loaded and checked field by field.

A case file is a YAML list of mappings; see eval/README.md for the schema. Every problem names the case,
the field and the fix: a string where a list belongs is not split into characters, a code that is not in
the matrix is rejected when the model is given, and a file that is not UTF-8 is one clear error.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..codes import Code
from ..errors import InputError
from ..parsing import MAX_FILE_BYTES, load_yaml

CATEGORIES = (
    # the development split (eval/cases.yaml)
    "role",
    "area",
    "lifecycle",
    "development",
    "job-facts",
    "concepts",
    "categories",
    "refusal",
    "follow-up",
    "paraphrase",
    # the frozen split of user-worded questions (eval/frozen.yaml)
    "situational",
    "matrix-ops",
    "articles",
    "roles-lifecycle",
    "typos",
    "not-covered",
)
EXPECTATIONS = ("answer", "not-covered", "refuse", "small-talk")
_DOCUMENT_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+(?: § .+)?$")  # ids are kebab-case: "asap-guide"
FIELDS = {
    "id",
    "category",
    "question",
    "turns",
    "expect",
    "refuse",
    "codes",
    "any_codes",
    "forbid_codes",
    "mention",
    "forbid",
    "max_codes",
}


@dataclass(frozen=True)
class Case:
    id: str
    turns: tuple[str, ...]  # earlier turns, then the scored question
    category: str
    codes: tuple[str, ...] = ()
    any_codes: tuple[str, ...] = ()
    mention: tuple[tuple[str, ...], ...] = ()  # each entry: alternatives, one of which must appear
    expect: str = "answer"  # one of EXPECTATIONS
    forbid_codes: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    max_codes: int | None = None
    split: str = ""  # the file's name without its suffix ("cases", "frozen" …)

    @property
    def question(self) -> str:
        return self.turns[-1]

    @property
    def history(self) -> list[str]:
        return list(self.turns[:-1])

    @property
    def refuse(self) -> bool:
        return self.expect == "refuse"

    @property
    def answerable(self) -> bool:
        """The documents answer it: declining it, or saying they do not cover it, is a false refusal."""
        return self.expect == "answer"


class _Field:
    """Reads one case's fields, each error naming the case and the field."""

    def __init__(self, raw: dict, where: str):
        self.raw = raw
        self.where = where

    def fail(self, name: str, problem: str) -> InputError:
        return InputError(f"{self.where}, field {name!r}: {problem}")

    def text(self, name: str, required: bool = False) -> str:
        value = self.raw.get(name)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(name, f"must be non-empty text, not {_shown(value)}.")
        return value

    def strings(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            fix = f" — write [{value!r}]" if isinstance(value, str) else ""
            raise self.fail(name, f"must be a list of non-empty strings, not {_shown(value)}{fix}.")
        return tuple(value)

    def codes(self, name: str, model) -> tuple[str, ...]:
        found = []
        for value in self.strings(name):
            if _DOCUMENT_KEY.match(value):  # "what-is-alliance-management" or "… § Governance"
                found.append(value)
                continue
            code = Code.try_parse(value)
            if code is None:
                raise self.fail(
                    name,
                    f"{value!r} is not a matrix code ('II C', 'II C.1') or a document's "
                    "citation key ('document-id' or 'document-id § heading').",
                )
            if model is not None and not model.exists(code):
                raise self.fail(name, f"{code} is not in the ASAP matrix; `coach codes` lists every code.")
            found.append(str(code))
        return tuple(found)

    def mentions(self, name: str) -> tuple[tuple[str, ...], ...]:
        value = self.raw.get(name)
        if value is None:
            return ()
        if not isinstance(value, list):
            fix = f" — write [{value!r}]" if isinstance(value, str) else ""
            raise self.fail(
                name, f"must be a list of phrases (or lists of alternative phrases), not {_shown(value)}{fix}."
            )
        entries = []
        for entry in value:
            if isinstance(entry, str) and entry.strip():
                entries.append((entry,))
            elif isinstance(entry, list) and entry and all(isinstance(e, str) and e.strip() for e in entry):
                entries.append(tuple(entry))
            else:
                raise self.fail(name, f"each entry must be a phrase or a list of phrases, not {_shown(entry)}.")
        return tuple(entries)


def _shown(value) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:39] + '…'}"


def parse_case(raw, position: int, model=None, split: str = "") -> Case:
    """One case from its YAML mapping; `model` (a CompetencyModel) checks that every code exists."""
    label = raw.get("id", "no id") if isinstance(raw, dict) else raw
    where = f"case {position} ({label!r})"
    if not isinstance(raw, dict):
        raise InputError(f"{where}: each case must be a mapping with id, question (or turns) and category.")
    unknown = set(raw) - FIELDS
    if unknown:
        raise InputError(
            f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}; "
            f"the fields are {', '.join(sorted(FIELDS))}."
        )
    fields = _Field(raw, where)
    case_id = raw.get("id")
    if not isinstance(case_id, (str, int)) or not str(case_id).strip():
        raise fields.fail("id", f"must be a short unique name, not {_shown(case_id)}.")
    if ("question" in raw) == ("turns" in raw):
        raise InputError(
            f'{where}: give either question: "…" or turns: ["…", "…"], not '
            f"{'both' if 'question' in raw else 'neither'}."
        )
    turns = (fields.text("question", required=True),) if "question" in raw else fields.strings("turns")
    if not turns:
        raise fields.fail("turns", "must list at least one question.")
    category = raw.get("category")
    if category not in CATEGORIES:
        raise fields.fail("category", f"{category!r} is not one of {', '.join(CATEGORIES)}.")
    expect = _expectation(raw, fields)
    max_codes = raw.get("max_codes")
    if max_codes is not None and (isinstance(max_codes, bool) or not isinstance(max_codes, int) or max_codes < 0):
        raise fields.fail("max_codes", f"must be a whole number of at least 0, not {_shown(max_codes)}.")
    return Case(
        id=str(case_id),
        turns=tuple(turns),
        category=category,
        codes=fields.codes("codes", model),
        any_codes=fields.codes("any_codes", model),
        mention=fields.mentions("mention"),
        expect=expect,
        forbid_codes=fields.codes("forbid_codes", model),
        forbid=fields.strings("forbid"),
        max_codes=max_codes,
        split=split,
    )


def _expectation(raw: dict, fields: _Field) -> str:
    refuse = raw.get("refuse")
    if refuse is not None and not isinstance(refuse, bool):
        raise fields.fail("refuse", f"must be true or false, not {_shown(refuse)}.")
    expect = raw.get("expect", "refuse" if refuse else "answer")
    if expect not in EXPECTATIONS:
        raise fields.fail("expect", f"{expect!r} is not one of {', '.join(EXPECTATIONS)}.")
    if refuse is not None and refuse != (expect == "refuse"):
        raise InputError(f"{fields.where}: refuse: {refuse} contradicts expect: {expect}; keep one of them.")
    return expect


MAX_CASES = 5_000  # cases in one file; the six files under eval/ hold 611 together


def load_cases(path: Path, model=None) -> list[Case]:
    """The cases of one file (its split is the file's stem); InputError for anything malformed. The file's size,
    nesting and number of cases are bounded before the cases are read: a mistaken file is one line at once,
    not a RecursionError or minutes of silence."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        raw_text = raw.decode("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the cases file {path} ({exc.strerror or exc}).") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"the cases file {path} is not UTF-8 text (byte {exc.start}); save it as UTF-8.") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(
            f"the cases file {path} is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}. Split it into several "
            "files (each one --cases)."
        )
    try:
        data = load_yaml(raw_text, f"the cases file {path}")
    except yaml.YAMLError as exc:
        raise InputError(f"the cases file {path} is not valid YAML ({str(exc).splitlines()[0]}).") from None
    if not isinstance(data, list) or not data:
        raise InputError(f"the cases file {path} must be a YAML list of cases.")
    if len(data) > MAX_CASES:
        raise InputError(
            f"the cases file {path} has {len(data):,} cases; the limit is {MAX_CASES:,} per file. Split it into "
            "several files (each one --cases)."
        )
    cases = [parse_case(raw, position, model, split=path.stem) for position, raw in enumerate(data, start=1)]
    counts = Counter(case.id for case in cases)
    duplicates = sorted(case_id for case_id, count in counts.items() if count > 1)
    if duplicates:
        raise InputError(f"the cases file {path} repeats the id(s) {', '.join(duplicates)}.")
    return cases
