"""The evaluation report: a terminal table, report.md, results.json and PNG charts."""

from __future__ import annotations

import json
from pathlib import Path

METRICS = [
    ("code_recall", "code recall"),
    ("mention_recall", "mention recall"),
    ("citation_recall", "citation recall"),
    ("citation_precision", "citation precision"),
    ("citation_validity", "citation validity"),
    ("retrieval_recall_at_5", "retrieval recall@5"),
    ("mrr", "MRR"),
]


def fmt(value, percent: bool = True) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.1f}%" if percent else f"{value:.3f}"


def table_rows(result: dict) -> list[list[str]]:
    rows = []
    splits = [(f"split: {name}", summary) for name, summary in result.get("splits", {}).items()]
    for name, summary in [
        ("overall", result["overall"]),
        *(splits if len(splits) > 1 else []),
        *result["categories"].items(),
    ]:
        rows.append(
            [
                name,
                str(summary["cases"]),
                str(summary["passed"]),
                *(fmt(summary[key]) for key, _ in METRICS[:4]),
                fmt(summary["refusal_recall"]),
                str(summary["false_refusals"]),
                f"{summary['latency_p95_ms']:.0f}",
            ]
        )
    return rows


TABLE_HEADERS = [
    "category",
    "cases",
    "passed",
    "code rec.",
    "mention rec.",
    "cit. recall",
    "cit. precision",
    "refusal rec.",
    "false ref.",
    "p95 ms",
]


def comparison(result: dict) -> dict:
    ours, theirs = result["overall"]["context_recall"], result["overall"]["baseline_context_recall"]
    ratio = (ours / theirs) if ours is not None and theirs else None
    return {"ours": ours, "baseline": theirs, "ratio": ratio}


def markdown(result: dict, failures: list[str], charts: list[str]) -> str:
    from .compare import markdown as compared

    overall = result["overall"]
    lines = [
        f"# Alliance Coach evaluation — {result['date']}",
        "",
        f"Backend: **{result['backend']}** · support judge: **{result['judge']}** · "
        f"{overall['cases']} cases, {overall['passed']} passed every check",
        "",
    ]
    lines += ["## Gate", ""]
    lines += [f"- **FAILED:** {failure}" for failure in failures] or ["- all thresholds met (eval/thresholds.yaml)"]
    lines += ["", "## Overall", "", "| metric | value |", "|---|---|"]
    for key, label in METRICS:
        lines.append(f"| {label} | {fmt(overall[key], key != 'mrr')} |")
    lines += [
        f"| refusal precision / recall | {fmt(overall['refusal_precision'])} / {fmt(overall['refusal_recall'])} |",
        f"| false refusals | {overall['false_refusals']} |",
        f"| latency p50 / p95 | {overall['latency_p50_ms']:.1f} / {overall['latency_p95_ms']:.1f} ms |",
        "",
    ]
    lines += [
        "## By split and category",
        "",
        "| " + " | ".join(TABLE_HEADERS) + " |",
        "|" + "---|" * len(TABLE_HEADERS),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(result)]
    if result.get("comparison"):
        lines += compared(result["comparison"])
    if result.get("baseline"):
        comp = comparison(result)
        lines += [
            "",
            "## Beside the plain LangChain recipe",
            "",
            f"The peer: {result['baseline']['recipe']} ({result['baseline']['chunks']} chunks). Context recall "
            "is the share of each case's expected mentions found in the retrieved text.",
            "",
            "| | context recall |",
            "|---|---|",
            f"| Alliance Coach (hybrid + structured retrieval; {result['overall']['context_records']:.0f} short "
            f"records on average) | {fmt(comp['ours'])} |",
            f"| plain LangChain recipe (dense top-4 chunks of up to 1,000 characters) | {fmt(comp['baseline'])} |",
            f"| ratio | {comp['ratio']:.2f}× |" if comp["ratio"] else "| ratio | — |",
            "",
        ]
        lines += ["| category | ours | recipe |", "|---|---|---|"]
        for name, summary in result["categories"].items():
            if summary["context_recall"] is not None:
                lines.append(
                    f"| {name} | {fmt(summary['context_recall'])} | {fmt(summary['baseline_context_recall'])} |"
                )
    for chart in charts:
        lines += ["", f"![{chart}]({chart})"]
    failing = [s for s in result["scores"] if not s.passed]
    lines += ["", f"## Failing cases ({len(failing)})", ""]
    for score in failing:
        lines.append(f"- **{score.case.id}** ({score.case.category}) — {score.case.question!r}")
        lines += [f"  - {problem}" for problem in score.problems]
        lines.append(f"  - got: {' '.join(score.text.split())[:300]!r}")
    return "\n".join(lines) + "\n"


def as_json(result: dict, failures: list[str]) -> dict:
    return {key: value for key, value in result.items() if key != "scores"} | {
        "gate": {"passed": not failures, "failures": failures},
        "comparison": comparison(result) if result.get("baseline") else None,
        "cases": [
            {
                "id": s.case.id,
                "split": s.case.split,
                "category": s.case.category,
                "question": s.case.question,
                "passed": s.passed,
                "status": s.status,
                "problems": s.problems,
                "refused": s.refused,
                "citations": s.keys,
                "latency_ms": round(s.latency_ms, 2),
                "code_recall": s.code_recall,
                "mention_recall": s.mention_recall,
                "statements": s.statements,
                "supported": s.supported,
                "citations_checked": s.citations,
                "relevant_citations": s.relevant,
                "retrieval_recall_at_5": s.retrieval_recall5,
                "reciprocal_rank": s.reciprocal_rank,
                "context_recall": s.context_recall_ours,
                "baseline_context_recall": s.context_recall_baseline,
                "answer": s.text,
            }
            for s in result["scores"]
        ],
    }


def charts(result: dict, folder: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(result["categories"])
    shown = METRICS[:4]
    figure, axis = plt.subplots(figsize=(11, 4.5))
    width = 0.8 / len(shown)
    for index, (key, label) in enumerate(shown):
        values = [
            (result["categories"][n][key] or 0) * 100 if result["categories"][n][key] is not None else 0 for n in names
        ]
        axis.bar([i + index * width for i in range(len(names))], values, width, label=label)
    axis.set_xticks([i + 0.4 - width / 2 for i in range(len(names))], names, rotation=20)
    axis.set_ylim(0, 105)
    axis.set_ylabel("%")
    axis.set_title(f"Scores per category ({result['backend']})")
    axis.legend(loc="lower right", fontsize=8)
    figure.tight_layout()
    figure.savefig(folder / "categories.png", dpi=110)
    plt.close(figure)

    made = ["categories.png", "latency.png"]
    if result.get("baseline"):
        rows = [
            (n, c["context_recall"], c["baseline_context_recall"])
            for n, c in result["categories"].items()
            if c["context_recall"] is not None
        ]
        figure, axis = plt.subplots(figsize=(11, 4))
        positions = range(len(rows))
        axis.bar([p - 0.2 for p in positions], [r[1] * 100 for r in rows], 0.4, label="Alliance Coach", color="#4f46e5")
        axis.bar(
            [p + 0.2 for p in positions],
            [(r[2] or 0) * 100 for r in rows],
            0.4,
            label="plain LangChain recipe (dense top-4)",
            color="#f59e0b",
        )
        axis.set_xticks(list(positions), [r[0] for r in rows], rotation=20)
        axis.set_ylim(0, 105)
        axis.set_ylabel("context recall, %")
        axis.set_title("Do the retrieved texts hold the expected answer? (mentions found, per category)")
        axis.legend(loc="lower left", fontsize=8)
        figure.tight_layout()
        figure.savefig(folder / "baseline.png", dpi=110)
        plt.close(figure)
        made.append("baseline.png")

    latencies = [s.latency_ms for s in result["scores"]]
    figure, axis = plt.subplots(figsize=(7, 3.5))
    axis.hist(latencies, bins=30, color="#4f46e5")
    axis.set_xlabel("ms per answer")
    axis.set_ylabel("cases")
    axis.set_title(
        f"Answer latency (p50 {result['overall']['latency_p50_ms']:.0f} ms, "
        f"p95 {result['overall']['latency_p95_ms']:.0f} ms)"
    )
    figure.tight_layout()
    figure.savefig(folder / "latency.png", dpi=110)
    plt.close(figure)
    return made


def write(result: dict, failures: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    made = charts(result, folder)
    (folder / "report.md").write_text(markdown(result, failures, made), encoding="utf-8")
    (folder / "results.json").write_text(
        json.dumps(as_json(result, failures), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
