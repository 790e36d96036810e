"""Open questions answered from ranked evidence across all kinds of record: what the guide expects (matrix
competencies), what the articles say (their own sentences), who owns it (job-description responsibilities).
Also: one article summarised, the basis of a previous answer ("why?"), and the reply when the documents do
not cover a question (with the nearest topics they do cover)."""

from __future__ import annotations

from collections import Counter

from .. import cues
from ..codes import Code
from ..evidence import FACT_SIMILARITY, Evidence
from ..query import Query
from ..records import Hit, Passage, RecordKind
from ..results import Point, Result
from ..sentences import ScoredSentence, has_number, holds, matched_weight, prefixes, split_sentences
from ..text import terms
from .prose import (
    LEAD_COVERAGE,
    MAX_SENTENCES,
    PER_PASSAGE,
    Picks,
    add_prose,
    best_sentences,
    lead_owner,
    list_picks,
    list_point,
    shared_focus,
    side_sentences,
)
from .situation import item_score, owners, situation
from .workspace import Workspace, code_of, quote

MAX_ITEMS = 7
FIRST_AREA = 3  # competencies shown from the closest area …
OTHER_AREA = 2  # … and from each other area
SMALL_AREA = 4  # a closest area with this many rows or fewer is shown whole
ITEM_SHARE = 0.7  # further competencies must be at least this close in meaning as the best one
NAMED_SHARE = 0.5  # a competency holding this share of the question's focus words is the one it names
ITEM_DEPTH = 25  # responsibilities shown must rank among the best records overall
LEAD_MARGIN = 0.05  # … when it is about as close in meaning as the best competency (advice: clearly closer)
CLEARLY_CLOSER = 0.15  # a sentence this much closer in meaning than any competency answers first
LEXICAL_ADVANTAGE = 0.5  # prose answers first when it holds this much more of the question's words
# … and answers a question the router reads as a situation when it holds this much more of them (calibrated on
# tests/data/concept_questions.yaml: "what questions should I ask about alliance maturity?" is the article's list)
SITUATION_PROSE_ADVANTAGE = 0.4


def advise(query: Query, ws: Workspace) -> Result:
    evidence = ws.evidence(query)
    if not evidence.covered:
        return not_covered(query, ws, evidence)
    items = _items(evidence)
    sentences = best_sentences(evidence)
    result = Result(records=[hit.passage for hit in evidence.hits[:24]])
    section = _named_section(query, ws, _item_coverage(evidence, items))
    if not section and _locates_in_other_words(query, evidence, items):
        return situation(query, ws, evidence, locate=True)
    if not section and _a_situation(query, evidence, items, sentences):
        return situation(query, ws, evidence)
    # asked what an article says ("per that article", "the strategic alliance manager piece"): its sentences
    # answer, and competencies close to its words would only be filler
    beside = [] if query.wording.refers_to_article else items[:3]
    if section:
        result.lead.append(section.pop(0))
        result.add("", section)
        _matrix(ws, beside, result, lead=False)
    elif _prose_leads(query, evidence, items, sentences):
        add_prose(
            ws,
            best_sentences(evidence, MAX_SENTENCES + 1, PER_PASSAGE + 1),
            result,
            lead=True,
            picks=list_picks(query, evidence, ws),
        )
        _matrix(ws, beside, result, lead=False)
    else:
        picks = list_picks(query, evidence, ws)
        holding = [p for p in items if _item_coverage(evidence, [p]) >= NAMED_SHARE]
        if query.wording.locates and holding:
            # "where's arbitration in the competencies?": the competencies that hold it, not their neighbours in
            # meaning, nor sentences about competencies in general
            _matrix(ws, holding, result, lead=True, picks=picks)
            owners(ws, holding, evidence, result, lead=_lead_areas(holding))
            return result
        _matrix(ws, items, result, lead=True, picks=picks)
        add_prose(ws, side_sentences(evidence, sentences), result, lead=False, picks=picks)
        owners(ws, items, evidence, result, lead=_lead_areas(items))
        return result
    owners(ws, items if beside else [], evidence, result)
    return result


def _locates_in_other_words(query: Query, evidence: Evidence, items: list[Passage]) -> bool:
    """Asked where in the matrix a topic is, in words no competency uses ("where does coopetition live in the
    matrix?"): the areas the router reads it as about (learned from how the library's writers describe each
    area) answer, not those of the competencies closest in meaning. In the competencies' own words ("which
    items talk about rules of engagement?"), or leaning on the turn before, the evidence answers."""
    named = query.subjects
    if not (query.wording.locates and query.area_scores) or named.areas or named.items or named.roles:
        return False
    return not query.context and _item_coverage(evidence, items) < NAMED_SHARE


def _a_situation(query: Query, evidence: Evidence, items: list[Passage], sentences: list[ScoredSentence]) -> bool:
    """The router reads it as asking what to do, and it asks neither an article (by name or by its words), nor
    a figure: the competencies of the areas it is about answer it (coach/operations/situation.py). A situation
    told with a word of difference ("their way of doing business is totally different from ours", "pull the
    plug vs try to revive it") is still one: a question the router reads as a comparison is not advice."""
    figure = evidence.ask == "figure" or _articles_hold_the_figure(query, evidence, sentences)
    if not (query.advice and query.area_scores) or query.subjects.articles or figure:
        return False
    return not (sentences and _words_point_to_prose(query, evidence, items, sentences[0]))


def _words_point_to_prose(query: Query, evidence: Evidence, items: list[Passage], best: ScoredSentence) -> bool:
    """The articles hold the question's own words and the competencies do not ("what questions should I ask
    about my organization's alliance maturity?"), or it refers to an article or quotes it."""
    quoted = query.wording.quoted
    if query.wording.refers_to_article or any(phrase.lower() in best.sentence.lower() for phrase in quoted):
        return True
    if shared_focus(query, best) < 2:
        # one word in common is chance ("what should we hold on to?" and "the summit was held …") unless it is
        # the question's rarest, no competency holds it, and the sentence is clearly closer in meaning than any
        # competency: "am I basically the CEO of my alliance?" asks what the article says of the CEO
        closer = bool(items) and best.closeness >= evidence.similarity.get(items[0].id, 0.0) + CLEARLY_CLOSER
        return closer and _key_word_only_in_prose(query, evidence, items, best)
    return best.coverage - _item_coverage(evidence, items) >= SITUATION_PROSE_ADVANTAGE or _key_word_only_in_prose(
        query, evidence, items, best
    )


SECTION_COVERAGE = 0.5  # an article heading holding this share of the question's focus words names its topic
SECTION_SENTENCES = 6


def _named_section(query: Query, ws: Workspace, held_by_items: float = 0.0) -> list[Point]:
    """When an article heading names what the question asks about ("Account Management", "A Creator",
    "Agents of Change"), that section answers, paragraph by paragraph (see `_section_points`); unless a
    competency holds more of it (`held_by_items`: "knowledge transfer" is I B.6's, not the heading
    "Transformational …", which shares only the start of one of its words)."""
    asked = set(query.wording.stems) - ws.lexicon.generic
    focus = set(query.focus) or asked - set(terms(cues.cue_words()))
    if not focus:
        return []
    named = set(query.subjects.articles)
    best: tuple[float, int] = (0.0, 0)
    heading_of: tuple[str, str] | None = None
    for document, heading in ws.sections:
        if not heading or heading == ws.titles.get(document, "") or (named and document not in named):
            continue
        stems = set(terms(heading))
        share = len({f for f in focus if f in stems or any(len(f) >= 6 and s[:6] == f[:6] for s in stems)}) / len(focus)
        score = (share, len(asked & stems))  # ties: the heading holding more of the question's words
        if score > best:
            best, heading_of = score, (document, heading)
    if heading_of is None or best[0] < SECTION_COVERAGE or best[0] < held_by_items:
        return []
    return _section_points(ws, ws.sections[heading_of], ws.evidence(query))


def _section_points(ws: Workspace, passages: list[Passage], evidence: Evidence) -> list[Point]:
    """A section in the author's order: every paragraph's sentence that best answers the question (its first,
    when none does better), then the next best sentences while SECTION_SENTENCES allows, each read with the one
    before when it refers back ("This change …"); a paragraph that introduces a list brings the list. The
    whole arc of the section, not only its opening."""
    scores = {(row.passage.id, row.sentence): row.score for row in evidence.sentences}
    paragraphs = [p for p in passages if not p.lead_in]
    candidates: dict[str, list[tuple[int, str]]] = {}
    for passage in paragraphs:
        sentences = split_sentences(passage.text)
        usable = [(i, text) for i, text in enumerate(sentences) if len(text.split()) >= 5 and not text.endswith("?")]
        candidates[passage.id] = sorted(usable, key=lambda pair: (-scores.get((passage.id, pair[1]), 0.0), pair[0]))
    chosen: dict[str, set[int]] = {passage.id: set() for passage in paragraphs}
    budget = max(SECTION_SENTENCES, len(paragraphs))
    for rank in range(max((len(c) for c in candidates.values()), default=0)):  # each paragraph's best, then next
        for passage in paragraphs:
            if rank < len(candidates[passage.id]) and budget > 0 and passage.text not in ws.lists:
                chosen[passage.id].add(candidates[passage.id][rank][0])
                budget -= 1
    points: list[Point] = []
    for passage in paragraphs:
        sentences = split_sentences(passage.text)
        if passage.text in ws.lists:
            points.append(list_point(ws, passage.text, passage))
            continue
        picked = set(chosen[passage.id])
        picked |= {i - 1 for i in picked if i and cues.ANAPHOR.match(sentences[i])}
        points += [Point(quote(sentences[i]), (passage,)) for i in sorted(picked)]
    return points


def _prose_leads(query: Query, evidence: Evidence, items: list[Passage], sentences: list[ScoredSentence]) -> bool:
    """The articles answer first when the question names one, asks for a figure or a comparison the guide
    does not make, quotes their words, or their best sentence is about as close in meaning as the best
    competency."""
    if not sentences:
        return False
    words = query.wording
    refers = words.refers_to_article  # "what else does that post say"
    if query.subjects.articles or refers or evidence.ask == "figure" or not items:
        return True
    if words.compares:  # a comparison the guide does not make, unless competencies are its sides
        return _item_coverage(evidence, items[:1]) < NAMED_SHARE  # ("identifying vs developing contractual terms")
    if any(phrase.lower() in sentences[0].sentence.lower() for phrase in words.quoted):
        return True
    if _articles_hold_the_figure(query, evidence, sentences):
        return True  # "what fraction of alliances are between competitors?": the articles' figure answers
    if evidence.ask != "advice" or shared_focus(query, sentences[0]) >= 2:
        # a situation shares one word with a sentence by chance ("what should we hold on to?" and "the summit
        # was held …"); a question's own words in the articles, and not in the competencies, mean more
        if sentences[0].coverage - _item_coverage(evidence, items) >= LEXICAL_ADVANTAGE:
            return True  # the articles hold the question's own words; the competencies do not
        if _key_word_only_in_prose(query, evidence, items, sentences[0]):
            return True
    best_item = evidence.similarity.get(items[0].id, 0.0)
    if sentences[0].closeness >= best_item + CLEARLY_CLOSER:
        return True
    margin = -LEAD_MARGIN if evidence.ask == "advice" else LEAD_MARGIN  # advice: the guide's competencies first
    return sentences[0].coverage >= LEAD_COVERAGE and sentences[0].closeness >= best_item - margin


def _articles_hold_the_figure(query: Query, evidence: Evidence, sentences: list[ScoredSentence]) -> bool:
    """It asks for a share, a figure or a number, and the best sentence of the articles states one about it
    ("what fraction of alliances are between competitors?": of the alliances). A situation told with such a
    word ("how much of our roadmap may I show the partner?", "our execs never see any numbers") finds no
    figure about what it measures, and stays a situation."""
    best = sentences[0] if sentences else None
    if not (query.wording.asks_numbers and best and has_number(best.sentence)):
        return False
    measured = query.wording.measured
    if measured and not holds(measured, best.stems, prefixes(best.stems)):
        return False
    return bool(shared_focus(query, best)) or best.closeness >= FACT_SIMILARITY


def _item_coverage(evidence: Evidence, items: list[Passage]) -> float:
    """The largest share of the question's focus words one of these competencies holds: a long word by its first
    letters at the credit a sentence's coverage gives it ("sponsor" in "sponsorship"), so that the two compare."""
    focus = dict.fromkeys(evidence.query.focus, 1.0)
    if not focus:
        return 0.0

    def share(passage: Passage) -> float:
        stems = frozenset(terms(passage.text))
        return matched_weight(focus, stems, prefixes(stems)) / len(focus)

    return max((share(p) for p in items), default=0.0)


def _key_word_only_in_prose(query: Query, evidence: Evidence, items: list[Passage], best: ScoredSentence) -> bool:
    """The question's rarest word ("CEO", "roach motel") is in the best sentence and in none of the
    competencies, not even as the start of a longer word ("sponsor" in "sponsorship"): the articles are what it
    asks about."""
    if not query.focus:
        return False
    rarest = max(query.focus, key=lambda stem_: evidence_idf(evidence, stem_))
    return rarest in best.stems and not any(_holds(p, rarest) for p in items)


def _holds(passage: Passage, stem_: str) -> bool:
    stems = frozenset(terms(passage.text))
    return holds(stem_, stems, prefixes(stems))


def evidence_idf(evidence: Evidence, stem_: str) -> float:
    return evidence.idf.get(stem_, float("inf"))


def _items(evidence: Evidence) -> list[Passage]:
    """The competencies closest in meaning: up to FIRST_AREA from the closest area, then one from each next
    area (a situation usually touches several), leaving out statements the matrix repeats in many areas
    ("Explain how industry conditions affect alliances …"), which say nothing about the situation."""
    ranked = sorted(
        (hit.passage for hit in evidence.of(RecordKind.ITEM) if hit.passage.text not in evidence.repeated),
        key=lambda passage: -item_score(evidence, passage),
    )
    if not ranked:
        return []
    # measured against the closest when it holds most of what the question asks about ("exec mapping" is
    # "Explain executive mapping"); else against the third closest, so that one competency sharing a single
    # word with a situation ("milestones") does not crowd out the others
    named = _item_coverage(evidence, ranked[:1]) >= NAMED_SHARE
    best = evidence.distinct.get(ranked[0 if named else min(2, len(ranked) - 1)].id, 0.0)
    first_area = code_of(ranked[0]).area
    chosen: list[Passage] = []
    per_area: Counter[Code] = Counter()
    for passage in ranked:
        if len(chosen) >= MAX_ITEMS or evidence.distinct.get(passage.id, 0.0) < ITEM_SHARE * best:
            break
        if per_area[code_of(passage).area] < (FIRST_AREA if code_of(passage).area == first_area else OTHER_AREA):
            per_area[code_of(passage).area] += 1
            chosen.append(passage)
    return _whole_groups(evidence, chosen, first_area)


def _whole_groups(evidence: Evidence, chosen: list[Passage], first_area: Code) -> list[Passage]:
    """The closest area's competencies that belong together: all of a small area (three or four rows), or
    the whole of a group of rows (II M's "Termination:" steps) when two of its rows were chosen or the
    question names the group (in its own words or words close to them)."""
    model = evidence.model
    area = model.area(first_area) if model is not None else None
    if model is None or area is None:
        return chosen
    members = [i for i in area.items if i.statement not in evidence.repeated]
    group_of = {p.id: getattr(model.item(code_of(p)), "group", "") for p in chosen}
    groups = Counter(group_of[p.id] for p in chosen if code_of(p).area == first_area and group_of[p.id])
    asked = set(evidence.query.focus) | set(evidence.related)  # "reshape" reads as "transform": Transformation
    named = {group for group in {i.group for i in members if i.group} if set(terms(group)) & asked}
    wanted = [
        i for i in members if len(members) <= SMALL_AREA or (i.group and (groups[i.group] >= 2 or i.group in named))
    ]
    if not wanted:
        return chosen
    ids = {p.id for p in chosen}
    extra = [evidence.record(f"item:{i.code}") for i in wanted if f"item:{i.code}" not in ids]
    first = [p for p in chosen if code_of(p).area == first_area]
    return first + [p for p in extra if p is not None] + [p for p in chosen if code_of(p).area != first_area]


def _lead_areas(items: list[Passage]) -> list[Code]:
    """The (at most two) areas a matrix-led answer names first: those of its closest competencies."""
    return list(dict.fromkeys(code_of(p).area for p in items))[:2]


def _matrix(ws: Workspace, items: list[Passage], result: Result, lead: bool, picks: Picks | None = None) -> None:
    if not items:
        return
    areas = _lead_areas(items)
    if lead:
        names = " and ".join(f"**{ws.area_name(code)}**" for code in areas)
        result.lead.append(Point(f"In the ASAP competency matrix this is {names}", tuple(areas)))
    points = [ws.item_point(ws.item(p.code), show_types=False) for p in items]
    result.add("What the guide expects of you", points)
    if lead:
        for owner, members in ws.lists_naming(areas[0]):  # "the alliance lifecycle": the article's six activities
            chosen = picks(owner.text) if picks else None  # a situation: only the activities close to it
            if chosen == []:
                continue
            result.add(
                f"In {quote(ws.titles.get(owner.document, owner.document))}",
                [
                    Point(
                        quote(split_sentences(owner.text)[-1]),
                        (owner,),
                        children=[Point(quote(m.text), (m,)) for m in (members if chosen is None else chosen)],
                    )
                ],
            )


# --- not covered ------------------------------------------------------------------------------------------------

NEAREST = 3


def not_covered(query: Query, ws: Workspace, evidence: Evidence) -> Result:
    """Said plainly, with the nearest topics the documents do cover."""
    result = Result(status="not-covered", message="The guide and the four articles don't cover that.")
    topics: dict[str, Point] = {}
    for hit in evidence.hits:
        label, source = _topic(ws, hit)
        if label and label not in topics:
            topics[label] = Point(label, (source,))
        if len(topics) >= NEAREST:
            break
    result.add("The nearest topics they do cover", list(topics.values()))
    return result


def _topic(ws: Workspace, hit: Hit) -> tuple[str, Passage | Code]:
    passage = hit.passage
    if passage.code is not None:
        return ws.area_name(code_of(passage).area), code_of(passage).area
    if passage.kind == RecordKind.RESPONSIBILITY and passage.codes:
        return ws.area_name(passage.codes[0]), passage.codes[0]
    if passage.kind == RecordKind.REQUIREMENT:
        return passage.title, passage
    if passage.kind in (RecordKind.CATEGORY, RecordKind.PASSAGE) and passage.heading:
        return f"{passage.heading} ({ws.titles.get(passage.document, passage.document)})", passage
    return "", passage


# --- one article -------------------------------------------------------------------------------------------------

MAX_HEADINGS = 6


def summarize(query: Query, ws: Workspace) -> Result:
    section = _named_section(query, ws)
    if section:  # the question names one part of an article ("what course correction did … make?"): that part
        result = Result(records=[hit.passage for hit in ws.evidence(query).hits[:24]])
        result.lead.append(section.pop(0))
        result.add("", section)
        return result
    documents = query.subjects.articles or _documents_of(ws.evidence(query))
    result = Result()
    for document in documents[:1]:
        passages = [p for p in ws.records.values() if p.kind == RecordKind.PASSAGE and p.document == document]
        passages.sort(key=lambda p: p.position)
        title = ws.titles.get(document, document)
        headings = list(dict.fromkeys(p.heading for p in passages))
        result.lead.append(Point(f"The key sentences of {quote(title)}, part by part, in the author's words:", ()))
        evidence = ws.evidence(query)
        for heading in headings[:MAX_HEADINGS]:
            part = [p for p in passages if p.heading == heading]
            result.add(heading or title, _key_sentences(ws, part, _best_in(evidence, part)))
    return result


def _best_in(evidence: Evidence, section: list[Passage]) -> ScoredSentence | None:
    """The section's sentence that best answers the question's own words, if it holds any of them."""
    ids = {p.id for p in section}
    return next((row for row in evidence.sentences if row.passage.id in ids and row.coverage > 0), None)


def _documents_of(evidence: Evidence) -> tuple[str, ...]:
    for hit in evidence.hits:
        if hit.passage.kind == RecordKind.PASSAGE and hit.passage.document in (
            evidence.query.subjects.articles or [hit.passage.document]
        ):
            return (hit.passage.document,)
    return ()


def _key_sentences(ws: Workspace, passages: list[Passage], asked: ScoredSentence | None = None) -> list[Point]:
    """A section's opening sentence, any list it holds (whole), the sentence that best answers the question's
    own words (a summary asked with a topic: "what course correction did the author make?"), and its closing
    sentence."""
    points: list[Point] = []
    shown_lists: set[str] = set()
    paragraphs = [p for p in passages if not p.lead_in]
    if paragraphs:
        first = split_sentences(paragraphs[0].text)
        points.append(Point(quote(first[0]), (paragraphs[0],)))
    for passage in passages:
        if passage.lead_in and passage.lead_in not in shown_lists:
            shown_lists.add(passage.lead_in)
            points.append(list_point(ws, passage.lead_in, lead_owner(ws, passage.lead_in) or passage))
    if asked is not None and not any(asked.sentence in point.text for point in points):
        points.append(Point(quote(asked.sentence), (asked.passage,)))
    if len(paragraphs) > 1:
        last = split_sentences(paragraphs[-1].text)
        if last and not any(last[-1] in point.text for point in points):
            points.append(Point(quote(last[-1]), (paragraphs[-1],)))
    return points
