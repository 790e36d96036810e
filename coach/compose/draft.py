"""A draft answer: Markdown lines and the citations they use.

Every line that states something carries at least one `[key]`; `cite` registers the record behind a key
and returns the bracketed marker, so a key can never appear in the text without its Citation.
"""

from __future__ import annotations

import re

from ..codes import Code
from ..corpus import citation_key
from ..model import MATRIX_SOURCE, CompetencyModel
from ..records import Answer, Citation, Passage, RecordKind, Status
from ..results import Source
from ..summaries import flag_split

CITATION_MARK = re.compile(r"\[([^\[\]\n]{1,120})\]")


def passage_keys(passage: Passage) -> list[str]:
    """The citation keys a record is cited by: its matrix code(s), or `doc § heading`."""
    if passage.kind in (RecordKind.ITEM, RecordKind.AREA):
        return [str(passage.code)]
    if passage.kind == RecordKind.RESPONSIBILITY and passage.codes:
        return [str(code) for code in passage.codes]
    return [citation_key(passage.document, passage.heading)]


class Draft:
    def __init__(self, model: CompetencyModel, documents: dict[str, str], intent: str):
        self.model = model
        self.documents = documents  # id → title
        self.intent = intent
        self.lines: list[str] = []
        self._citations: dict[str, Citation] = {}

    # --- citing -------------------------------------------------------------------------------------------
    def cite(self, passage: Passage) -> str:
        """Register the record and return its inline marker(s), e.g. "[II C.1]" or "[I A] [II C]"."""
        keys = passage_keys(passage)
        for key in keys:
            self._register(key, passage)
        return " ".join(f"[{key}]" for key in keys)

    def cite_source(self, source: Source) -> str:
        """Cite a record (Passage) or a matrix code (Code)."""
        return self.cite(source) if isinstance(source, Passage) else self.cite_code(source)

    def cite_code(self, code: Code) -> str:
        """Cite a matrix area or item by its code alone."""
        key = str(code)
        if key not in self._citations:
            self._citations[key] = self._matrix_citation(key)
        return f"[{key}]"

    def _register(self, key: str, passage: Passage) -> None:
        if passage.kind in (RecordKind.ITEM, RecordKind.AREA) or (
            passage.kind == RecordKind.RESPONSIBILITY and passage.codes
        ):
            if key not in self._citations:
                self._citations[key] = self._matrix_citation(key)
            return
        existing = self._citations.get(key)
        if existing is None:
            self._citations[key] = Citation(
                key,
                passage.heading or self.documents.get(passage.document, ""),
                passage.text,
                self._source(passage),
                passage.kind,
            )
        elif passage.text not in existing.text:
            self._citations[key] = Citation(
                key, existing.title, f"{existing.text}\n{passage.text}", existing.source, existing.kind
            )

    def _matrix_citation(self, key: str) -> Citation:
        from ..codes import Code

        code = Code.parse(key)
        area = self.model.known_area(code)
        if code.is_item:
            item = self.model.known_item(code)
            levels, kinds = item.flags.levels(), item.flags.kinds()
            text = (
                f"{item.label} ({area.code} {area.name}). Expected at: {', '.join(levels) or 'neither exam'}"
                f"{' only' if len(levels) == 1 else ''}. Competency type: {', '.join(kinds) or 'none'}."
            )
            return Citation(
                key,
                item.label,
                text,
                f"{MATRIX_SOURCE} — {area.code} {area.name}",
                RecordKind.ITEM,
                tuple(item.flags.labels()),
            )
        owners = "; ".join(
            f"{self.model.role(r.role_id).name} ({r.kind}): {r.text}" for r in self.model.responsibilities_for(code)
        )
        items = "; ".join(f"{item.label} ({item.flags.exam})" for item in area.items)
        text = (
            f"{area.name} ({area.section_name}). {len(area.items)} items (competencies), {flag_split(area.items)}. "
            f"Items: {items}."
        )
        if owners:
            text += f" Job descriptions naming {code}: {owners}."
        return Citation(
            key,
            area.name,
            text,
            f"{MATRIX_SOURCE} — section {code.section_numeral} {area.section_name}",
            RecordKind.AREA,
        )

    def _source(self, passage: Passage) -> str:
        title = self.documents.get(passage.document, passage.document)
        if passage.kind in (RecordKind.REQUIREMENT, RecordKind.RESPONSIBILITY):
            return f"{title} — III. Alliance Management Job Descriptions"
        return title

    def citations(self) -> list[Citation]:
        return list(self._citations.values())

    # --- writing ------------------------------------------------------------------------------------------
    def line(self, text: str) -> None:
        self.lines.append(text)

    def gap(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def answer(self, status: Status = Status.ANSWER) -> Answer:
        text = "\n".join(self.lines).strip()
        used = [key for key in dict.fromkeys(CITATION_MARK.findall(text)) if key in self._citations]
        return Answer(text=text, citations=[self._citations[key] for key in used], intent=self.intent, status=status)
