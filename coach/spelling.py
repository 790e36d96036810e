"""Misspellings: an unknown word in a question is replaced by the closest word the corpus (or the
coach's own vocabulary) uses, so that "aliance", "goverance" or "negociation" still find their area.
Only words of five letters or more are touched, only when a close match exists (difflib ratio ≥ 0.8), and
never a word of English the corpus happens not to use ("matter" is not a misspelling of "master"): the
English dictionary is simplemma's, already installed for lemmatising."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from .text import STOPWORDS, normalize

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")
MIN_LENGTH = 5
CUTOFF = 0.8


class Speller:
    def __init__(self, texts: list[str]):
        words: set[str] = set()
        for text in texts:
            words.update(word for word in re.findall(r"[a-z][a-z'-]+", normalize(text)))
        self.vocabulary = frozenset(words)
        self._sorted = sorted(words)
        self._closest = lru_cache(maxsize=4096)(self._closest_uncached)  # per speller, freed with it

    def correct(self, text: str) -> str:
        return _WORD.sub(lambda m: self._word(m.group(0)), text)

    def _word(self, word: str) -> str:
        lowered = word.lower()
        if len(lowered) < MIN_LENGTH or lowered in self.vocabulary or lowered in STOPWORDS:
            return word
        return self._closest(lowered) or word

    def _closest_uncached(self, word: str) -> str | None:
        if (word.endswith("s") and word[:-1] in self.vocabulary) or _is_english(word):
            return None
        found = difflib.get_close_matches(word, self._sorted, n=1, cutoff=CUTOFF)
        return found[0] if found else None


def _is_english(word: str) -> bool:
    from simplemma import is_known

    return bool(is_known(word, lang="en"))
