"""The matrix explorer and the development plan in real headless Chromium, at phone and desktop size: codes
typed in any form, typos, filters that follow each other, the exam filter; ratings from the 0-3 scale only,
a whole area at once, the plan following every change of path or rating, what the target job adds, the
dated exports and the readiness check with its inferred links labelled."""

import csv
import io
from pathlib import Path

import pytest
from pages import shoot, tab

from coach.app.matrix_view import select

pytestmark = pytest.mark.browser


def search(page, text):
    box = page.locator("#matrix-search textarea, #matrix-search input").first
    box.fill(text)
    box.press("Enter")


def wait_count(page, count):
    page.wait_for_function(
        "n => document.querySelector('#matrix-count').innerText.startsWith(n + ' of 140')",
        arg=str(count),
        timeout=15_000,
    )


def wait_codes(page, codes):
    page.wait_for_function(
        """want => JSON.stringify([...document.querySelectorAll('#matrix-table td.coach-code')]
        .map(td => td.innerText)) === JSON.stringify(want)""",
        arg=codes,
        timeout=15_000,
    )


def shown_codes(page):
    return page.locator("#matrix-table td.coach-code").all_inner_texts()


def pick(page, elem_id, option):
    """Choose a dropdown option as a person does: open it, type, click the option."""
    field = page.locator(f"#{elem_id} input")
    field.click()
    field.fill(option[:12])
    page.get_by_role("option", name=option, exact=True).click()


def dropdown_value(page, elem_id):
    return page.locator(f"#{elem_id} input").input_value()


def test_explorer_reads_codes_in_any_form_and_typos(page, model):
    tab(page, "Matrix explorer")
    for typed, expected in (("II C", 6), ("II.C", 6), ("2C", 6), ("ii c", 6), ("II-C-3", 1), ("ii c 3", 1)):
        search(page, typed)
        wait_count(page, expected)
        codes = shown_codes(page)
        assert all(code.startswith("II C.") for code in codes), typed
        if expected == 1:
            assert codes == ["II C.3"], typed
        assert dropdown_value(page, "matrix-area") == "II C Alliance Governance"  # the filters follow the code
    search(page, "goverance")
    wanted = [str(item.code) for item in select(model, "governance").items]
    wait_count(page, len(wanted))
    assert shown_codes(page) == wanted and "“goverance” as “governance”" in page.locator("#matrix-count").inner_text()
    search(page, "II Z")
    wait_count(page, 0)
    assert "II Z is not a code of the ASAP competency matrix" in page.locator("#matrix-count").inner_text()


def test_explorer_filters_stay_consistent(page, model):
    tab(page, "Matrix explorer")
    pick(page, "matrix-section", "I Alliance Capabilities")
    wait_count(page, len(select(model, section="I Alliance Capabilities").items))
    page.locator("#matrix-area input").click()
    options = page.locator("#matrix-area [role=option]").all_inner_texts()
    assert [o.replace("✓", "").strip() for o in options] == [
        "All areas",
        "I A Governance Structure",
        "I B Alliance Life Cycle",
        "I C Conflict Resolution",
    ]
    page.keyboard.press("Escape")
    search(page, "II C")  # a code of another section: section and area move to it
    wait_count(page, 6)
    assert dropdown_value(page, "matrix-section").startswith("II ")
    pick(page, "matrix-section", "III Corporate Capability for Collaboration")  # a section chosen by hand wins
    wait_count(page, len(select(model, section="III Corporate Capability for Collaboration").items))
    assert dropdown_value(page, "matrix-area") == "All areas"
    assert page.locator("#matrix-search textarea, #matrix-search input").first.input_value() == ""
    page.locator("#matrix-exam").get_by_text("Both exams", exact=True).click()
    both = select(model, section="III Corporate Capability for Collaboration", exam="Both exams")
    wait_count(page, len(both.items))
    assert shown_codes(page) == [str(item.code) for item in both.items]


def test_explorer_exam_filter_on_ii_c(page):
    tab(page, "Matrix explorer")
    search(page, "II C")
    wait_count(page, 6)
    for exam, codes in (
        ("CSAP only", ["II C.1", "II C.3", "II C.5"]),
        ("CA-AM only", ["II C.4"]),
        ("Both exams", ["II C.2"]),
        ("Neither exam", ["II C.6"]),
    ):
        page.locator("#matrix-exam").get_by_text(exam, exact=True).click()
        wait_codes(page, codes)  # (the count alone cannot tell "CA-AM only" from "Both exams": one each)
        assert page.locator("#matrix-count").inner_text().startswith(f"{len(codes)} of 140"), exam
    page.locator("#matrix-exam").get_by_text("CSAP only", exact=True).click()
    wait_count(page, 3)
    detail = page.locator("#area-detail").inner_text()
    assert "Senior-level Alliance Manager — primary: Define and monitor alliance governance model" in detail
    if page.size == "desktop":
        shoot(page, "matrix", docs=True)


def summary(page):
    return page.locator("#plan-summary").inner_text()


def wait_summary(page, text):
    page.wait_for_function(
        "t => document.querySelector('#plan-summary').innerText.includes(t)", arg=text, timeout=15_000
    )


def test_plan_ratings_come_from_the_scale_and_follow_every_change(page):
    tab(page, "Development plan")
    ratings = page.locator("#plan-ratings")
    assert ratings.locator("input[type=text], input[type=number], textarea").count() == 0
    assert ratings.locator("input[type=radio]").count() == 103 * 4
    assert "55 gaps of 103" in summary(page)
    area = ratings.locator('.coach-rate-area[data-area="II C"]')
    area.locator("summary .coach-rate-name").click()
    area.locator('fieldset[data-code="II C.1"] label', has_text="3").click()  # one competency
    wait_summary(page, "54 gaps")
    assert page.locator('#plan-result .coach-gap[data-area="II C"]').inner_text().count("you: 0") == 2
    area.locator('button.coach-bulk[data-value="2"]').click()  # the whole area at once
    wait_summary(page, "52 gaps")
    assert page.locator('#plan-result .coach-gap[data-area="II C"]').count() == 0
    pick(page, "plan-path", "Senior-level → Executive-level")  # a new path: a new plan, not the old one
    wait_summary(page, "No competency gaps")
    result = page.locator("#plan-result").inner_text()
    assert "Provide direct management support for team" in result and "What the target job description adds" in result
    assert "Experience Required" in result and "10+ years of total experience" in result
    assert ratings.locator('fieldset[data-code="II C.1"] input[value="2"]').is_checked()  # your ratings stay yours
    page.locator('.coach-rate-area[data-area="II O"] button.coach-bulk[data-value="0"]').click()
    wait_summary(page, "gaps of 103")
    assert page.locator('#plan-result .coach-gap[data-area="II O"]').count() == 1
    if page.size == "desktop":
        page.evaluate("window.scrollTo(0, 0)")
        shoot(page, "plan", docs=True)


def test_plan_exports_and_readiness(page):
    tab(page, "Development plan")
    pick(page, "plan-path", "Mid-level → Senior-level")
    wait_summary(page, "55 gaps")
    page.locator("#readiness").get_by_text("Do you have a formal approval process for new partner ventures?").click()
    page.wait_for_function("document.querySelector('#readiness-score').innerText.includes('1 / 10')")
    assert "found by search, not stated in the article" in page.locator("#readiness-score").inner_text()
    with page.expect_download() as download:
        page.locator("#plan-md").click()
    assert download.value.suggested_filename.startswith("development-plan-mid-level-senior-level-20")
    plan = Path(download.value.path()).read_text()
    assert plan.startswith("# Development plan: Mid-level → Senior-level")
    assert (
        "Date: 20" in plan and "Suggested actions:" in plan and "[II C.1] Design an alliance governance model" in plan
    )
    assert "## What the target job description adds" in plan and "Readiness score: 1 / 10" in plan
    with page.expect_download() as download:
        page.locator("#plan-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert rows[0]["path"] == "Mid-level → Senior-level" and rows[0]["date"].startswith("20")
    assert sum(row["kind"] == "competency gap" for row in rows) == 55
    assert [row["rating"] for row in rows if row["kind"] == "readiness"].count("yes") == 1
