"""Citable summaries the matrix implies but does not print: the whole matrix and each of its sections, with
their counts and how their items split by exam level. Computed from the parsed model, they let an answer
that counts ("section III has 12 items") cite a source that states exactly that, checkable in the matrix."""

from __future__ import annotations

from .codes import Code
from .model import MATRIX_SOURCE, CompetencyModel
from .model.guide import sections as guide_sections
from .records import COMPETENCY_TYPES, EXAM_LEVELS, Passage, RecordKind, exam_split


def flag_split(items) -> str:
    """ "expected at CA-AM 10, at CSAP 10; flagged for both exams 10, CSAP only 0, CA-AM only 0, neither exam 1;
    by competency type Industry 1, Context 3, Core 8, Company 2" (an item may be of several types)."""
    items = list(items)
    split = exam_split(items)
    at = ", ".join(f"at {level} {sum(item.flags.at(level) for item in items)}" for level in EXAM_LEVELS)
    kinds = ", ".join(f"{kind} {sum(kind in item.flags.kinds() for item in items)}" for kind in COMPETENCY_TYPES)
    return (
        f"expected {at}; flagged for both exams {split['both']}, CSAP only {split['CSAP only']}, CA-AM only "
        f"{split['CA-AM only']}, neither exam {split['neither']}; by competency type {kinds}"
    )


def summaries(model: CompetencyModel) -> dict[str, Passage]:
    """ "matrix" and "section 1", "section 2" … → a citable record each."""
    part = guide_sections(model.guide)["matrix"]
    heading = f"{part.numeral}. {part.name}"
    found = {
        "matrix": _record(
            "matrix",
            heading,
            f"{MATRIX_SOURCE}: {len(model.items)} items (competencies) in "
            f"{len(model.areas)} areas ({_sections_text(model)}), {flag_split(model.items)}.",
            model,
        )
    }
    for number, name in model.section_names.items():
        areas = [area for area in model.areas if area.code.section == number]
        items = [item for area in areas for item in area.items]
        numeral = Code(number, "A").section_numeral
        per_area = "; ".join(f"{area.code} {area.name}: {len(area.items)} items" for area in areas)
        text = (
            f"Section {numeral} {name}: {len(items)} items (competencies) in {len(areas)} areas "
            f"({per_area}), {flag_split(items)}."
        )
        found[f"section {number}"] = _record(f"section-{number}", f"{heading} — {numeral}. {name}", text, model)
    return found


def _sections_text(model: CompetencyModel) -> str:
    parts = []
    for number, name in model.section_names.items():
        areas = [a for a in model.areas if a.code.section == number]
        parts.append(
            f"section {Code(number, 'A').section_numeral} {name}: {len(areas)} areas, "
            f"{sum(len(a.items) for a in areas)} items"
        )
    return "; ".join(parts)


def _record(record_id: str, heading: str, text: str, model: CompetencyModel) -> Passage:
    return Passage(
        id=record_id,
        kind=RecordKind.SUMMARY,
        text=text,
        search_text=text,
        document=model.guide.id,
        heading=heading,
        title=heading,
    )
