"""Copy the source documents from ../shared/seeds into corpus/, each behind a small header.

The body of every file stays byte-for-byte as received; the header records where it came from and a
sha256 of that body, which `coach.corpus` checks on every load. Run once when a document is added:

    python scripts/import_corpus.py [SEEDS_DIR]
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# id, title and kind come from the seeds README; author/publisher only where the text itself says so.
DOCUMENTS = {
    "000_b9c4cb274fbce0ca.txt": {
        "id": "asap-guide",
        "title": "Alliance Management Professional Development Guide (ASAP)",
        "kind": "guide",
        "publisher": "Association of Strategic Alliance Professionals (ASAP)",
    },
    "001_e672dcb291ea3b13.txt": {
        "id": "strategic-alliance-manager",
        "title": "Being A Strategic Alliance Manager",
        "kind": "article",
    },
    "002_6bd5da0407eba1fe.txt": {
        "id": "what-is-alliance-management",
        "title": "What is Alliance Management?",
        "kind": "article",
    },
    "003_4899f1c0c0a1f4d2.txt": {
        "id": "cant-get-no-respect",
        "title": "Can't Get No Respect! / Captains of Change – Part V: Making Course Corrections (blog, 2011)",
        "kind": "article",
    },
    "004_0c5229fc14fe2635.txt": {
        "id": "asap-summit",
        "title": "Channel Champion Blog: ASAP summit",
        "kind": "article",
        "publisher": "Channel Champion Blog",
    },
}


def header(fields: dict[str, str]) -> str:
    lines = ["---", *(f"{key}: {value}" for key, value in fields.items()), "---", ""]
    return "\n".join(lines)


def main(seeds: Path) -> None:
    sums = []
    for name, fields in DOCUMENTS.items():
        body = (seeds / name).read_bytes()
        body.decode("utf-8")  # refuse anything that is not UTF-8
        meta = {**fields, "source_file": name, "sha256": hashlib.sha256(body).hexdigest()}
        raw = header(meta).encode("utf-8") + body
        (ROOT / "corpus" / name).write_bytes(raw)
        sums.append(f"{hashlib.sha256(raw).hexdigest()}  {name}\n")
        print(f"corpus/{name}: {meta['title']}")
    # the list of documents (as `sha256sum *.txt` writes it): a missing one is then an error, not a smaller index
    (ROOT / "corpus" / "SHA256SUMS").write_text("".join(sums), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds")
