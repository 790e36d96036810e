"""The typed records (coach/records.py): an Answer's one status and what is derived from it, flags, profiles.
No index, no model: the fast tier."""

import json

import pytest

from coach.errors import InputError
from coach.records import (
    ANSWER_STATUSES,
    Answer,
    Citation,
    DocumentKind,
    Flags,
    Profile,
    RecordKind,
    Responsibility,
    ResponsibilityKind,
    Status,
    exam_split,
)

# status → (refused, as the JSON says it): `refused` is derived from the one status, never set beside it
DERIVED = [
    (Status.ANSWER, False),
    (Status.NOT_COVERED, False),
    (Status.SMALL_TALK, False),
    (Status.REFUSED, True),
    (Status.ERROR, True),
]


@pytest.mark.parametrize(("status", "refused"), DERIVED)
def test_refused_is_derived_from_the_status(status, refused):
    answer = Answer("text", status=status, error="it failed" if status is Status.ERROR else None)
    assert answer.refused is refused and answer.status is status
    with pytest.raises(AttributeError):
        answer.refused = not refused  # read-only: the status is the one place it is said


@pytest.mark.parametrize("value", ["answer", "not-covered", "refused", "small-talk", "error"])
def test_a_status_is_its_string_in_comparisons_and_json(value):
    answer = Answer("text", status=value, error="x" if value == "error" else None)
    assert answer.status == value and isinstance(answer.status, Status)  # a plain string is read as its Status
    data = answer.as_dict()
    assert data["status"] == value and type(data["status"]) is str
    assert json.loads(json.dumps(data))["status"] == value


def test_the_json_keeps_its_keys_and_values():
    citation = Citation("II C", "Alliance Governance", "Define it", "matrix", "area", ("CSAP",))
    answer = Answer("Define it [II C]", [citation], intent="explain", follow_ups=["And a director?"])
    assert answer.as_dict() == {
        "text": "Define it [II C]",
        "citations": [
            {
                "code": "II C",
                "title": "Alliance Governance",
                "text": "Define it",
                "source": "matrix",
                "kind": "area",
                "flags": ["CSAP"],
            }
        ],
        "refused": False,
        "status": "answer",
        "follow_ups": ["And a director?"],
        "backend": "composer",
        "notes": [],
        "intent": "explain",
        "error": None,
        "guard": None,
    }
    declined = Answer("Outside.", status=Status.REFUSED, intent="out-of-scope").as_dict()
    assert declined["refused"] is True and declined["status"] == "refused" and declined["intent"] == "out-of-scope"


def test_a_status_that_is_not_one_and_an_error_without_its_status_are_refused():
    with pytest.raises(ValueError, match="not-a-status"):
        Answer("text", status="not-a-status")
    with pytest.raises(ValueError, match="go together"):
        Answer("text", error="it failed")  # an error message on an "answer"
    with pytest.raises(ValueError, match="go together"):
        Answer("text", status=Status.ERROR)  # an error without saying what failed
    assert ANSWER_STATUSES == ("answer", "not-covered", "refused", "small-talk", "error")


@pytest.mark.parametrize(
    ("ca_am", "csap", "exam"),
    [(True, True, "both"), (True, False, "CA-AM only"), (False, True, "CSAP only"), (False, False, "neither")],
)
def test_flags_place_an_item_among_the_exams(ca_am, csap, exam):
    flags = Flags(ca_am=ca_am, csap=csap, core=True)
    assert flags.exam == exam and flags.matches(exam) and flags.matches(None)
    assert flags.at("CSAP") is csap and flags.at("CA-AM") is ca_am and flags.at(None) is False
    assert flags.kinds() == ["Core"] and flags.levels() == [
        label for label, on in (("CA-AM", ca_am), ("CSAP", csap)) if on
    ]


def test_exam_split_counts_every_group():
    class Item:
        def __init__(self, **flags):
            self.flags = Flags(**flags)

    split = exam_split([Item(ca_am=True, csap=True), Item(csap=True), Item(csap=True), Item()])
    assert split == {"both": 1, "CSAP only": 2, "CA-AM only": 0, "neither": 1}


@pytest.mark.parametrize(("role", "certification"), [("director", None), (None, "PMP"), ("Senior", "CSAP")])
def test_a_profile_names_the_bad_value(role, certification):
    with pytest.raises(InputError, match=repr(role or certification)):
        Profile(role=role, certification=certification)


def test_an_empty_profile_is_empty():
    assert Profile().empty and not Profile(role="mid").empty and not Profile(certification="CSAP").empty


def test_record_kinds_compare_and_write_as_their_strings():
    assert RecordKind.ITEM == "item" and DocumentKind.ARTICLE == "article" and ResponsibilityKind.PRIMARY == "primary"
    resp = Responsibility("mid", ResponsibilityKind.SECONDARY, "Lead it", (), 2)
    assert resp.record_id == "resp:mid:secondary:2"
    assert f"{resp.kind} responsibility" == "secondary responsibility"
    as_json = json.dumps({"kind": RecordKind.PASSAGE, "role": ResponsibilityKind.PRIMARY})
    assert as_json == '{"kind": "passage", "role": "primary"}'
