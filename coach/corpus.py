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
from .records import Document, DocumentKind, Passage, RecordKind
from .sentences import split_sentences

REQUIRED_FIELDS = ("id", "title", "kind", "source_file", "sha256")
KINDS = tuple(DocumentKind)


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
    body = text[end + len("\n---\n") :]
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    if digest != fields["sha256"]:
        raise CorpusError(
            f"corpus file {name}: its text differs from the text received (sha256 {digest[:12]}… instead of "
            f"{fields['sha256'][:12]}…); restore it with `python scripts/import_corpus.py`."
        )
    return Document(
        id=fields["id"],
        title=fields["title"],
        kind=DocumentKind(fields["kind"]),
        source_file=fields["source_file"],
        text=body,
        author=fields.get("author", ""),
        publisher=fields.get("publisher", ""),
    )


MANIFEST = "SHA256SUMS"


def read_manifest(folder: Path) -> dict[str, str]:
    """The corpus's list of documents, {file name: sha256 of the whole file}, as `sha256sum *.txt` writes it.
    Without it a missing document could not be told from one that was never there."""
    path = folder / MANIFEST
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise CorpusError(
            f"the corpus folder {folder} has no {MANIFEST} listing its documents, so a missing one "
            f"could not be noticed; write it with `cd {folder} && sha256sum *.txt > {MANIFEST}`."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"cannot read {path} ({getattr(exc, 'strerror', None) or exc}).") from None
    listed = {}
    for number, line in enumerate(lines, start=1):
        digest, _, name = line.strip().partition("  ")
        if not line.strip():
            continue
        if len(digest) != 64 or not name or "/" in name:
            raise CorpusError(f"{path} line {number} is not '<sha256>  <file name>': {line.strip()[:80]!r}.")
        listed[name.lstrip("*")] = digest.lower()
    if not listed:
        raise CorpusError(f"{path} lists no documents; write it with `sha256sum *.txt > {MANIFEST}` in {folder}.")
    return listed


def load_corpus(folder: Path) -> list[Document]:
    """Every document the folder's SHA256SUMS lists, in file-name order: each must be there, readable and
    unchanged, and no other .txt file may be, so that an incomplete corpus is an error rather than a
    smaller index. Exactly one document must be the guide."""
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise CorpusError(f"the corpus folder {folder} {what}; set COACH_CORPUS to the folder of documents.")
    listed = read_manifest(folder)
    unlisted = sorted(p.name for p in folder.glob("*.txt") if p.name not in listed)
    if unlisted:
        raise CorpusError(
            f"corpus file {folder / unlisted[0]} is not listed in {MANIFEST}; add its line "
            f"(`sha256sum {unlisted[0]} >> {MANIFEST}`) or move it out of the corpus folder."
        )
    documents = []
    for name in sorted(listed):
        path = folder / name
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise CorpusError(
                f"corpus document {path} is missing (it is listed in {MANIFEST}); restore it, or point "
                "COACH_CORPUS at a complete copy of the corpus. Nothing was indexed."
            ) from None
        except OSError as exc:
            raise CorpusError(f"cannot read corpus file {path}: {exc.strerror or exc}.") from None
        document = parse_document(raw, name)
        if hashlib.sha256(raw).hexdigest() != listed[name]:
            raise CorpusError(
                f"corpus file {path} is not the file {MANIFEST} lists (its sha256 differs); restore it, "
                f"or update its line in {MANIFEST} if the change is meant."
            )
        documents.append(document)
    guides = [doc for doc in documents if doc.kind == DocumentKind.GUIDE]
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
    if text[-1] in '.:;,"”':
        return False
    return not re.search(r"[.?!]\s+\S", text)


def split_blocks(text: str) -> list[Block]:
    """Paragraphs and list items of an article, each with the heading it sits under.

    A heading-shaped line with no content after it is not a heading: a closing question or exclamation
    ("What would you add…?") is kept as a paragraph, anything else ("Next Step") is dropped.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    last_content = max(
        (i for i, line in enumerate(lines) if not is_heading(line) and not _DATE.match(line.strip())), default=-1
    )
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
        if not item:  # a list belongs to the paragraph just before it, whether or not that ends with a colon
            lead_in = stripped
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
        # a list item is read with the sentence that introduces its list (the last of its lead-in paragraph)
        introduction = split_sentences(block.lead_in)[-1] if block.lead_in else ""
        context = " ".join(part for part in (document.title, block.heading, introduction) if part)
        passages.append(
            Passage(
                id=f"{document.id}#{position}",
                kind=RecordKind.PASSAGE,
                text=block.text,
                search_text=f"{context}: {block.text}",
                document=document.id,
                heading=heading,
                title=document.title,
                position=position,
                lead_in=block.lead_in,
            )
        )
    return passages


def citation_key(document_id: str, heading: str = "") -> str:
    """How answers cite prose: `doc-id` or `doc-id § Heading`."""
    return f"{document_id} § {heading}" if heading else document_id
