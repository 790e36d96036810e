"""Which operation a question asks for: the router's reading (learned from the example library), checked
against what the question names.

The router ranks the operations by how people ask ("how many …", "only the CSAP ones", "vs"); an operation
is taken only when the question gives it something to work on (`FEASIBLE`): a comparison needs two of a kind,
a filter an exam level or a competency type, a role's job description a role. Otherwise the next one the
router ranks is tried, and advice (ranked evidence) takes whatever is left. A short table of overrides
(`OVERRIDES`) covers what the question's own subjects decide better than any wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import cues
from ..query import NARROWING_FILTERS, Operation, Query, RoleSet, Subjects
from ..router import Routing
from ..subjects import Found
from ..text import terms
from ..tuning import TUNING

# The router's reading is taken only when it is at least this sure of an operation that has something to work
# on: "what is a strategic alliance?" is read as "explain", but the matrix has no such item, and the articles
# answer it (advice); "only the primary ones" is read as "more" at 0.28, and is a follow-up that narrows the
# previous answer.
MIN_TAKEN = TUNING.operation.taken
# When the router is sure of nothing, what the question names decides among the operations it gives at least
# this much ("show me every item in the operational model area": explain 0.30, list 0.23 — a named set is
# listed or explained, not answered as a situation).
FALLBACK = TUNING.operation.fallback
# … and a summary is taken for a question with words of its own only when the router is this sure of it
# ("summarize the article about alliance teams not getting respect").
SURE = TUNING.operation.sure
# A comparison the router ranks at least this high is taken when the question names two of a kind.
RUNNER_UP = TUNING.operation.runner_up
# … and only among these: the ones that answer about what the question names (a summary, a comparison, a path
# or the rest of a list answer something else, and are taken only when the router is sure of them).
FALLBACK_OPERATIONS = frozenset({Operation.EXPLAIN, Operation.LIST, Operation.ROLE})

# Operations whose turn asks for them in its own words (a count, a filter, two things side by side, the rest,
# the reason, who owns, a path, a summary): a follow-up keeps these; any other follow-up ("and for a
# director?") keeps the previous turn's operation and changes only what it names.
EXPLICIT = frozenset(
    {
        Operation.WHY,
        Operation.MORE,
        Operation.FILTER,
        Operation.COUNT,
        Operation.COMPARE,
        Operation.DEVELOP,
        Operation.SUMMARIZE,
        Operation.OWNERS,
    }
)


@dataclass(frozen=True)
class Choice:
    operation: Operation
    explicit: bool  # the turn asks for this operation itself (see EXPLICIT)


@dataclass(frozen=True)
class Slots:
    """What a question gives an operation to work on."""

    query: Query
    found: Found
    text: str  # normalised question text
    routing: Routing
    leans: bool = False  # it leans on the previous turn (coach/understand, `leans`)

    @property
    def s(self) -> Subjects:
        return self.query.subjects

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles named; "alliance manager" without a level only when the question is about the job itself
        ("what does an alliance manager do?", not "what does a transformational alliance manager do?")."""
        s = self.s
        about_the_job = not self.query.focus or bool(cues.ROLE_ASKING.search(self.text))
        weak = (self.found.weak_role,) if self.found.weak_role and about_the_job else ()
        return s.roles or weak or (("all",) if "roles" in s.topics else ())

    @property
    def after_a_situation(self) -> bool:
        previous = self.query.previous
        return self.leans and previous is not None and previous.operation == "advise" and bool(previous.area_scores)

    @property
    def matrix_set(self) -> bool:
        s = self.s
        return bool(s.areas or s.sections or s.categories or {"matrix", "categories"} & set(s.topics))

    @property
    def says_rows(self) -> bool:
        """It asks about the matrix's rows in general: "which items are industry competencies?"."""
        return bool(re.search(r"\b(?:items|rows)\b", self.text)) and not (self.s.roles or self.s.articles)

    @property
    def matrix_named(self) -> bool:
        """It names a set of the matrix as the thing asked about: by code, or by name when it names no article
        ("what makes a good negotiator according to the strategic alliance manager piece?" asks the article)."""
        return self.found.coded or (self.matrix_set and not self.s.articles)

    @property
    def about_a_set(self) -> bool:
        """It names a set of the matrix and asks about the set itself, nothing within it: "II C?", "list the
        governance items" (not "what attributes make a great negotiator?", which names II I by its words)."""
        return self.matrix_named and not self.query.focus

    @property
    def counts_the_matrix(self) -> bool:
        """It asks how many, of the matrix or the job descriptions ("how many items / areas / competencies"),
        not of something an article reports ("how many alliances are between competitors?")."""
        if not cues.COUNT.search(self.text) or (self.s.facts and self.roles):
            return False
        previous = self.query.previous
        if previous is not None and self.routing.followup >= TUNING.followup:
            # "how many of those are on the CA-AM?": of what the previous answer listed, when it listed rows of
            # the matrix ("how many of those specifically in alliances?" after a role's experience is no count)
            return previous.operation not in (Operation.FACTS, Operation.ROLE, Operation.COMPARE, Operation.DEVELOP)
        nouns = "|".join(cues.MATRIX_NOUNS)
        named = re.search(rf"\b(?:{nouns})\b", self.text) or self.s.sections or self.s.items
        return bool(named or re.search(r"\b(?:ii|iii)\b|\d[a-o]\b", self.text))

    @property
    def counts_something_else(self) -> bool:
        """It asks how many of something the matrix does not count ("how many alliances are between
        competitors?"): an explanation or a list of a set cannot give that number; an article's figure can."""
        return self.query.wording.counts and not self.counts_the_matrix


def _two_of_a_kind(s: Subjects) -> bool:
    return (
        len(s.roles) >= 2
        or len(s.certifications) >= 2
        or len(s.areas) >= 2
        or len(s.categories) >= 2
        or len(s.items) >= 2
    )


# What each operation needs from the question. Advice needs nothing: it answers from ranked evidence.
FEASIBLE: dict[Operation, Callable[[Slots], bool]] = {
    Operation.EXPLAIN: lambda x: (
        (bool(x.s.items or x.s.certifications) or x.about_a_set) and not x.counts_something_else
    ),
    Operation.LIST: lambda x: (x.found.coded or x.about_a_set) and not x.counts_something_else,
    Operation.COUNT: lambda x: x.counts_the_matrix,
    # an exam or type to filter by; or both exams named over a set ("which are only on the CA-AM, which only on
    # the CSAP?"): which items are on which
    Operation.FILTER: lambda x: (
        (bool(x.query.exam or x.query.competency_type) and (x.matrix_set or not x.s.roles))
        or (len(x.s.certifications) == 2 and x.matrix_set)
    ),
    Operation.COMPARE: lambda x: _two_of_a_kind(x.s),
    # … or the areas of the situation it follows ("who should handle it?" after "we're about to end our alliance")
    Operation.OWNERS: lambda x: bool(x.s.areas or x.s.items or x.query.focus) or x.after_a_situation,
    # a role's job description; not for "what does a transformational alliance manager do?", which names an
    # article's idea rather than a level
    Operation.ROLE: lambda x: bool(x.roles) and not (x.s.articles and not x.s.roles),
    # … not of an area ("what does a director own in governance?"), unless a row of it is named for roles
    # ("specialized (relationship mgmt) experience across all three levels": the experience row)
    Operation.FACTS: lambda x: (
        bool(x.roles or x.s.facts or x.s.certifications) and (not x.s.areas or bool(x.s.facts and x.roles))
    ),
    Operation.DEVELOP: lambda x: bool(x.roles or x.s.certifications or x.query.personal),
    # the gist of a whole article: a question about something in it ("what kinds of change agents …") is not
    Operation.SUMMARIZE: lambda x: (
        (bool(x.s.articles) or not x.s) and (not x.query.focus or x.routing.probability(Operation.SUMMARIZE) >= SURE)
    ),
    Operation.WHY: lambda x: x.query.previous is not None,
    Operation.MORE: lambda x: x.query.previous is not None,
    # greetings and thanks are read before the router (coach/guards.py); a question it reads as small talk
    # that those words do not make ("what's 2+2?") is judged on the evidence, which declines it
    Operation.SMALL_TALK: lambda x: False,
    Operation.ADVISE: lambda x: True,
}


def choose(
    query: Query,
    found: Found,
    routing: Routing,
    text: str,
    earlier: Subjects | None = None,
    before_earlier: Subjects | None = None,
) -> Choice:
    """The operation, and whether the turn asks for it in its own words. `earlier`: the subjects of the turn a
    follow-up leans on (`before_earlier`: of the turn before that). A follow-up that names nothing of its own
    ("list them", "who owns it?") works on those, and asks for its operation as surely as any question
    (`explicit`)."""
    bare = earlier is not None and not query.subjects
    # a follow-up's operation is judged on what it will work on: the earlier turn's subjects with its own
    # ("which of these does a senior manager own?" after II E: a role in an area)
    leans = earlier is not None
    slots = Slots(
        query.with_(subjects=earlier.merged(query.subjects)) if earlier else query, found, text, routing, leans
    )
    # a comparison's other side may be the earlier turn's ("how does that differ for a director?"); a bare
    # "compare them" sets the two turns before side by side ("scope of a senior?", "and a mid-level?")
    sides = before_earlier.joined(earlier) if bare and before_earlier is not None and earlier is not None else earlier
    beside = Slots(query.with_(subjects=sides.joined(query.subjects)), found, text, routing, leans) if sides else slots
    feasible = [
        (op, p)
        for op, p in routing.operations
        if (p >= MIN_TAKEN or (p >= FALLBACK and op in FALLBACK_OPERATIONS))
        and FEASIBLE[op](beside if op is Operation.COMPARE else slots)
    ]
    chosen, probability = feasible[0] if feasible else (Operation.ADVISE, 0.0)
    sure = probability >= MIN_TAKEN
    final = override(chosen, slots, routing)
    return Choice(final, sure and (final in EXPLICIT or (bare and final is not Operation.ADVISE)))


def override(chosen: Operation, x: Slots, routing: Routing) -> Operation:
    """What the question's subjects decide better than its wording (`OVERRIDES`, in order)."""
    for _reason, applies, operation in OVERRIDES:
        if applies(chosen, x, routing):
            return operation(chosen, x) if callable(operation) else operation
    return chosen


def _count_or_filter(chosen: Operation, x: Slots) -> Operation:
    return Operation.COUNT if x.counts_the_matrix else Operation.FILTER


def _asks_how_the_matrix_is_built(x: Slots) -> bool:
    """Nothing asked of the matrix but what it is or how it is built: every focus word a structure word ("how is
    the matrix organized?"), not "which part of the matrix helps when we fight over customers?"."""
    structure = set(terms(" ".join(cues.MATRIX_STRUCTURE.findall(x.text))))
    return not set(x.query.focus) - structure


def _role_set_asked(x: Slots) -> bool:
    """Asked what roles hold in common (two or more roles, or all of them) or what one holds alone, of their
    areas or responsibilities."""
    role_set = x.query.wording.role_set
    if role_set is None or not re.search(r"\b(?:areas?|own\w*|responsib\w*|cover\w*|handl\w*|duties|tasks?)\b", x.text):
        return False
    several = len(x.s.roles) >= 2 or "roles" in x.s.topics
    return several if role_set is RoleSet.SHARED else bool(x.s.roles)


# (why, when, then): each a reason no wording can override.
Applies = Callable[[Operation, Slots, Routing], bool]
Then = Operation | Callable[[Operation, Slots], Operation]
OVERRIDES: tuple[tuple[str, Applies, Then], ...] = (
    (
        "a matrix code asked about and nothing more is explained",  # "II C.3?", "what's II J"
        lambda op, x, r: (
            x.found.coded and not x.query.focus and op in (Operation.ADVISE, Operation.SUMMARIZE, Operation.SMALL_TALK)
        ),
        Operation.EXPLAIN,
    ),
    (
        # "what business knowledge do I need?", "company knowledge for an alliance manager?"
        "a competency category named and nothing asked beyond it is explained",
        lambda op, x, r: (
            bool(x.s.categories)
            and not (x.s.areas or x.s.items or x.s.sections or x.s.roles or x.s.articles or x.query.focus)
            and op in (Operation.ADVISE, Operation.SUMMARIZE)
        ),
        Operation.EXPLAIN,
    ),
    (
        # "which areas do all three roles share?", "what does a director own that a senior manager doesn't?"
        "the areas the roles' job descriptions share, or one role holds alone, are the roles' areas",
        lambda op, x, r: (
            not (x.s.areas or x.s.items or x.s.certifications)
            and _role_set_asked(x)
            and op
            in (
                Operation.ROLE,
                Operation.OWNERS,
                Operation.COMPARE,
                Operation.ADVISE,
                Operation.LIST,
                Operation.FACTS,
                Operation.EXPLAIN,
            )
        ),
        Operation.ROLE_AREAS,
    ),
    (
        # "which areas have exactly 3 items?", "which area has the most CA-AM only items?", "how many CSAP-only
        # items does each area have?": every area's own count, of its items or of those the filter keeps
        "the matrix's areas asked of by size, or one by one or ranked by an exam level or type, are counted",
        lambda op, x, r: (
            not (x.s.areas or x.s.roles or x.s.items)
            and (
                x.query.counts_each_area
                or (bool(x.query.superlative) and (x.query.wording.says_areas or x.query.wording.says_sections))
            )
            and op in (Operation.ADVISE, Operation.LIST, Operation.EXPLAIN, Operation.FILTER, Operation.COUNT)
        ),
        Operation.COUNT,
    ),
    (
        "an exam narrowing (only / both / neither) or a competency type of a set filters or counts it",
        lambda op, x, r: (
            (x.query.exam in NARROWING_FILTERS or bool(x.query.competency_type))
            and (x.matrix_set or x.says_rows)
            and op in (Operation.LIST, Operation.EXPLAIN, Operation.ADVISE)
        ),
        _count_or_filter,
    ),
    (
        # "what is the matrix?", "how is the competency matrix organized?", "what are the three parts of the matrix?"
        "the matrix asked of as a whole is listed: its sections and their areas",
        lambda op, x, r: (
            x.s.topics == ("matrix",)
            and not (x.s.areas or x.s.items or x.s.sections or x.s.categories or x.s.roles)
            and not (x.s.certifications or x.s.articles or x.s.facts)
            and _asks_how_the_matrix_is_built(x)
            and op in (Operation.ADVISE, Operation.EXPLAIN, Operation.LIST, Operation.SUMMARIZE)
        ),
        Operation.LIST,
    ),
    (
        # "is II C.1 on the CA-AM exam?", "is conducting partner profiling on the CSAP?": yes or no, then its levels
        "one competency asked of an exam level is filtered",
        lambda op, x, r: (
            len(x.s.items) == 1
            and bool(x.query.exam)
            and not x.s.roles
            and op in (Operation.EXPLAIN, Operation.LIST, Operation.ADVISE)
        ),
        Operation.FILTER,
    ),
    (
        "the areas none of whose items are on an exam are counted or filtered",  # "which areas have no CSAP items"
        lambda op, x, r: x.query.areas_without and bool(x.query.exam),
        _count_or_filter,
    ),
    (
        "the areas all of whose exam items match a filter are filtered",  # "which areas are entirely CSAP only?"
        lambda op, x, r: x.query.areas_entirely and bool(x.query.exam),
        Operation.FILTER,
    ),
    (
        "two roles, certifications or areas named, read as compared, are compared",  # "compare what a mid and …"
        lambda op, x, r: (
            op is not Operation.COMPARE and _two_of_a_kind(x.s) and r.probability(Operation.COMPARE) >= RUNNER_UP
        ),
        Operation.COMPARE,
    ),
    (
        "a set of the matrix ranked by size, read as possibly a count, is counted",  # "which area is the smallest?"
        lambda op, x, r: (
            op is not Operation.COUNT
            and x.query.superlative is not None
            and r.probability(Operation.COUNT) >= RUNNER_UP
            and FEASIBLE[Operation.COUNT](x)
        ),
        Operation.COUNT,
    ),
    (
        "asked which role or position does it, and read as possibly so, it is who owns it",  # "what position covers …"
        lambda op, x, r: (
            op is not Operation.OWNERS
            and bool(cues.WHO_OWNS.search(x.text))
            and r.probability(Operation.OWNERS) >= RUNNER_UP
            and FEASIBLE[Operation.OWNERS](x)
        ),
        Operation.OWNERS,
    ),
    (
        "preparing for an exam is the path to it: its items and who must hold it",  # "how do I study for the CSAP?"
        lambda op, x, r: (
            x.query.wording.prepares
            and len(x.s.certifications) == 1
            and not (x.s.areas or x.s.items or x.s.sections)
            and op in (Operation.FILTER, Operation.EXPLAIN, Operation.LIST, Operation.ADVISE)
        ),
        Operation.DEVELOP,
    ),
    (
        "a certification's facts are its rows in the job descriptions",  # "how do I become CSAP certified?"
        lambda op, x, r: op is Operation.FACTS and bool(x.s.certifications) and not x.roles,
        Operation.EXPLAIN,
    ),
    (
        "a job-description fact no row names is read from the role's lines",  # "can a director run one himself?"
        lambda op, x, r: op is Operation.FACTS and not x.s.facts,
        Operation.ROLE,
    ),
    (
        "a role asked about in an area is what the role owns there",  # "what does a senior manager own in II C?"
        lambda op, x, r: op is Operation.ROLE and bool(x.s.areas),
        Operation.OWNERS,
    ),
    (
        "a role's areas are the areas its responsibilities name",  # "which areas does a director work in?"
        lambda op, x, r: (
            bool(x.roles) and not x.s.areas and op not in EXPLICIT and bool(re.search(r"\bareas?\b", x.text))
        ),
        Operation.ROLE_AREAS,
    ),
)
