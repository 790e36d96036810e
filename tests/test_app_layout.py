"""The layout at phone size (390 × 844) and desktop size (1280 × 800), on every tab: nothing scrolls the page
sideways, no table cell is squeezed (see pages.SQUEEZED_CELLS for the measure), and the tab's main action
works — a question gets a cited answer, a search gets rows, rating an area gets a plan with its gaps."""

import pytest
from pages import PHONE, ask, last_answer, open_page, shoot, sideways_overflow, squeezed_cells, tab, visible_cells

pytestmark = pytest.mark.browser


def assert_fits(page):
    overflow = sideways_overflow(page)
    assert overflow["excess"] <= 0, f"the page scrolls sideways by {overflow['excess']} px: {overflow['widest']}"
    squeezed = squeezed_cells(page)
    assert squeezed == [], f"table cells squeezed below a readable width: {squeezed[:5]}"


def test_chat(page):
    ask(page, "What does a senior manager own in governance?")
    answer = last_answer(page)
    assert answer.locator("a.coach-cite").count() >= 5
    answer.locator("details.coach-sources > summary").click()
    answer.locator("a.coach-cite").first.click()
    assert_fits(page)
    # one scrolling area: the chat scrolls inside itself, the page beside it does not
    assert page.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")
    header = page.locator("#chat").bounding_box()
    first_line = answer.bounding_box()
    assert first_line["y"] >= header["y"]  # no label chip over the answer's first line
    assert page.locator("#chat .block-label, #chat label[data-testid='block-label']").count() == 0


def test_matrix_explorer(page):
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


def test_development_plan(page):
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
