"""The example library: its files load and validate, bad examples are reported by file, position and field,
and it holds what the router needs (coverage of every area, operation and scope, several writers)."""

from collections import Counter
from pathlib import Path

import pytest

from coach.codes import Code
from coach.errors import InputError
from coach.library import Scope, load_library, matrix_codes, parse_example
from coach.query import Operation

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def areas(model):
    """Every code a label may name: the matrix's areas and items."""
    return matrix_codes(model)


@pytest.fixture(scope="module")
def library(areas):
    return load_library(ROOT / "library" / "examples", areas)


def test_every_area_operation_and_scope_is_covered_by_several_writers(library, model):
    counts = library.counts()
    assert len(counts["writer"]) >= 3
    firsts = Counter(str(e.areas[0]) for e in library.examples if e.areas and e.scope is Scope.IN)
    assert all(firsts[str(area.code)] >= 30 for area in model.areas), firsts
    operations = Counter(e.operation for e in library.examples if e.scope is Scope.IN)
    assert all(operations[op] >= 20 for op in Operation.taught()), operations
    assert counts["scope"]["out"] >= 150 and counts["scope"]["not-covered"] >= 100
    assert counts["follow-up"]["true"] >= 20 and counts["follow-up"]["false"] >= 20


def test_every_competency_is_named_by_several_writers_item_labels(library, model):
    """The situations' competencies are ordered with the item labels (coach/router/descriptions.py)."""
    writers: dict[Code, set[str]] = {}
    for example in library.examples:
        assert set(example.items) <= {item.code for area in example.areas for item in model.area(area).items}
        for code in example.items:
            writers.setdefault(code, set()).add(example.writer)
    assert set(writers) == {item.code for item in model.items}
    assert len({w for named in writers.values() for w in named}) >= 3


def test_every_quote_is_a_sentence_of_an_article_quoted_by_several_writers(library, model, documents):
    """The sentences a situation's answer shows are found by their text (coach/sentences.py, `scored`)."""
    from coach.index.records import build_passages
    from coach.records import RecordKind
    from coach.sentences import SentenceIndex

    prose = [p for p in build_passages(model, documents) if p.kind == RecordKind.PASSAGE]
    sentences = {sentence: passage for passage, sentence, _, _ in SentenceIndex(prose).rows}
    quoted = [(quote, e.writer) for e in library.examples for quote in e.quotes]
    missing = [quote for quote, _ in quoted if quote not in sentences]
    assert not missing, missing[:5]
    assert all(sentences[quote].document != model.guide.id for quote, _ in quoted)  # the articles, not the guide
    assert len({writer for _, writer in quoted}) >= 3


def test_out_of_scope_examples_use_the_domains_own_words(library):
    """Many requests to decline name alliance words, so that no keyword can tell them apart."""
    out = [e.text.lower() for e in library.examples if e.scope is Scope.OUT]
    words = ("alliance", "partner", "csap", "ca-am", "governance", "ii c", "competenc")
    assert sum(any(w in text for w in words) for text in out) >= 150


@pytest.mark.parametrize(
    "entry, message",
    [
        ({"q": "hi", "scope": "maybe"}, "scope 'maybe' is not one of in, not-covered, out"),
        ({"q": "how do I end it", "areas": ["II Z"]}, "'II Z' is not an area of the matrix"),
        ({"q": "how do I end it", "areas": ["II M.1"]}, "'II M.1' is not an area"),
        ({"q": "how do I end it"}, "advice in scope needs `areas`"),
        ({"q": "how do I end it", "areas": ["II M"], "items": ["II M"]}, "'II M' is not an item"),
        ({"q": "how do I end it", "areas": ["II M"], "items": ["II M.99"]}, "'II M.99' is not an item"),
        ({"q": "how do I end it", "areas": ["II M"], "items": ["II C.1"]}, "item II C.1 is not in the example's areas"),
        ({"q": "write a poem", "scope": "out", "op": "advise"}, "an out-of-scope example carries no `op`"),
        ({"q": "and csap?", "after": "list II C", "op": "filter", "areas": ["II C"]}, "go together"),
        ({"q": "x", "op": "dance"}, "op 'dance' is not one of"),
        ({"q": "x", "question": "y"}, "unknown field(s) question"),
        ("just text", "must be a mapping"),
    ],
)
def test_a_bad_example_is_named_with_the_fix(areas, entry, message):
    with pytest.raises(InputError, match=r"library example new\.yaml:7") as raised:
        parse_example(entry, "new.yaml:7", areas)
    assert message in str(raised.value)
    assert "library/README.md" in str(raised.value)


def test_an_example_reads_its_labels(areas):
    example = parse_example(
        {"q": "only the  CSAP ones", "after": "list II C", "followup": True, "op": "filter", "areas": ["II C"]},
        "f.yaml:1",
        areas,
    )
    assert (example.text, example.operation, example.areas, example.followup) == (
        "only the CSAP ones",
        Operation.FILTER,
        (Code.parse("II C"),),
        True,
    )


def test_an_example_reads_the_competencies_it_names(areas):
    example = parse_example(
        {"q": "partner went quiet", "areas": ["II K", "I C"], "items": ["II K.1", "I C.3", "II K.1"]}, "f.yaml:2", areas
    )
    assert example.items == (Code.parse("II K.1"), Code.parse("I C.3"))


def test_repeats_are_kept_once_and_conflicting_repeats_are_refused(tmp_path, areas):
    (tmp_path / "a.yaml").write_text('- {q: "how many areas?", op: count}\n', encoding="utf-8")
    (tmp_path / "b.yaml").write_text('- {q: "How many areas?", op: count}\n', encoding="utf-8")
    library = load_library(tmp_path, areas)
    assert len(library.examples) == 1 and library.repeats == 1
    (tmp_path / "b.yaml").write_text('- {q: "How many areas?", op: list}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"repeats a\.yaml:1 .* with other labels"):
        load_library(tmp_path, areas)


def test_a_missing_or_broken_library_says_what_to_do(tmp_path, areas):
    with pytest.raises(InputError, match="needs library/examples/"):
        load_library(tmp_path / "nowhere", areas)
    (tmp_path / "x.yaml").write_text("- q: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.yaml is not valid UTF-8 YAML"):
        load_library(tmp_path, areas)


def _plain(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def test_no_example_repeats_an_eval_question(library):
    """The eval splits measure wordings the router never saw: a library question that repeats one word for word
    would be answered from memory. Writers never read eval/, yet common questions converge ("how much does the
    csap exam cost"); such repeats are removed from the library. Short turns ("show all", "and the director?")
    have one natural wording and are left alone: a repeat counts from six words."""
    from coach.evaluate.cases import load_cases

    splits = [path for path in (ROOT / "eval").glob("*.yaml") if path.stem != "thresholds"]
    asked = {_plain(turn) for path in splits for case in load_cases(path) for turn in case.turns}
    repeats = [
        f"{example.writer}: {example.text!r}"
        for example in library.examples
        if len(_plain(example.text).split()) >= 6 and _plain(example.text) in asked
    ]
    assert not repeats, "\n".join(repeats)
