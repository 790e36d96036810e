"""Embeddings of short texts the engine compares questions with at a finer grain than the index's records:
the sentences of the prose, the lines of the job descriptions, the corpus's words (for reading everyday
words in the corpus's own: "KPIs" → "metrics"). Computed once by the same model as questions (in batches on
every core) and kept in COACH_MODEL_CACHE/vectors, shared by every home on the machine, named after a hash of
the texts and the model, so a later start only loads them. A changed list (an example added to the library)
embeds only its new texts: the rest are read from the last list of that name made by the same model."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)
BATCH = 64
Vector = Sequence[float] | np.ndarray  # a question's embedding, as a list or an array


class Encoder(Protocol):
    """What embeds texts: the index's ONNX encoder, a LangChain Embeddings, or a LazyEncoder of either."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


class QueryEncoder(Protocol):
    """What embeds a question: the index's encoder (a LangChain Embeddings)."""

    def embed_query(self, text: str) -> list[float]: ...


class LazyEncoder:
    """An encoder made on first use: a start whose vectors are all cached never loads a second model."""

    def __init__(self, make: Callable[[], Encoder]):
        self._make = make
        self._encoder: Encoder | None = None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if self._encoder is None:
            self._encoder = self._make()
        return self._encoder.embed_documents(texts)


class TextVectors:
    def __init__(self, name: str, texts: list[str], encoder: Encoder, cache_dir: Path | None, fingerprint: str = ""):
        self.texts = list(texts)
        self._row = {text: i for i, text in enumerate(self.texts)}
        path = _list_path(cache_dir, name, fingerprint, self.texts) if cache_dir else None
        matrix = _load(path, len(self.texts)) if path else None
        if matrix is None:
            known = _earlier_vectors(cache_dir, name, fingerprint) if cache_dir else {}
            matrix = _encode_new(encoder, self.texts, known)
            if path:
                _save(path, matrix, {"fingerprint": fingerprint, "texts": self.texts})
        elif path and not path.with_suffix(".json").exists():  # kept before the lists of texts were
            _save_listing(path, {"fingerprint": fingerprint, "texts": self.texts})
        self.matrix: np.ndarray = matrix

    def scores(self, vector: Vector) -> np.ndarray:
        """Cosine similarity of every text with a (unit) question vector."""
        if not self.texts:
            return np.zeros(0, dtype=np.float32)
        return self.matrix @ np.asarray(vector, dtype=np.float32)

    def score_of(self, scores: np.ndarray, text: str) -> float:
        row = self._row.get(text)
        return float(scores[row]) if row is not None else 0.0


class RememberingEncoder:
    """Embeds texts as `encoder` does, reusing the vectors of every text this model embedded for the newest
    earlier list of this name; `keep()` then saves this list for the next time. What it is for: a rebuild of
    the index over unchanged documents embeds nothing (a damaged or deleted index comes back in a second or
    two, not the seconds of a full embedding), and a changed document embeds only its changed records. A
    vector reused is the one the same model made for the same text, so the index is the one a full
    embedding would give (to the rounding of a batch's padding)."""

    def __init__(self, name: str, encoder: Encoder, cache_dir: Path, fingerprint: str):
        self.name, self.cache_dir, self.fingerprint = name, cache_dir, fingerprint
        self._encoder = encoder
        self._known = _earlier_vectors(cache_dir, name, fingerprint)
        self._used: dict[str, np.ndarray] = {}
        self.embedded = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        new = [text for text in dict.fromkeys(texts) if text not in self._known]
        if new:
            fresh = np.asarray(self._encoder.embed_documents(new), dtype=np.float32)
            self._known.update(zip(new, fresh, strict=True))
            self.embedded += len(new)
        rows = [self._known[text] for text in texts]
        self._used.update(zip(texts, rows, strict=True))
        return [row.tolist() for row in rows]

    def keep(self) -> None:
        """Save the vectors of every text this encoder was asked for, reused or embedded (nothing asked: nothing
        saved), as the newest list of its name: the one the next build reads."""
        texts = list(self._used)
        if texts:
            path = _list_path(self.cache_dir, self.name, self.fingerprint, texts)
            _save(
                path, np.vstack([self._used[text] for text in texts]), {"fingerprint": self.fingerprint, "texts": texts}
            )


def cache_without(name: str, model_cache: Path, target: Path) -> Path:
    """A model cache at `target` that holds everything `model_cache` does (as links: the ONNX export, the
    router, the other vectors) except the lists called `name` (e.g. "records"), so that what uses it embeds
    those texts again: a full index build measured (`coach bench`), or a build slow enough to interrupt."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in model_cache.iterdir() if model_cache.exists() else ():
        if entry.name != "vectors":
            (target / entry.name).symlink_to(entry)
    vectors = model_cache / "vectors"
    (target / "vectors").mkdir(exist_ok=True)
    for entry in vectors.iterdir() if vectors.exists() else ():
        if not entry.name.startswith(f"{name}-"):
            (target / "vectors" / entry.name).symlink_to(entry)
    return target


def _list_path(cache_dir: Path, name: str, fingerprint: str, texts: list[str]) -> Path:
    """Where the vectors of this list of texts, made by this model, are kept: named after a hash of both."""
    digest = hashlib.sha256("\x00".join([fingerprint, *texts]).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"{name}-{digest}.npy"


def _encode_new(encoder: Encoder, texts: list[str], known: dict[str, np.ndarray]) -> np.ndarray:
    """The texts' vectors: those already known reused, the others embedded."""
    new = [text for text in dict.fromkeys(texts) if text not in known]
    if len(new) == len(set(texts)):
        return _encode(encoder, texts)
    if new:
        log.info("embedding %d new of %d texts", len(new), len(texts))
        known = {**known, **dict(zip(new, _encode(encoder, new), strict=True))}
    return np.vstack([known[text] for text in texts]).astype(np.float32)


def _earlier_vectors(cache_dir: Path, name: str, fingerprint: str) -> dict[str, np.ndarray]:
    """text → vector from the newest earlier list of this name made by this model (its texts beside it)."""
    listings = [path for path in cache_dir.glob(f"{name}-*.json") if ".tmp" not in path.name]
    for listing in sorted(listings, key=_mtime, reverse=True):
        try:
            meta = json.loads(listing.read_text(encoding="utf-8"))
            if meta.get("fingerprint") != fingerprint:
                continue
            texts = meta["texts"]
            matrix = _load(listing.with_suffix(".npy"), len(texts))
        except (OSError, ValueError, KeyError, TypeError):  # damaged or half-written: not a source
            continue
        if matrix is not None:
            return dict(zip(texts, matrix, strict=True))
    return {}


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _encode(encoder: Encoder, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    parts = [
        np.asarray(encoder.embed_documents(texts[start : start + BATCH]), dtype=np.float32)
        for start in range(0, len(texts), BATCH)
    ]
    return np.vstack(parts)


def _load(path: Path, rows: int) -> np.ndarray | None:
    try:
        matrix = np.load(path)
    except (OSError, ValueError, EOFError):  # missing, damaged or empty: computed again
        return None
    return matrix if matrix.shape[0] == rows else None


def _save(path: Path, matrix: np.ndarray, listing: dict[str, object]) -> None:
    """The matrix, then the list of its texts beside it (what a later, changed list reuses rows from)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp.npy")  # processes filling it at once never collide
        np.save(temporary, matrix)
        temporary.replace(path)
    except OSError as exc:  # a read-only home still answers; it only recomputes next time
        log.warning("could not keep the sentence vectors at %s (%s)", path, exc)
        return
    _save_listing(path, listing)


def _save_listing(path: Path, listing: dict[str, object]) -> None:
    try:
        temporary = path.with_suffix(f".{os.getpid()}.tmp.json")
        temporary.write_text(json.dumps(listing, ensure_ascii=False), encoding="utf-8")
        temporary.replace(path.with_suffix(".json"))
    except OSError as exc:  # a read-only home still answers; it only recomputes next time
        log.debug("could not keep the list of texts beside %s (%s): a changed list embeds all again", path, exc)
