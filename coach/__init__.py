"""Alliance Coach: grounded coaching answers from the ASAP Alliance Management Professional Development
Guide and four practitioner articles, every claim cited.

    from coach import Coach
    answer = Coach().ask("what does a senior manager own in governance?")
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Answer", "Citation", "Coach", "Settings", "__version__"]


def __getattr__(name: str):
    # Imported lazily so that `coach --help` and `import coach.codes` stay fast.
    if name == "Coach":
        from .facade import Coach

        return Coach
    if name in ("Answer", "Citation"):
        from . import records

        return getattr(records, name)
    if name == "Settings":
        from .settings import Settings

        return Settings
    raise AttributeError(f"module 'coach' has no attribute {name!r}")
