"""Parse the ASAP Alliance Competencies Matrix out of the guide's text.

The matrix is a run of tab-separated tables under "IV. ASAP ALLIANCE COMPETENCIES MATRIX":

    I. Alliance Capabilities                        <- a section title (numeral, name)
    \t\tCA-AM\tCSAP\t\tContext\tCore\tCompany         <- a table header: flag columns by position
    A\tGovernance Structure\t...                     <- an area row: letter, name
    \tExplain alliance mission statement ...\tX\tX... <- an item row: statement, then X cells
    \tTermination:\t\t\t...                          <- a grouping row (ends with ':', no X): not an item
    \tcreate a plan for ending an alliance\tX...     <- a grouped item: printed in lower case under it

A title followed by "(continued)" and an area name followed by "(continued)" carry on what came before.
Flags are read by position from each table's own header row, so a table without an Industry column (as in
section I) simply has no Industry flags.
"""

from __future__ import annotations

import re
from typing import TypedDict

from ..codes import Code
from ..errors import CorpusError
from ..records import Area, Flags, MatrixItem

_SECTION_TITLE = re.compile(r"^(?P<numeral>I{1,3}|IV|V)\. (?P<name>.+?)(?: \(continued\))?$")
_AREA_ROW = re.compile(r"^(?P<letter>[A-Z])\t(?P<name>[^\t]+?)(?: \(continued\))?\t")
_CONTINUED = " (continued)"
_FLAG_COLUMNS = {
    "CA-AM": "ca_am",
    "CSAP": "csap",
    "Industry": "industry",
    "Context": "context",
    "Core": "core",
    "Company": "company",
}
_NUMERALS = {"I": 1, "II": 2, "III": 3}


class _OpenArea(TypedDict):
    """An area while its rows are read."""

    name: str
    section_name: str
    items: list[MatrixItem]


def parse_matrix(lines: list[str] | tuple[str, ...]) -> tuple[dict[int, str], list[Area]]:
    """Section names by number, and the areas in printed order with their items numbered from 1."""
    section_names: dict[int, str] = {}
    areas: dict[Code, _OpenArea] = {}
    section = 0
    columns: dict[str, int] | None = None
    area: Code | None = None
    group = ""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        title = _SECTION_TITLE.match(line)
        if title and "\t" not in line:
            if title["numeral"] not in _NUMERALS:
                raise CorpusError(f"matrix line {number}: unexpected section {title['numeral']!r}.")
            section = _NUMERALS[title["numeral"]]
            section_names.setdefault(section, title["name"])
            columns, area = None, None
            continue
        if line.startswith("\t\t") and "CA-AM" in line:
            columns = _header_columns(line)
            continue
        if columns is None or not section:
            continue  # prose around the tables
        area_row = _AREA_ROW.match(line + "\t")
        if area_row:
            area, group = _open_area(areas, section, area_row, section_names[section], continued=_CONTINUED in line)
            continue
        cells = line.split("\t")
        if area is None or len(cells) < 2 or not cells[1].strip():
            raise CorpusError(f"matrix line {number} is not an area, item or header row: {line.strip()[:60]!r}.")
        statement = cells[1].strip()
        flags = _flags(cells, columns)
        if statement.endswith(":") and flags == Flags():
            group = statement[:-1]
            continue
        if group and not statement[:1].islower():
            group = ""  # grouped rows are printed in lower case under their grouping row; this one is not
        items = areas[area]["items"]
        items.append(
            MatrixItem(Code(area.section, area.letter, len(items) + 1), statement, flags, areas[area]["name"], group)
        )
    if not areas:
        raise CorpusError("no matrix tables were found in the guide's matrix section.")
    built = [Area(code, data["name"], data["section_name"], tuple(data["items"])) for code, data in areas.items()]
    return section_names, built


def _header_columns(line: str) -> dict[str, int]:
    columns = {cell.strip(): index for index, cell in enumerate(line.split("\t")) if cell.strip()}
    unknown = set(columns) - set(_FLAG_COLUMNS)
    if unknown or "CA-AM" not in columns or "CSAP" not in columns:
        raise CorpusError(f"matrix header row has unexpected columns: {sorted(columns)}.")
    return columns


def _open_area(
    areas: dict[Code, _OpenArea], section: int, row: re.Match[str], section_name: str, continued: bool
) -> tuple[Code, str]:
    code = Code(section, row["letter"])
    name = row["name"].strip()
    if code in areas:
        if not continued or areas[code]["name"] != name:
            raise CorpusError(f"matrix area {code} appears twice without '(continued)'.")
        return code, _last_group(areas[code]["items"])
    if continued:
        raise CorpusError(f"matrix area {code} is marked '(continued)' but never began.")
    areas[code] = {"name": name, "section_name": section_name, "items": []}
    return code, ""


def _last_group(items: list[MatrixItem]) -> str:
    return items[-1].group if items else ""


def _flags(cells: list[str], columns: dict[str, int]) -> Flags:
    def marked(label: str) -> bool:
        index = columns.get(label)
        return index is not None and index < len(cells) and cells[index].strip().upper() == "X"

    return Flags(**{field: marked(label) for label, field in _FLAG_COLUMNS.items()})
