"""Choose the router's settings and the engine's thresholds by cross-validation on the example library.

    .venv/bin/python eval/calibrate_router.py [--quick] [--output eval/reports/router-calibration.json]

Reads only library/examples and the corpus (never an eval split). Folds leave one writer out. Prints the
tables every value in coach/tuning.py was chosen from and writes them as JSON. About 8 minutes on two cores
(--quick: the settings in use only, about 2 minutes).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach import tuning  # noqa: E402
from coach.library import Scope  # noqa: E402
from coach.router.calibrate import (  # noqa: E402
    MAX_FALSE_NOT_COVERED,
    MAX_FALSE_REFUSALS,
    figures,
    followup_threshold,
    load_material,
    out_of_fold,
    scope_threshold,
    second_area_share,
)
from coach.settings import Settings  # noqa: E402

# A refusal of an answerable question leaves the user with nothing; an out-of-scope request that gets through
# is still answered only with cited matrix content. The first costs twice the second.
REFUSAL_COST = 2

KEY_FIGURES = (
    "area top-1",
    "area top-3",
    "first area top-1",
    "operation accuracy",
    "scope accuracy",
    "out recall",
    "out precision",
    "not-covered recall",
    "not-covered precision",
    "follow-up accuracy",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the settings in use")
    parser.add_argument("--output", default=str(ROOT / "eval" / "reports" / "router-calibration.json"))
    args = parser.parse_args()
    settings = Settings.from_env()
    material = load_material(settings)
    examples, closeness = material.examples, material.closeness
    report: dict = {"library": material.library.digest, "examples": len(examples), "grid": []}
    chosen = tuning.TUNING.router
    grid = [chosen] if args.quick else _grid(chosen)
    for candidate in grid:
        routings = out_of_fold(examples, material.vectors, closeness, candidate)
        found = figures(examples, routings).as_dict()
        row = {"settings": _short(candidate), **{k: found.get(k) for k in KEY_FIGURES}}
        report["grid"].append(row)
        print(json.dumps(row), flush=True)
        if candidate == chosen:
            in_use = routings
            report["in use"] = found
    report["thresholds"] = _thresholds(examples, in_use)
    report["engine"] = _engine_thresholds(examples, in_use, settings)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(report, indent=1, default=float) + "\n", encoding="utf-8")
    print(f"written: {args.output}")


def _grid(chosen):
    around = [chosen]
    for weight in (0.5, 2.0):
        around.append(dataclasses.replace(chosen, vector_weight=weight))
    for blend in (0.5, 0.7, 0.9):
        around.append(dataclasses.replace(chosen, area_blend=blend))
    return around


def _short(settings) -> dict:
    return {"vector_weight": settings.vector_weight, "area_blend": settings.area_blend}


def _thresholds(examples, routings) -> dict:
    out, out_table = scope_threshold(examples, routings, Scope.OUT, MAX_FALSE_REFUSALS)
    out_follow, follow_table = scope_threshold(examples, routings, Scope.OUT, MAX_FALSE_REFUSALS, standalone=False)
    nc, nc_table = scope_threshold(examples, routings, Scope.NOT_COVERED, MAX_FALSE_NOT_COVERED)
    follow, follow_rows = followup_threshold(examples, routings)
    second, second_rows = second_area_share(examples, routings)
    found = {
        "out_of_scope": dataclasses.asdict(out),
        "out_of_scope_followup": dataclasses.asdict(out_follow),
        "not_covered": dataclasses.asdict(nc),
        "followup": follow,
        "second_area": second,
        "tables": {
            "out": [dataclasses.asdict(t) for t in out_table],
            "out (follow-ups)": [dataclasses.asdict(t) for t in follow_table],
            "not covered": [dataclasses.asdict(t) for t in nc_table],
            "follow-up (threshold, follow-ups read so, standalone read so, balanced)": follow_rows,
            "second area (share, precision, recall, F1)": second_rows,
        },
    }
    for name in ("out_of_scope", "out_of_scope_followup", "not_covered", "followup", "second_area"):
        print(f"{name}: {found[name]}")
    return found


def _engine_thresholds(examples, routings, settings) -> dict:
    """What needs the evidence: when the router's reading of an area overrides "no domain word, nothing close".
    (Which article sentences a situation shows: scripts/quote_cv.py, from the library's `quotes:`.)"""
    from coach import Coach
    from coach.query import Query

    coach = Coach(settings)
    engine = coach.engine
    outside = []
    for example, routing in zip(examples, routings, strict=True):
        if example.scope is Scope.NOT_COVERED or example.after:
            continue
        query = Query(example.text, "advise", focus=tuple(engine.understand(example.text, []).focus), advice=True)
        evidence = engine.workspace().evidence(query)
        if not evidence.in_domain and routing.scope[Scope.OUT] < tuning.TUNING.out_of_scope:  # not declined before
            scope = routing.scope
            outside.append((example.scope is Scope.IN, routing.areas[0][1], scope[Scope.OUT], scope[Scope.IN]))
    # answered when the router reads an area with at least `area`, finds `out` less likely than `unlikely`, or
    # `in` at least as likely as `likely`; chosen: the lowest cost (an answerable question refused costs
    # REFUSAL_COST, an out-of-scope request answered 1), then the most answerable kept
    answerable = sum(1 for row in outside if row[0])
    table = []
    for area in np.arange(0.1, 0.8, 0.025):
        for unlikely in (0.0, 0.02, 0.05, 0.1, 0.15, 0.2):
            for likely in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01):
                answered = [ok for ok, a, po, pi in outside if a >= area or po < unlikely or pi >= likely]
                kept, wrongly = sum(answered), len(answered) - sum(answered)
                table.append((round(float(area), 3), unlikely, likely, kept, wrongly))
    cost = lambda row: (REFUSAL_COST * (answerable - row[3]) + row[4], -row[3])  # noqa: E731
    in_scope, out_unlikely, in_likely, _, _ = min(table, key=cost)
    print(
        f"area_confident: {in_scope}, out_unlikely: {out_unlikely} (outside by the evidence: {len(outside)} examples)"
    )
    return {
        "area_confident": in_scope,
        "out_unlikely": out_unlikely,
        "in_likely": in_likely,
        "answerable outside by the evidence": answerable,
        "table (area score, P(out) below, P(in) at least, answerable kept, out of scope answered)": table,
    }


if __name__ == "__main__":
    main()
