"""The chat in real headless Chromium (Debian's chromium, driven by Python playwright), at phone and desktop
size: cited answers whose every [code] opens its full source in place, sources that are never cut short,
suggested questions as buttons, follow-ups, a new conversation, the download, and typed text shown as typed.

What an answer should cite and suggest is asked of the running app's own JSON API (the same engine), so the
page is checked against the engine's answer, not against strings typed here."""

import json
import re
import urllib.request
from pathlib import Path

import pytest
from pages import BUSY, ask, chat_text, last_answer, settle, shoot

pytestmark = pytest.mark.browser
GOVERNANCE = "What does a senior manager own in governance?"


def api_answer(app, question, history=()):
    body = json.dumps({"question": question, "history": list(history)}).encode()
    request = urllib.request.Request(f"{app.url}/api/ask", body, {"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.load(reply)


def test_examples_on_first_load(desktop):
    assert desktop.get_by_text("What does a senior manager own in governance?").first.is_visible()
    shoot(desktop, "chat-empty", docs=True)


def test_every_citation_opens_its_full_source_in_place(page, app):
    expected = {c["code"]: c for c in api_answer(app, GOVERNANCE)["citations"]}
    ask(page, GOVERNANCE)
    answer = last_answer(page)
    assert "Define and monitor alliance governance model" in answer.inner_text()
    links = answer.locator("a.coach-cite")
    keys = [text.strip("[]") for text in links.all_inner_texts()]
    assert set(keys) == set(expected) and {"II C", "II C.1"} <= set(keys)
    for index, key in enumerate(keys):
        link = links.nth(index)
        link.click()
        host = link.locator("xpath=ancestor::*[self::li or self::p][1]")
        panel = host.locator(".coach-cite-open")
        panel.wait_for(state="visible")
        shown = " ".join(panel.inner_text().split())
        assert " ".join(expected[key]["text"].split()) in shown, key  # the complete source text, in place
        assert link.get_attribute("aria-expanded") == "true"
        if index == 1:  # an answer with a citation open: the README's pictures of the chat
            shoot(page, "chat" if page.size == "desktop" else "chat-phone", docs=True)
        link.click()  # and closed again
        assert panel.count() == 0 and link.get_attribute("aria-expanded") == "false"


def test_sources_are_never_cut_short(page, app):
    question = "How do I end an alliance?"
    expected = api_answer(app, question)["citations"]
    ask(page, question)
    answer = last_answer(page)
    answer.locator("details.coach-sources > summary").click()
    cards = answer.locator(".coach-src")
    assert cards.count() == len(expected)
    long_ones = 0
    for index, citation in enumerate(expected):
        card = cards.nth(index)
        if card.evaluate("el => el.tagName") == "DETAILS":  # a long text opens with "show all"
            long_ones += 1
            assert "show all" in card.inner_text()
            card.locator("summary").click()
        text = " ".join(card.locator(".coach-src-full").inner_text().split())
        assert text == " ".join(citation["text"].split()), citation["code"]
        assert citation["code"] in card.locator(".coach-src-key").inner_text()
    assert long_ones >= 1  # II M's area record (1,283 characters) among them
    shoot(page, f"chat-sources-{page.size}")


def test_suggested_questions_are_buttons_that_ask(page, app):
    first = api_answer(app, GOVERNANCE)
    ask(page, GOVERNANCE)
    buttons = page.locator("#chat .options .option")
    assert buttons.all_inner_texts() == first["follow_ups"] and len(first["follow_ups"]) >= 2
    follow = first["follow_ups"][0]
    expected = api_answer(app, follow, [GOVERNANCE])
    before = chat_text(page)
    buttons.first.click()
    settle(page, before)
    user = page.locator('#chat [data-testid="user"]').last.inner_text()
    assert user.strip() == follow
    cited = {text.strip("[]") for text in last_answer(page).locator("a.coach-cite").all_inner_texts()}
    assert cited == {c["code"] for c in expected["citations"]} and cited  # the engine's answer to the follow-up
    # only the latest answer offers its suggestions: the conversation has moved on from the first
    assert page.locator("#chat .options .option").all_inner_texts() == expected["follow_ups"]


def test_follow_up_new_conversation_and_download(desktop):
    page = desktop
    ask(page, "What does a senior alliance manager own in governance?")
    ask(page, "And a director?")
    assert "Participate in alliance governance process" in last_answer(page).inner_text()
    with page.expect_download() as download:
        page.locator("#download-chat").click()
    saved = Path(download.value.path()).read_text()
    assert "## 2. And a director?" in saved and "[II C] Alliance Governance" in saved
    assert re.search(r"Answered by: grounded composer · \d{4}-\d\d-\d\d \d\d:\d\d", saved)
    page.locator("#new-conversation").click()
    page.wait_for_function(
        "busy => !document.querySelector('#chat').innerText.includes('Participate in alliance governance process')"
        " && !document.querySelector(busy)",
        arg=BUSY,
    )
    label = page.locator("#download-chat").inner_text()
    assert label == "Download conversation (Markdown)"  # not "None"
    assert page.locator("#download-chat").is_disabled()


def test_clicking_an_example_asks_it(desktop):
    desktop.get_by_text("How do I end an alliance?").first.click()
    desktop.wait_for_function("document.querySelector('#chat').innerText.includes('II M.2')", timeout=30_000)
    assert "create a plan for ending an alliance" in chat_text(desktop)


def test_long_input_is_refused_with_a_message(desktop):
    ask(desktop, "governance " * 455)  # 5,005 characters
    assert "the limit is 4,000" in chat_text(desktop)


def test_html_is_shown_as_text(desktop):
    ask(desktop, "<script>alert('x')</script><b>bold</b> what is a strategic alliance?")
    chat = desktop.locator("#chat")
    assert "<script>alert('x')</script>" in chat.inner_text()
    assert chat.locator("b", has_text="bold").count() == 0 and chat.locator("script").count() == 0
    assert desktop.dialogs == []
    assert "long-term value-creating relationship" in chat_text(desktop)


def test_typed_markdown_cannot_fake_a_link_or_a_citation(desktop):
    ask(desktop, "[II C](http://evil.example) **bold** `code` what does a senior manager own in governance?")
    chat = desktop.locator("#chat")
    assert chat.locator("a[href*='evil.example']").count() == 0
    user = desktop.locator('#chat [data-testid="user"]').last
    assert user.locator("a").count() == 0  # the typed "[II C]" is not a citation link
    assert "[II C](http://evil.example) **bold** `code`" in chat.inner_text()  # shown as typed
    assert "Define and monitor alliance governance model" in chat.inner_text()


def test_nothing_is_written_until_a_download_is_asked_for(desktop, settings):
    import tempfile

    before = {p.name for p in Path(tempfile.gettempdir()).glob("coach-conversation-*")}
    ask(desktop, "What is a strategic alliance?")
    after = {p.name for p in Path(tempfile.gettempdir()).glob("coach-conversation-*")}
    assert after == before and not (settings.home / "questions.log").exists()
