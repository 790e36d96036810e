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
    "text, asks",
    [
        ("list the conflict resolution items in Polish for my team", True),
        ("what does a senior alliance manager do? answer in swedish pls", True),
        ("ok now the same thing but in korean", True),
        ("please put II J into Turkish", True),
        ("translate the director job description to Hebrew", True),
        ("what's the Thai word for executive sponsor", True),
        ("привет, что такое II C?", True),  # asked in a script English does not use
        ("erkläre II A auf deutsch", True),
        # a language said of people, places, markets or what exists in it: questions the coach answers
        ("our Korean partner never says no in meetings, how do I read them?", False),
        ("the partner's engineers only talk in Polish among themselves and we feel shut out", False),
        ("is the CSAP exam offered in Swedish?", False),
        ("explain II C.1 in plain English", False),
        ("how do I translate the joint strategy into a business plan", False),
        ("we're launching with a Turkish distributor, what should the launch plan hold?", False),
    ],
)
def test_an_answer_asked_for_in_another_language(text, asks):
    assert cues.asks_in_another_language(text.lower()) is asks
