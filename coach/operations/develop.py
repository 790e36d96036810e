"""What to develop to move from one role or certification to the next: the competencies the matrix expects at
the target level and not at the current one (the target role's own areas first, capped with "show all"),
and what the target job description adds (responsibilities, experience, certification). Computed from the
parsed matrix and job descriptions."""

from __future__ import annotations

from ..codes import Code
from ..development import Path, centrality
from ..index.records import FACT_FIELDS
from ..query import Query
from ..records import MatrixItem
from ..results import Point, Result
from .workspace import Workspace, plural, quote

AREAS_SHOWN = 3  # areas of the gap shown before "show all"


def path(query: Query, ws: Workspace) -> Path:
    """Who develops from where to where: two roles; one role (the target when the question says "become a
    director", else where they are now); certifications; CA-AM → CSAP when nothing says otherwise."""
    order = [role.id for role in ws.roles()]
    roles = list(query.subjects.roles)
    certs = list(query.subjects.certifications)
    cert_of = {role.id: role.certification for role in ws.roles()}
    from_role = to_role = None
    if len(roles) >= 2:
        from_role, to_role = sorted(roles[:2], key=order.index)
    elif roles:
        if "profile:roles" not in query.inherited and query.wording.names_target:
            to_role = roles[0]
            below = order.index(to_role) - 1
            from_role = order[below] if below >= 0 else None
        else:
            from_role = roles[0]
            to_role = order[min(order.index(from_role) + 1, len(order) - 1)]
    if to_role:
        return Path(
            from_role, to_role, cert_of.get(from_role) if from_role else (certs[0] if certs else None), cert_of[to_role]
        )
    levels = [r.certification for r in ws.roles()]
    ladder = list(dict.fromkeys(levels))  # CA-AM, CSAP: in the order of the roles that need them
    if len(certs) >= 2:
        first, second = sorted(certs[:2], key=ladder.index)
        return Path(None, None, first, second)
    if certs and query.wording.prepares and certs[0] == ladder[0]:
        return Path(None, None, None, certs[0])  # the first certificate, from nothing
    return Path(None, None, ladder[0], ladder[-1])


def develop(query: Query, ws: Workspace) -> Result:
    route = path(query, ws)
    gap = [
        item
        for item in ws.model.items
        if item.flags.at(route.to_cert) and not (route.from_cert and item.flags.at(route.from_cert))
    ]
    if query.subjects.areas:
        gap = [item for item in gap if item.code.area in query.subjects.areas]
    result = Result()
    start = _label(ws, route.from_role, route.from_cert)
    goal = _label(ws, route.to_role, route.to_cert)
    result.notes.append(f"Path: {start} → {goal}")
    holders = [role for role in ws.roles() if role.certification == route.to_cert]
    cert_rows = tuple(ws.fact_record(role.id, "certification") for role in holders)
    if route.from_cert == route.to_cert:
        both = tuple(ws.fact_record(r, "certification") for r in (route.from_role, route.to_role) if r)
        result.lead.append(Point(f"The guide sets {route.to_cert} for both the {start} and the {goal}", both))
        result.lead.append(Point("So the matrix adds no new competencies; the step up is in the job description:", ()))
    else:
        if route.from_role:
            result.lead.append(
                Point(
                    f"The guide sets {route.from_cert} for the {start} and {route.to_cert} for the {goal}",
                    tuple(ws.fact_record(r, "certification") for r in (route.from_role, route.to_role) if r),
                )
            )
        else:
            result.lead.append(
                Point(
                    f"The guide sets {route.to_cert} for the {' and '.join(ws.role_label(r.id) for r in holders)}",
                    cert_rows,
                )
            )
        levels = f"at {route.to_cert} but not at {route.from_cert}" if route.from_cert else f"at {route.to_cert}"
        where = query.subjects.areas
        result.lead.append(
            Point(
                f"The matrix expects **{plural(len(gap), 'competency', 'competencies')}**"
                f"{' in ' + ', '.join(str(a) for a in where) if where else ''} {levels}",
                tuple(where) or (ws.matrix_record,),
            )
        )
        _gap_by_area(query, ws, route, gap, result)
    if route.to_role:
        _what_the_job_adds(query, ws, route, result)
    else:
        result.add(
            f"What the guide asks of {route.to_cert} holders",
            [
                Point(
                    f"{ws.role_label(role.id).capitalize()}: {' '.join(role.facts()['Certification Requirements'].split())}",
                    (ws.fact_record(role.id, "certification-requirements"),),
                )
                for role in holders
            ],
        )
    return result


def _label(ws: Workspace, role_id: str | None, cert: str | None) -> str:
    if role_id:
        return ws.role_label(role_id)
    return cert or "no certificate"


def _gap_by_area(query: Query, ws: Workspace, route: Path, gap: list[MatrixItem], result: Result) -> None:
    ranks = centrality(ws.model, route)
    sizes: dict[Code, int] = {}
    for item in gap:
        sizes[item.code.area] = sizes.get(item.code.area, 0) + 1
    order = sorted(sizes, key=lambda code: (ranks.get(code, 2), -sizes[code], code))
    notes = {
        code: {0: " — a primary responsibility of the target role", 1: " — a secondary responsibility"}.get(
            ranks.get(code, 2), ""
        )
        for code in order
    }
    ws.items_by_area(gap, result, order, full=len(order) if query.show_all else AREAS_SHOWN, notes=notes)


def _what_the_job_adds(query: Query, ws: Workspace, route: Path, result: Result) -> None:
    if route.to_role is None:
        return
    target = ws.model.role(route.to_role)
    current = ws.model.role(route.from_role) if route.from_role else None
    owned_now = {code for r in current.responsibilities for code in r.codes} if current else set()
    new = [r for r in target.primary if not set(r.codes) <= owned_now or not r.codes]
    grows = [r for r in target.primary if r not in new]
    if new:
        result.add(
            f"Primary responsibilities of the {ws.role_label(target.id)} that are new at this level",
            [Point(quote(r.text), (ws.responsibility_record(r),)) for r in new],
        )
    if grows and current is not None:
        result.add(
            f"Primary responsibilities that grow from what the {ws.role_label(current.id)} holds today",
            [Point(quote(r.text), (ws.responsibility_record(r),)) for r in grows],
        )
    rows = ("Experience Required", "Scope of Responsibilities", "Certification Requirements")
    result.add(
        f"What the {ws.role_label(target.id)} job description asks",
        [
            Point(f"{row}: {' '.join(target.facts()[row].split())}", (ws.fact_record(target.id, FACT_FIELDS[row]),))
            for row in rows
        ],
    )
