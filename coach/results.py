"""What an operation returns: a typed, cited result, rendered to Markdown in one place (coach/compose).

Every `Point` is one statement with the sources that support it: a retrieved record (`Passage`) or a
matrix code (`Code`, for a whole area or item). A `Result` is a direct answer (`lead`, one or two
statements) followed by titled sections of points; a list that was cut short says how many it left out,
so the answer can offer "show all".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .codes import Code
from .records import Passage

Source = Passage | Code


@dataclass
class Point:
    text: str  # Markdown, without citation markers
    sources: tuple[Source, ...] = ()
    note: str = ""  # shown after the citations: "(CSAP only · Core)"
    children: list[Point] = field(default_factory=list)
    # a sentence built of clauses, each cited where it stands: text is its opening ("Where to start:"), each
    # clause a (words, source) pair: "Where to start: assess … [I C.2], resolve … [I C.3] and escalate … [I C.4]."
    clauses: tuple[tuple[str, Source], ...] = ()


@dataclass
class Section:
    title: str  # "" for none
    points: list[Point] = field(default_factory=list)
    hidden: int = 0  # members left out of this list (the answer offers to show them)
    numbered: bool = False


@dataclass
class Result:
    lead: list[Point] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    status: str = "answer"  # "answer" | "not-covered" | "refused" | "small-talk"
    message: str = ""  # the plain text of a refusal, a small-talk reply or a "not covered" opening
    records: list[Passage] = field(default_factory=list)  # the evidence it drew on (LLM context, evaluation)
    follow_ups: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def hidden(self) -> int:
        return sum(section.hidden for section in self.sections)

    @property
    def empty(self) -> bool:
        return not self.lead and not any(section.points for section in self.sections)

    def add(self, title: str, points: list[Point], hidden: int = 0, numbered: bool = False) -> None:
        if points:
            self.sections.append(Section(title, points, hidden, numbered))


def capped(points: list[Point], limit: int | None) -> tuple[list[Point], int]:
    """The first `limit` points and how many were left out (none when limit is None: "show all")."""
    if limit is None or len(points) <= limit:
        return points, 0
    return points[:limit], len(points) - limit
