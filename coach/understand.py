"""The understand stage: what a question asks, in terms of the guide.

It finds the role, certification, areas and items a question names (codes in any form, area names and
everyday synonyms), decides the intent, and lets a follow-up ("And a director?", "what about launch?")
inherit what earlier turns set. Declining is decided here too: prompt injection, codes that are not in
the matrix, and subjects outside alliance management.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .codes import Code, find_codes
from .inputs import strip_markup
from .model import CompetencyModel
from .text import normalize, terms
from .vocabulary import (
    AREA_SYNONYMS, CATEGORY_PATTERNS, CERTIFICATION_PATTERNS, CONCEPT_PATTERNS, DEVELOPMENT_PATTERNS, DOMAIN_TERMS,
    FOLLOW_UP_PATTERNS, INJECTION_PATTERNS, JOB_FACT_PATTERNS, LIFECYCLE_PATTERNS, OUT_OF_SCOPE_PATTERNS,
    ROLE_PATTERNS, SMALL_TALK_PATTERNS,
)

REFUSALS = ("injection", "unknown-code", "out-of-scope", "empty", "small-talk")
ROLE_CERTIFICATION = {"mid": "CA-AM", "senior": "CSAP", "executive": "CSAP"}
# Words too common in area names to identify an area on their own.
_GENERIC_NAME_STEMS = {"allianc", "manag", "develop", "potenti", "specif", "consider", "across", "among", "skill"}
_STATISTICS = re.compile(r"\b(?:how many|what percent|percentage|statistics?|stats|how much of|numbers?|%)\b|%")
_ROLE_OVERVIEW = re.compile(r"\b(?:what does|what do|describe|tell me about|responsibilit\w*|role of|own|expected"
                            r"|do in|duties|job)\b")
_ASKS_ABOUT_CERTIFICATION = re.compile(r"\b(?:what (?:is|are|does)|tell me about|which roles?|who (?:needs|should|must)"
                                       r"|requir\w*|stand for|mean\w*|explain|describe|certified"
                                       r"|how (?:do|can|should) i (?:become|get|earn|obtain|achieve|pass))\b")


@dataclass(frozen=True)
class Understanding:
    question: str
    intent: str  # see INTENTS in compose; or one of REFUSALS
    roles: tuple[str, ...] = ()
    certification: str | None = None
    from_certification: str | None = None  # development questions
    to_certification: str | None = None
    areas: tuple[Code, ...] = ()
    items: tuple[Code, ...] = ()
    sections: tuple[int, ...] = ()  # matrix sections asked about as a whole ("what is in section III?")
    unknown_codes: tuple[Code, ...] = ()
    facts: tuple[str, ...] = ()  # job-description rows asked about
    inherited: tuple[str, ...] = ()  # slots taken from earlier turns
    domain: bool = False  # the question uses alliance-management vocabulary

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None

    @property
    def refused(self) -> bool:
        return self.intent in REFUSALS

    @property
    def from_role(self) -> str | None:
        """For development questions: the starting role when one is known."""
        return self.roles[0] if self.intent == "development" and len(self.roles) > 1 else None

    @property
    def target_role(self) -> str | None:
        """For development questions: the role to grow into."""
        return self.roles[-1] if self.intent == "development" and self.roles else None


@dataclass
class _Slots:
    roles: list[str] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    areas: list[Code] = field(default_factory=list)
    items: list[Code] = field(default_factory=list)
    unknown: list[Code] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    sections: list[int] = field(default_factory=list)


def understand(question: str, history: list[str] | tuple[str, ...], model: CompetencyModel,
               correct: Callable[[str], str] = lambda text: text) -> Understanding:
    """Read the question in the light of the earlier user turns (oldest first). `correct` fixes
    misspellings; it is applied after the checks for injection and off-topic subjects, which read the
    words as typed ("weather" must not become "whether")."""
    previous: Understanding | None = None
    for turn in list(history)[-8:]:
        current = _read(turn, model, previous, correct)
        previous = previous if current.refused else current
    return _read(question, model, previous, correct)


def _read(question: str, model: CompetencyModel, previous: Understanding | None,
          correct: Callable[[str], str]) -> Understanding:
    if _any(INJECTION_PATTERNS, normalize(question)):
        return Understanding(question, "injection")
    question = strip_markup(question)
    typed = normalize(question)
    if not typed.strip():
        return Understanding(question, "empty")
    if small_talk(typed):
        return Understanding(question, "small-talk")
    question = correct(question)
    text = normalize(question)
    slots = _slots(question, text, model)
    if slots.unknown:
        return Understanding(question, "unknown-code", unknown_codes=tuple(slots.unknown))
    domain = _in_domain(text, slots)
    strong = bool(slots.roles or slots.certifications or slots.areas or slots.items)
    if not strong and _any(OUT_OF_SCOPE_PATTERNS, typed):
        return Understanding(question, "out-of-scope")
    understanding = _decide(question, text, slots, domain)
    if previous is not None and _is_follow_up(text, slots):
        understanding = _inherit(understanding, previous)
    return understanding


def small_talk(text: str) -> str | None:
    """"greeting", "thanks", "farewell" or "about" when the turn is only that ("Hi!", "thanks", "what can you
    do?"); None when it asks anything else too ("Hi, how do I end an alliance?")."""
    text = normalize(text)
    kinds = [kind for kind, patterns in SMALL_TALK_PATTERNS.items() if _any(patterns, text)]
    if not kinds:
        return None
    rest = text
    for patterns in SMALL_TALK_PATTERNS.values():
        for pattern in patterns:
            rest = re.sub(pattern, " ", rest)
    return None if terms(rest) else kinds[0]


# --- slots ------------------------------------------------------------------------------------------------

def _slots(question: str, text: str, model: CompetencyModel) -> _Slots:
    slots = _Slots()
    for code in find_codes(question):
        if not model.exists(code):
            slots.unknown.append(code)
        elif code.is_item:
            slots.items.append(code)
            _add(slots.areas, code.area)
        else:
            _add(slots.areas, code)
    for code in areas_named(text, model):
        _add(slots.areas, code)
    slots.sections = sections_named(text, model)
    slots.roles = _ordered_matches(ROLE_PATTERNS, text)
    slots.certifications = _ordered_matches(CERTIFICATION_PATTERNS, text)
    slots.facts = [name for name, patterns in JOB_FACT_PATTERNS.items() if _any(patterns, text)]
    if "Experience Required" in slots.facts and not re.search(r"\bexperience", text) and not slots.roles:
        slots.facts.remove("Experience Required")  # "years" alone is about alliances, not job requirements
    return slots


_SECTION = re.compile(r"\bsection\s+(iii|ii|i|3|2|1)\b(?!\s*[.\-]?\s*[a-z]\b)")  # "section II", not "section II C"
_SECTION_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "1": 1, "2": 2, "3": 3}


def sections_named(text: str, model: CompetencyModel) -> list[int]:
    """Matrix sections named as a whole: "section III", or a section's own name ("alliance capabilities")."""
    found = [(m.start(), _SECTION_NUMBERS[m.group(1)]) for m in _SECTION.finditer(text)]
    for number, name in model.section_names.items():
        position = text.find(normalize(name))
        if position >= 0:
            found.append((position, number))
    ordered: list[int] = []
    for _, number in sorted(found):
        _add(ordered, number)
    return [number for number in ordered if number in model.section_names]


def areas_named(text: str, model: CompetencyModel) -> list[Code]:
    """Areas named by synonym or by their own name, longest phrases first, in order of appearance."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, Code]] = []
    for phrase, code in _synonym_phrases(model):
        for match in re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text):
            span = match.span()
            if any(start < span[1] and span[0] < end for start, end in taken):
                continue
            taken.append(span)
            found.append((span[0], code))
    question_terms = set(terms(text))
    prefixes = {term[:6] for term in question_terms if len(term) >= 6}
    for area_code, name_terms in area_name_terms(model):
        if name_terms and all(t in question_terms or (len(t) >= 6 and t[:6] in prefixes) for t in name_terms):
            found.append((10_000, area_code))  # every distinctive word of the name ("qualify" meets "qualif")
    ordered: list[Code] = []
    for _, code in sorted(found, key=lambda pair: pair[0]):
        _add(ordered, code)
    return ordered


@lru_cache(maxsize=4)
def _synonym_phrases(model: CompetencyModel) -> tuple[tuple[str, Code], ...]:
    pairs = [(normalize(area.name), area.code) for area in model.areas]
    pairs += [(normalize(phrase), Code.parse(code)) for code, phrases in AREA_SYNONYMS.items() for phrase in phrases]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@lru_cache(maxsize=4)
def area_name_terms(model: CompetencyModel) -> tuple[tuple[Code, frozenset[str]], ...]:
    """The distinctive stems of each area's name: "Alliance Governance" → {govern}."""
    return tuple((area.code, frozenset(set(terms(area.name)) - _GENERIC_NAME_STEMS)) for area in model.areas)


def _ordered_matches(table: dict[str, tuple[str, ...]], text: str) -> list[str]:
    positions = []
    for key, patterns in table.items():
        starts = [m.start() for p in patterns for m in re.finditer(p, text)]
        if starts:
            positions.append((min(starts), key))
    return [key for _, key in sorted(positions)]


def _any(patterns, text: str) -> bool:
    return any(re.search(pattern, text) for pattern in patterns)


def _add(values: list, value) -> None:
    if value not in values:
        values.append(value)


def _in_domain(text: str, slots: _Slots) -> bool:
    return bool(slots.roles or slots.certifications or slots.areas or slots.items) or any(
        term in text for term in DOMAIN_TERMS)


# --- intent -----------------------------------------------------------------------------------------------

def _decide(question: str, text: str, slots: _Slots, domain: bool) -> Understanding:
    base = Understanding(
        question, "concept", roles=tuple(slots.roles), areas=tuple(slots.areas), items=tuple(slots.items),
        certification=slots.certifications[0] if slots.certifications else None, facts=tuple(slots.facts),
        domain=domain, sections=tuple(slots.sections),
    )
    if slots.sections and not (slots.areas or slots.roles or slots.facts):
        return replace(base, intent="section")
    if _is_development(text, slots):
        return _development(base, slots, text)
    if _any(CATEGORY_PATTERNS, text) and not slots.areas:
        return replace(base, intent="categories")
    if _any(LIFECYCLE_PATTERNS, text) and not slots.roles:
        return replace(base, intent="lifecycle")
    if (_STATISTICS.search(text) and not slots.roles) or (
            _any(CONCEPT_PATTERNS, text) and not slots.items and len(slots.roles) < 2):
        return base  # numbers and the articles' own topics are answered from the articles
    if slots.facts and (slots.roles or slots.certifications or not slots.areas) and not _asks_role_in_area(text, slots):
        if slots.facts == ["Position Description"] and slots.roles:
            return replace(base, intent="role")  # "what does a director do?": the role's overview
        return replace(base, intent="job-facts")
    if _any(LIFECYCLE_PATTERNS, text) and not slots.roles:
        return replace(base, intent="lifecycle")
    if slots.roles and slots.areas:
        return replace(base, intent="role-area")
    if slots.roles and (_ROLE_OVERVIEW.search(text) or len(_terms_beyond_roles(text)) <= 1):
        return replace(base, intent="role")
    if slots.items:
        return replace(base, intent="item")
    if slots.areas:
        return replace(base, intent="area")
    if slots.certifications and _ASKS_ABOUT_CERTIFICATION.search(text):
        return replace(base, intent="certification")
    return base


def _terms_beyond_roles(text: str) -> list[str]:
    for patterns in ROLE_PATTERNS.values():
        for pattern in patterns:
            text = re.sub(pattern, " ", text)
    return terms(text)


def _asks_role_in_area(text: str, slots: _Slots) -> bool:
    return bool(slots.roles and slots.areas and _ROLE_OVERVIEW.search(text)) and "Experience Required" not in slots.facts


def _is_development(text: str, slots: _Slots) -> bool:
    if not _any(DEVELOPMENT_PATTERNS, text):
        return False
    return bool(slots.roles or slots.certifications or re.search(r"\b(?:gap|career|develop|promot|next level)", text))


_TARGET = re.compile(r"\b(?:become|becoming|to|into|promoted to|promotion to|next)\s+(?:an?\s+|the\s+)?$")
_FIRST_CERTIFICATE = re.compile(r"\b(?:get(?:ting)?|earn(?:ing)?|obtain(?:ing)?|achiev(?:e|ing)|pass(?:ing)?|"
                                r"(?:prepare|preparing|study|studying) for)\s+(?:my |the |a |an )?ca-?am\b")
_NEXT_ROLE = {"mid": "senior", "senior": "executive", "executive": "executive"}


def _development(base: Understanding, slots: _Slots, text: str = "") -> Understanding:
    """Who is developing from where to where: roles first, then certifications, then CA-AM → CSAP."""
    roles = list(dict.fromkeys(slots.roles))
    certs = list(dict.fromkeys(slots.certifications))
    from_role = to_role = None
    if len(roles) >= 2:
        from_role, to_role = roles[0], roles[-1]
    elif roles and _names_target(text, roles[0]):
        to_role = roles[0]
        from_role = {"executive": "senior", "senior": "mid"}.get(to_role) if not certs else None
    elif roles:
        from_role, to_role = roles[0], _NEXT_ROLE[roles[0]]
    if from_role and to_role:
        from_cert, to_cert = ROLE_CERTIFICATION[from_role], ROLE_CERTIFICATION[to_role]
    elif len(certs) >= 2:  # both named, in any order ("CSAP skills beyond CA-AM"): nobody develops downwards
        from_cert, to_cert = "CA-AM", "CSAP"
    elif to_role:
        from_cert, to_cert = (certs[0] if certs else "CA-AM"), ROLE_CERTIFICATION[to_role]
    elif certs == ["CA-AM"] and _FIRST_CERTIFICATE.search(text):  # "how do I get CA-AM?": from nothing
        from_cert, to_cert = None, "CA-AM"
    else:  # CSAP or no certification: CA-AM is where people start, CSAP where they grow to
        from_cert, to_cert = "CA-AM", "CSAP"
    roles_out = tuple(role for role in (from_role, to_role) if role)
    return replace(base, intent="development", roles=roles_out, from_certification=from_cert,
                   to_certification=to_cert)


def _names_target(text: str, role: str) -> bool:
    """Is the role named as where the person wants to go ("become a director")?"""
    for pattern in ROLE_PATTERNS[role]:
        match = re.search(pattern, text)
        if match and _TARGET.search(text[: match.start()]):
            return True
    return False


# --- follow-ups ----------------------------------------------------------------------------------------------

def _is_follow_up(text: str, slots: _Slots) -> bool:
    if _any(FOLLOW_UP_PATTERNS, text):
        return True
    words = text.split()
    named = bool(slots.roles) + bool(slots.areas) + bool(slots.certifications)
    return len(words) <= 6 and named <= 1


def _inherit(current: Understanding, previous: Understanding) -> Understanding:
    """Fill what the follow-up leaves open from the previous turn."""
    inherited: list[str] = []
    roles, areas, facts, intent = current.roles, current.areas, current.facts, current.intent
    carries = previous.intent in ("role-area", "role", "area", "item", "job-facts", "development", "lifecycle",
                                  "categories", "certification", "concept")
    if not carries:
        return current
    if not areas and previous.areas and intent in ("role", "concept", "certification"):
        areas = previous.areas
        inherited.append("areas")
    if not roles and previous.roles and intent in ("area", "item", "concept", "job-facts", "certification"):
        roles = previous.roles[-1:] if previous.intent == "development" else previous.roles
        inherited.append("role")
    if not facts and previous.facts and previous.intent == "job-facts" and intent in ("role", "concept"):
        facts = previous.facts
        inherited.append("facts")
    if previous.intent == "development" and intent in ("role", "job-facts", "certification", "concept", "area"):
        start = [previous.roles[0]] if previous.roles else []
        roles = tuple(dict.fromkeys([*start, *current.roles])) or previous.roles
        certs = [c for c in (previous.from_certification, current.certification) if c]
        developed = _development(replace(current, roles=roles), _Slots(roles=list(roles), certifications=certs))
        return replace(developed, inherited=("intent",), domain=True)
    if not inherited and intent != "concept":
        return current
    if not inherited:  # "tell me more", "why does it matter?": the previous question again, read with this one
        return replace(previous, question=f"{previous.question} {current.question}", inherited=("intent",))
    merged = replace(current, roles=roles, areas=areas, facts=facts, inherited=tuple(inherited), domain=True)
    return replace(merged, intent=_intent_after_merge(merged, previous))


def _intent_after_merge(merged: Understanding, previous: Understanding) -> str:
    if "facts" in merged.inherited or (previous.intent == "job-facts" and merged.facts):
        return "job-facts"
    if merged.roles and merged.areas:
        return "role-area"
    if merged.areas:
        return "item" if merged.items else "area"
    if merged.roles:
        return "role"
    return previous.intent
