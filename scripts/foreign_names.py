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
from coach.corpus import load_corpus  # noqa: E402
from coach.index.embeddings import document_embeddings, model_fingerprint  # noqa: E402
from coach.library import Scope, load_library  # noqa: E402
from coach.model import build_model  # noqa: E402
from coach.router import area_closeness, item_texts  # noqa: E402
from coach.router.calibrate import out_of_fold  # noqa: E402
from coach.settings import Settings  # noqa: E402
from coach.vectors import TextVectors  # noqa: E402


class _Asked:
    """The one field of a query that Ranker.foreign_names reads."""

    def __init__(self, text: str) -> None:
        self.text = text


def main() -> None:
    settings = Settings.from_env()
    model = build_model(load_corpus(settings.corpus_dir))
    examples = list(load_library(settings.library_dir, {a.code for a in model.areas}).examples)
    encoder = document_embeddings(settings)
    vectors = TextVectors("library", [e.text for e in examples], encoder, settings.vectors_dir, model_fingerprint())
    closeness = area_closeness(item_texts(model), encoder, settings.vectors_dir, model_fingerprint())
    routings = out_of_fold(examples, vectors.matrix, closeness, tuning.TUNING.router)
    ranker = Coach(settings).engine.ranker
    rows = [
        (example.scope, routing.scope[Scope.NOT_COVERED], routing.scope[Scope.IN])
        for example, routing in zip(examples, routings, strict=True)
        if ranker.foreign_names(_Asked(example.text))  # type: ignore[arg-type]  # reads .text only
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
