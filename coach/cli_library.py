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
    from .library import load_library
    from .model import build_model

    settings = _settings()
    model = build_model(load_corpus(settings.corpus_dir))
    library = load_library(settings.library_dir, {area.code for area in model.areas})
    counts = library.counts()
    typer.echo(f"{len(library.examples)} examples in {settings.library_dir} ({library.repeats} repeats kept once)")
    for name in ("writer", "scope", "operation", "follow-up"):
        typer.echo(f"{name}: " + ", ".join(f"{key} {value}" for key, value in sorted(counts[name].items())))
    areas = {str(area.code): counts["area"].get(str(area.code), 0) for area in model.areas}
    typer.echo("first area: " + ", ".join(f"{code} {n}" for code, n in areas.items()))
    thin = [code for code, n in areas.items() if n < MINIMUM_PER_AREA]
    few = [op for op, n in counts["operation"].items() if n < MINIMUM_PER_OPERATION]
    if thin or few:
        typer.echo(
            f"under the library's minimums ({MINIMUM_PER_AREA} per area, {MINIMUM_PER_OPERATION} per operation): "
            + ", ".join(thin + few)
        )
    else:
        typer.echo("every area and operation meets the library's minimums")


@library_app.command()
def cv():
    """Cross-validate the router (folds leave one writer out) with the settings in use: about a minute."""
    from .cli import _settings
    from .corpus import load_corpus
    from .index.embeddings import document_embeddings, model_fingerprint
    from .library import load_library
    from .model import build_model
    from .router import area_closeness, item_texts, router_settings
    from .router.calibrate import figures, out_of_fold
    from .vectors import TextVectors

    settings = _settings()
    model = build_model(load_corpus(settings.corpus_dir))
    library = load_library(settings.library_dir, {area.code for area in model.areas})
    examples = list(library.examples)
    encoder = document_embeddings(settings)
    typer.echo(f"cross-validating on {len(examples)} examples, leaving one writer out at a time…", err=True)
    vectors = TextVectors("library", [e.text for e in examples], encoder, settings.vectors_dir, model_fingerprint())
    closeness = area_closeness(item_texts(model), encoder, settings.vectors_dir, model_fingerprint())
    found = figures(examples, out_of_fold(examples, vectors.matrix, closeness, router_settings()))
    counts = found.counts()
    for name, value in found.as_dict().items():
        typer.echo(f"{name:45s} {value:6.1%}  (of {counts[name]})")
