"""Cross-validation of the router on the library: the only place its settings are chosen.

Folds leave one writer out: the router is trained on four writers' examples and scored on the fifth's, so
the figures say how it reads wordings it has never seen (a random split would reward remembering a writer's
habits). Each figure is the mean over the five writers' folds, weighted by their examples.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from ..library import Example, Scope
from .model import AreaCloseness, Router, RouterSettings, Routing


@dataclass
class Tally:
    hits: float = 0.0
    total: int = 0

    def add(self, hit: bool | float) -> None:
        self.hits += float(hit)
        self.total += 1

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 0.0


@dataclass
class Figures:
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))

    def add(self, name: str, hit: bool | float) -> None:
        self.tallies[name].add(hit)

    def as_dict(self) -> dict[str, float]:
        return {name: round(t.rate, 4) for name, t in sorted(self.tallies.items())}

    def counts(self) -> dict[str, int]:
        return {name: t.total for name, t in sorted(self.tallies.items())}


def cross_validate(
    examples: list[Example], vectors: np.ndarray, closeness: AreaCloseness, settings: RouterSettings
) -> Figures:
    figures = Figures()
    writers = sorted({e.writer for e in examples})
    for writer in writers:
        train = [i for i, e in enumerate(examples) if e.writer != writer]
        test = [i for i, e in enumerate(examples) if e.writer == writer]
        router = Router(settings, closeness).fit([examples[i] for i in train], vectors[train])
        routings = router.predict([examples[i].text for i in test], vectors[test])
        for i, routing in zip(test, routings, strict=True):
            score(examples[i], routing, figures)
    # the items' closeness alone, for comparison: what the areas were before the library
    for i, example in enumerate(examples):
        if example.scope is Scope.IN and example.areas:
            best = closeness.best(vectors[i : i + 1])[0]
            ranked = [closeness.areas[j] for j in np.argsort(-best)]
            figures.add("area top-1 (items' closeness alone)", ranked[0] in example.areas)
            figures.add("area top-3 (items' closeness alone)", bool(set(ranked[:3]) & set(example.areas)))
    return figures


def score(example: Example, routing: Routing, figures: Figures) -> None:
    predicted = routing.best_scope
    figures.add("scope accuracy", predicted is example.scope)
    if example.scope is Scope.OUT:
        figures.add("out recall", predicted is Scope.OUT)
    if predicted is Scope.OUT:
        figures.add("out precision", example.scope is Scope.OUT)
    if example.scope is Scope.NOT_COVERED:
        figures.add("not-covered recall", predicted is Scope.NOT_COVERED)
    if predicted is Scope.NOT_COVERED:
        figures.add("not-covered precision", example.scope is Scope.NOT_COVERED)
    if example.scope is Scope.IN:
        figures.add("in-scope refused (false refusals)", predicted is Scope.OUT)
        if example.operation is not None:
            figures.add("operation accuracy", routing.operation is example.operation)
            figures.add(f"operation {example.operation.value}", routing.operation is example.operation)
        if example.areas:
            top = routing.top_areas(3)
            figures.add("area top-1", top[0] in example.areas)
            figures.add("area top-3", bool(set(top) & set(example.areas)))
            figures.add("first area top-1", top[0] == example.areas[0])
    if example.followup is not None:
        figures.add("follow-up accuracy", (routing.followup >= 0.5) == example.followup)
    elif example.scope is Scope.IN:
        figures.add("standalone read as follow-up", routing.followup >= 0.5)
