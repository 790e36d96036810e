"""Driving the app in Debian's chromium (Python playwright): a page at a given screen size, asking a question
and waiting for the answer to settle, and the layout measures the browser tests assert on."""

from __future__ import annotations

import os
from pathlib import Path

SHOTS = Path(__file__).parent / "output" / "screenshots"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SMALL = {"width": 360, "height": 740}  # the narrowest phone the page is made for
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
LAYOUT_SIZES = {"small": SMALL, **SIZES}
# Gradio's status trackers while an event is queued or running: the page is busy while one shows.
BUSY = ".wrap.default:not(.hide), .generating, .progress-text, .eta-bar"


def open_page(browser, url: str, viewport: dict, phone: bool | None = None):
    """A fresh browser context (its own localStorage) at this size; the page loaded and ready. Requests that
    leave the app are collected in page.outside: the app must need none."""
    phone = viewport["width"] < 600 if phone is None else phone
    context = browser.new_context(
        viewport=viewport,
        accept_downloads=True,
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=2 if phone else 1,
    )
    page = context.new_page()
    watch(page, url)
    page.goto(url, wait_until="load")
    ready(page)
    return page


def watch(page, url: str) -> None:
    page.outside = []
    page.on("request", lambda r: page.outside.append(r.url) if not r.url.startswith((url, "data:", "blob:")) else None)
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))


def ready(page) -> None:
    """The page is up and its load events (which restore it from the browser's storage) have run."""
    page.wait_for_selector("#question textarea", timeout=60_000)
    page.wait_for_function("window.__coachApp === true", timeout=30_000)
    page.wait_for_function(
        """busy => {
            const now = Date.now();
            if (document.querySelector(busy)) { window.__idleSince = null; return false; }
            window.__idleSince = window.__idleSince || now;
            return now - window.__idleSince > 150;
        }""",
        arg=BUSY,
        timeout=30_000,
        polling=50,
    )


def ask(page, question: str) -> None:
    """Type a question, send it, and wait until the streamed answer has settled."""
    before = chat_text(page)
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    settle(page, before)


def settle(page, before: str) -> None:
    """Wait until the chat has changed, no event is queued or running (the answer and the events chained to
    it), and the chat has stayed so for 200 ms (a chained event may start a moment after the one before)."""
    page.wait_for_function(
        """([before, busy]) => {
            const text = document.querySelector('#chat').innerText;
            const now = Date.now();
            if (text === before || text.trim().endsWith('…') || document.querySelector(busy)) {
                window.__settled = null;
                return false;
            }
            if (!window.__settled || window.__settled.text !== text) { window.__settled = {text, at: now}; return false; }
            return now - window.__settled.at > 200;
        }""",
        arg=[before, BUSY],
        timeout=30_000,
        polling=100,
    )


def chat_text(page) -> str:
    return page.locator("#chat").inner_text()


def last_answer(page):
    """The latest answer's message element."""
    return page.locator('#chat [data-testid="bot"]').last


def tab(page, name: str) -> None:
    """Open a tab by its name (on a narrow screen a tab may sit in Gradio's overflow menu)."""
    button = page.get_by_role("tab", name=name)
    if not button.count():
        page.get_by_label("More tabs").click()
        page.locator(".overflow-dropdown button", has_text=name).click()
    else:
        button.click()
    page.wait_for_timeout(300)


def sideways_overflow(page) -> dict:
    """How much wider the page is than the screen (0 when nothing scrolls sideways), and the widest element."""
    return page.evaluate("""() => {
        const doc = document.documentElement;
        let widest = null;
        for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.width && r.right > window.innerWidth + 1 && el.offsetParent !== null
                && getComputedStyle(el).visibility !== 'hidden') {
                widest = widest && widest.right >= r.right ? widest
                    : {right: r.right, tag: el.tagName, cls: String(el.className).slice(0, 60), id: el.id};
            }
        }
        return {excess: doc.scrollWidth - window.innerWidth, widest};
    }""")


def sideways_scrollers(page) -> list[dict]:
    """Every shown element that scrolls sideways (wider content than its box, with a scrollbar for it) — the
    chat's own scroll area with a long unbreakable citation in it, for one; [] when nothing does."""
    return page.evaluate("""() => {
        const found = [];
        for (const el of document.querySelectorAll('body *')) {
            if (el.offsetParent === null || !el.clientWidth) continue;
            const overflow = getComputedStyle(el).overflowX;
            if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
                found.push({tag: el.tagName, cls: String(el.className).slice(0, 60), id: el.id,
                            scroll: el.scrollWidth, width: el.clientWidth});
            }
        }
        return found;
    }""")


def chat_view(page) -> dict:
    """Where the latest question and answer are in the chat's scroll area (px from its top edge), how far it is
    scrolled, and whether "Jump to latest" shows."""
    return page.evaluate("""() => {
        const box = document.querySelector('#chat .bubble-wrap');
        const view = box.getBoundingClientRect();
        const last = (sel) => [...document.querySelectorAll(sel)].pop();
        const question = last('#chat [data-testid="user"]'), answer = last('#chat [data-testid="bot"]');
        const jump = document.getElementById('coach-jump');
        return {scrollTop: box.scrollTop, scrollHeight: box.scrollHeight, height: box.clientHeight,
                question: question ? question.getBoundingClientRect().top - view.top : null,
                answer: answer ? answer.getBoundingClientRect().top - view.top : null,
                answerText: answer ? answer.innerText : '',
                jump: !!jump && !jump.hidden && jump.offsetParent !== null};
    }""")


def scroll_chat(page, pixels: int) -> None:
    """Scroll the chat as a person does (the mouse wheel over it; negative: up)."""
    box = page.locator("#chat .bubble-wrap").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, pixels)
    page.wait_for_timeout(400)


# A table cell is squeezed when its text breaks inside a word — more lines than words, which is what
# "I / A / . / 1" (one letter per line) looks like —, or when it is narrower than 64 px and wraps at all,
# or its content overflows it (clipped headers). Lines are counted from the client rects of the cell's text
# nodes: rects whose tops lie within half a line of each other are one line (a badge's smaller text sits a
# little lower on the same line). Cells not rendered (a closed panel, a screen-reader-only header) are skipped.
SQUEEZED_CELLS = """() => {
    const bad = [];
    for (const cell of document.querySelectorAll('td, th')) {
        const r = cell.getBoundingClientRect();
        const text = cell.innerText.trim();
        if (r.width < 2 || r.height < 2 || !text || cell.offsetParent === null) continue;
        const rects = [];
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(node);
            rects.push(...[...range.getClientRects()].filter(x => x.width > 0));
        }
        rects.sort((a, b) => a.top - b.top);
        let lines = 0, last = -1e9;
        for (const x of rects) { if (x.top > last + x.height / 2) { lines += 1; last = x.top; } }
        const words = text.split(/\\s+/).length;
        if (lines > words || (r.width < 64 && lines > 1) || cell.scrollWidth > cell.clientWidth + 1) {
            bad.push({text: text.slice(0, 40), width: Math.round(r.width), lines, words});
        }
    }
    return bad;
}"""


def squeezed_cells(page) -> list[dict]:
    return page.evaluate(SQUEEZED_CELLS)


def visible_cells(page) -> int:
    return page.evaluate("""() => [...document.querySelectorAll('td, th')]
        .filter(c => c.getBoundingClientRect().width >= 2 && c.offsetParent !== null).length""")


def shoot(page, name: str, docs: bool = False) -> None:
    """A screenshot for the test run (tests/output/screenshots); with COACH_UPDATE_DOCS=1, `docs` ones are
    also written to docs/screenshots for the README."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
    if docs and os.environ.get("COACH_UPDATE_DOCS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS / f"{name}.png"), full_page=False)
