"""The typed question: what the understand stage hands to the operations.

A `Query` names its subjects (roles, areas, items, sections, certifications, articles, job-description rows,
topics), the operation asked for, its constraints (an exam-level filter, a competency type, responsibility
kind, show everything) and what it inherited from the previous turn. Nothing here parses text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import TypedDict, TypeVar, Unpack

from .codes import Code
from .records import ResponsibilityKind

T = TypeVar("T")


class Operation(StrEnum):
    """What a question can ask for. Each has one function in coach/operations/ (see OPERATIONS there). A
    StrEnum: it compares equal to its value and prints as it ("advise")."""

    EXPLAIN = "explain"  # an item, an area or a section: what it is, its exam levels, who owns it
    LIST = "list"  # the members of a set: an area's items, a section's areas, a list in an article
    COUNT = "count"  # how many members a set has, and how they split by exam level
    FILTER = "filter"  # the members of a set that satisfy an exam level or competency type
    COMPARE = "compare"  # two roles, two certifications or two areas, side by side
    OWNERS = "owners"  # who owns an area (optionally: what one role owns in it)
    ROLE = "role"  # a role: its job description, or the rows that answer the question about it
    ROLE_AREAS = "role-areas"  # the areas a role's responsibilities name
    FACTS = "facts"  # job-description rows (experience, education, reporting, certification …) by role
    DEVELOP = "develop"  # what to develop to move from one role or certification to the next
    ADVISE = "advise"  # open and situational questions: ranked evidence across all kinds
    SUMMARIZE = "summarize"  # one article: its sections and key sentences
    WHY = "why"  # the basis of the previous answer, or why something is so
    MORE = "more"  # the rest of the previous answer's capped list
    SMALL_TALK = "small-talk"  # greetings, thanks, goodbyes, "what can you do?"
    REFUSE = "refuse"  # injection, a code that does not exist, outside alliance management, empty

    @classmethod
    def taught(cls) -> tuple[Operation, ...]:
        """The operations the example library labels (the router learns these); the rest are decided from
        what the question names (`role-areas`) or before any operation is chosen (`refuse`)."""
        return tuple(op for op in cls if op not in (cls.ROLE_AREAS, cls.REFUSE))


OPERATIONS = tuple(op.value for op in Operation)

# Exam-level filters ("CA-AM only" …) and the levels themselves ("at CSAP").
# The filters that narrow a set ("only", "both", "neither", "not on the …"), and with the levels themselves
NARROWING_FILTERS = ("CA-AM only", "CSAP only", "both", "neither", "not CA-AM", "not CSAP")
EXAM_FILTERS = (*NARROWING_FILTERS, "CA-AM", "CSAP")


@dataclass(frozen=True)
class Subjects:
    roles: tuple[str, ...] = ()  # role ids, in the order named
    areas: tuple[Code, ...] = ()
    items: tuple[Code, ...] = ()
    sections: tuple[int, ...] = ()
    certifications: tuple[str, ...] = ()  # "CA-AM", "CSAP", in the order named
    articles: tuple[str, ...] = ()  # document ids
    facts: tuple[str, ...] = ()  # job-description row labels ("Experience Required" …)
    categories: tuple[str, ...] = ()  # competency category names ("Context Competencies" …)
    topics: tuple[str, ...] = ()  # "categories" (all of them), "matrix" (the whole), "roles" (every role)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def names(self) -> list[str]:
        """The kinds of subject present ("roles", "areas" …)."""
        return [f.name for f in fields(self) if getattr(self, f.name)]

    def merged(self, newer: Subjects) -> Subjects:
        """These subjects with every kind the newer turn names replaced by the newer ones; an older competency
        goes with its area when the newer turn names another ("and II D?" after II C.1 is about II D)."""
        kept = replace(self, **{name: getattr(newer, name) for name in newer.names()})
        if newer.areas and not newer.items:
            kept = replace(kept, items=tuple(item for item in kept.items if item.area in newer.areas))
        return kept

    def joined(self, newer: Subjects) -> Subjects:
        """These subjects and the newer turn's, side by side ("contrast with senior" after the mid-level role:
        both roles)."""
        return replace(
            self, **{name: tuple(dict.fromkeys(getattr(self, name) + getattr(newer, name))) for name in newer.names()}
        )


# What a turn pointing at a row of the previous answer asks of it, unless it asks something else of it ("who
# owns the last one?"): what the row is ("what does the second one mean?")
POINTED_EXPLAINED = ("advise", "list", "explain", "more", "filter", "count")


def at_positions(rows: Sequence[T], positions: Sequence[int]) -> tuple[T, ...]:
    """The rows at these positions, counted from 1 ("the second one": 2) or from the end ("the last one": -1);
    positions past the rows are left out."""
    indexes = [n - 1 if n > 0 else n for n in positions]
    return tuple(rows[i] for i in indexes if -len(rows) <= i < len(rows))


class RoleSet(StrEnum):
    """Which of the roles' areas a question asks for: those every role named holds, or one role's alone."""

    SHARED = "shared"
    ALONE = "alone"


class Bound(StrEnum):
    """How a size is asked of a set's members: "exactly 3 items", "more than 8 competencies"."""

    EXACTLY = "exactly"
    MORE = "more than"
    AT_LEAST = "at least"
    FEWER = "fewer than"
    AT_MOST = "at most"


@dataclass(frozen=True)
class SizeBound:
    """A size asked of the matrix's areas ("which areas have more than 8 items?"): the areas it admits."""

    bound: Bound
    number: int

    def admits(self, size: int) -> bool:
        return {
            Bound.EXACTLY: size == self.number,
            Bound.MORE: size > self.number,
            Bound.AT_LEAST: size >= self.number,
            Bound.FEWER: size < self.number,
            Bound.AT_MOST: size <= self.number,
        }[self.bound]

    def __str__(self) -> str:
        return f"{self.bound} {self.number}"


@dataclass(frozen=True)
class Wording:
    """What the operations need of how a question is worded, read once by the understand stage (the operations
    never parse the text themselves)."""

    stems: tuple[str, ...] = ()  # its content stems, in order (coach/text.terms)
    quoted: tuple[str, ...] = ()  # phrases it quotes: 'roach motel'
    refers_to_article: bool = False  # "article", "post", "blog", "author" …
    asks_numbers: bool = False  # a share, a fraction, a percentage, a figure (coach/sentences.asks_for_a_number)
    compares: bool = False  # "vs", "compare", "difference" …
    counts: bool = False  # "how many", "number of" …
    counted: str = ""  # the stem of what "how many" counts: "how many alliances …" → "allianc"
    measured: str = ""  # the stem of what a share is asked of: "how much of our roadmap …" → "roadmap"
    step: int = 0  # asks what comes after (1) or before (-1) something in a sequence
    locates: bool = False  # asks where in the matrix a topic is ("which area covers exit strategy?")
    asks_job: bool = False  # about a role's job itself: "what does … do all day", duties (coach/cues.ROLE_JOB)
    names_target: bool = False  # a role named as where one wants to get to: "become", "promoted to" …
    prepares: bool = False  # preparing for, studying for, taking an exam
    says_areas: bool = False  # the word "area(s)"
    says_sections: bool = False  # the word "section(s)"
    says_exams: bool = False  # the exams by name or as such: "CA-AM", "CSAP", "exam(s)", "certification(s)"
    reports_to: bool = False  # who reports to a role ("who reports to the director?"): every role's reporting line
    role_set: RoleSet | None = None  # the roles' areas in common, or one role's alone (coach/cues.ROLES_SHARE …)
    groups_named: tuple[str, ...] = ()  # II M's row groups it names ("Termination")
    groups_excluded: tuple[str, ...] = ()  # … or excludes ("not the transformation ones")


@dataclass(frozen=True)
class Query:
    text: str  # the question as understood (spelling corrected, markup removed)
    operation: str
    subjects: Subjects = field(default_factory=Subjects)
    exam: str | None = None  # one of EXAM_FILTERS
    competency_type: str | None = None  # "Context" | "Core" | "Company" | "Industry"
    responsibility_kind: ResponsibilityKind | None = None
    show_all: bool = False
    areas_without: bool = False  # asks for the areas none of whose items satisfy the exam filter
    areas_entirely: bool = False  # asks for the areas every one of whose exam items satisfies the filter
    context: str = ""  # earlier text an anaphoric follow-up is read with ("that", "those")
    inherited: tuple[str, ...] = ()  # what came from the previous turn: subject kinds, "operation", "exam" …
    previous: Query | None = field(default=None, repr=False, compare=False)
    refusal: str | None = None  # "injection" | "unknown-code" | "out-of-scope" | "empty"
    small_talk: str | None = None  # "greeting" | "thanks" | "acknowledgement" | "farewell" | "about" |
    # "nothing-to-expand" ("show all" with no answer before it)
    unknown_codes: tuple[Code, ...] = ()
    domain_words: tuple[str, ...] = ()  # the corpus's own domain words the question uses
    focus: tuple[str, ...] = ()  # content stems not accounted for by its subjects or the words of asking
    personal: bool = False  # asked in the first person ("what should I …"): a profile may fill gaps
    # the matrix areas the router reads the question as about, best first, with their blended scores
    area_scores: tuple[tuple[Code, float], ...] = ()
    # the matrix items whose library descriptions are closest to the question, closest first (Routing.items)
    item_scores: tuple[tuple[Code, float], ...] = ()
    # the article sentences whose library descriptions are closest to it, closest first (Routing.quotes)
    quote_scores: tuple[tuple[str, float], ...] = ()
    # the router's probability that it is in the domain but not answered by the documents (see not_covered)
    not_covered_chance: float = 0.0
    in_scope: bool = False  # the router reads it as about a matrix area (TUNING.area_confident)
    advice: bool = False  # the router reads it as asking what to do (a situation), whatever its grammar
    # narrows the previous answer's competencies ("only the CSAP ones" after a situation); `within` holds them
    # once the operations have read that answer again
    narrows: bool = False
    superlative: str | None = None  # "smallest" | "largest": a count ranked ("which area is the smallest?")
    # the matrix's areas asked about one by one ("how many CSAP-only items does each area have?"), or those of
    # a size ("which areas have exactly 3 items?")
    per_area: bool = False
    size_bound: SizeBound | None = None
    within: tuple[Code, ...] = ()
    # rows of the previous answer it points at by position ("the second one": 2; "the last one": -1)
    positions: tuple[int, ...] = ()
    that_one: bool = False  # "what does that one mean?": the previous answer's only row, if it showed one
    wording: Wording = field(default_factory=Wording)

    @property
    def filtered(self) -> bool:
        """An exam level or a competency type narrows the set it asks about."""
        return bool(self.exam or self.competency_type)

    @property
    def counts_each_area(self) -> bool:
        """Each of the matrix's areas is counted on its own: those of a size ("which areas have exactly 3
        items?"), or what a filter keeps in each, one by one or ranked ("which area has the most CA-AM only
        items?")."""
        return self.size_bound is not None or (self.filtered and (self.per_area or bool(self.superlative)))

    @property
    def refused(self) -> bool:
        return self.operation == "refuse"

    @property
    def not_covered(self) -> bool:
        """The router reads it as possibly not answered by the documents: it is checked strictly on the evidence."""
        from .tuning import TUNING  # tuning → router.model → query: imported when first read

        return self.not_covered_chance >= TUNING.not_covered

    @property
    def search_text(self) -> str:
        """What retrieval should look for: the question, read with what an anaphoric follow-up refers to."""
        return f"{self.context} {self.text}".strip() if self.context else self.text

    def with_(self, **changes: Unpack[QueryChanges]) -> Query:
        return replace(self, **changes)


class QueryChanges(TypedDict, total=False):
    """The fields of a Query, each optional: what `Query.with_` may change (the same names and types)."""

    text: str
    operation: str
    subjects: Subjects
    exam: str | None
    competency_type: str | None
    responsibility_kind: ResponsibilityKind | None
    show_all: bool
    areas_without: bool
    areas_entirely: bool
    context: str
    inherited: tuple[str, ...]
    previous: Query | None
    refusal: str | None
    small_talk: str | None
    unknown_codes: tuple[Code, ...]
    domain_words: tuple[str, ...]
    focus: tuple[str, ...]
    personal: bool
    area_scores: tuple[tuple[Code, float], ...]
    item_scores: tuple[tuple[Code, float], ...]
    quote_scores: tuple[tuple[str, float], ...]
    not_covered_chance: float
    in_scope: bool
    advice: bool
    narrows: bool
    superlative: str | None
    per_area: bool
    size_bound: SizeBound | None
    within: tuple[Code, ...]
    positions: tuple[int, ...]
    that_one: bool
    wording: Wording
