"""Which article sentences a situation's answer should show, measured on the example library's `quotes:`
labels (the sentences a coach would quote to the asker), leaving one writer out at a time.

    .venv/bin/python scripts/quote_cv.py

Reads only library/examples and the corpus (never an eval split). For every in-scope advice question of the
library, the sentences that *other* writers' questions were quoted with are ranked by the mean of their `best`
closest such questions (coach/router/descriptions.py); the writer's own labels never count. A sentence is shown
(two at most) when that closeness is at least a threshold (TUNING.quote_closeness).

Printed per `best` and threshold: of the sentences shown, the share quoted for that question (precision); of
the questions with quotes, the share shown at least one of them (recall); their F0.5 (a sentence shown that
does not help costs twice one missed: never filler); and how many questions are shown any sentence. The rule
before the labels (closeness in meaning above the median sentence) measured 7.2 % / 7.5 %, 24 % shown.
About a minute on two cores.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.library import Example, Scope  # noqa: E402
from coach.query import Operation  # noqa: E402
from coach.router.calibrate import load_material  # noqa: E402
from coach.router.descriptions import Descriptions  # noqa: E402
from coach.settings import Settings  # noqa: E402

BEST = (1, 2, 3)
THRESHOLDS = (0.6, 0.62, 0.64, 0.66, 0.67, 0.68, 0.7, 0.72, 0.74)
SHOWN = 2


def advice(example: Example) -> bool:
    return example.scope is Scope.IN and example.operation is Operation.ADVISE and not example.after


def main() -> None:
    material = load_material(Settings.from_env())
    rows = [n for n, e in enumerate(material.examples) if advice(e)]
    writers = sorted({material.examples[n].writer for n in rows})
    labelled = sum(1 for n in rows if material.examples[n].quotes)
    print(f"{len(rows)} advice questions from {len(writers)} writers, {labelled} with quotes")
    print("best | threshold | precision | recall (questions with quotes) | F0.5 | questions shown one")
    for best in BEST:
        readings = []  # (the question's quotes, the other writers' (sentence, closeness), closest first)
        for writer in writers:
            others = [n for n in rows if material.examples[n].writer != writer]
            described = Descriptions.of(
                [material.examples[n] for n in others], material.vectors[others], quotes_of, best
            )
            mine = [n for n in rows if material.examples[n].writer == writer]
            for n, library in zip(mine, described.closeness(material.vectors[mine], SHOWN), strict=True):
                readings.append((set(material.examples[n].quotes), library))
        for threshold in THRESHOLDS:
            report(f"{best} | {threshold}", readings, threshold)


def quotes_of(example: Example) -> tuple[str, ...]:
    return example.quotes


def report(name: str, readings: list[tuple[set[str], tuple[tuple[str, float], ...]]], threshold: float) -> None:
    shown_right, shown, hit, with_labels, any_shown = 0, 0, 0, 0, 0
    for labels, library in readings:
        chosen = [sentence for sentence, closeness in library if closeness >= threshold]
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
    main()
