"""coach/vectors.py: text vectors computed once and kept on disk, named after the texts and the model.

What is tested is the cache, not the model: the encoder here is a stand-in (CountingEncoder, a fixed
vector per text) that counts what it is asked to embed. The real model's vectors are checked in
tests/engine/test_embeddings.py. No index: the fast tier."""

import numpy as np
import pytest

from coach.vectors import BATCH, LazyEncoder, RememberingEncoder, TextVectors


class CountingEncoder:
    """A stand-in for the embedding model: a unit vector per text (from its length), and a count of the texts
    it embedded, so a test sees whether the cache was used."""

    def __init__(self):
        self.embedded: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded += texts
        return [[1.0, 0.0] if len(text) % 2 else [0.0, 1.0] for text in texts]


TEXTS = ["an even text", "an odd text", "odd", "even"]  # 12, 11, 3 and 4 characters


def test_vectors_are_computed_once_then_loaded(tmp_path):
    encoder = CountingEncoder()
    first = TextVectors("sentences", TEXTS, encoder, tmp_path, "model-a")
    again = TextVectors("sentences", TEXTS, encoder, tmp_path, "model-a")
    assert encoder.embedded == TEXTS  # the second one loaded the file
    assert np.array_equal(first.matrix, again.matrix) and first.matrix.dtype == np.float32
    TextVectors("sentences", TEXTS, encoder, tmp_path, "model-b")  # another model: computed again
    TextVectors("sentences", [*TEXTS, "new"], encoder, tmp_path, "model-a")  # other texts: only "new" embedded
    assert len(encoder.embedded) == 2 * len(TEXTS) + 1
    assert len(list(tmp_path.glob("sentences-*.npy"))) == 3


def test_a_rebuild_embeds_only_the_texts_no_earlier_build_embedded(tmp_path):
    encoder = CountingEncoder()
    first = RememberingEncoder("records", encoder, tmp_path, "model-a")
    vectors = first.embed_documents(TEXTS[:2]) + first.embed_documents(TEXTS[2:])  # batch by batch, as a build
    first.keep()
    assert encoder.embedded == TEXTS and first.embedded == len(TEXTS)
    again = RememberingEncoder("records", encoder, tmp_path, "model-a")
    assert again.embed_documents(TEXTS) == vectors  # the same vectors
    assert again.embedded == 0 and encoder.embedded == TEXTS  # nothing embedded the second time
    changed = RememberingEncoder("records", encoder, tmp_path, "model-a")
    changed.embed_documents([TEXTS[0], "a changed record"])
    assert changed.embedded == 1 and encoder.embedded[-1] == "a changed record"
    other_model = RememberingEncoder("records", encoder, tmp_path, "model-b")
    other_model.embed_documents(TEXTS)
    assert other_model.embedded == len(TEXTS)  # another model's vectors are never reused


def test_a_damaged_cache_file_is_computed_again(tmp_path):
    encoder = CountingEncoder()
    TextVectors("words", TEXTS, encoder, tmp_path)
    [path] = tmp_path.glob("words-*.npy")
    path.write_bytes(b"not an array")
    vectors = TextVectors("words", TEXTS, encoder, tmp_path)
    assert len(encoder.embedded) == 2 * len(TEXTS) and vectors.matrix.shape == (4, 2)


def test_scores_are_cosines_with_the_question_and_unknown_texts_score_zero():
    vectors = TextVectors("words", TEXTS, CountingEncoder(), None)  # no cache folder: computed, not kept
    scores = vectors.scores([0.0, 1.0])
    assert scores.tolist() == [1.0, 0.0, 0.0, 1.0]  # "an even text" and "even" have even lengths
    assert vectors.score_of(scores, "even") == 1.0 and vectors.score_of(scores, "never seen") == 0.0
    assert TextVectors("empty", [], CountingEncoder(), None).scores([1.0, 0.0]).size == 0


def test_many_texts_are_embedded_in_batches_and_a_lazy_encoder_is_made_once():
    made = []

    def make():
        made.append(CountingEncoder())
        return made[-1]

    lazy = LazyEncoder(make)
    assert made == []  # nothing made until something must be embedded
    texts = [f"text {n}" for n in range(BATCH * 2 + 1)]
    assert TextVectors("many", texts, lazy, None).matrix.shape == (len(texts), 2)
    TextVectors("more", ["x"], lazy, None)
    assert len(made) == 1 and len(made[0].embedded) == len(texts) + 1


@pytest.mark.parametrize("bad", [b"", b"\x93NUMPY"])
def test_a_truncated_file_is_no_cache(tmp_path, bad):
    encoder = CountingEncoder()
    TextVectors("t", TEXTS, encoder, tmp_path)
    next(tmp_path.glob("t-*.npy")).write_bytes(bad)
    TextVectors("t", TEXTS, encoder, tmp_path)
    assert len(encoder.embedded) == 2 * len(TEXTS)


def test_a_changed_list_embeds_only_its_new_texts(tmp_path):
    """An example added to the library: the other texts' vectors come from the last list of that name."""
    encoder = CountingEncoder()
    first = TextVectors("library", TEXTS, encoder, tmp_path, "model-a")
    changed = TextVectors("library", ["brand new text", *TEXTS[1:]], encoder, tmp_path, "model-a")
    assert encoder.embedded == [*TEXTS, "brand new text"]
    assert np.array_equal(changed.matrix[1:], first.matrix[1:]) and changed.matrix.dtype == np.float32
    assert changed.matrix[0].tolist() == [0.0, 1.0]  # 14 characters: even
    TextVectors("library", [*TEXTS, "x"], encoder, tmp_path, "model-b")  # another model reuses nothing
    assert len(encoder.embedded) == 2 * len(TEXTS) + 2


def test_a_damaged_list_of_texts_is_no_source(tmp_path):
    encoder = CountingEncoder()
    TextVectors("library", TEXTS, encoder, tmp_path, "model-a")
    next(tmp_path.glob("library-*.json")).write_text("{not json", encoding="utf-8")
    TextVectors("library", [*TEXTS, "more"], encoder, tmp_path, "model-a")
    assert len(encoder.embedded) == 2 * len(TEXTS) + 1
