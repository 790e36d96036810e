"""The citation guard: what an LLM wrote may only cite the records it was given, and every claim must be
supported by what it cites (judged by coach.support)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..support import CITATION, statements, supported


@dataclass
class GuardResult:
    text: str  # the answer with unknown citation keys removed
    removed: list[str] = field(default_factory=list)  # keys it cited that were not among its records
    unsupported: list[str] = field(default_factory=list)  # statements with no valid citation or no support
    cited: list[str] = field(default_factory=list)  # valid keys, in order of first use

    @property
    def ok(self) -> bool:
        return bool(self.cited) and not self.unsupported


def check(text: str, sources: dict[str, str]) -> GuardResult:
    """`sources` maps each citation key the model was given to the text behind it."""
    removed: list[str] = []

    def strip_unknown(match: re.Match) -> str:
        key = match.group(1).strip()
        if key in sources:
            return f"[{key}]"
        if key not in removed:
            removed.append(key)
        return ""

    cleaned = CITATION.sub(strip_unknown, text)
    cleaned = re.sub(r"[ \t]+([.,;:])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned)).strip()
    unsupported: list[str] = []
    cited: list[str] = []
    for statement in statements(cleaned):
        for key in statement.keys:
            if key not in cited:
                cited.append(key)
        if not statement.claims:
            continue
        if not statement.keys or not supported(statement.text, [sources[k] for k in statement.keys]):
            unsupported.append(statement.text)
    return GuardResult(cleaned, removed, unsupported, cited)
