"""How the library's writers describe the situations a label is for: the matrix items (`items:`) and the
article sentences (`quotes:`) that answer their questions. Neither an item's statement nor an article's
sentence says how people put the situation it answers ("our QBRs keep getting cancelled" → "Establish
effective communication channels"); the questions labelled with it do.

Pure: built from the examples' vectors, read with a question's vector.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

import numpy as np

from ..library import Example

Label = TypeVar("Label", bound=Hashable)


class Descriptions(Generic[Label]):
    """Each label with the vectors of the library questions labelled with it.

    A label's closeness to a question is the mean of its `best` highest cosines with those questions (all of
    them when it has fewer): an item labelled sixty times would otherwise win on its best one by numbers alone.
    Chosen by cross-validation on the library: three for items (scripts/item_cv.py, weight 3: 74.8 % of first
    competencies labelled, against 71.8 % for the best one alone), two for sentences (scripts/quote_cv.py)."""

    def __init__(self, labels: list[Label], vectors: np.ndarray, best: int = 3):
        self.labels = list(dict.fromkeys(labels))
        self.best = best
        self._vectors = np.asarray(vectors, dtype=np.float32)
        position = {label: n for n, label in enumerate(self.labels)}
        rows: list[list[int]] = [[] for _ in self.labels]
        for row, label in enumerate(labels):
            rows[position[label]].append(row)
        width = max((len(r) for r in rows), default=0)
        self._rows = np.array([r + [-1] * (width - len(r)) for r in rows], dtype=np.int64).reshape(len(rows), width)

    @classmethod
    def of(
        cls,
        examples: Sequence[Example],
        vectors: np.ndarray,
        labels_of: Callable[[Example], Sequence[Label]],
        best: int = 3,
    ) -> Descriptions[Label]:
        pairs = [(label, n) for n, example in enumerate(examples) for label in labels_of(example)]
        return cls([label for label, _ in pairs], np.asarray(vectors)[[n for _, n in pairs]], best)

    def matrix(self, vectors: np.ndarray) -> np.ndarray:
        """Questions x labels: each label's closeness to each question (see the class)."""
        return mean_of_best(self.tops(vectors, self.best), self.best)

    def tops(self, vectors: np.ndarray, count: int) -> np.ndarray:
        """Questions x labels x `count`: each label's highest cosines with each question, highest first (-inf
        where a label has fewer questions)."""
        scores = np.asarray(vectors, dtype=np.float32) @ self._vectors.T  # questions x labelled questions
        gathered = np.where(self._rows >= 0, scores[:, self._rows], -np.inf)  # questions x labels x questions
        return np.asarray(-np.sort(-gathered, axis=2)[:, :, :count])

    def closeness(self, vectors: np.ndarray, limit: int | None = None) -> list[tuple[tuple[Label, float], ...]]:
        """For each question: (label, closeness), closest first (the first `limit` only, when given)."""
        if not self.labels:
            return [() for _ in range(len(vectors))]
        return self.ranked(self.matrix(vectors), limit)

    def ranked(self, matrix: np.ndarray, limit: int | None = None) -> list[tuple[tuple[Label, float], ...]]:
        """`closeness` from a `matrix` already computed for the questions."""
        found = []
        for row in matrix:
            order = np.argsort(-row, kind="stable")[:limit]
            found.append(tuple((self.labels[j], float(row[j])) for j in order))
        return found


def mean_of_best(tops: np.ndarray, best: int) -> np.ndarray:
    """The mean of the first `best` of each row of `tops` (Descriptions.tops), of those there are."""
    top = tops[:, :, :best]
    kept = np.isfinite(top)
    return np.asarray(np.where(kept, top, 0.0).sum(axis=2) / np.maximum(kept.sum(axis=2), 1))
