"""The public API: `Coach().ask(question, history=[...])` → Answer(text, citations, refused)."""

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
