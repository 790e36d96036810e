"""The public API: `Coach().ask(question, history=[...])` → Answer(text, citations, refused)."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from coach import Answer, Citation


def test_the_public_api(coach):
    answer = coach.ask("what does a senior manager own in governance?", history=[])
    assert isinstance(answer, Answer) and isinstance(answer.text, str) and answer.refused is False
    citation = answer.citations[0]
    assert isinstance(citation, Citation)
    assert (citation.code, citation.title) == ("II C", "Alliance Governance")
    assert citation.source.startswith("ASAP Alliance Competencies Matrix")
    assert "Define and monitor alliance governance model" in citation.text
    item = next(c for c in answer.citations if c.code == "II C.1")
    assert item.title == "Design an alliance governance model" and item.flags == ("CSAP", "Core")
    assert answer.as_dict()["citations"][0]["code"] == "II C"


@pytest.mark.parametrize(
    "question",
    ["compare the mid-level and senior-level alliance managers in II C", "how many competencies does II M have?"],
)
def test_run_answers_a_typed_query_as_ask_answers_its_question(coach, question):
    """Coach.run is the entry for callers that build the Query themselves (the tools' compare_roles): the same
    operation, rendering and follow-ups as asking."""
    query = coach.understand(question)
    ran, asked = coach.run(query), coach.ask(question)
    assert ran.status == "answer" and ran.citations and ran.follow_ups
    assert (ran.text, ran.citations, ran.follow_ups) == (asked.text, asked.citations, asked.follow_ups)


def test_one_coach_is_shared_safely_across_threads(coach):
    questions = [
        "what does a senior manager own in governance?",
        "how do I end an alliance?",
        "what is a strategic alliance?",
        "what should I develop to go from CA-AM to CSAP?",
        "how much experience does a director need?",
        "What is II Z?",
        "what are the steps of the alliance lifecycle?",
        "how do I work with a competitor?",
    ]
    expected = {q: coach.ask(q).text for q in questions}
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda q: (q, coach.ask(q).text), questions * 8))
    assert all(text == expected[q] for q, text in results)


@pytest.mark.parametrize(
    "question, intent", [("", "empty"), ("   \n\t ", "empty"), (None, "empty"), ("x" * 5000, "too-long")]
)
def test_bad_input_gets_a_clear_answer_not_an_exception(coach, question, intent):
    answer = coach.ask(question)
    assert answer.refused and answer.intent == intent and answer.citations == []
    if intent == "too-long":
        assert "5,000 characters long; the limit is 4,000" in answer.text


def test_control_characters_and_surrogates_are_cleaned(coach):
    answer = coach.ask("what does a senior\x00 manager own in \ud800governance?\x07")
    assert not answer.refused and "Define and monitor alliance governance model" in answer.text


def test_history_is_cleaned_and_bounded(coach):
    history = ["noise \x00"] * 50 + ["What does a senior alliance manager own in governance?"]
    assert "Participate in alliance governance process" in coach.ask("And a director?", history=history).text


def test_questions_are_not_written_anywhere_by_default(coach, settings):
    coach.ask("what is a strategic alliance?")
    assert not (settings.home / "questions.log").exists()


def test_logging_questions_is_opt_in(coach, tmp_path):
    from dataclasses import replace

    logged = replace(coach.settings, home=tmp_path, log_questions=True)
    original = coach.settings
    coach.settings = logged
    try:
        coach.ask("what is a strategic alliance?")
    finally:
        coach.settings = original
    assert "what is a strategic alliance?" in (tmp_path / "questions.log").read_text()


@pytest.mark.parametrize(
    "history, turns",
    [
        (["a", {"role": "user", "content": "b"}, {"role": "assistant", "content": "x"}], ["a", "b"]),
        ([{"role": "user", "content": [{"type": "text", "text": "c"}, {"type": "image_url", "image_url": {}}]}], ["c"]),
        ([{"role": "assistant", "content": None}, {"role": "user", "content": "d"}], ["d"]),
    ],
)
def test_history_takes_the_message_shapes_chat_clients_send(history, turns):
    from coach.inputs import history_turns

    assert history_turns(history) == turns


@pytest.mark.parametrize(
    "history, message",
    [
        ([{"role": "user", "content": [{"type": "text", "text": 5}]}], "history[0].content[0].text must be text"),
        ([{"role": "user", "content": [{"type": "text"}]}], "history[0].content[0].text must be text"),
        ([{"role": "user", "content": [7]}], "history[0].content[0] must be a content part"),
        ([{"role": "user", "content": {"text": "x"}}], "history[0] must be a string or a message"),
        ([{"role": "user"}], "history[0] must be a string or a message"),
    ],
)
def test_a_history_message_of_the_wrong_shape_is_named(coach, history, message):
    from coach.errors import InputError
    from coach.inputs import history_turns

    with pytest.raises(InputError, match=re.escape(message)):
        history_turns(history)
    answer = coach.ask("and a director?", history=history)  # Coach.ask never raises: the answer names it
    assert answer.status == "error" and message in answer.error


def test_the_health_check_reads_the_index(coach):
    state = coach.check_index()
    assert state == {"collection": coach.index.collection_name, "records": len(coach.passages)}


def test_an_index_error_says_what_to_do_without_naming_the_server():
    from coach.errors import ChromaUnreachableError, IndexCorruptError

    failure = ChromaUnreachableError("the Chroma server at http://10.0.0.5:8000 did not answer")
    assert "10.0.0.5" in str(failure) and "10.0.0.5" not in failure.public and "resume" in failure.public
    assert IndexCorruptError("/srv/coach/indexes/x is damaged").public.startswith("the search index could not be read")
