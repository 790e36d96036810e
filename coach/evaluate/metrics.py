"""The evaluation's metrics, as pure functions of a case, the answer and the sources behind its citations.

- citation validity: share of cited matrix codes that exist in the matrix (and document keys that exist)
- code recall: share of the case's gold area codes the answer cites (citing an item of the area counts)
- mention recall: share of the case's mention entries found in the answer (any alternative)
- citation recall / precision, in the manner of ALCE (Gao et al., 2023): a statement is supported when the
  texts of its citations together support it; a citation is irrelevant when it does not support its
  statement alone and the statement's other citations still do. Support is judged by coach.support
  (content-word overlap) or, when one can be loaded, an NLI cross-encoder.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ..codes import Code
from ..records import Answer, Status
from ..support import statements
from .cases import Case


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("–", "-").replace("—", "-")
    return " ".join(text.lower().split())


def mention_found(entry: tuple[str, ...], text: str) -> bool:
    haystack = normalize(text)
    return any(normalize(alternative) in haystack for alternative in entry)


def cited_areas(keys: list[str]) -> set[str]:
    """What the citations cover: each cited code and its area (an area is cited by any of its items), and
    each cited document (a document is cited by any of its sections: "asap-summit § Channel Champion Blog")."""
    found = set()
    for key in keys:
        code = Code.try_parse(key)
        if code is not None:
            found.add(str(code))
            found.add(str(code.area))
        elif " § " in key:
            found.add(key.split(" § ", 1)[0])
    return found


@dataclass
class Score:
    """One case's measurements (None where a metric does not apply to the case)."""

    case: Case
    text: str
    refused: bool
    keys: list[str]
    latency_ms: float
    valid_citations: int = 0
    cited_codes: int = 0
    code_recall: float | None = None
    any_code_hit: bool | None = None
    mention_recall: float | None = None
    statements: int = 0
    supported: int = 0
    citations: int = 0
    relevant: int = 0
    retrieval_recall5: float | None = None
    reciprocal_rank: float | None = None
    context_recall_ours: float | None = None
    context_records: int | None = None  # how many records our retrieval handed the answer
    context_recall_baseline: float | None = None
    problems: list[str] = field(default_factory=list)

    status: str = "answer"  # the answer's status: answer | not-covered | refused | small-talk | error

    @property
    def refusal_correct(self) -> bool:
        return self.refused == self.case.refuse

    @property
    def false_refusal(self) -> bool:
        """The documents answer the case, but the answer declined it or said they do not cover it."""
        return self.case.answerable and self.status != "answer"

    @property
    def passed(self) -> bool:
        return not self.problems


def score_answer(case: Case, answer: Answer, latency_ms: float, exists, judge) -> Score:
    """`exists(key)` says whether a citation key names something real; `judge(statement, sources)` → bool."""
    keys = [c.key for c in answer.citations]
    status = answer.status.value
    score = Score(case, answer.text, answer.status is Status.REFUSED, keys, latency_ms, status=status)
    codes = [key for key in keys if Code.try_parse(key) is not None]
    score.cited_codes = len(codes)
    score.valid_citations = sum(1 for key in keys if exists(key))
    if score.valid_citations < len(keys):
        score.problems.append(f"cites what does not exist: {[k for k in keys if not exists(k)]}")
    expected = {"refuse": "refused"}.get(case.expect, case.expect)
    if status != expected:
        score.problems.append(f"expected {case.expect}, got {status}")
    areas = cited_areas(keys)
    _forbidden(score, case, answer.text, keys, areas)
    if case.codes:
        hit = [code for code in case.codes if code in areas or code in keys]
        score.code_recall = len(hit) / len(case.codes)
        if len(hit) < len(case.codes):
            score.problems.append(f"missing codes {[c for c in case.codes if c not in hit]}")
    if case.any_codes:
        score.any_code_hit = any(code in areas or code in keys for code in case.any_codes)
        if not score.any_code_hit:
            score.problems.append(f"cites none of {list(case.any_codes)}")
    if case.mention:
        found = [entry for entry in case.mention if mention_found(entry, answer.text)]
        score.mention_recall = len(found) / len(case.mention)
        if len(found) < len(case.mention):
            score.problems.append(f"missing mentions {[e[0] for e in case.mention if e not in found]}")
    if status == "answer":  # a "not covered" reply states an absence: there is nothing to cite for it
        _alce(score, answer, judge)
    return score


def _forbidden(score: Score, case: Case, text: str, keys: list[str], areas: set[str]) -> None:
    """forbid_codes, forbid and max_codes: what a focused, correct answer must not contain."""
    for code in case.forbid_codes:  # an area is cited by itself or by any of its items
        if code in (keys if Code.parse(code).is_item else areas):
            score.problems.append(f"cites forbidden {code}")
    for phrase in case.forbid:
        if mention_found((phrase,), text):
            score.problems.append(f"says forbidden {phrase!r}")
    if case.max_codes is not None:
        distinct = {key for key in keys if Code.try_parse(key) is not None}
        if len(distinct) > case.max_codes:
            score.problems.append(f"cites {len(distinct)} codes (at most {case.max_codes})")


def _alce(score: Score, answer, judge) -> None:
    sources = {c.key: f"{c.title}. {c.text}" for c in answer.citations}
    for statement in statements(answer.text):
        if not statement.claims:
            continue
        score.statements += 1
        keys = [key for key in statement.keys if key in sources]
        texts = [sources[key] for key in keys]
        supported = bool(keys) and judge(statement.text, texts)
        score.supported += supported
        for key in keys:
            score.citations += 1
            alone = judge(statement.text, [sources[key]])
            others = [sources[k] for k in keys if k != key]
            irrelevant = not alone and bool(others) and judge(statement.text, others)
            score.relevant += not irrelevant
        if not supported:
            score.problems.append(f"unsupported: {statement.text[:90]!r}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def summarize(scores: list[Score]) -> dict:
    """The metrics over a set of scores (all cases, or one category)."""
    cited = sum(s.cited_codes for s in scores)
    keys = sum(len(s.keys) for s in scores)
    should = [s for s in scores if s.case.refuse]
    declined = [s for s in scores if s.status == "refused"]
    true_refusals = [s for s in declined if s.case.refuse]
    statements_total = sum(s.statements for s in scores)
    citations_total = sum(s.citations for s in scores)
    latencies = [s.latency_ms for s in scores]
    return {
        "cases": len(scores),
        "passed": sum(s.passed for s in scores),
        "pass_rate": (sum(s.passed for s in scores) / len(scores)) if scores else None,
        "citation_validity": (sum(s.valid_citations for s in scores) / keys) if keys else 1.0,
        "cited_codes": cited,
        "code_recall": _mean(s.code_recall for s in scores),
        "any_code_recall": _mean(None if s.any_code_hit is None else float(s.any_code_hit) for s in scores),
        "mention_recall": _mean(s.mention_recall for s in scores),
        "citation_recall": (sum(s.supported for s in scores) / statements_total) if statements_total else None,
        "citation_precision": (sum(s.relevant for s in scores) / citations_total) if citations_total else None,
        "refusal_precision": (len(true_refusals) / len(declined)) if declined else None,
        "refusal_recall": (len(true_refusals) / len(should)) if should else None,
        "false_refusals": sum(1 for s in scores if s.false_refusal),
        "not_covered_recall": _mean(float(s.status == "not-covered") for s in scores if s.case.expect == "not-covered")
        if any(s.case.expect == "not-covered" for s in scores)
        else None,
        "retrieval_recall_at_5": _mean(s.retrieval_recall5 for s in scores),
        "mrr": _mean(s.reciprocal_rank for s in scores),
        "context_recall": _mean(s.context_recall_ours for s in scores),
        "context_records": _mean(s.context_records for s in scores),
        "baseline_context_recall": _mean(s.context_recall_baseline for s in scores),
        "latency_p50_ms": percentile(latencies, 0.5),
        "latency_p95_ms": percentile(latencies, 0.95),
    }


def context_recall(case: Case, texts: list[str]) -> float | None:
    """Share of the case's mention entries found in some retrieved text (None without mentions)."""
    if not case.mention or not case.answerable:
        return None
    joined = "\n".join(texts)
    return sum(mention_found(entry, joined) for entry in case.mention) / len(case.mention)
