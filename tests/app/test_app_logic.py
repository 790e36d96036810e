"""The app's pure parts: the explorer's search and filters, the development plan and its exports, what the
browser stores, the readiness check, and how answers render."""

import csv
import html
import io
import re

import pytest

from coach.app import readiness, storage
from coach.app.matrix_view import ALL_AREAS, area_choices, area_detail, select, table_html
from coach.app.plan_view import plan_html, ratings_html
from coach.app.render import answer_message, conversation_markdown, link_citations, literal, source_card
from coach.development import PATHS, build_plan, job_changes, plan_csv, plan_markdown, ratings_for, target_items
from coach.records import Answer, Citation


def codes(selection):
    return [str(item.code) for item in selection.items]


# --- the explorer -------------------------------------------------------------------------------------------
II_C = ["II C.1", "II C.2", "II C.3", "II C.4", "II C.5", "II C.6"]


@pytest.mark.parametrize("typed", ["II C", "II.C", "2C", "2 c", "ii c", "IIC", "section II C", "[II C]", " II-C "])
def test_a_code_in_any_form_finds_its_area(model, typed):
    chosen = select(model, typed)
    assert codes(chosen) == II_C
    assert chosen.area == "II C Alliance Governance" and chosen.section.startswith("II ")  # the filters follow


@pytest.mark.parametrize("typed", ["II-C-3", "ii c 3", "II C.3", "2c3", "2.C.3", "II.C.3"])
def test_an_item_code_in_any_form_finds_the_item(model, typed):
    assert codes(select(model, typed)) == ["II C.3"]


def test_codes_among_words_and_codes_that_do_not_exist(model):
    assert codes(select(model, "II.C risk")) == ["II C.5"]
    assert codes(select(model, "2C 2M plan")) == ["II M.2"]  # two areas, then a word
    missing = select(model, "II Z")
    assert missing.items == [] and "II Z** is not a code of the ASAP competency matrix" in missing.summary
    assert "Nearest codes:" in missing.summary


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("goverance", "governance"),
        ("negociation", "negotiation"),
        ("termnation", "termination"),
        ("mentr", "mentor"),
        ("alliances", "alliance"),
    ],
)
def test_words_with_typos_are_read_as_the_matrix_word(model, typed, expected):
    found = select(model, typed)
    plain = select(model, expected)
    assert found.items and codes(found) == codes(plain)
    if typed != "alliances":  # a plural is not a typo, and says nothing
        assert f"“{typed}” as “{expected}" in found.summary


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"area": "II C Alliance Governance", "exam": "CSAP only"}, ["II C.1", "II C.3", "II C.5"]),
        ({"area": "II C Alliance Governance", "exam": "CA-AM only"}, ["II C.4"]),
        ({"area": "II C Alliance Governance", "exam": "Both exams"}, ["II C.2"]),
        ({"area": "II C Alliance Governance", "exam": "Neither exam"}, ["II C.6"]),
        ({"section": "I Alliance Capabilities", "types": ["Company"], "exam": "CSAP only"}, ["I A.6"]),
        ({"text": "mentor"}, ["II O.3", "III A.4"]),
        ({"text": "II M.2"}, ["II M.2"]),
    ],
)
def test_matrix_filters(model, kwargs, expected):
    assert codes(select(model, **kwargs)) == expected


def test_the_exam_filter_splits_the_matrix(model):
    counts = {
        exam: len(select(model, exam=exam).items) for exam in ("Both exams", "CSAP only", "CA-AM only", "Neither exam")
    }
    assert sum(counts.values()) == 140 and counts["CSAP only"] == 55
    assert len(select(model, exam="CSAP").items) == counts["Both exams"] + counts["CSAP only"] == 103


def test_section_and_area_never_contradict(model):
    chosen = select(model, section="I Alliance Capabilities", area="II C Alliance Governance")
    assert chosen.area == ALL_AREAS and all(c.startswith("I ") for c in codes(chosen))  # the area outside it is dropped
    assert area_choices(model, 1) == [
        ALL_AREAS,
        "I A Governance Structure",
        "I B Alliance Life Cycle",
        "I C Conflict Resolution",
    ]
    by_area = select(model, area="III B Skill Development")
    assert by_area.section.startswith("III ") and codes(by_area)[0] == "III B.1"


def test_the_table_labels_every_cell_and_escapes_text(model):
    rows = table_html(select(model, "II C").items)
    assert rows.count("<tr>") == 7 and rows.count('data-label="Competency"') == 6
    assert '<th scope="col">Exams</th>' in rows and "CSAP only" in rows
    assert "No competency matches" in table_html([])


def test_an_area_detail(model):
    assert len(select(model).items) == 140
    detail = area_detail(model, "II M Termination and/or Transformation")
    assert "Senior-level Alliance Manager — *secondary*: Ensure orderly transition/transformation of alliance" in detail
    assert "**II M.2** Termination: create a plan for ending an alliance" in detail


# --- the development plan --------------------------------------------------------------------------------------
def test_plan_rates_the_target_level_and_orders_by_the_target_role(model):
    path = PATHS["Senior-level → Executive-level"]
    items = target_items(model, path)
    assert len(items) == 103 and str(items[0].code).startswith("I B")  # the director's primary areas first
    assert set(ratings_for(model, path, {}).values()) == {2}  # a senior already covers CSAP items
    plan = build_plan(model, PATHS["CA-AM → CSAP"], {"II C.1": 3, "II C.3": 2, "II C.5": 9}, "2026-11-25")
    governance = next(a for a in plan.areas if str(a.area.code) == "II C")
    assert governance.gaps == [] and governance.coverage == 1  # II C.2 starts at 2 (CA-AM has it); 9 reads as 3
    assert governance.why == "primary responsibility of the target role" and plan.gap_count == 55 - 3


@pytest.mark.parametrize("bad", [-1, "abc", None, 2.5, "3; DROP"])
def test_ratings_outside_the_scale_never_count_as_given(model, bad):
    plan = build_plan(model, PATHS["CA-AM → CSAP"], {"II C.1": bad}, "2026-11-25")
    rated = {str(i.code): r for a in plan.areas for i, r in a.rated}
    assert rated["II C.1"] in (0, 2)  # -1, "abc", None → 0; 2.5 → 2
    stored = storage.plan(
        {"v": 1, "path": "CA-AM → CSAP", "ratings": {"II C.1": bad, "II C.2": 3, "XX": 1}},
        PATHS,
        {str(i.code) for i in model.items},
    )
    assert stored.ratings == {"II C.2": 3}  # only whole numbers 0-3 of real codes come back from the browser


def test_senior_to_executive_shows_what_the_job_adds_though_the_levels_match(model):
    plan = build_plan(model, PATHS["Senior-level → Executive-level"], {}, "2026-11-25")
    assert plan.gap_count == 0
    kinds = {change.kind for change in plan.job}
    assert {"new", "changes", "row", "not listed"} <= kinds
    new = [c for c in plan.job if c.kind == "new"]
    assert new[0].text.startswith("Provide direct management support for team")
    assert new[0].cites == ("asap-guide § Executive-level Alliance Manager: Primary Responsibilities",)
    rows = {c.text.split(":")[0]: c for c in plan.job if c.kind == "row"}
    assert "Experience Required" in rows and "Education Requirements" not in rows  # the same for both roles
    assert "10+ years of total experience" in rows["Experience Required"].text
    assert "6+ years of total experience" in rows["Experience Required"].was
    shown = plan_html(plan)
    assert "No competency gaps" in shown and "What the target job description adds" in shown
    assert "[asap-guide § Executive-level Alliance Manager: Experience Required]" in shown


@pytest.mark.parametrize("label", list(PATHS))
def test_every_path_says_what_the_target_asks(model, label):
    changes = job_changes(model, PATHS[label])
    assert changes and all(change.cites for change in changes)
    keys = {key for change in changes for key in change.cites}
    for key in keys:  # every citation names a matrix area or a job-description row of the guide
        assert re.fullmatch(r"(I|II|III) [A-O]|asap-guide § (Mid|Senior|Executive)-level Alliance Manager: .+", key), (
            key
        )


def test_exports_are_dated_with_the_path_gaps_actions_and_readiness(model, coach):
    plan = build_plan(model, PATHS["Mid-level → Senior-level"], {"II C.1": 3}, "2026-11-25")
    questions = readiness.questions(coach.passages, coach.retriever)
    answered = readiness.assess(questions, [questions[0].text], coach.passages)
    markdown = plan_markdown(plan, answered)
    assert markdown.startswith("# Development plan: Mid-level → Senior-level")
    assert "Date: 2026-11-25 · Path: Mid-level → Senior-level" in markdown
    assert "- [II C.3] Draft statements of mission, vision, norms, and values — you: 0 (new to me)" in markdown
    assert (
        "Get experience of what the Senior-level Alliance Manager owns here (primary): “Define and monitor "
        "alliance governance model” [II C]"
    ) in markdown
    assert "Prepare for the CSAP examination" in markdown
    assert "## What the target job description adds" in markdown and "Readiness score: 1 / 10" in markdown
    table = list(csv.DictReader(io.StringIO(plan_csv(plan, readiness.export_rows(questions, [questions[0].text])))))
    gap = next(row for row in table if row["code"] == "II C.3")
    assert gap["date"] == "2026-11-25" and gap["path"] == "Mid-level → Senior-level"
    assert gap["kind"] == "competency gap" and "Get experience of what" in gap["suggested_actions"]
    assert any(row["kind"] == "job description: new" for row in table)
    ready = [row for row in table if row["kind"] == "readiness"]
    assert len(ready) == 10 and ready[0]["rating"] == "yes" and ready[1]["rating"] == "no"
    assert all(
        "found by search, not stated in the article" in row["suggested_actions"]
        for row in ready
        if row["suggested_actions"]
    )


def test_the_ratings_control_offers_the_scale_only(model):
    path = PATHS["CA-AM → CSAP"]
    shown = ratings_html(model, path, {"II C.1": 3})
    assert shown.count('type="radio"') == 103 * 4 and 'type="text"' not in shown and 'type="number"' not in shown
    assert re.search(r'name="rate-II C.1" value="3" checked', shown)
    assert shown.count('class="coach-rate-area"') == len({item.code.area for item in target_items(model, path)})
    assert 'data-code="II C.1" data-user="1"' in shown and 'data-code="II C.2" data-user="0"' in shown


# --- the readiness check ------------------------------------------------------------------------------------
def test_readiness_has_the_ten_questions_and_labels_its_links_as_inferred(coach):
    items = readiness.questions(coach.passages, coach.retriever)
    assert len(items) == 10 and items[1].text == "Do you have a formal approval process for new partner ventures?"
    assert any(area.startswith("II B") for area in items[1].areas)
    text = readiness.assess(items, [items[0].text, items[1].text], coach.passages)
    assert "Readiness score: 2 / 10" in text and "Change must start with us!" in text
    assert items[1].text not in text.split("Where you answered no")[1]
    assert "found by search, not stated in the article" in text and "*possibly related:*" in text


# --- what the browser keeps ----------------------------------------------------------------------------------
def test_the_conversation_round_trips_and_bad_storage_is_dropped():
    answer = Answer(
        "Define it [II C]",
        [Citation("II C", "Alliance Governance", "Define it", "matrix", "area", ("CSAP",))],
        follow_ups=["And a director?"],
        status="answer",
    )
    kept = storage.conversation_value([storage.Exchange("q?", answer, "q?")])
    back = storage.conversation(kept)
    assert back[0].question == "q?" and back[0].answer.citations == answer.citations
    assert back[0].answer.follow_ups == ["And a director?"] and back[0].answer.status == "answer"
    for damaged in (
        None,
        "x",
        3,
        [],
        {"v": 99},
        {"v": 1, "exchanges": "x"},
        {"v": 1, "exchanges": [3, {"question": 1}, {"question": "a", "answer": {"text": 5}}]},
    ):
        assert storage.conversation(damaged) == []
    partly = {"v": 1, "exchanges": [{"question": "bad"}, kept["exchanges"][0]]}
    assert [e.question for e in storage.conversation(partly)] == ["q?"]  # one bad entry loses nothing else
    assert storage.profile("senior", "CSAP").role == "senior" and storage.profile("boss", "x") is None
    assert storage.profile_fields({"role": "<b>", "certification": "CSAP"}) == ("", "CSAP")


@pytest.mark.parametrize(
    ("stored", "status", "error"),
    [
        ({"status": "not-covered"}, "not-covered", None),
        ({"status": "error", "error": "the index is down"}, "error", "the index is down"),
        ({"status": "error"}, "error", ""),  # edited by hand: still an error, never a traceback
        ({"status": "answer", "error": "stale"}, "answer", None),  # the status decides; the stray error is dropped
        ({"status": "bogus", "refused": True}, "refused", None),  # not a status: read from the other fields
        ({"refused": True, "intent": "injection"}, "refused", None),  # written before answers had a status
        ({"intent": "small-talk"}, "small-talk", None),
        ({"intent": "not-covered"}, "not-covered", None),
        ({"error": "failed"}, "error", "failed"),
        ({}, "answer", None),
    ],
)
def test_a_stored_answer_gets_one_consistent_status(stored, status, error):
    answer = storage.answer_from_dict({"text": "t", **stored})
    assert answer.status == status and answer.error == error
    assert answer.refused is (status in ("refused", "error"))


def test_the_stored_conversation_fits_the_request_limit_and_keeps_the_latest():
    import json

    long = Answer("x" * 19_000, [Citation("II C", "t", "y" * 19_000, "matrix", "area", ())], status="answer")
    exchanges = [storage.Exchange(f"q{n}", long, f"q{n}") for n in range(50)]
    kept = storage.conversation_value(exchanges)
    size = len(json.dumps(kept, ensure_ascii=False).encode())
    assert size <= storage.MAX_STORED_BYTES < 1_000_000  # the page sends it back with each question
    questions = [e["question"] for e in kept["exchanges"]]
    assert questions == [f"q{n}" for n in range(50 - len(questions), 50)] and len(questions) >= 8
    short = [storage.Exchange(f"q{n}", Answer("ok", status="answer"), f"q{n}") for n in range(60)]
    assert len(storage.conversation_value(short)["exchanges"]) == storage.MAX_EXCHANGES


def test_a_download_is_capped_and_says_so():
    from coach.app.downloads import MAX_DOWNLOAD, payload

    small = payload("a.md", "# hi", "text/markdown")
    assert small == {"name": "a.md", "type": "text/markdown; charset=utf-8", "text": "# hi"}
    big = payload("a.md", "z" * (MAX_DOWNLOAD + 10), "text/markdown")
    assert len(big["text"]) < MAX_DOWNLOAD + 100 and big["text"].endswith("a file is at most 2,000,000 characters.)\n")


def test_the_conversation_and_the_plan_download_as_text_not_files(coach):
    from coach.app.chat import ChatHandlers
    from coach.app.planner import PlanHandlers

    answer = Answer("Define it [II C]", [Citation("II C", "Alliance Governance", "Define it", "matrix")])
    stored = storage.conversation_value([storage.Exchange("q?", answer, "q?")])
    saved = ChatHandlers(coach).export(stored)
    assert re.fullmatch(r"alliance-coach-\d{8}-\d{6}\.md", saved["name"]) and "## 1. q?" in saved["text"]
    assert ChatHandlers(coach).export(storage.conversation_value([])) is None
    plans = PlanHandlers(coach)
    markdown = plans.export_markdown("Mid-level → Senior-level", storage.plan_value(storage.PlanState()))
    table = plans.export_csv("Mid-level → Senior-level", storage.plan_value(storage.PlanState()))
    assert markdown["name"].startswith("development-plan-mid-level-senior-level-20") and markdown["name"].endswith(
        ".md"
    )
    assert markdown["text"].startswith("# Development plan: Mid-level → Senior-level")
    rows = list(csv.DictReader(io.StringIO(table["text"])))
    assert table["type"] == "text/csv; charset=utf-8" and table["name"].endswith(".csv")
    assert rows and all(row["path"] == "Mid-level → Senior-level" for row in rows)
    # the readiness boxes as the page shows them win over a stored copy that has not caught up with a click
    first = plans.questions[0].text
    checked = plans.export_markdown("Mid-level → Senior-level", storage.plan_value(storage.PlanState()), [first])
    assert "Readiness score: 1 / 10" in checked["text"] and "Readiness score: 0 / 10" in markdown["text"]


# --- how answers render --------------------------------------------------------------------------------------
def test_user_text_is_shown_literally():
    shown = literal("<script>x</script> [II C](http://e.x) *a*")
    assert "<" not in shown and "[" not in shown and "(" not in shown and "*" not in shown and "http:" not in shown


def test_every_citation_links_to_its_card_and_cards_keep_the_whole_text():
    long_text = "Alliance Governance. " + "Job descriptions naming it: the senior-level manager owns it. " * 8
    citations = [
        Citation("II C", "Alliance Governance", long_text, "matrix", "area"),
        Citation(
            "II C.1", "Design an alliance governance model", "Design <it> | now", "matrix", "item", ("CSAP", "Core")
        ),
    ]
    linked = link_citations("Own it [II C] and [II C.1]; not [II Z].", citations, turn=3)
    assert linked.count('class="coach-cite"') == 2 and 'href="#coach-src-3-2"' in linked
    assert "[II Z]" in linked  # not a cited source: left as it is
    card = source_card(citations[0], 3, 1)
    assert card.startswith('<details class="coach-src" id="coach-src-3-1">') and "show all" in card
    assert literal(" ".join(long_text.split())) in card  # never cut: the whole text behind "show all"
    short = source_card(citations[1], 3, 2)
    assert "<it>" not in short and "&#60;it&#62;" in short and "CSAP only" in short and "\n" not in short


def test_an_answer_is_one_message_with_its_sources_and_suggestions():
    answer = Answer(
        "Define it [II C]",
        [Citation("II C", "Alliance Governance", "Define | it", "matrix", "area")],
        notes=["a note"],
        follow_ups=["And a director?", "Who owns it?"],
    )
    message = answer_message(answer, 1)
    assert "> *Note: a note*" in message["content"] and 'class="coach-sources"' in message["content"]
    assert [o["value"] for o in message["options"]] == ["And a director?", "Who owns it?"]
    assert "options" not in answer_message(answer, 1, follow_ups=False)
    exported = conversation_markdown([("q?", answer)], "grounded composer", "2026-11-25 10:00")
    assert "## 1. q?" in exported and "- [II C] Alliance Governance — matrix: Define | it" in exported
    assert "Answered by: grounded composer · 2026-11-25 10:00" in exported and "“And a director?”" in exported


def test_an_llm_answer_says_which_backend_wrote_it():
    written = Answer(
        "Define it [II C]",
        [Citation("II C", "Alliance Governance", "Define it", "m", "area")],
        backend="openai:gpt-4o-mini",
    )
    assert "Written by openai:gpt-4o-mini; every citation checked" in html.unescape(
        answer_message(written, 1)["content"]
    )
    fallback = Answer("Define it [II C]", [], backend="composer (fallback)", notes=["The x answer was replaced"])
    assert "Written by" not in answer_message(fallback, 1)["content"]


def test_the_plan_keeps_only_ratings_from_the_scale_whatever_the_page_sends(coach):
    """What the ratings control sends back is checked again on the server: a tampered page's 5, 2.5, -1 or
    "abc" is dropped, not clamped into the plan. (The event is built here as the page's payload.)"""
    from types import SimpleNamespace

    from coach.app.planner import PlanHandlers

    handlers = PlanHandlers(coach)
    sent = SimpleNamespace(
        _data={
            "ratings": {
                "II C.1": 5,
                "II C.2": 2.5,
                "II C.3": -1,
                "II C.4": "abc",
                "II C.5": 3,
                "II Z.1": 2,
                "I A.1": True,
            }
        }
    )
    before = storage.plan_value(storage.PlanState("CA-AM → CSAP", {"II C.6": 1, "I B.1": 3}))
    summary, shown, kept = handlers.rate("CA-AM → CSAP", before, sent)
    # II C.5 as sent; I B.1 dropped (this path shows it and the page no longer sends it); II C.6 kept: it is not
    # a CSAP-level competency, so this path does not show it — it waits for a path that does
    assert kept["ratings"] == {"II C.6": 1, "II C.5": 3}
    assert "<b>54 gaps</b> of 103" in summary and "Plan: CA-AM → CSAP" in shown  # 55 less II C.5
