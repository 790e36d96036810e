"""What goes into the index: one Passage per matrix item, area, responsibility, job fact, category and
prose chunk. Pure functions of the model and the documents."""

from __future__ import annotations

from ..codes import format_codes
from ..corpus import article_passages
from ..model import CompetencyModel
from ..records import (
    Area,
    Category,
    Document,
    DocumentKind,
    MatrixItem,
    Passage,
    RecordKind,
    Responsibility,
    Role,
    area_id,
    category_id,
    fact_id,
    item_id,
)

# Job-description rows indexed as facts ("requirements"), keyed as in Role.facts().
FACT_FIELDS = {
    "Example titles": "titles",
    "Certification": "certification",
    "Position Description": "description",
    "Reporting Relationships": "reporting",
    "Scope of Responsibilities": "scope",
    "Experience Required": "experience",
    "Education Requirements": "education",
    "Certification Requirements": "certification-requirements",
}


def build_passages(model: CompetencyModel, documents: list[Document]) -> list[Passage]:
    passages: list[Passage] = []
    for area in model.areas:
        passages.append(area_passage(model, area))
        passages.extend(item_passage(model, item) for item in area.items)
    for role in model.roles:
        passages.extend(responsibility_passage(model, role, resp) for resp in role.responsibilities)
        passages.extend(fact_passages(model, role))
    passages.extend(
        category_passage(model, position, category) for position, category in enumerate(model.categories, start=1)
    )
    passages.extend(model.prose)
    for document in documents:
        if document.kind == DocumentKind.ARTICLE:
            passages.extend(article_passages(document))
    return passages


def item_passage(model: CompetencyModel, item: MatrixItem) -> Passage:
    area = model.known_area(item.code)
    return Passage(
        id=item_id(item.code),
        kind=RecordKind.ITEM,
        text=item.label,
        search_text=f"{item.label} ({area.name}, {item.code})",
        document=model.guide.id,
        heading=area.name,
        code=item.code,
        codes=(item.code.area,),
        flags=item.flags,
        title=f"{area.code} {area.name}",
        position=item.code.item or 0,
    )


def area_passage(model: CompetencyModel, area: Area) -> Passage:
    owners = model.responsibilities_for(area.code)
    owned = "; ".join(f"{model.role(r.role_id).name} ({r.kind}): {r.text}" for r in owners)
    statements = "; ".join(item.label for item in area.items)
    return Passage(
        id=area_id(area.code),
        kind=RecordKind.AREA,
        text=f"{area.name} ({len(area.items)} competencies)",
        search_text=f"{area.code} {area.name} ({area.section_name}). Competencies: {statements}. "
        f"Owned by: {owned or 'no job description names it'}.",
        document=model.guide.id,
        heading=area.section_name,
        code=area.code,
        codes=(area.code,),
        title=f"{area.code} {area.name}",
    )


def responsibility_passage(model: CompetencyModel, role: Role, resp: Responsibility) -> Passage:
    areas = ", ".join(f"{code} {model.known_area(code).name}" for code in resp.codes)
    codes = f" ({format_codes(resp.codes)})" if resp.codes else ""
    return Passage(
        id=resp.record_id,
        kind=RecordKind.RESPONSIBILITY,
        text=f"{resp.text}{codes}",
        search_text=(
            f"{role.name} ({role.example_titles}, {role.certification}) {resp.kind} responsibility: "
            f"{resp.text}. {areas}"
        ),
        document=model.guide.id,
        heading=f"{role.name}: {resp.kind.capitalize()} Responsibilities",
        codes=resp.codes,
        role=role.id,
        title=f"{role.name} — {resp.kind} responsibility",
        row=f"{resp.kind} responsibilities",
        position=resp.position,
    )


def fact_passages(model: CompetencyModel, role: Role) -> list[Passage]:
    passages = []
    for position, (label, value) in enumerate(role.facts().items(), start=1):
        passages.append(
            Passage(
                id=fact_id(role.id, FACT_FIELDS[label]),
                kind=RecordKind.REQUIREMENT,
                text=value,
                search_text=f"{role.name} ({role.example_titles}) — {label}: {value}",
                document=model.guide.id,
                heading=f"{role.name}: {label}",
                role=role.id,
                title=f"{role.name} — {label}",
                row=label,
                position=position,
            )
        )
    return passages


def category_passage(model: CompetencyModel, position: int, category: Category) -> Passage:
    listed = " ".join(f"{title + ': ' if title else ''}{', '.join(items)}." for title, items in category.groups)
    return Passage(
        id=category_id(position),
        kind=RecordKind.CATEGORY,
        text=f"{category.description} {listed}".strip(),
        search_text=f"Competency category {category.name}: {category.description} {listed}",
        document=model.guide.id,
        heading=category.name,
        title=category.name,
        position=position,
    )
