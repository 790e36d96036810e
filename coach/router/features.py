"""What the router sees of a question: its sentence vector (all-MiniLM-L6-v2, the index's own encoder), its
words and word pairs, and its character n-grams (which survive typos: "goverance" shares most of
"governance"'s). The vector carries meaning; the words carry the grammar of asking ("how many", "vs", "only
the"), which the vector blurs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix  # scipy ships no types: Any to mypy, named for the reader

# A matrix code ("II C", "ii.c.3", "2c") reads as one token, whatever the code: the router learns how
# people ask about a code, never which codes the library happens to name (the lexicon finds the code itself).
_CODE = re.compile(
    r"(?<![\w.])(?:(?:III|II|I)[ .-]?[A-O]|(?:iii|ii)[ .-][a-o]|[123][ .-]?[a-oA-O])(?:[ .-]?\d{1,2})?(?![\w])"
)
# Numbers read as a group too: "5 years" and "8 years" ask the same thing.
_NUMBER = re.compile(r"\d+")


def normalized(text: str) -> str:
    """Lower case, plain quotes, codes and digits folded: what the n-gram features read."""
    text = _CODE.sub(" xcode ", text).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _NUMBER.sub("0", text)


class Featurizer:
    """Sparse word and character n-grams beside the dense sentence vector, fitted on the library's texts."""

    def __init__(self, char_ngrams: tuple[int, int], word_ngrams: tuple[int, int], vector_weight: float):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vector_weight = vector_weight
        self.words = TfidfVectorizer(
            preprocessor=normalized, ngram_range=word_ngrams, sublinear_tf=True, min_df=1, token_pattern=r"[\w'-]+"
        )
        self.chars = TfidfVectorizer(
            preprocessor=normalized, analyzer="char_wb", ngram_range=char_ngrams, sublinear_tf=True, min_df=2
        )

    def fit(self, texts: list[str]) -> Featurizer:
        self.words.fit(texts)
        self.chars.fit(texts)
        return self

    def transform(self, texts: list[str], vectors: np.ndarray) -> csr_matrix:
        from scipy.sparse import csr_matrix, hstack

        dense = csr_matrix(np.asarray(vectors, dtype=np.float32) * self.vector_weight)
        return hstack([dense, self.words.transform(texts), self.chars.transform(texts)]).tocsr()
