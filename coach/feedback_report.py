"""What the feedback says, for the people who run the coach: a summary (`coach feedback`) and the corrected
questions as examples for the library (`coach feedback export --examples`).

Both read the records as they stand (the latest line of each id; ratings taken back left out, see
feedback.latest).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from typing import Any

import yaml

from .codes import Code
from .feedback import latest


def summarize(lines: list[dict], top: int = 10) -> dict:
    """Counts by rating, by the answer's status, by area (the areas an answer cited, and the areas users said
    it should have used) and by day; the worst-rated questions first."""
    records = latest(lines)
    by_status: dict[str, Counter] = defaultdict(Counter)
    by_area: dict[str, Counter] = defaultdict(Counter)
    by_day: dict[str, Counter] = defaultdict(Counter)
    for record in records:
        given = record["rating"]
        by_status[_status(record)][given] += 1
        by_day[str(record.get("time", ""))[:10] or "unknown"][given] += 1
        for area in _cited_areas(record):
            by_area[area][given] += 1
        if given == "down":
            for area in _list(record.get("areas")):
                by_area[area]["should have used"] += 1
    totals = Counter(record["rating"] for record in records)
    return {
        "records": len(records),
        "up": totals["up"],
        "down": totals["down"],
        "with_note": sum(1 for r in records if r.get("note")),
        "with_areas": sum(1 for r in records if r["rating"] == "down" and _list(r.get("areas"))),
        "by_status": _table(by_status),
        "by_area": _table(by_area, key=_area_order),
        "by_day": _table(by_day),
        "worst": worst_questions(records, top),
    }


def worst_questions(records: list[dict], top: int = 10) -> list[dict]:
    """Questions with a thumbs-down, the most disliked first (more downs than ups, then most downs, then the
    latest): the same question in other words or case counts as one."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        groups[" ".join(str(record.get("question", "")).casefold().split())].append(record)
    rows = []
    for group in groups.values():
        counts = Counter(r["rating"] for r in group)
        if not counts["down"]:
            continue
        last = max(group, key=lambda r: str(r.get("time", "")))
        rows.append(
            {
                "question": last.get("question", ""),
                "down": counts["down"],
                "up": counts["up"],
                "status": _status(last),
                "notes": [r["note"] for r in group if r.get("note") and r["rating"] == "down"],  # what was wrong
                "areas": sorted({a for r in group for a in _list(r.get("areas"))}, key=_area_order),
                "last": last.get("time", ""),
            }
        )
    rows.sort(key=lambda row: (row["up"] - row["down"], -row["down"], _negated(row["last"])))
    return rows[:top]


def _negated(stamp: str) -> list[int]:
    return [-ord(ch) for ch in stamp]


def _table(counts: dict[str, Counter], key=None) -> dict[str, dict[str, int]]:
    return {name: dict(counts[name]) for name in sorted(counts, key=key)}


def _status(record: dict) -> str:
    answer = _answer_of(record)
    return str(answer.get("status") or "unknown")


def _answer_of(record: dict[str, Any]) -> dict[str, Any]:
    """The answer a feedback record was about, as stored ({} when it has none)."""
    answer = record.get("answer")
    return answer if isinstance(answer, dict) else {}


def _list(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _cited_areas(record: dict) -> list[str]:
    """The matrix areas an answer cited (an item counts for its area; article sections are not areas)."""
    answer = _answer_of(record)
    areas = []
    for key in _list(answer.get("citations")):
        code = Code.try_parse(key)
        if code is not None and str(code.area) not in areas:
            areas.append(str(code.area))
    return areas


def _area_order(name: str):
    code = Code.try_parse(name)
    return (0, code.section, code.letter) if code else (1, 0, name)


# --- examples for the library -------------------------------------------------------------------------------------
class _Quoted(str):
    """A string written in double quotes (a question, as the library's own files write it)."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, '"'))


def corrected(lines: list[dict]) -> list[dict]:
    """The thumbs-down records whose users named the area(s) the answer should have used, oldest first."""
    return [r for r in latest(lines) if r["rating"] == "down" and _list(r.get("areas")) and r.get("question")]


def example_of(record: dict, model) -> tuple[dict | None, list[str]]:
    """The library example a corrected record suggests (None when none of its areas is in the matrix any
    more), and the area codes left out because they are not."""
    areas, dropped = [], []
    for value in _list(record.get("areas")):
        code = Code.try_parse(value)
        if code is not None and not code.is_item and model.exists(code):
            areas.append(str(code))
        else:
            dropped.append(value)
    if not areas:
        return None, dropped
    example: dict = {"q": _Quoted(record["question"])}
    history = _list(record.get("history"))
    if history:  # asked after another question: a follow-up as the engine read it (else: as it was asked)
        example["after"] = _Quoted(history[-1])
        example["followup"] = record["followup"] if isinstance(record.get("followup"), bool) else True
    example["areas"] = areas
    example["op"] = record.get("op") or "advise"
    return example, dropped


def examples_yaml(lines: list[dict], model, when: str | None = None) -> tuple[str, int]:
    """The corrected questions as a YAML list in the example library's format (library/README.md), each
    with a comment line naming its feedback's time and what the user said was wrong; and how many entries."""
    when = when or time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    out = [
        f"# Examples from users' feedback ({when}, `coach feedback export --examples`): thumbs-down answers whose",
        "# users named the area(s) the answer should have used. Review each — the question, its areas, op, and",
        "# followup (true when it continues the question in `after`, as the engine read it then) — before adding",
        "# it to a file in library/examples/; then rebuild the index and run `coach eval`.",
    ]
    entries: dict[str, list[str]] = {}  # one entry per example; the same correction given twice, two comments
    for record in corrected(lines):
        example, dropped = example_of(record, model)
        comment = _comment(record, dropped)
        if example is None:
            out.append(comment + " — left out: none of its areas is in the matrix now")
            continue
        body = yaml.dump(
            [example], Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10**6, default_flow_style=None
        )
        entries.setdefault(body, []).append(comment)
    for body, comments in entries.items():
        out += ["", *comments, body.rstrip("\n")]
    return "\n".join(out) + "\n", len(entries)


def _comment(record: dict, dropped: list[str]) -> str:
    note = f"“{record['note']}”" if record.get("note") else "no note"
    answer = _answer_of(record)
    cited = ", ".join(_list(answer.get("citations"))[:6]) or "nothing"
    parts = [str(record.get("time", "")), note, f"answer: {_status(record)}, cited {cited}"]
    if dropped:
        parts.append(f"left out, not areas of the matrix: {', '.join(dropped)}")
    return "# " + " · ".join(" ".join(part.split()) for part in parts)
