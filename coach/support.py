"""Is a statement supported by the sources it cites? The judge shared by the LLM citation guard and the
evaluation (ALCE-style citation recall and precision).

An answer is cut into statements: each bullet, and each sentence of a paragraph. A statement's *claim
words* are its lemmatised content words, without stopwords, without citation markers and codes, without
attribution words ("guide", "article", "says" …) that name a source rather than claim anything, and
without the corpus's ubiquitous words ("alliance", "manager" …) that every source contains and so prove
nothing. Its support is the share of claim words found among the lemmas of the cited sources; and every
number it states must appear in them, or its support is 0 (a wrong figure is the worst error).

SUPPORT_THRESHOLD = 0.6: a statement is supported when at least 60 % of its claim words appear in its
sources. Chosen on the hand-labelled pairs in tests/data/support_labels.yaml (tests/engine/test_support.py): the
supported pairs there score 0.67–1.0 and the unsupported ones 0.0–0.5, except the judge's known blind
spots, which the test lists: a negation flipped with the same words, and roles swapped within one area's
text. Statements with fewer than MIN_CLAIM_WORDS claim words make no claim and need no support; nor do headings
(Markdown "#" lines and lines that are wholly bold), notes about the answer (wholly italic lines: "…and 43
more: ask “show all”") and list heads (a line ending in a colon, such as "The
matrix lists these II C competencies at the CSAP level:"): the bullets under them carry the claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import split_markdown
from .text import NUMBER_WORDS, content_lemmas

SUPPORT_THRESHOLD = 0.6
MIN_CLAIM_WORDS = 3
CITATION = re.compile(r"\[([^\[\]\n]{1,120})\]")
_CODE_TOKENS = re.compile(r"\b(?:I{1,3}|IV|V|X)\s?[A-Z](?:\.\d+)?\b")

# Words that attribute or frame rather than claim.
ATTRIBUTION = frozenset(
    [
        "guide",
        "article",
        "articles",
        "blog",
        "matrix",
        "asap",
        "say",
        "says",
        "said",
        "according",
        "here",
        "following",
        "list",
        "lists",
        "listed",
        "include",
        "includes",
        "including",
        "describe",
        "describes",
        "described",
        "expect",
        "expects",
        "expected",
        "note",
        "notes",
        "source",
        "sources",
        "answer",
        "show",
        "shows",
        "table",
        "mention",
        "mentions",
        "name",
        "names",
        "cite",
        "cites",
        "call",
        "calls",
        "ask",
        "asks",
        "put",
        "puts",
        "sit",
        "sits",
        "set",
        "sets",
    ]
)


# In nearly every record of the corpus: their presence in a source is no evidence for a claim.
UBIQUITOUS = frozenset({"alliance", "manager", "management", "partner", "partnership", "strategic"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Statement:
    text: str  # without its citation markers
    keys: tuple[str, ...]  # the citation keys it carries, in order
    heading: bool = False  # a heading or a list head: introduces claims rather than making one

    @property
    def claims(self) -> bool:
        return not self.heading and makes_claim(self.text)


def statements(answer: str) -> list[Statement]:
    """Bullets and sentences of a Markdown answer, each with its citation keys."""
    found = []
    for raw in answer.splitlines():
        line = raw.strip()
        if not line:
            continue
        bare = " ".join(CITATION.sub(" ", line).split())
        heading = (
            line.startswith("#")
            or bool(re.fullmatch(r"\*\*[^*]+\*\*:?", bare))
            or bare.endswith(":")
            or bool(re.fullmatch(r"_[^_]+_", bare))
        )  # a wholly italic line is a note about the answer
        bullet = re.match(r"^(?:[-*•]|\d+\.)\s+", line)
        parts = [line[bullet.end() :]] if bullet else split_markdown(line, keep=CITATION)
        parts = [clause for part in parts for clause in _cited_clauses(part)]
        for index, part in enumerate(parts):
            keys = tuple(dict.fromkeys(key.strip() for key in CITATION.findall(part)))
            text = " ".join(CITATION.sub(" ", part).split())
            if text.strip(" :.-—*#"):
                found.append(Statement(text, keys, heading and index == len(parts) - 1))
    return _attach_trailing_citations(found)


_CITATION_GROUP = re.compile(r"(?:\s*\[[^\[\]\n]{1,120}\])+")


def _cited_clauses(sentence: str) -> list[str]:
    """A sentence whose clauses each carry their own citations ("assess risks [II A.8], design a governance
    model [II C.1] and …") as one claim per clause: each citation supports the words before it, not the whole
    sentence. A sentence with one group of citations is one claim."""
    groups = list(_CITATION_GROUP.finditer(sentence))
    if len(groups) < 2:
        return [sentence]
    clauses, start = [], 0
    for group in groups:
        if len(sentence[start : group.start()].split()) >= 2:
            clauses.append(sentence[start : group.end()])
            start = group.end()
    tail = sentence[start:]
    if clauses and not tail.strip(" .,;:"):
        return clauses
    return [*clauses, tail] if clauses else [sentence]


def _attach_trailing_citations(found: list[Statement]) -> list[Statement]:
    """ "… of alliances. [II C]": a citation standing alone after a sentence belongs to that sentence."""
    merged: list[Statement] = []
    for statement in found:
        if merged and not claim_words(statement.text) and statement.keys and not merged[-1].keys:
            merged[-1] = Statement(merged[-1].text, statement.keys, merged[-1].heading)
            continue
        merged.append(statement)
    return merged


def claim_words(text: str) -> set[str]:
    text = _CODE_TOKENS.sub(" ", text)
    return {
        word
        for word in content_lemmas(text)
        if word not in ATTRIBUTION and word not in UBIQUITOUS and not word.isdigit()
    }


_NUMBER_WORDS = {word: str(value) for word, value in NUMBER_WORDS.items()}
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(_NUMBER_WORDS)})\b", re.IGNORECASE)


def numbers(text: str) -> set[str]:
    """The figures a text states, digits or words ("ten" is 10)."""
    text = _CODE_TOKENS.sub(" ", text)
    return set(_NUMBER.findall(text)) | {_NUMBER_WORDS[w.lower()] for w in _NUMBER_WORD.findall(text)}


def makes_claim(text: str) -> bool:
    return len(claim_words(text)) >= MIN_CLAIM_WORDS or bool(numbers(text))


def support(text: str, sources: list[str]) -> float:
    """Share of the statement's claim words found in the sources (1.0 when it makes no claim); 0.0 when it
    states a number the sources do not."""
    joined = " ".join(sources)
    if numbers(text) - numbers(joined):
        return 0.0
    words = claim_words(text)
    if len(words) < MIN_CLAIM_WORDS:
        return 1.0
    available = set(content_lemmas(joined))
    return len(words & available) / len(words)


def supported(text: str, sources: list[str]) -> bool:
    return support(text, sources) >= SUPPORT_THRESHOLD
