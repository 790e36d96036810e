"""What the browser keeps (localStorage, through gr.BrowserState): the conversation, the plan and the profile
survive a page reload and a restart of the server — the state lives in the browser, not in the server —, a
follow-up after the restart still uses the conversation, the profile shapes answers that do not say who is
asking, and storage the page cannot read is dropped without an error."""

import pytest
from pages import DESKTOP, PHONE, ask, chat_text, last_answer, open_page, ready, tab

pytestmark = pytest.mark.browser


def set_profile(page, role_label, certification=None):
    page.locator("#profile").get_by_text("Your profile", exact=False).first.click()
    for elem_id, option in (("profile-role", role_label), ("profile-certification", certification)):
        if option:
            field = page.locator(f"#{elem_id} input")
            field.click()
            page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_function(
        "role => document.querySelector('#profile').innerText.includes('Your profile: ' + role)",
        arg=role_label.split(" ")[0],
        timeout=10_000,
    )
    page.wait_for_timeout(300)  # the profile written to the browser


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_reload_keeps_the_conversation_the_plan_and_the_profile(browser, app, viewport):
    page = open_page(browser, app.url, viewport)
    set_profile(page, "Senior-level alliance manager", "CSAP")
    ask(page, "What does a senior manager own in governance?")
    tab(page, "Development plan")
    page.wait_for_function("document.querySelector('#plan-path input').value === 'Senior-level → Executive-level'")
    page.locator('.coach-rate-area[data-area="II C"] button.coach-bulk[data-value="0"]').click()
    page.wait_for_function("document.querySelector('#plan-summary').innerText.includes('4 gaps')")
    page.locator("#readiness").get_by_text("Do you have a formal approval process for new partner ventures?").click()
    page.wait_for_function("document.querySelector('#readiness-score').innerText.includes('1 / 10')")
    page.wait_for_timeout(500)

    page.reload(wait_until="load")
    ready(page)
    page.wait_for_function("document.querySelector('#chat').innerText.includes('Define and monitor')")
    answer = last_answer(page)
    assert answer.locator("a.coach-cite").count() >= 5  # restored with its citations, which still open
    answer.locator("a.coach-cite").first.click()
    assert answer.locator(".coach-cite-open").count() == 1
    assert page.locator("#chat .options .option").count() >= 2  # and its suggested questions
    assert "Your profile: Senior-level · CSAP" in page.locator("#profile").inner_text()
    assert page.locator("#download-chat").is_enabled()
    tab(page, "Development plan")
    assert page.locator("#plan-path input").input_value() == "Senior-level → Executive-level"
    assert "4 gaps" in page.locator("#plan-summary").inner_text()
    assert page.locator('fieldset[data-code="II C.1"] input[value="0"]').is_checked()
    assert "1 / 10" in page.locator("#readiness-score").inner_text()
    assert page.errors == [] and page.outside == []
    page.context.close()


def test_a_server_restart_loses_nothing_and_follow_ups_still_follow(browser, settings):
    from servers import AppServer

    server = AppServer(settings.home).start()  # its own server, on a port kept across the restart
    try:
        page = open_page(browser, server.url, DESKTOP)
        ask(page, "What does a senior alliance manager own in governance?")
        page.locator("#new-conversation").wait_for()
        server.stop()
        server.start()
        page.reload(wait_until="load")
        ready(page)
        page.wait_for_function("document.querySelector('#chat').innerText.includes('Define and monitor')")
        ask(page, "And a director?")  # answered from the history the browser kept
        assert "Participate in alliance governance process" in last_answer(page).inner_text()
        assert chat_text(page).count("Alliance Governance") >= 2
        page.context.close()
    finally:
        server.stop()


def test_the_profile_answers_what_a_question_leaves_out(browser, app):
    page = open_page(browser, app.url, PHONE)
    ask(page, "What should I develop next?")
    assert "Path: CA-AM → CSAP" in last_answer(page).inner_text()
    set_profile(page, "Mid-level alliance manager")
    ask(page, "What should I develop next?")
    text = last_answer(page).inner_text()
    assert "The guide sets CA-AM for the mid-level alliance manager and CSAP for the senior-level" in text
    assert "Path: mid-level alliance manager → senior-level alliance manager" in text
    page.context.close()


def test_storage_the_page_cannot_read_is_dropped(browser, app):
    page = open_page(browser, app.url, DESKTOP)
    page.evaluate("""() => ['alliance-coach-conversation', 'alliance-coach-plan', 'alliance-coach-profile']
        .forEach(key => localStorage.setItem(key, 'not:encrypted{'))""")
    page.reload(wait_until="load")
    ready(page)
    assert page.errors == []
    ask(page, "What is a strategic alliance?")
    assert "long-term value-creating relationship" in chat_text(page)
    tab(page, "Development plan")
    assert "55 gaps of 103" in page.locator("#plan-summary").inner_text()
    page.context.close()
