"""Answers from the articles and the guide's prose: the most relevant sentences, quoted and attributed.

Sentences are scored by the share of the question's content words (Snowball stems, so that "negotiator"
meets "negotiation"; weighted by rarity across the corpus) they contain, plus a little for the rank of their passage; a "what is X" question prefers a
sentence that defines X, and a question about numbers prefers sentences that hold numbers. A sentence that
introduces a list ("I ask a few questions:"), or an item of such a list, brings the whole list. Quoting whole sentences keeps every claim
the source's own.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..records import Hit, Passage
from ..text import terms as _stems
from .draft import Draft, flag_note, quote

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")
_NUMBERS = re.compile(r"\d")
_ASKS_NUMBERS = re.compile(r"\b(?:how many|how much|percent|percentage|statistics?|stats|numbers?|share)\b|%")
_ASKS_DEFINITION = re.compile(r"^\s*(?:what|who)(?: is|'s| are) ")
_DEFINES = re.compile(r"\b(?:is|are|refers to|stands for|means)\b")
MAX_SENTENCES = 4
MAX_LIST = 12
# Does the corpus answer the question? The best sentence must hold at least MIN_SPECIFIC of the question's
# specific words that the corpus uses (by weight), and either its rarest word (a word the corpus never uses counts as rarest) or
# a meaning close to the question's (embedding cosine ≥ MIN_SIMILARITY). Questions about numbers accept
# MIN_NUMERIC coverage when the sentence holds a number. Tuned on the answerable and unanswerable questions
# in tests/data/concept_questions.yaml (see tests/test_concepts.py).
MIN_SPECIFIC = 0.5
MIN_SIMILARITY = 0.55
MATRIX_SPECIFIC = 0.6  # share of the specific words a competency's statement must hold to answer alone
MIN_NUMERIC = 0.34
GENERIC_SHARE = 0.1
PREFIX = 6
PREFIX_CREDIT = 0.75
RANK_BONUS = 0.15  # for the passage the hybrid retrieval ranked first, falling with rank
RELATIVE = 0.6  # further sentences must score at least this share of the best one


terms = _stems


def _matched(wanted: dict[str, float], stems: frozenset[str], prefixes: frozenset[str]) -> float:
    """Weight of the wanted stems a sentence holds; a stem met only by its first six letters ("competitor"
    and "competing", "members" and "membership") counts PREFIX_CREDIT of its weight."""
    total = 0.0
    for stem, weight in wanted.items():
        if stem in stems:
            total += weight
        elif len(stem) >= PREFIX and stem[:PREFIX] in prefixes:
            total += PREFIX_CREDIT * weight
    return total


def _prefixes(stems) -> frozenset[str]:
    return frozenset(stem[:PREFIX] for stem in stems if len(stem) >= PREFIX)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if len(s.strip()) > 3]


class SentenceIndex:
    """Every sentence of the prose with its stems, and the stems' rarity: scored in full for each question
    (a few hundred sentences), so a good sentence is found even when its passage ranked low."""

    def __init__(self, prose: list[Passage]):
        self.rows = [(passage, sentence, stems, _prefixes(stems))
                     for passage in prose for sentence in sentences(passage.text)
                     for stems in [frozenset(terms(sentence))]]
        counts = Counter(stem for passage in prose for stem in set(terms(passage.text)))
        self.idf = {stem: math.log(1 + len(prose) / count) for stem, count in counts.items()}
        ordered = sorted(self.idf.values())
        self.unseen = ordered[len(ordered) // 2] if ordered else 1.0  # a word the corpus never uses: median weight
        # Words in more than GENERIC_SHARE of the passages ("alliance", "manager") say little about whether the
        # corpus answers a question; coverage of the other, specific words decides that.
        self.generic = {stem for stem, count in counts.items() if count > GENERIC_SHARE * len(prose)}

    def rarest(self, question: str) -> str | None:
        """The question's most telling word: one the corpus never uses, else the rarest one it does."""
        words = [stem for stem in terms(question) if stem not in self.generic]
        if not words:
            return None
        return max(words, key=lambda stem: self.idf.get(stem, float("inf")))

    def specific_coverage(self, question: str, sentence_stems: frozenset[str], seen_only: bool = False) -> float:
        """Share (by weight) of the question's specific words the sentence holds; `seen_only` leaves out the
        words the corpus never uses (the rarest-word rule judges those). A question with no content words at all
        ("what is 2+2?") is covered by nothing."""
        question_terms = terms(question)
        if not question_terms:
            return 0.0
        wanted = {stem: self.idf.get(stem, self.unseen) for stem in question_terms
                  if stem not in self.generic and not (seen_only and stem not in self.idf)}
        total = sum(wanted.values())
        if not total:
            return 1.0
        return _matched(wanted, sentence_stems, _prefixes(sentence_stems)) / total

    def best(self, question: str, hits: list[Hit]) -> list[tuple[float, float, Passage, str, frozenset]]:
        """(score, coverage, passage, sentence, stems), best first."""
        wanted = {stem: self.idf.get(stem, self.unseen) for stem in terms(question)}
        total = sum(wanted.values()) or 1.0
        lowered = question.lower()
        numbers = bool(_ASKS_NUMBERS.search(lowered))
        definition = bool(_ASKS_DEFINITION.search(lowered))
        rank = {hit.passage.id: position for position, hit in enumerate(hits)}
        scored = []
        for passage, sentence, stems, prefixes in self.rows:
            if sentence.endswith("?") and not passage.lead_in:
                continue  # a rhetorical question answers nothing
            shared = stems & wanted.keys()
            coverage = _matched(wanted, stems, prefixes) / total
            if not coverage:
                continue
            score = coverage + (RANK_BONUS / (1 + rank[passage.id]) if passage.id in rank else 0.0)
            if numbers and _NUMBERS.search(sentence):
                score += 0.15
            if definition and _defines(sentence, shared):
                score += 0.2
            scored.append((score, coverage, passage, sentence, stems))
        scored.sort(key=lambda row: -row[0])
        return scored


def _defines(sentence: str, shared: set[str]) -> bool:
    """Does the sentence define a shared word ("A strategic alliance is …", "(ASAP) is the …")?"""
    verb = _DEFINES.search(sentence)
    return bool(verb) and verb.start() < 90 and bool(set(terms(sentence[: verb.start()])) & shared)


def answers(question: str, top: list, index: SentenceIndex, similarity) -> bool:
    """Whether one of the best-scored sentences really answers the question (see MIN_SPECIFIC)."""
    numbers = bool(_ASKS_NUMBERS.search(question.lower()))
    rarest = index.rarest(question)
    for _, _, _, sentence, stems in top:
        specific = index.specific_coverage(question, stems, seen_only=True)
        enough = MIN_NUMERIC if numbers and _NUMBERS.search(sentence) else MIN_SPECIFIC
        if specific < enough:
            continue
        holds_rarest = rarest is None or rarest in stems or rarest[:PREFIX] in _prefixes(stems)
        if holds_rarest or similarity(question, sentence) >= MIN_SIMILARITY:
            return True
    return False


def concept(draft: Draft, question: str, hits: list[Hit], index: SentenceIndex,
            lists: dict[str, list[Passage]], owners: dict[str, Passage], similarity) -> bool:
    """Write the answer; False when nothing in the corpus covers the question well enough. `lists` maps each
    list's lead-in paragraph to its items; `owners` maps it to the passage it is."""
    ranked = index.best(question, hits)
    if not ranked or not answers(question, ranked[:5], index, similarity):
        return False
    best = ranked[0][0]
    chosen: list[tuple[Passage, str]] = []
    per_passage: Counter = Counter()
    for score, coverage, passage, sentence, _ in ranked:
        if len(chosen) >= MAX_SENTENCES or score < best * RELATIVE:
            break
        if per_passage[passage.id] >= 2 or any(sentence == s for _, s in chosen):
            continue
        per_passage[passage.id] += 1
        chosen.append((passage, sentence))
    documents = list(dict.fromkeys(p.document for p, _ in chosen))
    titles = " and ".join(quote(draft.documents.get(d, d)) for d in documents)
    draft.line(f"Here is what {titles} {'say' if len(documents) > 1 else 'says'} {draft.cite(chosen[0][0])}:")
    listed: set[str] = set()
    items_chosen = Counter(passage.lead_in for passage, _ in chosen if passage.lead_in)
    for passage, sentence in chosen:
        opens = next((lead for lead in lists if lead.endswith(sentence)), "")  # the sentence opens a list
        lead_in = opens or (passage.lead_in if items_chosen[passage.lead_in] >= 2 else "")
        if lead_in and lead_in in listed:
            continue
        if lead_in:
            listed.add(lead_in)
            owner = owners.get(lead_in, passage)
            draft.bullet(f"{quote(sentences(lead_in)[-1])} {draft.cite(owner)}")
            for item in lists[lead_in][:MAX_LIST]:
                draft.bullet(f"{quote(item.text)} {draft.cite(item)}", depth=1)
        else:
            draft.bullet(f"{quote(sentence)} {draft.cite(passage)}")
    return True


def matrix_items(draft: Draft, question: str, hits: list[Hit], index: SentenceIndex, limit: int = 4) -> bool:
    """When no prose answers, a competency whose own statement says what was asked ("how do I secure resource
    commitments…" is II E.5). Written only when an item holds MATRIX_SPECIFIC of the specific words."""
    scored = []
    for hit in hits:
        passage = hit.passage
        if passage.kind != "item":
            continue
        coverage = index.specific_coverage(question, frozenset(terms(passage.text)))
        if coverage >= MATRIX_SPECIFIC:
            scored.append((coverage, passage))
    if not scored:
        return False
    scored.sort(key=lambda row: -row[0])
    best = scored[0][0]
    chosen = [passage for coverage, passage in scored if coverage >= best * 0.9][:limit]
    model = draft.model
    for passage in chosen:
        area = model.area(passage.code)
        owners = model.responsibilities_for(area.code)
        draft.bullet(f"**{passage.code}** {quote(passage.text)} is a competency of {area.code} {area.name} "
                     f"{flag_note(passage.flags)} {draft.cite(passage)}.")
        if owners:
            names = "; ".join(f"{model.role(r.role_id).name.lower()} ({r.kind}): {quote(r.text)}" for r in owners)
            draft.bullet(f"In the job descriptions, {area.code} belongs to the {names} [{area.code}]", depth=1)
            draft.cite_code(area.code)
    draft.lines.insert(0, "The ASAP matrix names this as a competency:")
    return True


TOPIC_KINDS = ("area", "category", "passage")  # offered first; then job-description rows and competencies


def nearest_topics(hits: list[Hit], model, limit: int = 3) -> list[tuple[str, Passage]]:
    """For a question the corpus does not answer: the closest things it can, as (label, record) — areas,
    categories and headed prose first, and only when there are none, the job-description rows and
    competencies that were retrieved (a salary question about a director: the director's job description)."""
    preferred = [hit for hit in hits if hit.passage.kind in TOPIC_KINDS and _topic(hit.passage, model)]
    topics: dict[str, Passage] = {}
    for hit in preferred or hits:
        label = _topic(hit.passage, model)
        if label and len(topics) < limit:
            topics.setdefault(label, hit.passage)
    return list(topics.items())


def _topic(passage: Passage, model) -> str:
    """What a record is about, as a topic to offer: an area, a competency, a job-description row, a heading."""
    if passage.kind == "area":
        return f"{passage.code} {model.area(passage.code).name}"
    if passage.kind == "item":
        return f"{passage.code} {passage.text}"
    if passage.kind == "requirement":
        return passage.title
    if passage.kind == "responsibility":
        return f"{model.role(passage.role).name}: {passage.text}"
    return passage.heading if passage.kind in ("category", "passage") else ""
