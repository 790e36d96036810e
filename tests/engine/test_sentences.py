"""coach/sentences.py, the one sentence splitter (prose and the coach's Markdown) and the prose's sentences
scored against a question, on hand-made passages. No index, no model: the fast tier."""

import pytest

from coach.records import Passage
from coach.sentences import SentenceIndex, split_markdown, split_sentences
from coach.support import CITATION


def test_prose_is_cut_at_sentence_ends_only():
    text = "Alliances fail. Most do! Why? because of culture. e.g. this stays. Ok. “Quoted” starts one."
    assert split_sentences(text) == [
        "Alliances fail.",
        "Most do!",
        "Why? because of culture. e.g. this stays.",  # a lower-case start is no new sentence
        "“Quoted” starts one.",  # "Ok." is three characters: a fragment, dropped
    ]


def test_markdown_is_cut_before_bold_and_never_inside_a_citation():
    line = "Define it [asap-guide § I. Executive Summary]. **II C** owns it. Done [II C.1]."
    assert split_markdown(line, keep=CITATION) == [
        "Define it [asap-guide § I. Executive Summary].",
        "**II C** owns it.",
        "Done [II C.1].",
    ]
    assert split_markdown("One. Two ") == ["One.", "Two "]  # as written: not stripped
    assert split_sentences("One thing. **Bold** next.") == ["One thing. **Bold** next."]  # prose has no bold


def passage(ident: str, text: str, heading: str = "") -> Passage:
    return Passage(id=ident, kind="passage", text=text, search_text=text, document="article", heading=heading)


PROSE = [
    passage("p1", "Partners share a governance board. The board meets every quarter."),
    passage("p2", "Why would a partner leave? Trust erodes when nobody meets.", heading="Exit"),
    passage("p3", "Governance boards escalate disputes to executive sponsors."),
]
QUESTION = "how often does the governance board meet?"


def test_a_sentence_with_more_of_the_question_s_words_ranks_higher():
    best = SentenceIndex(PROSE).best(QUESTION, similarity={})
    assert best[-1].sentence == "Trust erodes when nobody meets."  # one of the question's words; the others two
    assert best[-1].coverage < min(row.coverage for row in best[:-1])
    assert "Why would a partner leave?" not in [row.sentence for row in best]  # a rhetorical question answers nothing


def test_closeness_in_meaning_adds_to_the_words_shared():
    best = SentenceIndex(PROSE).best(QUESTION, similarity={"p3": 0.9})  # its passage is close to the question
    assert best[0].sentence == "Governance boards escalate disputes to executive sponsors."
    assert best[0].score == pytest.approx(best[1].score + 0.9)


def test_without_sentence_vectors_nothing_is_found_by_meaning_alone():
    assert SentenceIndex(PROSE).by_meaning([1.0], 3) == ([], {}, 0.0)
