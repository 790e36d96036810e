"""The development plan, in one place for the app's plan tab, the `development_gaps` tool and the engine's
develop operation: the paths between roles and certifications, the target level's competencies and the areas
the target role owns. Rate yourself 0-3 on the target level's competencies, get the gaps by area (the areas the
target role owns first) with suggested actions, what the target job description adds — shown for every path,
even when the competency levels match —, coverage per area, and the plan as Markdown and CSV, dated.

Everything here is computed from the parsed matrix and job descriptions, and cites them: matrix codes
([II C], [II C.1]) or the job-description row ([asap-guide § Executive-level Alliance Manager: Experience
Required]). Pure: no Gradio, no files, no index.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .codes import Code
from .corpus import citation_key
from .model import CompetencyModel
from .records import Area, MatrixItem, Responsibility, ResponsibilityKind, Role

RATINGS = {0: "new to me", 1: "aware of it", 2: "can do it", 3: "could teach it"}
GAP_BELOW = 2  # a rating of 0 or 1 is a gap
# The job-description rows compared between the current and the target role, in the guide's order.
ROWS = (
    "Example titles",
    "Reporting Relationships",
    "Scope of Responsibilities",
    "Experience Required",
    "Education Requirements",
    "Certification Requirements",
)


@dataclass(frozen=True)
class Path:
    """A step up: from a role or certification (None: from nothing) to a role and its certification, or to a
    certification alone. `label` names the plan tab's paths; the develop operation reads paths from questions."""

    from_role: str | None
    to_role: str | None
    from_cert: str | None
    to_cert: str
    label: str = ""


# The plan tab's paths, by label.
PATHS = {
    path.label: path
    for path in (
        Path(None, None, "CA-AM", "CSAP", "CA-AM → CSAP"),
        Path(None, "mid", None, "CA-AM", "Starting out → Mid-level (CA-AM)"),
        Path("mid", "senior", "CA-AM", "CSAP", "Mid-level → Senior-level"),
        Path("mid", "executive", "CA-AM", "CSAP", "Mid-level → Executive-level"),
        Path("senior", "executive", "CSAP", "CSAP", "Senior-level → Executive-level"),
    )
}
DEFAULT_PATH = "CA-AM → CSAP"


def path_for_profile(role: str | None, certification: str | None) -> str:
    """The path a profile suggests: the next role up (a CSAP holder of no stated role: senior → executive)."""
    if role == "mid":
        return "Mid-level → Senior-level"
    if role == "senior" or (not role and certification == "CSAP"):
        return "Senior-level → Executive-level"
    return DEFAULT_PATH


def target_roles(model: CompetencyModel, path: Path) -> list[str]:
    """The target role, or every role that needs the target certification."""
    return [path.to_role] if path.to_role else [r.id for r in model.roles if r.certification == path.to_cert]


def centrality(model: CompetencyModel, path: Path) -> dict[Code, int]:
    """0 for areas a target role holds as a primary responsibility, 1 for secondary, 2 for the rest."""
    ranks: dict[Code, int] = {}
    for role_id in target_roles(model, path):
        for resp in model.role(role_id).responsibilities:
            for code in resp.codes:
                ranks[code] = min(ranks.get(code, 2), 0 if resp.kind == ResponsibilityKind.PRIMARY else 1)
    return ranks


def target_items(model: CompetencyModel, path: Path) -> list[MatrixItem]:
    """The target level's competencies, the target role's own areas first."""
    ranks = centrality(model, path)
    items = [item for item in model.items if item.flags.at(path.to_cert)]
    return sorted(items, key=lambda item: (ranks.get(item.code.area, 2), item.code))


def default_rating(item: MatrixItem, path: Path) -> int:
    """Competencies the current level already covers start at 2 ("can do it"), the others at 0."""
    return 2 if path.from_cert and item.flags.at(path.from_cert) else 0


def ratings_for(model: CompetencyModel, path: Path, rated: dict[str, int]) -> dict[str, int]:
    """Every target competency's rating: the person's own where given, else the default."""
    return {
        str(item.code): clamp(rated.get(str(item.code), default_rating(item, path)))
        for item in target_items(model, path)
    }


def clamp(value: Any) -> int:  # whatever the page sent
    """A rating as 0-3 (a value from outside the scale is read as the nearest end; anything else as 0)."""
    try:
        return max(0, min(3, int(value)))
    except (TypeError, ValueError):
        return 0


# --- what the target job description adds ------------------------------------------------------------------
@dataclass(frozen=True)
class JobChange:
    """One difference between the current and the target job description, with what it cites."""

    kind: str  # "new", "was secondary", "changes", "row", "not listed"
    text: str
    cites: tuple[str, ...]  # citation keys: "II C", or "asap-guide § <role>: <row>"
    was: str = ""


def responsibility_keys(model: CompetencyModel, role: Role, resp: Responsibility) -> tuple[str, ...]:
    """A responsibility is cited by the areas it names, or by its job-description row when it names none."""
    if resp.codes:
        return tuple(str(code) for code in resp.codes)
    return (citation_key(model.guide.id, f"{role.name}: {resp.kind.capitalize()} Responsibilities"),)


def row_key(model: CompetencyModel, role: Role, row: str) -> tuple[str, ...]:
    return (citation_key(model.guide.id, f"{role.name}: {row}"),)


def job_changes(model: CompetencyModel, path: Path) -> list[JobChange]:
    """What the target job description adds over the current one: primary responsibilities that are new, that
    were secondary, or that change for the same areas; rows (experience, scope, …) that differ; and what the
    target no longer lists. From no role, the whole target description; for a certificate path, the
    certification requirements of the roles that need it."""
    if path.to_role is None:
        return [
            JobChange(
                "row",
                f"{role.name} — Certification Requirements: {_flat(role.facts()['Certification Requirements'])}",
                row_key(model, role, "Certification Requirements"),
            )
            for role in model.roles
            if role.certification == path.to_cert
        ]
    target = model.role(path.to_role)
    current = model.role(path.from_role) if path.from_role else None
    changes: list[JobChange] = []
    for resp in target.primary:
        key = responsibility_keys(model, target, resp)
        if current is None:
            changes.append(JobChange("new", resp.text, key))
            continue
        same = [r for r in current.primary if resp.codes and set(resp.codes) & set(r.codes)]
        below = [r for r in current.secondary if resp.codes and set(resp.codes) <= set(r.codes)]
        if same:
            if all(_flat(r.text) != _flat(resp.text) for r in same):
                changes.append(JobChange("changes", resp.text, key, was="; ".join(r.text for r in same)))
        elif below:
            changes.append(JobChange("was secondary", resp.text, key, was="; ".join(r.text for r in below)))
        else:
            changes.append(JobChange("new", resp.text, key))
    for row in ROWS:
        now = _flat(target.facts()[row])
        if current is None or now != _flat(current.facts()[row]):
            changes.append(
                JobChange(
                    "row",
                    f"{row}: {now}",
                    row_key(model, target, row),
                    was=_flat(current.facts()[row]) if current else "",
                )
            )
    if current is not None:
        kept = {code for r in target.responsibilities for code in r.codes}
        for resp in current.primary:
            if resp.codes and not set(resp.codes) & kept:
                changes.append(JobChange("not listed", resp.text, responsibility_keys(model, current, resp)))
    return changes


def _flat(text: str) -> str:
    return " ".join(text.split())


JOB_HEADINGS = {
    "new": "New primary responsibilities",
    "was secondary": "Primary now, secondary in your current role",
    "changes": "The same areas, a different responsibility",
    "row": "What the job description asks",
    "not listed": "Primary in your current role, not listed for the target",
}


# --- the plan ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Action:
    text: str
    cites: tuple[str, ...]


@dataclass
class AreaGap:
    area: Area
    rank: int
    rated: list[tuple[MatrixItem, int]]
    gaps: list[tuple[MatrixItem, int]]
    owners: list[tuple[Role, Responsibility]]  # the target roles' responsibilities naming the area
    actions: list[Action] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        """Share of the area's target-level competencies rated 2 or 3."""
        return sum(1 for _, rating in self.rated if rating >= GAP_BELOW) / len(self.rated)

    @property
    def why(self) -> str:
        return {0: "primary responsibility of the target role", 1: "secondary responsibility"}.get(
            self.rank, "in the matrix"
        )


@dataclass
class Plan:
    path: Path
    date: str
    areas: list[AreaGap]
    job: list[JobChange]
    rated: int = 0
    gap_count: int = 0

    @property
    def coverage(self) -> list[tuple[str, float]]:
        return [(str(a.area.code), a.coverage) for a in self.areas]


def build_plan(model: CompetencyModel, path: Path, ratings: dict[str, int], date: str = "") -> Plan:
    """The plan for these ratings ({code: 0-3}; a competency not rated counts as its default)."""
    ranks = centrality(model, path)
    complete = ratings_for(model, path, ratings)
    by_area: dict[Code, list[tuple[MatrixItem, int]]] = {}
    for item in target_items(model, path):
        by_area.setdefault(item.code.area, []).append((item, complete[str(item.code)]))
    areas = []
    for code, rated in by_area.items():
        owners = [
            (model.role(resp.role_id), resp)
            for resp in model.responsibilities_for(code)
            if resp.role_id in target_roles(model, path)
        ]
        gap = AreaGap(
            model.known_area(code), ranks.get(code, 2), rated, [(i, r) for i, r in rated if r < GAP_BELOW], owners
        )
        gap.actions = actions(model, path, gap)
        areas.append(gap)
    areas.sort(key=lambda a: (a.rank, a.area.code))
    return Plan(
        path,
        date,
        areas,
        job_changes(model, path),
        rated=sum(len(a.rated) for a in areas),
        gap_count=sum(len(a.gaps) for a in areas),
    )


def actions(model: CompetencyModel, path: Path, area: AreaGap) -> list[Action]:
    """What to do about an area's gaps, each from a source: build the competencies rated below 2; get
    experience of what the target role owns there; prepare for the exam that tests them."""
    if not area.gaps:
        return []
    count = len(area.gaps)
    found = [
        Action(
            f"Develop the {count} competenc{'ies' if count > 1 else 'y'} rated below {GAP_BELOW} here",
            tuple(str(item.code) for item, _ in area.gaps),
        )
    ]
    for role, resp in area.owners[:2]:
        found.append(
            Action(
                f"Get experience of what the {role.name} owns here ({resp.kind}): “{resp.text}”",
                responsibility_keys(model, role, resp),
            )
        )
    found.append(
        Action(
            f"Prepare for the {path.to_cert} examination: the matrix flags "
            f"{'these ' + str(count) if count > 1 else 'this one'} for {path.to_cert}",
            (str(area.area.code),),
        )
    )
    return found


def _cites(keys: Iterable[str]) -> str:
    return " ".join(f"[{key}]" for key in keys)


def plan_markdown(plan: Plan, readiness: str = "") -> str:
    """The plan as a Markdown document: dated, the path, the gaps with their actions, what the target job
    description adds, coverage per area and, when given, the readiness check."""
    lines = [
        f"# Development plan: {plan.path.label}",
        "",
        f"Date: {plan.date} · Path: {plan.path.label} · Source: ASAP Alliance Management Professional "
        "Development Guide (competency matrix and job descriptions)",
        "",
        f"**{plan.gap_count} of {plan.rated}** competencies at the {plan.path.to_cert} level rated below "
        f"“{RATINGS[GAP_BELOW]}” ({GAP_BELOW}).",
        "",
        "## Gaps and suggested actions",
        "",
    ]
    if not plan.gap_count:
        lines += ["No competency gaps at this level: every one is rated 2 or 3.", ""]
    for area in plan.areas:
        if not area.gaps:
            continue
        lines.append(f"### {area.area.code} {area.area.name} — {area.why} ({area.coverage:.0%} covered)")
        lines += [f"- [{item.code}] {item.label} — you: {rating} ({RATINGS[rating]})" for item, rating in area.gaps]
        lines.append("")
        lines.append("Suggested actions:")
        lines += [f"{n}. {action.text} {_cites(action.cites)}" for n, action in enumerate(area.actions, start=1)]
        lines.append("")
    lines += [f"## What the target job description adds ({plan.path.label})", ""]
    lines += [_job_line(change) for change in plan.job] or ["- Nothing: the two job descriptions are the same."]
    lines += ["", "## Coverage per area", ""]
    lines += [
        f"- {area.area.code} {area.area.name}: {area.coverage:.0%} of {len(area.rated)} rated 2 or 3"
        for area in plan.areas
    ]
    if readiness:
        lines += ["", "## Program readiness check", "", readiness]
    return "\n".join(lines) + "\n"


def _job_line(change: JobChange) -> str:
    was = f" (today: {change.was})" if change.was else ""
    return f"- {JOB_HEADINGS[change.kind]}: {change.text}{was} {_cites(change.cites)}"


CSV_COLUMNS = [
    "date",
    "path",
    "kind",
    "area",
    "area_name",
    "centrality",
    "code",
    "text",
    "rating",
    "rating_meaning",
    "area_coverage",
    "suggested_actions",
    "source",
]


def plan_csv(plan: Plan, readiness: Sequence[tuple[str, bool, str]] = ()) -> str:
    """One row per gap (with its area's suggested actions), per job-description change and, when given,
    per readiness question (question, answered yes, the inferred related areas)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    base = [plan.date, plan.path.label]
    for area in plan.areas:
        todo = " | ".join(f"{action.text} {_cites(action.cites)}" for action in area.actions)
        for item, rating in area.gaps:
            writer.writerow(
                [
                    *base,
                    "competency gap",
                    str(area.area.code),
                    area.area.name,
                    area.why,
                    str(item.code),
                    item.label,
                    rating,
                    RATINGS[rating],
                    f"{area.coverage:.2f}",
                    todo,
                    "ASAP Alliance Competencies Matrix",
                ]
            )
    for change in plan.job:
        writer.writerow(
            [
                *base,
                f"job description: {change.kind}",
                "",
                "",
                "",
                "",
                change.text,
                "",
                "",
                "",
                "",
                " ".join(change.cites),
            ]
        )
    for question, yes, related in readiness:
        writer.writerow(
            [
                *base,
                "readiness",
                "",
                "",
                "",
                "",
                question,
                "yes" if yes else "no",
                "",
                "",
                related,
                "cant-get-no-respect § Can't Get No Respect!",
            ]
        )
    return buffer.getvalue()
