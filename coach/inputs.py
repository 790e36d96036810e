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
