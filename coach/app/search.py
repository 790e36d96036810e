"""The matrix explorer's search: codes in any common form, and words with typos tolerated.

A query is read as codes first — the whole query ("II C", "2C", "ii c 3", "II-C-3", "section II C"), or codes
written among words ("governance II.C") — with coach.codes' one parser, keeping only codes the matrix has.
What is left are words; each must match a word of the competency, its area or its code, either as the start
of that word ("govern" → governance), or, for words of four letters or more, as the matrix word the coach's one
spelling corrector (coach/spelling.py) reads it as ("goverance" → governance, "negociation" → negotiation).
Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..codes import Code, loose_codes
from ..model import CompetencyModel
from ..records import MatrixItem
from ..spelling import Speller
from ..text import STOPWORDS, normalize

FUZZY_FROM = 4  # letters: shorter words only match as the start of a word
_WORD = re.compile(r"[a-z0-9]+")
MAX_WINDOW = 4  # tokens a code may be typed over: "section ii c 3"


@dataclass(frozen=True)
class SearchRequest:
    """A search box's text, read: the codes it names, its words, and how typos were read."""

    text: str
    codes: tuple[Code, ...] = ()
    unknown_codes: tuple[str, ...] = ()  # typed as codes, but not in the matrix ("II Z")
    words: tuple[str, ...] = ()
    corrections: dict[str, str] = field(default_factory=dict)  # typed word → the matrix word it was read as

    @property
    def empty(self) -> bool:
        return not (self.codes or self.words or self.unknown_codes)


def read(model: CompetencyModel, text: str) -> SearchRequest:
    """The codes and words of a search, typos read against the matrix's own vocabulary."""
    raw = (text or "").strip()
    if not raw:
        return SearchRequest("")
    whole = _one_code(raw)
    if whole is not None:  # the whole box is one code, in whatever form
        if model.exists(whole):
            return SearchRequest(raw, codes=(whole,))
        return SearchRequest(raw, unknown_codes=(str(whole),))
    tokens = raw.replace(",", " ").split()
    codes: list[Code] = []
    rest: list[str] = []
    index = 0
    while index < len(tokens):
        found = _code_at(model, tokens, index)
        if found:
            code, used = found
            if code not in codes:
                codes.append(code)
            index += used
        else:
            rest.append(tokens[index])
            index += 1
    vocabulary = _vocabulary(model)
    words = [w for w in _WORD.findall(normalize(" ".join(rest))) if w not in STOPWORDS or len(rest) == 1]
    corrections = {}
    for word in words:
        if not _known(word, vocabulary):
            closest = _speller(model).closest(word)
            if closest:
                corrections[word] = closest
    return SearchRequest(raw, codes=tuple(codes), words=tuple(words), corrections=corrections)


def _code_at(model: CompetencyModel, tokens: list[str], start: int) -> tuple[Code, int] | None:
    """The longest run of tokens from `start` that is one matrix code ("II", "C", "3" → II C.3).

    A single token is read as a code only when it could not be an English word: it has a digit or a dot or
    dash ("2C", "II.C", "II-C-3") or is a roman section run into its letter ("IIC") — so "I" and "a" stay words.
    """
    for size in range(min(MAX_WINDOW, len(tokens) - start), 0, -1):
        window = tokens[start : start + size]
        if size == 1 and not re.search(r"[\d.\-\[]|^(?:ii|iii)[a-o]$", window[0], re.IGNORECASE):
            continue
        if size > 1 and not re.match(r"section|[ivx]|\d", window[0], re.IGNORECASE):
            continue
        code = _one_code(" ".join(window))
        if code is not None and model.exists(code):
            return code, size
    return None


def _one_code(text: str) -> Code | None:
    """The code that `text` is, in any form coach.codes reads — also run together, "2c3" or "iic3"."""
    code = Code.try_parse(text)
    if code is None and " " not in text.strip() and len(text.strip()) <= 6:
        found = loose_codes(text.strip())
        code = found[0] if len(found) == 1 else None
    return code


def _known(word: str, vocabulary: tuple[str, ...]) -> bool:
    return any(candidate.startswith(_singular(word)) for candidate in vocabulary)


def _singular(word: str) -> str:
    """ "alliances" is looked for as "alliance" (which also finds "alliances"): a plural is not a typo."""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


@lru_cache(maxsize=8)
def _vocabulary(model: CompetencyModel) -> tuple[str, ...]:
    words = set()
    for item in model.items:
        words.update(_WORD.findall(normalize(_haystack(item))))
    return tuple(sorted(w for w in words if len(w) > 1))


@lru_cache(maxsize=8)
def _speller(model: CompetencyModel) -> Speller:
    return Speller(words=_vocabulary(model), min_length=FUZZY_FROM, keep_english=False)


def _haystack(item: MatrixItem) -> str:
    return f"{item.label} {item.area_name} {item.code}"


@lru_cache(maxsize=1024)
def _item_words(item: MatrixItem) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalize(_haystack(item))))


def matches(query: SearchRequest, item: MatrixItem) -> bool:
    """Does the item satisfy every code and every word of the query?"""
    if query.unknown_codes:
        return False
    if query.codes and not any(_within(item.code, code) for code in query.codes):
        return False
    words = _item_words(item)
    for word in query.words:
        wanted = _singular(query.corrections.get(word, word))
        if not any(candidate.startswith(wanted) for candidate in words):
            return False
    return True


def _within(code: Code, wanted: Code) -> bool:
    return code == wanted if wanted.is_item else code.area == wanted


def describe(query: SearchRequest) -> str:
    """How the search was read, for the line above the table ("" when it was read as typed)."""
    parts = []
    if query.codes:
        parts.append(
            "code " + ", ".join(str(code) for code in query.codes)
            if len(query.codes) == 1
            else "codes " + ", ".join(str(code) for code in query.codes)
        )
    if query.corrections:
        parts.append("; ".join(f"“{typed}” as “{read}”" for typed, read in query.corrections.items()))
    return f"Understood: {' · '.join(parts)}." if parts else ""
