import hashlib
from pathlib import Path

import pytest

from coach.corpus import article_passages, citation_key, load_corpus, parse_document, split_blocks
from coach.errors import CorpusError
from coach.records import DocumentKind

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


def test_five_documents_with_headers(documents):
    assert [d.id for d in documents] == [
        "asap-guide",
        "strategic-alliance-manager",
        "what-is-alliance-management",
        "cant-get-no-respect",
        "asap-summit",
    ]
    assert [d.kind for d in documents] == ["guide"] + ["article"] * 4
    assert all(isinstance(d.kind, DocumentKind) for d in documents)  # read as the enum where it is parsed
    assert documents[0].publisher.startswith("Association of Strategic Alliance Professionals")
    assert all(d.source_file.endswith(".txt") and d.title for d in documents)


def test_text_is_kept_as_received(documents):
    for doc in documents:
        raw = (ROOT / "corpus" / doc.source_file).read_bytes()
        assert raw.endswith(doc.text.encode("utf-8"))
        if SEEDS.is_dir():  # the originals, when the shared folder is beside the clone
            assert (SEEDS / doc.source_file).read_bytes() == doc.text.encode("utf-8")


def test_an_altered_document_is_reported(corpus_copy):
    path = corpus_copy / "002_6bd5da0407eba1fe.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("conductor", "drummer"), encoding="utf-8")
    with pytest.raises(CorpusError, match="differs from the text received"):
        load_corpus(corpus_copy)


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"no header here", "has no header"),
        (b"---\nid: x\n", "closing '---'"),
        (b"---\nid: x\ntitle: t\n---\nbody", "lacks kind, source_file, sha256"),
        (b"\xff\xfe---", "not UTF-8"),
    ],
)
def test_malformed_files_get_one_clear_line(raw, message):
    with pytest.raises(CorpusError, match=message):
        parse_document(raw, "bad.txt")


def test_missing_and_unreadable_corpus(tmp_path, corpus_copy):
    with pytest.raises(CorpusError, match="does not exist; set COACH_CORPUS"):
        load_corpus(tmp_path / "nowhere")
    (corpus_copy / "001_e672dcb291ea3b13.txt").unlink()
    (corpus_copy / "001_e672dcb291ea3b13.txt").mkdir()  # a folder where a file should be
    with pytest.raises(CorpusError, match="cannot read corpus file"):
        load_corpus(corpus_copy)


def test_header_hash_matches_body(documents):
    for doc in documents:
        head = (ROOT / "corpus" / doc.source_file).read_text(encoding="utf-8").split("\n---\n", 1)[0]
        assert hashlib.sha256(doc.text.encode()).hexdigest() in head


def test_article_passages_keep_their_headings(documents):
    by_id = {d.id: d for d in documents}
    passages = article_passages(by_id["strategic-alliance-manager"])
    definition = next(
        p for p in passages if p.text == "A strategic alliance is a long-term value-creating relationship."
    )
    assert definition.heading == "What is a Strategic Alliance?"
    bdm = [p for p in passages if p.heading == "Business Development Management (BDM)"]
    assert len(bdm) == 3 and bdm[0].text.startswith("This is similar")
    assert not any(p.text == "Next Step" for p in passages)  # a trailing heading with nothing under it


def test_numbered_lists_are_named_by_their_title(documents):
    passages = article_passages(next(d for d in documents if d.id == "what-is-alliance-management"))
    steps = [p for p in passages if p.lead_in.endswith("elements such as:")]
    assert [p.heading for p in steps] == [
        "Strategy Development",
        "Partner Assessment",
        "Negotiation and Agreement",
        "Relationship Building",
        "Governance",
        "Performance Management",
    ]
    assert passages[-1].text == "What would you add to this description of Alliance Management?"


def test_blog_posts_split_by_date_and_title(documents):
    passages = article_passages(next(d for d in documents if d.id == "cant-get-no-respect"))
    questions = [p for p in passages if p.lead_in.endswith("I ask a few questions:")]
    assert len(questions) == 10
    assert {p.heading for p in passages} == {
        "Can't Get No Respect!",
        "Captains of Change - Part V: Making Course Corrections",
    }
    assert passages[-1].text == "Any successful alliance journey should include course corrections!"


def test_blocks_and_citation_keys():
    blocks = split_blocks("Title Line\n\nA paragraph.\n\nIntro:\n  • one\n  • two\n")
    assert [(b.heading, b.text, b.lead_in) for b in blocks] == [
        ("Title Line", "A paragraph.", ""),
        ("Title Line", "Intro:", ""),
        ("Title Line", "one", "Intro:"),
        ("Title Line", "two", "Intro:"),
    ]
    assert citation_key("doc") == "doc"
    assert citation_key("doc", "Governance") == "doc § Governance"


def test_a_list_belongs_to_the_paragraph_before_it_colon_or_not(documents):
    passages = article_passages(next(d for d in documents if d.id == "strategic-alliance-manager"))
    ceo = [
        p
        for p in passages
        if p.lead_in.startswith("In many ways it is helpful to think of our job as being like a CEO")
    ]
    assert len(ceo) == 6 and ceo[2].text.startswith(
        "They are different in that a CEO has control over a substantial budget"
    )
    # embedded with the sentence that introduces the list, not the whole (long) paragraph
    assert "true in most alliances" in ceo[0].search_text and "subtle but significant" not in ceo[0].search_text
    blocks = split_blocks("Title Line\n\nA paragraph. It introduces a list\n  • one\n")
    assert blocks[-1].lead_in == "A paragraph. It introduces a list"
