"""The matrix explorer's data: the whole matrix as rows, its filters, an area's detail, the job descriptions."""

from __future__ import annotations

from ..codes import Code
from ..model import CompetencyModel
from ..records import MatrixItem

COLUMNS = ["Code", "Area", "Competency", "CA-AM", "CSAP", "Industry", "Context", "Core", "Company"]
LEVELS = ["All levels", "CA-AM", "CSAP", "CSAP only", "CA-AM only", "Neither exam"]
TYPES = ["Industry", "Context", "Core", "Company"]
SECTIONS = ["All sections", "I", "II", "III"]
ALL_AREAS = "All areas"


def area_choices(model: CompetencyModel) -> list[str]:
    return [ALL_AREAS] + [f"{area.code} {area.name}" for area in model.areas]


def area_code(choice: str | None) -> Code | None:
    """"II C Alliance Governance" → II C; "All areas" or nothing → None."""
    if not choice or choice == ALL_AREAS:
        return None
    return Code.parse(" ".join(choice.split()[:2]))


def _mark(on: bool) -> str:
    return "✓" if on else ""


def row(item: MatrixItem) -> list[str]:
    flags = item.flags
    return [str(item.code), f"{item.code.area} {item.area_name}", item.label, _mark(flags.ca_am), _mark(flags.csap),
            _mark(flags.industry), _mark(flags.context), _mark(flags.core), _mark(flags.company)]


def _level_matches(item: MatrixItem, level: str) -> bool:
    flags = item.flags
    return {
        "CA-AM": flags.ca_am, "CSAP": flags.csap, "CSAP only": flags.csap and not flags.ca_am,
        "CA-AM only": flags.ca_am and not flags.csap, "Neither exam": not (flags.ca_am or flags.csap),
    }.get(level, True)


def filter_rows(model: CompetencyModel, text: str = "", section: str = SECTIONS[0], area: str = ALL_AREAS,
                level: str = LEVELS[0], types: list[str] | None = None) -> list[list[str]]:
    words = [w for w in (text or "").lower().split() if w]
    wanted_area = area_code(area)
    rows = []
    for item in model.items:
        if section in ("I", "II", "III") and item.code.section_numeral != section:
            continue
        if wanted_area is not None and item.code.area != wanted_area:
            continue
        if not _level_matches(item, level):
            continue
        if types and not all(getattr(item.flags, t.lower()) for t in types):
            continue
        haystack = f"{item.code} {item.label} {item.area_name}".lower()
        if words and not all(word in haystack for word in words):
            continue
        rows.append(row(item))
    return rows


def area_detail(model: CompetencyModel, area: str) -> str:
    code = area_code(area)
    if code is None:
        return "Choose an area to see its competencies and which roles own it."
    found = model.area(code)
    lines = [f"### {found.code} {found.name}", f"*{found.section_name}* · {len(found.items)} competencies", ""]
    owners = model.responsibilities_for(code)
    lines.append("**Owned in the job descriptions**" if owners else "**No job description names this area.**")
    for resp in owners:
        lines.append(f"- {model.role(resp.role_id).name} — *{resp.kind}*: {resp.text} "
                     f"({', '.join(str(c) for c in resp.codes)})")
    lines += ["", "**Competencies**"]
    for item in found.items:
        lines.append(f"- **{item.code}** {item.label} — {', '.join(item.flags.labels()) or 'no flags'}")
    return "\n".join(lines)


def role_markdown(model: CompetencyModel, role_id: str) -> str:
    role = model.role(role_id)
    lines = [f"### {role.name}", f"**Example titles:** {role.example_titles}  ", f"**Certification:** {role.certification}",
             "", "**Position description**"]
    lines += [line if line.startswith("- ") else line for line in role.position_description]
    lines += ["", f"**Reporting:** {role.reporting}", "", f"**Scope:** {role.scope}", "", "**Primary responsibilities**"]
    for resp in role.primary:
        codes = f" — **{', '.join(str(c) for c in resp.codes)}**" if resp.codes else ""
        lines.append(f"- {resp.text}{codes}")
    lines += ["", "**Secondary responsibilities**"]
    for resp in role.secondary:
        codes = f" — **{', '.join(str(c) for c in resp.codes)}**" if resp.codes else ""
        lines.append(f"- {resp.text}{codes}")
    lines += ["", "**Experience**"] + [f"- {line}" for line in role.experience]
    lines += ["", f"**Education:** {role.education}", "", f"**Certification requirements:** {role.certification_requirements}"]
    return "\n".join(lines)
