import pytest

from coach.codes import Code, find_codes, format_codes
from coach.errors import CodeSyntaxError


@pytest.mark.parametrize(
    "text, expected",
    [
        ("II C", "II C"),
        ("II.C", "II C"),
        ("2C", "II C"),
        ("II-C.3", "II C.3"),
        ("section II C", "II C"),
        ("ii c", "II C"),
        ("[II C.1]", "II C.1"),
        ("III B", "III B"),
        ("i a", "I A"),
        ("3.b.2", "III B.2"),
        ("IIC", "II C"),
        ("  ii . m . 10 ", "II M.10"),
        ("IV A", "IV A"),
        ("2I", "II I"),
        ("II I.3", "II I.3"),
    ],
)
def test_every_written_form_parses_to_one_value(text, expected):
    assert str(Code.parse(text)) == expected


@pytest.mark.parametrize("text", ["", "governance", "II", "III", "C.1", "II CC", "XX A", "II C.1000", "[]"])
def test_non_codes_are_rejected_with_a_clear_message(text):
    with pytest.raises(CodeSyntaxError, match="matrix code"):
        Code.parse(text)


def test_codes_format_and_sort_in_matrix_order():
    codes = [Code.parse(c) for c in ("II C.2", "II C", "I A.3", "III A", "II C.10")]
    assert [str(c) for c in sorted(codes)] == ["I A.3", "II C", "II C.2", "II C.10", "III A"]
    assert Code.parse("II C.4").area == Code(2, "C")
    assert format_codes([Code(2, "O"), Code(3, "B")]) == "II O and III B"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("What does II C cover?", ["II C"]),
        ("compare II-C.3 with [2C] and section iii a", ["II C.3", "II C", "III A"]),
        ("what about ii m?", ["II M"]),
        ("Explain I C please", ["I C"]),
        ("II Z, IV A and II C.40", ["II Z", "IV A", "II C.40"]),
        # words that merely look like codes are not codes
        ("the IT department, VIP partners, 3D printing, B2C channels", []),
        ("can i ask about alliances?", []),
        ("see [what-is-alliance-management] and [Governance]", []),
    ],
)
def test_codes_found_in_running_text(text, expected):
    assert [str(c) for c in find_codes(text)] == expected
