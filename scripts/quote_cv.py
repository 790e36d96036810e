"""Which article sentences a situation's answer should show, measured on the example library's `quotes:`
labels (the sentences a coach would quote to the asker), leaving one writer out at a time.

    .venv/bin/python scripts/quote_cv.py

Reads only library/examples and the corpus (never an eval split). For every in-scope advice question of the
library, two readings of the sentences that *other* writers' questions were quoted with, the writer's own
labels never counting:

- closeness, what the product uses: the mean of a sentence's `RouterSettings.quote_best` closest such questions
  (coach/router/descriptions.py), shown when at least a threshold (TUNING.quote_closeness);
- an experiment, not adopted: a quote head, a logistic regression over that closeness (of the closest one, two
  and five questions), the sentence's rank and margins among the candidates, how often the library quotes it and
  the share of the question's words it holds; trained on the other writers only (and, inside, each of them read
  with the labels of the rest, as a new question is read), shown when its probability is at least a threshold.

At most two sentences are shown. Printed per reading and threshold: of the sentences shown, the share quoted for
that question (precision); of the questions with quotes, the share shown at least one of them (recall); their
F0.5 (a sentence shown that does not help costs twice one missed: never filler); and how many questions are
shown any sentence. About ten seconds on two cores.

The head (eval/reports/quote-head-cv.txt, twenty-two writers): F0.5 31.2–32.1 % from 0.22 to 0.28 (best 0.28: 42.2 %
of the sentences shown quoted, 16.3 % of quoted questions shown one, 14 % shown any) against 26.7 % for closeness
at 0.67 (32.1 / 15.9 %, 15 %). In the product at 0.28 it changed 105 of the 1,398 eval answers: frozen +2 −1,
blind2 −1 (54 → 53 of 60, under its line), the rest unchanged; situations shown a sentence 102 → 92 of 369, some
better chosen ("we need to pick between two partners" → the article's Partner Assessment), some good ones lost
("zero budget and nobody reports to me" lost "A strategic alliance manager typically has insufficient budget and
resource"). Not adopted: no measurable lift on the unseen splits.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import math  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Sequence  # noqa: E402

import numpy as np  # noqa: E402

from coach.library import Example, Scope  # noqa: E402
from coach.query import Operation  # noqa: E402
from coach.router import router_settings  # noqa: E402
from coach.router.calibrate import load_material  # noqa: E402
from coach.router.descriptions import Descriptions, mean_of_best  # noqa: E402
from coach.settings import Settings  # noqa: E402
from coach.text import terms  # noqa: E402

CLOSENESS = (0.62, 0.64, 0.66, 0.67, 0.68, 0.7)
PROBABILITY = (0.15, 0.18, 0.2, 0.22, 0.24, 0.25, 0.26, 0.27, 0.28, 0.29, 0.3, 0.32)
SHOWN = 2

Reading = tuple[set[str], tuple[tuple[str, float], ...]]  # the question's quotes; (sentence, score), best first


def main() -> None:
    material = load_material(Settings.from_env())
    examples, vectors = material.examples, material.vectors
    best = router_settings().quote_best
    rows = [n for n, e in enumerate(examples) if advice(e)]
    writers = sorted({examples[n].writer for n in rows})
    labelled = sum(1 for n in rows if examples[n].quotes)
    print(f"{len(rows)} advice questions from {len(writers)} writers, {labelled} with quotes")
    by_closeness: list[Reading] = []
    by_head: list[Reading] = []
    for writer in writers:
        others = [n for n, e in enumerate(examples) if e.writer != writer]
        mine = [n for n in rows if examples[n].writer == writer]
        quoting = [n for n in others if examples[n].quotes]
        described = Descriptions.of([examples[n] for n in quoting], vectors[quoting], _quotes_of, best)
        head = QuoteHead().fit([examples[n] for n in others], vectors[others])
        read = head.read([examples[n].text for n in mine], vectors[mine], SHOWN)
        for n, close, likely in zip(mine, described.closeness(vectors[mine], SHOWN), read, strict=True):
            by_closeness.append((set(examples[n].quotes), close))
            by_head.append((set(examples[n].quotes), likely))
        print(f"  {writer} held out", file=sys.stderr, flush=True)
    print("reading | threshold | precision | recall (questions with quotes) | F0.5 | questions shown one")
    for threshold in CLOSENESS:
        report(f"closeness | {threshold}", by_closeness, threshold)
    for threshold in PROBABILITY:
        report(f"quote head | {threshold}", by_head, threshold)


def advice(example: Example) -> bool:
    """A question whose answer could quote a sentence: an in-scope situation or how-to, standing alone."""
    return example.scope is Scope.IN and example.operation is Operation.ADVISE and not example.after


CANDIDATES = 8  # the sentences read for a question: those whose descriptions are closest to it
DEEPEST = 5  # the most closest questions a feature averages (FEATURES)
FEATURES = (
    "closeness",  # the mean of its two closest describing questions
    "closest",  # its closest describing question
    "closeness of five",  # the mean of its five closest
    "rank",  # among the candidates, by closeness
    "times quoted",  # log of how many library questions quote it
    "shared words",  # the share of the question's words the sentence holds
    "behind the first",  # its closeness less the first candidate's
    "first",  # 1 for the first candidate
    "ahead of the next",  # its closeness less the next candidate's
)


class QuoteHead:
    """Each candidate sentence's probability that a coach would quote it to the asker."""

    def __init__(self, c: float = 1.0, seed: int = 0):
        self.c = c
        self.seed = seed
        self.described: Descriptions[str] = Descriptions([], np.zeros((0, 0)))
        self.quoted: Counter[str] = Counter()
        self._scale = (np.zeros(len(FEATURES)), np.ones(len(FEATURES)))  # mean, deviation
        self._weights = np.zeros(len(FEATURES))
        self._bias = -math.inf  # untrained: nothing is quoted

    def fit(self, examples: Sequence[Example], vectors: np.ndarray) -> QuoteHead:
        vectors = np.asarray(vectors, dtype=np.float32)
        asking = [n for n, e in enumerate(examples) if advice(e)]
        quoting = [n for n, e in enumerate(examples) if e.quotes]
        self.described = Descriptions.of([examples[n] for n in quoting], vectors[quoting], _quotes_of, DEEPEST)
        self.quoted = Counter(q for n in quoting for q in examples[n].quotes)
        if not quoting:
            return self
        rows: list[np.ndarray] = []
        answers: list[bool] = []
        for writer in sorted({examples[n].writer for n in asking}):
            others = [n for n in quoting if examples[n].writer != writer]
            mine = [n for n in asking if examples[n].writer == writer]
            if not others or not mine:
                continue
            described = Descriptions.of([examples[n] for n in others], vectors[others], _quotes_of, DEEPEST)
            counts = Counter(q for n in others for q in examples[n].quotes)
            texts = [examples[n].text for n in mine]
            for n, (sentences, features) in zip(
                mine, _candidates(described, counts, texts, vectors[mine]), strict=True
            ):
                rows.append(features)
                answers += [sentence in examples[n].quotes for sentence in sentences]
        x = np.vstack(rows)
        y = np.array(answers)
        if y.all() or not y.any():
            return self
        self._fit_weights(x, y)
        return self

    def _fit_weights(self, x: np.ndarray, y: np.ndarray) -> None:
        from sklearn.linear_model import LogisticRegression

        mean, deviation = x.mean(axis=0), x.std(axis=0) + 1e-9
        model = LogisticRegression(C=self.c, max_iter=3000, random_state=self.seed).fit((x - mean) / deviation, y)
        self._scale = (mean, deviation)
        self._weights = model.coef_[0].astype(np.float64)
        self._bias = float(model.intercept_[0])

    def read(self, texts: Sequence[str], vectors: np.ndarray, limit: int) -> list[tuple[tuple[str, float], ...]]:
        """For each question: (sentence, probability), the likeliest first (the first `limit`)."""
        if not self.described.labels or not math.isfinite(self._bias):
            return [() for _ in texts]
        found = []
        for sentences, features in _candidates(self.described, self.quoted, texts, vectors):
            mean, deviation = self._scale
            probability = 1.0 / (1.0 + np.exp(-(((features - mean) / deviation) @ self._weights + self._bias)))
            ranked = sorted(zip(sentences, probability.tolist(), strict=True), key=lambda pair: -pair[1])
            found.append(tuple(ranked[:limit]))
        return found


def _quotes_of(example: Example) -> tuple[str, ...]:
    return example.quotes


def _candidates(
    described: Descriptions[str], quoted: Counter[str], texts: Sequence[str], vectors: np.ndarray
) -> list[tuple[list[str], np.ndarray]]:
    """For each question, its CANDIDATES sentences (closest first) and their FEATURES, one row each."""
    tops = described.tops(np.asarray(vectors, dtype=np.float32), DEEPEST)
    closeness, closest, of_five = mean_of_best(tops, 2), tops[:, :, 0], mean_of_best(tops, DEEPEST)
    found = []
    for row, text in enumerate(texts):
        order = np.argsort(-closeness[row], kind="stable")[:CANDIDATES]
        asked = set(terms(text))
        values = closeness[row, order]
        rows = []
        for rank, column in enumerate(order):
            sentence = described.labels[column]
            shared = len(asked & set(terms(sentence))) / max(len(asked), 1)
            after = values[rank + 1] if rank + 1 < len(values) else values[rank]
            rows.append(
                [
                    values[rank],
                    closest[row, column],
                    of_five[row, column],
                    rank,
                    math.log(max(quoted[sentence], 1)),
                    shared,
                    values[rank] - values[0],
                    float(rank == 0),
                    values[rank] - after,
                ]
            )
        found.append(([described.labels[c] for c in order], np.array(rows, dtype=np.float64)))
    return found


def report(name: str, readings: list[Reading], threshold: float) -> None:
    shown_right, shown, hit, with_labels, any_shown = 0, 0, 0, 0, 0
    for labels, scored in readings:
        chosen = [sentence for sentence, score in scored if score >= threshold]
        shown += len(chosen)
        shown_right += sum(1 for sentence in chosen if sentence in labels)
        any_shown += bool(chosen)
        if labels:
            with_labels += 1
            hit += bool(set(chosen) & labels)
    precision = shown_right / shown if shown else 0.0
    recall = hit / with_labels if with_labels else 0.0
    f_half = 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0
    share = any_shown / len(readings)
    print(f"{name} | {precision:.1%} | {recall:.1%} | {f_half:.1%} | {any_shown} of {len(readings)} ({share:.0%})")


if __name__ == "__main__":
    logging.disable(logging.WARNING)
    main()
