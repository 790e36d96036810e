"""How well a situation's competencies are ordered within an area, measured on the example library's
item-labelled questions (`items:`), leaving one writer out at a time.

    .venv/bin/python scripts/item_cv.py [weight …]

Reads only library/examples and the corpus (never an eval split). For every in-scope advice question with item
labels, the engine reads it as the app would (its evidence), and the competencies of the area of its first
labelled item are ordered by coach/operations/situation.py's `ranked_items`, with the library's item
descriptions taken only from *other* writers (the writer's own questions never describe its items). Printed per
weight of TUNING.item_examples (0 = the evidence alone): how often the first competency shown is one the
writer labelled, and how often one of the first two or three is. About a minute per weight on two cores.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from coach import Coach  # noqa: E402
from coach.library import Example, Scope  # noqa: E402
from coach.operations.situation import named_group_first, ranked_items  # noqa: E402
from coach.router.calibrate import load_material  # noqa: E402
from coach.router.descriptions import Descriptions  # noqa: E402
from coach.settings import Settings  # noqa: E402

WEIGHTS = (0.0, 1.0, 3.0, 4.0, 6.0, 100.0)


def labelled(example: Example) -> bool:
    return example.scope is Scope.IN and bool(example.items) and not example.after


def main() -> None:
    weights = tuple(float(w) for w in sys.argv[1:]) or WEIGHTS
    settings = Settings.from_env()
    material = load_material(settings)
    coach = Coach(settings)
    engine = coach.engine
    rows = [n for n, e in enumerate(material.examples) if labelled(e)]
    writers = sorted({material.examples[n].writer for n in rows})
    print(f"{len(rows)} item-labelled questions from {len(writers)} writers: {', '.join(writers)}")
    readings = []  # (example, query, evidence, the other writers' item descriptions)
    for writer in writers:
        others = [n for n in rows if material.examples[n].writer != writer]
        described = Descriptions.of([material.examples[n] for n in others], material.vectors[others], lambda e: e.items)
        mine = [n for n in rows if material.examples[n].writer == writer]
        closeness = described.closeness(material.vectors[mine])
        for n, items in zip(mine, closeness, strict=True):
            example = material.examples[n]
            query = engine.understand(example.text, []).with_(item_scores=items)
            readings.append((example, query, engine.ranker.evidence(query)))
    workspace = engine.workspace()
    print("weight | first shown labelled | one of first two | one of first three  (per writer: first shown)")
    for weight in weights:
        hits: dict[int, list[bool]] = {1: [], 2: [], 3: []}
        per_writer: dict[str, list[bool]] = {}
        for example, query, evidence in readings:
            area = example.items[0].area
            ranked = named_group_first(
                ranked_items(evidence, workspace, area, query.item_scores, weight), workspace, query, evidence
            )
            codes = [passage.code for passage in ranked]
            for k, found in hits.items():
                found.append(bool(set(codes[:k]) & set(example.items)))
            per_writer.setdefault(example.writer, []).append(bool(codes) and codes[0] in example.items)
        by_writer = " ".join(f"{w.removesuffix('.yaml')} {np.mean(v):.0%}" for w, v in sorted(per_writer.items()))
        print(f"{weight} | {np.mean(hits[1]):.1%} | {np.mean(hits[2]):.1%} | {np.mean(hits[3]):.1%}  ({by_writer})")


if __name__ == "__main__":
    main()
