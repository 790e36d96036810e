"""How the "sure not covered" rule (coach/tuning.py, sure_not_covered) decides on the example library.

    .venv/bin/python scripts/sure_not_covered.py

Reads only library/examples and the corpus (never an eval split). For every standalone library question that
the documents answer or that they do not cover, the router's out-of-fold reading (folds leave one writer out, as
eval/calibrate_router.py) gives its not-covered probability; the engine then judges the evidence with the rule at
each threshold (1.01: the rule off). Prints how many answerable questions are called not covered and how many
not-covered ones are caught. About 6 minutes on two cores.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import coach.evidence as evidence_module  # noqa: E402
from coach import tuning  # noqa: E402
from coach.library import Scope  # noqa: E402
from coach.router.calibrate import standalone_readings  # noqa: E402
from coach.settings import Settings  # noqa: E402

THRESHOLDS = (1.01, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5)


def main() -> None:
    rows, judges = [], []
    for example, routing, read, ranker in standalone_readings(Settings.from_env()):
        if read.refused or read.operation == "small-talk":
            continue
        query = read.with_(not_covered_chance=routing.scope[Scope.NOT_COVERED])
        rows.append((example.scope, query, ranker.evidence(query)))
        judges.append(ranker)
    ranker = judges[0]  # one engine's ranker judges them all
    labels = Counter(scope for scope, _, _ in rows)
    print(f"standalone library questions: { {s.value: n for s, n in labels.items()} }")
    print("sure_not_covered | answerable called not covered | not covered caught")
    original = tuning.TUNING
    for threshold in THRESHOLDS:
        tuning.TUNING = evidence_module.TUNING = dataclasses.replace(original, sure_not_covered=threshold)
        called = Counter(scope for scope, query, evidence in rows if not ranker.covered(query, evidence))
        print(
            f"{threshold:>16} | {called[Scope.IN]:>4} of {labels[Scope.IN]} | "
            f"{called[Scope.NOT_COVERED]:>4} of {labels[Scope.NOT_COVERED]}"
        )
    tuning.TUNING = evidence_module.TUNING = original


if __name__ == "__main__":
    main()
