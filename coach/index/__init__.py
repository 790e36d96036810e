"""The index stage: passages embedded in Chroma, built on first use and rebuilt only when what they hold
changes (a content hash of every record, the embedding model and INDEX_SCHEMA)."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from langchain_core.embeddings import Embeddings

from ..errors import IndexBusyError, IndexCorruptError, IndexUnwritableError
from ..records import Passage
from ..settings import Settings
from .embeddings import document_embeddings, export_onnx, model_fingerprint, onnx_file, query_embeddings
from .records import build_passages
from .store import PREFIX, ChromaStore, Progress, embedded_store, metadata, move_aside, server_store

log = logging.getLogger(__name__)

# Bump when the shape of records or metadata changes, so that existing indexes are rebuilt.
INDEX_SCHEMA = 4
LOCK_TIMEOUT = 600
Notify = Callable[[str], None]


def index_digest(passages: list[Passage]) -> str:
    digest = hashlib.sha256(f"schema={INDEX_SCHEMA};model={model_fingerprint()}".encode())
    for passage in passages:
        record = [passage.id, passage.search_text, metadata(passage)]
        digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


@dataclass
class Index:
    passages: list[Passage]
    store: ChromaStore
    encoder: Embeddings
    digest: str
    built: bool = False  # True when this open had to embed the records
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.by_id = {p.id: p for p in self.passages}

    @property
    def collection_name(self) -> str:
        return PREFIX + self.digest[:16]

    def embed(self, text: str) -> list[float]:
        return self.encoder.embed_query(text)

    def dense(self, vector: list[float], k: int, where: dict | None = None) -> list[tuple[Passage, float]]:
        try:
            found = self.store.search(vector, k, where)
        except Exception as exc:  # noqa: BLE001 - a damaged segment or a stopped server surfaces here
            raise IndexCorruptError(" ".join(str(exc).split()) or type(exc).__name__) from None
        return [(self.by_id[pid], score) for pid, score in found if pid in self.by_id]


@contextmanager
def build_lock(settings: Settings, notify: Notify | None = None):
    """One builder at a time across processes (Chroma's embedded store is not process-safe)."""
    from filelock import FileLock, Timeout

    try:
        settings.home.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(settings.lock_path), timeout=LOCK_TIMEOUT)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if notify:
                notify(f"another process is building the index; waiting for it (up to {LOCK_TIMEOUT} s)")
            lock.acquire()
    except Timeout:
        raise IndexBusyError(
            f"another process has been building the index for over {LOCK_TIMEOUT} s (lock {settings.lock_path}); "
            "wait for it to finish, or remove the lock file if that process is gone."
        ) from None
    except OSError as exc:
        if settings.chroma_url:  # nothing local is written in server mode but the lock: go on without it
            yield
            return
        raise IndexUnwritableError(
            f"cannot write the index to {settings.home} ({exc.strerror or exc}); set COACH_HOME to a writable folder."
        ) from None
    try:
        yield
    finally:
        lock.release()


def open_store(settings: Settings, notify: Notify) -> ChromaStore:
    """The configured store. Embedded callers hold the build lock: a damaged folder is moved aside here."""
    if settings.chroma_url:
        return server_store(settings.chroma_url)
    try:
        return embedded_store(settings.chroma_dir)
    except IndexCorruptError as exc:
        moved = move_aside(settings.chroma_dir)
        notify(f"{exc} It was moved to {moved} and a new index is being built.")
        return embedded_store(settings.chroma_dir)


def open_index(settings: Settings, passages: list[Passage], *, rebuild: bool = False,
               progress: Progress | None = None, notify: Notify | None = None) -> Index:
    """Open the index for these passages, building it when it is missing, stale, incomplete or `rebuild`.

    The whole open runs under the build lock, not only the build: a second process that opened the
    embedded store while the first was still creating it could see a half-made database (sqlite then
    reports it read-only or damaged) and move a good index aside. Opening a finished index takes a
    fraction of a second, so readers barely wait; while a build runs they wait for it and then reuse it."""
    notes: list[str] = []

    def note(message: str) -> None:
        notes.append(message)
        if notify:
            notify(message)

    digest = index_digest(passages)
    name = PREFIX + digest[:16]
    built = False
    with build_lock(settings, notify):
        store = open_store(settings, note)
        if rebuild or not store.find_complete(name, len(passages)):
            note(f"embedding {len(passages)} records into the {store.description}")
            embeddings = document_embeddings()
            store.build(name, passages, embeddings, progress)
            built = True
            _export_query_model(settings, embeddings)  # the model is loaded now: the cheapest moment
            for old in store.drop_others(name):
                log.info("dropped stale collection %s", old)
    return Index(passages, store, query_embeddings(settings.models_dir), digest, built, notes)


def _export_query_model(settings: Settings, embeddings: Embeddings) -> None:
    try:
        export_onnx(onnx_file(settings.models_dir), embeddings)
    except Exception as exc:  # noqa: BLE001 - questions fall back to sentence-transformers
        log.warning("could not export the query encoder (%s)", exc)


__all__ = ["Index", "open_index", "build_passages", "index_digest", "INDEX_SCHEMA", "build_lock"]
