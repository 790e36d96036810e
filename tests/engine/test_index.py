"""The Chroma index: what it holds, when it is (re)built, and how it fails."""

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from coach.errors import IndexUnwritableError
from coach.index import build_passages, index_digest, open_index
from coach.index.store import metadata

METADATA_KEYS = {
    "kind",
    "code",
    "area",
    "codes",
    "section",
    "role",
    "document",
    "heading",
    "row",
    "ca_am",
    "csap",
    "industry",
    "context",
    "core",
    "company",
}


def test_one_record_per_item_area_responsibility_fact_and_category(coach):
    kinds = {}
    for passage in coach.passages:
        kinds[passage.kind] = kinds.get(passage.kind, 0) + 1
    assert kinds["item"] == 140 and kinds["area"] == 21 and kinds["responsibility"] == 39
    assert kinds["requirement"] == 3 * 8 and kinds["category"] == 4
    assert kinds["passage"] > 100  # article paragraphs and list items, and the guide's prose
    assert len({p.id for p in coach.passages}) == len(coach.passages)
    assert coach.index.store.count() == len(coach.passages)


def test_every_record_carries_the_metadata(coach):
    for passage in coach.passages:
        meta = metadata(passage)
        assert set(meta) == METADATA_KEYS
        assert all(type(value) in (str, bool) for value in meta.values())  # plain values: a kind is its string
    item = metadata(coach.index.by_id["item:II C.1"])
    assert (item["kind"], item["code"], item["area"], item["section"], item["csap"], item["ca_am"]) == (
        "item",
        "II C.1",
        "II C",
        "II",
        True,
        False,
    )
    resp = metadata(coach.index.by_id["resp:mid:secondary:1"])
    assert (resp["role"], resp["codes"], resp["area"]) == ("mid", "I A|II C", "I A")
    prose = metadata(coach.index.by_id["what-is-alliance-management#8"])
    assert (prose["document"], prose["heading"]) == ("what-is-alliance-management", "Governance")


def test_digest_changes_with_any_record_and_only_then(coach):
    passages = coach.passages
    assert index_digest(passages) == coach.index.digest
    changed = [replace(passages[0], search_text=passages[0].search_text + " changed"), *passages[1:]]
    assert index_digest(changed) != coach.index.digest


def test_a_second_open_reuses_the_index(settings, coach):
    again = open_index(settings, coach.passages)
    assert not again.built
    assert again.collection_name == coach.index.collection_name


def test_reopening_in_a_new_process_embeds_nothing(settings, coach):
    """Opening an existing index must not even import sentence-transformers (queries use the ONNX export)."""
    code = (
        "import sys, json; from coach import Coach; from coach.settings import Settings; "
        f"c = Coach(Settings.from_env({{'COACH_HOME': {str(settings.home)!r}}})); "
        "a = c.ask('what does a senior manager own in governance?'); "
        "print(json.dumps([c.index.built, 'sentence_transformers' in sys.modules, a.citations[0].key]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [False, False, "II C"]


def test_an_unwritable_home_is_a_clear_error(tmp_path, settings, coach):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(IndexUnwritableError, match="set COACH_HOME to a writable folder"):
        open_index(settings.with_(home=blocker / "home"), coach.passages)


def test_a_lock_that_can_never_be_taken_is_an_error_at_once(settings, coach):
    """/proc/1 exists but no file can be made in it: FileLock took that for a lock held elsewhere and waited."""
    import time

    from coach.index import build_lock

    started = time.monotonic()
    home = settings.with_(home=Path("/proc/1"))
    with (
        pytest.raises(IndexUnwritableError, match=r"cannot write the index to /proc/1 \(No such file"),
        build_lock(home),
    ):
        pass
    assert time.monotonic() - started < 5
    with build_lock(settings.with_(home=Path("/proc/1"), chroma_url="http://127.0.0.1:1")) as waited:
        assert waited is False  # a server's index needs no local lock: it goes on without one


def test_records_are_pure_functions_of_the_corpus(model, documents, coach):
    assert [p.id for p in build_passages(model, documents)] == [p.id for p in coach.passages]
