"""The cues no example can teach: shorthand expanded as whole words, positions in the previous answer."""

import pytest

from coach import cues


@pytest.mark.parametrize(
    "text, expanded",
    [
        ("sr mgr at my org.", "senior manager at my organization."),
        (
            "see strategic-alliances.org or info@strategic-alliances.org",
            "see strategic-alliances.org or info@strategic-alliances.org",
        ),
        ("dir-level reqs", "dir-level requirements"),  # inside a compound: left alone
    ],
)
def test_shorthand_is_expanded_as_whole_words_never_inside_an_address(text, expanded):
    assert cues.expand_abbreviations(text) == expanded
