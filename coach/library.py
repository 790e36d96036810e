"""The example library (library/examples/*.yaml): questions as people type them, labelled with their scope,
operation, matrix areas and whether they follow on from the question before. The router (coach/router) is
trained from it. Format and how to add examples: library/README.md.

Pure parsing and validation here; `load_library` is the only function that reads files.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from .codes import Code
from .errors import InputError
from .parsing import MAX_FILE_BYTES
from .query import Operation

if TYPE_CHECKING:
    from .model import CompetencyModel


class Scope(StrEnum):
    """Whether the documents answer a question: `in` they do, `not-covered` it is in the domain but they do
    not, `out` it is outside what an alliance-management coach should answer."""

    IN = "in"
    NOT_COVERED = "not-covered"
    OUT = "out"


FIELDS = {"q", "scope", "op", "areas", "items", "quotes", "after", "followup"}
MAX_DEPTH = 6  # a library file is a flat list of flat mappings
Failure = Callable[[str], InputError]  # an error about one example, naming it


@dataclass(frozen=True)
class Example:
    text: str
    scope: Scope = Scope.IN
    operation: Operation | None = Operation.ADVISE  # None for `out`
    areas: tuple[Code, ...] = ()
    items: tuple[Code, ...] = ()  # optional: the competencies (of `areas`) that are the right next steps
    quotes: tuple[str, ...] = ()  # optional: article sentences (verbatim) a coach would quote to the asker
    after: str = ""  # the previous user question, for follow-up / new-topic examples
    followup: bool | None = None  # with `after`: True continues it, False starts a new topic
    source: str = ""  # "<file>:<position>" for messages

    @property
    def writer(self) -> str:
        return self.source.split(":", 1)[0]


@dataclass(frozen=True)
class Library:
    examples: tuple[Example, ...]
    digest: str  # of every file's bytes: the router's cache key
    repeats: int = 0  # examples two writers wrote word for word, kept once

    def counts(self) -> dict[str, Counter[str]]:
        """How many examples per scope, operation, first area, writer and labelled item."""
        return {
            "scope": Counter(e.scope.value for e in self.examples),
            "operation": Counter(e.operation.value for e in self.examples if e.operation),
            "area": Counter(str(e.areas[0]) for e in self.examples if e.areas),
            "writer": Counter(e.writer for e in self.examples),
            "follow-up": Counter(str(e.followup).lower() for e in self.examples if e.followup is not None),
            "item": Counter(str(code) for e in self.examples for code in e.items),
        }


def load_library(folder: Path, codes: set[Code]) -> Library:
    """Every `*.yaml` file of the folder, validated against the matrix's `codes` (its areas and items; see
    `matrix_codes`); an error names the file, the example and the fix."""
    import yaml

    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        raise InputError(f"no example library at {folder}: it needs library/examples/*.yaml (see library/README.md).")
    examples: list[Example] = []
    digest = hashlib.sha256()
    for path in files:
        raw = path.read_bytes()
        if len(raw) > MAX_FILE_BYTES:
            raise InputError(f"{path.name} is {len(raw)} bytes; a library file holds at most {MAX_FILE_BYTES}.")
        digest.update(path.name.encode() + b"\0" + raw)
        try:
            safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's safe loader: 8x faster
            data = yaml.load(raw.decode("utf-8"), Loader=safe)
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            raise InputError(f"{path.name} is not valid UTF-8 YAML ({' '.join(str(exc).split())[:200]}).") from None
        if not isinstance(data, list):
            raise InputError(f"{path.name} must be a YAML list of examples (see library/README.md).")
        examples += [parse_example(entry, f"{path.name}:{i}", codes) for i, entry in enumerate(data, 1)]
    examples, repeats = _without_duplicates(examples)
    return Library(tuple(examples), digest.hexdigest()[:16], repeats)


def matrix_codes(model: CompetencyModel) -> set[Code]:
    """What a library label may name: the matrix's areas and items."""
    return {area.code for area in model.areas} | {item.code for item in model.items}


def parse_example(entry: object, source: str, codes: set[Code]) -> Example:
    def fail(message: str) -> InputError:
        return InputError(f"library example {source}: {message} (see library/README.md)")

    if not isinstance(entry, dict):
        raise fail("must be a mapping with at least `q`")
    unknown = set(entry) - FIELDS
    if unknown:
        raise fail(
            f"unknown field(s) {', '.join(sorted(map(str, unknown)))}; the fields are {', '.join(sorted(FIELDS))}"
        )
    text = entry.get("q")
    if not isinstance(text, str) or not text.strip():
        raise fail("`q` must be the question as text")
    try:
        scope = Scope(entry.get("scope", "in"))
    except ValueError:
        raise fail(f"scope {entry.get('scope')!r} is not one of in, not-covered, out") from None
    operation = _operation(entry, scope, fail)
    areas = _areas(entry.get("areas") or [], codes, fail)
    items = _items(entry.get("items") or [], areas, codes, fail)
    quotes = entry.get("quotes") or []
    if not isinstance(quotes, list) or not all(isinstance(q, str) and q.strip() for q in quotes):
        raise fail("`quotes` must be a list of article sentences, each as text")
    if scope is Scope.IN and operation is Operation.ADVISE and not areas and "after" not in entry:
        raise fail("advice in scope needs `areas`: the matrix areas whose items answer it")
    after, followup = entry.get("after", ""), entry.get("followup")
    if (after == "") != (followup is None) or not isinstance(after, str) or followup not in (None, True, False):
        raise fail("`after` (the previous question) and `followup` (true or false) go together")
    return Example(
        " ".join(text.split()), scope, operation, areas, items, tuple(quotes), " ".join(after.split()), followup, source
    )


def _operation(entry: dict[object, object], scope: Scope, fail: Failure) -> Operation | None:
    if scope is Scope.OUT:
        if "op" in entry:
            raise fail("an out-of-scope example carries no `op`")
        return None
    try:
        return Operation(str(entry.get("op", "advise")))  # a number or a list is no operation either
    except ValueError:
        names = ", ".join(op.value for op in Operation.taught())
        raise fail(f"op {entry.get('op')!r} is not one of {names}") from None


def _areas(raw: object, codes: set[Code], fail: Failure) -> tuple[Code, ...]:
    if not isinstance(raw, list):
        raise fail("`areas` must be a list of area codes such as [II C, I A]")
    found: list[Code] = []
    for value in raw:
        code = Code.try_parse(str(value))
        if code is None or code.is_item or code not in codes:
            raise fail(f"{value!r} is not an area of the matrix (I A–C, II A–O, III A–C)")
        if code not in found:
            found.append(code)
    return tuple(found)


def _items(raw: object, areas: tuple[Code, ...], codes: set[Code], fail: Failure) -> tuple[Code, ...]:
    if not isinstance(raw, list):
        raise fail("`items` must be a list of item codes such as [II C.1, II C.3]")
    found: list[Code] = []
    for value in raw:
        code = Code.try_parse(str(value))
        if code is None or not code.is_item or code not in codes:
            raise fail(f"{value!r} is not an item of the matrix (such as II C.1)")
        if code.area not in areas:
            raise fail(f"item {code} is not in the example's areas ({', '.join(map(str, areas)) or 'none'})")
        if code not in found:
            found.append(code)
    return tuple(found)


def _without_duplicates(examples: list[Example]) -> tuple[list[Example], int]:
    """The examples with word-for-word repeats (two writers asking "how many areas are there?") kept once; a
    repeat labelled differently is an error, since one of the two labels is wrong."""
    kept: dict[tuple[str, str], Example] = {}
    for example in examples:
        key = (example.after.lower(), example.text.lower())
        first = kept.get(key)
        if first is None:
            kept[key] = example
        elif _labels(first) != _labels(example):
            raise InputError(
                f"library example {example.source} repeats {first.source} ({example.text[:60]!r}) with other "
                "labels; keep the right one."
            )
    return list(kept.values()), len(examples) - len(kept)


def _labels(example: Example) -> tuple[Scope, Operation | None, tuple[Code, ...], bool | None]:
    return (example.scope, example.operation, example.areas[:1], example.followup)
