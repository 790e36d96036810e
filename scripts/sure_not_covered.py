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

from coach import Coach, tuning  # noqa: E402
from coach.library import Scope  # noqa: E402
from coach.router.calibrate import load_material, out_of_fold  # noqa: E402
from coach.settings import Settings  # noqa: E402

THRESHOLDS = (1.01, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5)


def main() -> None:
    settings = Settings.from_env()
    material = load_material(settings)
    routings = out_of_fold(material.examples, material.vectors, material.closeness, tuning.TUNING.router)
    coach = Coach(settings)
    engine, ranker = coach.engine, coach.engine.ranker
    rows = []
    for example, routing in zip(material.examples, routings, strict=True):
        if example.scope is Scope.OUT or example.after:
            continue
        query = engine.understand(example.text, [])
        if query.refused or query.operation == "small-talk":
            continue
        query = query.with_(not_covered_chance=routing.scope[Scope.NOT_COVERED])
        rows.append((example.scope, query, ranker.evidence(query)))
    labels = Counter(scope for scope, _, _ in rows)
    print(f"standalone library questions: { {s.value: n for s, n in labels.items()} }")
    print("sure_not_covered | answerable called not covered | not covered caught")
    original = tuning.TUNING
    for threshold in THRESHOLDS:
        tuning.TUNING = dataclasses.replace(original, sure_not_covered=threshold)
        import coach.evidence as evidence_module

        evidence_module.TUNING = tuning.TUNING
        called = Counter(scope for scope, query, evidence in rows if not ranker.covered(query, evidence))
        print(
            f"{threshold:>16} | {called[Scope.IN]:>4} of {labels[Scope.IN]} | "
            f"{called[Scope.NOT_COVERED]:>4} of {labels[Scope.NOT_COVERED]}"
        )
    tuning.TUNING = original


if __name__ == "__main__":
    main()
