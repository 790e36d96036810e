"""Is a statement supported by the sources it cites? The judge shared by the LLM citation guard and the
evaluation (ALCE-style citation recall and precision).

An answer is cut into statements: each bullet, and each sentence of a paragraph. A statement's *claim
words* are its lemmatised content words, without stopwords, without the citation markers and codes, and
without attribution words ("guide", "article", "says" …) that name a source rather than claim anything.
Its support is the share of claim words found among the lemmas of the cited sources' texts.

SUPPORT_THRESHOLD = 0.6: a statement is supported when at least 60 % of its claim words appear in its
sources. Chosen on the hand-labelled pairs in tests/data/support_labels.yaml (see tests/test_support.py):
supported statements there score 0.67–1.0, unsupported ones 0.0–0.5, so 0.6 separates them with room on
both sides. Statements with fewer than MIN_CLAIM_WORDS claim words (lead-ins such as "Here is what the
guide says:") make no claim and need no support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import content_lemmas

SUPPORT_THRESHOLD = 0.6
MIN_CLAIM_WORDS = 3
CITATION = re.compile(r"\[([^\[\]\n]{1,120})\]")
_CODE_TOKENS = re.compile(r"\b(?:I{1,3}|IV|V|X)\s?[A-Z](?:\.\d+)?\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(*])")

# Words that attribute or frame rather than claim.
ATTRIBUTION = frozenset("""
guide article articles blog matrix asap say says said according here following list lists listed include
includes including describe describes described expect expects expected note notes source sources answer
show shows table mention mentions name names cite cites call calls ask asks put puts sit sits set sets
""".split())


@dataclass(frozen=True)
class Statement:
    text: str  # without its citation markers
    keys: tuple[str, ...]  # the citation keys it carries, in order


def statements(answer: str) -> list[Statement]:
    """Bullets and sentences of a Markdown answer, each with its citation keys."""
    found = []
    for line in answer.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        bullet = re.match(r"^(?:[-*•]|\d+\.)\s+", line)
        parts = [line[bullet.end():]] if bullet else _SENTENCE_END.split(line)
        for part in parts:
            keys = tuple(dict.fromkeys(key.strip() for key in CITATION.findall(part)))
            text = " ".join(CITATION.sub(" ", part).split())
            if text.strip(" :.-—*"):
                found.append(Statement(text, keys))
    return _attach_trailing_citations(found)


def _attach_trailing_citations(found: list[Statement]) -> list[Statement]:
    """"… of alliances. [II C]": a citation standing alone after a sentence belongs to that sentence."""
    merged: list[Statement] = []
    for statement in found:
        if merged and not claim_words(statement.text) and statement.keys and not merged[-1].keys:
            merged[-1] = Statement(merged[-1].text, statement.keys)
            continue
        merged.append(statement)
    return merged


def claim_words(text: str) -> set[str]:
    text = _CODE_TOKENS.sub(" ", text)
    return {word for word in content_lemmas(text) if word not in ATTRIBUTION and not word.isdigit()}


def makes_claim(text: str) -> bool:
    return len(claim_words(text)) >= MIN_CLAIM_WORDS


def support(text: str, sources: list[str]) -> float:
    """Share of the statement's claim words found in the sources (1.0 when it makes no claim)."""
    words = claim_words(text)
    if len(words) < MIN_CLAIM_WORDS:
        return 1.0
    available = set()
    for source in sources:
        available |= set(content_lemmas(source))
    return len(words & available) / len(words)


def supported(text: str, sources: list[str]) -> bool:
    return support(text, sources) >= SUPPORT_THRESHOLD
