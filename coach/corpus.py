"""The corpus stage: read the source documents and cut their prose into passages that keep their heading.

Each file in corpus/ is a small header between `---` lines (id, title, kind, source_file, sha256, and
author/publisher where the text says) followed by the document exactly as received. The sha256 in the
header guards that promise: a body that no longer matches it is reported, not silently indexed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError
from .records import Document, Passage

REQUIRED_FIELDS = ("id", "title", "kind", "source_file", "sha256")
KINDS = ("guide", "article")


def parse_document(raw: bytes, name: str) -> Document:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"corpus file {name} is not UTF-8 text ({exc.reason} at byte {exc.start}).") from None
    if not text.startswith("---\n"):
        raise CorpusError(f"corpus file {name} has no header; it must start with a '---' block (see corpus/README.md).")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise CorpusError(f"corpus file {name}: the header's closing '---' line is missing.")
    fields = {}
    for line in text[4:end].splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip()] = value.strip()
    missing = [key for key in REQUIRED_FIELDS if not fields.get(key)]
    if missing:
        raise CorpusError(f"corpus file {name}: the header lacks {', '.join(missing)}.")
    if fields["kind"] not in KINDS:
        raise CorpusError(f"corpus file {name}: kind {fields['kind']!r} is not one of {', '.join(KINDS)}.")
    body = text[end + len("\n---\n"):]
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    if digest != fields["sha256"]:
        raise CorpusError(
            f"corpus file {name}: its text differs from the text received (sha256 {digest[:12]}… instead of "
            f"{fields['sha256'][:12]}…); restore it with `python scripts/import_corpus.py`."
        )
    return Document(id=fields["id"], title=fields["title"], kind=fields["kind"], source_file=fields["source_file"],
                    text=body, author=fields.get("author", ""), publisher=fields.get("publisher", ""))


def load_corpus(folder: Path) -> list[Document]:
    """Every `*.txt` document of the folder, in file-name order. Exactly one must be the guide."""
    if not folder.is_dir():
        raise CorpusError(f"the corpus folder {folder} does not exist; set COACH_CORPUS to the folder of documents.")
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise CorpusError(f"the corpus folder {folder} holds no .txt documents.")
    documents = []
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CorpusError(f"cannot read corpus file {path}: {exc.strerror or exc}.") from None
        documents.append(parse_document(raw, path.name))
    guides = [doc for doc in documents if doc.kind == "guide"]
    if len(guides) != 1:
        raise CorpusError(f"the corpus in {folder} must hold exactly one guide; it holds {len(guides)}.")
    ids = [doc.id for doc in documents]
    if len(set(ids)) != len(ids):
        raise CorpusError(f"two corpus files in {folder} share an id: {sorted(ids)}.")
    return documents


def corpus_digest(documents: list[Document]) -> str:
    """A hash of everything indexed from the corpus: changes when any document or header changes."""
    digest = hashlib.sha256()
    for doc in documents:
        for value in (doc.id, doc.title, doc.kind, doc.source_file, doc.author, doc.publisher, doc.text):
            digest.update(value.encode("utf-8"))
            digest.update(b"\0")
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------------------
# Cutting prose into passages
# ---------------------------------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[•\-*]|\d{1,2}\.)\s+")
_NUMBERED = re.compile(r"^\s*\d{1,2}\.\s+")
_DATE = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \w+ \d{1,2}, \d{4}$")
_SMALL_WORDS = {"and", "of", "the", "or", "for", "a", "an", "to", "in"}


@dataclass(frozen=True)
class Block:
    text: str
    heading: str
    lead_in: str = ""  # the sentence that introduces a list, for list items
    is_item: bool = False
    numbered: bool = False
    date: str = ""


def is_heading(line: str) -> bool:
    """A short line that is not a sentence: no closing period/colon, no second sentence inside it."""
    text = line.strip()
    if not text or len(text) > 80 or _BULLET.match(line) or "\t" in line:
        return False
    if text[-1] in ".:;,\"”":
        return False
    return not re.search(r"[.?!]\s+\S", text)


def split_blocks(text: str) -> list[Block]:
    """Paragraphs and list items of an article, each with the heading it sits under.

    A heading-shaped line with no content after it is not a heading: a closing question or exclamation
    ("What would you add…?") is kept as a paragraph, anything else ("Next Step") is dropped.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    last_content = max((i for i, line in enumerate(lines) if not is_heading(line) and not _DATE.match(line.strip())),
                       default=-1)
    blocks: list[Block] = []
    heading, lead_in, date = "", "", ""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _DATE.match(stripped):
            date, heading, lead_in = stripped, "", ""
            continue
        if is_heading(line):
            if index < last_content:
                heading, lead_in = stripped, ""
                continue
            if stripped[-1] not in "?!":
                continue
        item = bool(_BULLET.match(line))
        body = _BULLET.sub("", line).strip() if item else stripped
        blocks.append(Block(body, heading, lead_in if item else "", item, bool(_NUMBERED.match(line)), date))
        if not item:
            lead_in = stripped if stripped.endswith(":") else ""
    return blocks


def title_run(text: str) -> str:
    """The name that opens a numbered list item: 'Partner Assessment Identifying potential…' → 'Partner Assessment'.

    The name is the run of capitalised words (and small joining words) before the capitalised word that
    starts the item's description.
    """
    words = text.split()
    run: list[str] = []
    for word in words:
        if word[:1].isupper() or (run and word in _SMALL_WORDS):
            run.append(word)
        else:
            break
    while run and run[-1] in _SMALL_WORDS:
        run.pop()
    return " ".join(run[:-1]) if len(run) > 1 else ""


def article_passages(document: Document) -> list[Passage]:
    passages = []
    for position, block in enumerate(split_blocks(document.text), start=1):
        heading = block.heading
        if block.numbered and title_run(block.text):
            heading = title_run(block.text)
        context = " ".join(part for part in (document.title, block.heading, block.lead_in) if part)
        passages.append(Passage(
            id=f"{document.id}#{position}",
            kind="passage",
            text=block.text,
            search_text=f"{context}: {block.text}",
            document=document.id,
            heading=heading,
            title=document.title,
            position=position,
            lead_in=block.lead_in,
        ))
    return passages


def citation_key(document_id: str, heading: str = "") -> str:
    """How answers cite prose: `doc-id` or `doc-id § Heading`."""
    return f"{document_id} § {heading}" if heading else document_id
