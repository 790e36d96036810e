"""The guide's layout: its table of contents, its top-level sections, and the prose between the tables.

Everything here is read from the text: the section titles from their all-capital heading lines, the
sub-headings from the table of contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import CorpusError
from ..records import Document, Passage, RecordKind

_TOP_HEADING = re.compile(r"^(?P<numeral>[IVX]+)\. (?P<title>[A-Z][A-Z ,&'\-]+)$")
_SMALL = {"of", "and", "the", "for", "to", "in"}
_TOC_LINE = re.compile(r"^(?P<title>[^\t]+?)\.*\t(?P<page>\d+)$")


@dataclass(frozen=True)
class Section:
    numeral: str
    title: str  # as printed: "ALLIANCE MANAGEMENT JOB DESCRIPTIONS"
    lines: tuple[str, ...]

    @property
    def name(self) -> str:
        """The title in title case: "Competencies of Strategic Alliance Managers"."""
        words = self.title.split()
        cased = [
            w if w == "ASAP" else (w.lower() if i and w.lower() in _SMALL else w.capitalize())
            for i, w in enumerate(words)
        ]
        return " ".join(cased)


def sections(guide: Document) -> dict[str, Section]:
    """Top-level sections keyed by a lower-case word of their title ("summary", "competencies", "job", "matrix")."""
    found: list[tuple[str, str, list[str]]] = []
    for line in guide.text.splitlines():
        match = _TOP_HEADING.match(line)
        if match:
            found.append((match["numeral"], match["title"], []))
        elif found:
            found[-1][2].append(line)
    keyed = {}
    for numeral, title, lines in found:
        key = _section_key(title)
        if key:
            keyed[key] = Section(numeral, title, tuple(lines))
    for key in ("summary", "competencies", "job", "matrix"):
        if key not in keyed:
            raise CorpusError(
                f"the guide has no {key!r} section heading (e.g. 'III. ALLIANCE MANAGEMENT JOB DESCRIPTIONS')."
            )
    return keyed


def _section_key(title: str) -> str:
    lowered = title.lower()
    for key, word in (
        ("summary", "summary"),
        ("competencies", "competencies of"),
        ("job", "job descriptions"),
        ("matrix", "matrix"),
        ("acknowledgements", "acknowledgement"),
    ):
        if word in lowered:
            return key
    return ""


def table_of_contents(guide: Document) -> list[str]:
    """Entry titles of the table of contents, in order, without leaders or page numbers."""
    entries: list[str] = []
    for line in guide.text.splitlines():
        if _TOP_HEADING.match(line) and entries:
            break
        match = _TOC_LINE.match(line)
        if match:
            entries.append(match["title"].rstrip(". "))
    return entries


def prose_passages(guide: Document, headings: set[str]) -> list[Passage]:
    """Paragraphs of the guide outside its tables and lists: the executive summary, the category
    descriptions, the job-description preamble and the acknowledgements.

    `headings` are the sub-headings (from the table of contents) under which a paragraph is filed.
    """
    passages: list[Passage] = []
    for key, section in sections(guide).items():
        if key == "matrix":
            continue
        heading = f"{section.numeral}. {section.name}"
        pending_label = ""
        for line in section.lines:
            text = line.strip()
            if not text or "\t" in line:
                continue
            if text in headings:
                heading = text
                continue
            label = re.fullmatch(r"- \*\*(.+)\*\*", text)
            if label:  # "- **Sample job descriptions**" labels the paragraph that follows
                pending_label = label[1]
                continue
            if key == "competencies" and (text.startswith("- ") or re.fullmatch(r"[IVX]+\. .+", text)):
                continue  # competency lists and group titles are parsed into Category records
            text = text[2:].replace("**", "") if text.startswith("- ") else text
            body = f"{pending_label}: {text}" if pending_label else text
            pending_label = ""
            passages.append(
                Passage(
                    id=f"{guide.id}#{key}-{len(passages) + 1}",
                    kind=RecordKind.PASSAGE,
                    text=body,
                    search_text=f"{guide.title} — {heading}: {body}",
                    document=guide.id,
                    heading=heading,
                    title=guide.title,
                    position=len(passages) + 1,
                )
            )
    return passages
