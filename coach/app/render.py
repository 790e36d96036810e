"""How answers look in the chat: the answer, its sources panel, notes; and the conversation as Markdown.

Text a person typed is shown literally: HTML is escaped and Markdown punctuation neutralised, so a typed
<script> tag, a fake "[II C]" citation or a link is displayed as the characters typed, never rendered.
"""

from __future__ import annotations

import html
import re

from ..records import EXAM_LEVELS, Answer, Citation

# Characters Markdown (and link auto-detection, via ":") would interpret, shown as numeric entities instead.
_MARKDOWN = re.compile(r"[\\`*_{}\[\]()#+\-.!|>~:<&\"']")


def literal(text: str) -> str:
    """User text made safe to show in a Markdown component: what you typed is what you see — every character
    Markdown or HTML would interpret becomes a numeric character reference, which renders as itself."""
    escaped = _MARKDOWN.sub(lambda m: f"&#{ord(m.group(0))};", text)
    return escaped.replace("\n", "  \n")


def _cell(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return html.escape(text, quote=False).replace("|", "\\|")


def sources_table(citations: list[Citation]) -> str:
    rows = ["| Code | Area / source | What it says | Level |", "|---|---|---|---|"]
    for citation in citations:
        levels = ", ".join(f for f in citation.flags if f in EXAM_LEVELS) or "—"
        where = citation.source.split(" — ", 1)[-1] if citation.kind in ("item", "area") else citation.source
        title = citation.title if citation.kind != "item" else where
        rows.append(f"| **{_cell(citation.key, 80)}** | {_cell(title, 120)} | {_cell(citation.text)} | {levels} |")
    return "\n".join(rows)


def answer_messages(answer: Answer) -> list[dict]:
    """The assistant's reply as chat messages: the answer, then its sources in a collapsible panel."""
    body = answer.text
    notes = list(answer.notes)
    if answer.backend not in ("composer", "composer (fallback)") and not answer.refused:
        notes.append(f"Written by {answer.backend}; every citation checked by the citation guard.")
    for note in notes:
        body += f"\n\n> *Note: {note}*"
    messages = [{"role": "assistant", "content": body}]
    if answer.citations:
        messages.append({"role": "assistant", "content": sources_table(answer.citations),
                         "metadata": {"title": f"Sources ({len(answer.citations)}) — click to check each [code]",
                                      "status": "done"}})
    return messages


def conversation_markdown(turns: list[tuple[str, Answer]], backend: str) -> str:
    lines = ["# Alliance Coach conversation", "", f"Answered by: {backend}", ""]
    for number, (question, answer) in enumerate(turns, start=1):
        lines += [f"## {number}. {question}", "", answer.text, ""]
        for note in answer.notes:
            lines += [f"> Note: {note}", ""]
        if answer.citations:
            lines.append("**Sources**")
            lines.append("")
            for citation in answer.citations:
                flags = f" ({', '.join(citation.flags)})" if citation.flags else ""
                lines.append(f"- [{citation.key}] {citation.title}{flags} — {citation.source}: "
                             f"{' '.join(citation.text.split())}")
            lines.append("")
    return "\n".join(lines)
