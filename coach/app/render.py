"""How answers look in the chat: the answer with every [code] a link to its source, the sources as cards
under it, notes, suggested follow-ups; and the conversation as Markdown.

Text a person typed is shown literally: HTML is escaped and Markdown punctuation neutralised, so a typed
<script> tag, a fake "[II C]" citation or a link is displayed as the characters typed, never rendered.
Source texts are HTML-escaped: they are shown exactly as the corpus has them.

Each inline citation is `<a class="coach-cite" href="#coach-src-T-N">[II C.1]</a>`, pointing at the card
`id="coach-src-T-N"` (T the answer's number in the conversation, N the citation's) in the answer's Sources
panel. assets.JS opens the card's full text in place, right after the citation, when it is clicked; without
script the link still leads to the card.
"""

from __future__ import annotations

import re
from typing import Any

from ..records import Answer, Citation

# Characters Markdown (and link auto-detection, via ":") would interpret, shown as numeric entities instead.
_MARKDOWN = re.compile(r"[\\`*_{}\[\]()#+\-.!|>~:<&\"']")
PREVIEW = 220  # characters of a long source text shown before "show all"
LONG_KEY = 12  # a citation key longer than this ("article § Heading") may wrap; a code ("II C.12") never does


def literal(text: str) -> str:
    """User text made safe to show in a Markdown component: what you typed is what you see — every character
    Markdown or HTML would interpret becomes a numeric character reference, which renders as itself."""
    escaped = _MARKDOWN.sub(lambda m: f"&#{ord(m.group(0))};", text)
    return escaped.replace("\n", "  \n")


def _e(text: str) -> str:
    """Source text for HTML inside Markdown: escaped, one line (a blank line would end the HTML block), with
    Markdown punctuation as entities so the chat's Markdown renderer leaves it alone."""
    return literal(" ".join(str(text).split()))


def exam_badge(flags) -> str:
    levels = [flag for flag in flags if flag in ("CA-AM", "CSAP")]
    if not levels:
        return ""
    return "CA-AM and CSAP" if len(levels) == 2 else f"{levels[0]} only"


def anchor(turn: int, number: int) -> str:
    return f"coach-src-{turn}-{number}"


def source_card(citation: Citation, turn: int, number: int) -> str:
    """One source as a card: its code, title and exam level, where it is from, and its whole text (a long text
    opens with "show all")."""
    badge = exam_badge(citation.flags)
    kinds = ", ".join(f for f in citation.flags if f not in ("CA-AM", "CSAP"))
    title = "" if citation.title in citation.key else citation.title  # "doc § Heading" already names it
    head = (
        f'<span class="coach-src-key">{_e(citation.key)}</span>'
        + (f' <span class="coach-src-title">{_e(title)}</span>' if title else "")
        + (f' <span class="coach-badge">{_e(badge)}</span>' if badge else "")
        + (f' <span class="coach-src-kinds">{_e(kinds)}</span>' if kinds else "")
    )
    where = f'<span class="coach-src-where">{_e(citation.source)}</span>'
    text = " ".join(citation.text.split())
    full = f'<span class="coach-src-full">{_e(text)}</span>'
    ident = anchor(turn, number)
    if len(text) <= PREVIEW:
        return f'<div class="coach-src" id="{ident}"><span class="coach-src-head">{head}</span>{where}{full}</div>'
    cut = text[:PREVIEW].rsplit(" ", 1)[0]
    return (
        f'<details class="coach-src" id="{ident}"><summary><span class="coach-src-head">{head}</span>'
        f'<span class="coach-src-preview">{_e(cut)}… <span class="coach-more">show all</span></span></summary>'
        f"{where}{full}</details>"
    )


def sources_panel(citations: list[Citation], turn: int) -> str:
    cards = "".join(source_card(c, turn, n) for n, c in enumerate(citations, start=1))
    return (
        f'<details class="coach-sources"><summary>Sources ({len(citations)}) — select a [code] or a source to '
        f'read it in full</summary><div class="coach-src-list">{cards}</div></details>'
    )


def link_citations(text: str, citations: list[Citation], turn: int) -> str:
    """Every `[key]` of a cited source in the answer's Markdown becomes a link to its card."""
    numbers = {citation.key: n for n, citation in enumerate(citations, start=1)}
    if not numbers:
        return text
    keys = sorted(numbers, key=len, reverse=True)  # "II C.1" before "II C"
    pattern = re.compile(r"\[(" + "|".join(re.escape(key) for key in keys) + r")\]")

    def link(match: re.Match) -> str:
        key = match.group(1)
        kind = "coach-cite coach-cite-long" if len(key) > LONG_KEY else "coach-cite"  # may wrap on a phone
        return (
            f'<a class="{kind}" href="#{anchor(turn, numbers[key])}" aria-expanded="false" '
            f'title="Show the source">{literal("[" + key + "]")}</a>'
        )

    return pattern.sub(link, text)


def notes_of(answer: Answer) -> list[str]:
    notes = list(answer.notes)
    if answer.backend not in ("composer", "composer (fallback)") and not answer.refused:
        notes.append(f"Written by {answer.backend}; every citation checked by the citation guard.")
    return notes


def answer_message(answer: Answer, turn: int, follow_ups: bool = True) -> dict[str, Any]:
    """The assistant's reply as one chat message: the answer with linked citations, its notes, its sources;
    the suggested next questions as the message's option buttons."""
    body = link_citations(answer.text, answer.citations, turn)
    for note in notes_of(answer):
        body += f"\n\n> *Note: {literal(note)}*"
    if answer.citations:
        body += "\n\n" + sources_panel(answer.citations, turn)
    message: dict[str, Any] = {"role": "assistant", "content": body}
    if follow_ups and answer.follow_ups:
        message["options"] = [{"label": question, "value": question} for question in answer.follow_ups]
    return message


def conversation_markdown(turns: list[tuple[str, Answer]], backend: str, when: str = "") -> str:
    lines = ["# Alliance Coach conversation", "", f"Answered by: {backend}" + (f" · {when}" if when else ""), ""]
    for number, (question, answer) in enumerate(turns, start=1):
        lines += [f"## {number}. {question}", "", answer.text, ""]
        for note in answer.notes:
            lines += [f"> Note: {note}", ""]
        if answer.citations:
            lines.append("**Sources**")
            lines.append("")
            for citation in answer.citations:
                flags = f" ({', '.join(citation.flags)})" if citation.flags else ""
                lines.append(
                    f"- [{citation.key}] {citation.title}{flags} — {citation.source}: {' '.join(citation.text.split())}"
                )
            lines.append("")
        if answer.follow_ups:
            lines += ["*You could ask next:* " + " · ".join(f"“{q}”" for q in answer.follow_ups), ""]
    return "\n".join(lines)
