"""Do new library writers help the router read the others? For each earlier writer, the router is trained
without that writer twice — on the earlier writers only, and with the new ones too — and scored on the held-out
writer's questions both ways: the library's cross-validation figures, before → after, on the same questions.

    .venv/bin/python scripts/added_writers_cv.py forum-posts.yaml leadership-coaching.yaml sales-channel.yaml

Reads only library/examples and the corpus (never an eval split). Two trainings per earlier writer: about
15 minutes on two cores with seventeen earlier writers.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.router import router_settings
from coach.router.calibrate import figures, load_material
from coach.router.model import Router
from coach.settings import Settings


def main(added: set[str]) -> None:
    material = load_material(Settings.from_env())
    examples, vectors = material.examples, material.vectors
    unknown = added - {e.writer for e in examples}
    if unknown:
        raise SystemExit(f"no such writer in the library: {', '.join(sorted(unknown))} (give file names, e.g. x.yaml)")
    earlier = sorted({e.writer for e in examples} - added)
    before, after, held_out = [], [], []
    for writer in earlier:
        test = [i for i, e in enumerate(examples) if e.writer == writer]
        for keep, readings in ((lambda e: e.writer not in added, before), (lambda e: True, after)):
            train = [i for i, e in enumerate(examples) if e.writer != writer and keep(e)]
            router = Router(router_settings(), material.closeness).fit([examples[i] for i in train], vectors[train])
            readings.extend(router.predict([examples[i].text for i in test], vectors[test]))
        held_out.extend(examples[i] for i in test)
        print(f"  {writer} held out", file=sys.stderr, flush=True)
    was, now = figures(held_out, before), figures(held_out, after)
    counts, now_rates = was.counts(), now.as_dict()
    for name, rate in was.as_dict().items():
        print(f"{name:45} {rate * 100:6.1f} -> {now_rates[name] * 100:6.1f}  (of {counts[name]})")


if __name__ == "__main__":
    logging.disable(logging.WARNING)
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(set(sys.argv[1:]))
