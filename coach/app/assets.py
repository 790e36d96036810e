"""The page's own CSS and script (no CDN, nothing from the network).

Layout rule: nothing is wider than the screen from 360 px up, and nothing scrolls sideways (a long article
citation wraps). Tables become cards below 720 px (each cell labelled with its column), the chat fills the
screen height so the page itself does not scroll beside it, and tap targets are at least 36 px. The script
opens a citation's source in place (see render.py) and scrolls the chat as a reader expects (SCROLL).
"""

CSS = """
footer { display: none !important; }
.coach-note { font-size: 0.92em; opacity: 0.9; }
.coach-sr { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
#coach-header h1 { margin: 0 0 .15em; font-size: 1.6em; }
#coach-header p { margin: 0; }
.coach-toolbar { gap: .5em; }

/* --- chat: sized by the script to the screen; citations, sources, suggested questions --- */
#chat { height: var(--coach-chat-height, calc(100dvh - 260px)) !important; }
#chat .message-content { overflow-wrap: anywhere; min-width: 0; }
#chat .message-row, #chat .message, #chat .message-content, #chat .prose { max-width: 100%; }
a.coach-cite { font-weight: 600; text-decoration: none; color: var(--color-accent); white-space: nowrap;
  border-radius: 4px; padding: 0 .1em; cursor: pointer; }
a.coach-cite-long { white-space: normal; overflow-wrap: anywhere; }
#chat .scroll-down-button-container { display: none !important; }
#chat .message-wrap::after { content: ""; display: block; flex: none; height: var(--coach-room, 0px); }
#coach-jump { position: absolute; left: 50%; bottom: 14px; transform: translateX(-50%); z-index: 5;
  min-height: 36px; padding: .35em 1em; border-radius: 999px; border: 1px solid var(--border-color-primary);
  background: var(--background-fill-primary); color: var(--body-text-color); font: inherit; font-size: .9em;
  box-shadow: 0 2px 8px rgba(0, 0, 0, .15); cursor: pointer; white-space: nowrap; }
#coach-jump[hidden] { display: none; }
#feedback-form .gr-group > .styler > .block { padding-left: .7em; padding-right: .7em; }
#feedback-form .coach-toolbar { padding: .5em .7em; }
#feedback-form button, #chat .message-buttons button { min-width: 36px; min-height: 36px; }
a.coach-cite:hover, a.coach-cite:focus-visible { text-decoration: underline; background: var(--color-accent-soft); }
a.coach-cite[aria-expanded="true"] { background: var(--color-accent-soft); }
.coach-cite-open { display: block; margin: .35em 0 .5em; padding: .5em .7em; border-left: 3px solid var(--color-accent);
  background: var(--background-fill-secondary); border-radius: 0 6px 6px 0; font-size: .93em; white-space: normal; }
.coach-cite-open > span { display: block; }
.coach-cite-close { float: right; border: 0; background: none; cursor: pointer; font-size: 1.1em; line-height: 1;
  padding: .1em .3em; color: var(--body-text-color-subdued); }
details.coach-sources { margin-top: .8em; border: 1px solid var(--border-color-primary); border-radius: 8px; }
details.coach-sources > summary { cursor: pointer; padding: .45em .7em; font-weight: 600; font-size: .92em; }
.coach-src-list { display: flex; flex-direction: column; gap: .45em; padding: 0 .6em .6em; }
.coach-src { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: .45em .6em;
  font-size: .92em; background: var(--background-fill-primary); }
details.coach-src > summary { cursor: pointer; list-style: none; }
details.coach-src > summary::-webkit-details-marker { display: none; }
details.coach-src[open] .coach-src-preview { display: none; }
.coach-src-head { display: block; }
.coach-src-key { font-weight: 700; margin-right: .3em; }
.coach-src-title { font-weight: 600; }
.coach-src-kinds { font-size: .85em; color: var(--body-text-color-subdued); }
.coach-src-where { display: block; font-size: .85em; color: var(--body-text-color-subdued); margin: .1em 0 .2em; }
.coach-src-full, .coach-src-preview { display: block; }
.coach-more { color: var(--color-accent); font-weight: 600; white-space: nowrap; }
.coach-badge { display: inline-block; font-size: .8em; padding: .05em .5em; border-radius: 999px;
  background: var(--color-accent-soft); white-space: nowrap; }
#chat .options { flex-wrap: wrap; }
#chat .options .option { max-width: 100%; white-space: normal; text-align: left; }

/* --- tables: a table on wide screens, cards on a phone --- */
.coach-table-wrap { max-width: 100%; overflow-x: auto; }
.coach-table { width: 100%; border-collapse: collapse; font-size: .93em; border: 0 !important; }
.coach-table th, .coach-table td { text-align: left; vertical-align: top; padding: .45em .6em;
  border: 0 !important; border-bottom: 1px solid var(--border-color-primary) !important; }
.coach-table th { white-space: nowrap; font-weight: 600; }
.coach-matrix td.coach-code { white-space: nowrap; font-weight: 600; }
.coach-matrix td[data-label="Area"] { min-width: 11em; }
.coach-matrix td[data-label="Exams"], .coach-matrix td[data-label="Type"] { min-width: 6.5em; }
.coach-empty { padding: 1em; }
@media (max-width: 720px) {
  .coach-matrix thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .coach-matrix, .coach-matrix tbody { display: block; width: 100%; border: 0; }
  .coach-matrix tr { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 .6em;
    border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .45em .7em; margin-bottom: .55em; }
  .coach-matrix td { display: block; flex: 1 1 100%; border: 0; padding: .12em 0; min-width: 0 !important; }
  .coach-matrix td.coach-code { order: 1; flex: 0 0 auto; }
  .coach-matrix td[data-label="Exams"] { order: 2; flex: 0 0 auto; }
  .coach-matrix td.coach-main { order: 3; }
  .coach-matrix td[data-label="Area"] { order: 4; }
  .coach-matrix td[data-label="Type"] { order: 5; }
  .coach-matrix td.coach-main { font-weight: 600; }
  .coach-matrix td[data-label="Area"]::before, .coach-matrix td[data-label="Type"]::before {
    content: attr(data-label) ": "; color: var(--body-text-color-subdued); }
}

/* --- development plan --- */
.coach-scale-key { display: flex; flex-wrap: wrap; gap: .2em 1em; font-size: .88em; margin: .2em 0 .5em; }
.coach-rate-area { border: 1px solid var(--border-color-primary); border-radius: 8px; margin: .4em 0; }
.coach-rate-area > summary { display: flex; flex-wrap: wrap; align-items: center; gap: .3em .8em;
  padding: .45em .7em; cursor: pointer; }
.coach-rate-name { flex: 1 1 14em; font-weight: 600; }
.coach-rate-stat { font-size: .88em; color: var(--body-text-color-subdued); white-space: nowrap; }
.coach-bulk-group { white-space: nowrap; font-size: .88em; }
.coach-bulk, .coach-scale label > span { display: inline-flex; align-items: center; justify-content: center;
  min-width: 2.4em; min-height: 2.3em; padding: 0 .55em; border: 1px solid var(--border-color-primary);
  border-radius: 6px; background: var(--background-fill-primary); cursor: pointer; font: inherit; }
.coach-bulk:hover, .coach-scale label > span:hover { border-color: var(--color-accent); }
fieldset.coach-rate-item { border: 0; border-top: 1px solid var(--border-color-primary); margin: 0;
  padding: .45em .7em .55em; min-width: 0; }
fieldset.coach-rate-item legend { float: left; width: 100%; padding: 0; margin-bottom: .3em; }
.coach-scale { clear: both; display: flex; flex-wrap: wrap; gap: .3em; }
.coach-scale label { position: relative; }
.coach-scale input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.coach-scale input:checked + span { background: var(--color-accent); color: white; border-color: var(--color-accent); }
.coach-scale input:focus-visible + span { outline: 2px solid var(--color-accent); outline-offset: 2px; }
.coach-code { font-weight: 700; white-space: nowrap; }
@media (max-width: 560px) { .coach-scale-word { display: none; } }
.coach-plan-summary { font-size: 1.02em; margin: .3em 0 .6em; }
.coach-plan h4 { margin: 1em 0 .35em; }
.coach-plan ul, .coach-plan ol { padding-left: 1.3em; margin: .2em 0 .5em; }
.coach-gap { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .4em .7em; margin: .5em 0; }
.coach-gap-head, .coach-gap-todo, .coach-job-head { margin: .2em 0; font-weight: 600; }
.coach-was { font-size: .88em; color: var(--body-text-color-subdued); }
.coach-cite-key { font-size: .88em; color: var(--color-accent); white-space: nowrap; }
.coach-bars { display: flex; flex-direction: column; gap: .3em; }
.coach-bar-row { display: flex; flex-wrap: wrap; align-items: center; gap: .15em .6em; font-size: .9em; }
.coach-bar-label { flex: 1 1 13em; }
.coach-bar { flex: 1 1 8em; height: .8em; background: var(--background-fill-secondary); border-radius: 999px;
  overflow: hidden; border: 1px solid var(--border-color-primary); }
.coach-bar-fill { display: block; height: 100%; background: #c7d2fe; }
.coach-bar-fill.coach-rank-0 { background: #4f46e5; }
.coach-bar-fill.coach-rank-1 { background: #818cf8; }
.coach-bar-value { width: 3em; text-align: right; }

@media (max-width: 560px) {
  #coach-header h1 { font-size: 1.3em; }
  #coach-header p { font-size: .85em; }
  .tab-container button { padding-left: .55em !important; padding-right: .55em !important; font-size: .92em !important; }
  #chat .bubble-wrap { padding-left: 0; padding-right: 0; }
  #chat .message { padding: .45em .55em !important; }
}
"""

# Gradio scopes CSS= to its content (".gradio-container .contain …"); the page's outer padding sits above that.
HEAD = """<style>
@media (max-width: 560px) { .gradio-container .main { padding-left: 8px !important; padding-right: 8px !important; } }
</style>"""

# The chat's scrolling (the Chatbot's own autoscroll is off: it followed the end of a streaming answer, so the
# answer's first lines went out of view and scrolling up to read was undone). A question just asked goes to the
# top of the chat, so the answer's first lines are in view while the rest streams in below; the view is held
# there until the person scrolls, taps or presses a key in the chat, and nothing moves it after that. "Jump to
# latest" shows while the latest question is out of view below (the person is reading something earlier).
SCROLL = """
  const bubbles = () => document.querySelector('#chat .bubble-wrap');
  const questions = () => document.querySelectorAll('#chat [data-testid="user"]');
  let seen = 0, held = 0, room = 0;  // questions in the chat; the one the view is held at (0: none); room below
  const target = (box, question) => {  // where the view starts to show a question at its top
    const top = question.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    const half = box.clientHeight * 0.5;  // a long question: its end, and the answer's start, in view
    return Math.max(0, Math.round(question.offsetHeight > half ? top + question.offsetHeight - half : top - 40));
  };
  // Room under the latest answer while it is shorter than the chat, so that its question can sit at the top at
  // once; the answer fills the room as it streams, and nothing moves.
  const makeRoom = (box, question) => {
    const content = box.scrollHeight - room;
    const needed = question ? Math.min(box.clientHeight, Math.max(0, target(box, question) + box.clientHeight - content)) : 0;
    if (Math.abs(needed - room) > 1) {
      room = needed;
      document.documentElement.style.setProperty('--coach-room', room + 'px');
    }
  };
  const place = (question, smooth) => {
    const box = bubbles();
    if (!box || !question) return;
    const top = target(box, question);
    if (Math.abs(box.scrollTop - top) > 1) box.scrollTo({top, behavior: smooth ? 'smooth' : 'instant'});
  };
  const jump = () => {
    const chat = document.querySelector('#chat');
    const box = bubbles();
    if (!chat || !box) return;
    let button = document.getElementById('coach-jump');
    if (!button || !chat.contains(button)) {
      button?.remove();
      button = document.createElement('button');
      button.type = 'button';
      button.id = 'coach-jump';
      button.hidden = true;
      button.textContent = '↓ Jump to latest';
      button.addEventListener('click', () => {
        held = seen;
        place(questions()[seen - 1], true);
        button.hidden = true;
      });
      chat.appendChild(button);
    }
    const all = questions();
    const last = all[all.length - 1];
    const view = box.getBoundingClientRect();
    const below = box.scrollTop < box.scrollHeight - box.clientHeight - 4;
    const away = !!last && below && last.getBoundingClientRect().top > view.bottom - view.height * 0.3;
    if (button.hidden === away) button.hidden = !away;
  };
  let asking = false;  // the feedback form: brought into view when a thumbs-down opens it
  const form = () => {
    const open = !!document.querySelector('#feedback-form')?.offsetParent;
    if (open && !asking) document.querySelector('#feedback-form').scrollIntoView({block: 'nearest', behavior: 'smooth'});
    asking = open;
  };
  const follow = () => {
    form();
    const all = questions();
    if (all.length > seen) held = all.length;  // a question was asked (or a conversation restored)
    else if (all.length < seen) held = 0;  // a new conversation
    seen = all.length;
    const box = bubbles();
    if (box) makeRoom(box, all[all.length - 1]);
    if (held) place(all[held - 1]);
    jump();
  };
  let queued = false;
  const soon = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; follow(); });
  };
  const release = (event) => {
    if (event.target.closest?.('#chat') && !event.target.closest('#coach-jump')) held = 0;
  };
  for (const type of ['wheel', 'touchstart', 'pointerdown', 'keydown']) {
    document.addEventListener(type, release, {capture: true, passive: true});
  }
  document.addEventListener('scroll', () => requestAnimationFrame(jump), {capture: true, passive: true});
  new MutationObserver(soon).observe(document.body, {childList: true, subtree: true, characterData: true});
  new ResizeObserver(soon).observe(document.body);  // a panel shown or hidden (the feedback form) resizes it
  soon();
"""

# Run once when the page loads (Blocks' js=). Citations open their source in place: a panel at the end of the
# line or list item that cites it, closed by the citation again or its × button. The chat is sized to the
# screen (what is above and below it measured), so the page does not scroll beside the chat's own scroll.
JS = (
    """
() => {
  if (window.__coachApp) return;
  window.__coachApp = true;
  const panelFor = (link) => {
    const id = (link.getAttribute('href') || '').slice(1);
    const host = link.closest('li, p, td') || link.parentElement;
    return {id, host, panel: host.querySelector(`:scope > .coach-cite-open[data-for="${id}"]`)};
  };
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!target.closest) return;
    const close = target.closest('.coach-cite-close');
    if (close) {
      const panel = close.closest('.coach-cite-open');
      panel.parentElement.querySelector(`a.coach-cite[href="#${panel.dataset.for}"]`)?.setAttribute('aria-expanded', 'false');
      panel.remove();
      event.preventDefault();
      return;
    }
    const link = target.closest('a.coach-cite');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const {id, host, panel: open} = panelFor(link);
    if (open) { open.remove(); link.setAttribute('aria-expanded', 'false'); return; }
    const card = document.getElementById(id);
    if (!card) return;
    const panel = document.createElement('span');
    panel.className = 'coach-cite-open';
    panel.dataset.for = id;
    panel.setAttribute('role', 'note');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'coach-cite-close';
    button.setAttribute('aria-label', 'Close the source');
    button.textContent = '×';
    panel.appendChild(button);
    for (const part of ['.coach-src-head', '.coach-src-where', '.coach-src-full']) {
      const found = card.querySelector(part);
      if (found) panel.appendChild(found.cloneNode(true));
    }
    host.appendChild(panel);
    link.setAttribute('aria-expanded', 'true');
  }, true);
  const fit = () => {
    const chat = document.querySelector('#chat');
    if (!chat || !chat.offsetParent) return;
    const tab = chat.closest('[role=tabpanel]') || chat.parentElement;
    const rect = chat.getBoundingClientRect();
    const top = rect.top + window.scrollY;
    const below = tab.getBoundingClientRect().bottom - rect.bottom + 24;
    const height = Math.max(280, Math.floor(window.innerHeight - top - below));
    if (Math.abs(height - rect.height) > 2) {
      document.documentElement.style.setProperty('--coach-chat-height', height + 'px');
    }
  };
  window.addEventListener('resize', fit);
  new ResizeObserver(() => requestAnimationFrame(fit)).observe(document.body);
  fit();
"""
    + SCROLL
    + """
}
"""
)
