"""Sentences: the one place text is cut into them — the prose (the articles and the guide's own text), and the
coach's own Markdown answers (for the citation judge, coach/support.py, and the composer) — and the prose's
sentences scored against a question.

Sentences are scored by the share of the question's content stems (weighted by rarity across the corpus) they
contain, a stem met only by its first six letters counting part ("negotiator" meets "negotiation"), plus the
closeness in meaning of their passage to the question. A "what is X" question prefers a sentence that
defines X; a question about figures prefers sentences that hold numbers. Quoting whole sentences keeps every
claim the source's own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np

from .records import Passage
from .text import terms
from .vectors import TextVectors, Vector

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")
_MARKDOWN_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(*])")  # in an answer, a sentence may also open in **bold**
_NUMBERS = re.compile(r"(?<![A-Za-z])\d+(?:[.,]\d+)?\+?%?(?![A-Za-z])")  # "40%", "8+", "3-5": not "B2B"
# "share" counts only as a noun ("what share of alliances …", "market share"): the verb ("what can we share
# with a partner that competes with us?") asks about information, not a figure; nor does the verb "figure out"
ASKS_NUMBERS = re.compile(
    r"\b(?:how many|how much|percent|percentage|stats?|statistics?|numbers?|share (?=of\b)|market share|"
    r"figures?(?! out\b)|fraction|proportion|ratio)\b|%"
)
# "how much" asks the extent of an action, not a figure, when a modal follows and no money is named ("how much
# should I tell the partner?", "how much can we share with them?"; but "how much should we pay …" is an amount)
_EXTENT = re.compile(
    r"\bhow much\s+(?:should|can|could|would|must|may|might|do|does)\b"
    r"(?!.*\b(?:pay|paid|spend|spent|invest|charge|offer|cost|costs|budget|fees?|price|money|salary)\b)"
)


def asks_for_a_number(lowered: str) -> bool:
    """A share, a fraction, a percentage, a figure (ASKS_NUMBERS), unless only the extent of an action is asked."""
    return bool(ASKS_NUMBERS.search(_EXTENT.sub(" ", lowered)))


_ASKS_DEFINITION = re.compile(r"\b(?:what|who)(?: is|'s| are| does) |\bdefin|\bmean")
_DEFINES = re.compile(r"\b(?:is|are|refers to|stands for|means)\b")
PREFIX = 6
PREFIX_CREDIT = 0.75
HEADING_SHARE = 0.5
SIMILARITY_WEIGHT = 1.0  # the passage's closeness in meaning to the question adds to a sentence's score
NUMBER_BONUS = 0.15
DEFINITION_BONUS = 0.2


def split_sentences(text: str) -> list[str]:
    """The sentences of a passage of prose, stripped (a fragment of three characters or fewer is dropped)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if len(s.strip()) > 3]


def split_markdown(line: str, keep: re.Pattern[str] | None = None) -> list[str]:
    """The sentences of a line of the coach's Markdown, as written (not stripped), never cutting inside a match
    of `keep` (a citation: "[asap-guide § I. Executive Summary]")."""
    if keep is None:
        return _MARKDOWN_END.split(line)
    markers: list[str] = []

    def hide(match: re.Match[str]) -> str:
        markers.append(match.group(0))
        return f"\x00{len(markers) - 1}\x00"

    hidden = keep.sub(hide, line)
    return [re.sub(r"\x00(\d+)\x00", lambda m: markers[int(m.group(1))], part) for part in _MARKDOWN_END.split(hidden)]


def prefixes(stems: Iterable[str]) -> frozenset[str]:
    return frozenset(stem[:PREFIX] for stem in stems if len(stem) >= PREFIX)


def holds(stem: str, stems: AbstractSet[str], stem_prefixes: AbstractSet[str]) -> bool:
    """The stems hold it, or, for a long stem, its first PREFIX letters begin one of them ("sponsor" in
    "sponsorship"; `stem_prefixes` as `prefixes` gives them)."""
    return stem in stems or (len(stem) >= PREFIX and stem[:PREFIX] in stem_prefixes)


def matched_weight(wanted: dict[str, float], stems: frozenset[str], stem_prefixes: frozenset[str]) -> float:
    total = 0.0
    for stem, weight in wanted.items():
        if stem in stems:
            total += weight
        elif len(stem) >= PREFIX and stem[:PREFIX] in stem_prefixes:
            total += PREFIX_CREDIT * weight
    return total


@dataclass(frozen=True)
class ScoredSentence:
    score: float
    coverage: float  # weighted share of the question's stems it holds
    closeness: float  # cosine similarity with the question (the sentence's own, or its passage's)
    passage: Passage
    sentence: str
    stems: frozenset[str]


class SentenceIndex:
    """Every sentence of the prose with its stems, the stems' rarity, and (when an encoder is given) each
    sentence's embedding, so that a sentence is judged by its own meaning and not only its paragraph's."""

    def __init__(self, prose: list[Passage], vectors_of: Callable[[list[str]], TextVectors] | None = None):
        self.rows = [
            (passage, sentence, stems, prefixes(stems))
            for passage in prose
            for sentence in split_sentences(passage.text)
            for stems in [frozenset(terms(sentence))]
        ]
        self._by_text = {row[1]: row for row in self.rows}
        self.headings = {heading: frozenset(terms(heading)) for heading in {p.heading for p in prose}}
        # a sentence is read under its heading ("This is different in that …" under "Account Management")
        self.vectors = (
            vectors_of(
                [
                    f"{passage.heading}: {sentence}" if passage.heading else sentence
                    for passage, sentence, _, _ in self.rows
                ]
            )
            if vectors_of
            else None
        )
        counts = Counter(stem for passage in prose for stem in set(terms(passage.text)))
        self.idf = {stem: math.log(1 + len(prose) / count) for stem, count in counts.items()}
        ordered = sorted(self.idf.values())
        self.unseen = ordered[len(ordered) // 2] if ordered else 1.0  # a word the prose never uses: median weight

    def by_meaning(self, vector: Vector | None, limit: int) -> tuple[list[ScoredSentence], dict[str, float], float]:
        """The `limit` sentences closest in meaning to a question, whether or not they share its words (scored
        by that closeness alone), each passage's closeness (that of its closest sentence), and the median
        closeness of all sentences: every sentence is about alliances, so closeness means something only
        above that baseline. Empty without sentence vectors."""
        if self.vectors is None or vector is None:
            return [], {}, 0.0
        scores = self.vectors.scores(vector)
        per_passage: dict[str, float] = {}
        for (passage, *_), value in zip(self.rows, scores, strict=True):
            per_passage[passage.id] = max(per_passage.get(passage.id, -1.0), float(value))
        closest = []
        for row in scores.argsort()[::-1]:
            passage, sentence, stems, _ = self.rows[row]
            if sentence.endswith("?") and not passage.lead_in:
                continue
            closest.append(ScoredSentence(float(scores[row]), 0.0, float(scores[row]), passage, sentence, stems))
            if len(closest) >= limit:
                break
        return closest, per_passage, float(np.median(scores)) if len(scores) else 0.0

    def scored(self, closeness: Iterable[tuple[str, float]]) -> list[ScoredSentence]:
        """Sentences named by their text (the library's `quotes:`), scored by the given closeness; a text that
        is no sentence of the prose is left out."""
        found = []
        for text, value in closeness:
            row = self._by_text.get(text)
            if row is not None:
                found.append(ScoredSentence(value, 0.0, value, row[0], text, row[2]))
        return found

    def weights(self, stems: Iterable[str]) -> dict[str, float]:
        return {stem: self.idf.get(stem, self.unseen) for stem in stems}

    def best(
        self,
        question: str,
        similarity: dict[str, float],
        vector: Vector | None = None,
        stems: list[str] | None = None,
        documents: set[str] | None = None,
        boost: float = 0.0,
    ) -> list[ScoredSentence]:
        """Sentences scored against the question's stems (or `stems`), best first. Closeness in meaning is
        the sentence's own (cosine with the question `vector`) when sentence vectors exist, else its
        passage's (`similarity`); sentences of `documents` (the articles a question names) gain `boost`."""
        wanted = self.weights(stems if stems is not None else terms(question))
        own = self.vectors.scores(vector) if self.vectors is not None and vector is not None else None
        total = sum(wanted.values()) or 1.0
        lowered = question.lower()
        numbers = asks_for_a_number(lowered)
        definition = bool(_ASKS_DEFINITION.search(lowered))
        scored = []
        for row, (passage, sentence, sentence_stems, sentence_prefixes) in enumerate(self.rows):
            if sentence.endswith("?") and not passage.lead_in:
                continue  # a rhetorical question answers nothing
            alone = matched_weight(wanted, sentence_stems, sentence_prefixes) / total
            heading = self.headings.get(passage.heading, frozenset())
            under = matched_weight(wanted, heading | sentence_stems, prefixes(heading | sentence_stems)) / total
            # words of its heading count half: "This is different in that …" under "Account Management"
            coverage = alone + HEADING_SHARE * (under - alone)
            if not coverage:
                continue
            closeness = float(own[row]) if own is not None else similarity.get(passage.id, 0.0)
            score = (
                coverage + SIMILARITY_WEIGHT * closeness + (boost if documents and passage.document in documents else 0)
            )
            if numbers and _NUMBERS.search(sentence):
                score += NUMBER_BONUS
            if definition and _defines(sentence, sentence_stems & wanted.keys()):
                score += DEFINITION_BONUS
            scored.append(ScoredSentence(score, coverage, closeness, passage, sentence, sentence_stems))
        scored.sort(key=lambda row: -row.score)
        return scored


def _defines(sentence: str, shared: AbstractSet[str]) -> bool:
    """Does the sentence define a shared word ("A strategic alliance is …", "(ASAP) is the …")?"""
    verb = _DEFINES.search(sentence)
    return verb is not None and verb.start() < 90 and bool(set(terms(sentence[: verb.start()])) & shared)


def has_number(sentence: str) -> bool:
    return bool(_NUMBERS.search(sentence))
