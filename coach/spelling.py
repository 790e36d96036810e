"""Misspellings, corrected in one place: an unknown word is read as the closest word of a vocabulary, so that
"aliance", "goverance" or "negociation" still find their area.

The engine's `Speller` reads a question against the corpus (and the coach's own vocabulary): only words of five
letters or more are touched, only when a close match exists (difflib ratio ≥ 0.8), and never a word of English
the corpus happens not to use ("matter" is not a misspelling of "master"): the English dictionary is
simplemma's, already installed for lemmatising. The matrix explorer's search uses the same corrector over the
matrix's own words, from four letters, English words included (a search box holds a few words, each of which
must match a competency).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache

from .text import STOPWORDS, normalize

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")
MIN_LENGTH = 5
CUTOFF = 0.8


class Speller:
    def __init__(
        self,
        texts: Iterable[str] = (),
        *,
        words: Iterable[str] = (),
        min_length: int = MIN_LENGTH,
        keep_english: bool = True,
    ):
        """A corrector over the words of `texts` and the given `words`: words shorter than `min_length` are
        never corrected, nor (with `keep_english`) any word of English."""
        vocabulary: set[str] = set(words)
        for text in texts:
            vocabulary.update(re.findall(r"[a-z][a-z'-]+", normalize(text)))
        self.vocabulary = frozenset(vocabulary)
        self.min_length = min_length
        self.keep_english = keep_english
        self._sorted = sorted(vocabulary)
        self._closest = lru_cache(maxsize=4096)(self._closest_uncached)  # per speller, freed with it

    def correct(self, text: str) -> str:
        """The text with each misspelt word replaced by the vocabulary's closest word."""
        return _WORD.sub(lambda m: self._word(m.group(0)), text)

    def closest(self, word: str) -> str | None:
        """The vocabulary word that `word` (lower case) is a misspelling of, or None: too short, the plural of
        a known word, English (when English is kept), or nothing close enough."""
        if len(word) < self.min_length:
            return None
        return self._closest(word)

    def _word(self, word: str) -> str:
        lowered = word.lower()
        if lowered in self.vocabulary or lowered in STOPWORDS:
            return word
        return self.closest(lowered) or word

    def _closest_uncached(self, word: str) -> str | None:
        if (word.endswith("s") and word[:-1] in self.vocabulary) or (self.keep_english and _is_english(word)):
            return None
        found = difflib.get_close_matches(word, self._sorted, n=1, cutoff=CUTOFF)
        return found[0] if found else None


def _is_english(word: str) -> bool:
    from simplemma import is_known

    return bool(is_known(word, lang="en"))
