"""Making user input safe to process: the edge where text enters the pipeline.

Control characters and NUL bytes go, lone surrogates are replaced, Unicode is normalised (NFC), runs of
spaces collapse. Nothing is interpreted: HTML stays literal text (the app escapes it when it shows it).
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def clean(text) -> str:
    """A printable, well-formed version of whatever was typed (never raises)."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates → "?"
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
_MD_LINK = re.compile(r"!?\[([^\]\n]{0,200})\]\((?:[^()\s]|\([^()]*\)){0,500}\)")


def strip_markup(text: str) -> str:
    """The words of a question without HTML (scripts and styles dropped whole) or Markdown link targets, for
    understanding it. What the person typed is still shown to them literally."""
    text = _SCRIPT.sub(" ", text or "")
    text = _TAG.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    return " ".join(text.split())


def question_text(question) -> str:
    """The question as sent, checked for type at the boundary: text (None counts as empty), nothing else."""
    from .errors import InputError

    if question is None:
        return ""
    if not isinstance(question, str):
        raise InputError(
            f"question must be text (a string), not {_describe_value(question)}; send the question as a string."
        )
    return question


def length_problem(question: str, limit: int) -> str | None:
    """What to tell someone whose question is over `limit` characters, or None. Counted on the text as sent,
    before `clean` normalises it: NFC turns some letters into two code points (3,000 × U+0958 would count
    6,000) and drops control characters, and neither is what the person typed."""
    size = len(question or "")
    if size <= limit:
        return None
    return (
        f"Your question is {size:,} characters long; the limit is {limit:,}. "
        "Please shorten it to the part you want answered."
    )


def history_turns(history) -> list[str]:
    """The user's earlier questions, oldest first, from what a caller passed as history: None, a list of
    strings (each a user question), or a list of chat messages ({"role": "user" | "assistant", "content":
    str}, as OpenAI and Gradio send them; assistant messages are skipped: the engine re-reads the user's
    turns). Anything else is an InputError naming the field and the fix — a string is not split into
    characters, a number is not a history."""
    from .errors import InputError

    if history is None:
        return []
    if isinstance(history, (str, bytes)) or not isinstance(history, (list, tuple)):
        raise InputError(
            f"history must be a list of earlier questions (strings) or chat messages "
            f"({{'role': 'user', 'content': '…'}}), not {type(history).__name__}; pass [] for none."
        )
    turns: list[str] = []
    for position, turn in enumerate(history):
        if isinstance(turn, str):
            turns.append(turn)
            continue
        if (
            isinstance(turn, dict)
            and isinstance(turn.get("content", None), (str, list))
            and turn.get("role") in ("user", "assistant", "system")
        ):
            if turn["role"] == "user":
                turns.append(_message_text(turn["content"]))
            continue
        raise InputError(
            f"history[{position}] must be a string or a message {{'role': 'user' | 'assistant', "
            f"'content': str}}, not {_describe_value(turn)}."
        )
    return turns


def _message_text(content) -> str:
    """A message's text: a string, or the text parts of a multi-part content list (OpenAI's format)."""
    if isinstance(content, str):
        return content
    return " ".join(part.get("text", "") for part in content if isinstance(part, dict) and part.get("type") == "text")


def _describe_value(value) -> str:
    shown = repr(value)
    return f"{type(value).__name__} {shown[:40] + '…' if len(shown) > 40 else shown}"
