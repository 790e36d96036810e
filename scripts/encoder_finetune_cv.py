"""Would an encoder fine-tuned on the library read questions better than all-MiniLM-L6-v2 as it ships?

    .venv/bin/python scripts/encoder_finetune_cv.py [--epochs 1] [--lr 2e-5] [--folds 4] [--out-pairs]
    .venv/bin/python scripts/encoder_finetune_cv.py --eval DIR [--epochs 1] [--lr 2e-5] [--out-pairs] [--thresholds F]

An experiment, not part of the product (issue 19 asked to take a fine-tuned encoder only if it measurably lifts
the unseen splits). The encoder is fine-tuned as sentence-transformers' MultipleNegativesRankingLoss does
(in-batch negatives, scale 20; a plain torch loop, so neither `datasets` nor `accelerate` is needed): each
answerable library question is paired with the statement of the first item it names, or its first area's
name; with --out-pairs, each out-of-scope request also with another writer's out-of-scope request.

Cross-validation (the default): folds leave a quarter of the writers out (every fourth writer, sorted; one
fine-tuning per fold, about 70 s an epoch on two cores), and the router (coach/router, its settings as in
coach/tuning.py) is trained on the other writers' questions twice, once with the shipped encoder's vectors and
once with the fold's fine-tuned encoder's, and scored on the held-out writers' questions at the heads'
most likely reading (coach/router/crossval.py's figures). From the same out-of-fold readings it re-derives the
router's thresholds for each encoder as eval/calibrate_router.py does (coach/router/calibrate.py: out of scope
for standalone questions and follow-ups, not covered, follow-up, second area) and writes the fine-tuned
encoder's to --thresholds-out, a JSON file that --eval --thresholds reads.

--eval DIR fine-tunes on the whole library and runs `coach eval` on every split with the router reading
questions through that encoder (the evidence keeps the shipped one) and the thresholds of coach/tuning.py as
they are (calibrated for the shipped encoder), or with --thresholds those the cross-validation re-derived for
the fine-tuned one: a measurement, never a way to choose a setting.
Reads torch and sentence-transformers, which the index needs anyway.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

from coach.corpus import load_corpus  # noqa: E402
from coach.index.embeddings import model_path  # noqa: E402
from coach.library import Example, Scope, load_library, matrix_codes  # noqa: E402
from coach.model import CompetencyModel, build_model  # noqa: E402
from coach.router import area_closeness, item_texts, router_settings  # noqa: E402
from coach.router.calibrate import (  # noqa: E402
    MAX_FALSE_NOT_COVERED,
    MAX_FALSE_REFUSALS,
    followup_threshold,
    scope_threshold,
    second_area_share,
)
from coach.router.crossval import Figures, score  # noqa: E402
from coach.router.model import AreaCloseness, Router, Routing  # noqa: E402
from coach.settings import Settings  # noqa: E402

BATCH = 32
SCALE = 20.0  # MultipleNegativesRankingLoss's default


def training_pairs(
    examples: list[Example], model: CompetencyModel, out_pairs: bool, seed: int
) -> list[tuple[str, str]]:
    statement = {item.code: item.statement for area in model.areas for item in area.items}
    name = {area.code: area.name for area in model.areas}
    pairs = [
        (e.text, statement[e.items[0]] if e.items else name[e.areas[0]])
        for e in examples
        if e.scope is Scope.IN and e.areas
    ]
    if out_pairs:
        rng = random.Random(seed)
        out = [e for e in examples if e.scope is Scope.OUT]
        for e in out:
            others = [o for o in out if o.writer != e.writer]
            pairs.append((e.text, rng.choice(others).text))
    return pairs


def finetune(pairs: list[tuple[str, str]], epochs: float, lr: float, seed: int) -> Any:
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(os.cpu_count() or 1)
    random.seed(seed)
    torch.manual_seed(seed)
    encoder = SentenceTransformer(str(model_path()), device="cpu")
    encoder.train()
    optimizer = torch.optim.AdamW(encoder.parameters(), lr=lr)
    steps = int(len(pairs) / BATCH * epochs)
    order: list[int] = []
    while len(order) < steps * BATCH:
        shuffled = list(range(len(pairs)))
        random.shuffle(shuffled)
        order += shuffled
    started = time.perf_counter()
    for step in range(steps):
        batch = [pairs[i] for i in order[step * BATCH : (step + 1) * BATCH]]
        anchors = [a for a, _ in batch]
        positives = [p for _, p in batch]
        a = torch.nn.functional.normalize(encoder(encoder.tokenize(anchors))["sentence_embedding"], dim=-1)
        p = torch.nn.functional.normalize(encoder(encoder.tokenize(positives))["sentence_embedding"], dim=-1)
        # two questions naming the same item share a positive: neither is the other's negative
        same = torch.tensor([[x == y for x in positives] for y in positives]) & ~torch.eye(len(batch), dtype=torch.bool)
        logits = (a @ p.T * SCALE).masked_fill(same, -1e4)
        loss = torch.nn.functional.cross_entropy(logits, torch.arange(len(batch)))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 50 == 0 or step == steps - 1:
            print(
                f"  step {step + 1}/{steps}  loss {loss.item():.3f}  {time.perf_counter() - started:.0f} s", flush=True
            )
    encoder.eval()
    return encoder


def embed(encoder: Any, texts: list[str]) -> np.ndarray:
    return np.asarray(encoder.encode(texts, batch_size=64, normalize_embeddings=True), dtype=np.float32)


class Encoding:
    """A sentence-transformers model as the coach's encoders (coach/vectors.py's Encoder and QueryEncoder)."""

    def __init__(self, model: Any):
        self.model = model

    def embed_query(self, text: str) -> list[float]:
        return list(embed(self.model, [text])[0].tolist())

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return list(embed(self.model, texts).tolist())


def closeness(encoder: Any, model: CompetencyModel) -> AreaCloseness:
    return area_closeness(item_texts(model), Encoding(encoder), None, "")  # not cached: the encoder is this run's


def cross_validate(args: argparse.Namespace, model: CompetencyModel, examples: list[Example]) -> None:
    from sentence_transformers import SentenceTransformer

    texts = [e.text for e in examples]
    writers = sorted({e.writer for e in examples})
    fold_of = {writer: n % args.folds for n, writer in enumerate(writers)}
    shipped = SentenceTransformer(str(model_path()), device="cpu")
    base_vectors, base_closeness = embed(shipped, texts), closeness(shipped, model)
    settings = router_settings()
    figures = {"shipped": Figures(), "fine-tuned": Figures()}
    readings: dict[str, list[Routing | None]] = {name: [None] * len(examples) for name in figures}
    for fold in range(args.folds):
        train = [n for n, e in enumerate(examples) if fold_of[e.writer] != fold]
        test = [n for n, e in enumerate(examples) if fold_of[e.writer] == fold]
        print(f"fold {fold + 1}/{args.folds}: {len(test)} questions held out", flush=True)
        tuned = finetune(
            training_pairs([examples[n] for n in train], model, args.out_pairs, fold), args.epochs, args.lr, fold
        )
        for name, vectors, near in (
            ("shipped", base_vectors, base_closeness),
            ("fine-tuned", embed(tuned, texts), closeness(tuned, model)),
        ):
            router = Router(settings, near).fit([examples[n] for n in train], vectors[train])
            for n, routing in zip(test, router.predict([texts[n] for n in test], vectors[test]), strict=True):
                score(examples[n], routing, figures[name])
                readings[name][n] = routing
    before, after = figures["shipped"].as_dict(), figures["fine-tuned"].as_dict()
    print(
        f"\n{len(examples)} questions, {len(writers)} writers in {args.folds} folds; epochs {args.epochs}, "
        f"lr {args.lr}, out-of-scope pairs {'on' if args.out_pairs else 'off'}"
    )
    print(f"{'figure':45s} {'shipped':>8s} {'fine-tuned':>10s}")
    for name, value in before.items():
        if not name.startswith("operation "):
            print(f"{name:45s} {value * 100:7.1f}% {after[name] * 100:9.1f}%")
    assert all(r is not None for found in readings.values() for r in found)  # every writer is held out once
    derived = {name: thresholds(examples, [r for r in found if r is not None]) for name, found in readings.items()}
    print("\nthresholds re-derived from the out-of-fold readings (value; share caught; answerable caught)")
    for field, shipped in derived["shipped"].items():
        print(f"{field:25s} {describe(shipped):>28s} {describe(derived['fine-tuned'][field]):>28s}")
    if args.thresholds_out:
        values = {
            field: found if isinstance(found, float) else found.value for field, found in derived["fine-tuned"].items()
        }
        Path(args.thresholds_out).write_text(json.dumps(values, indent=2) + "\n")
        print(f"written to {args.thresholds_out}")


def thresholds(examples: list[Example], routings: list[Routing]) -> dict[str, Any]:
    """As eval/calibrate_router.py: the values of coach/tuning.py that the router's readings decide."""
    return {
        "out_of_scope": scope_threshold(examples, routings, Scope.OUT, MAX_FALSE_REFUSALS)[0],
        "out_of_scope_followup": scope_threshold(examples, routings, Scope.OUT, MAX_FALSE_REFUSALS, False)[0],
        "not_covered": scope_threshold(examples, routings, Scope.NOT_COVERED, MAX_FALSE_NOT_COVERED)[0],
        "followup": followup_threshold(examples, routings)[0],
        "second_area": second_area_share(examples, routings)[0],
    }


def describe(found: Any) -> str:
    if isinstance(found, float):
        return f"{found:.2f}"
    return f"{found.value:.2f}; {found.caught * 100:.1f}%; {found.wrong}/{found.answerable}"


def evaluate(args: argparse.Namespace, model: CompetencyModel, examples: list[Example]) -> None:
    import coach.engine as engine_module

    if args.thresholds:
        from coach.tuning import TUNING

        chosen = json.loads(Path(args.thresholds).read_text())
        for field, value in chosen.items():
            object.__setattr__(TUNING, field, value)  # the one settings object every stage reads
        print("thresholds:", chosen)
    tuned = finetune(training_pairs(examples, model, args.out_pairs, 0), args.epochs, args.lr, 0)

    shipped_build = engine_module.build_router
    tag = f"-tuned-e{args.epochs}-lr{args.lr}-out{int(args.out_pairs)}"

    def build_router(library_dir: Path, model: CompetencyModel, *rest: Any, **named: Any) -> Any:
        # (library, model, encoder, batch encoder, cache, fingerprint …): the router reads through the tuned one
        cache_dir, fingerprint = rest[2], rest[3]
        return shipped_build(
            library_dir, model, Encoding(tuned), Encoding(tuned), cache_dir, fingerprint + tag, *rest[4:], **named
        )

    def vector_of(self: Any, text: str) -> list[float]:
        return list(self.retriever.index.encoder.embed_query(text))  # the evidence keeps the shipped encoder

    engine_module.build_router = build_router
    engine_module.Engine.vector_of = vector_of
    from coach.cli import main

    splits = ["cases", "frozen", "unseen", "blind", "blind2", "blind3", "holdout", "probes"]
    sys.argv = ["coach", "eval", "--no-baseline", "--report", args.eval]
    sys.argv += [arg for split in splits for arg in ("--cases", str(ROOT / "eval" / f"{split}.yaml"))]
    main()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--out-pairs", action="store_true", help="pair out-of-scope requests with each other too")
    parser.add_argument("--eval", metavar="DIR", help="fine-tune on the whole library and run coach eval into DIR")
    parser.add_argument("--thresholds-out", metavar="FILE", help="write the fine-tuned encoder's thresholds (JSON)")
    parser.add_argument("--thresholds", metavar="FILE", help="with --eval: the thresholds to use instead")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    settings = Settings.from_env()
    model = build_model(load_corpus(settings.corpus_dir))
    examples = list(load_library(settings.library_dir, matrix_codes(model)).examples)
    if args.eval:
        evaluate(args, model, examples)
    else:
        cross_validate(args, model, examples)


if __name__ == "__main__":
    main()
