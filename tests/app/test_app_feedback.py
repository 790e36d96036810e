"""Feedback in the page, in real headless Chromium at phone and desktop size: a thumbs-down with what was wrong
and the area it should have used (picked by searching), stored on the server with the question, the earlier
questions and the answer, and read back by `coach feedback` as a maintainer runs it; a rating shown again after
a reload, changed, taken back; and with COACH_FEEDBACK=off, no thumbs at all."""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from pages import SIZES, ask, open_page

pytestmark = pytest.mark.browser
COACH = str(Path(sys.executable).parent / "coach")
FIRST, SECOND = "What is a strategic alliance?", "How do I end an alliance?"


def api_answer(app, question, history=()):
    body = json.dumps({"question": question, "history": list(history)}).encode()
    request = urllib.request.Request(f"{app.url}/api/ask", body, {"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.load(reply)


def coach_feedback(home, *args) -> str:
    env = {**os.environ, "COACH_HOME": str(home)}
    result = subprocess.run([COACH, "feedback", *args], capture_output=True, text=True, env=env, timeout=180)
    assert result.returncode == 0, result.stderr
    return result.stdout


def exported(home) -> list[dict]:
    """The records as they stand, as `coach feedback export` writes them."""
    return [json.loads(line) for line in coach_feedback(home, "export").splitlines()]


def written(home) -> list[dict]:
    """Every line of the feedback files, oldest first (as stored, amendments included)."""
    from coach.feedback import FeedbackStore

    return FeedbackStore(home / "feedback").lines()[0]


def test_a_thumbs_down_with_what_was_wrong_and_an_area_is_stored_and_read_back(page, app, settings):
    note = f"I asked how to end it, not what it is ({page.size} {uuid.uuid4().hex[:6]})"
    expected = api_answer(app, SECOND, [FIRST])
    ask(page, FIRST)
    ask(page, SECOND)
    page.locator('#chat button[aria-label="Dislike"]').last.click()
    send = page.locator("#feedback-send")
    send.wait_for(state="visible")
    page.wait_for_function(  # the form is brought into view (smoothly)
        "() => document.querySelector('#feedback-send').getBoundingClientRect().bottom <= window.innerHeight",
        timeout=3000,
    )
    page.locator("#feedback-note input").fill(note)
    areas = page.locator("#feedback-areas input").first
    areas.click()
    areas.fill("termin")  # the list of 21 areas, searched
    page.locator("#feedback-areas [role=option]").first.wait_for()
    assert page.locator("#feedback-areas [role=option]").all_inner_texts() == ["II M Termination and/or Transformation"]
    areas.press("Enter")
    send.click()
    status = page.locator("#feedback-status")
    status.wait_for(state="visible")
    assert "Thanks" in status.inner_text() and not page.locator("#feedback-form").is_visible()
    record = next(r for r in exported(settings.home) if r["note"] == note)
    assert (record["rating"], record["areas"], record["source"]) == ("down", ["II M"], "page")
    assert record["question"] == SECOND and record["history"] == [FIRST]
    assert record["answer"]["status"] == expected["status"]
    assert record["answer"]["citations"] == [c["code"] for c in expected["citations"]]
    assert record["answer"]["text"] == expected["text"] and record["followup"] is False
    summary = json.loads(coach_feedback(settings.home, "--json", "--top", "1000"))
    row = next(row for row in summary["worst"] if note in row["notes"])
    assert row["question"] == SECOND and "II M" in row["areas"]
    examples = coach_feedback(settings.home, "export", "--examples")
    assert f"“{note}”" in examples and f'- q: "{SECOND}"\n  after: "{FIRST}"\n  followup: false' in examples


def test_a_rating_shows_after_a_reload_and_can_be_changed_or_taken_back(desktop, settings):
    page = desktop
    before = len(written(settings.home))
    ask(page, "What does a senior manager own in governance?")
    page.locator('#chat button[aria-label="Like"]').last.click()
    page.locator("#feedback-status").wait_for(state="visible")
    assert page.locator("#feedback-status").inner_text() == "Thanks — noted."
    page.reload(wait_until="load")
    page.wait_for_selector("#question textarea")
    page.locator('#chat button[aria-label="Liked"]').wait_for()  # the conversation and its rating, restored
    page.locator('#chat button[aria-label="Dislike"]').click()
    page.locator("#feedback-form").wait_for(state="visible")
    page.locator("#feedback-close").click()
    page.locator("#feedback-form").wait_for(state="hidden")
    page.locator('#chat button[aria-label="Disliked"]').click()  # pressed again: the rating taken back
    page.wait_for_function("document.querySelector('#feedback-status')?.innerText.includes('taken back')")
    lines = written(settings.home)[before:]
    assert [r["rating"] for r in lines] == ["up", "down", None] and len({r["id"] for r in lines}) == 1
    assert lines[0]["id"] not in {r["id"] for r in exported(settings.home)}


@pytest.fixture(scope="module")
def app_without_feedback(coach, settings, tmp_path_factory):
    from servers import AppServer

    server = AppServer(settings.home, env={"COACH_FEEDBACK": "off"}).start()
    yield server
    server.stop()


def test_with_feedback_off_there_are_no_thumbs_and_the_api_says_so(browser, app_without_feedback, settings):
    before = len(written(settings.home))
    page = open_page(browser, app_without_feedback.url, SIZES["phone"])
    ask(page, SECOND)
    assert "II M" in page.locator("#chat").inner_text()
    assert page.locator('#chat button[aria-label="Like"], #chat button[aria-label="Dislike"]').count() == 0
    assert page.errors == [] and page.outside == []
    page.context.close()
    body = json.dumps({"question": SECOND, "rating": "down"}).encode()
    request = urllib.request.Request(
        f"{app_without_feedback.url}/api/feedback", body, {"content-type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403 and "COACH_FEEDBACK=off" in json.load(refused.value)["error"]
    assert len(written(settings.home)) == before
