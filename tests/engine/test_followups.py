"""Suggested follow-ups: derived from the structured query, each read back by the engine as the question it
is meant to be (a suggestion the coach would misread is worse than none)."""

import pytest

from coach.codes import Code

QUESTIONS = [
    ("what does a senior manager own in governance?", []),
    ("how many items are in II M?", []),
    ("which II M competencies are CA-AM only?", []),
    ("what does a director do?", []),
    ("what should I develop to go from CA-AM to CSAP?", []),
    ("how do I end an alliance?", []),
    ("what's in the alliance launch area?", []),
]


@pytest.mark.parametrize("question, history", QUESTIONS)
def test_every_answer_offers_two_or_three_next_questions(coach, question, history):
    answer = coach.ask(question, history)
    assert 2 <= len(answer.follow_ups) <= 3, answer.follow_ups
    assert answer.as_dict()["follow_ups"] == answer.follow_ups


@pytest.mark.parametrize("question, history", QUESTIONS)
def test_each_suggestion_is_answered_not_declined(coach, question, history):
    first = coach.ask(question, history)
    for suggestion in first.follow_ups:
        answer = coach.ask(suggestion, [*history, question])
        assert answer.status == "answer", (suggestion, answer.text[:200])


def test_a_role_in_an_area_suggests_the_next_role_and_the_csap_only_items(coach):
    suggestions = coach.ask("what does a senior manager own in governance?").follow_ups
    assert "And for the mid-level alliance manager?" in suggestions
    assert "Which Alliance Governance competencies are CSAP only?" in suggestions
    follow = coach.ask("Which Alliance Governance competencies are CSAP only?")
    assert {c.key for c in follow.citations} >= {"II C.1", "II C.3", "II C.5"}


def test_a_cut_list_offers_to_show_all_and_shows_it(coach):
    question = "what does a director own in launch?"
    first = coach.ask(question)
    assert "ask “show all”" in first.text and "Show all of them" in first.follow_ups
    everything = coach.ask("Show all of them", [question])
    assert "show all" not in everything.text and len(everything.citations) > len(first.citations)


def test_show_all_after_a_filter_that_left_nothing_out_shows_the_set_it_filtered(coach, model):
    turns = ["what's in conflict resolution?", "which of them are CA-AM only?"]
    filtered = coach.ask(turns[1], turns[:1])
    everything = coach.ask("show all", turns)
    area = model.known_area(Code.parse("I C"))
    assert {c.key for c in filtered.citations} < {c.key for c in everything.citations}
    assert {str(item.code) for item in area.items} <= {c.key for c in everything.citations}, everything.text


def test_that_one_after_an_answer_showing_one_row_is_that_row(coach):
    before = "which I C items are CA-AM only?"
    assert [c.key for c in coach.ask(before).citations if c.key.startswith("I C.")] == ["I C.5"]
    answer = coach.ask("what does that one mean?", [before])
    assert answer.text.startswith("**I C.5** is"), answer.text


@pytest.mark.parametrize("step, offset", [("and the next one?", 1), ("and the one before it?", -1)])
def test_the_next_row_after_one_pointed_at_by_position_is_the_next_position(coach, model, step, offset):
    """The 3rd of II E's CSAP-only rows (read off the model), then the 4th or the 2nd of the same list."""
    rows = [i.code for i in model.known_area(Code.parse("II E")).items if i.flags.exam == "CSAP only"]
    turns = ["what's in alliance launch?", "which of those are CSAP only?", "what does the 3rd one mean?"]
    assert coach.ask(turns[2], turns[:2]).text.startswith(f"**{rows[2]}** is")
    answer = coach.ask(step, turns)
    assert answer.text.startswith(f"**{rows[2 + offset]}** is"), answer.text


def test_refusals_suggest_nothing(coach):
    assert coach.ask("what's the weather in Boston?").follow_ups == []


def test_which_are_of_a_competency_type_filters_the_set_just_listed(coach, model):
    turns = ["list the II K items", "which are core?"]
    answer = coach.ask(turns[1], turns[:1])
    core = [item for item in model.known_area(Code.parse("II K")).items if "Core" in item.flags.kinds()]
    assert answer.text.startswith(
        f"Of the 8 items in **II K Corporate Relationship Management**, the guide flags {len(core)}"
    )
    assert {c.key for c in answer.citations if c.key.startswith("II K.")} == {str(item.code) for item in core}


def test_how_many_is_that_after_a_narrowed_answer_counts_what_it_kept(coach):
    turns = ["show me managing organizational alignment", "only the csap ones", "how many is that?"]
    narrowed = coach.ask(turns[1], turns[:1])
    kept = {c.key for c in narrowed.citations if c.key.startswith("II F.")}
    answer = coach.ask(turns[2], turns[:2])
    assert answer.text.startswith(f"The previous answer has {len(kept)} items"), answer.text


@pytest.mark.parametrize(
    "turns, code",
    [
        (["how many items are in II C?", "what's the 3rd one?"], "II C.3"),  # a count points at the rows it counted
        (
            ["what's in cultural considerations?", "only the csap ones", "how many is that?", "what is the 2nd one?"],
            "II L.2",
        ),
    ],
)
def test_a_row_by_position_after_a_count_is_among_the_rows_counted(coach, turns, code):
    answer = coach.ask(turns[-1], turns[:-1])
    assert answer.text.startswith(f"**{code}** is"), answer.text


@pytest.mark.parametrize("narrowing", ["anything on the csap but not the ca-am?", "any on neither exam?"])
def test_an_exam_narrowing_with_no_set_of_its_own_narrows_the_set_before(coach, model, narrowing):
    before = "what's in alliance governance?"
    answer = coach.ask(narrowing, [before])
    assert answer.text.startswith("Of the 6 items in **II C Alliance Governance**"), answer.text
    assert all(c.key.startswith("II C") or c.key.startswith("asap-guide") for c in answer.citations), answer.citations


def test_compare_them_sets_the_two_turns_before_side_by_side(coach):
    turns = ["education needed for a director?", "and for a senior alliance manager?", "compare them"]
    answer = coach.ask(turns[2], turns[:2])
    assert answer.intent == "compare", answer.text
    assert "**Executive-level Alliance Manager**" in answer.text and "**Senior-level Alliance Manager**" in answer.text
    assert "Education Requirements" in answer.text, answer.text
