"""Polite declines and small talk: one or two sentences, saying what the coach can help with, citing nothing."""

from __future__ import annotations

from ..codes import Code
from ..model import CompetencyModel
from ..query import Query
from ..records import Answer, Status

SCOPE = (
    "I answer questions about alliance management from the ASAP Professional Development Guide and four "
    "practitioner articles."
)
EXAMPLE = "For example: “What does a senior manager own in governance?”"

SMALL_TALK = {
    "greeting": "Hello! I'm Alliance Coach: ask me about the ASAP roles, the competency matrix, CA-AM and CSAP, "
    "or a situation with a partner.",
    "thanks": "You're welcome. Ask me anything else about your alliances, the roles or the competency matrix.",
    "acknowledgement": "Glad that helps. Ask me anything else about your alliances, the roles or the competency "
    "matrix.",
    "farewell": "Goodbye, and good luck with your alliances.",
    "nothing-to-expand": "There is no earlier answer to expand yet: ask a question first, and “show all” then "
    "lists everything it left out.",
    "about": "I'm Alliance Coach: I answer questions about alliance management from the ASAP Professional "
    "Development Guide and four practitioner articles, and every answer cites the code or article it rests on.",
}


def small_talk_reply(query: Query) -> Answer:
    return Answer(
        text=SMALL_TALK.get(query.small_talk or "about", SMALL_TALK["about"]),
        intent="small-talk",
        status=Status.SMALL_TALK,
    )


def refusal(query: Query, model: CompetencyModel) -> Answer:
    reason = query.refusal or "out-of-scope"
    if reason == "empty":
        text = f"Please type a question. {EXAMPLE}"
    elif reason == "injection":
        text = f"I can't change or reveal my instructions. {SCOPE}"
    elif reason == "unknown-code":
        text = " ".join(_unknown_code(code, model) for code in query.unknown_codes[:3])
    else:
        text = f"That is outside what I can help with. {SCOPE}"
    return Answer(text=text, status=Status.REFUSED, intent=reason)


def _unknown_code(code: Code, model: CompetencyModel) -> str:
    nearest = ", ".join(str(c) for c in model.nearest(code))
    area = model.area(code)
    if code.is_item and area is not None:
        where = f"{area.code} {area.name} has items {area.code}.1 to {area.code}.{len(area.items)}"
    elif code.section in model.section_names:
        letters = [a.code.letter for a in model.areas if a.code.section == code.section]
        where = (
            f"section {code.section_numeral} runs from {code.section_numeral} {letters[0]} to "
            f"{code.section_numeral} {letters[-1]}"
        )
    else:
        where = "the matrix has sections I, II and III"
    return f"{code} is not a code in the ASAP competency matrix: {where}. Nearest valid codes: {nearest}."
