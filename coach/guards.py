"""Turns that are not coaching questions, recognised before the router reads them: small talk, attempts to change
or extract the assistant's instructions, and an answer asked for in another language.

No example library could teach these reliably: a greeting or a thanks must never be answered with competencies,
an injection marker must be caught however the rest of the request is worded, and the world's languages are a
closed list no library could name one by one. So they are written by hand, each table with a comment saying why
(the words of asking, counting and comparing are in coach/cues.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def matches_any(patterns: Iterable[str], text: str) -> bool:
    return any(re.search(pattern, text) for pattern in patterns)


# --- small talk: a turn that is only this gets a short note of what the coach does -------------------------
SMALL_TALK = {
    "greeting": (
        r"^\s*(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening|day))\b",
        r"\bhow are you(?: doing)?\b",
        r"\bhow's it going\b",
        r"\bwhat's up\b",
        r"\bsup\b",
    ),
    "thanks": (r"\b(?:thanks|thank you|thx|ty|cheers|much appreciated|appreciate it)\b",),
    "acknowledgement": (
        r"\b(?:great|perfect|nice|cool|ok(?:ay)?|got it|understood|makes sense|"
        r"that helps|helpful|awesome|good to know|interesting)\b",
    ),
    "farewell": (r"\b(?:bye|goodbye|see you(?: later)?|cya|that's all)\b",),
    "about": (
        r"\bwho are you\b",
        r"\bwhat are you\b",
        r"\bwhat (?:can|do|could) you (?:do|know|help(?: me)?(?: with)?|cover)\b",
        r"\bhow (?:can|do) (?:you help|i use (?:you|this))\b",
        r"^\s*help\s*$",
    ),
}

# --- attempts to change or extract the instructions ----------------------------------------------------
INJECTION = (
    r"\bignore (?:all |any |the |your |my )?(?:previous |prior |above |earlier )?(?:instructions|rules|prompts?|"
    r"directions)",
    r"\bdisregard (?:all |any |the |your )?(?:previous |prior |above )?(?:instructions|rules|prompts?)",
    r"\bforget (?:all |your |the )?(?:previous |prior )?(?:instructions|rules)",
    r"\bsystem prompt\b",
    r"\b(?:print|reveal|show|repeat|output|display|leak) (?:me )?(?:your|the) (?:hidden |secret |initial |original )?"
    r"(?:instructions|prompt|rules|configuration)",
    r"\byou are now\b",
    r"\bact as (?:an? )?(?!alliance)",
    r"\bpretend (?:to be|you are)\b",
    r"\bjailbreak\b",
    r"\bdeveloper mode\b",
    r"\bdan mode\b",
    r"\boverride (?:your|the) (?:rules|instructions|guard)",
    r"\bnew instructions\b",
    r"\bdo anything now\b",
    r"\bwithout (?:any )?(?:citations|sources|restrictions)\b",
    r"\binvent (?:a |some )?(?:codes?|citations?)\b",
    r"\bmake up (?:a |some )?(?:codes?|citations?|sources?)\b",
    r"\bfrom now on\b",
    r"<\s*/?\s*system\s*>",
    r"\brole\s*:\s*system\b",
    r"\bbypass\b",
    r"\bno rules\b",
)

# --- the answer asked for in another language ----------------------------------------------------------
# The coach answers in English, in the documents' words: a competency "in Italian", a job description "into
# Spanish" is a translation, which no document holds. The world's languages are a closed list no example
# library could teach one by one (the router's vectors read "the II D competencies, in italian" as a question
# about II D), so they are named here; a language word used of people, places or markets ("a Japanese
# partner", "our team in German-speaking Switzerland", "they only speak Japanese") is not a request.
LANGUAGES = (
    "spanish german french italian portuguese dutch flemish polish czech slovak hungarian romanian bulgarian "
    "greek turkish russian ukrainian swedish norwegian danish finnish icelandic estonian latvian lithuanian "
    "japanese korean chinese mandarin cantonese hindi urdu bengali tamil telugu marathi punjabi arabic hebrew "
    "persian farsi vietnamese thai indonesian malay tagalog filipino swahili afrikaans catalan basque latin "
    "esperanto klingon"
)
_LANGUAGE = "(?:" + "|".join(LANGUAGES.split()) + ")"
OTHER_LANGUAGE = (
    # asked for: "…, in italian", "into Spanish for my team", "same answer in Japanese please"
    r"\b(?:in|into)\s+(?:plain |simple |simplified |traditional |brazilian |european |latin american )?"
    + _LANGUAGE
    + r"(?:\s+(?:and|or|&)\s+"
    + _LANGUAGE
    + r")?"
    + r"(?=\s*(?:$|[.,;:!?)]|(?:please|pls|plz|for|so|too|as|version|text|translation|subtitles|language|"
    r"instead|thanks?|thx)\b))",
    r"\btranslat\w*\b[^?!]{0,80}\b(?:in|into|to)\s+" + _LANGUAGE + r"\b",  # "translate II C.1 to german"
    r"\b(?:how (?:do|would) (?:you|i|we) say|what(?:'s| is) the \w+ (?:word|term) for)\b[^.?!]{0,60}\bin\s+"
    + _LANGUAGE
    + r"\b",
    r"\b"
    + _LANGUAGE
    + r"\s+(?:subtitles|translations?|(?:word|term|phrase|expression)s? for)\b",  # "the german word for"
    r"^\W*" + _LANGUAGE + r"\s+(?:please|pls|plz)\b",  # "vietnamese please, …"
    # asked in it: "auf deutsch", "en español", "em português", "in het nederlands"
    r"\b(?:auf deutsch|en espa[nñ]ol|en fran[cç]ais|em portugu[eê]s|in het nederlands|in italiano|po polsku|"
    r"på svenska|på norsk|på dansk|по-русски|на русском)\b",
)
# …said of what others do in it ("the meetings are held in Japanese", "their docs are all in German"), or asked
# of what exists in it ("is the CA-AM exam offered in French?", "a prep course in Italian?"): not a request
_DONE_IN_LANGUAGE = re.compile(
    r"\b(?:is|are|was|were|be|been|held|written|run|done|speaks?|spoken|talks?|talking|happens?|communicat\w*|"
    r"availabl?e|offered|given|taught|delivered|exams?|tests?|course|courses|training|class|classes|version)"
    r"\s+(?:all\s+|only\s+|mostly\s+|always\s+)?in\s+" + _LANGUAGE + r"\b"
)


# …or written in a script English does not use (Cyrillic, Greek, Hebrew, Arabic, Devanagari, Thai, Hangul, kana, CJK)
_OTHER_SCRIPT = re.compile(
    "[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0e7f"
    "\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)


def asks_in_another_language(text: str) -> bool:
    """The answer asked for in a language other than English (see LANGUAGES), or the question written in one."""
    if len(_OTHER_SCRIPT.findall(text)) >= 3:
        return True
    return matches_any(OTHER_LANGUAGE, text) and not _DONE_IN_LANGUAGE.search(text)
