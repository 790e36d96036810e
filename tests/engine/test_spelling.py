"""coach/spelling.py, the one spelling corrector, in both of its settings: the engine's (the corpus's words, from
five letters, English words left alone) and the matrix explorer's (the matrix's words, from four letters, English
words read too). No index: the fast tier."""

import pytest

from coach.app.search import read
from coach.spelling import Speller

WORDS = ["governance", "negotiation", "alliance", "termination", "mentor", "master"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("goverance", "governance"),
        ("negociation", "negotiation"),
        ("termnation", "termination"),
        ("alliances", None),  # the plural of a known word is not a misspelling
        ("gover", None),  # nothing close enough
        ("matter", None),  # English, though close to "master"
        ("mentr", "mentor"),  # five letters: long enough
    ],
)
def test_the_engine_reads_a_misspelling_as_the_closest_word(typed, meant):
    assert Speller(words=WORDS).closest(typed) == meant


def test_the_explorer_reads_english_and_shorter_words_too():
    explorer = Speller(words=WORDS, min_length=4, keep_english=False)
    assert explorer.closest("matter") == "master"  # a search box: every word must match a competency
    assert Speller(words=WORDS, min_length=6).closest("mentr") is None  # shorter than the minimum


def test_correct_replaces_only_what_it_reads_as_misspelt():
    speller = Speller(["Alliance governance and negotiation"])
    assert speller.correct("Aliance goverance, and the negociation?") == "alliance governance, and the negotiation?"
    assert speller.correct("Governance IS fine") == "Governance IS fine"  # known words and stopwords keep their case


def test_the_explorer_search_uses_the_one_corrector(model):
    request = read(model, "goverance negociation")
    assert request.corrections == {"goverance": "governance", "negociation": "negotiation"}
