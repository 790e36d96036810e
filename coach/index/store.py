"""Vector-store backends: embedded Chroma under COACH_HOME, or a Chroma server at COACH_CHROMA_URL.

Both are the same `ChromaStore`; only the client differs. A collection is named after the content hash
of what it holds ("coach-<hash>") and marked complete only after its last record is written, so a build
that died half-way is never mistaken for an index, two builders write the same ids (upserts) and cannot
disagree, and several app processes reading one server all find the collection for their corpus.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from ..errors import ChromaUnreachableError, IndexCorruptError, IndexUnwritableError, describe
from ..records import Passage

log = logging.getLogger(__name__)

PREFIX = "coach-"
BATCH = 32
Progress = Callable[[int, int], None]  # (done, total)


def metadata(passage: Passage) -> dict[str, str | int | bool]:
    """Scalar metadata for Chroma filters: kind, code, area, section, role, flags, document, heading."""
    flags = passage.flags.as_dict() if passage.flags else {}
    return {
        "kind": passage.kind,
        "code": str(passage.code) if passage.code else "",
        "area": str(passage.area) if passage.area else "",
        "codes": "|".join(str(code) for code in passage.codes),
        "section": passage.section,
        "role": passage.role,
        "document": passage.document,
        "heading": passage.heading,
        "row": passage.row,
        **{name: flags.get(name, False) for name in ("ca_am", "csap", "industry", "context", "core", "company")},
    }


def _client_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


class ChromaStore:
    """One Chroma collection per index content hash, read and written through LangChain's Chroma."""

    def __init__(self, client, description: str):
        self.client = client
        self.description = description
        self._collection = None

    # --- building -----------------------------------------------------------------------------------
    def find_complete(self, name: str, expected: int) -> bool:
        try:
            collection = self.client.get_collection(name)
        except Exception:  # noqa: BLE001 - chromadb raises several types for "does not exist"
            return False
        meta = collection.metadata or {}
        if meta.get("complete") and collection.count() == expected:
            self._collection = collection
            return True
        return False

    def build(self, name: str, passages: list[Passage], embeddings, progress: Progress | None = None) -> None:
        from langchain_chroma import Chroma

        self.drop(name)
        collection = self.client.create_collection(
            name, configuration={"hnsw": {"space": "cosine"}}, metadata={"complete": False})
        store = Chroma(client=self.client, collection_name=name, embedding_function=embeddings)
        total = len(passages)
        ordered = sorted(passages, key=lambda p: len(p.search_text))  # similar lengths batch with little padding
        for start in range(0, total, BATCH):
            batch = ordered[start : start + BATCH]
            store.add_texts([p.search_text for p in batch], [metadata(p) for p in batch], ids=[p.id for p in batch])
            if progress:
                progress(min(start + BATCH, total), total)
        collection.modify(metadata={"complete": True, "records": total})
        self._collection = self.client.get_collection(name)

    def drop(self, name: str) -> None:
        try:
            self.client.delete_collection(name)
        except Exception:  # noqa: BLE001 - absent already
            pass

    def drop_others(self, keep: str) -> list[str]:
        dropped = []
        for collection in self.client.list_collections():
            name = getattr(collection, "name", collection)
            if name.startswith(PREFIX) and name != keep:
                self.drop(name)
                dropped.append(name)
        return dropped

    # --- querying -----------------------------------------------------------------------------------
    def search(self, vector: list[float], k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Ids of the k nearest records with their cosine similarity."""
        result = self._collection.query(query_embeddings=[vector], n_results=k, where=where or None,
                                        include=["distances"])
        return [(pid, 1.0 - float(dist)) for pid, dist in zip(result["ids"][0], result["distances"][0])]

    def count(self) -> int:
        return self._collection.count() if self._collection is not None else 0


def embedded_store(folder: Path) -> ChromaStore:
    """A PersistentClient on `folder`; unreadable folders become IndexCorruptError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise IndexUnwritableError(
            f"cannot write the index to {folder} ({exc.strerror or exc}); set COACH_HOME to a writable folder."
        ) from None
    try:
        import chromadb

        client = chromadb.PersistentClient(path=str(folder), settings=_client_settings())
        client.list_collections()
    except Exception as exc:  # noqa: BLE001 - chromadb and sqlite raise many types for a damaged store
        raise IndexCorruptError(f"the index at {folder} cannot be read ({describe(exc)}).") from None
    return ChromaStore(client, f"embedded Chroma at {folder}")


def server_store(url: str) -> ChromaStore:
    parsed = urlparse(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 8000)
    try:
        import chromadb

        client = chromadb.HttpClient(host=parsed.hostname, port=port, ssl=parsed.scheme == "https",
                                     settings=_client_settings())
        client.heartbeat()
    except Exception as exc:  # noqa: BLE001 - connection errors come wrapped in several types
        raise ChromaUnreachableError(
            f"cannot reach the Chroma server at {url} ({describe(exc)}); start it (e.g. `chroma run --path DIR "
            f"--host {parsed.hostname} --port {port}`) or unset COACH_CHROMA_URL to use the embedded index."
        ) from None
    return ChromaStore(client, f"Chroma server at {url}")


def move_aside(folder: Path) -> Path:
    """Keep a damaged index for inspection instead of deleting it; return where it went."""
    forget_clients()
    target = folder.with_name(f"{folder.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    shutil.move(str(folder), str(target))
    return target


def forget_clients() -> None:
    """chromadb keeps one client system per path for the life of the process; after the folder has been
    moved or deleted that cached system points at nothing, so drop it before opening the path again."""
    try:
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
    except Exception:  # noqa: BLE001 - an older or newer chromadb without the cache: nothing to forget
        pass
