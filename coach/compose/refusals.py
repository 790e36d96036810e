"""Polite declines: short, saying what the coach can help with, citing nothing."""

from __future__ import annotations

from ..model import CompetencyModel
from ..records import Answer
from ..understand import Understanding, small_talk

SMALL_TALK_OPENINGS = {"greeting": "Hello! I'm Alliance Coach.", "thanks": "You're welcome.",
                       "acknowledgement": "Glad that helps.",
                       "farewell": "Goodbye, and good luck with your alliances.", "about": "I'm Alliance Coach."}

EXAMPLES = (
    "What does a senior manager own in governance?",
    "What should I develop to move from CA-AM to CSAP?",
    "How do I end an alliance?",
)

SCOPE = ("I answer questions about alliance management from the ASAP Alliance Management Professional "
         "Development Guide and four practitioner articles: what each role owns, the competency matrix, "
         "developing from CA-AM to CSAP, the alliance lifecycle and the articles' advice.")


def _examples() -> str:
    return "You could ask, for example: " + "; ".join(f"“{q}”" for q in EXAMPLES) + "."


def refusal(understanding: Understanding, model: CompetencyModel) -> Answer:
    intent = understanding.intent
    if intent == "empty":
        text = f"Please type a question. {SCOPE} {_examples()}"
    elif intent == "injection":
        text = (f"I can't change or reveal my instructions, and every answer I give stays grounded in the sources. "
                f"{SCOPE} {_examples()}")
    elif intent == "small-talk":
        opening = SMALL_TALK_OPENINGS[small_talk(understanding.question) or "about"]
        text = f"{opening} {SCOPE} {_examples()}"
    elif intent == "unknown-code":
        text = " ".join(_unknown_code(code, model) for code in understanding.unknown_codes[:3])
        text += " `coach codes` (or the Matrix tab) lists every code."
    else:
        text = f"That is outside what I can help with. {SCOPE} {_examples()}"
    return Answer(text=text, refused=True, intent=intent)


def _unknown_code(code, model: CompetencyModel) -> str:
    nearest = ", ".join(str(c) for c in model.nearest(code))
    if code.is_item and model.area(code) is not None:
        area = model.area(code)
        where = f"{area.code} {area.name} has items {area.code}.1 to {area.code}.{len(area.items)}."
    elif code.section in model.section_names:
        letters = [a.code.letter for a in model.areas if a.code.section == code.section]
        where = f"Section {code.section_numeral} runs from {code.section_numeral} {letters[0]} to " \
                f"{code.section_numeral} {letters[-1]}."
    else:
        where = "The matrix has sections I, II and III."
    return f"{code} is not a code in the ASAP Alliance Competencies Matrix. {where} The nearest valid codes are {nearest}."

