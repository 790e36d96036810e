"""What comes after or before a step of a process an article lists in order ("what comes after partner
assessment?"): the "What is Alliance Management?" article's activities "follow a structured process based on
the alliance lifecycle", each named by its own heading. The step named, the one next to it, and the whole list
in order, each cited."""

from __future__ import annotations

from ..query import Query
from ..records import Passage
from ..results import Point, Result
from ..text import terms
from .prose import lead_owner, list_point
from .workspace import Workspace, quote


def next_step(query: Query, ws: Workspace) -> Result | None:
    """None when the question asks no step of an ordered list by its heading, or the list has nothing there."""
    step = query.wording.step
    s = query.subjects
    if not step or s.items or s.roles or query.wording.says_areas or "matrix" in s.topics:
        return None  # "what comes after II C in the matrix?" asks the matrix's order
    asked = set(query.wording.stems)
    for lead_in, members in ws.lists.items():
        named = [n for n, member in enumerate(members) if _names(asked, member)]
        if len(named) != 1:
            continue
        at = named[0]
        result = Result()
        if not 0 <= at + step < len(members):
            where = "last" if step > 0 else "first"
            result.lead.append(
                Point(f"**{members[at].heading}** is the {where} of the steps the article lists", (members[at],))
            )
        else:
            other = members[at + step]
            order = "After" if step > 0 else "Before"
            result.lead.append(
                Point(
                    f"{order} **{members[at].heading}** the article lists **{other.heading}**: {quote(other.text)}",
                    (other,),
                )
            )
        result.add("The steps in the article's order", [list_point(ws, lead_in, lead_owner(ws, lead_in) or members[0])])
        return result
    return None


def _names(asked: set[str], member: Passage) -> bool:
    """The question holds every word of the member's own heading ("Partner Assessment")."""
    heading = set(terms(member.heading))
    return bool(heading) and heading <= asked and member.text.startswith(member.heading)
