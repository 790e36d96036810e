"""Word handling shared by retrieval, understanding and the support judge."""

import pytest

from coach.text import base, content_lemmas, terms


@pytest.mark.parametrize(
    "word, expected",
    [
        ("what's", "what"),
        ("we're", "we"),
        ("partner's", "partner"),
        ("don't", "do"),
        ("can't", "can"),
        ("won't", "will"),
        ("'quoted'", "quoted"),
        ("value-creating", "value-creating"),
    ],
)
def test_base_drops_contraction_and_possessive_endings(word, expected):
    assert base(word) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("What's 2+2?", []),  # stopwords hidden in contractions are still stopwords
        ("Don't we need it?", []),
        (
            "the partner's value-creating alliances",
            ["partner", "value-cr", "valu", "creat", "allianc"],
        ),  # whole and parts
        ("How do I end an alliance?", ["end", "allianc"]),
    ],
)
def test_terms(text, expected):
    assert sorted(terms(text)) == sorted(expected)


def test_content_lemmas_read_through_contractions():
    assert content_lemmas("What's the alliance's strategy?") == ["alliance", "strategy"]
