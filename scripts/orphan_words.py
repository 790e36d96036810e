"""How words the documents never use, with no corpus word close in meaning, decide "not covered", measured on
the example library.

    .venv/bin/python scripts/orphan_words.py

Reads only library/examples and the corpus (never an eval split). An orphan word is a focus word of the question
that the corpus never uses and that no corpus word is close to in meaning ("equity", "depreciate"; not "reshape", which is
close to "transform": coach/evidence.py, Evidence.orphans). For every library question that carries one, the
router's out-of-fold reading (folds leave one writer out, as eval/calibrate_router.py) is compared with the
example's label: how many answerable questions "an orphan word and the router's not-covered probability at least
t" would call not covered, and how many not-covered ones it would catch (also with the orphans at least a share of
the question's focus words). The engine uses coach/tuning.py's
orphan_word_not_covered: the lowest cost when a wrong "not covered" costs twice a missed one (as
scripts/foreign_names.py). About 4 minutes on two cores.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach import tuning  # noqa: E402
from coach.library import Scope  # noqa: E402
from coach.router.calibrate import standalone_readings  # noqa: E402
from coach.settings import Settings  # noqa: E402

THRESHOLDS = (0.1, 0.2, 0.3, 0.35, 0.4, 0.5)
SHARES = (0.0, 0.2, 0.25, 0.34, 0.5)  # the orphan words' share of the question's focus words
WRONG_COST = 2  # a wrong "not covered" costs twice a missed one


def main() -> None:
    rows = []
    for example, routing, query, ranker in standalone_readings(Settings.from_env()):
        orphans = ranker.evidence(query).orphans
        if orphans:
            share = len(orphans) / max(len(query.focus), 1)
            rows.append((example.scope, routing.scope[Scope.NOT_COVERED], share))
    labels = Counter(scope for scope, _, _ in rows)
    print(f"library questions with an orphan word: {len(rows)} ({ {s.value: n for s, n in labels.items()} })")
    print(
        "orphans' share of the focus at least | router not-covered at least | answerable called not covered | "
        "not covered caught | cost"
    )
    for least in SHARES:
        for threshold in THRESHOLDS:
            flagged = Counter(scope for scope, chance, share in rows if chance >= threshold and share >= least)
            missed = labels[Scope.NOT_COVERED] - flagged[Scope.NOT_COVERED]
            cost = WRONG_COST * flagged[Scope.IN] + missed
            print(
                f"{least} | {threshold} | {flagged[Scope.IN]} / {labels[Scope.IN]} | "
                f"{flagged[Scope.NOT_COVERED]} / {labels[Scope.NOT_COVERED]} | {cost}"
            )
    print(f"in use: coach/tuning.py orphan_word_not_covered = {tuning.TUNING.orphan_word_not_covered}")


if __name__ == "__main__":
    main()
