"""One router setting tried at several values by the library's cross-validation (each writer held out):
the area figures for each value, the rest of the settings as in use (coach/tuning.py).

    .venv/bin/python scripts/router_setting_cv.py item_area_blend 0 0.1 0.2 0.3

Reads only library/examples and the corpus (never an eval split). One training per writer and value: about
4.5 minutes per value on two cores with twenty writers.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.router import router_settings
from coach.router.calibrate import load_material
from coach.router.crossval import cross_validate
from coach.settings import Settings

SHOWN = ("area top-1", "area top-3", "first area top-1", "operation accuracy", "scope accuracy")


def main(name: str, values: list[float]) -> None:
    in_use = router_settings()
    if name not in {f.name for f in dataclasses.fields(in_use)}:
        raise SystemExit(f"{name!r} is not a RouterSettings field (coach/router/model.py)")
    material = load_material(Settings.from_env())
    for value in values:
        settings = dataclasses.replace(in_use, **{name: value})
        found = cross_validate(material.examples, material.vectors, material.closeness, settings).as_dict()
        print(f"{name}={value}: " + ", ".join(f"{key} {found[key] * 100:.1f} %" for key in SHOWN), flush=True)


if __name__ == "__main__":
    logging.disable(logging.WARNING)
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], [float(v) for v in sys.argv[2:]])
