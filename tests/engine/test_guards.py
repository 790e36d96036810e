"""The turns no example can teach: an answer asked for in another language (coach/guards.py).

Small talk and injection markers are tested through the coach, in tests/engine/test_refusals.py."""

import pytest

from coach import guards


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
    assert guards.asks_in_another_language(text.lower()) is asks
