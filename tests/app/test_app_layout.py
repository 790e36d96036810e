"""The layout at the narrowest phone (360 × 740), a common phone (390 × 844) and desktop size (1280 × 800), on
every tab: nothing scrolls sideways — neither the page nor any part of it, such as the chat's own scroll area —,
no table cell is squeezed (see pages.SQUEEZED_CELLS for the measure), and the tab's main action works — a
question gets a cited answer, a search gets rows, rating an area gets a plan with its gaps."""

import json
import urllib.request

import pytest
from pages import (
    PHONE,
    ask,
    last_answer,
    open_page,
    shoot,
    sideways_overflow,
    sideways_scrollers,
    squeezed_cells,
    tab,
    visible_cells,
)

pytestmark = pytest.mark.browser
# Its answer cites an article section whose key is wider than a phone's line ("[cant-get-no-respect § Can't
# Get No Respect!]"): on a phone it must wrap, not push the chat sideways.
SITUATION = "there's no career path for alliance managers here and nobody measures what we deliver"


def assert_fits(page):
    overflow = sideways_overflow(page)
    assert overflow["excess"] <= 0, f"the page scrolls sideways by {overflow['excess']} px: {overflow['widest']}"
    scrollers = sideways_scrollers(page)
    assert scrollers == [], f"parts of the page scroll sideways: {scrollers[:5]}"
    squeezed = squeezed_cells(page)
    assert squeezed == [], f"table cells squeezed below a readable width: {squeezed[:5]}"


def longest_key(app, question):
    body = json.dumps({"question": question}).encode()
    request = urllib.request.Request(f"{app.url}/api/ask", body, {"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return max((c["code"] for c in json.load(reply)["citations"]), key=len)


def test_chat(sized_page, app):
    page = sized_page
    key = longest_key(app, SITUATION)
    assert "§" in key and len(key) > 30, key  # the case this test is about: a citation wider than a phone's line
    ask(page, SITUATION)
    answer = last_answer(page)
    header = page.locator("#chat").bounding_box()
    first_line = answer.bounding_box()
    assert header["y"] <= first_line["y"] < header["y"] + header["height"]  # in view, no label chip over it
    assert page.locator("#chat .block-label, #chat label[data-testid='block-label']").count() == 0
    assert answer.locator("a.coach-cite").count() >= 5
    answer.locator("details.coach-sources > summary").click()
    for details in answer.locator("details.coach-src").all():
        details.locator("summary").click()  # every source card open: its whole text, its long key
    cited = answer.locator("a.coach-cite", has_text=key).first
    cited.click()
    cited.locator("xpath=ancestor::*[self::li or self::p][1]").locator(".coach-cite-open").wait_for()
    assert_fits(page)
    link = cited.bounding_box()
    assert link["x"] >= 0 and link["x"] + link["width"] <= page.viewport_size["width"]
    # one scrolling area: the chat scrolls inside itself, the page beside it does not
    assert page.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")


def test_matrix_explorer(sized_page):
    page = sized_page
    tab(page, "Matrix explorer")
    search = page.locator("#matrix-search textarea, #matrix-search input").first
    search.fill("II C")
    search.press("Enter")
    page.wait_for_function("document.querySelector('#matrix-count').innerText.startsWith('6 of 140')")
    rows = page.locator("#matrix-table tbody tr")
    assert rows.count() == 6 and all(
        text.startswith("II C.") for text in page.locator("#matrix-table td.coach-code").all_inner_texts()
    )
    assert visible_cells(page) >= 30
    assert_fits(page)
    if page.size == "phone":
        page.locator("#matrix-count").evaluate("el => el.scrollIntoView({block: 'start'})")
        shoot(page, "matrix-phone", docs=True)
    page.locator("#matrix-clear").click()  # the whole matrix: 140 rows, every cell readable
    page.wait_for_function("document.querySelector('#matrix-count').innerText.startsWith('140 of 140')")
    assert page.locator("#matrix-table tbody tr").count() == 140
    assert_fits(page)


def test_development_plan(sized_page):
    page = sized_page
    tab(page, "Development plan")
    summary = page.locator("#plan-summary")
    assert "55 gaps of 103 CSAP-level competencies" in summary.inner_text()
    area = page.locator('.coach-rate-area[data-area="II C"]')
    area.locator('button.coach-bulk[data-value="3"]').click()
    page.wait_for_function("document.querySelector('#plan-summary').innerText.includes('52 gaps')")
    assert area.locator(".coach-gap-count").inner_text() == "0"
    assert page.locator('#plan-result .coach-gap[data-area="II C"]').count() == 0
    assert page.locator('#plan-result .coach-gap[data-area="II A"]').count() == 1
    area.locator("summary .coach-rate-name").click()  # open the area (its name: the header also holds buttons)
    assert area.locator("fieldset").first.is_visible()
    assert "52 gaps" in page.locator("#plan-summary").inner_text()
    assert_fits(page)
    if page.size == "phone":
        page.locator("#plan-path").evaluate("el => el.scrollIntoView({block: 'start'})")
        shoot(page, "plan-phone", docs=True)


def test_the_measure_finds_a_squeezed_column(browser, app):
    """The layout measure is not vacuous: a column squeezed to one letter a line, or clipping its header, is
    reported; the same words in a wide column are not."""
    page = open_page(browser, app.url, PHONE)
    page.evaluate("""() => document.body.insertAdjacentHTML('afterbegin', `
        <table id="probe"><tr><th style="max-width:30px;overflow:hidden;white-space:nowrap">Competency</th>
        <td style="width:8px;word-break:break-all">I A.1</td><td style="width:300px">Design an alliance model</td></tr>
        </table>`)""")
    found = [cell["text"] for cell in squeezed_cells(page)]
    assert found == ["Competency", "I A.1"]
    page.context.close()


def test_feedback_form(sized_page):
    page = sized_page
    ask(page, "How do I end an alliance?")
    page.locator('#chat button[aria-label="Dislike"]').last.click()
    form = page.locator("#feedback-form")
    form.wait_for(state="visible")
    areas = page.locator("#feedback-areas input").first
    areas.click()
    areas.fill("manage")  # the list of areas, filtered, open over the form
    page.locator("#feedback-areas [role=option]").first.wait_for()
    assert page.locator("#feedback-areas [role=option]").count() == 3
    assert_fits(page)
    buttons = [page.locator('#chat button[aria-label="Disliked"]').last, page.locator("#feedback-send")]
    for button in buttons:  # tap targets at least 36 px
        box = button.bounding_box()
        assert box["width"] >= 36 and box["height"] >= 36, box
    areas.press("Enter")  # the first of them picked, shown as a chip
    page.locator("#feedback-note input").fill("About the relationship, not governance")
    assert_fits(page)
    if page.size == "phone":
        shoot(page, "feedback-phone", docs=True)
