"""What the router sees of a question: its sentence vector (all-MiniLM-L6-v2, the index's own encoder), its
words and word pairs, and its character n-grams (which survive typos: "goverance" shares most of
"governance"'s). The vector carries meaning; the words carry the grammar of asking ("how many", "vs", "only
the"), which the vector blurs.

The n-gram vocabularies are chosen by scikit-learn's TfidfVectorizer when the router is trained; a question is
then read with the plain-Python analyzers below (the same n-grams, the same tf-idf weights), so answering loads
neither scikit-learn nor SciPy: a CLI call or an app process starts about a second sooner.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix  # scipy and scikit-learn ship no types: Any to mypy, named for the reader
    from sklearn.feature_extraction.text import TfidfVectorizer

# A matrix code ("II C", "ii.c.3", "2c") reads as one token, whatever the code: the router learns how
# people ask about a code, never which codes the library happens to name (the lexicon finds the code itself).
_CODE = re.compile(
    r"(?<![\w.])(?:(?:III|II|I)[ .-]?[A-O]|(?:iii|ii)[ .-][a-o]|[123][ .-]?[a-oA-O])(?:[ .-]?\d{1,2})?(?![\w])"
)
# Numbers read as a group too: "5 years" and "8 years" ask the same thing.
_NUMBER = re.compile(r"\d+")
_TOKEN = re.compile(r"[\w'-]+")
_WHITE_SPACES = re.compile(r"\s\s+")


def normalized(text: str) -> str:
    """Lower case, plain quotes, codes and digits folded: what the n-gram features read."""
    text = _CODE.sub(" xcode ", text).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _NUMBER.sub("0", text)


def word_ngrams(text: str, sizes: tuple[int, int]) -> list[str]:
    """The words of the normalized text and their runs of up to sizes[1] words (as TfidfVectorizer's
    word analyzer makes them)."""
    tokens = _TOKEN.findall(normalized(text))
    low, high = sizes
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def char_ngrams(text: str, sizes: tuple[int, int]) -> list[str]:
    """Character n-grams inside each padded word (TfidfVectorizer's `char_wb` analyzer)."""
    low, high = sizes
    grams: list[str] = []
    for word in _WHITE_SPACES.sub(" ", normalized(text)).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            grams.extend(padded[offset : offset + n] for offset in range(max(1, len(padded) - n + 1)))
            if len(padded) <= n:  # a short word counts once, at its own length
                break
    return grams


@dataclass(frozen=True)
class NgramTable:
    """A fitted vocabulary: each n-gram's column and inverse document frequency."""

    columns: dict[str, int]
    idf: np.ndarray

    @classmethod
    def fitted(cls, vectorizer: TfidfVectorizer) -> NgramTable:
        return cls({str(k): int(v) for k, v in vectorizer.vocabulary_.items()}, np.asarray(vectorizer.idf_))

    def weights(self, grams: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values): sublinear tf times idf, l2-normalized, of the n-grams the vocabulary knows."""
        counts = Counter(self.columns[g] for g in grams if g in self.columns)
        columns = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
        values = np.array([(1.0 + math.log(counts[c])) * self.idf[c] for c in columns], dtype=np.float64)
        norm = math.sqrt(float(values @ values)) if len(values) else 0.0
        return columns, values / norm if norm else values


@dataclass(frozen=True)
class Row:
    """One question's features: the weighted sentence vector, and the n-grams' (columns, values), their
    columns counted from the end of the vector's."""

    dense: np.ndarray
    columns: np.ndarray
    values: np.ndarray


class Featurizer:
    """Sparse word and character n-grams beside the dense sentence vector, fitted on the library's texts."""

    def __init__(self, char_sizes: tuple[int, int], word_sizes: tuple[int, int], vector_weight: float):
        self.char_sizes = char_sizes
        self.word_sizes = word_sizes
        self.vector_weight = vector_weight
        self.words: NgramTable | None = None
        self.chars: NgramTable | None = None

    def fit_matrix(self, texts: list[str], vectors: np.ndarray) -> csr_matrix:
        """Choose the vocabularies from the texts and return their training matrix, the vector's columns first:
        scikit-learn's own tf-idf rows, which `rows` reproduces for a new question without it."""
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer

        words = TfidfVectorizer(analyzer=lambda t: word_ngrams(t, self.word_sizes), sublinear_tf=True, min_df=1)
        chars = TfidfVectorizer(analyzer=lambda t: char_ngrams(t, self.char_sizes), sublinear_tf=True, min_df=2)
        word_rows, char_rows = words.fit_transform(texts), chars.fit_transform(texts)
        self.words, self.chars = NgramTable.fitted(words), NgramTable.fitted(chars)
        dense = csr_matrix(np.asarray(vectors, dtype=np.float32) * self.vector_weight)
        return hstack([dense, word_rows, char_rows]).tocsr()

    def rows(self, texts: list[str], vectors: np.ndarray) -> list[Row]:
        assert self.words is not None and self.chars is not None, "fit_matrix() first"
        dense = (np.asarray(vectors, dtype=np.float32) * self.vector_weight).astype(np.float64)
        offset = dense.shape[1]
        rows = []
        for text, vector in zip(texts, dense, strict=True):
            word_columns, word_values = self.words.weights(word_ngrams(text, self.word_sizes))
            char_columns, char_values = self.chars.weights(char_ngrams(text, self.char_sizes))
            columns = np.concatenate([word_columns + offset, char_columns + offset + len(self.words.columns)])
            rows.append(Row(vector, columns, np.concatenate([word_values, char_values])))
        return rows
