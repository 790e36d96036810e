"""Does the corpus answer this? The tuning cases for coach/compose/concepts.py, kept as tests: every
answerable question is answered from the right sentence, every unanswerable one is said to be unanswered."""

from pathlib import Path

import pytest
import yaml

from coach.spelling import Speller
from grounding import assert_grounded

CASES = yaml.safe_load((Path(__file__).parent / "data" / "concept_questions.yaml").read_text())


@pytest.mark.parametrize("case", CASES["answerable"], ids=[c["question"][:45] for c in CASES["answerable"]])
def test_answerable_questions_are_answered_from_the_articles(coach, model, documents, case):
    answer = coach.ask(case["question"])
    assert not answer.refused and case["expect"].lower() in answer.text.lower(), answer.text
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question", CASES["not_answerable"])
def test_unanswerable_questions_say_so(coach, question):
    answer = coach.ask(question)
    assert answer.refused, answer.text


@pytest.mark.parametrize("typed, meant", [
    ("what is a strategic aliance?", "what is a strategic alliance?"),
    ("what does a senor manager own in goverance?", "what does a senior manager own in governance?"),
    ("negociation with competitrs", "negotiation with competitors"),
])
def test_misspellings_are_corrected_from_the_corpus_vocabulary(documents, typed, meant):
    speller = Speller([d.text for d in documents])
    assert speller.correct(typed) == meant


@pytest.mark.parametrize("typed", ["why does it matter?", "what about lunch meetings?", "whose budget pays?"])
def test_english_words_the_corpus_does_not_use_are_left_alone(documents, typed):
    assert Speller([d.text for d in documents]).correct(typed) == typed  # not "master", "launch", "whole"


def test_weather_is_not_corrected_into_an_alliance_question(coach):
    assert coach.ask("what is the weather in Atlanta?").intent == "out-of-scope"
