"""The support judge (coach/support.py) against hand labels, and how answers are cut into statements."""

from pathlib import Path

import pytest
import yaml

from coach.support import SUPPORT_THRESHOLD, makes_claim, statements, support, supported

LABELS = yaml.safe_load((Path(__file__).parents[1] / "data" / "support_labels.yaml").read_text())
CLEAR = [case for case in LABELS if not case.get("blind_spot")]
BLIND = [case for case in LABELS if case.get("blind_spot")]


@pytest.mark.parametrize("case", CLEAR, ids=[c["statement"][:40] for c in CLEAR])
def test_the_judge_agrees_with_the_hand_labels(case):
    assert supported(case["statement"], case["sources"]) == case["supported"], support(
        case["statement"], case["sources"]
    )


def test_the_threshold_leaves_room_on_both_sides():
    scores = {case["supported"]: [] for case in CLEAR}
    for case in CLEAR:
        scores[case["supported"]].append(support(case["statement"], case["sources"]))
    assert min(scores[True]) >= SUPPORT_THRESHOLD + 0.05
    assert max(scores[False]) <= SUPPORT_THRESHOLD - 0.05
    assert len(CLEAR) >= 20


@pytest.mark.parametrize("case", BLIND, ids=[c["blind_spot"] for c in BLIND])
def test_known_blind_spots_stay_documented(case):
    """Word overlap cannot see a flipped negation or swapped roles: the judge calls these supported."""
    assert supported(case["statement"], case["sources"])


def test_statements_are_bullets_and_sentences_with_their_citations():
    text = (
        "Here is what the guide says [II C]:\n- Design an alliance governance model [II C.1]\n"
        "A strategic alliance is long-term. It creates value [what-is § I. Executive Summary].\n"
        "1. **Governance** — clear structures [doc § Governance]"
    )
    found = statements(text)
    assert [(s.text, s.keys, s.heading) for s in found] == [
        ("Here is what the guide says :", ("II C",), True),
        ("Design an alliance governance model", ("II C.1",), False),
        ("A strategic alliance is long-term.", (), False),
        ("It creates value .", ("what-is § I. Executive Summary",), False),
        ("**Governance** — clear structures", ("doc § Governance",), False),
    ]
    assert not found[0].claims and found[1].claims


def test_lead_ins_make_no_claim_but_numbers_always_do():
    assert not makes_claim("Here is what the guide says:")
    assert makes_claim("It is 60%.")
    assert (
        support("Up to 50% of alliances are between competitors", ["up to 40% of alliances are between competitors"])
        == 0
    )
