"""Does reading a question's nearest library questions help the router's scope head? Cross-validated on the
library alone (each writer held out, as `coach library cv`): the scope head's out-of-fold probabilities, and
each scope's closeness to the question (the mean of its `best` closest library questions labelled with that
scope), blended at several weights and temperatures. Prints, per setting, out-of-scope recall and precision,
not-covered recall, and the share of answerable questions refused.

    .venv/bin/python scripts/scope_neighbours_cv.py [scope_c=8] [scope_balanced=1]

Reads only library/examples and the corpus (never an eval split). About 4 minutes on two cores.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.library import Example, Scope
from coach.router import router_settings
from coach.router.calibrate import MAX_FALSE_REFUSALS, load_material, threshold_of
from coach.router.descriptions import Descriptions
from coach.router.features import Featurizer
from coach.router.model import _fit, softmax
from coach.settings import Settings
from coach.tuning import TUNING

BESTS = (1, 2)
WEIGHTS = (0.0, 0.2, 0.3, 0.35, 0.4, 0.5)
TEMPERATURES = (0.05, 0.1)
SCOPES = (Scope.IN, Scope.NOT_COVERED, Scope.OUT)


def out_of_fold(**changes: float | bool) -> tuple[list[Example], np.ndarray, dict[int, np.ndarray]]:
    """The examples, the head's probabilities (columns SCOPES) and, per `best`, each scope's closeness; the
    head trained with the router's settings in use, or with `changes` (scope_c, scope_balanced)."""
    s = dataclasses.replace(router_settings(), **changes)
    material = load_material(Settings.from_env())
    examples, vectors = material.examples, material.vectors
    head = np.zeros((len(examples), len(SCOPES)))
    close = {best: np.zeros((len(examples), len(SCOPES))) for best in BESTS}
    for writer in sorted({e.writer for e in examples}):
        train = [i for i, e in enumerate(examples) if e.writer != writer]
        test = [i for i, e in enumerate(examples) if e.writer == writer]
        features = Featurizer(s.char_ngrams, s.word_ngrams, s.vector_weight)
        x = features.fit_matrix([examples[i].text for i in train], vectors[train]).astype(np.float32)
        labels = [examples[i].scope.value for i in train]
        fitted = _fit(x, labels, s.scope_c, None, s.scope_balanced, seed=s.seed, tol=s.tol)
        probabilities = fitted.probabilities(features.rows([examples[i].text for i in test], vectors[test]))
        order = [fitted.classes.index(scope.value) for scope in SCOPES]
        head[test] = probabilities[:, order]
        for best in BESTS:
            described = Descriptions.of([examples[i] for i in train], vectors[train], lambda e: [e.scope], best)
            matrix = described.matrix(vectors[test])
            close[best][test] = matrix[:, [described.labels.index(scope) for scope in SCOPES]]
        print(f"  {writer}: {len(test)} held out", file=sys.stderr, flush=True)
    return examples, head, close


def figures(examples: list[Example], blended: np.ndarray) -> str:
    """As coach/router/calibrate.py chooses `TUNING.out_of_scope` (`threshold_of`): over the questions the router
    reads alone (not small talk, injection or a follow-up), the lowest threshold (0.3 … 0.95 by 0.05) that
    declines at most MAX_FALSE_REFUSALS of the answerable ones, and the share of out-of-scope requests it
    declines."""
    chosen, table = threshold_of(blended[:, 2], examples, Scope.OUT, MAX_FALSE_REFUSALS)
    half = next(t for t in table if t.value == 0.5)
    is_nc = np.array([e.scope is Scope.NOT_COVERED for e in examples])
    nc = (blended[:, 1] >= TUNING.not_covered)[is_nc].mean()
    return (
        f"threshold {chosen.value:.2f}: out recall {chosen.caught:.3f}, answerable declined {chosen.wrong} of "
        f"{chosen.answerable}  | at 0.5: {half.caught:.3f}, {half.wrong}  | not-covered recall {nc:.3f}"
    )


def main(changes: dict[str, float | bool]) -> None:
    examples, head, close = out_of_fold(**changes)
    print(f"head alone: {figures(examples, head)}")
    for best, weight, temperature in itertools.product(BESTS, WEIGHTS[1:], TEMPERATURES):
        blended = (1 - weight) * head + weight * softmax(close[best], temperature)
        print(f"best {best} weight {weight} temperature {temperature}: {figures(examples, blended)}", flush=True)


if __name__ == "__main__":
    logging.disable(logging.WARNING)
    # "scope_c=8 scope_balanced=1": the scope head's own settings tried instead of those in use
    pairs = [arg.split("=", 1) for arg in sys.argv[1:]]
    main({k: bool(int(v)) if k == "scope_balanced" else float(v) for k, v in pairs})
