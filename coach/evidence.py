"""Ranked evidence for a query: every record of the index scored against the question (dense similarity, BM25,
and the records its subjects point at, fused by reciprocal rank), the prose sentences that answer it best,
and two judgements made on that evidence rather than on keywords:

- *in the domain*: the question uses the corpus's domain words, names a subject, or is close in meaning to
  some record (`SCOPE_SIMILARITY`); otherwise it is outside alliance management and politely declined;
- *covered*: the evidence answers what the question asks about (its focus words). A question that asks for
  a figure needs a sentence holding its key word and a number; a name the corpus never uses ("GDPR") is not
  covered; advice in the domain is answered from the nearest evidence; a factual question needs its words or
  its meaning. Thresholds and where they came from: coach/tuning.py (EvidenceTuning).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from . import cues
from .index import Index
from .lexicon import Lexicon, squash
from .model import CompetencyModel
from .query import Query
from .records import Hit, Passage, RecordKind, area_id, category_id, fact_id, item_id
from .retrieve import STRUCTURED_WEIGHT, Filters, Retriever
from .sentences import ASKS_NUMBERS, PREFIX, ScoredSentence, SentenceIndex, has_number, matched_weight, prefixes
from .text import stem, terms, words
from .tuning import TUNING
from .vectors import TextVectors

SCOPE_SIMILARITY = TUNING.evidence.scope_similarity  # thresholds and where they came from: coach/tuning.py
DOMAIN_WORD_SIMILARITY = TUNING.evidence.domain_word_similarity
SCOPE_COVERAGE = TUNING.evidence.scope_coverage
ADVICE_SIMILARITY = TUNING.evidence.advice_similarity
FACT_SIMILARITY = TUNING.evidence.fact_similarity
COVERAGE = TUNING.evidence.coverage
RARE_COVERAGE = TUNING.evidence.rare_coverage
TOP_RECORDS = 12  # records and sentences looked at for coverage
PROSE_KINDS = (RecordKind.PASSAGE,)
ARTICLE_BOOST = 0.15  # sentences of an article the question names score this much higher
REPEATED = 3  # a competency statement in this many areas is boilerplate, not an answer to a situation
NAME_SIMILARITY = TUNING.evidence.name_similarity
RELATED_PER_WORD = 2  # corpus words taken for each question word the corpus never uses …
RELATED_SIMILARITY = TUNING.evidence.related_similarity
CLOSEST = 12  # advice: prose sentences kept by their closeness in meaning alone


@dataclass
class Evidence:
    query: Query
    hits: list[Hit]  # every record, best first
    similarity: dict[str, float]  # record id → cosine similarity with the question
    sentences: list[ScoredSentence]  # prose sentences, best first
    in_domain: bool = True
    covered: bool = True
    ask: str = "fact"  # "figure" | "advice" | "fact"
    rank: dict[str, int] = field(default_factory=dict)
    vector: list[float] | None = None  # the question's embedding
    related: tuple[str, ...] = ()  # corpus words close in meaning to question words the corpus never uses
    # … and the question words the corpus never uses that no corpus word is close to ("equity"); the words of
    # asking for a figure ("proportion", "ratio") ask how, not what, and are never among them
    orphans: tuple[str, ...] = ()
    repeated: frozenset[str] = frozenset()  # competency statements the matrix repeats in many areas
    idf: dict[str, float] = field(default_factory=dict)  # the corpus's word rarity
    model: CompetencyModel | None = None  # the competency model (for the rows that belong together)
    by_id: dict[str, Passage] = field(default_factory=dict)
    # record id → similarity with an advice question's distinctive words (see `distinctive`); else `similarity`
    distinct: dict[str, float] = field(default_factory=dict)
    # prose passage id → closeness in meaning of its closest sentence to the question, shared words or not
    prose_closeness: dict[str, float] = field(default_factory=dict)
    closest: list[ScoredSentence] = field(default_factory=list)  # advice: the prose closest in meaning
    # advice: the article sentences the library's writers quoted for questions like it (Query.quote_scores)
    quoted: list[ScoredSentence] = field(default_factory=list)
    prose_baseline: float = 0.0  # advice: the median closeness of all prose sentences to the question

    def record(self, record_id: str) -> Passage | None:
        return self.by_id.get(record_id)

    def of(self, *kinds: RecordKind) -> list[Hit]:
        return [hit for hit in self.hits if hit.passage.kind in kinds]

    def best_similarity(self, *kinds: RecordKind) -> float:
        values = [self.similarity.get(hit.passage.id, 0.0) for hit in (self.of(*kinds) if kinds else self.hits)]
        return max(values, default=0.0)

    def position(self, passage: Passage) -> int:
        return self.rank.get(passage.id, len(self.rank))


def distinctive(text: str, generic: frozenset[str]) -> str:
    """The question without the words nearly every record of the corpus uses ("alliance", "partner",
    "relationship" …: `Lexicon.generic`). In a situation told in everyday words those words say only that it is
    about alliances, which every record is; kept in, they pull the question towards whichever competencies
    repeat them ("the partner stopped trusting us" lands on "partner limitations", not "build trust"). The
    whole text when nothing else is left ("what is alliance management?")."""
    kept = [token for token in text.split() if not set(terms(token)) & generic]
    remainder = " ".join(kept)
    return remainder if terms(remainder) else text


def ask_kind(text: str, advice: bool = False) -> str:
    """ "figure" (it wants a number: a cost, a share, a salary …), "advice" (what to do; a situation told as a
    statement) or "fact"."""
    lowered = text.lower()
    figure = cues.FIGURE.search(lowered) and (cues.QUANTITY.search(lowered) or cues.TYPICAL.search(lowered))
    price = re.search(r"\bhow much (?:is|are|does|do|will|would)\b", lowered)  # "how much is a membership?"
    if figure or price or (re.search(r"\d", lowered) and cues.TYPICAL.search(lowered)):
        return "figure"
    if (
        advice
        or cues.ADVICE.search(lowered)
        or cues.LOCATE.search(lowered)
        or not cues.QUESTION.search(lowered)
        or _situation_first(lowered)
    ):
        return "advice"
    return "fact"


def _situation_first(lowered: str) -> bool:
    """A situation told first, then asked about: "my partner and I keep fighting over the same customers —
    which part of the matrix helps?" (a statement in the first person, then the question)."""
    statement = re.split(r"\s[-–—]\s|[.;:!]\s|,\s(?=(?:what|which|how|where|who|is|any|should)\b)", lowered, maxsplit=1)
    return (
        len(statement) == 2
        and bool(re.match(r"\W*(?:i|i'm|im|we|we're|were|my|our)\b", statement[0]))
        and not cues.QUESTION.search(statement[0])
    )


class Ranker:
    def __init__(
        self,
        retriever: Retriever,
        lexicon: Lexicon,
        model: CompetencyModel,
        sentences: SentenceIndex,
        words: TextVectors | None = None,
        vector_of: Callable[[str], list[float]] | None = None,
    ):
        self.retriever = retriever
        self.lexicon = lexicon
        self.model = model
        self.sentences = sentences
        self.words = words  # TextVectors of the corpus's words, to read everyday words in its own
        self.vector_of = vector_of  # a question's vector, when the engine already has it (the router's)
        statements = Counter(item.statement for item in model.items)
        self.repeated = frozenset(text for text, n in statements.items() if n >= REPEATED)

    @property
    def index(self) -> Index:
        return self.retriever.index

    def evidence(self, query: Query, vector: list[float] | None = None) -> Evidence:
        text = query.search_text
        if vector is None and self.vector_of is not None:
            vector = self.vector_of(text)
        asks = ask_kind(query.text, query.advice)
        specific = distinctive(text, self.lexicon.generic) if asks == "advice" and not query.subjects else text
        unseen = self._unseen_words(query)
        # the question and its distinctive words in one call of the encoder (texts of about the same length
        # batch well), the short unseen words in another
        batch = ([] if vector is not None else [text]) + ([specific] if specific != text else [])
        vectors = self.index.encoder.embed_documents(batch) if batch else []
        if vector is None:
            vector, vectors = vectors[0], vectors[1:]
        specific_vector = vectors[0] if vectors else None
        unseen_vectors = self.index.encoder.embed_documents(unseen) if unseen else []
        dense_hits = self.index.dense(vector, len(self.index.passages))
        similarity = {passage.id: score for passage, score in dense_hits}
        distinct = (
            similarity
            if specific_vector is None
            else {passage.id: score for passage, score in self.index.dense(specific_vector, len(self.index.passages))}
        )
        dense = [passage for passage, _ in dense_hits]
        lexical = self.retriever.lexical(text, Filters(), depth=len(self.index.passages))
        rankings = [(dense, 1.0), (lexical, 1.0)]
        pointed = self.pointed_at(query)
        if pointed:
            rankings.append((pointed, STRUCTURED_WEIGHT))
        hits = self.retriever.fuse(rankings, dense, lexical)
        rank = {hit.passage.id: position for position, hit in enumerate(hits)}
        # a follow-up's own words decide which sentences hold what it asks; its context only steers the meaning
        own = query.text if query.context and query.focus else text
        # the words it asks about (its focus), not the names of what it is about ("ASAP", "II C"); the whole
        # question when the prose uses none of its focus words
        by_word = self.related_by_word(query, unseen, unseen_vectors)
        related = list(dict.fromkeys(r for stems in by_word.values() for r in stems))
        orphans = tuple(word for word, stems in by_word.items() if not stems and not ASKS_NUMBERS.search(word.lower()))
        used = [f for f in query.focus if f in self.sentences.idf]
        stems = [*query.focus, *related] if used else None
        sentences = self.sentences.best(
            own, similarity, vector, stems=stems, documents=set(query.subjects.articles), boost=ARTICLE_BOOST
        )
        evidence = Evidence(
            query,
            hits,
            similarity,
            sentences,
            rank=rank,
            ask=asks,
            vector=vector,
            related=tuple(related),
            orphans=orphans,
            repeated=self.repeated,
            idf=self.lexicon.idf,
            model=self.model,
            by_id=self.index.by_id,
            distinct=distinct,
        )
        if asks == "advice":  # a situation: the prose by meaning alone, beside what shares its words
            evidence.closest, evidence.prose_closeness, evidence.prose_baseline = self.sentences.by_meaning(
                vector, CLOSEST
            )
            evidence.quoted = self.sentences.scored(query.quote_scores)
        evidence.in_domain = self.in_domain(query, evidence)
        evidence.covered = self.covered(query, evidence)
        return evidence

    def _unseen_words(self, query: Query) -> list[str]:
        """The question's focus words the corpus never uses ("KPIs", "reshape")."""
        if self.words is None or not query.focus:
            return []
        return [
            w
            for w in dict.fromkeys(words(query.text))
            if stem(w) in query.focus and stem(w) not in self.lexicon.corpus_stems
        ]

    def related_by_word(self, query: Query, unseen: list[str], vectors: list[list[float]]) -> dict[str, list[str]]:
        """For each of the question's focus words the corpus never uses (`unseen`, embedded as `vectors`), the
        stems of the corpus words closest in meaning ("KPIs" → "metrics", "coopetition" → "cooperation"; none for
        "equity"): the vocabulary grows from the embeddings."""
        corpus = self.words
        if corpus is None:  # without the corpus's words no word is unseen (`_unseen_words`)
            return {}
        found: dict[str, list[str]] = {}
        for word, vector in zip(unseen, vectors, strict=True):
            scores = corpus.scores(vector)
            close = [
                r
                for row in scores.argsort()[::-1][:RELATED_PER_WORD]
                if scores[row] >= RELATED_SIMILARITY
                for r in terms(corpus.texts[row])
            ]
            found[word] = list(dict.fromkeys(r for r in close if r not in query.focus))
        return found

    # --- what the subjects point at ---------------------------------------------------------------------------
    def pointed_at(self, query: Query) -> list[Passage]:
        """The records a query's subjects name, most specific first: a role's responsibilities in the area
        asked about, the area, its items (the role's exam level first); a role's whole job description only
        when no area narrows it."""
        s = query.subjects
        ids: list[str] = [item_id(code) for code in s.items]
        levels = {self.model.role(role_id).certification for role_id in s.roles}
        for code in s.areas:
            ids += [resp.record_id for role_id in s.roles for resp in self.model.responsibilities_for(code, role_id)]
            ids.append(area_id(code))
            area = self.model.area(code)
            members = area.items if area is not None else ()
            items = sorted(members, key=lambda i: not any(i.flags.at(lv) for lv in levels))
            ids += [item_id(item.code) for item in items]
            ids += [resp.record_id for resp in self.model.responsibilities_for(code)]
        for role_id in s.roles if not s.areas else ():
            role = self.model.role(role_id)
            ids += [resp.record_id for resp in role.responsibilities]
            ids += [fact_id(role_id, field) for field in _fact_fields(s.facts)]
        for position, category in enumerate(self.model.categories, start=1):
            if category.name in s.categories or "categories" in s.topics:
                ids.append(category_id(position))
        by_id = self.index.by_id
        found = [by_id[i] for i in dict.fromkeys(ids) if i in by_id]
        found += [p for p in self.index.passages if p.kind == RecordKind.PASSAGE and p.document in s.articles]
        return found

    # --- judgements -----------------------------------------------------------------------------------------
    def in_domain(self, query: Query, evidence: Evidence) -> bool:
        """Domain words, a subject, a record close in meaning, or the corpus using most of its words
        ("what's the roach motel thing?")."""
        best = evidence.best_similarity()
        if query.subjects or best >= SCOPE_SIMILARITY:
            return True
        if (query.domain_words or self._domain_prefix(query.text)) and best >= DOMAIN_WORD_SIMILARITY:
            return True  # "what is the meaning of life" uses a word of "alliance life cycle", and nothing more
        focus = list(query.focus)
        if not focus:
            return False
        rarest = max(focus, key=lambda stem: self.lexicon.idf.get(stem, float("inf")))
        coverage, _ = self.coverage(focus, [row.sentence for row in evidence.sentences[:TOP_RECORDS]], rarest)
        return coverage >= SCOPE_COVERAGE

    def _domain_prefix(self, text: str) -> bool:
        """ "partnerships" meets "partner": a domain stem of six letters or more that begins a question word."""
        long = [d for d in self.lexicon.domain if len(d) >= PREFIX]
        return any(word.startswith(d) for word in terms(text) for d in long)

    def covered(self, query: Query, evidence: Evidence) -> bool:
        focus = list(query.focus)
        if not focus:
            return True
        if query.not_covered_chance >= TUNING.foreign_name_not_covered and self.foreign_names(query):
            # a name the documents never use ("PRM", "GDPR") decides only when the router, too, reads the question
            # as possibly not covered (coach/tuning.py)
            return False
        if query.not_covered_chance >= TUNING.orphan_word_not_covered and evidence.orphans:
            return False  # … or a word the documents never use and nothing in them is close to ("equity")
        focus += [stem_ for stem_ in evidence.related if stem_ not in focus]
        texts = [hit.passage.text for hit in evidence.hits[:TOP_RECORDS]]
        texts += [row.sentence for row in evidence.sentences[:TOP_RECORDS]]
        # the router is sure the documents do not state it: only a record that also holds everything the question
        # names ("CSAP") can answer what it asks ("how many questions"), and closeness in meaning alone cannot
        sure = query.not_covered_chance >= TUNING.sure_not_covered and bool(query.domain_words)
        if sure:
            texts = [text for text in texts if set(query.domain_words) <= set(terms(text))]
            if not texts:
                return False
        rarest = max(focus, key=lambda stem: self.lexicon.idf.get(stem, float("inf")))
        if evidence.ask == "figure":
            return any(rarest in terms(text) and has_number(text) for text in texts)
        if query.not_covered and cues.DURATION.search(query.text.lower()):
            # a duration asked, which the router reads as possibly not stated ("how long is the CA-AM exam, in
            # minutes?"): only a time span said of what it names answers it, however many of its words match
            return any(rarest in terms(text) and cues.TIME_SPAN.search(text.lower()) for text in texts)
        coverage, holds_rarest = self.coverage(focus, texts, rarest)
        if coverage >= COVERAGE:
            return True
        best = max(evidence.best_similarity(), max((row.closeness for row in evidence.sentences[:3]), default=0.0))
        if query.not_covered:
            # the router reads it as asking for something the documents may not state (a fee, a renewal period,
            # a named law): answered only when the evidence states it, never from the nearest advice
            return (best >= FACT_SIMILARITY and not sure) or (holds_rarest and coverage >= RARE_COVERAGE)
        if query.subjects.articles:  # the question names the article: be as lenient as with advice
            return coverage >= RARE_COVERAGE or best >= ADVICE_SIMILARITY
        if evidence.ask == "advice":
            # a situation in the domain, told in everyday words, is answered from the nearest evidence: its
            # closeness in meaning says little ("partner's gone quiet" is 0.25 from "Establish effective
            # communication channels") and rejected none of the calibration probes that a figure or a name
            # the corpus never uses did not already reject
            return True
        return best >= FACT_SIMILARITY or (holds_rarest and coverage >= RARE_COVERAGE)

    def foreign_names(self, query: Query) -> list[str]:
        """Acronyms the corpus never uses and no corpus word is close to ("GDPR", "MDF", "PRM"): a question
        that hinges on one asks about something the documents do not discuss."""
        names = [
            w
            for w in dict.fromkeys(re.findall(r"\b[A-Z][A-Z-]{0,6}[A-Z]s?\b", query.text))
            if stem(w.lower()) not in self.lexicon.corpus_stems
            and stem(w.lower().rstrip("s")) not in self.lexicon.corpus_stems
            and not re.fullmatch(r"[IVX]+", w)
            and squash(w) not in self.lexicon.certifications
            and w.lower().rstrip("s") not in self.lexicon.title_initials
        ]
        if not names or self.words is None:
            return names
        foreign = []
        for name, vector in zip(names, self.index.encoder.embed_documents([n.lower() for n in names]), strict=True):
            if float(self.words.scores(vector).max()) < NAME_SIMILARITY:
                foreign.append(name)
        return foreign

    def coverage(self, focus: list[str], texts: list[str], rarest: str) -> tuple[float, bool]:
        """The best share (by rarity) of the focus stems one text holds, and whether any holds the rarest."""
        weights = {stem: self.lexicon.idf.get(stem, max(self.lexicon.idf.values(), default=1.0)) for stem in focus}
        total = sum(weights.values()) or 1.0
        best, rarest_held = 0.0, False
        for text in texts:
            stems = frozenset(terms(text))
            best = max(best, matched_weight(weights, stems, prefixes(stems)) / total)
            rarest_held = rarest_held or rarest in stems
        return best, rarest_held


def _fact_fields(labels: tuple[str, ...]) -> list[str]:
    from .index.records import FACT_FIELDS

    return [FACT_FIELDS[label] for label in (labels or FACT_FIELDS)]
