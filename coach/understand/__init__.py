"""The understand stage: a question (and the earlier turns) → a typed `Query`.

What the question *names* is read from the corpus's own vocabulary (coach/subjects.py: roles, areas, items,
sections, certifications, articles, job-description rows). What it *asks for* and what it is *about* is read
by the router (coach/router), trained from the example library: the operation (coach/understand/operation.py
checks it against what the question names, with a short table of overrides), the matrix areas a situation
is about, whether it leans on the previous question, and its scope (in scope, in the domain but not covered,
or outside the coach's remit). A follow-up is read against the previous turn's query
(coach/understand/context.py): it keeps what it does not replace ("and for a director?" keeps the area and
the operation; "only the CSAP ones" filters the previous set or the previous answer; "why?" asks for the
basis).

Declined here, before any evidence: prompt injection (coach/guards.py), empty input, codes that do not exist,
and what the router reads as outside the remit. A question with no domain word that nothing in the corpus is
close to is declined on the evidence (coach/evidence.py), unless the router is sure it is in scope.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from .. import cues, guards
from ..inputs import HISTORY_TURNS, strip_markup
from ..lexicon import Lexicon, squash
from ..library import Scope
from ..model import CompetencyModel
from ..query import (
    NARROWING_FILTERS,
    POINTED_EXPLAINED,
    Bound,
    Operation,
    Query,
    RoleSet,
    SizeBound,
    Subjects,
    Wording,
    at_positions,
)
from ..records import Profile, ResponsibilityKind
from ..router import Routing
from ..subjects import Found, find_subjects, item_named_by_words
from ..text import NUMBER_WORDS, STOPWORDS, base, normalize, stem, terms, words
from ..tuning import TUNING
from .context import (
    asks_of_the_answer,
    inherit,
    neighbour,
    next_position,
    read_with_context,
    the_other_certification,
)
from .operation import MIN_TAKEN, choose


def understand(
    question: str,
    history: list[str] | tuple[str, ...],
    lexicon: Lexicon,
    model: CompetencyModel,
    route: Callable[[str], Routing],
    correct: Callable[[str], str] = lambda text: text,
    profile: Profile | None = None,
) -> Query:
    """Read the question in the light of the earlier user turns (oldest first). `correct` fixes misspellings
    (after the check for injection, which reads the words as typed)."""
    previous: Query | None = None
    for turn in list(history)[-HISTORY_TURNS:]:
        current = read(turn, previous, lexicon, model, correct, route)
        if current.operation not in ("refuse", "small-talk"):
            previous = current
    query = read(question, previous, lexicon, model, correct, route)
    return apply_profile(query, profile) if profile and not profile.empty else query


def read(
    question: str,
    previous: Query | None,
    lexicon: Lexicon,
    model: CompetencyModel,
    correct: Callable[[str], str],
    route: Callable[[str], Routing],
) -> Query:
    if guards.matches_any(guards.INJECTION, normalize(question)):
        return Query(question, "refuse", refusal="injection")
    question = strip_markup(question)
    if guards.asks_in_another_language(normalize(question)):  # a translation, whatever it is of
        return Query(question, "refuse", refusal="out-of-scope", previous=previous)
    if not terms(question) and not re.search(r"\w", question):
        return Query(question, "refuse", refusal="empty")
    talk = small_talk(question)
    if talk:
        return Query(question, "small-talk", small_talk=talk, previous=previous)
    fresh = cues.NEW_TOPIC.match(question)
    if fresh and terms(question[fresh.end() :]):
        question, previous = question[fresh.end() :], None  # "unrelated, but …": a question of its own
    question = lexicon.split_compounds(correct(lexicon.expand_initials(cues.expand_abbreviations(question))))
    text = normalize(question)
    found = find_subjects(question, lexicon, model)
    if found.unknown_codes:
        return Query(question, "refuse", refusal="unknown-code", unknown_codes=tuple(found.unknown_codes))
    said = wording(question, text, model)
    found = _item_at_position(text, found, model)
    found = _weak_role_compared(found, said)
    found = neighbour(text, found, model, previous, said)
    if said.says_exams:
        found = _item_by_words(text, found, lexicon, model)
    routing = route(question)
    found = _area_of_a_group(text, found, model, routing)
    leans = previous is not None and (routing.followup >= TUNING.followup or bool(cues.PARTITIVE.search(text)))
    if routing.scope[Scope.OUT] >= (TUNING.out_of_scope_followup if leans else TUNING.out_of_scope):
        return Query(question, "refuse", refusal="out-of-scope", previous=previous)
    if (
        routing.operation is Operation.SMALL_TALK
        and routing.operations[0][1] >= MIN_TAKEN
        and not found.subjects
        and not (leans and asks_of_the_answer(routing))
    ):
        # "see ya", "danke!", "you there?": the greetings coach/guards.py does not list, read by the router
        kind = "about" if "?" in question else "acknowledgement"
        return Query(question, "small-talk", small_talk=kind, previous=previous)
    more = routing.operation is Operation.MORE and routing.operations[0][1] >= MIN_TAKEN
    if more and previous is None and not found.subjects:  # "show all" with no answer before it
        return Query(question, "small-talk", small_talk="nothing-to-expand")
    # "which are company type?" after a list: the type is said of the rows of the set the turn leans on
    of_set = previous.subjects if previous is not None and cues.PARTITIVE.search(text) else Subjects()
    typed = _competency_type(text, lexicon, found.subjects or of_set)
    query = Query(
        text=question,
        operation="advise",
        subjects=found.subjects,
        exam=exam_filter(text, found.subjects.certifications),
        competency_type=typed,
        focus=tuple(focus_stems(text, found, lexicon, bool(typed))),
        responsibility_kind=_responsibility_kind(text),
        areas_without=bool(cues.AREAS_WITHOUT.search(text)),
        areas_entirely=bool(cues.AREAS_ENTIRELY.search(text)) and not found.subjects.areas,
        domain_words=tuple(sorted(set(terms(text)) & lexicon.domain)),
        personal=bool(cues.PERSONAL.search(text)),
        previous=previous,
        area_scores=routing.areas,
        item_scores=routing.items,
        quote_scores=routing.quotes,
        not_covered_chance=routing.scope[Scope.NOT_COVERED],
        in_scope=_in_scope(routing),
        superlative=_superlative(text),
        per_area=bool(cues.PER_AREA.search(text)) and not found.subjects.areas,
        size_bound=_size_bound(text, previous) if not found.subjects.areas else None,
        positions=_positions(text) if previous is not None else (),
        that_one=previous is not None and bool(cues.THAT_ONE.search(text)),
        wording=said,
        advice=routing.operation is Operation.ADVISE and routing.operations[0][1] >= MIN_TAKEN,
    )
    if previous is not None and not leans and _narrows_the_set_before(query, previous):
        leans = True  # "anything on ca-am but not csap?" after "conflict resolution competencies": of those
    earlier = before = None
    if previous is not None and leans:
        earlier = previous.subjects
        before = previous.previous.subjects if previous.previous is not None else None
    choice = choose(query, found, routing, text, earlier, before)
    query = query.with_(operation=choice.operation, show_all=choice.operation is Operation.MORE)
    query = _with_implied_roles(query, found, lexicon)
    if previous is not None and (leans or choice.operation in (Operation.WHY, Operation.MORE)):
        query = inherit(query, previous, choice.explicit)
        query = read_with_context(query, route, bool(found.subjects.areas), found.stems)
        if cues.THE_OTHER.search(text) and not found.subjects.certifications:
            query = the_other_certification(query, previous, lexicon)
    query = next_position(query, text)
    if query.positions and query.operation in POINTED_EXPLAINED:
        # "what does the second one mean?": that row of the previous answer explained (coach/operations, run);
        # anything else asked of it keeps its operation ("who owns the last one?")
        query = query.with_(operation="explain")
    return query


def _narrows_the_set_before(query: Query, previous: Query) -> bool:
    """An exam narrowing (only / but not / both / neither) with no set of its own, after a turn about a set of
    the matrix: it narrows that set, whatever the router reads of its wording."""
    own, before = query.subjects, previous.subjects
    narrowing = query.exam in NARROWING_FILTERS
    return (
        narrowing
        and not (own.areas or own.items or own.sections or own.roles)
        and bool(before.areas or before.items or before.sections)
    )


def _item_at_position(text: str, found: Found, model: CompetencyModel) -> Found:
    """ "what is the last item of II M?", "the third competency in governance": that row of the one area named
    is the competency asked about."""
    s = found.subjects
    if len(s.areas) != 1 or s.items:
        return found
    positions = _positions(text) or tuple(int(n) for n in cues.ITEM_NUMBER.findall(text))  # "2g item 4"
    picked = tuple(item.code for item in at_positions(model.known_area(s.areas[0]).items, positions))
    return replace(found, subjects=replace(s, items=picked)) if picked else found


def _weak_role_compared(found: Found, said: Wording) -> Found:
    """ "what's the difference between an alliance manager and a senior alliance manager?": the title without a
    level, set against a level, is the mid-level role's own title (coach/lexicon.py, generic_title)."""
    s = found.subjects
    if not (said.compares and found.weak_role and s.roles) or found.weak_role in s.roles:
        return found
    return replace(found, subjects=replace(s, roles=(found.weak_role, *s.roles)))


def _area_of_a_group(text: str, found: Found, model: CompetencyModel, routing: Routing) -> Found:
    """ "list the items under transformation", "what are the termination steps?": a group of an area's rows
    named by its own noun (II M's "Termination:", "Transformation:") names that area, when the router reads the
    question as about it too (among its first three areas: "a transformational alliance manager" is not)."""
    s = found.subjects
    if s.areas or s.items:
        return found
    groups = {item.group: item.code.area for item in model.items if item.group}
    named = {group: area for group, area in groups.items() if re.search(rf"\b{group.lower()}s?\b", text)}
    areas = set(named.values())
    if len(areas) != 1 or not areas <= {code for code, _ in routing.areas[:3]}:
        return found
    # the group's noun names the set, as an area's name does: it is not what the question asks about
    stems = found.stems | set(terms(" ".join(named)))
    return replace(found, subjects=replace(s, areas=tuple(areas)), stems=stems)


def _item_by_words(text: str, found: Found, lexicon: Lexicon, model: CompetencyModel) -> Found:
    """ "is designing a governance model on the CA-AM exam?", "which exam covers partner profiling?": asked which
    exam a competency is on, named by its words rather than its code, the question is about that competency
    (coach/subjects.py, item_named_by_words), as if its code were written."""
    s = found.subjects
    code = None if s.items else item_named_by_words(text, lexicon, model, s.areas)
    if code is None or (s.areas and code.area not in s.areas):
        return found
    return replace(found, subjects=replace(s, items=(code,), areas=(code.area,)))


def _positions(text: str) -> tuple[int, ...]:
    """ "the 4th and 5th ones" → (4, 5); "the last one" → (-1,)."""
    found = cues.POSITIONS.search(text)
    if not found:
        return ()
    return tuple(cues.ORDINALS[word] for word in re.findall(rf"\b(?:{'|'.join(cues.ORDINALS)})\b", found.group(0)))


ROLE_CENTRED = ("role", "role-areas", "facts", "owners", "develop", "compare")


def _with_implied_roles(query: Query, found: Found, lexicon: Lexicon) -> Query:
    """For role-centred operations: "alliance manager" without a level is the mid-level title, and "each
    level" / "all three roles" is every role."""
    s = query.subjects
    if query.operation not in ROLE_CENTRED:
        return query
    if "roles" in s.topics:
        return query.with_(subjects=replace(s, roles=tuple(role_id for _, role_id in lexicon.role_levels)))
    if found.weak_role and not s.roles and query.operation != "develop":
        return query.with_(subjects=replace(s, roles=(found.weak_role,)), inherited=("implied:roles",))
    if found.weak_role and len(s.roles) == 1 and query.operation == "develop" and found.weak_role not in s.roles:
        # "I'm an alliance manager and want to become a director": from the title they hold to the one named
        return query.with_(subjects=replace(s, roles=(found.weak_role, s.roles[0])))
    return query


def small_talk(question: str) -> str | None:
    """ "greeting", "thanks", "acknowledgement", "farewell" or "about" when the turn is only that ("Hi!",
    "thanks, that helps", "what can you do?"); None when it asks anything else too."""
    text = normalize(question)
    kinds = [kind for kind, patterns in guards.SMALL_TALK.items() if guards.matches_any(patterns, text)]
    if not kinds:
        return None
    rest = text
    for patterns in guards.SMALL_TALK.values():
        for pattern in patterns:
            rest = re.sub(pattern, " ", rest)
    return None if terms(rest) else kinds[0]


# --- constraints ---------------------------------------------------------------------------------------------


def exam_filter(text: str, certifications: tuple[str, ...]) -> str | None:
    """ "CA-AM only", "CSAP only", "both", "neither", a level ("CSAP": items expected at CSAP) or a level negated
    ("not CA-AM": items the CA-AM does not expect)."""
    if cues.NEITHER.search(text):
        return "neither"
    if cues.BOTH.search(text) and (
        len(certifications) == 2
        or re.search(r"\bexams?\b|\btested\b", text)
        or (not certifications and cues.ON_BOTH.search(text))
    ):
        return "both"
    levels = "|".join(re.escape(c.lower()) for c in ("CA-AM", "CAAM", "CA AM", "CSAP"))
    only = re.compile(cues.ONLY.pattern.format(levels=levels))
    if len(certifications) == 2:
        # "what's new for CSAP after the CA-AM?", "anything extra on the csap vs the ca-am?": the one named after
        # "new for" / "extra on" is asked about, alone
        new = r"\b(?:new|extra|additional|added|more)\b(?: [\w'/-]+){0,4}?"
        added = re.search(rf"{new} (?:for|on|in|at|with) (?:the )?({levels})\b", text)
        beyond = re.search(rf"{new} (?:vs\.?|versus|than|compared to|over|beyond) (?:the )?({levels})\b", text)
        for found, same in ((added, True), (beyond, False)):
            if found:
                named = [c for c in certifications if (squash(c) == squash(found.group(1))) is same]
                if len(named) == 1:
                    return f"{named[0]} only"
    if len(certifications) == 2 and re.search(
        r"\bbut not\b|\bnot (?:on |in |at |for )?(?:the )?(?:ca-?am|csap)\b|"
        r"\b(?:doesn'?t|does not|don'?t|isn'?t|aren'?t|wasn'?t|weren'?t)\b",
        text,
    ):
        return f"{certifications[0]} only"
    if len(certifications) == 1:
        if re.compile(cues.NOT_AT.pattern.format(levels=levels)).search(text):
            return f"not {certifications[0]}"  # "only the ones not on the ca-am": those the level does not expect
        return f"{certifications[0]} only" if only.search(text) else certifications[0]
    return None


def _competency_type(text: str, lexicon: Lexicon, subjects: Subjects) -> str | None:
    """A column filter ("which governance structure items count as context competencies?") when the
    question has a set of items to filter; otherwise the words name a competency category."""
    if not (
        subjects.areas or subjects.sections or "matrix" in subjects.topics or re.search(r"\b(?:items|rows)\b", text)
    ):
        return None
    for label in lexicon.competency_types.values():
        word = re.escape(label.lower())
        # said of the rows ("context competencies", "company type", "core items", "company-specific", "count as
        # core", "are they context?"), not a word of a situation ("we partner with a company", "our core business")
        if re.search(
            rf"\b{word}-specific\b|\b{word} (?:competenc\w*|knowledge|column|type|items?|ones|rows?|skills?)\b|"
            rf"\b(?:as|are|is|marked|flagged|of type|type) {word}\b",
            text,
        ):
            return label
    return None


_QUOTED = re.compile(r"['\"“‘]([^'\"”’]{3,40})['\"”’]")
_PREPARES = re.compile(r"\b(?:prepare|preparing|study|studying|get|earn|pass|take)\b")


def wording(question: str, text: str, model: CompetencyModel) -> Wording:
    """How the question is worded, as the operations need it (`question` as corrected, `text` normalised)."""
    from ..sentences import asks_for_a_number

    lowered = question.lower()
    groups = sorted({item.group for item in model.items if item.group})
    return Wording(
        stems=tuple(terms(question)),
        quoted=tuple(_QUOTED.findall(question)),
        refers_to_article=any(re.search(rf"\b{word}\b", lowered) for word in cues.ARTICLE_WORDS),
        asks_numbers=asks_for_a_number(lowered),
        compares=bool(cues.COMPARE.search(lowered)),
        counts=bool(cues.COUNT.search(lowered)),
        counted=next((stem(m.group(1)) for m in cues.COUNTED.finditer(lowered)), ""),
        measured=next((stem(m.group(1)) for m in cues.MEASURED.finditer(lowered)), ""),
        step=1 if cues.STEP_AFTER.search(lowered) else -1 if cues.STEP_BEFORE.search(lowered) else 0,
        locates=bool(cues.LOCATE.search(lowered)),
        asks_job=bool(cues.ROLE_JOB.search(lowered)),
        names_target=bool(cues.TARGET.search(lowered)),
        prepares=bool(_PREPARES.search(lowered)),
        says_areas=bool(re.search(r"\bareas?\b", lowered)),
        says_sections=bool(re.search(r"\bsections?\b", lowered)),
        reports_to=bool(cues.REPORTS_TO.search(lowered)),
        role_set=RoleSet.SHARED
        if cues.ROLES_SHARE.search(lowered)
        else RoleSet.ALONE
        if cues.ROLE_ALONE.search(lowered)
        else None,
        says_exams=bool(re.search(r"\b(?:ca-?am|csap|exams?|certifications?)\b", lowered)),
        groups_named=tuple(g for g in groups if re.search(rf"\b{re.escape(g.lower()[:7])}", lowered)),
        groups_excluded=tuple(g for g in groups if re.search(rf"\bnot (?:the )?{re.escape(g.lower()[:7])}", lowered)),
    )


def _in_scope(routing: Routing) -> bool:
    """Does the router place the question in the coach's remit firmly enough to answer it even when the evidence
    finds it outside the domain (no domain word, nothing close in meaning)? Thresholds: coach/tuning.py."""
    return (
        routing.areas[0][1] >= TUNING.area_confident
        or routing.scope[Scope.OUT] < TUNING.out_unlikely
        or routing.scope[Scope.IN] >= TUNING.in_likely
    )


def _size_bound(text: str, previous: Query | None) -> SizeBound | None:
    """ "which areas have more than 8 items?" → more than 8; asked only of the matrix's areas, or after such a
    question by the bound alone ("and which have fewer than 5?")."""
    match = cues.SIZE_BOUND.search(text)
    if match and re.search(r"\bareas?\b", text):
        words, number = match.group(1) or match.group(3) or "exactly", match.group(2)
    elif previous is not None and previous.size_bound is not None and (bare := cues.BARE_BOUND.search(text)):
        words, number = bare.group(1), bare.group(2)
    else:
        return None
    value = int(number) if number.isdigit() else NUMBER_WORDS[number]
    return SizeBound(Bound(cues.BOUND_WORDS[words]), value)


def _superlative(text: str) -> str | None:
    match = cues.SUPERLATIVE.search(text)
    if not match:
        return None
    return "smallest" if (match.group(1) or match.group(2)) else "largest"


def _responsibility_kind(text: str) -> ResponsibilityKind | None:
    for kind in ResponsibilityKind:  # the job descriptions' own two lists
        if re.search(rf"\b{kind}\b", text):
            return kind
    return None


def _type_stems(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(terms(" ".join(f"{label} {label}-specific" for label in lexicon.competency_types.values())))


def focus_stems(text: str, found: Found, lexicon: Lexicon, typed: bool = False) -> list[str]:
    """The question's content stems that neither its subjects nor the words of asking account for: what it
    asks *about* beyond naming things ("mentor" in "is a senior manager expected to mentor juniors?")."""
    asking = _asking_words()
    typed_stems = _type_stems(lexicon) if typed else frozenset()
    certifications = tuple(lexicon.certifications)
    kept = []
    for word in map(base, words(text)):  # "we'd" is "we", "partner's" is "partner"
        if word in asking:  # the words of asking, matched whole: "accountable" asks, "account" does not
            continue
        stem_ = stem(word)
        if stem_ in found.stems or stem_ in typed_stems or stem_ in lexicon.generic or word in STOPWORDS:
            continue
        if len(stem_) >= 6 and any(known[:6] == stem_[:6] for known in found.stems - lexicon.role_stems):
            continue  # "qualify" is the "qualification" the subjects named ("directly" is not the "director")
        if len(stem_) <= 2 or _ROMAN_OR_CODE.fullmatch(stem_) or squash(stem_).startswith(certifications):
            continue
        if stem_ not in kept:
            kept.append(stem_)
    return kept


_ROMAN_OR_CODE = re.compile(r"(?:iii|ii|iv|i|[1-3])(?:[-.]?[a-o](?:[-.]?\d{1,2})?)?")


@lru_cache(maxsize=1)
def _asking_words() -> frozenset[str]:
    """The words of asking, and their plain forms ("owns" and "own")."""
    found = set(words(cues.cue_words()))
    return frozenset(found | {w[:-1] for w in found if w.endswith("s")})


# --- the asker's profile ----------------------------------------------------------------------------------------


def apply_profile(query: Query, profile: Profile) -> Query:
    """Fill a role or certification the question leaves open from what the user told us about themselves,
    for the operations that need one (development, what I own, my job's requirements)."""
    s = query.subjects
    wants_role = query.operation in ("develop", "role-areas", "facts") or (
        query.personal and query.operation in ("owners", "role")
    )
    changes = {}
    if profile.role and not s.roles and wants_role:
        changes["roles"] = (profile.role,)
    if profile.certification and not s.certifications and query.operation == "develop" and not s.roles:
        changes["certifications"] = (profile.certification,)
    if not changes:
        return query
    return query.with_(
        subjects=s.__class__(**{**s.__dict__, **changes}),
        inherited=query.inherited + tuple(f"profile:{name}" for name in changes),
    )
