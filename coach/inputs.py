"""Making user input safe to process: the edge where text enters the pipeline.

Control characters and NUL bytes go, lone surrogates are replaced, Unicode is normalised (NFC), runs of
spaces collapse. Nothing is interpreted: HTML stays literal text (the app escapes it when it shows it).
"""

from __future__ import annotations

import re
import unicodedata

# Earlier turns of a conversation the engine reads (Coach keeps the latest; understand reads as many back).
HISTORY_TURNS = 8
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def clean(text: object) -> str:
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


def question_text(question: object) -> str:
    """The question as sent, checked for type at the boundary: text (None counts as empty), nothing else."""
    from .errors import InputError

    if question is None:
        return ""
    if not isinstance(question, str):
        raise InputError(
            f"question must be text (a string), not {describe_value(question)}; send the question as a string."
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


def history_turns(history: object) -> list[str]:
    """The user's earlier questions, oldest first, from what a caller passed as history: None, a list of
    strings (each a user question), or a list of chat messages ({"role": "user" | "assistant" | "system",
    "content": …}, as OpenAI and Gradio send them; only the user's are kept: the engine re-reads the user's
    turns). A message's content is checked as `message_text` checks it. Anything else is an InputError naming
    the field and the fix — a string is not split into characters, a number is not a history."""
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
            and turn.get("role") in ("user", "assistant", "system")
            and "content" in turn
            and isinstance(turn["content"], (str, list, type(None)))
        ):
            text = message_text(turn["content"], f"history[{position}].content")
            if turn["role"] == "user":
                turns.append(text)
            continue
        raise InputError(
            f"history[{position}] must be a string or a message {{'role': 'user' | 'assistant', "
            f"'content': str}}, not {describe_value(turn)}."
        )
    return turns


# The content parts OpenAI's chat API defines, with the field each must carry and its type. Only text is read:
# the coach answers from words; an image, audio or file part is accepted and left out.
CONTENT_PARTS = {
    "text": ("text", str),
    "image_url": ("image_url", dict),
    "input_audio": ("input_audio", dict),
    "file": ("file", dict),
    "refusal": ("refusal", str),
}


def message_text(content: object, field: str) -> str:
    """A chat message's text: a string, None (an assistant's tool call has no content: ""), or a list of
    content parts — OpenAI's {"type": "text", "text": "…"} and the other part types, each checked for its own
    field — whose text parts are joined. Anything else is an InputError naming the field (`field`, e.g.
    "messages[2].content") and what it must be."""
    from .errors import InputError

    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        raise InputError(
            f"{field} must be text or a list of content parts such as {{'type': 'text', 'text': '…'}}, not "
            f"{describe_value(content)}."
        )
    texts = []
    for position, part in enumerate(content):
        where = f"{field}[{position}]"
        kind = part.get("type") if isinstance(part, dict) else None
        if kind not in CONTENT_PARTS:
            shown = f"a part of type {kind!r}" if isinstance(part, dict) else describe_value(part)
            raise InputError(
                f"{where} must be a content part with a type of {', '.join(CONTENT_PARTS)}, not {shown}; "
                "e.g. {'type': 'text', 'text': '…'}."
            )
        name, wanted = CONTENT_PARTS[kind]
        if not isinstance(part.get(name), wanted):
            article = "text (a string)" if wanted is str else "an object"
            raise InputError(f"{where}.{name} must be {article}, not {describe_value(part.get(name))}.")
        if kind == "text":
            texts.append(part["text"])
    return " ".join(texts)


def describe_value(value: object) -> str:
    """A value as an error message shows it: its type and the start of its repr (never all of a long one)."""
    shown = repr(value)
    return f"{type(value).__name__} {shown[:40] + '…' if len(shown) > 40 else shown}"


def fingerprint(text: object) -> str:
    """What a log line says of text a user sent: its length and the start of its SHA-256 — enough to tell two
    requests apart or match one a user reports, never the text itself."""
    import hashlib

    data = str(text).encode("utf-8", "surrogatepass")
    return f"<{len(str(text)):,} characters, sha256 {hashlib.sha256(data).hexdigest()[:12]}>"
