"""The index stage: passages embedded in Chroma, built on first use and rebuilt only when what they hold
changes (a content hash of every record, the embedding model and INDEX_SCHEMA)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from contextlib import contextmanager
from dataclasses import dataclass, field

from langchain_core.embeddings import Embeddings

from ..errors import IndexBusyError, IndexCorruptError, IndexUnwritableError
from ..records import Passage
from ..settings import Settings
from ..vectors import LazyEncoder, RememberingEncoder
from .embeddings import document_embeddings, model_fingerprint, query_embeddings
from .records import build_passages
from .store import PREFIX, ChromaStore, EmbeddedIndexes, Notify, Progress, ServerIndexes, metadata

log = logging.getLogger(__name__)

# Bump when the shape of records or metadata changes, so that existing indexes are rebuilt.
INDEX_SCHEMA = 5  # 5: documents embedded by the ONNX export, one build per folder or collection
LOCK_TIMEOUT = 600


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
    waited: bool = False  # True when it waited for another process (building this index) before opening
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.by_id = {p.id: p for p in self.passages}

    @property
    def collection_name(self) -> str:
        """The published build this index reads (`coach-<hash>-<stamp>`)."""
        return self.store.name

    def embed(self, text: str) -> list[float]:
        return self.encoder.embed_query(text)

    def dense(self, vector: list[float], k: int, where: dict | None = None) -> list[tuple[Passage, float]]:
        found = _read(lambda: self.store.search(vector, k, where))
        return [(self.by_id[pid], score) for pid, score in found if pid in self.by_id]

    def count(self) -> int:
        """The records the published build holds (a health check's read of the store)."""
        return _read(self.store.count)


def _read(work):
    """A read of the store; any failure of Chroma's (a server gone, a damaged folder) as an IndexCorruptError."""
    try:
        return work()
    except Exception as exc:
        raise IndexCorruptError(" ".join(str(exc).split()) or type(exc).__name__) from None


@contextmanager
def build_lock(settings: Settings, notify: Notify | None = None):
    """One builder at a time across the processes of this home (Chroma's embedded store is not
    process-safe); yields whether it had to wait for another process. A lock file that cannot be made at all
    (a read-only home, a folder such as /proc/1) is an error at once: FileLock would take it for a lock
    another process holds, and wait for it."""
    from filelock import FileLock, Timeout

    try:
        settings.home.mkdir(parents=True, exist_ok=True)
        os.close(os.open(settings.lock_path, os.O_RDWR | os.O_CREAT, 0o644))
        lock = FileLock(str(settings.lock_path), timeout=LOCK_TIMEOUT)
        waited = False
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if notify:
                notify(f"another process is building the index; waiting for it (up to {LOCK_TIMEOUT} s)")
            lock.acquire()
            waited = True
    except Timeout:
        raise IndexBusyError(
            f"another process has been building the index for over {LOCK_TIMEOUT} s (lock {settings.lock_path}); "
            "wait for it to finish, or remove the lock file if that process is gone."
        ) from None
    except OSError as exc:
        if settings.chroma_url:  # nothing local is written in server mode but the lock: go on without it
            yield False
            return
        raise IndexUnwritableError(
            f"cannot write the index to {settings.home} ({exc.strerror or exc}); set COACH_HOME to a writable folder."
        ) from None
    try:
        yield waited
    finally:
        lock.release()


def open_indexes(settings: Settings, notify: Notify) -> EmbeddedIndexes | ServerIndexes:
    """The configured place for indexes: a Chroma server, or the home's folder of embedded builds."""
    if settings.chroma_url:
        return ServerIndexes(settings.chroma_url, notify)
    return EmbeddedIndexes(settings.indexes_dir, notify)


def open_index(
    settings: Settings,
    passages: list[Passage],
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    notify: Notify | None = None,
) -> Index:
    """Open the index for these passages, building it when it is missing, incomplete, damaged or `rebuild`.

    The whole open runs under the home's build lock, not only the build: a second process that opened an
    embedded store while the first was still creating it could see a half-made database. Opening a finished
    index takes a fraction of a second, so readers barely wait; while a build runs they wait for it and then
    reuse it. A build is published only once complete and verified (see store.py), so readers of a shared
    home or server keep the previous build until then, and a killed build leaves nothing that is read."""
    notes: list[str] = []

    def note(message: str) -> None:
        notes.append(message)
        if notify:
            notify(message)

    digest = index_digest(passages)
    base = PREFIX + digest[:16]
    built = False
    with build_lock(settings, note) as lock_waited:
        waited = lock_waited
        indexes = open_indexes(settings, note)
        removed = indexes.clean(base)
        if removed:
            note(f"removed {len(removed)} leftover folder(s) of interrupted or replaced builds: {', '.join(removed)}")
        store = None if rebuild else indexes.find(base, len(passages))
        if store is None:
            with indexes.lease(base) as lease:
                waited = waited or lease.waited
                store = None if rebuild and not lease.waited else indexes.find(base, len(passages))
                if store is None:
                    note(f"embedding {len(passages)} records into the {indexes.description}")
                    encoder = _record_encoder(settings)
                    store = indexes.build(base, passages, encoder, _alive(progress, lease))
                    encoder.keep()
                    if encoder.embedded < len(passages):
                        note(f"{len(passages) - encoder.embedded} of them kept the vectors of an earlier build")
                    built = True
    return Index(passages, store, query_embeddings(settings), digest, built, waited, notes)


def _record_encoder(settings: Settings) -> RememberingEncoder:
    """The records' encoder: vectors this model made for the same texts before are reused (COACH_MODEL_CACHE/
    vectors), so a rebuild over unchanged documents loads no model and embeds nothing."""
    encoder = LazyEncoder(lambda: document_embeddings(settings))
    return RememberingEncoder("records", encoder, settings.vectors_dir, model_fingerprint())


def _alive(progress: Progress | None, lease) -> Progress:
    """The build's progress, which also tells other builders (through the lease) that this one is alive."""

    def report(done: int, total: int) -> None:
        lease.touch()
        if progress:
            progress(done, total)

    return report


__all__ = ["INDEX_SCHEMA", "Index", "build_lock", "build_passages", "index_digest", "open_index"]
