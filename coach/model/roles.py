"""Parse the three job descriptions out of the guide's section III.

The section is a series of four-column tables (row label, then the mid-level, senior-level and
executive-level columns). Cells may hold simple HTML (<p>, <ul>, "•" bullets). Responsibilities name
their matrix areas in a closing parenthesis: "Support governance process (I A and II C)".
"""

from __future__ import annotations

import html
import re

from ..codes import Code
from ..errors import CodeSyntaxError, CorpusError
from ..records import ROLE_IDS, Responsibility, ResponsibilityKind, Role

# Row labels as printed, normalised (tags and the "(related alliance competency …)" note removed).
_FIELDS = {
    "role": "name",
    "example titles": "example_titles",
    "certification": "certification",
    "position description": "position_description",
    "reporting relationships": "reporting",
    "scope of responsibilities": "scope",
    "primary responsibilities": "primary",
    "secondary responsibilities": "secondary",
    "experience required": "experience",
    "education requirements": "education",
    "certification requirements": "certification_requirements",
}
_TRAILING_CODES = re.compile(r"\s*\((?P<codes>[^()]*)\)\s*$")


def parse_roles(lines: list[str] | tuple[str, ...]) -> tuple[str, list[Role]]:
    """The section's preamble and the three roles, in the order of the table's columns."""
    columns: dict[str, list[str]] = {}
    preamble = []
    for line in lines:
        cells = line.split("\t")
        if len(cells) == 1:
            if line.strip():
                preamble.append(line.strip())
            continue
        if len(cells) != 1 + len(ROLE_IDS):
            raise CorpusError(f"job-description row has {len(cells)} cells instead of 4: {line[:60]!r}.")
        field = _FIELDS.get(_label(cells[0]))
        if field is None:
            raise CorpusError(f"job-description row label {_label(cells[0])!r} is not one the parser knows.")
        values = [cell.strip() for cell in cells[1:]]
        if field in columns and columns[field] != values:
            raise CorpusError(f"job-description row {field!r} is printed twice with different values.")
        columns[field] = values
    missing = [label for label, field in _FIELDS.items() if field not in columns]
    if missing:
        raise CorpusError(f"the job descriptions lack the rows: {', '.join(missing)}.")
    return " ".join(preamble), [
        _role(role_id, {field: values[i] for field, values in columns.items()}) for i, role_id in enumerate(ROLE_IDS)
    ]


def _label(cell: str) -> str:
    text = _strip_tags(cell)
    text = re.sub(r"\(related alliance competency.*?\)", "", text, flags=re.IGNORECASE)
    return " ".join(text.lower().split())


def _strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).strip()


def blocks(cell: str) -> list[str]:
    """A cell's paragraphs and bullets as plain text; bullets come back prefixed with "- "."""
    parts = []
    for paragraph in re.split(r"</?p>|<ul[^>]*>|</ul>", cell):
        pieces = paragraph.split("•")
        lead = " ".join(_strip_tags(pieces[0]).split())
        if lead:
            parts.append(lead)
        parts.extend(f"- {' '.join(_strip_tags(piece).split())}" for piece in pieces[1:] if piece.strip())
    return parts


def _responsibilities(role_id: str, kind: ResponsibilityKind, cell: str) -> tuple[Responsibility, ...]:
    found = []
    for position, bullet in enumerate((b[2:] for b in blocks(cell) if b.startswith("- ")), start=1):
        text = bullet
        codes: tuple[Code, ...] = ()
        match = _TRAILING_CODES.search(bullet)
        if match:
            parsed = _codes_in_parentheses(match["codes"])
            if parsed:
                text, codes = bullet[: match.start()].rstrip(), parsed
        found.append(Responsibility(role_id, kind, text, codes, position))
    if not found:
        raise CorpusError(f"the {role_id} role lists no {kind} responsibilities.")
    return tuple(found)


def _codes_in_parentheses(text: str) -> tuple[Code, ...]:
    """ "II O and III B" → (II O, III B); a parenthesis that is not a list of codes gives ()."""
    codes = []
    for part in re.split(r"\s*(?:,|\band\b)\s*", text.strip()):
        if not part:
            continue
        try:
            codes.append(Code.parse(part))
        except CodeSyntaxError:
            return ()
    return tuple(codes)


def _role(role_id: str, row: dict[str, str]) -> Role:
    return Role(
        id=role_id,
        name=_strip_tags(row["name"]),
        example_titles=_strip_tags(row["example_titles"]),
        certification=_strip_tags(row["certification"]),
        position_description=tuple(blocks(row["position_description"])),
        reporting=_strip_tags(row["reporting"]),
        scope=_strip_tags(row["scope"]),
        primary=_responsibilities(role_id, ResponsibilityKind.PRIMARY, row["primary"]),
        secondary=_responsibilities(role_id, ResponsibilityKind.SECONDARY, row["secondary"]),
        experience=tuple(blocks(row["experience"])),
        education=_strip_tags(row["education"]),
        certification_requirements=_strip_tags(row["certification_requirements"]),
    )
