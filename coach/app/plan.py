"""The development plan: rate yourself on the target level's competencies, get the gaps by area (the areas
the target role owns first), the guide's requirements, coverage per area, and the plan as Markdown/CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from ..codes import Code
from ..model import CompetencyModel
from ..records import Area, MatrixItem

RATINGS = {0: "new to me", 1: "aware of it", 2: "can do it", 3: "could teach it"}
GAP_BELOW = 2  # a rating of 0 or 1 is a gap


@dataclass(frozen=True)
class Path:
    label: str
    from_role: str | None
    to_role: str | None
    from_cert: str | None
    to_cert: str


PATHS = {
    "CA-AM → CSAP": Path("CA-AM → CSAP", None, None, "CA-AM", "CSAP"),
    "Mid-level → Senior-level": Path("Mid-level → Senior-level", "mid", "senior", "CA-AM", "CSAP"),
    "Mid-level → Executive-level": Path("Mid-level → Executive-level", "mid", "executive", "CA-AM", "CSAP"),
    "Senior-level → Executive-level": Path("Senior-level → Executive-level", "senior", "executive", "CSAP", "CSAP"),
}


def target_roles(model: CompetencyModel, path: Path) -> list[str]:
    return [path.to_role] if path.to_role else [r.id for r in model.roles if r.certification == path.to_cert]


def centrality(model: CompetencyModel, path: Path) -> dict[Code, int]:
    """0 for areas a target role holds as a primary responsibility, 1 for secondary, 2 for the rest."""
    ranks: dict[Code, int] = {}
    for role_id in target_roles(model, path):
        for resp in model.role(role_id).responsibilities:
            for code in resp.codes:
                ranks[code] = min(ranks.get(code, 2), 0 if resp.kind == "primary" else 1)
    return ranks


def target_items(model: CompetencyModel, path: Path) -> list[MatrixItem]:
    """The target level's competencies, the target role's own areas first."""
    ranks = centrality(model, path)
    items = [item for item in model.items if item.flags.at(path.to_cert)]
    return sorted(items, key=lambda item: (ranks.get(item.code.area, 2), item.code))


def rating_rows(model: CompetencyModel, path: Path) -> list[list]:
    """Rows for the self-assessment table; items the current level already covers start at 2."""
    return [[str(item.code), f"{item.code.area} {item.area_name}", item.label,
             "yes" if item.flags.at(path.from_cert) else "", 2 if item.flags.at(path.from_cert) else 0]
            for item in target_items(model, path)]


@dataclass
class AreaGap:
    area: Area
    rank: int
    gaps: list[tuple[MatrixItem, int]]
    coverage: float  # share of the area's target-level items rated 2 or 3

    @property
    def why(self) -> str:
        return {0: "primary responsibility of the target role", 1: "secondary responsibility"}.get(self.rank,
                                                                                                  "in the matrix")


@dataclass
class Plan:
    path: Path
    areas: list[AreaGap]
    requirements: list[tuple[str, str, str]]  # (role name, label, text)
    rated: int = 0
    gap_count: int = 0
    coverage: list[tuple[str, float]] = field(default_factory=list)


def build_plan(model: CompetencyModel, path: Path, ratings: dict[str, int]) -> Plan:
    ranks = centrality(model, path)
    by_area: dict[Code, list[tuple[MatrixItem, int]]] = {}
    for item in target_items(model, path):
        rating = _clamp(ratings.get(str(item.code), 0))
        by_area.setdefault(item.code.area, []).append((item, rating))
    areas = []
    for code, rated in by_area.items():
        gaps = [(item, rating) for item, rating in rated if rating < GAP_BELOW]
        coverage = sum(1 for _, rating in rated if rating >= GAP_BELOW) / len(rated)
        areas.append(AreaGap(model.area(code), ranks.get(code, 2), gaps, coverage))
    areas.sort(key=lambda a: (a.rank, a.area.code))
    requirements = []
    for role_id in target_roles(model, path):
        role = model.role(role_id)
        for label in ("Experience Required", "Certification Requirements", "Education Requirements"):
            requirements.append((role.name, label, " ".join(role.facts()[label].split())))
    return Plan(path, areas, requirements, rated=sum(len(v) for v in by_area.values()),
                gap_count=sum(len(a.gaps) for a in areas),
                coverage=[(str(a.area.code), a.coverage) for a in areas])


def _clamp(value) -> int:
    try:
        return max(0, min(3, int(float(value))))
    except (TypeError, ValueError):
        return 0


def plan_markdown(plan: Plan) -> str:
    lines = [f"# Development plan: {plan.path.label}", "",
             f"{plan.gap_count} of {plan.rated} competencies at the {plan.path.to_cert} level rated below "
             f"“{RATINGS[GAP_BELOW]}”. Source: ASAP Alliance Competencies Matrix and job descriptions.", ""]
    for area in plan.areas:
        if not area.gaps:
            continue
        lines.append(f"## {area.area.code} {area.area.name} — {area.why} ({area.coverage:.0%} covered)")
        for item, rating in area.gaps:
            lines.append(f"- [{item.code}] {item.label} — you: {rating} ({RATINGS[rating]})")
        lines.append("")
    lines.append("## What the guide asks of the target role")
    for role, label, text in plan.requirements:
        lines.append(f"- {role} — {label}: {text}")
    return "\n".join(lines) + "\n"


def plan_csv(plan: Plan) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["area", "area_name", "centrality", "code", "competency", "rating", "rating_meaning", "area_coverage"])
    for area in plan.areas:
        for item, rating in area.gaps:
            writer.writerow([str(area.area.code), area.area.name, area.why, str(item.code), item.label, rating,
                             RATINGS[rating], f"{area.coverage:.2f}"])
    return buffer.getvalue()


def plan_view(plan: Plan) -> str:
    """The plan as shown in the page (Markdown, codes in brackets)."""
    if not plan.gap_count:
        return (f"**No gaps:** every {plan.path.to_cert}-level competency is rated “{RATINGS[GAP_BELOW]}” or "
                "better.\n\n" + _requirements_md(plan))
    lines = [f"**{plan.gap_count} gaps** of {plan.rated} {plan.path.to_cert}-level competencies, by area — "
             "the target role's own areas first.", ""]
    for area in plan.areas:
        if area.gaps:
            listed = "; ".join(f"{item.label} [{item.code}]" for item, _ in area.gaps)
            lines.append(f"- **{area.area.code} {area.area.name}** · {area.why} · {area.coverage:.0%} covered: {listed}")
    return "\n".join(lines) + "\n\n" + _requirements_md(plan)


def _requirements_md(plan: Plan) -> str:
    lines = ["**What the guide asks of the target role**"]
    lines += [f"- {role} — {label}: {text}" for role, label, text in plan.requirements]
    return "\n".join(lines)
