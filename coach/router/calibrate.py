"""Choosing the router's settings and the engine's thresholds from the library alone, by cross-validation.

Every figure comes from out-of-fold predictions: the router is trained without one writer's examples and
reads that writer's (coach/router/crossval.py). Nothing here reads an eval split. `eval/calibrate_router.py`
runs it and prints the tables the values in coach/tuning.py were chosen from; `coach library cv` prints the
figures of the settings in use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .. import guards
from ..library import Example, Library, Scope
from ..query import Operation, Query
from ..text import normalize
from .crossval import Figures, score
from .model import AreaCloseness, Router, RouterSettings, Routing

if TYPE_CHECKING:
    from ..evidence import Ranker
    from ..model import CompetencyModel
    from ..settings import Settings


@dataclass(frozen=True)
class Material:
    """What cross-validation reads: the parsed matrix, the library, its questions' vectors and the items'
    closeness to each area (both cached per machine by content)."""

    model: CompetencyModel
    library: Library
    examples: list[Example]
    vectors: np.ndarray
    closeness: AreaCloseness


def load_material(settings: Settings, before_embedding: Callable[[int], None] | None = None) -> Material:
    """The material from the settings' corpus and library; `before_embedding` hears how many examples there are
    before their vectors are computed (a progress line)."""
    from ..corpus import load_corpus
    from ..index.embeddings import document_embeddings, model_fingerprint
    from ..library import load_library, matrix_codes
    from ..model import build_model
    from ..vectors import TextVectors
    from . import area_closeness, item_texts

    model = build_model(load_corpus(settings.corpus_dir))
    library = load_library(settings.library_dir, matrix_codes(model))
    examples = list(library.examples)
    encoder = document_embeddings(settings)
    if before_embedding is not None:
        before_embedding(len(examples))
    vectors = TextVectors("library", [e.text for e in examples], encoder, settings.vectors_dir, model_fingerprint())
    closeness = area_closeness(item_texts(model), encoder, settings.vectors_dir, model_fingerprint())
    return Material(model, library, examples, vectors.matrix, closeness)


MAX_FALSE_REFUSALS = 0.005  # at most this share of answerable questions declined as out of scope
MAX_FALSE_NOT_COVERED = 0.02  # at most this share of answerable questions flagged for the stricter check


def out_of_fold(
    examples: list[Example], vectors: np.ndarray, closeness: AreaCloseness, settings: RouterSettings
) -> list[Routing]:
    routings: list[Routing | None] = [None] * len(examples)
    for writer in sorted({e.writer for e in examples}):
        train = [i for i, e in enumerate(examples) if e.writer != writer]
        test = [i for i, e in enumerate(examples) if e.writer == writer]
        router = Router(settings, closeness).fit([examples[i] for i in train], vectors[train])
        for i, routing in zip(test, router.predict([examples[i].text for i in test], vectors[test]), strict=True):
            routings[i] = routing
    return [r for r in routings if r is not None]


def standalone_readings(settings: Settings) -> Iterator[tuple[Example, Routing, Query, Ranker]]:
    """Each standalone library question the documents answer or do not cover, with the router's out-of-fold
    reading of it, the engine's query and the evidence ranker that judges it: what scripts/orphan_words.py and
    scripts/sure_not_covered.py measure the "not covered" rules on."""
    from ..facade import Coach
    from . import router_settings

    material = load_material(settings)
    routings = out_of_fold(material.examples, material.vectors, material.closeness, router_settings())
    engine = Coach(settings).engine
    for example, routing in zip(material.examples, routings, strict=True):
        if example.scope is not Scope.OUT and not example.after:
            yield example, routing, engine.understand(example.text, []), engine.ranker


def figures(examples: list[Example], routings: list[Routing]) -> Figures:
    found = Figures()
    for example, routing in zip(examples, routings, strict=True):
        score(example, routing, found)
    return found


def read_before_the_router(example: Example) -> bool:
    """Injection markers are decided by coach/guards.py before the router reads a turn, and small talk is
    answered as small talk (by the greetings of coach/guards.py, or by the router's reading of it) before its
    scope is judged."""
    text = normalize(example.text)
    return guards.matches_any(guards.INJECTION, text) or example.operation is Operation.SMALL_TALK


@dataclass(frozen=True)
class Threshold:
    value: float
    caught: float  # share of the examples it should catch that it catches
    wrong: int  # answerable examples it catches
    answerable: int


def scope_threshold(
    examples: list[Example], routings: list[Routing], scope: Scope, max_wrong: float, standalone: bool = True
) -> tuple[Threshold, list[Threshold]]:
    """The lowest probability of `scope` that catches at most `max_wrong` of the answerable questions (read
    by the router: not small talk or injection; standalone ones, or follow-ups), with the table it was read
    from."""
    return threshold_of([r.scope[scope] for r in routings], examples, scope, max_wrong, standalone)


def threshold_of(
    probabilities: Sequence[float],
    examples: list[Example],
    scope: Scope,
    max_wrong: float,
    standalone: bool = True,
) -> tuple[Threshold, list[Threshold]]:
    """As `scope_threshold`, on each example's probability of `scope` however it was read (a blend of readings
    tried by scripts/scope_neighbours_cv.py)."""
    rows = [
        (e, p)
        for e, p in zip(examples, probabilities, strict=True)
        if not read_before_the_router(e) and (e.followup is not True) == standalone
    ]
    answerable = [p for e, p in rows if e.scope is Scope.IN]
    target = [p for e, p in rows if e.scope is scope]
    table = []
    for value in np.arange(0.3, 0.96, 0.05):
        wrong = sum(p >= value for p in answerable)
        caught = sum(p >= value for p in target) / max(1, len(target))
        table.append(Threshold(round(float(value), 2), caught, wrong, len(answerable)))
    fitting = [t for t in table if t.wrong <= max_wrong * t.answerable]
    return (fitting[0] if fitting else table[-1]), table


Row = tuple[float, float, float, float]  # a value tried and three figures at it, the last one maximised


def followup_threshold(examples: list[Example], routings: list[Routing]) -> tuple[float, list[Row]]:
    """The probability above which a turn leans on the previous one: the best balanced accuracy over the
    library's follow-up / new-topic pairs and its standalone questions."""
    table: list[Row] = []
    for value in np.arange(0.2, 0.81, 0.05):
        leaning = [r.followup >= value for e, r in zip(examples, routings, strict=True) if e.followup is True]
        alone = [
            r.followup < value
            for e, r in zip(examples, routings, strict=True)
            if e.followup is False or (e.followup is None and e.scope is Scope.IN)
        ]
        balanced = (np.mean(leaning) + np.mean(alone)) / 2
        table.append((round(float(value), 2), float(np.mean(leaning)), float(np.mean(alone)), float(balanced)))
    best = max(table, key=lambda row: row[3])
    return best[0], table


def second_area_share(examples: list[Example], routings: list[Routing]) -> tuple[float, list[Row]]:
    """The share of the first area's score at which the router's second area is worth naming: the best F1 of
    "named and labelled" over the library's situations."""
    rows = [
        (e, r)
        for e, r in zip(examples, routings, strict=True)
        if e.scope is Scope.IN and e.operation is Operation.ADVISE and e.areas
    ]
    table: list[Row] = []
    for share in np.arange(0.2, 0.91, 0.1):
        named = right = 0
        possible = sum(1 for e, r in rows if r.areas[1][0] in e.areas)
        for example, routing in rows:
            (_, first), (second, value) = routing.areas[0], routing.areas[1]
            if value >= share * first:
                named += 1
                right += second in example.areas
        precision = right / named if named else 0.0
        recall = right / possible if possible else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table.append((round(float(share), 2), precision, recall, f1))
    best = max(table, key=lambda row: row[3])
    return best[0], table
