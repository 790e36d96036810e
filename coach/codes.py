"""Matrix codes as values: one parser, one formatter.

A code names an area ("II C") or an item within it ("II C.1"). Every form people type reads the same way:
"II C", "II.C", "2C", "II-C.3", "section II C", "ii c", "[II C.1]". Whether a code exists is a question for
the competency model, not for this module: "IV A" parses, and the model says it is not in the matrix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import total_ordering

from .errors import CodeSyntaxError

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_NUMERAL = {value: key for key, value in _ROMAN.items()}
_ROMAN_RE = "X|IX|VIII|VII|VI|IV|V|III|II|I"

_FULL = re.compile(
    rf"""^\s*\[?\s*(?:section\s+)?
    (?P<section>{_ROMAN_RE}|10|[1-9])
    (?:\s*[.\-\s]\s*|(?<=\d)|(?=[A-HJ-UWYZ]))   # "IIC" and "2I" run together, but "III" is not "II I"
    (?P<letter>[A-Z])
    (?:\s*[.\-\s]\s*(?P<item>\d{{1,3}}))?
    \s*\]?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# In running text a code must look deliberate, or it would be read into "IT", "VIP" or "3D printing":
# an upper-case roman section and letter apart ("II C", "III.B", "II-C.3"), any form after "section" or
# inside brackets ("[2C]"), or lower-case ii/iii with a separator ("ii c"). "I" alone is an English word,
# so a lower-case "i a" is never a code.
_ITEM = r"(?:[.\-](?P<item>\d{1,3}))?"
_IN_TEXT = re.compile(
    rf"""(?<![\w.\-\[])(?:
        (?P<section>{_ROMAN_RE})[ .\-](?P<letter>[A-Z]){_ITEM}
      | (?P<lower>iii|ii)[ .\-](?P<lowletter>[a-o])(?:[.\-](?P<lowitem>\d{{1,3}}))?
    )(?![\w])
    | \[(?P<bracketed>[^\[\]\n]{{1,24}})\]
    | (?i:section)\s+(?P<named>(?i:{_ROMAN_RE}|10|[1-9])[ .\-]?[a-zA-Z](?:[.\-]\d{{1,3}})?)(?![\w])""",
    re.VERBOSE,
)


@total_ordering
@dataclass(frozen=True)
class Code:
    """`section` is 1-10 (printed as a roman numeral), `letter` A-Z, `item` the 1-based row in the area."""

    section: int
    letter: str
    item: int | None = None

    @classmethod
    def parse(cls, text: str) -> Code:
        """Read one code from text that is meant to be a code; raise CodeSyntaxError otherwise."""
        match = _FULL.match(text or "")
        if not match:
            shown = repr(text) if len(text or "") <= 40 else f"{text[:40]!r}… ({len(text):,} characters)"
            raise CodeSyntaxError(
                f"{shown} is not a matrix code; codes look like 'II C' (an area) or 'II C.1' (an item)."
            )
        item = match.group("item")
        return cls(_section_number(match.group("section")), match.group("letter").upper(), int(item) if item else None)

    @classmethod
    def try_parse(cls, text: str) -> Code | None:
        try:
            return cls.parse(text)
        except CodeSyntaxError:
            return None

    @property
    def area(self) -> Code:
        """The area this code belongs to (itself when it is an area code)."""
        return Code(self.section, self.letter)

    @property
    def is_item(self) -> bool:
        return self.item is not None

    @property
    def section_numeral(self) -> str:
        return _NUMERAL.get(self.section, str(self.section))

    def __str__(self) -> str:
        base = f"{self.section_numeral} {self.letter}"
        return f"{base}.{self.item}" if self.item is not None else base

    def __lt__(self, other: Code) -> bool:  # matrix order; an area sorts before its items
        return (self.section, self.letter, self.item or 0) < (other.section, other.letter, other.item or 0)


def _section_number(token: str) -> int:
    token = token.upper()
    return int(token) if token.isdigit() else _ROMAN[token]


def find_codes(text: str) -> list[Code]:
    """Every code written in running text, in order of appearance, without repeats.

    A text that is nothing but a code ("2C", "ii c") is read with the full parser.
    """
    whole = Code.try_parse(text or "")
    if whole is not None:
        return [whole]
    found: list[Code] = []
    for match in _IN_TEXT.finditer(text or ""):
        code = _code_from_match(match)
        if code is not None and code not in found:
            found.append(code)
    return found


# Shorthand people type that could also be a word or a number ("2c", "3b", "iim", "ii c 3"): read only as a
# candidate, which the caller keeps when the matrix has that code (so "3d printing" stays a phrase).
_LOOSE = re.compile(
    r"(?<![\w.\-\[])(?:(?P<section>iii|ii)(?:[ .\-]|(?!i))|(?P<digit>[1-3])[.\-]?)(?P<letter>[a-o])"
    r"(?:[ .\-]?(?P<item>\d{1,2}))?(?![\w])",
    re.IGNORECASE,
)


def loose_codes(text: str) -> list[Code]:
    """Shorthand codes in running text ("2c", "iim", "ii c 3"), to be kept only when they exist."""
    found: list[Code] = []
    for match in _LOOSE.finditer(text or ""):
        item = match.group("item")
        section = _section_number(match.group("section") or match.group("digit"))
        code = Code(section, match.group("letter").upper(), int(item) if item else None)
        if code not in found:
            found.append(code)
    return found


def _code_from_match(match: re.Match[str]) -> Code | None:
    if match.group("bracketed") or match.group("named"):
        return Code.try_parse(match.group("bracketed") or match.group("named"))
    section = match.group("section") or match.group("lower")
    letter = match.group("letter") or match.group("lowletter")
    item = match.group("item") or match.group("lowitem")
    return Code(_section_number(section), letter.upper(), int(item) if item else None)


def format_codes(codes: Iterable[Code]) -> str:
    """'II C, II G and III B' — for prose."""
    names = [str(code) for code in codes]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
