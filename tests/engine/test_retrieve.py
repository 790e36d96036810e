"""Hybrid retrieval: dense + BM25 fused by reciprocal rank, exact codes first, metadata filters."""

from pathlib import Path

import pytest
import yaml

from coach.codes import Code
from coach.errors import InputError, UnknownCodeError
from coach.retrieve import Filters, hit_areas

QUESTIONS = yaml.safe_load((Path(__file__).parents[1] / "data" / "retrieval_questions.yaml").read_text())


def test_at_least_thirty_questions():
    assert len(QUESTIONS) >= 30


@pytest.mark.parametrize("case", QUESTIONS, ids=[q["question"][:50] for q in QUESTIONS])
def test_the_right_area_is_in_the_top_five(retriever, case):
    """Plain hybrid search (no question understanding): the area must still be in the top 5."""
    hits = retriever.search(case["question"], k=5)
    assert Code.parse(case["area"]) in set().union(*(hit_areas(h) for h in hits)), [h.passage.id for h in hits]


def test_governance_question_lists_the_senior_responsibility_and_items(coach):
    """With the records the question's subjects point at (its role, its area) boosted in the fusion."""
    hits = coach.search("what does a senior manager own in governance?", k=5)
    ids = [h.passage.id for h in hits]
    assert "resp:senior:primary:5" in ids  # Define and monitor alliance governance model (II C)
    assert any(i.startswith("item:II C.") for i in ids)


def test_codes_typed_in_the_question_come_first(retriever):
    hits = retriever.search("tell me about II-C.3 and i c", k=3)
    assert [h.passage.id for h in hits][:1] == ["item:II C.3"]
    assert hits[0].exact
    area_hits = retriever.search("III B", k=6)
    assert [h.passage.id for h in area_hits][:5] == [
        "area:III B",
        "item:III B.1",
        "item:III B.2",
        "item:III B.3",
        "item:III B.4",
    ]


def test_unknown_codes_and_empty_queries_are_errors(retriever):
    with pytest.raises(UnknownCodeError, match="II O, II N, II M"):
        retriever.search("what is II Z?")
    with pytest.raises(InputError, match="empty"):
        retriever.search("   ")


@pytest.mark.parametrize(
    "filters, check",
    [
        (Filters(role="senior"), lambda p: p.role == "senior"),
        (Filters(kinds=("item",)), lambda p: p.kind == "item"),
        (Filters(certification="CSAP", kinds=("item",)), lambda p: p.flags.csap),
        (Filters(certification="CA-AM"), lambda p: p.flags.ca_am if p.flags else p.role == "mid"),
        (
            Filters(role="executive", kinds=("requirement",)),
            lambda p: p.role == "executive" and p.kind == "requirement",
        ),
    ],
)
def test_metadata_filters(retriever, filters, check):
    hits = retriever.search("alliance governance and partner selection", k=15, filters=filters)
    assert hits and all(check(h.passage) for h in hits)


def test_bad_filters_say_what_to_use():
    with pytest.raises(InputError, match="CA-AM or CSAP"):
        Filters(certification="PMP")
    with pytest.raises(InputError, match="use one of item"):
        Filters(kinds=("items",))
