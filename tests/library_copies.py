"""Private copies of the example library and of the vector cache, for the tests that retrain the router
(tests/engine/test_router.py, tests/app/test_feedback.py) without touching the real ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "library" / "examples"


def library_copy(target: Path, every: int = 1) -> Path:
    """The library's files in `target`; with every=n, only each file's every n-th example (a test of the
    cache, not of accuracy, trains in seconds on that, and every scope, operation and area is still taught)."""
    if every == 1:
        shutil.copytree(LIBRARY, target)
        return target
    target.mkdir()
    for path in sorted(LIBRARY.glob("*.yaml")):
        examples = yaml.safe_load(path.read_text(encoding="utf-8"))
        (target / path.name).write_text(yaml.safe_dump(examples[::every], allow_unicode=True), encoding="utf-8")
    return target


def vector_cache_copy(source: Path, target: Path) -> Path:
    """The library's and the items' vectors (what training reads), not the trained routers nor the rest."""
    target.mkdir()
    for path in source.glob("*"):
        if path.is_file() and path.name.startswith(("library-", "items-")) and ".tmp" not in path.name:
            shutil.copy2(path, target / path.name)
    return target
