"""Run the cases through the Coach (and the baseline), score them, and check the thresholds."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import yaml

from ..codes import Code
from ..errors import ConfigError, describe
from ..parsing import load_yaml
from ..retrieve import hit_areas
from .baseline import BaselineRAG
from .cases import CATEGORIES, Case
from .judge import make_judge
from .metrics import Score, context_recall, score_answer, summarize

# What each threshold in eval/thresholds.yaml means: the metric and whether it is a minimum or a maximum.
THRESHOLDS = {
    "pass_rate": ("pass_rate", "min"),
    "citation_validity": ("citation_validity", "min"),
    "refusal_recall": ("refusal_recall", "min"),
    "false_refusals": ("false_refusals", "max"),
    "code_recall": ("code_recall", "min"),
    "mention_recall": ("mention_recall", "min"),
    "citation_recall": ("citation_recall", "min"),
    "citation_precision": ("citation_precision", "min"),
    "retrieval_recall_at_5": ("retrieval_recall_at_5", "min"),
}


def load_thresholds(path: Path) -> dict[str, dict[str, float]]:
    """{split: {threshold: limit}}: the top-level limits apply to every split, and a `splits:` section
    replaces some of them for one split ("frozen": the split written blind); a split set to `ungated` is
    reported but never fails the run (a blind split run once at the end of a round)."""
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8"), f"the thresholds file {path}") or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the thresholds file {path} ({describe(exc)}).") from None
    if not isinstance(data, dict):
        raise ConfigError(f"the thresholds file {path} must be a YAML mapping of threshold: limit.")
    splits = data.pop("splits", {}) or {}
    if not isinstance(splits, dict):
        raise ConfigError(f"{path}: splits must be a mapping of split name: limits (or 'ungated').")
    default = _limits(path, data)
    found = {"*": default}
    for name, overrides in splits.items():
        if overrides == "ungated":
            found[name] = {}
            continue
        if overrides is not None and not isinstance(overrides, dict):
            raise ConfigError(f"{path}: split {name!r} takes limits or the word 'ungated', not {overrides!r}.")
        found[name] = {**default, **_limits(path, overrides or {})}
    return found


def _limits(path: Path, data: dict) -> dict[str, float]:
    unknown = set(data) - set(THRESHOLDS)
    if unknown:
        raise ConfigError(f"{path}: unknown threshold(s) {', '.join(sorted(unknown))}; use {', '.join(THRESHOLDS)}.")
    bad = [name for name, value in data.items() if isinstance(value, bool) or not isinstance(value, (int, float))]
    if bad:
        raise ConfigError(f"{path}: threshold {bad[0]} must be a number, not {data[bad[0]]!r:.40}.")
    return {name: float(value) for name, value in data.items()}


def check_thresholds(result_or_summary: dict, thresholds: dict) -> list[str]:
    """The limits a run misses: each split against its own limits (or a single summary against the
    defaults)."""
    if "splits" not in result_or_summary:
        return _check(result_or_summary, thresholds.get("*", thresholds))
    failures = []
    for split, summary in result_or_summary["splits"].items():
        limits = thresholds.get(split, thresholds.get("*", {}))
        failures += [f"{split}: {failure}" for failure in _check(summary, limits)]
    return failures


def _check(summary: dict, limits: dict[str, float]) -> list[str]:
    failures = []
    for name, limit in limits.items():
        metric, kind = THRESHOLDS[name]
        value = summary.get(metric)
        if value is None:
            continue
        if (kind == "min" and value < limit) or (kind == "max" and value > limit):
            failures.append(f"{metric} = {value:.3f} ({'below' if kind == 'min' else 'above'} {limit})")
    return failures


def run(coach, cases: list[Case], *, baseline: bool = True, progress: Callable[[int, int], None] | None = None) -> dict:
    judge_name, judge = make_judge()
    documents = {doc.id for doc in coach.documents}

    def exists(key: str) -> bool:
        code = Code.try_parse(key)
        return coach.model.exists(code) if code is not None else key.split(" § ", maxsplit=1)[0] in documents

    peer = BaselineRAG(coach.documents, coach.settings) if baseline else None
    scores: list[Score] = []
    for done, case in enumerate(cases, start=1):
        started = time.perf_counter()
        answer = coach.ask(case.question, history=case.history)
        latency = (time.perf_counter() - started) * 1000
        score = score_answer(case, answer, latency, exists, judge)
        _retrieval(coach, case, score)
        if peer is not None:
            score.context_recall_baseline = context_recall(case, peer.retrieve(case.question))
        scores.append(score)
        if progress:
            progress(done, len(cases))
    overall = summarize(scores)
    categories = {
        name: summarize([s for s in scores if s.case.category == name])
        for name in CATEGORIES
        if any(s.case.category == name for s in scores)
    }
    splits = {
        name: summarize([s for s in scores if s.case.split == name])
        for name in dict.fromkeys(s.case.split for s in scores)
    }
    return {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "backend": coach.backend.name if coach.backend else "composer",
        "judge": judge_name,
        "baseline": {
            "recipe": "RecursiveCharacterTextSplitter(1000, 200) + Chroma + all-MiniLM-L6-v2, dense top-4",
            "chunks": peer.chunks,
        }
        if peer
        else None,
        "overall": overall,
        "categories": categories,
        "splits": splits,
        "scores": scores,
    }


def _retrieval(coach, case: Case, score: Score) -> None:
    """Recall@5 and reciprocal rank of the gold codes in the hybrid search, and the context recall of what the
    answer drew on."""
    if not case.answerable:
        return
    gold = {code for code in map(Code.try_parse, case.codes) if code is not None}  # not a document key
    if gold:
        try:
            hits = coach.retriever.search(case.question, k=10)
        except Exception:
            hits = []
        areas = [hit_areas(hit) for hit in hits]
        top5 = set().union(*areas[:5]) if areas else set()
        score.retrieval_recall5 = len(gold & top5) / len(gold)
        rank = next((i for i, found in enumerate(areas, start=1) if found & gold), None)
        score.reciprocal_rank = 1.0 / rank if rank else 0.0
    records = coach.evidence(case.question, case.history)
    score.context_recall_ours = context_recall(case, [record.search_text for record in records])
    score.context_records = len(records)
