"""Reading JSON and YAML that come from outside — request bodies, case files, thresholds, snapshots — with their
nesting bounded *before* they are parsed.

Python's json module and PyYAML's composer recurse once per level of nesting, so 100,000 opening brackets are
a RecursionError (an HTTP 500, a traceback) rather than a bad input. Nothing this project reads legitimately
nests deeper than about ten levels, so MAX_DEPTH leaves room for any client while staying far below Python's
recursion limit. The depth is measured without recursing: JSON by its brackets outside strings, YAML by its
parser's event stream (a state machine, not recursive).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .errors import InputError

MAX_DEPTH = 64  # levels of nesting accepted in JSON and YAML
# a YAML data file the coach reads (an eval cases file, an example library file); the largest, a library
# writer's file, is about 60 KB
MAX_FILE_BYTES = 2_000_000

_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_OPENING = frozenset(b"[{")


def json_too_deep(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON text nests deeper than `limit`, without parsing it (brackets inside strings do not count).
    Text with no more brackets than the limit cannot be too deep, and is answered at once."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    import numpy as np

    brackets = _JSON_STRING.sub(b"", raw).translate(None, bytes(b for b in range(256) if b not in b"[]{}"))
    if not brackets:
        return False
    steps = np.frombuffer(brackets, dtype=np.uint8)
    depth = np.cumsum(np.where(np.isin(steps, list(_OPENING)), 1, -1), dtype=np.int64)
    return int(depth.max()) > limit


def load_json(raw: bytes | str, what: str, limit: int = MAX_DEPTH) -> Any:
    """JSON text parsed after its depth is checked; ValueError (json's own) for text that is not JSON, and an
    InputError naming `what` for text nested deeper than `limit`."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if json_too_deep(data, limit):
        raise InputError(f"{what} nests deeper than {limit} levels; no valid input needs that many.")
    return json.loads(data)


def load_yaml(text: str, what: str, limit: int = MAX_DEPTH) -> Any:
    """YAML text parsed (safe_load) after its depth is checked on the parser's events; yaml.YAMLError for text
    that is not YAML, and an InputError naming `what` for text nested deeper than `limit`."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > limit:
                raise InputError(f"{what} nests deeper than {limit} levels; no valid file needs that many.")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return yaml.load(text, Loader=loader)  # the safe loader above: libyaml's when installed, 8x faster
