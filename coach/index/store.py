"""Vector stores: embedded Chroma folders under COACH_HOME/indexes, or collections on a Chroma server.

An index is named after the content hash of what it holds (`coach-<hash>`); every build of it has a name of
its own (`coach-<hash>-<stamp>`) and is published only once it is complete and verified, so a build that
dies half-way is never read, and readers keep the previous build until the new one replaces it:

- embedded (`EmbeddedIndexes`): each build is its own Chroma folder, COACH_HOME/indexes/coach-<hash>-<stamp>/,
  and the file `coach-<hash>.current` names the published one; it is replaced atomically (os.replace). A
  folder of that hash that no pointer names is the leftover of a killed or replaced build and is removed by
  the next process holding the build lock (Chroma keeps a deleted collection's vector folder, so one folder
  per build is also the only way nothing is left behind). Several corpora share a home side by side.
- server (`ServerIndexes`): each build is its own collection, marked complete only after verification;
  readers take the newest complete collection of their hash. Builders of one hash take turns through a
  lease (a collection named `coach-<hash>.lease`, which Chroma creates only once), and a finished build
  deletes only the other collections of its own hash: never another corpus's or another version's.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from ..errors import (
    ChromaUnreachableError,
    ConfigError,
    IndexBusyError,
    IndexCorruptError,
    IndexUnwritableError,
    describe,
)
from ..records import Passage

log = logging.getLogger(__name__)

PREFIX = "coach-"
ADD_BATCH = 32  # records embedded and added to the collection at a time (the progress steps by it)
LEASE_STALE = 60  # seconds without a sign of life after which a build lease is taken over (a build takes ~10 s)
LOCK_WAIT = 600  # seconds to wait for another builder before giving up
Progress = Callable[[int, int], None]  # (done, total)
Notify = Callable[[str], None]


def metadata(passage: Passage) -> dict[str, str | int | bool]:
    """Scalar metadata for Chroma filters: kind, code, area, section, role, flags, document, heading."""
    flags = passage.flags.as_dict() if passage.flags else {}
    return {
        "kind": str(passage.kind),  # the kind's value: Chroma stores plain strings
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


def build_name(base: str) -> str:
    """A new build's name: the index name, then when and by which process (sortable, unique per build)."""
    return f"{base}-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}"


def _client_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


class ChromaStore:
    """One published build, opened for searching: a Chroma collection and the client holding it."""

    def __init__(self, client, collection, description: str, location: Path | None = None):
        self.client = client
        self.collection = collection
        self.description = description
        self.location = location  # the build's folder (embedded) or None (server)
        self._seen = 0.0  # when the folder was last seen (monotonic)

    @property
    def name(self) -> str:
        return self.collection.name

    def search(self, vector: list[float], k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Ids of the k nearest records with their cosine similarity."""
        result = self.collection.query(
            query_embeddings=[vector], n_results=k, where=where or None, include=["distances"]
        )
        return [(pid, 1.0 - float(dist)) for pid, dist in zip(result["ids"][0], result["distances"][0], strict=True)]

    def count(self) -> int:
        return self.collection.count()

    def present(self) -> bool:
        """False when the build's folder has gone (removed or replaced by another process); a server's
        collection is checked by searching it. Looked at most once a second: answers come faster than that."""
        if self.location is None or time.monotonic() - self._seen < 1:
            return True
        if (self.location / "chroma.sqlite3").exists():
            self._seen = time.monotonic()
            return True
        return False

    def alive(self) -> bool:
        """Whether the store answers at all (a server that stopped does not)."""
        return _answers(self.client)

    def close(self) -> None:
        """Release the client (an embedded folder's files are closed once no other Coach uses them)."""
        try:
            self.client.close()
        except Exception:
            pass


def _answers(client) -> bool:
    try:
        client.heartbeat()
        return True
    except Exception:
        return False


def _complete(collection, expected: int) -> bool:
    meta = collection.metadata or {}
    return bool(meta.get("complete")) and meta.get("records") == expected and collection.count() == expected


def _fill(collection, passages: list[Passage], encoder, progress: Progress | None) -> None:
    """Embed and add the records in batches of similar length (little padding), then check the result: every
    record is there and the vector index finds a record when asked with that record's own vector."""
    total = len(passages)
    ordered = sorted(passages, key=lambda p: len(p.search_text))
    probe = None
    for start in range(0, total, ADD_BATCH):
        batch = ordered[start : start + ADD_BATCH]
        vectors = encoder.embed_documents([p.search_text for p in batch])
        collection.add(
            ids=[p.id for p in batch],
            embeddings=vectors,
            documents=[p.search_text for p in batch],
            metadatas=[metadata(p) for p in batch],
        )
        probe = probe or (batch[0].id, vectors[0])
        if progress:
            progress(min(start + ADD_BATCH, total), total)
    found = collection.query(query_embeddings=[probe[1]], n_results=1, include=[])["ids"][0] if probe else []
    if collection.count() != total or (probe and found != [probe[0]]):
        raise IndexCorruptError(
            f"the new index {collection.name} failed its check ({collection.count()} of {total} "
            "records, or a record not found by its own vector); it was not published. Run "
            "`coach index --rebuild` to try again."
        )
    collection.modify(metadata={"complete": True, "records": total, "built": time.time()})


def _new_collection(client, name: str):
    return client.create_collection(
        name,
        configuration={"hnsw": {"space": "cosine"}},
        metadata={"complete": False, "started": time.time(), "owner": _owner()},
    )


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _gone(owner: str) -> bool:
    """True when `owner` (host:pid) is a process of this machine that no longer runs."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


@dataclass
class Lease:
    waited: bool  # another builder held it first, and this process waited for it
    touch: Callable[[], None]  # called while building: "still alive"


# --- embedded: one Chroma folder per build ---------------------------------------------------------------
class EmbeddedIndexes:
    def __init__(self, folder: Path, notify: Notify):
        self.folder = folder
        self.notify = notify
        self.description = f"embedded Chroma at {folder}"
        _check_writable(folder)

    def _pointer(self, base: str) -> Path:
        return self.folder / f"{base}.current"

    def _published(self, base: str) -> str | None:
        try:
            name = self._pointer(base).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return name if name.startswith(f"{base}-") and "/" not in name else None

    def clean(self, base: str) -> list[str]:
        """Remove this index's leftovers: build folders no pointer names (killed or replaced builds) and
        half-written pointers. The caller holds the build lock, so no build of this home is running."""
        keep = self._published(base)
        removed = []
        for entry in self.folder.glob(f"{base}-*"):
            if entry.is_dir() and entry.name != keep and ".damaged-" not in entry.name:
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry.name)
        for partial in self.folder.glob(f".{base}.current.*"):
            partial.unlink(missing_ok=True)
        return removed

    def find(self, base: str, expected: int) -> ChromaStore | None:
        """The published build of `base`, if it is there and whole. One that cannot be read is moved aside
        (kept for inspection, never deleted) so that a new one is built."""
        name = self._published(base)
        if name is None or not (self.folder / name).is_dir():
            return None
        path = self.folder / name
        try:
            client = _persistent_client(path)
            collection = client.get_collection(name)
            if _complete(collection, expected):
                return ChromaStore(client, collection, self.description, path)
            problem = "it is incomplete"
        except Exception as exc:
            problem = f"it cannot be read ({describe(exc)})"
        moved = move_aside(path)
        self.notify(
            f"the index at {path} was not usable ({problem}); it was moved to {moved} and a new one is being built."
        )
        return None

    @contextmanager
    def lease(self, base: str):
        yield Lease(False, lambda: None)  # the home's build lock already lets one builder at a time in

    def build(self, base: str, passages: list[Passage], encoder, progress: Progress | None) -> ChromaStore:
        """Build into a new folder, verify it, then point `base` at it (atomically)."""
        name = build_name(base)
        path = self.folder / name
        client = _persistent_client(path)
        collection = _new_collection(client, name)
        _fill(collection, passages, encoder, progress)
        partial = self.folder / f".{base}.current.{os.getpid()}"
        partial.write_text(name + "\n", encoding="utf-8")
        os.replace(partial, self._pointer(base))
        self.clean(base)  # the build this one replaces
        return ChromaStore(client, client.get_collection(name), self.description, path)


def _check_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise IndexUnwritableError(
            f"cannot write the index to {folder} ({exc.strerror or exc}); set COACH_HOME to a writable folder."
        ) from None


def _persistent_client(path: Path):
    import chromadb

    try:
        client = chromadb.PersistentClient(path=str(path), settings=_client_settings())
        client.list_collections()
    except Exception as exc:
        raise IndexCorruptError(f"the index at {path} cannot be read ({describe(exc)}).") from None
    return client


def move_aside(folder: Path) -> Path:
    """Keep a damaged index for inspection instead of deleting it; return where it went."""
    forget_client(folder)
    target = folder.with_name(f"{folder.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    shutil.move(str(folder), str(target))
    return target


def forget_client(folder: Path) -> None:
    """chromadb keeps one client system per folder for the life of the process; once that folder is moved,
    damaged or removed, drop the cached system so that opening it again really opens it."""
    try:
        from chromadb.api.client import SharedSystemClient

        system = SharedSystemClient._identifier_to_system.pop(str(folder), None)
        SharedSystemClient._identifier_to_refcount.pop(str(folder), None)
        if system is not None:
            system.stop()
    except Exception:
        pass


# --- server: one collection per build -------------------------------------------------------------------
class ServerIndexes:
    def __init__(self, url: str, notify: Notify):
        self.url = url
        self.notify = notify
        self.description = f"Chroma server at {url}"
        self.client = server_client(url)

    def _builds(self, base: str) -> list:
        return [c for c in self.client.list_collections() if c.name.startswith(f"{base}-")]

    def clean(self, base: str) -> list[str]:
        """Remove this index's leftovers of killed builds: incomplete collections and the build lease of a
        builder that is gone (a process of this machine that no longer runs, or silent for longer than any
        build takes). Complete builds are removed only by the build that replaces them; other indexes are
        never touched."""
        removed = []
        for build in self._builds(base):
            meta = build.metadata or {}
            if meta.get("complete"):
                continue
            if _gone(str(meta.get("owner", ""))) or time.time() - float(meta.get("started", 0)) > LOCK_WAIT:
                self._drop(build.name)
                removed.append(build.name)
        holder = self._lease_holder(f"{base}.lease")
        if holder and (_gone(holder[0]) or time.time() - holder[1] > LEASE_STALE):
            self._drop(f"{base}.lease")
            removed.append(f"{base}.lease")
        return removed

    def find(self, base: str, expected: int) -> ChromaStore | None:
        complete = [c for c in self._builds(base) if _complete(c, expected)]
        if not complete:
            return None
        newest = max(complete, key=lambda c: ((c.metadata or {}).get("built", 0), c.name))
        return ChromaStore(self.client, newest, self.description)

    @contextmanager
    def lease(self, base: str):
        """Take turns with builders of the same index on other machines; yields a Lease (whether it waited,
        and `touch()` to show the build is alive)."""
        name = f"{base}.lease"
        deadline = time.monotonic() + LOCK_WAIT
        waited = False
        while not self._take(name):
            holder = self._lease_holder(name)
            if holder is None:
                continue  # released between our attempt and the look: try again
            owner, touched = holder
            if _gone(owner) or time.time() - touched > LEASE_STALE:
                log.warning(
                    "removing the build lease of %s left by %s (no sign of life for %.0f s)",
                    base,
                    owner,
                    time.time() - touched,
                )
                self._drop(name)
                continue
            if not waited:
                self.notify(
                    f"another process ({owner}) is building this index on the {self.description}; waiting for it"
                )
                waited = True
            if time.monotonic() > deadline:
                raise IndexBusyError(
                    f"{owner} has been building {base} on the {self.description} for over "
                    f"{LOCK_WAIT} s; wait for it, or delete the collection {name} if that process "
                    "is gone."
                )
            time.sleep(0.5)
        try:
            yield Lease(waited, lambda: self._touch(name))
        finally:
            self._drop(name)

    def _take(self, name: str) -> bool:
        try:
            self.client.create_collection(name, metadata={"owner": _owner(), "touched": time.time()})
            return True
        except Exception as exc:
            if not _answers(self.client):
                raise ChromaUnreachableError(
                    f"the Chroma server at {self.url} stopped answering ({describe(exc)}); start it again."
                ) from None
            return False

    def _touch(self, name: str) -> None:
        try:
            self.client.get_collection(name).modify(metadata={"owner": _owner(), "touched": time.time()})
        except Exception:
            pass

    def _lease_holder(self, name: str) -> tuple[str, float] | None:
        try:
            meta = self.client.get_collection(name).metadata or {}
        except Exception:
            return None
        return str(meta.get("owner", "?")), float(meta.get("touched", 0))

    def _drop(self, name: str) -> None:
        try:
            self.client.delete_collection(name)
        except Exception:
            pass

    def build(self, base: str, passages: list[Passage], encoder, progress: Progress | None) -> ChromaStore:
        """Build a new collection and verify it; readers switch to it as soon as it is marked complete, and
        then the builds it replaces (of this index only) are deleted. The caller holds the lease."""
        name = build_name(base)
        collection = _new_collection(self.client, name)
        try:
            _fill(collection, passages, encoder, progress)
        except BaseException:
            self._drop(name)
            raise
        for old in self._builds(base):
            if old.name != name:
                self._drop(old.name)
                log.info("deleted %s, replaced by %s", old.name, name)
        return ChromaStore(self.client, self.client.get_collection(name), self.description)


def server_client(url: str):
    parsed = urlparse(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 8000)
    if not parsed.hostname:  # Settings checks COACH_CHROMA_URL; this is for other callers
        raise ConfigError(f"the Chroma address {url!r} names no host; use e.g. http://127.0.0.1:8000.")
    try:
        import chromadb

        client = chromadb.HttpClient(
            host=parsed.hostname, port=port, ssl=parsed.scheme == "https", settings=_client_settings()
        )
        client.heartbeat()
    except Exception as exc:
        raise ChromaUnreachableError(
            f"cannot reach the Chroma server at {url} ({describe(exc)}); start it (e.g. `chroma run --path DIR "
            f"--host {parsed.hostname} --port {port}`) or unset COACH_CHROMA_URL to use the embedded index."
        ) from None
    return client
