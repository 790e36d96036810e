"""The router's four heads, each a logistic regression over the same features (coach/router/features.py):

- scope: in / not-covered / out;
- operation: what an in-scope question asks for (explain, list, count … advise);
- areas: which matrix areas answer it, blended with how close the question is to each area's own items
  (the library teaches how people describe a situation, the items what each area holds);
- follow-up: whether the question leans on the one before ("and for csap?") or stands alone.

Pure: `fit` takes texts, their vectors and labels; `predict` a text and its vector. Nothing here reads files.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from ..codes import Code
from ..library import Example, Scope
from ..query import Operation
from .descriptions import Descriptions
from .features import Featurizer, Row

if TYPE_CHECKING:  # scikit-learn and scipy ship no types: Any to mypy, named for the reader
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression


@dataclass(frozen=True)
class RouterSettings:
    """Chosen by cross-validation on the library (`coach library cv`, eval/calibrate_router.py); never on
    an eval split. See coach/tuning.py for the values in use and where each came from."""

    scope_c: float = 4.0
    scope_balanced: bool = False  # weigh the three scopes equally, whatever their counts in the library
    operation_c: float = 8.0
    area_c: float = 4.0
    followup_c: float = 2.0
    char_ngrams: tuple[int, int] = (2, 5)
    word_ngrams: tuple[int, int] = (1, 2)
    vector_weight: float = 2.0  # the sentence vector's weight beside the n-grams
    area_blend: float = 0.7  # the library's area probabilities vs the items' closeness
    area_temperature: float = 0.05  # softmax temperature of the items' closeness
    secondary_area_weight: float = 0.5  # an example's second and further areas count this much
    item_area_blend: float = 0.0  # the share of an area's reading taken from its best-described item
    item_best: int = 3  # an item's closeness: the mean of its this many closest descriptions …
    quote_best: int = 2  # … and an article sentence's (coach/router/descriptions.py)
    # the scope head's reading blended with the scopes of the library questions closest in meaning (the mean
    # of each scope's `scope_neighbour_best` closest, as a distribution at this temperature): "tweak the
    # metrics so the QBR deck looks green" is closest to the library's requests to fake a dashboard, while its
    # words are those of thousands of answerable QBR questions (scripts/scope_neighbours_cv.py)
    scope_neighbour_weight: float = 0.0
    scope_neighbour_best: int = 1
    scope_neighbour_temperature: float = 0.05
    tol: float = 1e-4  # the solver's stopping tolerance (scikit-learn's default)
    seed: int = 0


@dataclass(frozen=True)
class Routing:
    """What the router reads from one question."""

    scope: dict[Scope, float]
    operations: tuple[tuple[Operation, float], ...]  # best first
    areas: tuple[tuple[Code, float], ...]  # best first, blended
    followup: float  # the probability that it leans on the previous question
    # the matrix items, and the article sentences, whose library descriptions are closest to the question,
    # closest first (coach/router/descriptions.py); empty without such labels
    items: tuple[tuple[Code, float], ...] = ()
    quotes: tuple[tuple[str, float], ...] = ()

    @property
    def best_scope(self) -> Scope:
        return max(self.scope, key=lambda s: self.scope[s])

    @property
    def operation(self) -> Operation:
        return self.operations[0][0]

    def probability(self, operation: Operation) -> float:
        return dict(self.operations).get(operation, 0.0)

    def top_areas(self, n: int = 3) -> list[Code]:
        return [code for code, _ in self.areas[:n]]


class AreaCloseness:
    """How close a question is to each area's items (the best item per area), as a distribution."""

    def __init__(self, areas: list[Code], item_areas: list[Code], item_vectors: np.ndarray):
        self.areas = areas
        self._columns = np.array([areas.index(code) for code in item_areas])
        self._vectors = np.asarray(item_vectors, dtype=np.float32)

    def best(self, vectors: np.ndarray) -> np.ndarray:
        """rows: questions; columns: areas; values: cosine with the area's closest item."""
        return best_per_area(np.asarray(vectors, dtype=np.float32) @ self._vectors.T, self._columns, len(self.areas))

    def distribution(self, vectors: np.ndarray, temperature: float) -> np.ndarray:
        return softmax(self.best(vectors), temperature)


def best_per_area(scores: np.ndarray, columns: np.ndarray, areas: int) -> np.ndarray:
    """rows: questions; columns: areas; values: the best of the scores whose `columns` entry is that area (-1
    for an area with none)."""
    best = np.full((scores.shape[0], areas), -1.0, dtype=scores.dtype)
    for area in range(areas):
        mine = columns == area
        if mine.any():
            best[:, area] = scores[:, mine].max(axis=1)
    return best


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    """Each row of scores as a distribution, sharper as the temperature falls."""
    scaled = scores / temperature
    scaled -= scaled.max(axis=1, keepdims=True)
    weights = np.exp(scaled)
    # numpy types arithmetic on an array of unspecified dtype as Any: it is an array
    return cast(np.ndarray, weights / weights.sum(axis=1, keepdims=True))


@dataclass(frozen=True)
class LinearHead:
    """A fitted logistic regression kept as its arrays: it reads a question with numpy alone (scikit-learn
    trains it; answering never imports it). Its probabilities are scikit-learn's `predict_proba`'s."""

    classes: tuple[str | bool, ...]
    coef: np.ndarray  # (1 for two classes, else one row per class) x features
    intercept: np.ndarray

    @classmethod
    def fitted(cls, model: LogisticRegression) -> LinearHead:
        return cls(tuple(model.classes_.tolist()), np.asarray(model.coef_), np.asarray(model.intercept_))

    def probabilities(self, rows: list[Row]) -> np.ndarray:
        """rows: questions; columns: self.classes."""
        if not rows:
            return np.zeros((0, len(self.classes)))
        width = rows[0].dense.shape[0]
        dense = np.stack([row.dense for row in rows])
        decision = dense @ self.coef[:, :width].T + self.intercept
        for n, row in enumerate(rows):
            decision[n] += self.coef[:, row.columns] @ row.values
        if len(self.classes) <= 2:  # one-vs-rest: the logistic of the one decision
            positive = 1.0 / (1.0 + np.exp(-decision[:, 0]))
            return np.stack([1 - positive, positive], axis=1)
        decision -= decision.max(axis=1, keepdims=True)
        weights = np.exp(decision)
        return cast(np.ndarray, weights / weights.sum(axis=1, keepdims=True))

    def column(self, label: str | bool) -> int:
        return self.classes.index(label)


class Router:
    def __init__(self, settings: RouterSettings, closeness: AreaCloseness):
        self.settings = settings
        self.closeness = closeness
        self.features = Featurizer(settings.char_ngrams, settings.word_ngrams, settings.vector_weight)
        self.heads: dict[str, LinearHead] = {}  # "scope", "operation", "area", "followup"
        self.items: Descriptions[Code] = Descriptions([], np.zeros((0, 0)))
        self.quotes: Descriptions[str] = Descriptions([], np.zeros((0, 0)))
        self.scopes: Descriptions[Scope] = Descriptions([], np.zeros((0, 0)))

    # --- training ------------------------------------------------------------------------------------------------
    def fit(self, examples: list[Example], vectors: np.ndarray) -> Router:
        # float32 halves the memory the solver walks: the same iterations, a third less time
        x = self.features.fit_matrix([e.text for e in examples], vectors).astype(np.float32)
        s = self.settings
        rows, labels, weights = [], [], []
        for i, example in enumerate(examples):
            if example.scope is Scope.IN:
                for rank, code in enumerate(example.areas):
                    rows.append(i)
                    labels.append(str(code))
                    weights.append(1.0 if rank == 0 else s.secondary_area_weight)
        taught = [(i, e.operation.value) for i, e in enumerate(examples) if e.scope is Scope.IN and e.operation]
        follow = [i for i, e in enumerate(examples) if e.followup is not None or e.scope is Scope.IN]
        jobs: dict[str, tuple[Any, ...]] = {  # the longest first: the heads are fitted side by side
            "area": (x[rows], labels, s.area_c, np.array(weights, dtype=np.float32)),
            "operation": (x[[i for i, _ in taught]], [op for _, op in taught], s.operation_c),
            "scope": (x, [e.scope.value for e in examples], s.scope_c, None, s.scope_balanced),
            "followup": (x[follow], [bool(examples[i].followup) for i in follow], s.followup_c, None, True),
        }
        self.heads.update(zip(jobs, _fit_all(list(jobs.values()), s.seed, s.tol), strict=True))
        self.items = Descriptions.of(examples, vectors, lambda example: example.items, self.settings.item_best)
        self.quotes = Descriptions.of(examples, vectors, lambda example: example.quotes, self.settings.quote_best)
        self.scopes = Descriptions.of(examples, vectors, lambda example: [example.scope], s.scope_neighbour_best)
        return self

    # --- reading a question ---------------------------------------------------------------------------------------
    def predict(self, texts: list[str], vectors: np.ndarray) -> list[Routing]:
        x = self.features.rows(texts, vectors)
        scope = self._scopes(x, vectors)
        operation = self.heads["operation"].probabilities(x)
        # the items' closeness, read once: it ranks the items and, blended in, the areas
        described = self.items.matrix(vectors) if self.items.labels else None
        areas = self._areas(x, vectors, described)
        followup = self.heads["followup"].probabilities(x)[:, self.heads["followup"].column(True)]
        items = self.items.ranked(described) if described is not None else [() for _ in texts]
        quotes = self.quotes.closeness(vectors, QUOTES_KEPT)
        scope_labels = [Scope(str(label)) for label in self.heads["scope"].classes]
        operation_labels = [Operation(str(label)) for label in self.heads["operation"].classes]
        routings = []
        for row in range(len(texts)):
            ops = sorted(zip(operation_labels, operation[row].tolist(), strict=True), key=lambda pair: -pair[1])
            ranked = sorted(zip(self.closeness.areas, areas[row].tolist(), strict=True), key=lambda pair: -pair[1])
            routings.append(
                Routing(
                    scope=dict(zip(scope_labels, scope[row].tolist(), strict=True)),
                    operations=tuple(ops),
                    areas=tuple(ranked),
                    followup=float(followup[row]),
                    items=items[row],
                    quotes=quotes[row],
                )
            )
        return routings

    def _scopes(self, x: list[Row], vectors: np.ndarray) -> np.ndarray:
        """The scope head's probabilities (columns: its classes), blended with the closest library questions'."""
        head = self.heads["scope"]
        learned = head.probabilities(x)
        weight = self.settings.scope_neighbour_weight
        if not weight or not self.scopes.labels:
            return learned
        close = self.scopes.matrix(vectors)[:, [self.scopes.labels.index(Scope(str(c))) for c in head.classes]]
        return (1 - weight) * learned + weight * softmax(close, self.settings.scope_neighbour_temperature)

    def _areas(self, x: list[Row], vectors: np.ndarray, described: np.ndarray | None) -> np.ndarray:
        head = self.heads["area"]
        learned = np.zeros((len(x), len(self.closeness.areas)), dtype=np.float64)
        probabilities = head.probabilities(x)
        for column, label in enumerate(head.classes):
            learned[:, self.closeness.areas.index(Code.parse(str(label)))] = probabilities[:, column]
        close = self.closeness.distribution(vectors, self.settings.area_temperature)
        blend = self.settings.area_blend
        areas = blend * learned + (1 - blend) * close
        weight = self.settings.item_area_blend
        if weight and described is not None:
            areas = (1 - weight) * areas + weight * self._described_areas(described)
        return areas

    def _described_areas(self, described: np.ndarray) -> np.ndarray:
        """Each area read by its best-described item (`described`: the items' closeness to the questions, from
        the library's item labels), as a distribution."""
        columns = np.array([self.closeness.areas.index(code.area) for code in self.items.labels])
        return softmax(best_per_area(described, columns, len(self.closeness.areas)), self.settings.area_temperature)


QUOTES_KEPT = 5  # the article sentences a routing keeps: a situation shows at most two

ONE_THREAD = dict.fromkeys(("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"), "1")


def _fit_all(jobs: list[tuple[Any, ...]], seed: int, tol: float) -> list[LinearHead]:
    """Each job's head: the first (the longest) fitted here while the others are fitted in worker processes
    (one per remaining core), each fit one single-threaded solver. Here rather than in a worker, the longest fit
    does not wait for a worker to start; the same heads as fitted one after the other."""
    workers = min(len(jobs), os.cpu_count() or 1) - 1
    if workers <= 0:
        return [_fit(*job, seed=seed, tol=tol) for job in jobs]
    from joblib.externals.loky import get_reusable_executor  # scikit-learn's own dependency
    from threadpoolctl import threadpool_limits

    executor = get_reusable_executor(max_workers=workers, env=ONE_THREAD)
    try:
        later = [executor.submit(_fit, *job, seed=seed, tol=tol) for job in jobs[1:]]
        with threadpool_limits(limits=1):  # one core here, the others to the workers
            first = _fit(*jobs[0], seed=seed, tol=tol)
        return [first, *(future.result() for future in later)]
    finally:  # no idle workers left behind in a long-running app
        executor.shutdown(wait=True)


def _fit(
    x: csr_matrix,
    labels: Sequence[str | bool],
    c: float,
    weights: np.ndarray | None = None,
    balanced: bool = False,
    *,
    seed: int,
    tol: float,
) -> LinearHead:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(
        C=c, max_iter=2000, random_state=seed, class_weight="balanced" if balanced else None, solver="lbfgs", tol=tol
    )
    # a feature none of these rows holds keeps a weight of 0 (only the penalty pulls on it, towards 0): fitted
    # without such columns, the solver walks fewer weights to the same head (the area head: about a quarter)
    used = np.unique(x.indices)  # the columns these rows hold (x is CSR: its stored entries' columns)
    model.fit(x[:, used], labels, sample_weight=weights)
    head = LinearHead.fitted(model)
    coef = np.zeros((head.coef.shape[0], x.shape[1]), dtype=head.coef.dtype)
    coef[:, used] = head.coef
    return replace(head, coef=coef)
