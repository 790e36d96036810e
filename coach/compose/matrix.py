"""Answers about the matrix and the guide's structure: an area, an item, the lifecycle, the competency
categories, a certification level."""

from __future__ import annotations

from ..codes import Code
from ..records import Passage, area_id, item_id
from .draft import Draft, by_id, flag_note, present, quote, retrieved
from .roles import owner_bullets, role_label

MAX_AREAS = 3
LIFECYCLE_AREA = Code.parse("I B")  # the matrix's own area for the alliance life cycle


def number_word(n: int) -> str:
    words = "zero one two three four five six seven eight nine ten eleven twelve".split()
    return words[n] if n < len(words) else str(n)


def area(draft: Draft, areas: tuple[Code, ...], records: list[Passage], certification: str | None = None) -> None:
    found = by_id(records)
    for code in areas[:MAX_AREAS]:
        record = found.get(area_id(code))
        if record is None:
            continue
        model_area = draft.model.area(code)
        items = present(found, (item_id(i.code) for i in model_area.items))
        if certification:
            items = [p for p in items if p.flags.at(certification)]
        scope = f" at the {certification} level" if certification else ""
        draft.line(f"**{code} {model_area.name}** ({model_area.section_name}) lists {len(items)} "
                   f"competencies{scope} in the ASAP matrix {draft.cite(record)}:")
        for passage in items:
            draft.bullet(f"{passage.text} {draft.cite(passage)} {flag_note(passage.flags)}")
        _owners(draft, code, found)
        draft.gap()


def _owners(draft: Draft, code: Code, found: dict[str, Passage]) -> None:
    owners = retrieved(draft.model.responsibilities_for(code), found)
    if not owners:
        return
    draft.gap()
    area_record = found[area_id(code)]
    draft.line(f"Who owns {code} in the guide's job descriptions {draft.cite(area_record)}:")
    owner_bullets(draft, owners, "{Role}")


def item(draft: Draft, items: tuple[Code, ...], records: list[Passage]) -> None:
    found = by_id(records)
    for code in items[:6]:
        passage = found.get(item_id(code))
        if passage is None:
            continue
        model_item = draft.model.item(code)
        model_area = draft.model.area(code)
        group = f" (under “{model_item.group}”)" if model_item.group else ""
        draft.line(f"**{code}** is {quote(passage.text)}{group}, a competency of {model_area.code} {model_area.name} "
                   f"{flag_note(passage.flags)} {draft.cite(passage)}.")
        if area_id(code.area) in found:
            _owners(draft, code.area, found)
        draft.gap()


def sections(draft: Draft, numbers: tuple[int, ...], records: list[Passage]) -> None:
    """A matrix section as a whole: its areas, each cited, with how many competencies it lists."""
    found = by_id(records)
    for number in numbers:
        areas = [(area, found[area_id(area.code)]) for area in draft.model.areas
                 if area.code.section == number and area_id(area.code) in found]
        if not areas:
            continue
        first = areas[0][1]
        draft.line(f"Section {first.code.section_numeral} of the ASAP matrix, **{draft.model.section_name(number)}**, "
                   f"has {number_word(len(areas))} areas {draft.cite(first)}:")
        for area, record in areas:
            draft.bullet(f"**{area.code} {area.name}** — {len(area.items)} competencies {draft.cite(record)}")
        draft.gap()


def lifecycle(draft: Draft, records: list[Passage]) -> None:
    steps = [p for p in records if p.kind == "passage" and p.lead_in and "lifecycle" in
             p.lead_in.lower().replace("life cycle", "lifecycle")]
    if steps:
        title = draft.documents.get(steps[0].document, steps[0].document)
        draft.line(f"The article {quote(title)} describes {number_word(len(steps))} activities that follow the alliance "
                   f"lifecycle {draft.cite_heading_text(steps[0], steps[0].lead_in)}:")
        for number, passage in enumerate(steps, start=1):
            description = passage.text[len(passage.heading):].strip() if passage.text.startswith(passage.heading) \
                else passage.text
            draft.line(f"{number}. **{passage.heading}** — {description} {draft.cite(passage)}")
        draft.gap()
    found = by_id(records)
    record = found.get(area_id(LIFECYCLE_AREA))
    if record is not None:
        model_area = draft.model.area(record.code)
        draft.line(f"In the guide's matrix the lifecycle is **{record.code} {model_area.name}** {draft.cite(record)}:")
        for model_item in model_area.items:
            passage = found.get(item_id(model_item.code))
            if passage:
                draft.bullet(f"{passage.text} {draft.cite(passage)} {flag_note(passage.flags, show_types=False)}")
        _owners(draft, record.code, found)


def categories(draft: Draft, records: list[Passage]) -> None:
    found = [p for p in records if p.kind == "category"]
    intro = next((p for p in records if p.kind == "passage" and p.document == draft.model.guide.id
                  and p.heading.startswith("II.")), None)
    lead = f" {draft.cite(intro)}" if intro else ""
    draft.line(f"The guide sorts the skills of a strategic alliance manager into {number_word(len(found))} competency "
               f"categories{lead}:")
    model_categories = {c.name: c for c in draft.model.categories}
    for passage in found:
        category = model_categories[passage.heading]
        groups = "; ".join(f"{title + ': ' if title else ''}{', '.join(items)}" for title, items in category.groups)
        draft.bullet(f"**{category.name}** — {category.description.rstrip(':').rstrip()} — {groups}. "
                     f"{draft.cite(passage)}")


def certification(draft: Draft, cert: str | None, records: list[Passage], summary: Passage | None) -> None:
    facts = [p for p in records if p.kind == "requirement" and p.row == "Certification Requirements"]
    if summary is not None:
        draft.line(f"{summary.text} {draft.cite(summary)}")
    for passage in facts:
        role = draft.model.role(passage.role)
        draft.bullet(f"{role_label(role).capitalize()} ({role.example_titles}): {passage.text} {draft.cite(passage)}")
