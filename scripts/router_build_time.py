"""How long the router takes to build: cold (nothing cached: the library's questions embedded, then trained),
trained only (the questions' vectors cached), and warm (loaded from the cache).

    .venv/bin/python scripts/router_build_time.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.corpus import load_corpus
from coach.index.embeddings import document_embeddings, model_fingerprint, query_embeddings
from coach.model import build_model
from coach.router import build_router
from coach.settings import Settings


def main() -> None:
    settings = Settings.from_env()
    model = build_model(load_corpus(settings.corpus_dir))
    documents, questions = document_embeddings(settings), query_embeddings(settings)
    cache = Path(tempfile.mkdtemp(prefix="router-cache-"))
    try:
        timings = {}
        for name, prepare in (
            ("cold (embed the library, train)", lambda: None),
            ("warm (load from the cache)", lambda: None),
            ("trained, the questions' vectors cached", lambda: shutil.rmtree(cache / "router")),
        ):
            prepare()
            started = time.perf_counter()
            build_router(settings.library_dir, model, questions, documents, cache, model_fingerprint())
            timings[name] = time.perf_counter() - started
        for name, seconds in timings.items():
            print(f"{name:45s} {seconds:6.1f} s")
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
