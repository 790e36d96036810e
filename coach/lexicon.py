"""The vocabulary of the subject matter, read from the corpus: how roles, certifications, areas, sections,
competency categories and types, articles and job-description rows are named.

Nothing here is typed in by hand: role words come from the job descriptions' names and example titles,
certification names from the guide's own "(CA-AM)" / "(CSAP)", area names from the matrix and from the
guide's list of core competencies (which names some areas differently: "Alliance Cycle"), article names
from their titles. A stem is *distinctive* for an area when few area names share it and the corpus does not
use it everywhere ("governance" is; "alliance" is not). The few words people use that no document contains
live in coach/cues.py and coach/guards.py.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from .codes import Code
from .model import CompetencyModel
from .records import COMPETENCY_TYPES, Document, DocumentKind, Passage, RecordKind
from .text import normalize, stem, terms, words

# A stem used by more than this share of the index's records says nothing about which one a question means.
GENERIC_SHARE = 0.1
# An area-name stem shared by more than this many area names does not point at one area.
MAX_NAME_SHARE = 3
# A stem in at most this many records is rare: alone, it can point at the area or row whose name uses it.
RARE = 8
DOMAIN_TOP = 15  # the corpus's most used content stems ("alliance", "partner" …) count as domain words
RolePhrases = tuple[tuple[str, str], ...]  # (normalised phrase, role id)


@dataclass(frozen=True)
class AreaName:
    code: Code
    names: tuple[str, ...]  # normalised: the matrix's name, and the core-competency list's where it differs
    stems: frozenset[str]  # the distinctive stems of its names (at most MAX_NAME_SHARE names use each)
    rare: frozenset[str]  # those no other area name uses and few records contain: one alone names the area
    bigrams: tuple[str, ...]  # two-word phrases of its names with a distinctive stem ("relationship management")


@dataclass(frozen=True)
class Named:
    """Something people name by a phrase: a job-description row, a category, an article, a section."""

    key: str  # the label, document id or section number (as text)
    phrases: tuple[str, ...]  # normalised phrases that name it outright
    stems: frozenset[str]  # distinctive stems that point at it


@dataclass(frozen=True, eq=False)
class Lexicon:
    role_titles: tuple[tuple[str, str], ...]  # (normalised phrase, role id): names and titles that are roles
    role_levels: tuple[tuple[str, str], ...]  # ("senior", "senior"): level words, roles only with a head noun
    generic_title: tuple[str, str]  # ("alliance manager", "mid"): the title every role name contains
    certifications: dict[str, str]  # squashed spelling ("caam") → "CA-AM"
    certification_names: dict[str, str]  # "CA-AM" → "Certificate of Achievement – Alliance Manager"
    areas: tuple[AreaName, ...]
    sections: tuple[Named, ...]
    categories: tuple[Named, ...]
    competency_types: dict[str, str]  # stem → flag label ("context" → "Context")
    articles: tuple[Named, ...]
    headings: tuple[Named, ...]  # the articles' headings: key "document-id", stems of the heading
    fact_rows: tuple[Named, ...]
    generic: frozenset[str]  # stems too common in the corpus to point at anything
    corpus_stems: frozenset[str]
    domain: frozenset[str]  # stems that place a question in alliance management
    idf: dict[str, float]
    counts: dict[str, int]  # stem → how many records use it

    @cached_property
    def title_initials(self) -> dict[str, str]:
        """The initials of the job titles the guide uses ("am" → "alliance manager", "sam" → "senior alliance
        manager"): shorthand for a role, not a name foreign to the documents."""
        titles = [title for title, _ in self.role_titles] + [self.generic_title[0]]
        found: dict[str, str] = {}
        for title in sorted(titles, key=len):  # the shortest title of given initials ("alliance manager")
            words_ = title.replace("-", " ").split()
            if len(words_) > 1 and words_[-1] == "manager":
                found.setdefault("".join(word[0] for word in words_), title)
        return found

    def expand_initials(self, text: str) -> str:
        """ "sr AM" → "sr alliance manager": a title's initials typed in capitals (plural too) read as the title."""

        def replace(match: re.Match[str]) -> str:
            initials, plural = match.group(1).lower(), match.group(2)
            title = self.title_initials.get(initials)
            return f"{title}{'s' if plural else ''}" if title else match.group(0)

        return re.sub(r"(?<![\w-])([A-Z]{2,4})(s?)(?![\w-])", replace, text)  # not the AM of "CA-AM"

    @cached_property
    def role_stems(self) -> frozenset[str]:
        """The stems of the roles' names and titles."""
        return frozenset(s for phrase, _ in self.role_titles for s in terms(phrase))

    @cached_property
    def heading_words(self) -> frozenset[str]:
        """The words of the articles' headings that share a stem with an area's name but are not its words as
        written (a plural is its singular): "transformational", not "transformation". Such a word, as written,
        names the articles' idea, not the area or a job-description line that uses the stem."""
        named = {w.rstrip("s") for area in self.areas for name in area.names for w in words(name)}
        area_stems = {s for area in self.areas for s in area.stems}
        heading = {w.rstrip("s") for h in self.headings for w in words(h.phrases[0]) if stem(w) in area_stems}
        return frozenset(heading - named)

    def is_heading_word(self, word: str) -> bool:
        """Is this word, as written (a plural as its singular), one of `heading_words`?"""
        return word.rstrip("s") in self.heading_words

    @cached_property
    def compounds(self) -> dict[str, str]:
        """Two-word names written as one ("lifecycle", "life-cycle" → "life cycle")."""
        phrases = [name for area in self.areas for name in area.names]
        phrases += [p for p, _ in self.role_titles] + [p for named in self.categories for p in named.phrases]
        joined = {}
        for phrase in phrases:
            tokens = phrase.split()
            for first, second in itertools.pairwise(tokens):
                if first.isalpha() and second.isalpha():
                    joined[first + second] = f"{first} {second}"
                    joined[f"{first}-{second}"] = f"{first} {second}"
        return joined

    def split_compounds(self, text: str) -> str:
        def spaced(match: re.Match[str]) -> str:
            return self.compounds.get(match.group(0).lower(), match.group(0))

        return re.sub(r"[A-Za-z]+(?:-[A-Za-z]+)?", spaced, text)

    @cached_property
    def vocabulary_text(self) -> str:
        """Every phrase of the lexicon, for the spelling corrector."""
        parts = [p for p, _ in self.role_titles + self.role_levels] + list(self.certifications)
        parts += [name for area in self.areas for name in area.names]
        for group in (self.sections, self.categories, self.articles, self.fact_rows):
            parts += [phrase for named in group for phrase in named.phrases]
        return " ".join(parts)


def build_lexicon(model: CompetencyModel, documents: list[Document], passages: list[Passage]) -> Lexicon:
    counts = Counter(stem_ for passage in passages for stem_ in set(terms(passage.text)))
    generic = frozenset(s for s, n in counts.items() if n > GENERIC_SHARE * len(passages))
    idf = {s: _idf(len(passages), n) for s, n in counts.items()}
    role_titles, role_levels, generic_title = _role_words(model)
    certifications, certification_names = _certifications(model.guide.text)
    areas = _areas(model, counts)
    articles = tuple(_article(doc, generic) for doc in documents if doc.kind == DocumentKind.ARTICLE)
    domain = _domain(model, counts, areas, role_titles, role_levels, certifications, articles)
    return Lexicon(
        role_titles=role_titles,
        role_levels=role_levels,
        generic_title=generic_title,
        certifications=certifications,
        certification_names=certification_names,
        areas=areas,
        sections=tuple(Named(str(n), (normalize(name),), frozenset()) for n, name in model.section_names.items()),
        categories=tuple(_category(c.name) for c in model.categories),
        competency_types={stem(label.lower()): label for label in COMPETENCY_TYPES},
        articles=articles,
        headings=_headings(passages, [d for d in documents if d.kind == DocumentKind.ARTICLE], generic),
        fact_rows=_fact_rows(model, counts, generic),
        generic=generic,
        corpus_stems=frozenset(counts),
        domain=domain,
        idf=idf,
        counts=dict(counts),
    )


def _idf(total: int, count: int) -> float:
    import math

    return math.log(1 + total / count)


# --- roles ------------------------------------------------------------------------------------------------


def _role_words(model: CompetencyModel) -> tuple[RolePhrases, RolePhrases, tuple[str, str]]:
    """From "Senior-level Alliance Manager" / "Senior Alliance or Partner Manager": the level word "senior"
    (a role only before a head noun: "senior manager", not "senior management"), and the titles
    "senior alliance manager", "partner manager"; "Director or VP, Strategic Alliances" gives "director"
    and "vp". The title all roles share ("alliance manager") is the mid-level role's own title."""
    titles: list[tuple[str, str]] = []
    levels: list[tuple[str, str]] = []
    for role in model.roles:
        name = normalize(role.name)
        titles.append((name, role.id))
        level = name.split()[0]  # "senior-level"
        titles.append((level, role.id))
        titles.append((level.replace("-", " "), role.id))
        levels.append((level.split("-")[0], role.id))  # "senior"
        for title in _titles(role.example_titles):
            titles.append((title, role.id))
    shared = [
        title
        for title, _ in titles
        if sum(t == title for t, _ in titles) == 1 and all(title in normalize(role.name) for role in model.roles)
    ]
    generic = next(((title, role_id) for title, role_id in titles if title in shared), ("alliance manager", "mid"))
    titles = [(title, role_id) for title, role_id in titles if title != generic[0]]
    ordered = sorted(dict.fromkeys(titles), key=lambda pair: -len(pair[0]))
    return tuple(ordered), tuple(dict.fromkeys(levels)), generic


def _titles(example_titles: str) -> list[str]:
    """ "Senior Alliance or Partner Manager" → ["senior alliance manager", "partner manager"];
    "Director or VP, Strategic Alliances" → ["director", "vp"]."""
    head = normalize(example_titles.split(",", maxsplit=1)[0])
    parts = [part.strip() for part in head.split(" or ")]
    if len(parts) == 2 and len(parts[0].split()) > 1 and len(parts[1].split()) > 1:
        last = parts[1].split()[-1]  # "senior alliance" + "partner manager": the noun is shared
        return [f"{parts[0]} {last}" if not parts[0].endswith(last) else parts[0], parts[1]]
    return [part for part in parts if part]


# --- certifications ---------------------------------------------------------------------------------------

_CERTIFICATION = re.compile(r"(Certifi\w+ [^()]{3,80}?) \(([A-Z][A-Z-]{2,8})\)")


def squash(text: str) -> str:
    """ "CA-AM", "ca am", "caam" → "caam": spellings of an abbreviation without separators."""
    return re.sub(r"[^a-z0-9]", "", normalize(text))


def _certifications(guide_text: str) -> tuple[dict[str, str], dict[str, str]]:
    """The guide spells them out once: "Certificate of Achievement – Alliance Manager (CA-AM)"."""
    names: dict[str, str] = {}
    for match in _CERTIFICATION.finditer(guide_text):
        names.setdefault(match.group(2), match.group(1).strip())
    spellings = {squash(abbreviation): abbreviation for abbreviation in names}
    spellings.update({squash(name): abbreviation for abbreviation, name in names.items()})
    return spellings, names


# --- areas -------------------------------------------------------------------------------------------------


def _areas(model: CompetencyModel, counts: Counter[str]) -> tuple[AreaName, ...]:
    names = {area.code: [normalize(area.name)] for area in model.areas}
    for code, alternative in _core_competency_names(model):
        if normalize(alternative) not in names[code]:
            names[code].append(normalize(alternative))
    stems = {code: set(terms(" ".join(found))) for code, found in names.items()}
    share = Counter(s for found in stems.values() for s in found)
    result = []
    for code, found in names.items():
        distinctive = frozenset(s for s in stems[code] if share[s] <= MAX_NAME_SHARE)
        rare = frozenset(s for s in distinctive if share[s] == 1 and counts.get(s, 0) <= RARE)
        bigrams = tuple(
            dict.fromkeys(pair for name in found for pair in _bigrams(name) if set(terms(pair)) & distinctive)
        )
        result.append(AreaName(code, tuple(found), distinctive, rare, bigrams))
    return tuple(result)


def _bigrams(name: str) -> list[str]:
    """Consecutive content words of a name: "corporate relationship management" → "corporate relationship",
    "relationship management"."""
    content = [word for word in words(name) if terms(word)]
    return [f"{first} {second}" for first, second in itertools.pairwise(content)]


def _core_competency_names(model: CompetencyModel) -> list[tuple[Code, str]]:
    """The guide's "Core Competencies" list names the matrix's areas group by group, in matrix order
    (sometimes in other words: "Alliance Cycle", "Alliance Operations Model")."""
    core = next((c for c in model.categories if len(c.groups) == len(model.section_names)), None)
    if core is None:
        return []
    pairs = []
    for section, (_, listed) in zip(sorted(model.section_names), core.groups, strict=False):
        areas = [area for area in model.areas if area.code.section == section]
        if len(areas) == len(listed):
            pairs += [(area.code, name) for area, name in zip(areas, listed, strict=True)]
    return pairs


# --- categories, articles, job-description rows -----------------------------------------------------------


def _category(name: str) -> Named:
    phrase = normalize(name)
    return Named(name, (phrase, phrase.rstrip("s")), frozenset(terms(name)) - {stem("competencies")})


def _article(document: Document, generic: frozenset[str]) -> Named:
    title = normalize(document.title)
    parts = [part.strip(" !?.") for part in re.split(r"[/:(]", title) if len(part.strip(" !?.")) > 3]
    return Named(document.id, tuple(dict.fromkeys([title, *parts])), frozenset(terms(document.title)) - generic)


def _headings(passages: list[Passage], documents: list[Document], generic: frozenset[str]) -> tuple[Named, ...]:
    """The articles' section headings ("Transformational Strategic Alliance Manager", "Agents of Change"):
    naming one names the article."""
    titles = {d.id: normalize(d.title) for d in documents}
    found = {}
    for passage in passages:
        if (
            passage.kind == RecordKind.PASSAGE
            and passage.heading
            and passage.document in titles
            and normalize(passage.heading) not in titles[passage.document]
        ):
            stems = frozenset(terms(passage.heading)) - generic
            if stems:
                found[(passage.document, passage.heading)] = Named(
                    passage.document, (normalize(passage.heading),), stems
                )
    return tuple(found.values())


def _fact_rows(model: CompetencyModel, counts: Counter[str], generic: frozenset[str]) -> tuple[Named, ...]:
    """A job-description row is named by its label's own words ("experience", "education", "reporting"),
    or by an abbreviation only its values use ("MBA", "BS/BA"). Label words the corpus uses widely
    ("responsibilities") name nothing."""
    labels = list(model.roles[0].facts())
    role_stems = {stem(w) for role in model.roles for w in words(f"{role.name} {role.example_titles}")}
    label_stems = {label: set(terms(label)) - generic for label in labels}
    found = []
    for label in labels:
        own = {
            s
            for s in label_stems[label]
            if sum(s in stems for stems in label_stems.values()) == 1 and s != stem("responsibilities")
        }  # the primary / secondary lists' word: not this row
        values = " ".join(role.facts()[label] for role in model.roles)
        elsewhere = " ".join(role.facts()[other] for role in model.roles for other in labels if other != label)
        abbreviations = {
            stem(w.lower())
            for w in re.findall(r"\b[A-Z]{2,4}\b", values)
            if w not in elsewhere and counts.get(stem(w.lower()), 0) <= len(model.roles)
        }
        found.append(Named(label, (normalize(label),), frozenset(own | abbreviations) - role_stems))
    return tuple(found)


# --- the domain ----------------------------------------------------------------------------------------------


def _domain(
    model: CompetencyModel,
    counts: Counter[str],
    areas: tuple[AreaName, ...],
    role_titles: RolePhrases,
    role_levels: RolePhrases,
    certifications: dict[str, str],
    articles: tuple[Named, ...],
) -> frozenset[str]:
    """Stems that say a question is about alliance management: the corpus's most used content stems, the
    areas' distinctive stems, role words, certification names and article title words."""
    top = {s for s, _ in counts.most_common(DOMAIN_TOP) if len(s) > 2}
    named = set().union(*(area.stems for area in areas))
    named |= {stem(w) for phrase, _ in role_titles + role_levels for w in words(phrase)}
    named |= set(certifications) | set().union(*(article.stems for article in articles))
    named |= set(terms(" ".join(category.name for category in model.categories)))
    return frozenset(top | named)
