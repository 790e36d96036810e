"""How the understand stage reads the library's follow-ups: the operation it chooses for each labelled
follow-up (`after:` the previous question, `followup: true`, `op:`), against the label.

    .venv/bin/python scripts/followup_ops.py [--wrong]

Reads only library/examples and the corpus (never an eval split). The router has seen these questions (it is
trained on the library), so the figure measures the rules around it — what a follow-up keeps of the turn
before (coach/understand/__init__.py, `inherit`) and when it asks for an operation of its own
(coach/understand/operation.py, `choose`) — not the router. About 20 s.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach import Coach  # noqa: E402
from coach.library import Scope, load_library, matrix_codes  # noqa: E402


def main() -> None:
    coach = Coach()
    engine = coach.engine
    library = load_library(coach.settings.library_dir, matrix_codes(engine.model))
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong = []
    for example in library.examples:
        if not (example.after and example.followup and example.scope is Scope.IN and example.operation):
            continue
        wanted, got = example.operation.value, str(engine.understand(example.text, [example.after]).operation)
        total[wanted] += 1
        right[wanted] += got == wanted
        if got != wanted:
            wrong.append(f"{example.after!r} → {example.text!r}: {wanted}, read as {got}")
    print(f"follow-ups read with their labelled operation: {sum(right.values())} of {sum(total.values())}")
    print(", ".join(f"{op} {right[op]}/{n}" for op, n in sorted(total.items())))
    if "--wrong" in sys.argv:
        print("\n".join(wrong))


if __name__ == "__main__":
    main()
