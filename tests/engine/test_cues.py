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
        ("how many ppl went? biz dev folks too", "how many people went? business development folks too"),
        ("wat admin duties", "what administrative duties"),
        ("wheres that? im new and dont know, it wasnt there", "where's that? i'm new and don't know, it wasn't there"),
    ],
)
def test_shorthand_is_expanded_as_whole_words_never_inside_an_address(text, expanded):
    assert cues.expand_abbreviations(text) == expanded


@pytest.mark.parametrize(
    "text, compares",
    [
        ("how is a director different from an alliance manager?", True),
        ("what is different between ca-am and csap?", True),
        ("what are the differences?", True),
        ("how are they different?", True),
        ("product and marketing on my side want totally different things", False),  # a situation
        ("the partner wants a different approach to pricing", False),
        ("our sellers keep bidding against the partner", False),  # a situation
    ],
)
def test_different_asks_for_a_comparison_only_when_said_of_something(text, compares):
    assert bool(cues.COMPARE.search(text)) is compares


@pytest.mark.parametrize(
    "text, fresh",
    [
        ("unrelated, but who owns II C?", "who owns II C?"),
        ("new q: what is CSAP", "what is CSAP"),
        ("a different partner keeps calling me", None),
        ("ok different q - what experience does a director need?", "what experience does a director need?"),
        ("never mind. what % of alliances fail?", "what % of alliances fail?"),
    ],
)
def test_a_new_topic_preface_is_read_apart_from_the_question(text, fresh):
    found = cues.NEW_TOPIC.match(text)
    assert (text[found.end() :] if found else None) == fresh


@pytest.mark.parametrize(
    "text, locates",
    [
        ("which matrix area covers picking a partner?", True),
        ("which area covers exit strategy?", True),
        ("where does coopetition live in the matrix?", True),
        ("which areas does a director own?", False),
    ],
)
def test_asking_where_in_the_matrix_a_topic_is(text, locates):
    assert bool(cues.LOCATE.search(text)) is locates


@pytest.mark.parametrize(
    "text, measured",
    [
        ("how much of our product roadmap can i show them?", "product"),
        ("what fraction of alliances are between competitors?", "alliances"),
        ("the percentage of all the deals we close together", "deals"),
        ("how much does the exam cost?", None),  # a price: nothing a share is taken of
    ],
)
def test_what_a_share_is_asked_of_is_the_word_after_the_determiners(text, measured):
    found = cues.MEASURED.search(text)
    assert (found.group(1) if found else None) == measured


@pytest.mark.parametrize(
    "text, asks",
    [
        ("what figure does the post give?", True),
        ("any figures on alliance failure?", True),
        ("how do i figure out which partner to pick?", False),  # the verb
        ("help me figure out what they need", False),
    ],
)
def test_figure_out_asks_for_no_figure(text, asks):
    from coach.sentences import ASKS_NUMBERS

    assert bool(ASKS_NUMBERS.search(text)) is asks


@pytest.mark.parametrize(
    "text, asks",
    [
        ("what fraction of alliances fail?", True),
        ("how much revenue comes from alliances?", True),
        ("how much should we pay a gsi to build a practice?", True),  # money named: an amount
        ("how much should my engineers tell theirs?", False),  # the extent of an action
        ("how much can we share with a partner that competes with us?", False),
    ],
)
def test_how_much_with_a_modal_asks_an_extent_unless_money_is_named(text, asks):
    from coach.sentences import asks_for_a_number

    assert asks_for_a_number(text) is asks


@pytest.mark.parametrize(
    "text, locates",
    [
        ("where's arbitration in the competencies", True),
        ("where is risk in the matrix?", True),
        ("which items mention focus groups", True),
        ("where is the partner's office?", False),
    ],
)
def test_asking_where_something_is_in_the_matrix_locates_it(text, locates):
    assert bool(cues.LOCATE.search(text)) is locates
