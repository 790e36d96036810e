"""`coach library …`: check the example library and cross-validate the router trained from it."""

from __future__ import annotations

import typer

library_app = typer.Typer(
    help="The example library the router is trained from (library/README.md).", no_args_is_help=True
)

MINIMUM_PER_AREA = 30
MINIMUM_PER_OPERATION = 20


@library_app.command()
def check():
    """Validate every library file (fields, codes, repeats) and print counts per scope, operation and area."""
    from .cli import _settings
    from .corpus import load_corpus
    from .library import load_library, matrix_codes
    from .model import build_model

    settings = _settings()
    model = build_model(load_corpus(settings.corpus_dir))
    library = load_library(settings.library_dir, matrix_codes(model))
    counts = library.counts()
    typer.echo(f"{len(library.examples)} examples in {settings.library_dir} ({library.repeats} repeats kept once)")
    for name in ("writer", "scope", "operation", "follow-up"):
        typer.echo(f"{name}: " + ", ".join(f"{key} {value}" for key, value in sorted(counts[name].items())))
    areas = {str(area.code): counts["area"].get(str(area.code), 0) for area in model.areas}
    typer.echo("first area: " + ", ".join(f"{code} {n}" for code, n in areas.items()))
    labelled = sum(1 for e in library.examples if e.items)
    unlabelled = [str(item.code) for item in model.items if counts["item"][str(item.code)] == 0]
    typer.echo(
        f"item labels: {labelled} questions name the competencies that answer them; "
        + (
            f"items never named: {', '.join(unlabelled)}"
            if unlabelled
            else f"every one of the {len(model.items)} items named"
        )
    )
    _check_quotes(library, model, settings)
    thin = [code for code, n in areas.items() if n < MINIMUM_PER_AREA]
    few = [op for op, n in counts["operation"].items() if n < MINIMUM_PER_OPERATION]
    if thin or few:
        typer.echo(
            f"under the library's minimums ({MINIMUM_PER_AREA} per area, {MINIMUM_PER_OPERATION} per operation): "
            + ", ".join(thin + few)
        )
    else:
        typer.echo("every area and operation meets the library's minimums")


def _check_quotes(library, model, settings) -> None:
    """Every `quotes:` sentence must be a sentence of an article, word for word: it is found by its text."""
    from .corpus import load_corpus
    from .errors import InputError
    from .index.records import build_passages
    from .records import RecordKind
    from .sentences import SentenceIndex

    prose = [p for p in build_passages(model, load_corpus(settings.corpus_dir)) if p.kind == RecordKind.PASSAGE]
    known = {sentence for passage, sentence, _, _ in SentenceIndex(prose).rows if passage.document != model.guide.id}
    unknown = [(e.source, quote) for e in library.examples for quote in e.quotes if quote not in known]
    if unknown:
        source, quote = unknown[0]
        raise InputError(
            f"library example {source}: {quote[:70]!r} is not a sentence of an article, word for word "
            f"({len(unknown)} such quotes; copy each from corpus/, see library/README.md)"
        )
    quoting = sum(1 for e in library.examples if e.quotes)
    typer.echo(f"quotes: {quoting} questions quote the article sentences a coach would show them")


@library_app.command()
def cv():
    """Cross-validate the router (folds leave one writer out) with the settings in use: about a minute."""
    from .cli import _settings
    from .router import router_settings
    from .router.calibrate import figures, load_material, out_of_fold

    material = load_material(
        _settings(),
        lambda n: typer.echo(f"cross-validating on {n} examples, leaving one writer out at a time…", err=True),
    )
    examples = material.examples
    found = figures(examples, out_of_fold(examples, material.vectors, material.closeness, router_settings()))
    counts = found.counts()
    for name, value in found.as_dict().items():
        typer.echo(f"{name:45s} {value:6.1%}  (of {counts[name]})")
