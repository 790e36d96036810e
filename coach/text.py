"""Word-level text handling shared by retrieval, understanding and evaluation.

`terms` gives Snowball stems for BM25 ("ending" and "end" meet at "end"); `content_lemmas` gives
dictionary lemmas without stopwords, for the evaluation's support judge, which must stay readable.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Numbers written as words, as questions and documents use them ("ten", "exactly three items").
NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "also",
        "may",
        "might",
        "must",
        "shall",
        "us",
        "e.g",
        "etc",
        "per",
        "via",
        "within",
        "across",
        "toward",
        "towards",
        "upon",
        "whether",
        "either",
        "make",
        "makes",
        "making",
        "get",
        "gets",
        "getting",
        "use",
        "using",
        "want",
        "need",
        "needs",
        "like",
        "know",
        "tell",
        "give",
        "one",
        "thing",
        "things",
        "way",
        "lot",
        "really",
        "good",
        "best",
        "please",
        "kind",
        "sort",
        "much",
        "many",
        "something",
        "anything",
        "someone",
        "come",
        "comes",
        "keep",
        "keeps",
        "run",
        "runs",
        "running",
        "handle",
        "handling",
        "deal",
        "dealing",
        "work",
        "working",
    ]
)

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# Contraction and possessive endings: "what's", "we're", "don't" are their stopwords "what", "we", "do".
_ENDING = re.compile(r"(?:'s|'re|'ve|'ll|'d|'m|n't)$")
_NEGATED = {"ca": "can", "wo": "will", "sha": "shall"}  # "can't", "won't", "shan't"


def normalize(text: str) -> str:
    """Lower case, accents folded, typographic quotes and dashes made plain."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-").lower()


def words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


@lru_cache(maxsize=1)
def _stemmer() -> Any:  # snowballstemmer has no type hints
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    stemmed: str = _stemmer().stemWord(word)
    return stemmed


def base(word: str) -> str:
    """A word without its contraction or possessive ending ("what's" → "what", "partner's" → "partner")."""
    word = word.strip("'")
    cut = _ENDING.sub("", word)
    return _NEGATED.get(cut, cut) if word.endswith("n't") else cut


def terms(text: str) -> list[str]:
    """BM25 terms: stems of the non-stopwords, hyphenated words also split into their parts."""
    return list(_terms(text))


@lru_cache(maxsize=50_000)
def _terms(text: str) -> tuple[str, ...]:
    """Cached: the engine reads the same records' terms many times per answer."""
    found: list[str] = []
    for word in words(text):
        parts = [word, *word.split("-")] if "-" in word else [word]
        found.extend(stem(part) for part in map(base, parts) if part not in STOPWORDS and len(part) > 1)
    return tuple(found)


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="en").lower()


def content_lemmas(text: str) -> list[str]:
    """Lemmatised content words (stopwords and one-letter tokens removed)."""
    return [lemma(word) for word in map(base, words(text)) if word not in STOPWORDS and len(word) > 1]
