"""How the names the documents never use ("PRM", "JV") decide "not covered", measured on the example library.

    .venv/bin/python scripts/foreign_names.py

Reads only library/examples and the corpus (never an eval split). For every library question that carries such a
name (coach/evidence.py, Ranker.foreign_names), the router's out-of-fold reading (folds leave one writer out, as
eval/calibrate_router.py) is compared with the example's label: how many answerable questions a rule would call
"not covered", and how many not-covered ones it would catch, for the names alone and for the names together with
the router's not-covered probability at several thresholds (the engine uses coach/tuning.py's
foreign_name_not_covered, the lowest cost when a wrong "not covered" costs twice a missed one).
About 3 minutes on two cores.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach import Coach, tuning  # noqa: E402
from coach.library import Scope  # noqa: E402
from coach.query import Query  # noqa: E402
from coach.router.calibrate import load_material, out_of_fold  # noqa: E402
from coach.settings import Settings  # noqa: E402


def main() -> None:
    settings = Settings.from_env()
    material = load_material(settings)
    routings = out_of_fold(material.examples, material.vectors, material.closeness, tuning.TUNING.router)
    ranker = Coach(settings).engine.ranker
    rows = [
        (example.scope, routing.scope[Scope.NOT_COVERED], routing.scope[Scope.IN])
        for example, routing in zip(material.examples, routings, strict=True)
        if ranker.foreign_names(Query(example.text, "advise"))
    ]
    labels = Counter(scope for scope, _, _ in rows)
    print(f"library questions with a name the documents never use: {len(rows)} ({dict(labels)})")
    print("rule | answerable called not covered | not covered caught")
    for threshold in (0.0, 0.1, 0.2, 0.3, 0.35, 0.4, 0.5):
        for unsure in (0.0, 0.4, 0.5):  # … or the router not even this sure that the documents answer it
            flagged = Counter(scope for scope, chance, sure in rows if chance >= threshold or sure < unsure)
            rule = "the names alone" if threshold == 0 else f"names and (router not-covered >= {threshold}"
            rule += f" or in-scope < {unsure})" if unsure and threshold else ")" if threshold else ""
            if threshold == 0 and unsure:
                continue
            print(
                f"{rule} | {flagged[Scope.IN]} / {labels[Scope.IN]} | "
                f"{flagged[Scope.NOT_COVERED]} / {labels[Scope.NOT_COVERED]}"
            )
    print(f"in use: coach/tuning.py foreign_name_not_covered = {tuning.TUNING.foreign_name_not_covered}")


if __name__ == "__main__":
    main()
