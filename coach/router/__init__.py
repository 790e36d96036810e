"""The router: what a question is about, what it asks for and whether the coach should answer it, learned
from the example library (library/examples) rather than written as rules.

The corpus says what each competency *is*; it never says how people describe their situations ("my partner
went quiet") or what lies outside the coach's remit ("write a poem for our partner"). The library does, and
the router is trained from it: reproducibly (seeded), in seconds, and cached by a hash of the library, the
matrix, the encoder and the router's settings, so a warm start only loads it (COACH_MODEL_CACHE/router).

    routing = router.route("our partner's sponsor went quiet", vector)
    routing.best_scope, routing.operation, routing.top_areas(3), routing.followup
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import time
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..codes import Code
from ..library import Library, load_library, matrix_codes
from ..model import CompetencyModel
from ..vectors import Encoder, QueryEncoder, TextVectors
from .model import AreaCloseness, Router, RouterSettings, Routing

if TYPE_CHECKING:  # the index package loads LangChain; the router does not need it at run time
    from ..index.store import Notify

__all__ = ["RouterService", "RouterSettings", "Routing", "build_router", "item_texts", "router_settings"]
log = logging.getLogger(__name__)
ROUTER_VERSION = 2  # bump when the features or heads change shape
CACHED_QUESTIONS = 2048


def router_settings() -> RouterSettings:
    from ..tuning import TUNING

    return TUNING.router


def item_texts(model: CompetencyModel) -> list[tuple[Code, str]]:
    """(area code, text) of every matrix item: what an area's closeness is measured against."""
    return [(area.code, item.statement) for area in model.areas for item in area.items]


class RouterService:
    """The trained router with the encoder that reads questions, and a memory of recent questions (a turn of
    the history is routed again at every later question of the conversation)."""

    def __init__(self, router: Router, encoder: QueryEncoder, library: Library):
        self.router = router
        self.encoder = encoder
        self.library = library
        self._recent: OrderedDict[str, tuple[np.ndarray, Routing]] = OrderedDict()

    def read(self, text: str) -> tuple[np.ndarray, Routing]:
        """The question's vector and its routing."""
        found = self._recent.get(text)
        if found is not None:
            self._recent.move_to_end(text)
            return found
        vector = np.asarray(self.encoder.embed_query(text), dtype=np.float32)
        routing = self.router.predict([text], vector[None, :])[0]
        self._recent[text] = (vector, routing)
        while len(self._recent) > CACHED_QUESTIONS:
            self._recent.popitem(last=False)
        return vector, routing

    def route(self, text: str) -> Routing:
        return self.read(text)[1]


def build_router(
    library_dir: Path,
    model: CompetencyModel,
    encoder: QueryEncoder,
    batch_encoder: Encoder,
    cache_dir: Path | None,
    fingerprint: str,
    settings: RouterSettings | None = None,
    notify: Notify | None = None,
) -> RouterService:
    """The router for this library, matrix and encoder: loaded from the cache, else trained (and cached)."""
    settings = settings or router_settings()
    library = load_library(library_dir, matrix_codes(model))
    items = item_texts(model)
    key = _cache_key(library, items, fingerprint, settings)
    path = cache_dir / "router" / f"router-{key}.pkl" if cache_dir else None
    router = _load(path)
    if router is None:
        started = time.perf_counter()
        if notify:
            notify(f"training the router on {len(library.examples)} library examples (once per library)")
        router = train(library, items, batch_encoder, cache_dir, fingerprint, settings)
        _save(path, router)
        log.info("router trained in %.1f s", time.perf_counter() - started)
    return RouterService(router, encoder, library)


def train(
    library: Library,
    items: list[tuple[Code, str]],
    encoder: Encoder,
    cache_dir: Path | None,
    fingerprint: str,
    settings: RouterSettings,
) -> Router:
    examples = list(library.examples)
    vectors = TextVectors("library", [e.text for e in examples], encoder, cache_dir, fingerprint).matrix
    closeness = area_closeness(items, encoder, cache_dir, fingerprint)
    assert vectors is not None  # TextVectors always computes what it cannot load
    return Router(settings, closeness).fit(examples, vectors)


def area_closeness(
    items: list[tuple[Code, str]], encoder: Encoder, cache_dir: Path | None, fingerprint: str
) -> AreaCloseness:
    vectors = TextVectors("items", [text for _, text in items], encoder, cache_dir, fingerprint).matrix
    assert vectors is not None  # TextVectors always computes what it cannot load
    areas = list(dict.fromkeys(code for code, _ in items))
    return AreaCloseness(areas, [code for code, _ in items], vectors)


def _cache_key(library: Library, items: list[tuple[Code, str]], fingerprint: str, settings: RouterSettings) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256()
    source = [path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py"))]  # its own code
    for part in (
        ROUTER_VERSION,
        version("scikit-learn"),  # the version that chose the weights (not imported: answering never needs it)
        fingerprint,
        library.digest,
        repr(settings),
        repr(items),
        *source,
    ):
        digest.update(str(part).encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def _load(path: Path | None) -> Router | None:
    if path is None or not path.is_file():
        return None
    try:
        with open(path, "rb") as handle:
            router = pickle.load(handle)  # our own cache file, written by _save below
    except Exception as exc:  # a damaged or foreign file is retrained, never trusted
        log.warning("the cached router %s cannot be read (%s); training it again", path.name, exc)
        return None
    return router if isinstance(router, Router) else None


def _save(path: Path | None, router: Router) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump(router, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError as exc:  # a read-only cache still answers; it only trains again next time
        log.warning("could not keep the router at %s (%s)", path, exc)
