"""Downloads made in the browser: the conversation and the plan come back from the server as a name and a
text, and the page saves them as a file (a Blob). Nothing is written to the server's disk, so nothing of a
conversation is left behind there (the files Gradio's DownloadButton handed out stayed in the temp folder),
and a download is capped at MAX_DOWNLOAD characters whatever the page sent.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

MAX_DOWNLOAD = 2_000_000  # characters of one downloaded file; a 50-answer conversation is about 400,000
CUT = "\n\n(The download stops here: a file is at most {limit:,} characters.)\n"

# Save the payload as a file, then clear the carrier (its return value), so the text does not stay in the page.
SAVE_JS = """
(file) => {
  if (!file || typeof file.text !== 'string') return null;
  const url = URL.createObjectURL(new Blob([file.text], {type: file.type || 'text/plain'}));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name || 'alliance-coach.txt';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return null;
}
"""


def payload(name: str, text: str, media_type: str) -> dict:
    """What the page saves: the file's name, its media type and its text (cut at MAX_DOWNLOAD characters)."""
    if len(text) > MAX_DOWNLOAD:
        text = text[:MAX_DOWNLOAD] + CUT.format(limit=MAX_DOWNLOAD)
    return {"name": name, "type": f"{media_type}; charset=utf-8", "text": text}


def offer(button, make, inputs) -> None:
    """Clicking `button` runs `make(*inputs)` (a payload, or None for nothing to save) and saves what it
    returns as a file in the browser."""
    carrier = gr.JSON(value=None, visible=False)
    private: dict[str, Any] = {"api_visibility": "private"}
    button.click(make, inputs, carrier, **private).then(None, carrier, carrier, js=SAVE_JS, **private)
