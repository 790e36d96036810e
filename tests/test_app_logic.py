"""The app's pure parts: matrix filters, the development plan, the readiness check, how answers render."""

import csv
import io

import pytest

from coach.app import readiness
from coach.app.matrix_view import area_detail, filter_rows
from coach.app.plan import PATHS, build_plan, plan_csv, plan_markdown, rating_rows, target_items
from coach.app.render import answer_messages, conversation_markdown, literal
from coach.records import Answer, Citation


@pytest.mark.parametrize("kwargs, codes", [
    ({"area": "II C Alliance Governance", "level": "CSAP only"}, ["II C.1", "II C.3", "II C.5"]),
    ({"area": "II C Alliance Governance", "level": "CA-AM only"}, ["II C.4"]),
    ({"section": "I", "types": ["Company"], "level": "CSAP only"}, ["I A.6"]),
    ({"text": "mentor"}, ["II O.3", "III A.4"]),
    ({"text": "II M.2"}, ["II M.2"]),
])
def test_matrix_filters(model, kwargs, codes):
    assert [row[0] for row in filter_rows(model, **kwargs)] == codes


def test_the_whole_matrix_and_an_area_detail(model):
    assert len(filter_rows(model)) == 140
    detail = area_detail(model, "II M Termination and/or Transformation")
    assert "Senior-level Alliance Manager — *secondary*: Ensure orderly transition/transformation of alliance" in detail
    assert "**II M.2** Termination: create a plan for ending an alliance" in detail


def test_plan_rates_the_target_level_and_orders_by_the_target_role(model):
    path = PATHS["Senior-level → Executive-level"]
    items = target_items(model, path)
    assert len(items) == 103 and str(items[0].code).startswith("I B")  # the director's primary areas first
    rows = rating_rows(model, path)
    assert rows[0][-1] == 2  # a senior already covers CSAP items
    plan = build_plan(model, PATHS["CA-AM → CSAP"], {"II C.1": 3, "II C.3": "2", "II C.5": "oops"})
    governance = next(a for a in plan.areas if str(a.area.code) == "II C")
    assert [str(item.code) for item, _ in governance.gaps] == ["II C.2", "II C.5"]  # rated 0 by default / bad value
    assert governance.why == "primary responsibility of the target role"
    assert ("Executive-level Alliance Manager", "Experience Required") in [(r, l) for r, l, _ in plan.requirements]
    markdown = plan_markdown(plan)
    assert markdown.startswith("# Development plan: CA-AM → CSAP")
    assert "- [II C.5] Develop risk mitigation measures — you: 0 (new to me)" in markdown
    table = list(csv.DictReader(io.StringIO(plan_csv(plan))))
    assert {"area": "II C", "code": "II C.2"}.items() <= table[[r["code"] for r in table].index("II C.2")].items()


def test_readiness_has_the_ten_questions_and_scores_them(coach):
    items = readiness.questions(coach.passages, coach.retriever)
    assert len(items) == 10 and items[1].text == "Do you have a formal approval process for new partner ventures?"
    assert any(area.startswith("II B") for area in items[1].areas)
    text = readiness.assess(items, [items[0].text, items[1].text], coach.passages)
    assert "Readiness score: 2 / 10" in text and "Change must start with us!" in text
    assert items[1].text not in text.split("Where you answered no")[1]


def test_user_text_is_shown_literally():
    shown = literal("<script>x</script> [II C](http://e.x) *a*")
    assert "<" not in shown and "[" not in shown and "(" not in shown and "*" not in shown and "http:" not in shown


def test_answers_render_with_a_collapsed_sources_panel_and_export():
    answer = Answer("Define it [II C]", [Citation("II C", "Alliance Governance", "Define | it", "matrix", "area")],
                    notes=["a note"])
    messages = answer_messages(answer)
    assert messages[0]["content"].endswith("> *Note: a note*")
    assert messages[1]["metadata"]["status"] == "done" and "Define \\| it" in messages[1]["content"]
    exported = conversation_markdown([("q?", answer)], "grounded composer")
    assert "## 1. q?" in exported and "- [II C] Alliance Governance — matrix: Define | it" in exported


def test_an_llm_answer_says_which_backend_wrote_it():
    written = Answer("Define it [II C]", [Citation("II C", "Alliance Governance", "Define it", "m", "area")],
                     backend="openai:gpt-4o-mini")
    assert "Written by openai:gpt-4o-mini; every citation checked" in answer_messages(written)[0]["content"]
    fallback = Answer("Define it [II C]", [], backend="composer (fallback)", notes=["The x answer was replaced"])
    assert "Written by" not in answer_messages(fallback)[0]["content"]
