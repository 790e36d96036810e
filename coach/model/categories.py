"""Parse the competency categories of the guide's section II.

The table of contents names them and their groups (Context Competencies; Core Competencies with
I. Alliance Capabilities, II. Specific Skills Development and Mastery, III. Corporate Capability for
Collaboration; Business and Industry Knowledge; Company-Specific Competencies). The body gives each a
description paragraph and "- " bullet lists.
"""

from __future__ import annotations

import re
from typing import TypedDict

from ..errors import CorpusError
from ..records import Category

_GROUP = re.compile(r"^[IVX]+\.? ")


class _Parsed(TypedDict):
    """A category while its lines are read: its description's lines, its groups (the first unnamed) and items."""

    description: list[str]
    groups: list[tuple[str, list[str]]]


def category_outline(toc: list[str], section_title: str, next_title: str) -> list[tuple[str, list[str]]]:
    """[(category, [group, ...]), ...] from the table-of-contents entries between two section titles."""
    try:
        start = next(i for i, entry in enumerate(toc) if entry.upper().endswith(section_title))
        end = next(i for i, entry in enumerate(toc) if i > start and entry.upper().endswith(next_title))
    except StopIteration:
        raise CorpusError("the guide's table of contents does not list the competency categories.") from None
    outline: list[tuple[str, list[str]]] = []
    for entry in toc[start + 1 : end]:
        if _GROUP.match(entry):
            if not outline:
                raise CorpusError(f"table-of-contents group {entry!r} comes before any category.")
            outline[-1][1].append(entry)
        else:
            outline.append((entry, []))
    return outline


def parse_categories(lines: tuple[str, ...] | list[str], outline: list[tuple[str, list[str]]]) -> list[Category]:
    names = {name for name, _ in outline}
    groups_of = {name: set(groups) for name, groups in outline}
    current: _Parsed | None = None
    current_name = ""
    parsed: dict[str, _Parsed] = {}
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if text in names:
            current = parsed.setdefault(text, {"description": [], "groups": [("", [])]})
            current_name = text
            continue
        if current is None:
            continue
        if text in groups_of[current_name]:
            current["groups"].append((text, []))
        elif text.startswith("- "):
            current["groups"][-1][1].append(text[2:].strip())
        elif not current["groups"][-1][1] and len(current["groups"]) == 1:
            current["description"].append(text)
    missing = names - set(parsed)
    if missing:
        raise CorpusError(f"competency categories named in the contents but not found: {', '.join(sorted(missing))}.")
    categories = []
    for name, _ in outline:
        data = parsed[name]
        groups = tuple((title, tuple(items)) for title, items in data["groups"] if items)
        if not groups:
            raise CorpusError(f"competency category {name!r} lists no competencies.")
        categories.append(Category(name, " ".join(data["description"]), groups))
    return categories
