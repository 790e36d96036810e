"""The competency model parsed from the guide. Counts and flags below were read by hand from the guide's
tables (tab-separated, X columns read by their position under each table's own header row)."""

import pytest

from coach.codes import Code
from coach.errors import CorpusError, UnknownCodeError
from coach.model.matrix import parse_matrix
from coach.model.roles import parse_roles

AREA_COUNTS = {
    "I A": 7,
    "I B": 10,
    "I C": 7,
    "II A": 9,
    "II B": 3,
    "II C": 6,
    "II D": 5,
    "II E": 12,
    "II F": 8,
    "II G": 7,
    "II H": 7,
    "II I": 7,
    "II J": 5,
    "II K": 8,
    "II L": 6,
    "II M": 11,
    "II N": 5,
    "II O": 5,
    "III A": 5,
    "III B": 4,
    "III C": 3,
}

# code, statement, flags — checked by hand against the guide
HAND_CHECKED = [
    ("I A.6", "Explain risk factors", {"CSAP", "Company"}),
    ("I A.3", "Explain alliance teams and roles", {"CA-AM", "CSAP", "Context", "Core"}),
    ("I B.1", "Articulate alliance life cycle phases", {"CSAP", "Core"}),
    ("I C.5", "Recommend external sources of resolution (e.g., arbitration, mediation)", {"CA-AM", "Context"}),
    ("I C.6", "Invoke external sources of resolution (e.g., arbitration, mediation)", {"CSAP", "Context"}),
    ("II A.1", "Help develop alliance strategy on a company/business unit level", {"CSAP", "Core", "Company"}),
    ("II C.1", "Design an alliance governance model", {"CSAP", "Core"}),
    ("II C.4", "Demonstrate norms and values of the alliance", {"CA-AM", "Core"}),
    ("II E.8", "Communicate shared objectives with virtual teams", {"CA-AM", "Context"}),
    (
        "II G.3",
        "Monitor the alliance's overall impact on the business (e.g., product line, line of business, customer base)",
        {"CA-AM", "CSAP", "Company"},
    ),
    ("II G.7", "Explain how industry conditions affect alliances in this capability area", {"Industry", "Core"}),
    ("II H.4", "Define alliance value proposition", {"CA-AM", "Core", "Company"}),
    ("II K.7", "Promote alliances' value across the organization", {"CA-AM", "Context", "Core", "Company"}),
    (
        "II L.3",
        "Define cultural and regional issues of locations where the alliance is operating",
        {"CA-AM", "Context", "Core"},
    ),
    ("II M.3", "negotiate specific termination provisions", {"CA-AM", "CSAP", "Context"}),
    ("III B.3", "Identify resources needed to address gaps in skills and skill levels", {"CSAP", "Core", "Company"}),
    (
        "III C.3",
        "Explain how industry conditions affect alliances in this capability area",
        {"Industry", "Core", "Company"},
    ),
]


def test_21_areas_and_140_items(model):
    assert len(model.areas) == 21
    assert len(model.items) == 140
    assert {str(a.code): len(a.items) for a in model.areas} == AREA_COUNTS
    assert model.section_names == {
        1: "Alliance Capabilities",
        2: "Specific Skills Development and Mastery",
        3: "Corporate Capability for Collaboration",
    }


@pytest.mark.parametrize("code, statement, flags", HAND_CHECKED, ids=[row[0] for row in HAND_CHECKED])
def test_flags_read_by_column_position(model, code, statement, flags):
    item = model.item(Code.parse(code))
    assert item.statement == statement
    assert set(item.flags.labels()) == flags


def test_items_are_numbered_in_printed_order(model):
    governance = model.area(Code.parse("II C"))
    assert governance.name == "Alliance Governance"
    assert [i.statement for i in governance.items][:2] == [
        "Design an alliance governance model",
        "Execute an established alliance governance model",
    ]
    assert [str(i.code) for i in governance.items] == [f"II C.{n}" for n in range(1, 7)]


def test_termination_and_transformation_group_items_and_are_not_items(model):
    area = model.area(Code.parse("II M"))
    assert "Termination:" not in [i.statement for i in area.items]
    groups = [(str(i.code), i.group) for i in area.items]
    assert groups[1:6] == [(f"II M.{n}", "Termination") for n in range(2, 7)]
    assert groups[6:9] == [(f"II M.{n}", "Transformation") for n in range(7, 10)]
    assert groups[0][1] == groups[9][1] == groups[10][1] == ""  # assess / document / explain stand alone
    assert area.items[1].label == "Termination: create a plan for ending an alliance"


def test_continued_tables_continue_their_area(model):
    # "II M Termination and/or Transformation (continued)" runs across a page break
    assert [a.name for a in model.areas].count("Termination and/or Transformation") == 1
    assert str(model.area(Code.parse("II M")).items[-1].code) == "II M.11"


def test_section_i_has_no_industry_column(model):
    assert not any(i.flags.industry for a in model.areas if a.code.section == 1 for i in a.items)
    # the "industry conditions" row closes every area of II and III except II B, which has none in the guide
    assert sum(i.flags.industry for i in model.items) == 17


def test_roles(model):
    mid, senior, executive = model.roles
    assert (mid.name, mid.certification, mid.example_titles) == (
        "Mid-level Alliance Manager",
        "CA-AM",
        "Alliance Manager",
    )
    assert (senior.name, senior.certification) == ("Senior-level Alliance Manager", "CSAP")
    assert senior.example_titles == "Senior Alliance or Partner Manager"
    assert (executive.example_titles, executive.certification) == ("Director or VP, Strategic Alliances", "CSAP")
    assert (len(mid.primary), len(mid.secondary)) == (9, 4)
    assert (len(senior.primary), len(senior.secondary)) == (12, 3)
    assert (len(executive.primary), len(executive.secondary)) == (8, 3)
    assert (
        executive.reporting
        == "The director of alliance management will report to a divisional or organizational executive."
    )
    assert mid.experience[0] == "Overall: 8+ years of related Industry experience"
    assert senior.education == "MS/MBA highly desired; BS/BA or equivalent minimum"
    assert mid.certification_requirements.startswith("CA-AM to be earned within one year of hire")
    assert (
        mid.position_description[1]
        == "- developing and maintaining relationships with all individuals involved in the alliance"
    )


@pytest.mark.parametrize(
    "role, kind, position, text, codes",
    [
        ("mid", "secondary", 1, "Support governance process", ["I A", "II C"]),
        ("senior", "primary", 5, "Define and monitor alliance governance model", ["II C"]),
        (
            "senior",
            "primary",
            10,
            "Define and implement capability development process for alliance stakeholders",
            ["II O", "III B"],
        ),
        (
            "executive",
            "primary",
            3,
            "Participate in partner selection process, advising on fit to overall alliance portfolio",
            ["II B", "III C"],
        ),
        (
            "executive",
            "primary",
            1,
            "Provide direct management support for team, including but not limited to hiring, "
            "skill development, performance evaluation, and resource allocation",
            [],
        ),
    ],
)
def test_responsibilities_carry_the_codes_in_their_parentheses(model, role, kind, position, text, codes):
    resp = getattr(model.role(role), kind)[position - 1]
    assert (resp.text, [str(c) for c in resp.codes]) == (text, codes)


def test_every_code_a_job_description_names_is_a_matrix_area(model):
    named = {code for role in model.roles for r in role.responsibilities for code in r.codes}
    assert len(named) == 21  # every area is owned by at least one responsibility
    assert all(model.exists(code) and not code.is_item for code in named)


def test_who_owns_an_area(model):
    owners = [(r.role_id, r.kind, r.text) for r in model.responsibilities_for(Code.parse("II C"))]
    assert owners == [
        ("senior", "primary", "Define and monitor alliance governance model"),
        ("executive", "primary", "Participate in alliance governance process"),
        ("mid", "secondary", "Support governance process"),
    ]


def test_competency_categories(model):
    names = [c.name for c in model.categories]
    assert names == [
        "Context Competencies",
        "Core Competencies",
        "Business and Industry Knowledge",
        "Company-Specific Competencies",
    ]
    context, core, business, company = model.categories
    assert len(context.groups[0][1]) == 17 and context.groups[0][1][0] == "Communication Skills"
    assert [g for g, _ in core.groups] == [
        "I. Alliance Capabilities",
        "II. Specific Skills Development and Mastery",
        "III. Corporate Capability for Collaboration",
    ]
    assert [len(items) for _, items in core.groups] == [3, 15, 3]
    assert [g for g, _ in business.groups] == ["I. Business Knowledge", "II. Industry Knowledge"]
    assert len(company.groups[0][1]) == 9 and company.description.startswith("These knowledge elements")


@pytest.mark.parametrize(
    "code, nearest",
    [
        ("II C.40", ["II C", "II C.6"]),
        ("II Z", ["II O", "II N", "II M"]),
        ("IV A", ["I A", "II A", "III A"]),
    ],
)
def test_unknown_codes_name_their_nearest_neighbours(model, code, nearest):
    with pytest.raises(UnknownCodeError) as caught:
        model.check(Code.parse(code))
    assert caught.value.suggestions == nearest
    assert code in str(caught.value)


def test_parser_rejects_a_table_that_reopens_an_area():
    lines = [
        "I. Alliance Capabilities",
        "\t\tCA-AM\tCSAP\t\tContext\tCore\tCompany",
        "A\tGovernance\t\t\t\t\t\t",
        "\tAn item\tX\t\t\t\t\t",
        "A\tGovernance\t\t\t\t\t\t",
    ]
    with pytest.raises(CorpusError, match="appears twice"):
        parse_matrix(lines)


def test_parser_rejects_unknown_job_description_rows():
    with pytest.raises(CorpusError, match="not one the parser knows"):
        parse_roles(["Salary\ta\tb\tc"])
