"""The competency model: the guide's matrix, job descriptions and competency categories as typed records.

Parsed from the guide at load time (never typed in by hand), then checked: every code a job description
names must be an area of the matrix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..codes import Code
from ..errors import CorpusError, UnknownCodeError
from ..records import (
    ROLE_IDS,
    Area,
    Category,
    Document,
    DocumentKind,
    MatrixItem,
    Passage,
    Responsibility,
    ResponsibilityKind,
    Role,
)
from .categories import category_outline, parse_categories
from .guide import prose_passages, sections, table_of_contents
from .matrix import parse_matrix
from .roles import parse_roles

MATRIX_SOURCE = "ASAP Alliance Competencies Matrix"


@dataclass(frozen=True, eq=False)  # identity hash: one model per corpus, usable as a cache key
class CompetencyModel:
    guide: Document
    section_names: dict[int, str]
    areas: tuple[Area, ...]
    roles: tuple[Role, ...]
    categories: tuple[Category, ...]
    job_preamble: str
    prose: tuple[Passage, ...] = field(default=(), repr=False)

    # --- lookups ------------------------------------------------------------------------------------
    @cached_property
    def _areas(self) -> dict[Code, Area]:
        return {area.code: area for area in self.areas}

    @cached_property
    def _items(self) -> dict[Code, MatrixItem]:
        return {item.code: item for area in self.areas for item in area.items}

    @property
    def items(self) -> list[MatrixItem]:
        return list(self._items.values())

    def area(self, code: Code) -> Area | None:
        return self._areas.get(code.area) if code is not None else None

    def item(self, code: Code) -> MatrixItem | None:
        return self._items.get(code)

    def known_area(self, code: Code) -> Area:
        """The area of a code the matrix has (an area's own or its item's), for codes taken from the model or
        checked already: an UnknownCodeError naming the nearest codes if it is not there, never None."""
        area = self.area(code)
        if area is None:
            raise UnknownCodeError(str(code), [str(c) for c in self.nearest(code)])
        return area

    def known_item(self, code: Code) -> MatrixItem:
        """The matrix item of an item code the matrix has; an UnknownCodeError naming the nearest codes if not."""
        item = self.item(code)
        if item is None:
            raise UnknownCodeError(str(code), [str(c) for c in self.nearest(code)])
        return item

    def exists(self, code: Code) -> bool:
        return (code in self._items) if code.is_item else (code in self._areas)

    def check(self, code: Code) -> Code:
        """The code itself when it is in the matrix; UnknownCodeError naming the nearest ones otherwise."""
        if not self.exists(code):
            raise UnknownCodeError(str(code), [str(c) for c in self.nearest(code)])
        return code

    def role(self, role_id: str) -> Role:
        return next(role for role in self.roles if role.id == role_id)

    def responsibilities_for(self, area: Code, role_id: str | None = None) -> list[Responsibility]:
        """Job-description responsibilities naming the area: primary before secondary, roles in order."""
        found = [
            resp
            for role in self.roles
            if role_id in (None, role.id)
            for resp in role.responsibilities
            if area.area in resp.codes
        ]
        return sorted(
            found, key=lambda r: (r.kind != ResponsibilityKind.PRIMARY, ROLE_IDS.index(r.role_id), r.position)
        )

    def nearest(self, code: Code, limit: int = 3) -> list[Code]:
        """Valid codes closest to one that is not in the matrix (for "did you mean")."""
        area = self._areas.get(code.area)
        if area is not None:  # the item number is out of range: the area and its closest item
            closest = min(area.items, key=lambda item: abs((item.code.item or 0) - (code.item or 0)))
            return [area.code, closest.code]
        if code.section in self.section_names:  # the letter is not in that section: nearby letters
            same_section = [a.code for a in self.areas if a.code.section == code.section]
            return sorted(same_section, key=lambda c: (abs(ord(c.letter) - ord(code.letter)), c))[:limit]
        same_letter = [a.code for a in self.areas if a.code.letter == code.letter]  # no such section
        return (same_letter or [a.code for a in self.areas[:limit]])[:limit]

    def section_name(self, section: int) -> str:
        return self.section_names.get(section, "")


def build_model(documents: list[Document]) -> CompetencyModel:
    guide = next(doc for doc in documents if doc.kind == DocumentKind.GUIDE)
    parts = sections(guide)
    section_names, areas = parse_matrix(parts["matrix"].lines)
    preamble, roles = parse_roles(parts["job"].lines)
    toc = table_of_contents(guide)
    outline = category_outline(toc, parts["competencies"].title, parts["job"].title)
    categories = parse_categories(parts["competencies"].lines, outline)
    headings = {name for name, _ in outline}
    model = CompetencyModel(
        guide,
        section_names,
        tuple(areas),
        tuple(roles),
        tuple(categories),
        preamble,
        tuple(prose_passages(guide, headings)),
    )
    _check_role_codes(model)
    return model


def _check_role_codes(model: CompetencyModel) -> None:
    for role in model.roles:
        for resp in role.responsibilities:
            for code in resp.codes:
                if not model.exists(code):
                    raise CorpusError(
                        f"the {role.name} responsibility {resp.text!r} names {code}, which is not a matrix area."
                    )


__all__ = ["MATRIX_SOURCE", "ROLE_IDS", "CompetencyModel", "build_model"]
