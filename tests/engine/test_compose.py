"""Rendering a typed Result to Markdown with citations: every statement carries the citations of its sources,
a list head cites before its colon, a cut list says how many it left out, refusals are short."""

from coach.codes import Code
from coach.compose import render
from coach.results import Point, Result
from coach.support import statements


def test_each_sentence_of_a_lead_carries_its_citations(model, coach):
    description = coach.index.by_id["fact:senior:description"]
    result = Result(lead=[Point("First sentence here. Second sentence there", (description,))])
    answer = render(result, model, {})
    key = "asap-guide § Senior-level Alliance Manager: Position Description"
    assert answer.text == f"First sentence here [{key}]. Second sentence there [{key}]."
    assert [c.key for c in answer.citations] == [key]


def test_a_list_head_cites_before_its_colon_and_bullets_carry_their_own(model, coach):
    item = coach.index.by_id["item:II C.1"]
    result = Result(lead=[Point("The items:", (Code.parse("II C"),))])
    result.add("In II C", [Point("Design an alliance governance model", (item,), "(CSAP only)")], hidden=4)
    text = render(result, model, {}).text
    assert text.splitlines()[0] == "The items [II C]:"
    assert "**In II C**" in text and "- Design an alliance governance model [II C.1] (CSAP only)" in text
    assert "_…and 4 more: ask “show all” to see them._" in text
    notes = [s for s in statements(text) if "show all" in s.text]
    assert notes and not notes[0].claims  # a note about the answer makes no claim


def test_status_and_follow_ups_pass_through(model):
    result = Result(
        status="not-covered",
        message="The guide and the four articles don't cover that.",
        follow_ups=["What does the guide say about II G?"],
    )
    answer = render(result, model, {})
    assert answer.status == "not-covered" and not answer.refused
    assert answer.follow_ups == ["What does the guide say about II G?"]


def test_area_citations_state_the_counts_an_answer_may_quote(coach):
    answer = coach.ask("how many items are in II M?")
    area = next(c for c in answer.citations if c.key == "II M")
    assert "11 items" in area.text and "CA-AM only 0" in area.text and "neither exam 1" in area.text
