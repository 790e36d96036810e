"""Answers about the three roles: what a role owns in an area, a role's overview, job facts, and the
development gap between levels."""

from __future__ import annotations

from ..codes import Code, format_codes
from ..records import Passage, Responsibility, Role, area_id, fact_id, item_id
from .draft import Draft, by_id, flag_note, present, quote, retrieved

MAX_AREAS = 3


def role_label(role: Role) -> str:
    """"senior-level alliance manager": the role's name as it reads inside a sentence."""
    return role.name.lower()


def owner_bullets(draft: Draft, owners: list[tuple[Responsibility, Passage]], lead: str) -> None:
    """A bullet per retrieved responsibility: `lead` naming its role ({role}, or {Role} to start a sentence),
    then "(primary): “…” [code]"."""
    for resp, passage in owners:
        label = role_label(draft.model.role(resp.role_id))
        who = lead.format(role=label, Role=label[:1].upper() + label[1:])
        draft.bullet(f"{who} ({resp.kind}): {quote(resp.text)} {draft.cite(passage)}")


def a_or_an(phrase: str) -> str:
    return f"{'an' if phrase[:1].lower() in 'aeiou' else 'a'} {phrase}"


def role_in_area(draft: Draft, roles: tuple[str, ...], areas: tuple[Code, ...], records: list[Passage]) -> None:
    found = by_id(records)
    for area_code in areas[:MAX_AREAS]:
        area = found.get(area_id(area_code))
        if area is None:
            continue
        for role_id in roles:
            _one_role_in_area(draft, draft.model.role(role_id), area, found)
            draft.gap()


def _one_role_in_area(draft: Draft, role: Role, area: Passage, found: dict[str, Passage]) -> None:
    model = draft.model
    area_model = model.area(area.code)
    own = retrieved(model.responsibilities_for(area.code, role.id), found)
    label = role_label(role)
    draft.line(f"As {a_or_an(label).split()[0]} **{label}** ({role.example_titles}, {role.certification}), "
               f"here is what the guide "
               f"expects of you in **{area.code} {area_model.name}** {draft.cite(area)}:")
    for resp, passage in own:
        draft.bullet(f"{resp.kind.capitalize()} responsibility: {quote(resp.text)} {draft.cite(passage)}")
    if not own:
        draft.bullet(f"The {role_label(role)} job description names no responsibility in {area.code} "
                     f"{area_model.name} {draft.cite(area)}.")
        owner_bullets(draft, retrieved(model.responsibilities_for(area.code), found), "It sits with the {role}")
    items = present(found, (item_id(item.code) for item in area_model.items))
    at_level = [p for p in items if p.flags.at(role.certification)]
    above = [p for p in items if role.certification == "CA-AM" and p.flags.csap and not p.flags.ca_am]
    draft.gap()
    if at_level:
        draft.line(f"The matrix lists these {area.code} competencies at the {role.certification} level "
                   f"{draft.cite(area)}:")
        for passage in at_level:
            note = " — CSAP only" if role.certification == "CSAP" and passage.flags.csap_only else ""
            draft.bullet(f"{passage.text} {draft.cite(passage)}{note}")
    if above:
        draft.gap()
        draft.line(f"Only expected at CSAP, the senior and executive level {draft.cite(area)}:")
        for passage in above:
            draft.bullet(f"{passage.text} {draft.cite(passage)}")
    contrast = [(r, p) for r, p in retrieved(model.responsibilities_for(area.code), found) if r.role_id != role.id]
    if contrast and own:
        draft.gap()
        draft.line(f"For contrast, in {area.code} {draft.cite(area)}:")
        owner_bullets(draft, contrast, "the {role}")


def role_overview(draft: Draft, roles: tuple[str, ...], records: list[Passage]) -> None:
    found = by_id(records)
    for role_id in roles[:3]:
        role = draft.model.role(role_id)
        cert = found.get(fact_id(role_id, "certification"))
        titles = found.get(fact_id(role_id, "titles"))
        if cert is None or titles is None:
            continue
        draft.line(f"The **{role_label(role)}** — example titles: {titles.text} {draft.cite(titles)}. "
                   f"A {cert.text} role {draft.cite(cert)}.")
        for key, label in (("description", "Position"), ("reporting", "Reports to"), ("scope", "Scope")):
            passage = found.get(fact_id(role_id, key))
            if passage:
                draft.bullet(f"{label}: {_one_line(passage.text)} {draft.cite(passage)}")
        for kind in ("primary", "secondary"):
            resps = retrieved(getattr(role, kind), found)
            if resps:
                draft.gap()
                draft.line(f"{kind.capitalize()} responsibilities, with the matrix areas the guide names "
                           f"{draft.cite_heading(resps[0][1])}:")
                for resp, passage in resps:
                    draft.bullet(f"{resp.text} {draft.cite(passage)}")
        draft.gap()


def job_facts(draft: Draft, roles: tuple[str, ...], facts: tuple[str, ...], records: list[Passage],
              preamble: Passage | None) -> None:
    wanted = [p for p in records if p.kind == "requirement" and (not roles or p.role in roles)
              and (not facts or p.row in facts)]
    if preamble is not None:
        draft.line(f"From the guide's job descriptions, which it offers as guidelines {draft.cite(preamble)}:")
    for passage in wanted:
        role = draft.model.role(passage.role)
        draft.bullet(f"**{passage.row}** — {role_label(role)} ({role.example_titles}): "
                     f"{_one_line(passage.text)} {draft.cite(passage)}")


def _one_line(text: str) -> str:
    """Join a multi-paragraph cell into one line: "…including: developing …; planning …"."""
    out = ""
    for part in (part.strip() for part in text.split("\n") if part.strip()):
        if part.startswith("- "):
            out += (" " if out.endswith(":") else "; ") + part[2:].rstrip(".")
        else:
            out += (". " if out and not out.endswith((".", ":")) else " ") + part
    return out.strip()


def development(draft: Draft, from_cert: str | None, to_cert: str, from_role: str | None, to_role: str | None,
                records: list[Passage], areas: tuple[Code, ...] = ()) -> None:
    """The gap between two levels (all of it, or within `areas`), then what the guide asks of the target role."""
    model = draft.model
    found = by_id(records)
    target_roles = [to_role] if to_role else [r.id for r in model.roles if r.certification == to_cert]
    start = f"{role_label(model.role(from_role))} ({from_cert})" if from_role else from_cert
    goal = f"{role_label(model.role(to_role))} ({to_cert})" if to_role else to_cert
    cert_facts = present(found, (fact_id(r, "certification") for r in target_roles))
    holders = " and the ".join(f"{role_label(model.role(p.role))} {draft.cite(p)}" for p in cert_facts)
    draft.line(f"**From {start} to {goal}**" if start else f"**Preparing for {goal}**")
    draft.line(f"The guide sets {to_cert} for the {holders}.")
    gap_items = [p for p in records if p.kind == "item" and p.flags.at(to_cert) and not p.flags.at(from_cert)
                 and (not areas or p.code.area in areas)]
    exams = next((p for p in records if p.kind == "passage" and p.document == model.guide.id), None)
    if gap_items and exams is not None:
        _gap_by_area(draft, gap_items, target_roles, from_cert, to_cert, exams, areas)
    if areas and from_cert != to_cert:
        _no_gap_in(draft, [a for a in areas if not any(p.code.area == a for p in gap_items)], found, from_cert, to_cert)
    elif not gap_items and from_cert == to_cert:
        both = present(found, (fact_id(r, "certification") for r in (from_role, to_role)))
        draft.bullet(f"Both are {to_cert} roles {' '.join(draft.cite(p) for p in both)}.")
        draft.line("So the matrix adds no new competencies; the step up is in the experience and responsibilities "
                   "below:")
    for role_id in target_roles:
        _requirements(draft, model.role(role_id), found)
    if to_role:
        _responsibilities_gained(draft, from_role, to_role, found)


def _no_gap_in(draft: Draft, areas: list[Code], found: dict[str, Passage], from_cert, to_cert) -> None:
    """Areas asked about whose competencies at the target level are all expected at the current one too:
    those competencies, each cited (its record carries both levels)."""
    for code in areas:
        items = present(found, (item_id(i.code) for i in draft.model.area(code).items if i.flags.at(to_cert)))
        if items:
            draft.gap()
            draft.line(f"In **{code} {draft.model.area(code).name}** every competency expected at {to_cert} is "
                       f"expected at {from_cert} too:")
            for passage in items:
                draft.bullet(f"{passage.text} {draft.cite(passage)} {flag_note(passage.flags, show_types=False)}")


def _gap_by_area(draft: Draft, items: list[Passage], target_roles: list[str], from_cert, to_cert,
                 exams: Passage, areas: tuple[Code, ...] = ()) -> None:
    model = draft.model
    centrality: dict[Code, int] = {}
    for role_id in target_roles:
        for resp in model.role(role_id).responsibilities:
            for code in resp.codes:
                rank = 0 if resp.kind == "primary" else 1
                centrality[code] = min(centrality.get(code, 2), rank)
    by_area: dict[Code, list[Passage]] = {}
    for passage in items:
        by_area.setdefault(passage.code.area, []).append(passage)
    order = sorted(by_area, key=lambda code: (centrality.get(code, 2), code))
    draft.gap()
    levels = f"at {to_cert} but not at {from_cert}" if from_cert else f"at {to_cert}"
    within = f" in {format_codes(areas)}" if areas else ""
    draft.line(f"**{len(items)} competencies{within} are expected {levels}** in the matrix, which shows what each "
               f"exam covers {draft.cite(exams)}; here they are by area, the target role's own areas first:")
    for code in order:
        area = model.area(code)
        note = {0: " — a primary responsibility of the target role", 1: " — a secondary responsibility"}.get(
            centrality.get(code, 2), "")
        draft.bullet(f"**{code} {area.name}**{note}:")
        for passage in by_area[code]:
            draft.bullet(f"{passage.text} {draft.cite(passage)}", depth=1)


def _requirements(draft: Draft, role: Role, found: dict[str, Passage]) -> None:
    facts = present(found, (fact_id(role.id, key) for key in ("experience", "certification-requirements", "education")))
    if not facts:
        return
    draft.gap()
    first = facts[0]
    draft.line(f"What the guide asks of the {role_label(role)} ({role.example_titles}) {draft.cite(first)}:")
    for passage in facts:
        draft.bullet(f"{passage.row}: {_one_line(passage.text)} {draft.cite(passage)}")


def _responsibilities_gained(draft: Draft, from_role: str | None, to_role: str, found: dict[str, Passage]) -> None:
    """The target role's primary responsibilities: those that grow from what the current role holds in the
    same areas (shown side by side), then those that are new at this level."""
    model = draft.model
    target = retrieved(model.role(to_role).primary, found)
    if not target:
        return
    current = model.role(from_role).responsibilities if from_role else ()
    pairs = [(resp, passage, next((r for r in current if set(r.codes) & set(resp.codes)), None))
             for resp, passage in target]
    grows = [(resp, passage, before) for resp, passage, before in pairs
             if before is not None and before.record_id in found]
    new = [(resp, passage) for resp, passage, before in pairs if (resp, passage, before) not in grows]
    target_label = role_label(model.role(to_role))
    if grows:
        draft.gap()
        draft.line(f"Primary responsibilities of the {target_label} that grow from what the "
                   f"{role_label(model.role(from_role))} holds today {draft.cite_heading(grows[0][1])}:")
        for resp, passage, before in grows:
            was = found[before.record_id]
            draft.bullet(f"{quote(resp.text)} {draft.cite(passage)} — today ({before.kind}): {quote(before.text)} "
                         f"{draft.cite(was)}")
    if new:
        draft.gap()
        lead = (f"Primary responsibilities of the {target_label} that are new at this level" if from_role else
                f"Primary responsibilities of the {target_label}")
        draft.line(f"{lead} {draft.cite_heading(new[0][1])}:")
        for resp, passage in new:
            draft.bullet(f"{quote(resp.text)} {draft.cite(passage)}")


__all__ = ["role_in_area", "role_overview", "job_facts", "development", "role_label", "flag_note"]
