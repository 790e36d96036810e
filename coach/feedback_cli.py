"""`coach feedback`: what users said of the answers (a summary), and `coach feedback export` (the records, or
with --examples the corrected questions in the example library's format, for a maintainer to review)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

app = typer.Typer(
    add_completion=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    help="What users said of the answers: a summary, or (export) the records and corrected examples.",
)


def _store():
    from .feedback import FeedbackStore
    from .settings import Settings

    settings = Settings.from_env()
    return FeedbackStore(settings.feedback_dir), settings


def _model(settings):
    from .corpus import load_corpus
    from .model import build_model

    return build_model(load_corpus(settings.corpus_dir))


@app.callback()
def summary(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    top: int = typer.Option(10, "--top", min=1, max=1000, help="How many of the worst-rated questions to list."),
):
    """Counts by rating, the answer's status, area and day, and the worst-rated questions."""
    if ctx.invoked_subcommand is not None:
        return
    from .feedback_report import summarize

    store, settings = _store()
    lines, skipped = store.lines()
    result = summarize(lines, top)
    result["skipped_lines"] = skipped
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    if not lines:
        typer.echo(f"No feedback yet in {store.folder} (users give it under each answer; see the README).")
        return
    names = {str(area.code): area.name for area in _model(settings).areas}
    _print_summary(result, names, f"{store.folder} ({len(store.files())} file(s))")


def _print_summary(result: dict, names: dict[str, str], where: str) -> None:
    from rich.table import Table

    from .cli import _table_console

    console = _table_console()
    typer.echo(
        f"Feedback in {where}: {result['records']} answers rated, {result['up']} up, {result['down']} down; "
        f"{result['with_note']} with a note, {result['with_areas']} naming the area(s) the answer should have used."
    )
    if result["skipped_lines"]:
        typer.echo(f"({result['skipped_lines']} line(s) could not be read and were skipped.)")
    for title, rows, first in (
        ("By the answer's status", result["by_status"], "status"),
        ("By area (cited by the answer; 'should have used': named by a thumbs-down)", result["by_area"], "area"),
        ("By day (UTC)", result["by_day"], "day"),
    ):
        extra = first == "area"
        table = Table(title=title, title_justify="left")
        for column in (first, "up", "down", *(["should have used"] if extra else [])):
            table.add_column(column, justify="left" if column == first else "right")
        for name, counts in rows.items():
            label = f"{name} {names.get(name, '')}".strip() if extra else name
            cells = [str(counts.get(k, 0)) for k in ("up", "down", *(["should have used"] if extra else []))]
            table.add_row(label, *cells)
        console.print(table)
    table = Table(title="Worst-rated questions", title_justify="left", show_lines=True)
    for column in ("down", "up", "status", "question", "what users said", "should have used"):
        table.add_column(column, overflow="fold")
    for row in result["worst"]:
        notes = "; ".join(f"“{note}”" for note in row["notes"][-3:])
        table.add_row(str(row["down"]), str(row["up"]), row["status"], row["question"], notes, ", ".join(row["areas"]))
    console.print(table)


@app.command()
def export(
    examples: bool = typer.Option(
        False, "--examples", help="Write the corrected thumbs-down questions in the example library's YAML format."
    ),
    output: str | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
):
    """The records as they stand (JSON lines), or with --examples the questions whose users named the area(s)
    the answer should have used, as library examples (library/README.md) for a maintainer to review."""
    from .feedback import latest
    from .feedback_report import examples_yaml

    store, settings = _store()
    lines, skipped = store.lines()
    if examples:
        text, count = examples_yaml(lines, _model(settings))
        what = f"{count} example(s) from thumbs-down answers with a corrected area"
    else:
        records = latest(lines)
        text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
        what = f"{len(records)} record(s)"
    if skipped:
        typer.echo(f"note: {skipped} line(s) of {store.folder} could not be read and were skipped.", err=True)
    if output is None:
        typer.echo(text, nl=False)
        return
    _write(Path(output), text)
    typer.echo(
        f"wrote {what} to {output}" + ("; review them before adding them to library/examples/." if examples else "")
    )


def _write(path: Path, text: str) -> None:
    from .errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path} ({exc.strerror or exc}); choose another --output.") from None
