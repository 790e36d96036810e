"""Finding a question's subjects: the roles, certifications, areas, items, sections, articles, job-description
rows and topics it names, using the lexicon read from the corpus (coach/lexicon.py).

Pure functions of the (normalised, spelling-corrected) question text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import cues
from .codes import Code, find_codes, loose_codes
from .lexicon import RARE, AreaName, Lexicon
from .model import CompetencyModel
from .query import Subjects
from .text import STOPWORDS, normalize, stem, terms, words

_SECTION = re.compile(r"\bsection\s+(iii|ii|i|3|2|1)\b(?!\s*[.\-]?\s*[a-o]\b)")
_SECTION_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "1": 1, "2": 2, "3": 3}
AREA_MIN = 0.4  # the weakest match that still names an area (one rare, distinctive word of its name)
AREA_MARGIN = 0.15  # areas within this of the best match are named too
ARTICLE_SHARE = 0.3  # the share of an article title's words (by rarity) that names it, with "article", "post" …


_MATRIX_NOUN_STEMS = frozenset(stem(word) for word in cues.MATRIX_NOUNS)


@dataclass
class Found:
    """What a question names, before it becomes a Subjects record."""

    subjects: Subjects
    unknown_codes: list[Code] = field(default_factory=list)
    weak_role: str | None = None  # "alliance manager" without a level: the mid-level title, or anyone
    stems: set[str] = field(default_factory=set)  # the stems the subjects account for
    coded: bool = False  # it writes a matrix code ("II C", "2c"), not only an area's words


def find_subjects(question: str, lexicon: Lexicon, model: CompetencyModel) -> Found:
    text = normalize(question)
    found_stems: set[str] = set()
    areas, items, unknown = _codes(question, model)
    coded = bool(areas or items)
    # "section III (corporate capability for collaboration)" names a section, not II K Corporate Relationship …
    for code in named_areas(_without(text, [named.phrases[0] for named in lexicon.sections]), lexicon, found_stems):
        if code not in areas:
            areas.append(code)
    # "professional development of alliance managers" names an area, not the alliance manager role
    unnamed = _without(text, [name for area in lexicon.areas if area.code in areas for name in area.names])
    roles, weak = find_roles(unnamed, lexicon, found_stems)
    subjects = Subjects(
        roles=tuple(roles),
        areas=tuple(areas),
        items=tuple(items),
        sections=tuple(_sections(text, lexicon)),
        certifications=tuple(find_certifications(text, lexicon, found_stems)),
        articles=tuple(_articles(text, lexicon, found_stems, areas)),
        facts=tuple(_fact_rows(text, lexicon, found_stems)),
        categories=tuple(_categories(text, lexicon, found_stems)),
        topics=tuple(_topics(text, lexicon, found_stems)),
    )
    return Found(subjects, unknown, weak, found_stems, coded)


def _without(text: str, phrases: Sequence[str]) -> str:
    """The text with these phrases blanked out, so that what they name is not read a second time."""
    for phrase in phrases:
        text = text.replace(phrase, " ")
    return text


def _codes(question: str, model: CompetencyModel) -> tuple[list[Code], list[Code], list[Code]]:
    areas: list[Code] = []
    items: list[Code] = []
    unknown: list[Code] = []
    written = find_codes(question)
    shorthand = [code for code in loose_codes(question) if model.exists(code) and code not in written]
    for code in written + shorthand:
        if not model.exists(code):
            unknown.append(code)
            continue
        if code.is_item:
            items.append(code)
        if code.area not in areas:
            areas.append(code.area)
    return areas, items, unknown


# --- roles ------------------------------------------------------------------------------------------------


def find_roles(text: str, lexicon: Lexicon, used: set[str] | None = None) -> tuple[list[str], str | None]:
    """Roles in the order named, and the weak "alliance manager" role when no level names it."""
    hits: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []

    def claim(start: int, end: int, role: str) -> None:
        if not any(start < e and s < end for s, e in taken):
            taken.append((start, end))
            hits.append((start, role))
            if used is not None:
                used.update(terms(text[start:end]))

    for phrase, role in [*lexicon.role_titles, *cues.ROLE_WORDS.items()]:
        spelled = re.escape(phrase).replace(r"\-", r"[\s-]")  # "executive-level alliance manager", or with a space
        for match in re.finditer(rf"(?<![\w-]){spelled}s?(?![\w-])", text):
            claim(match.start(), match.end(), role)
    heads = "|".join(re.escape(h) for h in sorted(cues.ROLE_HEADS, key=len, reverse=True))
    for word, role in lexicon.role_levels:
        level = rf"(?<![\w-]){word}s?(?![\w-])"
        for match in re.finditer(rf"{level}(?:\s+(?:alliance|partner|\w+-level))?\s+(?:{heads})\b", text):
            claim(match.start(), match.end(), role)
        # "and senior?", "from senior to director", "senior or director": no noun follows
        # "mid vs senior on II M", "sr vs dir in governance": a level set against another, then what about
        for match in re.finditer(
            rf"{level}(?=\s*(?:[?.!,;]|$|(?:and|or|vs|versus|to|into|now|yet|on|in|regarding|about)\b))", text
        ):
            claim(match.start(), match.end(), role)
    roles = [role for _, role in sorted(hits)]
    ordered = list(dict.fromkeys(roles))
    generic, generic_role = lexicon.generic_title
    weak = None
    for match in re.finditer(rf"(?<![\w-]){re.escape(generic)}s?(?![\w-])", text):
        if not any(s <= match.start() < e for s, e in taken):
            weak = generic_role
            if used is not None:
                used.update(terms(generic))
    return ordered, weak


# --- certifications -----------------------------------------------------------------------------------------


def find_certifications(text: str, lexicon: Lexicon, used: set[str] | None = None) -> list[str]:
    """ "CA-AM", "ca am", "caam", "Certified Strategic Alliance Professional" … in the order named."""
    tokens = re.findall(r"[a-z0-9]+", text.replace("-", " "))
    found: list[tuple[int, str]] = []
    for size in (1, 2, 3, 4, 5):
        for start in range(len(tokens) - size + 1):
            key = "".join(tokens[start : start + size])
            if key in lexicon.certifications:
                found.append((start, lexicon.certifications[key]))
                if used is not None:
                    used.update(stem(t) for t in tokens[start : start + size])
    return list(dict.fromkeys(name for _, name in sorted(found)))


# --- items named by their words -----------------------------------------------------------------------------

# The share (by rarity) of a competency's object words a question must use to name it by its words.
ITEM_NAMED = 0.8


def item_named_by_words(text: str, lexicon: Lexicon, model: CompetencyModel, named: Sequence[Code] = ()) -> Code | None:
    """The one competency whose statement the question spells out in its own words: "is designing a governance
    model on the CA-AM?" names II C.1 "Design an alliance governance model". A statement is a verb and its
    object; the object's distinctive words (by rarity) must nearly all be there, the verb breaks ties ("execute
    the governance model" is II C.2's "Execute an established alliance governance model" only if "established"
    is there too). None when no competency, or more than one equally, is named so. `named`: the areas the
    question names; their names' words name those areas, not a competency ("alliance governance or the
    operational model" is two areas, not II C.1 "Design an alliance governance model")."""
    asked = set(terms(text))
    area_stems = {area.code: frozenset(terms(" ".join(area.names))) for area in lexicon.areas}
    named_stems = frozenset().union(*(area_stems[code] for code in named))
    scored: list[tuple[float, Code]] = []
    for item in model.items:
        verb, *rest = words(item.statement) or [""]
        objects = set(terms(" ".join(rest))) - lexicon.generic
        weight = sum(lexicon.idf.get(s, 0.0) for s in objects)
        if not objects or (len(objects) == 1 and lexicon.counts.get(next(iter(objects)), 0) > RARE):
            continue  # one common word ("Assess risks") names no competency in particular
        share = sum(lexicon.idf.get(s, 0.0) for s in objects & asked) / weight
        # the words of its area's name alone name the area ("termination/transformation": II M, not II M.1)
        beyond_area = (objects & asked) - area_stems[item.code.area] - named_stems
        if share >= ITEM_NAMED and beyond_area:
            scored.append((share + (0.5 if stem(verb) in asked else 0.0), item.code))
    scored.sort(key=lambda pair: -pair[0])
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


# --- areas ----------------------------------------------------------------------------------------------------


def named_areas(text: str, lexicon: Lexicon, used: set[str] | None = None) -> list[Code]:
    """Areas the question names: by a name ("alliance launch"), a two-word part of a name with a distinctive
    word ("relationship management"), at least half the distinctive words of a name, or one rare word only
    that name uses ("negotiation" alone does not qualify: two names share it; "launch" does). The best
    matches win: "governance" names II C Alliance Governance, not I A Governance Structure."""
    # a word only an article heading uses as written ("transformational" of "Transformational Strategic
    # Alliance Manager") names that idea, not the area whose name shares its stem ("Transformation")
    question_stems = set(terms(" ".join(w for w in words(text) if not lexicon.is_heading_word(w))))
    scores: dict[Code, tuple[float, int]] = {}
    for area in lexicon.areas:
        score = _area_score(area, text, question_stems, lexicon)
        if score:
            scores[area.code] = (score, _first_position(text, area))
    if not scores:
        return []
    best = max(score for score, _ in scores.values())
    chosen = [code for code, (score, _) in scores.items() if score >= max(AREA_MIN, best - AREA_MARGIN)]
    chosen.sort(key=lambda code: scores[code][1])
    if used is not None:
        for area in lexicon.areas:
            if area.code in chosen:
                used.update(area.stems & question_stems)
                used.update(s for name in area.names for s in terms(name) if s in question_stems)
    return chosen


def _area_score(area: AreaName, text: str, question_stems: set[str], lexicon: Lexicon) -> float:
    if any(_contains(text, name) for name in area.names):
        return 1.0
    if any(_contains(text, pair) for pair in area.bigrams):
        return 0.9
    matched = (area.stems - _MATRIX_NOUN_STEMS) & question_stems  # "skills" names no area; "skill development" does
    specific = matched - lexicon.generic
    others = bool((question_stems - matched) & lexicon.domain)  # "life" alone is not "alliance life cycle"
    single_but_telling = len(specific) == 1 and lexicon.counts.get(next(iter(specific)), 0) <= 3 * RARE and others
    if (
        specific
        and len(matched) / len(area.stems) >= 0.5
        and (len(matched) >= 2 or len(area.stems) == 1 or single_but_telling)
    ):
        return 0.8 * len(matched) / len(area.stems)
    rare = (area.rare - _MATRIX_NOUN_STEMS) & question_stems
    if rare and (question_stems - rare) & lexicon.domain:  # "selection" in an alliance question, not "life" alone
        return AREA_MIN
    return 0.0


def _first_position(text: str, area: AreaName) -> int:
    positions = [text.find(w) for name in area.names for w in words(name) if stem(w) in area.stems]
    positions = [p for p in positions if p >= 0]
    return min(positions) if positions else len(text)


def _contains(text: str, phrase: str) -> bool:
    return bool(re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text))


# --- sections, articles, rows, topics --------------------------------------------------------------------------


def _sections(text: str, lexicon: Lexicon) -> list[int]:
    found = [(m.start(), _SECTION_NUMBERS[m.group(1)]) for m in _SECTION.finditer(text)]
    for named in lexicon.sections:
        position = text.find(named.phrases[0])
        if position >= 0:
            found.append((position, int(named.key)))
    return list(dict.fromkeys(number for _, number in sorted(found)))


def _articles(text: str, lexicon: Lexicon, used: set[str], areas: Sequence[Code] = ()) -> list[str]:
    """Articles named by their title, or by enough of its words (weighted by rarity) together with a word such
    as "article" or "post": "the 'no respect' blog post", "the strategic alliance manager piece"."""
    question_stems = set(terms(text))
    refers = any(re.search(rf"\b{word}\b", text) for word in cues.ARTICLE_WORDS)
    # "per the position description in the ASAP guide" asks the guide: "ASAP" does not name the ASAP summit post
    of_the_guide = bool(re.search(r"\bguide\b", text)) and not refers
    scored = []
    for article in lexicon.articles:
        if any(_contains(text, phrase) for phrase in article.phrases):
            scored.append((2.0, article.key))
            continue
        best = 0.0
        for part in article.phrases:  # the title, and each part of a two-part title
            title_stems = set(terms(part)) - {stem(w) for w in cues.ARTICLE_WORDS}
            if not title_stems:
                continue
            weights = {s: lexicon.idf.get(s, 1.0) for s in title_stems}
            matched = title_stems & question_stems
            share = sum(weights[s] for s in matched) / sum(weights.values())
            telling = (title_stems - lexicon.generic) & question_stems
            named = (
                (share >= ARTICLE_SHARE if title_stems - lexicon.generic else title_stems <= question_stems)
                if refers
                else bool(telling) and share >= 2 * ARTICLE_SHARE and not of_the_guide
            )
            if named:
                best = max(best, share + 0.1 * len(matched))
        if best:
            scored.append((best, article.key))
    question_words = set(words(text))
    area_words = {w for area in lexicon.areas if area.code in areas for name in area.names for w in words(name)}
    for heading in lexicon.headings:  # a section heading named whole: "agents of change", "a creator"
        own_words = {w for w in words(heading.phrases[0]) if stem(w) in heading.stems}
        if own_words <= area_words and not refers:
            continue  # "governance" names the area the question names, not the article's list item
        # one word of a heading names it only as written, with the heading's other words ("the 'creator' idea"):
        # "build" is not "Relationship Building", nor is "building the tools"
        verbatim = {w for w in words(heading.phrases[0]) if w not in STOPWORDS} <= question_words
        if heading.stems <= question_stems and (refers or len(heading.stems) > 1 or verbatim):
            scored.append((1.5, heading.key))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    chosen = [key for score, key in scored if score >= best]
    for article in lexicon.articles:
        if article.key in chosen:
            used.update(set(terms(article.phrases[0])) & question_stems)
    return chosen


def _fact_rows(text: str, lexicon: Lexicon, used: set[str]) -> list[str]:
    question_stems = set(terms(text))
    found = []
    for row in lexicon.fact_rows:
        by_words = row.stems & question_stems and row.key != "Position Description"  # the overview: by name only
        if any(_contains(text, phrase) for phrase in row.phrases) or by_words:
            found.append(row.key)
            used.update(row.stems & question_stems)
    return found


def _categories(text: str, lexicon: Lexicon, used: set[str]) -> list[str]:
    """Competency categories named by their name, or by its first word before "competencies" / "skills" /
    "knowledge" ("company knowledge": Company-Specific Competencies) or in quotes ("what does 'context' mean?"),
    or by another word of the name before "knowledge" ("industry knowledge": Business and Industry Knowledge)."""
    found = []
    for named in lexicon.categories:
        first = named.phrases[0].split()[0]
        head = first.split("-")[0]  # "company knowledge" names Company-Specific Competencies
        others = [w for w in named.phrases[0].split()[1:] if len(w) > 3 and w not in ("competencies", "knowledge")]
        pattern = (
            rf"(?:{re.escape(first)}|{re.escape(head)})\s+(?:(?:and|or|vs\.?|versus|,)\s+[\w-]+\s+)?"
            rf"(?:competenc|skills?\b|knowledge\b)"
            rf"|['\"]{re.escape(first)}['\"]"
            + "".join(rf"|\b{re.escape(word)}\s+knowledge\b" for word in others)  # "industry knowledge"
        )
        position = min(
            (m.start() for phrase in named.phrases[:1] for m in re.finditer(re.escape(phrase), text)), default=None
        )
        match = re.search(pattern, text)
        if position is not None or match is not None:
            found.append((position if position is not None else match.start() if match else 0, named.key))
            used.update(named.stems & set(terms(text)))
            if match is not None:  # "company knowledge": the noun is part of the name, not what is asked about
                used.update(terms(match.group(0)))
    return [key for _, key in sorted(found)]


def _topics(text: str, lexicon: Lexicon, used: set[str]) -> list[str]:
    """ "categories" (the guide's competency categories), "matrix" (the whole matrix), "roles" (every role)."""
    topics = []
    if re.search(r"\bcategor", text) and re.search(r"\bcompetenc|\bskills?\b|\bguide\b", text):
        topics.append("categories")
        used.add(stem("categories"))
    if re.search(r"\bmatrix\b", text):
        topics.append("matrix")
        used.add(stem("matrix"))
    if cues.EVERYONE.search(text):
        topics.append("roles")
    return topics
