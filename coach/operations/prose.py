"""The articles' (and the guide's) own sentences as points of an answer: which sentences (by their words and
their meaning), each read with the one before when it leans on it, a paragraph that introduces a list brought
with the list (or, for a situation, with the members of a long list that are close to it), and a heading that
names where they are from."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .. import cues
from ..evidence import Evidence
from ..query import Query
from ..records import Passage, RecordKind
from ..results import Point, Result
from ..sentences import ScoredSentence, holds, prefixes, split_sentences
from .workspace import Workspace, quote

# The members of an article's list (by its lead-in) an answer shows: None for all of them.
Picks = Callable[[str], list[Passage] | None]

MAX_SENTENCES = 3
PER_PASSAGE = 2
FOLLOWING = 3  # sentences after the one that answers first, shown with it
MAX_LIST = 12
SENTENCE_SHARE = 0.6  # further sentences must score this share of the best one
MIN_PROSE_SIMILARITY = 0.25  # a sentence from a passage less close in meaning needs LEAD_COVERAGE of the words
LEAD_COVERAGE = 0.5  # a sentence holding this share of the question's words may answer first …
SIDE_PROSE_SIMILARITY = 0.35  # an article sentence shown beside the competencies must be this close in meaning


_CONTACT = re.compile(r"\S+@\S+\.\w+|https?://|www\.")  # an e-mail address or a web address


def side_sentences(evidence: Evidence, sentences: list[ScoredSentence]) -> list[ScoredSentence]:
    """The articles' sentences shown beside the competencies: for a situation, the closest in meaning
    (SIDE_PROSE_SIMILARITY or closer) whether or not they share its words — told in everyday words, it rarely
    does ("my leadership doesn't think alliances matter" and "That company executives don't appreciate the
    value of alliances" share one word); MAX_SENTENCES of them, PER_PASSAGE from one paragraph; never contact
    details ("people should contact us at … or info@…" is close to "nobody reports to me", and no advice)."""
    rows = sorted(
        (row for row in sentences + evidence.closest if not _CONTACT.search(row.sentence)),
        key=lambda row: -row.closeness,
    )
    chosen: list[ScoredSentence] = []
    per_passage: Counter[str] = Counter()
    for row in rows:
        if row.closeness < SIDE_PROSE_SIMILARITY or len(chosen) >= MAX_SENTENCES:
            break
        if any(row.sentence == c.sentence for c in chosen) or per_passage[row.passage.id] >= PER_PASSAGE:
            continue
        per_passage[row.passage.id] += 1
        chosen.append(row)
    return chosen


def best_sentences(evidence: Evidence, limit: int = MAX_SENTENCES, per_passage_limit: int = 2) -> list[ScoredSentence]:
    if not evidence.sentences:
        return []
    best = evidence.sentences[0].score
    chosen: list[ScoredSentence] = []
    per_passage: Counter[str] = Counter()
    for row in evidence.sentences:
        if len(chosen) >= limit or row.score < best * SENTENCE_SHARE:
            break
        if evidence.similarity.get(row.passage.id, 0.0) < MIN_PROSE_SIMILARITY and row.coverage < LEAD_COVERAGE:
            continue
        if per_passage[row.passage.id] >= per_passage_limit or any(row.sentence == c.sentence for c in chosen):
            continue
        per_passage[row.passage.id] += 1
        chosen.append(row)
    return chosen


def add_prose(
    ws: Workspace, sentences: list[ScoredSentence], result: Result, lead: bool, picks: Picks | None = None
) -> None:
    """The articles' sentences as points; one that introduces a list brings the list (`picks(lead_in)`: the
    members shown, None for all)."""
    if not sentences:
        return
    picks = picks or (lambda lead_in: None)
    points: list[Point] = []
    listed: set[str] = set()
    shown: set[str] = set()  # list members already shown under their lead-in
    # lists the answer already shows (the matrix-led answer brings the article list that names its area)
    lists_shown = {point.text for section in result.sections for point in section.points if point.children}
    introduced = {row.passage.text for row in sentences if row.passage.text in ws.lists}
    in_list = Counter(row.passage.lead_in for row in sentences if row.passage.lead_in)
    for position, row in enumerate(sentences):
        introduces = row.passage.text in ws.lists
        if introduces and position == 0 and lead and not row.passage.text.endswith(row.sentence):
            introduces = False  # the answer is said first by itself; its list follows (`_following`)
        lead_in = row.passage.text if introduces else (row.passage.lead_in if in_list[row.passage.lead_in] >= 2 else "")
        if lead_in:
            if lead_in in listed:
                continue
            listed.add(lead_in)
            if introduces and not lead_in.endswith(row.sentence):  # "We are the CEO …", then the list it opens
                points.append(Point(quote(row.sentence), (row.passage,)))
            answers = lead and position == 0  # the list answers first: it is what the question asks for
            members = None if answers else picks(lead_in)
            if members == []:
                continue
            point = list_point(ws, lead_in, lead_owner(ws, lead_in) or row.passage, members)
            if point.text in lists_shown:
                continue
            lists_shown.add(point.text)
            shown |= {s.id for child in point.children for s in child.sources[:1] if isinstance(s, Passage)}
            points.append(point)
            area = ws.area_named_by(lead_in)
            if area is not None:
                points.append(Point(f"In the guide's competency matrix this is **{ws.area_name(area)}**", (area,)))
        elif row.passage.id not in shown and not (row.passage.lead_in in introduced and not lead):
            points.append(Point(quote(row.sentence), (row.passage,)))  # (a member comes under its lead-in)
    if lead:
        first = points.pop(0)
        before = (
            ws.preceding(sentences[0].passage, sentences[0].sentence)
            if cues.ANAPHOR.match(sentences[0].sentence)
            else None
        )
        if before is not None and not first.children:  # "This change improved …": the change comes first
            result.lead.append(Point(quote(before[1]), (before[0],)))
        result.lead.append(first)
        if not first.children:  # a list answers whole; a sentence is read with the ones that follow it
            following = _following(ws, sentences)
            brought = {point.text for point in following if point.children}  # a list it brings is shown once
            in_lists = {child.text for point in following for child in point.children}  # … and its members too
            points = following + [
                point
                for point in points
                if not (point.children and point.text in brought) and point.text not in in_lists
            ]
        result.add("", points)
    else:
        result.add(_prose_title(ws, sentences), points)


def _prose_title(ws: Workspace, sentences: list[ScoredSentence]) -> str:
    """ "What the articles say", "What the guide says", or both: the heading names where its sentences are from."""
    guide = ws.model.guide.id
    kinds = {row.passage.document == guide for row in sentences}
    return {frozenset({False}): "What the articles say", frozenset({True}): "What the guide says"}.get(
        frozenset(kinds), "What the guide and the articles say"
    )


def _following(ws: Workspace, sentences: list[ScoredSentence]) -> list[Point]:
    """The sentences after the one that answers first; one that opens a list brings the list. When the answer
    is in a paragraph that introduces a list, the list comes with it even beyond those sentences (the CEO
    comparison's similarities and differences)."""
    best = sentences[0]
    shown = {row.sentence for row in sentences}
    points = []
    for owner, text in ws.following(best.passage, best.sentence, FOLLOWING):
        if text in shown:
            continue
        if owner.text in ws.lists and owner.text.endswith(text):
            points.append(list_point(ws, owner.text, owner))
            return points
        points.append(Point(quote(text), (owner,)))
    if best.passage.text in ws.lists:
        points.append(list_point(ws, best.passage.text, best.passage))
    return points


def list_point(ws: Workspace, lead_in: str, owner: Passage, members: list[Passage] | None = None) -> Point:
    """A list of an article as one point: the sentence that introduces it (the last of its lead-in paragraph,
    cited to `owner`), its items (or `members`) beneath, each cited to itself."""
    members = ws.lists.get(lead_in, []) if members is None else members
    return Point(
        quote(split_sentences(lead_in)[-1]),
        (owner,),
        children=[Point(quote(item.text), (item,)) for item in members[:MAX_LIST]],
    )


LONG_LIST = 4  # a list longer than this, brought into an answer to a situation, shows only …
LIST_PICKS = 3  # … this many of its items, those that answer it best


def list_picks(query: Query, evidence: Evidence, ws: Workspace) -> Picks | None:
    """Which members of an article's list an answer shows. A situation told in everyday words touches one or
    two of the ten questions of "Can't Get No Respect!", not all ten: it gets the LIST_PICKS that answer it
    best — by their own closeness in meaning, at least SIDE_PROSE_SIMILARITY, as a situation shares few words
    with them — in the author's order. A question that names the article, asks for everything, or whose
    answer is the list's own introduction ("what questions should I ask …?") gets the whole list."""
    if evidence.ask != "advice" or query.subjects.articles or query.show_all:
        return None
    score, floor = evidence.prose_closeness, SIDE_PROSE_SIMILARITY

    def picks(lead_in: str) -> list[Passage] | None:
        members = ws.lists.get(lead_in)
        if not members or len(members) <= LONG_LIST:
            return None
        ranked = sorted((m for m in members if score.get(m.id, 0.0) >= floor), key=lambda m: -score[m.id])
        best = {m.id for m in ranked[:LIST_PICKS]}
        return [m for m in members if m.id in best]  # none close enough: the list is left out

    return picks


def lead_owner(ws: Workspace, lead_in: str) -> Passage | None:
    return next((p for p in ws.records.values() if p.kind == RecordKind.PASSAGE and p.text == lead_in), None)


def shared_focus(query: Query, sentence: ScoredSentence) -> int:
    """How many of the question's focus words the sentence holds (a long word by its first PREFIX letters:
    "competitors" meets "competing")."""
    heads = prefixes(sentence.stems)
    return sum(1 for stem_ in query.focus if holds(stem_, sentence.stems, heads))
