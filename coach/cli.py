"""The `coach` command line: index, search, codes, ask, chat, mcp, eval, bench, feedback.

Every CoachError becomes one line on stderr ("error: …") and exit code 1; nothing prints a traceback.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import TYPE_CHECKING

import typer

from .arguments import MAX_K
from .errors import CoachError, describe

if TYPE_CHECKING:
    from .records import Answer

PIPED_WIDTH = 160  # columns for tables when stdout is not a terminal

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Alliance Coach: grounded answers on alliance management from the ASAP guide and four articles.",
)


def _register_groups() -> None:
    from .cli_library import library_app
    from .feedback_cli import app as feedback_app  # its own module: `coach feedback` and its export

    if not app.registered_groups:  # once per process, however often main() runs (the tests call it in-process)
        app.add_typer(library_app, name="library")
        app.add_typer(feedback_app, name="feedback")


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _settings():
    from .settings import Settings

    return Settings.from_env()


def _progress_console():
    from rich.console import Console

    return Console(stderr=True)


def _table_console():
    """Where tables go: a terminal at its own width; piped to a file or a CI log, wide enough that no value is
    cut short (rich would otherwise assume 80 columns)."""
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=PIPED_WIDTH)


def _open_coach(rebuild: bool = False):
    """A Coach with a progress bar when the index has to be built, and notes on stderr."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .facade import Coach

    console = _progress_console()
    bar = Progress(
        TextColumn("embedding records"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )
    task = None

    def progress(done: int, total: int) -> None:
        nonlocal task
        if task is None:
            bar.start()
            task = bar.add_task("embed", total=total)
        bar.update(task, completed=done)

    def notify(message: str) -> None:
        console.print(message, style="dim", markup=False, soft_wrap=True, highlight=False)

    try:
        return Coach(_settings(), rebuild=rebuild, progress=progress, notify=notify)
    finally:
        if task is not None:
            bar.stop()


@app.command()
def index(
    rebuild: bool = typer.Option(
        False,
        "--rebuild",
        help="Build it again even if it is current (records whose text an earlier build embedded keep their vectors).",
    ),
):
    """Build the search index if it is missing or out of date (or always, with --rebuild)."""
    started = time.perf_counter()
    coach = _open_coach(rebuild=rebuild)
    elapsed = time.perf_counter() - started
    kinds: dict[str, int] = {}
    for passage in coach.passages:
        kinds[passage.kind] = kinds.get(passage.kind, 0) + 1
    state = "built" if coach.index.built else "up to date (reused, nothing re-embedded)"
    typer.echo(
        f"index {state}: {len(coach.passages)} records in {coach.index.store.description}, "
        f"collection {coach.index.collection_name} ({elapsed:.1f} s)"
    )
    typer.echo("  " + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())))


@app.command()
def search(
    query: str = typer.Argument(..., help="A question, words, or a code such as 'II C'."),
    k: int = typer.Option(10, "-k", "--top", min=1, max=MAX_K, help=f"How many records to list (1-{MAX_K})."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    role: str | None = typer.Option(None, help="Only this role's records: mid, senior or executive."),
    cert: str | None = typer.Option(None, "--cert", help="Only records at this level: CA-AM or CSAP."),
    kind: list[str] | None = typer.Option(
        None,
        "--kind",
        help="Only these kinds (repeatable): item, area, responsibility, requirement, category, passage.",
    ),
):
    """Rank the index's records for a query: dense + BM25 + exact codes, fused."""
    from .errors import InputError
    from .inputs import clean
    from .retrieve import Filters

    if role and role not in ("mid", "senior", "executive"):
        raise InputError(f"--role {role!r} is not a role; use mid, senior or executive.")
    text = clean(query)
    _check_codes(text)  # before opening (perhaps building) the index
    coach = _open_coach()
    filters = Filters(role=role, certification=cert.upper() if cert else None, kinds=tuple(kind or ()))
    hits = coach.search(text, k=k, filters=filters)
    from .compose.draft import passage_keys

    rows = [
        {
            "rank": rank,
            "code": ", ".join(passage_keys(hit.passage)),
            "kind": hit.passage.kind,
            "score": round(hit.score, 4),
            "id": hit.passage.id,
            "text": hit.passage.text,
        }
        for rank, hit in enumerate(hits, start=1)
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("no records match; try fewer filters or other words.")
        return
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("#", "code", "kind", "score", "text"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row["rank"]), row["code"], row["kind"], f"{row['score']:.3f}", row["text"])
    _table_console().print(table)


def _check_codes(text: str) -> None:
    from .codes import find_codes
    from .corpus import load_corpus
    from .model import build_model

    model = build_model(load_corpus(_settings().corpus_dir))
    for code in find_codes(text):
        model.check(code)


@app.command()
def codes(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text.")):
    """The whole matrix (areas, items, flags) and the three job descriptions, as parsed from the guide."""
    from .corpus import load_corpus
    from .model import build_model
    from .model.export import model_as_dict, model_as_text

    model = build_model(load_corpus(_settings().corpus_dir))
    if as_json:
        typer.echo(json.dumps(model_as_dict(model), ensure_ascii=False, indent=2))
    else:
        typer.echo(model_as_text(model))


@app.command()
def ask(
    question: str = typer.Argument(..., help="Your question."),
    history: list[str] | None = typer.Option(None, "--history", help="An earlier question (repeatable, oldest first)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON: text, citations, refused."),
):
    """Ask one question; the answer cites its sources."""
    from .errors import InputError
    from .inputs import history_turns

    history_turns(history or [])
    if any(not turn.strip() for turn in history or []):
        raise InputError(
            "--history was given an empty question; give each earlier question as its own "
            '--history "…" (oldest first), or leave --history out.'
        )
    coach = _open_coach()
    printer = _AnswerPrinter(as_json)
    for event in coach.stream(question, history or []):
        printer.show(event)
    if printer.final is not None and printer.final.error:
        raise typer.Exit(1)


@app.command()
def chat() -> None:
    """A conversation in the terminal (empty line or Ctrl-D to leave; 'new' starts over)."""
    coach = _open_coach()
    typer.echo(
        "Alliance Coach — ask about roles, the competency matrix, CA-AM → CSAP, the lifecycle. "
        "'new' starts a new conversation; an empty line leaves."
    )
    turns: list[str] = []
    while True:
        try:
            question = input("\nyou> ").strip()
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            return
        if not question:
            return
        if question.lower() in ("new", "/new", "reset"):
            turns = []
            typer.echo("(new conversation)")
            continue
        printer = _AnswerPrinter(False)
        for event in coach.stream(question, turns):
            printer.show(event)
        turns.append(question)


@app.command()
def mcp():
    """Serve the coach's tools (ask, search, lookup, compare_roles, development_gaps) over MCP on stdin/stdout,
    for desktop agents; the running app serves the same tools over HTTP at /gradio_api/mcp/."""
    import contextlib
    import importlib.util

    if importlib.util.find_spec("mcp") is None:
        raise CoachError("`coach mcp` needs the mcp package (the official MCP SDK): pip install 'mcp>=2,<3'")
    from .interfaces.mcp_server import run_stdio

    with contextlib.redirect_stdout(sys.stderr):  # stdout carries the protocol: nothing else may reach it
        coach = _open_coach()
    run_stdio(coach)


DEFAULT_SPLITS = ("eval/cases.yaml", "eval/frozen.yaml")
DEFAULT_COMPARE = "eval/reports/engine-v1.json"  # the answer engine before v2, on the same splits


@app.command(name="eval")
def evaluate(
    cases: list[str] = typer.Option(
        list(DEFAULT_SPLITS), "--cases", help="A cases file (YAML, see eval/README.md); repeat for several splits."
    ),
    backend: str = typer.Option("composer", "--backend", help="composer (no LLM) or llm (the COACH_LLM backend)."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON instead of a table."),
    report: str = typer.Option("eval/report", "--report", help="Folder for report.md, results.json and charts."),
    baseline: bool = typer.Option(True, "--baseline/--no-baseline", help="Also run the plain LangChain recipe."),
    thresholds: str = typer.Option("eval/thresholds.yaml", "--thresholds", help="The gate's limits."),
    compare: str | None = typer.Option(
        DEFAULT_COMPARE, "--compare", help="An earlier snapshot (or results.json) to show before / after."
    ),
    snapshot: str | None = typer.Option(None, "--snapshot", help="Write this run's compact snapshot here."),
):
    """Measure answer quality, citation groundedness and retrieval; exit 1 when under the thresholds."""
    from pathlib import Path

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .errors import InputError
    from .evaluate import check_thresholds, load_cases, load_thresholds, run
    from .evaluate.report import as_json as result_json
    from .evaluate.report import write
    from .facade import Coach

    if backend not in ("composer", "llm"):
        raise InputError(f"--backend {backend!r} is not known; use composer or llm.")
    settings = _settings()
    if backend == "llm" and not settings.llm:
        raise InputError("--backend llm needs an LLM: set COACH_LLM (e.g. openai:gpt-4o-mini), see the README.")
    if backend == "composer":
        settings = settings.with_(llm=None)
    # every file is checked before the run: minutes of evaluation are not lost to a typo in a path at the end
    for folder, option in ((report, "--report"), (snapshot and Path(snapshot).parent, "--snapshot")):
        if folder:
            _writable_folder(Path(folder), option)
    from .corpus import load_corpus
    from .evaluate.compare import before_after, load_snapshot
    from .evaluate.compare import snapshot as take_snapshot
    from .model import build_model

    model = build_model(load_corpus(settings.corpus_dir))  # checks every code the cases name
    paths = [path for path in cases if path not in DEFAULT_SPLITS or Path(path).exists()]
    loaded = [case for path in paths for case in load_cases(Path(path), model)]
    limits = load_thresholds(Path(thresholds))
    earlier = (
        load_snapshot(Path(compare)) if compare and (compare != DEFAULT_COMPARE or Path(compare).exists()) else None
    )
    coach = Coach(settings, notify=lambda m: typer.echo(m, err=True))
    console = Console(stderr=True)
    with Progress(
        TextColumn("evaluating"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    ) as bar:
        task = bar.add_task("cases", total=len(loaded))
        result = run(coach, loaded, baseline=baseline, progress=lambda done, total: bar.update(task, completed=done))
    if earlier is not None:
        result["comparison"] = before_after(result, earlier)
    if snapshot:
        Path(snapshot).parent.mkdir(parents=True, exist_ok=True)
        Path(snapshot).write_text(json.dumps(take_snapshot(result, snapshot), indent=1) + "\n", encoding="utf-8")
    failures = check_thresholds(result, limits)
    if report:
        write(result, failures, Path(report))
    if as_json:
        typer.echo(json.dumps(result_json(result, failures), indent=2, ensure_ascii=False))
    else:
        _print_results(result, report)
    if failures:
        typer.echo("gate FAILED: " + "; ".join(failures), err=True)
        raise typer.Exit(1)
    if not as_json:
        typer.echo("gate passed: every metric meets eval/thresholds.yaml")


def _writable_folder(folder, option: str) -> None:
    """Make `folder` (and its parents) and check a file can be written there; else an InputError naming the
    option, before any work is done."""
    import tempfile

    from .errors import InputError

    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise InputError(
            f"{option} {folder}: cannot write there ({exc.strerror or exc}); give a folder you can write to."
        ) from None


def _print_results(result: dict, report: str) -> None:
    """The evaluation as a table, the before / after, the baseline and every failing case."""
    from pathlib import Path

    from rich.table import Table

    from .evaluate.report import TABLE_HEADERS, comparison, table_rows

    table = Table(title=f"Alliance Coach evaluation — {result['backend']} — judge: {result['judge']}")
    for header in TABLE_HEADERS:
        table.add_column(header)
    for row in table_rows(result):
        table.add_row(*row)
    _table_console().print(table)
    if result.get("comparison"):
        typer.echo(
            f"before / after ({result['comparison']['label']}): "
            + "; ".join(
                f"{r['name']} {r['before']} → {r['after']}"
                for r in result["comparison"]["rows"]
                if r["group"] == "split"
            )
        )
    if result.get("baseline"):
        comp = comparison(result)
        typer.echo(
            f"context recall: ours {comp['ours']:.1%} vs plain LangChain recipe {comp['baseline']:.1%} "
            f"({comp['ratio']:.2f}×)"
            if comp["ratio"]
            else "context recall: —"
        )
    failing = [s for s in result["scores"] if not s.passed]
    for score in failing:
        typer.echo(f"FAIL {score.case.id}: {'; '.join(score.problems)}")
        typer.echo(f"     got: {' '.join(score.text.split())[:160]!r}")
    if report:
        typer.echo(f"report: {Path(report) / 'report.md'}")


@app.command()
def bench(
    output: str = typer.Option("eval/bench.json", "--output", "-o", help="Where to write the figures (JSON)."),
    rounds: int = typer.Option(200, min=10, help="Questions timed for search and warm-ask latency."),
    load: int = typer.Option(320, min=16, help="Answers asked through each of the app's APIs by 16 chats."),
):
    """Measure index build, cold start, search and ask latency, answers/s under concurrency, and 16
    concurrent chats through the running app's APIs (from a separate client process)."""
    from pathlib import Path

    from .bench import as_table, run

    _writable_folder(Path(output).parent, "--output")
    results = run(Path(output), rounds=rounds, log=lambda m: typer.echo(m, err=True), load=load)
    typer.echo(as_table(results))
    typer.echo(f"written to {output}")


class _AnswerPrinter:
    """Prints the final answer with its sources (streaming only the JSON-free, terminal case)."""

    def __init__(self, as_json: bool):
        self.as_json = as_json
        self.final: Answer | None = None

    def show(self, event) -> None:
        from .records import Answer

        if not isinstance(event, Answer):
            return
        self.final = event
        if self.as_json:
            typer.echo(json.dumps(event.as_dict(), ensure_ascii=False, indent=2))
            return
        if event.error:
            typer.echo(f"error: {event.error}", err=True)
        typer.echo(event.text)
        for note in event.notes:
            typer.echo(f"note: {note}")
        if event.citations:
            typer.echo("\nSources:")
            for citation in event.citations:
                flags = f" ({', '.join(citation.flags)})" if citation.flags else ""
                typer.echo(f"  [{citation.key}] {citation.title}{flags} — {citation.source}")
        if event.follow_ups:
            typer.echo("\nYou could ask next:")
            for suggestion in event.follow_ups:
                typer.echo(f"  - {suggestion}")


def _click_exceptions():
    """The click that typer runs on: recent typer vendors its own copy."""
    try:
        from typer._click import exceptions
    except ImportError:  # an older typer on the real click
        from click import exceptions
    return exceptions


def main() -> None:
    _register_groups()
    click = _click_exceptions()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        code = app(standalone_mode=False)
    except click.NoArgsIsHelpError as exc:  # `coach` alone: the help (typer's rich help has printed itself)
        if exc.format_message().strip():
            typer.echo(exc.format_message())
        code = 0
    except click.UsageError as exc:  # -k abc, a missing argument, an unknown option: one line, exit 1
        command = exc.ctx.command_path if exc.ctx else "coach"
        print(f"error: {_one_line(exc.format_message())} See `{command} --help`.", file=sys.stderr)
        code = 1
    except click.ClickException as exc:
        print(f"error: {_one_line(exc.format_message())}", file=sys.stderr)
        code = 1
    except CoachError as exc:
        print(f"error: {exc}", file=sys.stderr)
        code = 1
    except OSError as exc:  # a file or folder that cannot be read or written: one line, never a traceback
        where = f" {exc.filename}" if exc.filename else ""
        print(
            f"error: cannot use{where} ({exc.strerror or describe(exc)}); check the path and its permissions.",
            file=sys.stderr,
        )
        code = 1
    except (KeyboardInterrupt, typer.Abort):
        print("error: interrupted", file=sys.stderr)
        code = 130
    sys.exit(code or 0)


def _one_line(message: str) -> str:
    text = " ".join(message.split())
    return text if text.endswith((".", "!", "?")) else text + "."


if __name__ == "__main__":
    main()
