"""The chat's scrolling in real headless Chromium, at phone and desktop size: a question just asked goes to the
top of the chat with its answer's first lines in view (not scrolled to the answer's end); scrolling up to read
is never undone by an answer that is still streaming; "Jump to latest" shows while the latest question is out
of view below, and brings it back.

The composer answers at once, so the streaming case needs a slow writer: a stand-in for a hosted LLM
(tests/fake_llm.py, an OpenAI-compatible server on 127.0.0.1 that streams a scripted reply slowly) behind a
second real app. Its reply is not grounded, so the citation guard replaces it with the composer's answer once
it is complete — what this test watches is the page while it streams."""

import pytest
from pages import SIZES, ask, chat_view, open_page, scroll_chat

pytestmark = pytest.mark.browser
LONG = "difference between a mid-level and a senior alliance manager?"  # every area where they differ: long
SITUATION = (
    "the partner keeps missing the milestones we agreed on. how do I deal with that without blowing up the "
    "relationship?"
)
TOP = 60  # px: a question "at the top" starts this close to the chat's top edge (the script leaves 40)
REPLY = "\n".join(
    f"- Step {n}: agree the exit plan with the partner and record it [II M.{n % 6 + 1}]" for n in range(30)
)


def at_top_with_its_answer_in_view(view: dict) -> bool:
    return 0 <= view["question"] <= TOP and view["question"] < view["answer"] < view["height"] - 24


def test_a_new_question_goes_to_the_top_with_its_answer_in_view(page):
    ask(page, LONG)
    first = chat_view(page)
    assert first["scrollHeight"] > first["height"] * 1.5  # an answer longer than the chat: there is an end
    assert at_top_with_its_answer_in_view(first), first
    assert first["scrollTop"] + first["height"] < first["scrollHeight"] - 100  # not scrolled to the end
    scroll_chat(page, -5000)  # up, to read the start of the conversation
    assert chat_view(page)["scrollTop"] == 0
    ask(page, SITUATION)  # the next question comes into view, though the person had scrolled away
    second = chat_view(page)
    assert at_top_with_its_answer_in_view(second) and not second["jump"], second
    assert second["scrollTop"] + second["height"] < second["scrollHeight"] - 100
    scroll_chat(page, -second["height"] * 2)  # reading the first answer again: the latest is out of view below
    away = chat_view(page)
    assert away["question"] > away["height"] and away["jump"], away
    page.locator("#coach-jump").click()
    page.wait_for_function(
        "() => { const j = document.getElementById('coach-jump'); return j && j.hidden; }", timeout=3000
    )
    page.wait_for_timeout(600)  # the smooth scroll ends
    back = chat_view(page)
    assert at_top_with_its_answer_in_view(back), back


@pytest.fixture(scope="module")
def slow_llm():
    from fake_llm import FakeOpenAI

    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def slow_app(coach, settings, slow_llm):
    """The real app, its answers written by the stand-in LLM."""
    from servers import AppServer

    env = {"COACH_LLM": "openai:fake-model", "COACH_LLM_BASE_URL": slow_llm.base_url, "OPENAI_API_KEY": "not-needed"}
    server = AppServer(settings.home, env=env).start()
    yield server
    server.stop()


@pytest.fixture(params=["phone", "desktop"])
def slow_page(request, browser, slow_app):
    page = open_page(browser, slow_app.url, SIZES[request.param])
    yield page
    assert page.outside == [] and page.errors == []
    page.context.close()


def test_scrolling_up_while_an_answer_streams_is_never_undone(slow_page, slow_llm):
    page = slow_page
    slow_llm.delay, slow_llm.replies = 0.0, [REPLY]
    ask(page, LONG)  # a first exchange, so that there is something above to scroll up to
    slow_llm.delay, slow_llm.replies = 0.12, [REPLY]  # 12 characters every 0.12 s: about 20 s in all
    box = page.locator("#question textarea")
    box.fill("And what do I do first when ending it?")
    box.press("Enter")
    page.wait_for_function(
        "() => { const a = [...document.querySelectorAll('#chat [data-testid=bot]')]; "
        "return a.length === 2 && a[1].innerText.includes('Step 2'); }",
        timeout=30_000,
    )
    streaming = []
    for _ in range(4):  # while it streams: the question stays at the top, the answer's first line in view
        streaming.append(chat_view(page))
        page.wait_for_timeout(300)
    assert all(at_top_with_its_answer_in_view(view) for view in streaming), streaming
    assert len(streaming[-1]["answerText"]) > len(streaming[0]["answerText"])  # it was streaming all along
    scroll_chat(page, -300)
    held = chat_view(page)
    page.wait_for_timeout(1500)
    later = chat_view(page)
    assert len(later["answerText"]) > len(held["answerText"]) and "Step 29" not in later["answerText"]
    assert abs(later["scrollTop"] - held["scrollTop"]) <= 1, (held, later)  # the stream did not move the view
    scroll_chat(page, -5000)
    assert chat_view(page)["jump"]
    page.locator("#coach-jump").click()
    page.wait_for_timeout(800)
    back = chat_view(page)
    assert at_top_with_its_answer_in_view(back) and not back["jump"], back
