"""Ranked evidence and the two judgements made on it: is the question inside alliance management, and do the
documents answer it? The answerable / not answerable questions in tests/data/concept_questions.yaml are the
calibration set for the thresholds in coach/evidence.py (the frozen eval split is never used for that)."""

from pathlib import Path

import pytest
import yaml
from grounding import assert_grounded

from coach.evidence import ask_kind
from coach.spelling import Speller

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "concept_questions.yaml").read_text())


# A known miss since the seventeenth library writer (2026-12-05): the router now reads "what attributes make a good
# negotiator?" as advice (0.49; it was a list, 0.51), so the answer leads with II I's competencies and shows the
# article's closest sentence ("Being a great negotiator is necessary but insufficient"), not its list of
# attributes. Left failing rather than fitted: the library is not edited for one question.
KNOWN_MISSES = {
    "what attributes make a good negotiator?": "read as advice since the seventeenth library writer",
}


def _answerable(case):
    reason = KNOWN_MISSES.get(case["question"])
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(case, marks=marks, id=case["question"][:45])


@pytest.mark.parametrize("case", [_answerable(c) for c in CASES["answerable"]])
def test_answerable_questions_are_answered_from_the_right_sentence(coach, model, documents, case):
    answer = coach.ask(case["question"])
    assert answer.status == "answer" and case["expect"].lower() in answer.text.lower(), answer.text
    assert_grounded(answer, model, documents)


NOT_COVERED_RECALL = 0.3  # a floor; the measured rate is in the README's evaluation section


def test_in_domain_questions_the_documents_do_not_answer_mostly_say_so(coach):
    """Deciding that the documents do not cover an everyday question (a newsletter, a portal) from evidence
    alone is the engine's weakest judgement: this is a floor, and the README gives the measured rate."""
    answers = {q: coach.ask(q) for q in CASES["not_answerable"]}
    said = [q for q, answer in answers.items() if answer.status == "not-covered"]
    assert len(said) >= NOT_COVERED_RECALL * len(answers), sorted(set(answers) - set(said))
    for question in said:
        text = answers[question].text
        assert text.startswith("The guide and the four articles don't cover that.")
        assert answers[question].citations, "it offers the nearest topics the documents do cover, each cited"


@pytest.mark.parametrize(
    "question, kind",
    [
        ("how much does the CSAP exam cost?", "figure"),
        ("what's a typical salary for an alliance director?", "figure"),
        ("what revenue share split is standard - 70/30?", "figure"),
        ("how much is an ASAP corporate membership?", "figure"),
        ("how much of our roadmap can I show the partner?", "advice"),
        ("I have no budget and nobody reports to me", "advice"),
        ("the partner keeps missing milestones", "advice"),
        ("how do I end an alliance?", "advice"),
        ("what is a strategic alliance?", "fact"),
        ("whats a strategic alliance?", "fact"),
        ("my partner and I keep fighting over the same customers - which part of the matrix helps?", "advice"),
        ("we signed last year. which competencies matter now?", "advice"),
        ("which competencies matter after signing?", "fact"),
        ("is coopetition - cooperation among competitors - common?", "fact"),
        ("which area covers exit strategy?", "advice"),  # where in the matrix: the closest areas answer
        ("where in the matrix is partner onboarding?", "advice"),
    ],
)
def test_what_kind_of_answer_a_question_wants(question, kind):
    assert ask_kind(question) == kind


@pytest.mark.parametrize("question", ["which GDPR clauses do we need?", "how much MDF should partners get?"])
def test_an_acronym_the_corpus_never_uses_is_not_answered_from_nearby_words(coach, question):
    assert coach.ask(question).status == "not-covered"


@pytest.mark.parametrize(
    "question, answered",
    [
        ("How long is the CA-AM exam in minutes", False),  # was answered: "long" and "minutes" ~ "time" matched
        ("how long do I have to earn the CA-AM after I'm hired?", True),  # "within one year of hire"
    ],
)
def test_a_duration_the_router_doubts_is_answered_only_by_a_time_span(coach, question, answered):
    """Words in common ("CA-AM", "long") are no answer to how long: a time span said of the thing asked is."""
    assert (coach.ask(question).status == "answer") == answered


@pytest.mark.parametrize(
    "question, answered",
    [
        ("how many questions are on the CSAP exam?", False),
        ("how long do I have to earn the CA-AM after I'm hired?", True),
    ],
)
def test_when_the_router_is_sure_the_record_must_hold_what_the_question_names(coach, question, answered):
    """A sentence holding "question" but not "CSAP" does not answer how many questions the CSAP exam has; the
    job description's row holding "CA-AM" and "hire" answers the other (coach/tuning.py, sure_not_covered)."""
    assert (coach.ask(question).status == "answer") == answered


@pytest.mark.parametrize(
    "question",
    [
        "which KPIs should we track for our alliance?",
        "what's the roach motel thing?",
        "our partner went quiet, what now?",
    ],
)
def test_everyday_words_are_read_through_the_corpus_vocabulary(coach, question):
    assert coach.ask(question).status == "answer"


def test_related_words_come_from_the_embeddings(coach):
    query = coach.understand("what if we'd rather reshape the alliance than end it?")
    assert "transform" in coach.engine.ranker.evidence(query).related


def test_a_situation_finds_the_prose_closest_in_meaning_whatever_its_words(coach):
    query = coach.understand("we've got a bunch of zombie partnerships that nobody will shut down")
    evidence = coach.engine.ranker.evidence(query)
    closest = evidence.closest
    assert [row.closeness for row in closest] == sorted((row.closeness for row in closest), reverse=True)
    assert any("roach motel" in row.sentence for row in closest[:3]), [row.sentence for row in closest[:3]]
    roach = next(row for row in closest if "roach motel" in row.sentence)
    assert evidence.prose_closeness[roach.passage.id] == pytest.approx(roach.closeness)


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("what is a strategic aliance?", "what is a strategic alliance?"),
        ("what does a senor manager own in goverance?", "what does a senior manager own in governance?"),
        ("negociation with competitrs", "negotiation with competitors"),
    ],
)
def test_misspellings_are_corrected_from_the_corpus_vocabulary(documents, typed, meant):
    speller = Speller([d.text for d in documents])
    assert speller.correct(typed) == meant


@pytest.mark.parametrize("typed", ["why does it matter?", "what about lunch meetings?", "whose budget pays?"])
def test_english_words_the_corpus_does_not_use_are_left_alone(documents, typed):
    assert Speller([d.text for d in documents]).correct(typed) == typed  # not "master", "launch", "whole"


def test_weather_is_not_corrected_into_an_alliance_question(coach):
    assert coach.ask("what is the weather in Atlanta?").intent == "out-of-scope"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the partner stopped trusting us", "the stopped trusting us"),
        ("my alliance relationships are a mess", "my are a mess"),
        ("what is alliance management?", "what is alliance management?"),  # nothing distinctive left: the whole
    ],
)
def test_the_distinctive_words_of_a_question(coach, text, expected):
    from coach.evidence import distinctive

    assert distinctive(text, coach.engine.lexicon.generic) == expected


@pytest.mark.parametrize(
    "question, orphans",
    [
        ("what equity split should the joint venture partners agree on?", ["equity"]),
        ("how do we depreciate the assets we put into the joint venture?", ["depreciate"]),
        ("how do we reshape the alliance after the merger?", []),  # close to "transform", "acquisition"…
        ("how do I build trust with the partner's team?", []),  # every word is the corpus's own
    ],
)
def test_orphan_words_are_the_focus_words_nothing_in_the_documents_is_close_to(coach, question, orphans):
    """What `covered` reads, with the router's not-covered probability, as a sign the documents do not discuss
    what is asked (coach/tuning.py, orphan_word_not_covered; scripts/orphan_words.py measures it)."""
    evidence = coach.engine.ranker.evidence(coach.engine.understand(question, []))
    assert list(evidence.orphans) == orphans
