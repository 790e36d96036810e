"""The Python API's arguments checked at the boundary, like the HTTP bodies and the CLI's options: `Coach.ask`'s
profile, `Coach.search`'s k and filters, `Coach.as_retriever`'s k. A value of the wrong type or out of range is
an InputError naming the argument and the fix — never a TypeError from deep inside, never silently widened (k=-1
used to return every record)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import InputError
from .inputs import describe_value as _shown

if TYPE_CHECKING:
    from .records import Profile
    from .retrieve import Filters

MAX_K = 50  # records one search returns at most (the MCP tool, the retriever and `coach search` alike)


def top_k(k: object, what: str = "records") -> int:
    """k as a whole number 1–MAX_K (True and 2.5 are not)."""
    if isinstance(k, bool) or not isinstance(k, int):
        raise InputError(f"k must be a whole number from 1 to {MAX_K}, not {_shown(k)}; e.g. k=5.")
    if not 1 <= k <= MAX_K:
        raise InputError(f"k={k} is out of range; ask for 1 to {MAX_K} {what}.")
    return k


def search_filters(filters: object) -> Filters | None:
    """None, a coach.retrieve.Filters, or a dict of its fields (role, certification, kinds) as a Filters."""
    from .retrieve import Filters

    if filters is None or isinstance(filters, Filters):
        return filters
    fields = {"role", "certification", "kinds"}
    if not isinstance(filters, dict) or set(filters) - fields:
        raise InputError(
            f"filters must be None, a coach.retrieve.Filters or a dict with role, certification and kinds, not "
            f"{_shown(filters)}; e.g. filters={{'role': 'senior', 'kinds': ['item']}}."
        )
    role, certification = filters.get("role"), filters.get("certification")
    kinds = filters.get("kinds") or ()
    kinds = (kinds,) if isinstance(kinds, str) else kinds
    if not isinstance(kinds, (list, tuple)) or not all(isinstance(kind, str) for kind in kinds):
        raise InputError(f"filters['kinds'] must be a list of record kinds, not {_shown(kinds)}.")
    for name, value in (("role", role), ("certification", certification)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"filters[{name!r}] must be text or None, not {_shown(value)}.")
    from .records import ROLE_IDS

    if role is not None and role not in ROLE_IDS:
        raise InputError(f"filters['role'] {role!r} is not a role; use {', '.join(ROLE_IDS)}.")
    return Filters(role=role, certification=certification, kinds=tuple(kinds))


def profile(value: object) -> Profile | None:
    """None, a coach.records.Profile, or a dict {"role", "certification"} as a Profile."""
    from .records import Profile

    if value is None or isinstance(value, Profile):
        return value
    if isinstance(value, dict) and not set(value) - {"role", "certification"}:
        return Profile(role=value.get("role"), certification=value.get("certification"))
    raise InputError(
        f"profile must be None, a coach.records.Profile or a dict with role and certification, not "
        f"{_shown(value)}; e.g. profile={{'role': 'senior', 'certification': 'CSAP'}}."
    )
