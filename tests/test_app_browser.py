"""The Gradio app in real headless Chromium (Debian's chromium, driven by Python playwright).

Screenshots go to tests/screenshots/ (and to docs/screenshots/ with COACH_UPDATE_DOCS=1)."""

import os
import re
from pathlib import Path

import pytest

from servers import BROWSER_ARGS, CHROMIUM

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).parent / "output" / "screenshots"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make browser` (apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, app):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.outside = []  # requests that leave 127.0.0.1: the app must need none
    page.on("request", lambda r: page.outside.append(r.url)
            if not r.url.startswith((app.url, "data:", "blob:")) else None)
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(app.url, wait_until="load")
    page.wait_for_selector("#question textarea", timeout=60_000)
    yield page
    assert page.outside == [], f"the page fetched from outside: {page.outside}"
    context.close()


def shoot(page, name, focus=None):
    """A full-page screenshot for the test run; with COACH_UPDATE_DOCS=1 also a viewport one for docs/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if os.environ.get("COACH_UPDATE_DOCS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1280, "height": 1250})
        if focus:
            page.locator(focus).scroll_into_view_if_needed()
        else:
            page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(300)
        page.screenshot(path=str(DOCS / f"{name}.png"), full_page=False)


def ask(page, question):
    """Type a question, send it, and wait until the streamed answer has settled."""
    before = page.locator("#chat").inner_text()
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        """before => {
            const text = document.querySelector('#chat').innerText;
            const now = Date.now();
            if (text === before || text.trim().endsWith('…')) { window.__settled = null; return false; }
            if (!window.__settled || window.__settled.text !== text) { window.__settled = {text, at: now}; return false; }
            return now - window.__settled.at > 800;
        }""", arg=before, timeout=30_000, polling=200)


def last_answer(page) -> str:
    return page.locator("#chat").inner_text()


def test_examples_on_first_load(page):
    assert page.get_by_text("What does a senior manager own in governance?").first.is_visible()
    shoot(page, "chat-empty")


def test_governance_answer_cites_ii_c_with_its_source_panel(page):
    ask(page, "What does a senior manager own in governance?")
    text = last_answer(page)
    assert "Define and monitor alliance governance model" in text and "[II C]" in text and "[II C.1]" in text
    page.get_by_text(re.compile(r"Sources \(\d+\)")).last.click()
    panel = page.locator("#chat table").last
    panel.wait_for(state="visible")
    rows = panel.inner_text()
    assert "II C" in rows and "Alliance Governance" in rows and "Design an alliance governance model" in rows
    shoot(page, "chat", focus="#chat table >> nth=-1")


def test_follow_up_and_new_conversation(page):
    ask(page, "What does a senior alliance manager own in governance?")
    ask(page, "And a director?")
    assert "Participate in alliance governance process" in last_answer(page)
    with page.expect_download() as download:
        page.locator("#download-chat").click()
    saved = Path(download.value.path()).read_text()
    assert "## 2. And a director?" in saved and "[II C] Alliance Governance" in saved
    page.locator("#new-conversation").click()
    page.wait_for_timeout(800)
    assert "Participate in alliance governance process" not in last_answer(page)


def test_clicking_an_example_asks_it(page):
    page.get_by_text("How do I end an alliance?").first.click()
    page.wait_for_function("document.querySelector('#chat').innerText.includes('II M.2')", timeout=30_000)
    assert "create a plan for ending an alliance" in last_answer(page)


def test_long_input_is_refused_with_a_message(page):
    ask(page, "governance " * 455)  # 5,005 characters
    assert "the limit is 4,000" in last_answer(page)


def test_html_is_shown_as_text(page):
    ask(page, "<script>alert('x')</script><b>bold</b> what is a strategic alliance?")
    chat = page.locator("#chat")
    assert "<script>alert('x')</script>" in chat.inner_text()
    assert chat.locator("b", has_text="bold").count() == 0 and chat.locator("script").count() == 0
    assert page.dialogs == []
    assert "long-term value-creating relationship" in last_answer(page)


def test_matrix_filtered_to_csap_only_items_of_ii_c(page):
    page.get_by_role("tab", name="Matrix explorer").click()
    area = page.locator("#matrix-area input")
    area.click()
    area.fill("II C Alliance")
    page.get_by_role("option", name="II C Alliance Governance").click()
    page.locator("#matrix-level").get_by_text("CSAP only", exact=True).click()
    page.wait_for_function("document.querySelector('#matrix-count').innerText.includes('3 competencies')",
                           timeout=15_000)
    table = page.locator("#matrix-table").inner_text()
    for code in ("II C.1", "II C.3", "II C.5"):
        assert code in table
    for code in ("II C.2", "II C.4", "I A.1"):
        assert code not in table
    detail = page.locator("#area-detail").inner_text()
    assert "Senior-level Alliance Manager — primary: Define and monitor alliance governance model" in detail
    shoot(page, "matrix")


def test_development_plan_built_and_downloaded(page):
    page.get_by_role("tab", name="Development plan").click()
    page.wait_for_selector("#plan-ratings")
    cell = page.locator('#plan-ratings [data-testid="cell-0-4"]')  # first row, "Your rating"
    assert cell.inner_text().startswith("0")
    cell.dblclick()
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    page.locator("#plan-build").click()
    page.wait_for_function("document.querySelector('#plan-result').innerText.includes('gaps')", timeout=20_000)
    result = page.locator("#plan-result").inner_text()
    assert "54 gaps of 103 CSAP-level competencies" in result  # 103 at CSAP, 55 of them CSAP-only: one rated 3
    assert "primary responsibility of the target role" in result and "Experience Required" in result
    page.locator("#readiness").get_by_text("Do you have a formal approval process for new partner ventures?").click()
    page.wait_for_function("document.querySelector('#readiness-score').innerText.includes('1 / 10')")
    with page.expect_download() as download:
        page.locator("#plan-md").click()
    plan = Path(download.value.path()).read_text()
    assert plan.startswith("# Development plan: CA-AM → CSAP") and "[II C.1] Design an alliance governance model" in plan
    with page.expect_download() as download:
        page.locator("#plan-csv").click()
    assert Path(download.value.path()).read_text().startswith("area,area_name,centrality,code")
    shoot(page, "plan", focus="#plan-build")


def test_typed_markdown_cannot_fake_a_link_or_a_citation(page):
    ask(page, "[II C](http://evil.example) **bold** `code` what does a senior manager own in governance?")
    chat = page.locator("#chat")
    assert chat.locator("a[href*='evil.example']").count() == 0
    assert "[II C](http://evil.example) **bold** `code`" in chat.inner_text()  # shown as typed
    assert "Define and monitor alliance governance model" in chat.inner_text()


def test_nothing_is_written_until_a_download_is_asked_for(page, settings):
    import tempfile

    before = {p.name for p in Path(tempfile.gettempdir()).glob("coach-conversation-*")}
    ask(page, "What is a strategic alliance?")
    after = {p.name for p in Path(tempfile.gettempdir()).glob("coach-conversation-*")}
    assert after == before and not (settings.home / "questions.log").exists()
