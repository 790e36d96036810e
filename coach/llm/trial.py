"""An LLM backend on evaluation cases: what the citation guard did with each answer, and how long it took.

`make test-llm` runs this with a real local model (tests/llm/test_llm_local.py) and writes the figures the
README reports; `python -m coach.llm.trial REPORT.json` prints a report again as Markdown.

For each case it records the answer's status, the guard's outcome (`Answer.guard`: kept, trimmed,
replaced, failed — or none when the question never reached the model: refusals, small talk and
not-covered answers are the composer's alone), the seconds it took, the keys it cites, and any key that is
not a real code of the matrix or document of the corpus, or that has no citation record ("invalid": the
guard's promise is that this list stays empty).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..codes import Code
from ..support import CITATION

OUTCOMES = ("kept", "trimmed", "replaced", "failed")


@dataclass
class TrialRow:
    case: str
    category: str
    status: str
    guard: str | None
    backend: str
    seconds: float
    cited: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    text: str = ""  # the final answer
    model_text: str = ""  # what the model wrote, before the guard (empty when it never reached the model)


@dataclass
class Trial:
    backend: str
    split: str
    selection: str
    date: str
    rows: list[TrialRow]

    def counts(self) -> dict[str, int]:
        found = {outcome: sum(1 for row in self.rows if row.guard == outcome) for outcome in OUTCOMES}
        found["not sent to the model"] = sum(1 for row in self.rows if row.guard is None)
        return found

    def latency(self) -> dict[str, float]:
        """Seconds per answer the model wrote (whatever the guard then did), p50 / p95 / mean / max."""
        seconds = sorted(row.seconds for row in self.rows if row.guard is not None)
        if not seconds:
            return {}
        return {
            "p50": round(statistics.median(seconds), 2),
            "p95": round(_quantile(seconds, 0.95), 2),
            "mean": round(statistics.fmean(seconds), 2),
            "max": round(seconds[-1], 2),
            "answers": len(seconds),
        }

    def as_dict(self) -> dict:
        return {
            "backend": self.backend,
            "split": self.split,
            "selection": self.selection,
            "date": self.date,
            "cases": len(self.rows),
            "guard": self.counts(),
            "latency_s": self.latency(),
            "invalid_citations": sum(len(row.invalid) for row in self.rows),
            "rows": [asdict(row) for row in self.rows],
        }


def _quantile(ordered: list[float], share: float) -> float:
    position = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[position]


def invalid_keys(answer, model, document_ids: set[str]) -> list[str]:
    """Keys the answer cites that are not real (a code the matrix lacks, an unknown document) or that have no
    citation record behind them."""
    recorded = {citation.key for citation in answer.citations}
    bad = []
    for key in dict.fromkeys([*CITATION.findall(answer.text), *recorded]):
        code = Code.try_parse(key)
        real = model.exists(code) if code is not None else key.split(" § ")[0] in document_ids
        if not real or key not in recorded:
            bad.append(key)
    return bad


def every_nth(cases: list, step: int) -> list:
    """Cases 1, 1+step, 1+2·step … of a split: a fixed, documented subset spread over all its categories."""
    return cases[::step]


def run_trial(coach, cases: list, split: str, selection: str, progress=None) -> Trial:
    documents = {document.id for document in coach.documents}
    rows = []
    for done, case in enumerate(cases, start=1):
        started = time.perf_counter()
        streamed, answer = "", None
        for event in coach.stream(case.question, history=case.history):  # the last text is the model's own
            if isinstance(event, str):
                streamed = event
            else:
                answer = event
        assert answer is not None, "Coach.stream ends with the Answer"
        rows.append(
            TrialRow(
                case=case.id,
                category=case.category,
                status=answer.status,
                guard=answer.guard,
                backend=answer.backend,
                seconds=round(time.perf_counter() - started, 3),
                cited=[c.key for c in answer.citations],
                invalid=invalid_keys(answer, coach.model, documents),
                notes=list(answer.notes),
                text=answer.text,
                model_text=streamed if answer.guard else "",
            )
        )
        if progress:
            progress(done, len(cases), rows[-1])
    name = coach.backend.name if coach.backend else "composer"
    return Trial(name, split, selection, time.strftime("%Y-%m-%d %H:%M"), rows)


def as_markdown(report: dict) -> str:
    guard, latency = report["guard"], report["latency_s"]
    sent = sum(guard[outcome] for outcome in OUTCOMES)
    lines = [
        f"{report['backend']} on {report['split']} ({report['selection']}, {report['cases']} cases, {report['date']})",
        "",
        "| the guard | answers |",
        "|---|---|",
    ]
    for outcome in OUTCOMES:
        share = f" ({guard[outcome] / sent:.0%})" if sent else ""
        lines.append(f"| {outcome} | {guard[outcome]}{share} |")
    lines.append(f"| not sent to the model (refused, small talk, not covered) | {guard['not sent to the model']} |")
    if latency:
        lines += [
            "",
            f"Seconds per model-written answer: p50 {latency['p50']}, p95 {latency['p95']}, "
            f"mean {latency['mean']}, max {latency['max']} ({latency['answers']} answers).",
        ]
    lines.append(f"Invalid citations in the final answers: {report['invalid_citations']}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m coach.llm.trial REPORT.json", file=sys.stderr)
        return 1
    try:
        report = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error: cannot read the trial report {args[0]} ({exc}); run `make test-llm` first.", file=sys.stderr)
        return 1
    print(as_markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
