"""Operations on the three job descriptions, computed from the parsed roles: who owns an area (and what one
role owns in it), a role's overview, the areas a role's responsibilities name, job-description rows, and two
roles side by side."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from ..codes import Code
from ..index.records import FACT_FIELDS
from ..query import Query, RoleSet
from ..records import RecordKind, Responsibility, ResponsibilityKind, Role
from ..results import Point, Result, capped
from ..sentences import split_sentences
from ..text import terms, words
from .joblines import JobLine, with_codes
from .sets import capital
from .situation import lead_areas
from .workspace import Workspace, plural, quote

OVERVIEW_ROWS = ("Example titles", "Certification", "Reporting Relationships", "Scope of Responsibilities")
ITEMS_PER_ROLE = 6


def _kinds(query: Query) -> tuple[ResponsibilityKind, ...]:
    return (query.responsibility_kind,) if query.responsibility_kind else tuple(ResponsibilityKind)


def owners(query: Query, ws: Workspace) -> Result:
    # an area asked about in the user's own words ("who handles winding down a partnership?"): the router's first
    # area when the evidence finds it too, else the evidence's best; none when the evidence names no area ("who
    # does the guide acknowledge?" is not a question about owners)
    evidenced = [] if query.subjects.areas else inferred_areas(query, ws)
    routed = [code for code in lead_areas(query)[:1] if code in evidenced]
    # a follow-up on a situation ("who's supposed to own that?") is read with it (understand/context.py, read_with_context):
    # the router's reading of both turns names the area
    leaning = lead_areas(query)[:1] if query.context else []
    areas = query.subjects.areas or tuple(routed or leaning or evidenced[:1])
    # a role and an area named: what the role owns there answers ("does the director get involved in the
    # alliance life cycle?" is not the mid-level's line about "individuals involved in the alliance")
    doing = [] if query.subjects.roles and query.subjects.areas else _lines_doing_it(query, ws)
    named = [line for line in doing if line.role_id in query.subjects.roles]
    if named:  # "who allocates resources, the senior alliance manager or the director?": their lines that say so
        doing = named
    if doing:  # "who mentors the junior alliance managers?": the senior's "mentoring and/or supervisory …" line
        result = Result()
        result.lead += [_line_point(ws, line) for line in doing]
        cited = {code for line in doing for code in ws.records[line.record_id].codes}
        if not query.subjects.roles:
            _area_owners(ws, [code for code in areas[:1] if code not in cited], result)
        return result
    if not areas:
        return Result()
    if query.subjects.roles:
        return _roles_in_areas(query, ws, query.subjects.roles, areas)
    result = Result()
    _area_owners(ws, areas[:3], result)
    return result


MAX_DOING = 3  # job-description lines holding what a "who …?" question asks about: more are no answer to "who"
DOING_SHARE = 0.6  # … holding at least this share of its focus words when none holds them all
# "who is responsible for …", "who's in charge of …" frame the question; what follows is what is done
_FRAMING = frozenset(terms("responsible accountable charge handles owns"))


def _lines_doing_it(query: Query, ws: Workspace) -> list[JobLine]:
    """The lines of any job description that hold every word the question asks about (or the most of them, at
    least DOING_SHARE), when at most MAX_DOING do: "who hires alliance managers?" is the director's "Provide
    direct management support for team, including … hiring"; "which role handles day-to-day operations?" the
    mid-level's position description."""
    focus = [stem_ for stem_ in query.focus if stem_ not in ws.lexicon.generic]
    if not focus:
        return []
    lines = [line for line in ws.jobs.lines if all(ws.jobs.line_holds(line, stem_) for stem_ in focus)]
    if lines:
        return lines if len(lines) <= MAX_DOING else []
    # none holds every word: the lines holding most of what is done, at least DOING_SHARE of it ("who is
    # responsible for building the tools and processes the alliance group uses?": the asker's own verbs are not
    # the job description's "contribute to the development of tools, processes … employed by the … group")
    done = [stem_ for stem_ in focus if stem_ not in _FRAMING]
    held = {id(line): sum(ws.jobs.line_holds(line, stem_) for stem_ in done) for line in ws.jobs.lines}
    most = max(held.values(), default=0)
    if not done or most < DOING_SHARE * len(done):
        return []
    lines = [line for line in ws.jobs.lines if held[id(line)] == most]
    return lines if len(lines) <= MAX_DOING else []


def _line_point(ws: Workspace, line: JobLine) -> Point:
    text = f"{ws.role_label(line.role_id).capitalize()} — {capital(line.label)}: {quote(line.text)}"
    return Point(text, (ws.records[line.record_id],))  # "… — Primary responsibility: …", "… — Position Description: …"


def _area_owners(ws: Workspace, areas: Sequence[Code], result: Result) -> None:
    for code in areas:
        found = ws.model.responsibilities_for(code)
        if not found:
            result.lead.append(
                Point(f"No job description names {ws.area_name(code)} among its responsibilities", (code,))
            )
            continue
        roles = list(dict.fromkeys(ws.role_label(r.role_id) for r in found))
        result.lead.append(
            Point(f"In the job descriptions, **{ws.area_name(code)}** belongs to the {_join(roles)}", (code,))
        )
        result.add(f"Who owns {code}", [ws.responsibility_point(resp, with_role=True) for resp in found])


def _roles_in_areas(query: Query, ws: Workspace, roles: tuple[str, ...], areas: tuple[Code, ...]) -> Result:
    result = Result()
    for code in areas[:2]:
        for role_id in roles:
            role = ws.model.role(role_id)
            own = [r for r in ws.model.responsibilities_for(code, role_id) if r.kind in _kinds(query)]
            label = ws.role_label(role_id)
            if own:
                texts = "; ".join(f"{quote(r.text)} ({r.kind})" for r in own)
                article = "an" if label[0] in "aeiou" else "a"
                result.lead.append(
                    Point(
                        f"As {article} **{label}** ({role.certification}), in **{ws.area_name(code)}** you own {texts}",
                        tuple(ws.responsibility_record(r) for r in own),
                    )
                )
            else:
                others = ws.model.responsibilities_for(code)
                result.lead.append(
                    Point(f"The {label} job description names no responsibility in {ws.area_name(code)}", (code,))
                )
                worded, words_used = _lines_in_the_areas_words(query, ws, role, code)
                if worded:  # "what does a director do for organizational alignment?": its line in II A
                    heading = f"Where the {label} job description speaks of {words_used}"
                    result.add(heading, [ws.responsibility_point(r) for r in worded])
                result.add(f"{code} sits with", [ws.responsibility_point(r, with_role=True) for r in others])
            expected = [item for item in ws.area(code).items if item.flags.at(role.certification)]
            points, hidden = capped(
                [ws.item_point(item, show_types=False) for item in expected], None if query.show_all else ITEMS_PER_ROLE
            )
            result.add(
                f"What the matrix expects in {code} at {role.certification} ({plural(len(expected), 'item')})",
                points,
                hidden,
            )
    return result


def _lines_in_the_areas_words(query: Query, ws: Workspace, role: Role, code: Code) -> tuple[list[Responsibility], str]:
    """The role's responsibilities, in other areas, that hold every word of the area's name the question used
    (and those words, in the name's order):
    the director's "Support organizational alignment process (II A)" for a question that names II F Managing
    Organizational Alignment by its words."""
    used = set(terms(ws.area_name(code))) & set(query.wording.stems) - ws.lexicon.generic
    if not used:
        return [], ""
    name = ws.area(code).name
    words_used = " ".join(word for word in name.lower().split() if set(terms(word)) & used)
    return [r for r in role.responsibilities if code not in r.codes and used <= set(terms(r.text))], words_used


def inferred_areas(query: Query, ws: Workspace) -> list[Code]:
    """The areas the best evidence belongs to, when a question asks about an area in its own words."""
    evidence = ws.evidence(query)
    found: list[Code] = []
    for hit in evidence.hits[:8]:
        passage = hit.passage
        codes = [passage.code.area] if passage.code is not None else list(passage.codes)
        for code in codes:
            if code not in found:
                found.append(code)
    return found


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# --- a role ----------------------------------------------------------------------------------------------------


def role(query: Query, ws: Workspace) -> Result:
    roles = query.subjects.roles
    implied = "implied:roles" in query.inherited
    held = ws.jobs.holds(roles, query.focus + ws.evidence(query).related)
    article_word = any(ws.lexicon.is_heading_word(w) for w in words(query.text))
    if query.focus and implied and (article_word or (not held and not query.wording.asks_job)):
        # "a good alliance manager" and words no job description uses, or an article's own word ("a
        # transformational alliance manager", not the mid-level's "transition/transformation" line): the articles
        return Result()
    asks_more = len(roles) > 1 or held or (query.focus and not implied)
    if asks_more and not query.responsibility_kind:
        return _role_rows_for(query, ws, roles)
    result = Result()
    for role_id in roles[:2]:
        _overview(query, ws, ws.model.role(role_id), result, full=len(roles) == 1)
    return result


def _overview(query: Query, ws: Workspace, role: Role, result: Result, full: bool) -> None:
    label = ws.role_label(role.id)
    description = ws.fact_record(role.id, "description")
    first = role.position_description[0] if role.position_description else ""
    if not query.responsibility_kind:
        result.lead.append(
            Point(f"**{role.name}** ({role.example_titles}, {role.certification}): {first}", (description,))
        )
        duties = [line[2:] for line in role.position_description if line.startswith("- ")]
        if duties and full:
            result.add("What the position entails", [Point(d, (description,)) for d in duties])
    for kind in _kinds(query):
        listed = [r for r in role.responsibilities if r.kind == kind]
        if listed:
            title = f"{kind.capitalize()} responsibilities of the {label}"
            if query.responsibility_kind:
                counted = plural(len(listed), f"{kind} responsibility", f"{kind} responsibilities")
                result.lead.append(Point(f"The {label} job description lists {counted}:", ()))
            result.add(title, [Point(f"{r.text}{with_codes(r)}", (ws.responsibility_record(r),)) for r in listed])
    if full and not query.responsibility_kind:
        result.add(
            "The job description",
            [
                Point(f"{row}: {role.facts()[row]}", (ws.fact_record(role.id, FACT_FIELDS[row]),))
                for row in OVERVIEW_ROWS
            ],
        )


LINE_SHARE = 0.85  # further lines must score this share of the best


def _role_rows_for(query: Query, ws: Workspace, roles: tuple[str, ...]) -> Result:
    """The lines of the roles' job descriptions that answer what the question asks about them. For several
    roles, the kind of line that answers best (the scope row, say), shown for each of them."""
    evidence = ws.evidence(query)
    sequence = query.wording.stems
    generic = ws.lexicon.generic
    pairs = {pair for pair in itertools.pairwise(sequence) if not set(pair) <= generic}  # not "alliance manager"
    quantity = query.wording.counted or query.wording.counts
    # a certification the question names is what it asks of the roles ("CSAP for a senior AM or a director?")
    named = tuple(stem_ for cert in query.subjects.certifications for stem_ in terms(cert)[:1])
    assert evidence.vector is not None  # the ranker always reads the question's vector
    ranked = ws.jobs.ranked(evidence.vector, roles, (*query.focus, *named), evidence.related, pairs, quantity)
    result = Result()
    if not ranked:
        return result
    if len(roles) > 1:
        best_per_role: dict[tuple[str, str], float] = {}
        for score, line in ranked:
            best_per_role.setdefault((line.label, line.role_id), score)
        totals: dict[str, float] = {}
        for (label, _), score in best_per_role.items():
            totals[label] = totals.get(label, 0.0) + score
        label = max(totals, key=lambda name: totals[name])
        for role_id in roles:
            found = next((line for _, line in ranked if line.role_id == role_id and line.label == label), None)
            if found is not None:
                result.lead.append(
                    Point(
                        f"{ws.role_label(role_id).capitalize()} — {label}: {found.text}", (ws.records[found.record_id],)
                    )
                )
        return result
    best = ranked[0][0]
    shown: list[JobLine] = []
    for score, line in ranked[:3]:
        if score < best * LINE_SHARE:
            break
        if line in shown:
            continue  # already shown under the line that introduces its list
        listed = ws.jobs.listed_after(line)
        shown += [line, *listed]
        record = (ws.records[line.record_id],)
        result.lead.append(
            Point(
                f"{ws.role_label(line.role_id).capitalize()} — {line.label}: {line.text}",
                record,
                children=[Point(item.text, record) for item in listed],
            )
        )
    return result


# --- areas a role owns, job facts ----------------------------------------------------------------------------


def role_areas(query: Query, ws: Workspace) -> Result:
    """The areas a role's responsibilities name; for several roles, the areas all of them name."""
    roles = query.subjects.roles
    listed = {
        role_id: [r for r in ws.model.role(role_id).responsibilities if r.kind in _kinds(query) and r.codes]
        for role_id in roles
    }
    which = f"{query.responsibility_kind} " if query.responsibility_kind else ""
    result = Result()
    if query.wording.role_set is RoleSet.ALONE:
        return _areas_alone(query, ws, roles[0], roles[1:] or tuple(r.id for r in ws.roles() if r.id != roles[0]))
    if len(roles) == 1:
        role_id = roles[0]
        result.lead.append(Point(f"The areas the **{ws.role_label(role_id)}**'s {which}responsibilities name:", ()))
        result.add(
            "",
            [
                Point(f"**{_area_names(ws, r.codes)}** — {quote(r.text)} ({r.kind})", (ws.responsibility_record(r),))
                for r in listed[role_id]
            ],
        )
        return result
    areas = [{code for r in found for code in r.codes} for found in listed.values()]
    common = sorted(set.intersection(*areas))
    if not common:
        result.lead.append(Point(f"No area is named in the {which}responsibilities of every one of them", ()))
    else:
        names = ", ".join(ws.area_name(code) for code in common)
        every = "both" if len(roles) == 2 else "all of them"
        result.lead.append(Point(f"Named in the {which}responsibilities of {every}: {names}", tuple(common)))
    for code in common:
        result.add(
            ws.area_name(code),
            [ws.responsibility_point(r, with_role=True) for found in listed.values() for r in found if code in r.codes],
        )
    return result


def _areas_alone(query: Query, ws: Workspace, role_id: str, others: tuple[str, ...]) -> Result:
    """What one role's responsibilities hold that the others' do not: the areas only it names, then what it
    holds in the areas the others name too, and its lines that name no area."""
    kinds = _kinds(query)
    own = [r for r in ws.model.role(role_id).responsibilities if r.kind in kinds]
    theirs = {
        code for other in others for r in ws.model.role(other).responsibilities if r.kind in kinds for code in r.codes
    }
    alone = [r for r in own if set(r.codes) - theirs]
    shared = [r for r in own if r.codes and not set(r.codes) - theirs]
    uncoded = [r for r in own if not r.codes]
    role = ws.role_label(role_id)
    compared = (
        f"the {ws.role_label(others[0])}'s"
        if len(others) == 1
        else "the other roles'"
        if len(others) == len(ws.roles()) - 1
        else " and ".join(f"the {ws.role_label(other)}'s" for other in others)
    )
    result = Result()
    # list heads: the lines below, each cited, carry the claims
    if alone:
        codes = _join([str(code) for code in _codes_of(alone) if code not in theirs])
        result.lead.append(Point(f"Only the **{role}**'s responsibilities name {codes}, not {compared}:", ()))
        result.add("", [ws.responsibility_point(r) for r in alone])
        if shared:
            result.add(
                f"In the areas {compared} responsibilities name too", [ws.responsibility_point(r) for r in shared]
            )
    else:
        result.lead.append(
            Point(
                f"No area is the **{role}**'s alone ({compared} responsibilities name every area its own name); "
                "what it holds there:",
                (),
            )
        )
        result.add("", [ws.responsibility_point(r) for r in shared])
    if uncoded:
        result.add(f"The {role}'s responsibilities that name no area", [ws.responsibility_point(r) for r in uncoded])
    return result


def _codes_of(responsibilities: list[Responsibility]) -> list[Code]:
    return list(dict.fromkeys(code for r in responsibilities for code in r.codes))


def _area_names(ws: Workspace, codes: tuple[Code, ...]) -> str:
    return " and ".join(ws.area_name(code) for code in codes)


def facts(query: Query, ws: Workspace) -> Result:
    labels = query.subjects.facts or ("Certification Requirements",)
    if "Certification" in labels and "Certification Requirements" not in labels:
        labels = (*labels, "Certification Requirements")  # which certification, and what the guide asks of it
    roles = query.subjects.roles or tuple(role.id for role in ws.roles())
    result = Result()
    if query.wording.reports_to:  # who reports to a role: every role's reporting line, not only its own
        labels, roles = ("Reporting Relationships",), tuple(role.id for role in ws.roles())
        result.lead.append(Point("Each role's reporting line, as its job description gives it:", ()))
    for label in labels:
        points = [_fact_line(ws, role_id, label) for role_id in roles]
        if len(points) == 1:
            result.lead.extend(points)
        else:
            result.add(label, points)
    if "Certification" in labels or "Certification Requirements" in labels:
        preamble = next(
            (p for p in ws.records.values() if p.kind == RecordKind.PASSAGE and p.heading.startswith("III.")), None
        )
        if preamble is not None and not query.subjects.roles:
            result.lead.insert(
                0,
                Point(
                    "The guide ties a certification to each role, and notes that "
                    "“the certification level for each role is best-practice advice”",
                    (preamble,),
                ),
            )
    if not result.lead and result.sections:
        result.lead.append(result.sections[0].points.pop(0))
    return result


# --- two roles ----------------------------------------------------------------------------------------------------


def compare_roles(query: Query, ws: Workspace) -> Result:
    """Two roles side by side: in the areas asked about, or else in every area where their job descriptions
    differ (what each owns there, primary or secondary), then their scope, reporting line and experience."""
    first, second = query.subjects.roles[:2]
    if query.subjects.facts:  # "what about education?" after two roles compared: those rows, side by side
        result = Result()
        result.lead += [_fact_line(ws, role_id, label) for label in query.subjects.facts for role_id in (first, second)]
        return result
    if query.subjects.areas:
        return _roles_in_areas(query.with_(show_all=False), ws, (first, second), query.subjects.areas)
    result = Result()
    names = [ws.model.role(r).name.lower() for r in (first, second)]
    differing = _differing_areas(ws, first, second)
    result.lead += [_in_a_sentence(ws, role_id) for role_id in (first, second)]
    result.lead.append(Point(f"Where the job descriptions of the {names[0]} and the {names[1]} differ, area by area:"))
    result.add(
        "",
        [_area_difference(ws, code, (first, second)) for code in differing],
    )
    for row in ("Scope of Responsibilities", "Reporting Relationships", "Experience Required", "Certification"):
        result.add(row, [_fact_point(ws, r, row) for r in (first, second)])
    return result


def _in_a_sentence(ws: Workspace, role_id: str) -> Point:
    """The first sentence of a role's position description, which says what the job is about: "An alliance
    manager is responsible for ensuring that day-to-day operating requirements … are effectively managed …"."""
    role = ws.model.role(role_id)
    description = " ".join(role.facts()["Position Description"].split())
    sentence = split_sentences(description)[0]
    record = ws.fact_record(role_id, FACT_FIELDS["Position Description"])
    return Point(f"**{role.name}**: {quote(sentence)}", (record,))


def _fact_line(ws: Workspace, role_id: str, label: str) -> Point:
    """A job-description row with the role's name and example titles: "**Senior-level …** (…) — Education …"."""
    role = ws.model.role(role_id)
    value = " ".join(role.facts()[label].split())
    return Point(
        f"**{role.name}** ({role.example_titles}) — {label}: {value}", (ws.fact_record(role_id, FACT_FIELDS[label]),)
    )


def _fact_point(ws: Workspace, role_id: str, row: str) -> Point:
    role = ws.model.role(role_id)
    return Point(f"{role.name}: {' '.join(role.facts()[row].split())}", (ws.fact_record(role_id, FACT_FIELDS[row]),))


def _differing_areas(ws: Workspace, first: str, second: str) -> list[Code]:
    """The areas, in the matrix's order, where the two roles' responsibilities are not the same lines."""

    def lines(role_id: str, code: Code) -> set[tuple[str, str]]:
        return {(r.kind, r.text) for r in ws.model.responsibilities_for(code, role_id)}

    return [area.code for area in ws.model.areas if lines(first, area.code) != lines(second, area.code)]


def _area_difference(ws: Workspace, code: Code, roles: tuple[str, str]) -> Point:
    parts, sources = [], []
    for role_id in roles:
        owned = ws.model.responsibilities_for(code, role_id)
        label = ws.model.role(role_id).name.split()[0].lower()  # "mid-level", "senior-level", "executive-level"
        if owned:
            parts.append(f"{label}: " + "; ".join(f"{quote(r.text)} ({r.kind})" for r in owned))
            sources += [ws.responsibility_record(r) for r in owned]
        else:
            parts.append(f"{label}: nothing")
    return Point(f"**{ws.area_name(code)}** — " + " · ".join(parts), tuple(sources) or (code,))
