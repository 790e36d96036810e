"""Grounded answers from the composer (no LLM), through the public API `Coach.ask`."""

import pytest

from grounding import assert_grounded


def ask(coach, question, history=()):
    return coach.ask(question, history=list(history))


def test_the_governance_question(coach, model, documents):
    answer = ask(coach, "what does a senior manager own in governance?")
    assert not answer.refused and answer.intent == "role-area"
    assert "“Define and monitor alliance governance model” [II C]" in answer.text
    for code, statement in [("II C.1", "Design an alliance governance model"),
                            ("II C.2", "Execute an established alliance governance model"),
                            ("II C.3", "Draft statements of mission, vision, norms, and values"),
                            ("II C.5", "Develop risk mitigation measures")]:
        assert f"{statement} [{code}]" in answer.text
    assert "[II C.4]" not in answer.text.split("For contrast")[0]  # CA-AM only: not at the CSAP level
    assert "CSAP only" in answer.text
    assert_grounded(answer, model, documents)


def test_and_a_director(coach, model, documents):
    answer = ask(coach, "And a director?", ["What does a senior alliance manager own in governance?"])
    assert "“Participate in alliance governance process” [II C]" in answer.text
    assert answer.text.index("Participate in alliance governance") < answer.text.index("For contrast")
    assert_grounded(answer, model, documents)


def test_what_about_launch_keeps_the_role(coach, model, documents):
    answer = ask(coach, "what about launch?", ["What does a senior alliance manager own in governance?"])
    assert "senior-level alliance manager" in answer.text and "[II E" in answer.text
    assert "names no responsibility in II E" in answer.text  # the senior role has none; the guide gives it to mid
    assert "“Implement successful alliance launch” [II E]" in answer.text
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question, must", [
    ("what does an alliance manager own in launch?",
     ["“Implement successful alliance launch” [II E]", "Execute an effective alliance launch plan [II E.2]",
      "Only expected at CSAP", "Develop an effective alliance launch plan [II E.1]"]),
    ("what is a director responsible for in skill development?",
     ["“Oversee capability development process for alliance stakeholders” [III B]",
      "Build skills in stakeholders [III B.2]"]),
    ("what does the mid-level alliance manager do across the life cycle?",
     ["“Support activities occurring across alliance life cycle” [I B]", "Conduct partner profiling [I B.2]"]),
])
def test_role_in_area(coach, model, documents, question, must):
    answer = ask(coach, question)
    for text in must:
        assert text in answer.text
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question, must", [
    ("how do I end an alliance?", ["create a plan for ending an alliance [II M.2]",
                                   "“Ensure orderly transition/transformation of alliance” [II M]"]),
    ("what does II C cover?", ["Design an alliance governance model [II C.1] (CSAP only · Core)",
                               "Demonstrate norms and values of the alliance [II C.4] (CA-AM only · Core)"]),
    ("how do I work with a competitor?", ["Protect information that should not be shared [II N.2]",
                                          "“Identify and manage potential and actual competitive situations with partner” [II N]"]),
])
def test_area(coach, model, documents, question, must):
    answer = ask(coach, question)
    assert answer.intent == "area"
    for text in must:
        assert text in answer.text
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question, code, statement", [
    ("what does II C.1 mean?", "II C.1", "Design an alliance governance model"),
    ("explain II-M.3", "II M.3", "Termination: negotiate specific termination provisions"),
    ("what is [I B.9]?", "I B.9", "Predict how activities, metrics, and team roles may vary as an alliance matures"),
])
def test_item(coach, model, documents, question, code, statement):
    answer = ask(coach, question)
    assert f"**{code}** is “{statement}”" in answer.text and f"[{code}]" in answer.text
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question", ["what are the steps of the alliance lifecycle?",
                                      "what are the phases of an alliance?",
                                      "what does alliance management involve?"])
def test_lifecycle(coach, model, documents, question):
    answer = ask(coach, question)
    for step in ("Strategy Development", "Partner Assessment", "Negotiation and Agreement", "Relationship Building",
                 "Governance", "Performance Management"):
        assert f"**{step}**" in answer.text
        assert f"[what-is-alliance-management § {step}]" in answer.text
    assert "“What is Alliance Management?” describes six activities" in answer.text
    assert "Articulate alliance life cycle phases [I B.1]" in answer.text
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question, gap, not_gap", [
    ("what should I develop to go from CA-AM to CSAP?", ["Design an alliance governance model [II C.1]",
                                                         "Mentor alliance managers [II O.3]"],
     ["[II C.2]", "[II C.4]"]),
    ("what are the CSAP-only items?", ["Explain risk factors [I A.6]"], ["[I A.1]"]),
    ("how do I move from mid-level to senior?", ["Articulate alliance life cycle phases [I B.1]",
                                                 "Overall: 12+ years of related Industry experience"], ["[II M.2]"]),
])
def test_development(coach, model, documents, question, gap, not_gap):
    answer = ask(coach, question)
    assert answer.intent == "development"
    assert "55 competencies are expected at CSAP but not at CA-AM" in answer.text
    for text in gap:
        assert text in answer.text
    for code in not_gap:
        assert code not in answer.text
    assert "CSAP Must maintain CSAP status thereafter" in answer.text
    assert_grounded(answer, model, documents)


def test_development_orders_areas_by_the_target_role(coach):
    answer = ask(coach, "I am an alliance manager and want to become a director")
    lines = [line for line in answer.text.splitlines() if line.startswith("- **")]
    assert "a primary responsibility of the target role" in lines[0]
    assert lines.index(next(l for l in lines if l.startswith("- **I B"))) < lines.index(
        next(l for l in lines if l.startswith("- **II E")))  # I B is the director's, II E is not
    assert "Specialized: 10+ years of total experience in relationship management" in answer.text


def test_senior_to_director_is_about_responsibilities(coach, model, documents):
    answer = ask(coach, "how do I get promoted from senior to director?")
    assert "matrix adds no new competencies" in answer.text
    assert ("“Participate in alliance governance process” [II C] — today (primary): “Define and monitor alliance "
            "governance model” [II C]") in answer.text
    assert "that are new at this level" in answer.text and "Provide direct management support for team" in answer.text
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question, fact", [
    ("how much experience does a director need?", "Overall: 12+ years of related Industry experience. Specialized: 10+ years"),
    ("what education does a senior alliance manager need?", "MS/MBA highly desired; BS/BA or equivalent minimum"),
    ("who does the alliance manager report to?", "The alliance manager will report to either the director of alliance "
                                                 "management or a senior alliance manager."),
    ("what certification does a mid-level alliance manager need?", "CA-AM to be earned within one year of hire"),
    ("what is the scope of a senior alliance manager?", "Responsible for one or more major alliances."),
])
def test_job_facts(coach, model, documents, question, fact):
    answer = ask(coach, question)
    assert answer.intent == "job-facts" and fact in answer.text
    assert "[asap-guide § " in answer.text
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question", ["what does a director do?", "describe the senior alliance manager role",
                                      "what are the responsibilities of an alliance manager?"])
def test_role_overview(coach, model, documents, question):
    answer = ask(coach, question)
    assert answer.intent == "role" and "Primary responsibilities" in answer.text and "Reports to:" in answer.text
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question, quote, key", [
    ("what is a strategic alliance?", "A strategic alliance is a long-term value-creating relationship",
     "strategic-alliance-manager § What is a Strategic Alliance?"),
    ("how many alliances fail because of cultural mismatch?", "60% of all alliances fail because of a cultural mismatch",
     "asap-summit § Channel Champion Blog"),
    ("what is the conductor metaphor?", "comparing it to being a conductor in an orchestra", "what-is-alliance-management"),
    ("what attributes make a good negotiator?", "Be extraordinarily trustworthy and as open as possible",
     "strategic-alliance-manager § If not that, what are we?"),
    ("what questions should I ask about alliance maturity in my organization?",
     "Do you have a formal approval process for new partner ventures?", "cant-get-no-respect § Can't Get No Respect!"),
    ("what share of revenue comes from alliances?", "up to 40% of revenues", "asap-summit § Channel Champion Blog"),
    ("what course correction improved partner initiatives?", "require a sales executive sponsor",
     "cant-get-no-respect § Captains of Change - Part V: Making Course Corrections"),
])
def test_concepts_quote_the_articles(coach, model, documents, question, quote, key):
    answer = ask(coach, question)
    assert answer.intent == "concept" and quote in answer.text and f"[{key}]" in answer.text
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question", ["what are the competency categories?", "what are the core competencies?",
                                      "what kinds of skills does an alliance manager need?"])
def test_categories(coach, model, documents, question):
    answer = ask(coach, question)
    assert answer.intent == "categories"
    for name in ("Context Competencies", "Core Competencies", "Business and Industry Knowledge",
                 "Company-Specific Competencies"):
        assert f"[asap-guide § {name}]" in answer.text
    assert "Communication Skills" in answer.text and "Governance Structure" in answer.text
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question, level", [("what is the CSAP?", "CSAP"), ("tell me about the CA-AM", "CA-AM"),
                                             ("which roles need the CSAP certification?", "CSAP")])
def test_certification(coach, model, documents, question, level):
    answer = ask(coach, question)
    assert answer.intent in ("certification", "job-facts")
    assert "Must maintain" in answer.text and level in answer.text
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question, lines", [
    ("what is in section III?", ["Section III of the ASAP matrix, **Corporate Capability for Collaboration**, has three "
                                 "areas [III A]:", "- **III C Collaborative Network and Ecosystem Management** — 3 "
                                 "competencies [III C]"]),
    ("what are the alliance capabilities?", ["- **I A Governance Structure** — 7 competencies [I A]",
                                             "- **I C Conflict Resolution** — 7 competencies [I C]"]),
])
def test_a_section_lists_its_areas(coach, model, documents, question, lines):
    answer = ask(coach, question)
    for line in lines:
        assert line in answer.text.splitlines()
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("turns", [["what do I need to develop in governance to go from CA-AM to CSAP?"],
                                   ["what should I develop to move from CA-AM to CSAP?", "what about governance?"]])
def test_development_within_an_area(coach, model, documents, turns):
    answer = coach.ask(turns[-1], turns[:-1])
    assert answer.intent == "development"
    assert "**3 competencies in II C are expected at CSAP but not at CA-AM**" in answer.text
    assert "Design an alliance governance model [II C.1]" in answer.text and "[II E" not in answer.text
    assert_grounded(answer, model, documents)


def test_development_in_an_area_with_no_gap_lists_what_both_levels_share(coach, model, documents):
    answer = ask(coach, "which termination skills do I need for CSAP beyond CA-AM?")
    assert "In **II M Termination and/or Transformation** every competency expected at CSAP is expected at CA-AM" \
           in answer.text
    assert "Termination: create a plan for ending an alliance [II M.2] (CA-AM and CSAP)" in answer.text
    assert_grounded(answer, model, documents)


def test_preparing_for_the_first_certificate(coach, model, documents):
    answer = ask(coach, "how do I prepare for the CA-AM exam?")
    assert answer.text.startswith("**Preparing for CA-AM**")
    assert "competencies are expected at CA-AM** in the matrix" in answer.text
    assert "Execute an established alliance governance model [II C.2]" in answer.text
    assert "[II C.1]" not in answer.text  # CSAP only
    assert "CA-AM to be earned within one year of hire to position" in answer.text
    assert_grounded(answer, model, documents)


def test_not_covered_about_a_role_offers_its_job_description(coach, model, documents):
    answer = ask(coach, "what's the salary of an alliance director?")
    assert answer.refused and answer.intent == "not-covered"
    assert "- Executive-level Alliance Manager — " in answer.text  # the nearest: the director's own rows
    assert_grounded(answer, model, documents)


@pytest.mark.parametrize("question", ["what is the best CRM for partner management?",
                                      "what salary does an alliance manager earn?",
                                      "how should alliance managers use AI tools?"])
def test_not_in_the_corpus_says_so_and_offers_the_nearest(coach, model, documents, question):
    answer = ask(coach, question)
    assert answer.refused and answer.intent == "not-covered"
    assert answer.text.startswith("The guide and the four articles don't answer that directly.")
    assert answer.citations  # the nearest things it can answer, cited
    assert_grounded(answer, model, documents)
