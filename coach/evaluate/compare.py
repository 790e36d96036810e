"""Before / after: a compact snapshot of an evaluation (per split, per category, per case), and the comparison
of a run with an earlier snapshot — which cases now pass, which now fail."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, describe
from ..parsing import load_json

KEYS = ("cases", "passed", "false_refusals", "code_recall", "mention_recall", "citation_validity")


def snapshot(result: dict, label: str) -> dict:
    """What a later run is compared with: the summaries and each case's pass / fail (no answers)."""

    def brief(summary: dict) -> dict:
        return {key: summary.get(key) for key in KEYS}

    return {
        "label": label,
        "date": result["date"],
        "backend": result["backend"],
        "overall": brief(result["overall"]),
        "splits": {name: brief(s) for name, s in result.get("splits", {}).items()},
        "categories": {name: brief(s) for name, s in result["categories"].items()},
        "cases": {f"{s.case.split}/{s.case.id}": s.passed for s in result["scores"]},
    }


def load_snapshot(path: Path) -> dict:
    """A snapshot, or the results.json of a full report (reduced to a snapshot)."""
    try:
        data = load_json(Path(path).read_bytes(), f"the snapshot {path}")
    except (OSError, ValueError) as exc:
        raise InputError(
            f"cannot read the snapshot to compare with, {path} ({describe(exc)}); give a file written by "
            "`coach eval --snapshot`."
        ) from None
    if not isinstance(data, dict):
        raise InputError(f"{path} is not an evaluation snapshot or results file.")
    if "cases" in data and isinstance(data["cases"], dict):
        return data
    if isinstance(data.get("cases"), list):
        return {
            "label": str(path),
            "date": data.get("date", ""),
            "backend": data.get("backend", ""),
            "overall": data.get("overall", {}),
            "splits": data.get("splits", {}),
            "categories": data.get("categories", {}),
            "cases": {f"{c.get('split', '')}/{c['id']}": c["passed"] for c in data["cases"]},
        }
    raise InputError(f"{path} is not an evaluation snapshot or results file.")


def before_after(result: dict, before: dict) -> dict:
    """Rows (name, before passed / cases, after passed / cases) per split and category, and the cases that
    changed."""
    now = snapshot(result, "now")
    rows = []
    for group in ("splits", "categories"):
        for name, after in now[group].items():
            earlier = before.get(group, {}).get(name)
            rows.append(
                {
                    "group": group[:-1] if group == "splits" else "category",
                    "name": name,
                    "before": _fraction(earlier),
                    "after": _fraction(after),
                }
            )
    gained = sorted(key for key, passed in now["cases"].items() if passed and before["cases"].get(key) is False)
    lost = sorted(key for key, passed in now["cases"].items() if not passed and before["cases"].get(key) is True)
    return {
        "label": before.get("label", ""),
        "date": before.get("date", ""),
        "rows": rows,
        "gained": gained,
        "lost": lost,
    }


def _fraction(summary: dict | None) -> str:
    if not summary:
        return "—"
    return f"{summary['passed']}/{summary['cases']} ({summary['passed'] / summary['cases']:.0%})"


def markdown(comparison: dict) -> list[str]:
    lines = [
        "",
        f"## Before / after (against {comparison['label']}, {comparison['date']})",
        "",
        "| | name | before | after |",
        "|---|---|---|---|",
    ]
    lines += [f"| {r['group']} | {r['name']} | {r['before']} | {r['after']} |" for r in comparison["rows"]]
    lines += [
        "",
        f"Now passing ({len(comparison['gained'])}): {', '.join(comparison['gained']) or 'none'}",
        "",
        f"Now failing ({len(comparison['lost'])}): {', '.join(comparison['lost']) or 'none'}",
    ]
    return lines
