"""The competency model as plain data (JSON) and as readable text, for `coach codes` and the app."""

from __future__ import annotations

from . import CompetencyModel


def model_as_dict(model: CompetencyModel) -> dict[str, object]:
    return {
        "sections": {area.code.section_numeral: area.section_name for area in model.areas},
        "areas": [
            {
                "code": str(area.code),
                "name": area.name,
                "section": area.section_name,
                "items": [
                    {
                        "code": str(item.code),
                        "statement": item.statement,
                        "group": item.group or None,
                        "flags": item.flags.labels(),
                        **item.flags.as_dict(),
                    }
                    for item in area.items
                ],
                "owners": [
                    {"role": r.role_id, "kind": r.kind, "responsibility": r.text}
                    for r in model.responsibilities_for(area.code)
                ],
            }
            for area in model.areas
        ],
        "roles": [
            {
                "id": role.id,
                "name": role.name,
                **{label.lower().replace(" ", "_"): value for label, value in role.facts().items()},
                "primary_responsibilities": [
                    {"text": r.text, "codes": [str(c) for c in r.codes]} for r in role.primary
                ],
                "secondary_responsibilities": [
                    {"text": r.text, "codes": [str(c) for c in r.codes]} for r in role.secondary
                ],
            }
            for role in model.roles
        ],
        "categories": [
            {
                "name": c.name,
                "description": c.description,
                "groups": [{"name": name or None, "competencies": list(items)} for name, items in c.groups],
            }
            for c in model.categories
        ],
    }


def model_as_text(model: CompetencyModel) -> str:
    lines = ["ASAP ALLIANCE COMPETENCIES MATRIX", ""]
    section = None
    for area in model.areas:
        if area.code.section != section:
            section = area.code.section
            lines += ["", f"{area.code.section_numeral}. {area.section_name}"]
        lines.append(f"  {area.code}  {area.name}")
        for item in area.items:
            flags = ", ".join(item.flags.labels()) or "-"
            lines.append(f"    {item.code!s:<9} {item.label}  [{flags}]")
    lines += ["", "JOB DESCRIPTIONS"]
    for role in model.roles:
        lines += ["", f"  {role.name} — {role.example_titles} — {role.certification}"]
        for label, value in role.facts().items():
            if label in ("Example titles", "Certification"):
                continue
            lines.append(f"    {label}: {' '.join(value.split())}")
        for kind, resps in (("Primary", role.primary), ("Secondary", role.secondary)):
            lines.append(f"    {kind} responsibilities:")
            for resp in resps:
                codes = f" ({', '.join(str(c) for c in resp.codes)})" if resp.codes else ""
                lines.append(f"      - {resp.text}{codes}")
    return "\n".join(lines)
