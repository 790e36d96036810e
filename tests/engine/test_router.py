"""The router trained from the example library: reproducible and cached by content hash, and what it changes
in the answers — scope on every interface, "not covered" said plainly, situations answered with what to do,
follow-ups that narrow or expand the previous answer, and new topics that inherit nothing."""

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from library_copies import library_copy, vector_cache_copy

from coach.codes import Code
from coach.index.embeddings import model_fingerprint
from coach.router import build_router

ROOT = Path(__file__).resolve().parents[2]


def test_the_router_is_trained_once_and_then_loaded_from_its_cache(tmp_path, coach, model):
    """Cold: trained (and said so); warm: loaded, nothing trained; the same predictions either way (seeded)."""
    library = library_copy(tmp_path / "library", every=8)
    cache = vector_cache_copy(coach.settings.vectors_dir, tmp_path / "cache")
    encoder = coach.retriever.index.encoder
    notes: list[str] = []
    fingerprint = model_fingerprint()  # the model the cached vectors were made by: only new texts are embedded
    first = build_router(library, model, encoder, encoder, cache, fingerprint, notify=notes.append)
    assert any("training the router" in note for note in notes)
    notes.clear()
    second = build_router(library, model, encoder, encoder, cache, fingerprint, notify=notes.append)
    assert notes == []
    question = "our partner's sponsor went quiet after the reorg"
    assert first.route(question) == second.route(question)
    (library / "extra.yaml").write_text('- {q: "a new example about governance boards", areas: [II C]}\n')
    build_router(library, model, encoder, encoder, cache, fingerprint, notify=notes.append)
    assert any("training the router" in note for note in notes), "a changed library retrains the router"


@pytest.mark.parametrize(
    "request_",
    [
        "Write a short poem for our partner's 10-year anniversary party",
        "write me a SQL query to list all alliances",
        "translate the II C competencies into Spanish",
        "how do I hack my partner's email?",
    ],
)
def test_out_of_scope_requests_in_the_domains_words_are_declined(coach, request_):
    answer = coach.ask(request_)
    assert answer.status == "refused" and answer.citations == [], answer.text


@pytest.mark.parametrize(
    "question",
    ["Can I take the CA-AM exam online?", "how often must CSAP be renewed?", "how much does the CSAP exam cost?"],
)
def test_what_the_documents_do_not_say_is_called_not_covered(coach, question):
    answer = coach.ask(question)
    assert answer.status == "not-covered", answer.text
    assert answer.text.startswith("The guide and the four articles don't cover that.")


@pytest.mark.parametrize(
    "question",
    ["Which area is the smallest?", "My counterpart and I keep clashing over pricing and it's getting personal"],
)
def test_questions_the_documents_answer_are_never_refused(coach, question):
    assert coach.ask(question).status == "answer"


def test_the_smallest_area_is_counted_from_the_matrix(coach, model):
    answer = coach.ask("Which area is the smallest?")
    fewest = min(len(area.items) for area in model.areas)
    smallest = [str(area.code) for area in model.areas if len(area.items) == fewest]
    first_line = answer.text.splitlines()[0]
    assert all(f"[{code}]" in first_line for code in smallest) and f"{fewest} items" in first_line


SITUATIONS = [
    ("We kick off a new alliance next month, what should be in place before launch?", "II E"),
    ("my counterpart and I keep clashing over pricing and it's getting personal", "I C"),
    ("we have a bunch of partnerships nobody uses anymore, how do we wind them down?", "II M"),
    ("the partner also competes with us in some deals", "II N"),
]


@pytest.mark.parametrize("situation, area", SITUATIONS)
def test_a_situation_opens_with_what_to_do_cited_and_stays_short(coach, situation, area):
    answer = coach.ask(situation)
    first = answer.text.splitlines()[0]
    assert first.startswith("Where to start:"), answer.text
    actions = re.findall(r"\[([IV]+ [A-O])\.\d+\]", first)
    assert len(actions) >= 2 and area in actions, first
    items = {c.code for c in answer.citations if re.fullmatch(r"[IV]+ [A-O]\.\d+", c.code)}
    assert len(items) <= 5 and len(set(re.findall(r": (.*?) \[", first))) == len(re.findall(r": (.*?) \[", first))


def test_situational_answers_are_short(coach):
    lengths = sorted(len(coach.ask(situation).text) for situation, _ in SITUATIONS)
    assert lengths[len(lengths) // 2] < 1200, lengths


# situations whose right next step is one competency of the guide; the evidence alone (TUNING.item_examples = 0)
# opened the second with "determine new value proposition" and "communicate status of the transition" instead
ITEM_SITUATIONS = [
    (
        "we're about to share our product roadmap with a partner that also competes with us, what do I hold back?",
        "II N.2",
    ),
    ("the partnership is winding down next quarter, and I want to make sure we don't lose what we learned", "II M.10"),
    ("the joint steering committee meetings keep getting cancelled and decisions just don't get made", "II C.2"),
]


@pytest.mark.parametrize("situation, item", ITEM_SITUATIONS)
def test_a_situation_opens_with_the_competency_that_is_its_next_step(coach, situation, item):
    """The competencies within an area are ordered with the library's item labels (how people describe the
    situation each is the next step for), not by closeness to the statements alone."""
    answer = coach.ask(situation)
    first = answer.text.splitlines()[0]
    assert first.startswith("Where to start:") and f"[{item}]" in first, answer.text


def test_the_rows_a_follow_up_points_at_by_position_are_explained(coach):
    question = "what are the alliance launch competencies?"
    listed = [c.code for c in coach.ask(question).citations if "." in c.code]
    answer = coach.ask("the 4th and 5th ones, what do they mean?", history=[question])
    explained = [c.code for c in answer.citations if "." in c.code]
    assert explained[:2] == listed[3:5], (listed, answer.text)
    assert answer.text.count("Who owns II E") == 1, answer.text  # one area: its owners once


def test_show_all_expands_the_capped_list_of_a_situation(coach, model):
    question = SITUATIONS[0][0]
    capped = coach.ask(question)
    assert "show all" in capped.text
    everything = coach.ask("show all", history=[question])
    launch = model.area(Code.parse("II E"))
    shown = {c.code for c in everything.citations}
    wanted = {str(i.code) for i in launch.items if not i.statement.startswith("Explain how industry conditions")}
    assert wanted <= shown, wanted - shown


def test_only_the_csap_ones_filters_the_previous_answer(coach, model):
    question = SITUATIONS[0][0]
    answer = coach.ask("only the CSAP ones", history=[question])
    cited = {Code.parse(c.code) for c in answer.citations if "." in c.code}
    assert cited and all(code.area == Code.parse("II E") for code in cited), answer.text
    assert all(model.item(code).flags.csap_only for code in cited)
    assert "the whole matrix" not in answer.text


@pytest.mark.parametrize("follow_up", ["which exam is that on?", "are those on the exams?"])
def test_asking_which_exam_sorts_the_previous_answers_competencies_by_exam(coach, model, follow_up):
    question = SITUATIONS[0][0]
    shown = coach.ask("show all", history=[question])
    before = {Code.parse(c.code) for c in shown.citations if "." in c.code}
    answer = coach.ask(follow_up, history=[question])
    assert answer.text.startswith("The competencies of the previous answer by exam level"), answer.text
    cited = {Code.parse(c.code) for c in answer.citations if "." in c.code}
    assert cited == before
    csap_only = answer.text.split("**CSAP only**")[1].split("\n\n**")[0]
    assert all(model.item(Code.parse(code)).flags.csap_only for code in re.findall(r"\[(I+ [A-O]\.\d+)\]", csap_only))


def test_a_new_standalone_question_inherits_nothing(coach):
    query = coach.understand(
        "the partner also competes with us in some deals", ["we kick off a new alliance next month"]
    )
    assert query.inherited == () and query.area_scores[0][0] == Code.parse("II N")
    # it names what it asks about: the role of the turn before is not carried into it (it leaned at 0.28)
    query = coach.understand("what is the CSAP?", ["who mentors the junior alliance managers?"])
    assert query.operation == "explain" and query.inherited == () and query.subjects.roles == ()


def test_a_certification_holder_gets_the_gaps_to_the_next(coach, model):
    answer = coach.ask("I already have my CA-AM, what do I need to work on to get CSAP?")
    gaps = [item for item in model.items if item.flags.csap and not item.flags.ca_am]
    assert f"{len(gaps)} competencies" in answer.text
    assert "Design an alliance governance model" in answer.text


def test_a_role_comparison_covers_every_area_where_the_roles_differ(coach, model):
    answer = coach.ask("difference between a mid-level and a senior alliance manager?")

    def lines(role, code):
        return {(r.kind, r.text) for r in model.responsibilities_for(code, role)}

    differing = [a for a in model.areas if lines("mid", a.code) != lines("senior", a.code)]
    assert len(differing) > 5
    for area in differing:
        assert f"**{area.code} {area.name}**" in answer.text, area.code


def test_routing_a_question_costs_one_encoding(coach):
    """The router and the evidence share the question's vector."""
    service = coach.engine.router
    vector, routing = service.read("how do we keep a partner engaged after launch?")
    again, same = service.read("how do we keep a partner engaged after launch?")
    assert np.array_equal(vector, again) and routing is same


def test_answering_loads_neither_scikit_learn_nor_scipy(coach):
    """The router trains with scikit-learn but reads questions with numpy alone: a CLI call or an app process
    starts without importing either (about a second and a half of every start)."""
    script = (
        "import sys; from coach import Coach; from coach.settings import Settings; "
        "answer = Coach(Settings.from_env()).ask('my partner went quiet, what do I do?'); "
        "assert answer.citations, answer.text; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy'}))"
    )
    env = {"COACH_HOME": str(coach.settings.home), "COACH_CORPUS": str(coach.settings.corpus_dir)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
