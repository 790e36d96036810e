"""Feedback on answers: the records (what they hold, and nothing else of the user), appends that never
interleave across threads and processes, rotation by size, amendments, bad input as one clear message; the
summary and the export of corrected questions as library examples; `POST /api/feedback` against the running
app (by the id of an /api/ask reply, of an OpenAI reply, or with the question itself), read back with
`coach feedback` as a maintainer runs it."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import openai
import pytest
import yaml
from cli_runs import coach_in_process

from coach.codes import Code
from coach.errors import ConfigError, InputError, UnknownCodeError
from coach.feedback import (
    OPERATIONS,
    Asked,
    Feedback,
    FeedbackError,
    FeedbackStore,
    RecentAnswers,
    latest,
)
from coach.feedback_report import corrected, examples_yaml, summarize
from coach.settings import Settings

COACH = str(Path(sys.executable).parent / "coach")
RECORD_KEYS = {
    "v",
    "id",
    "time",
    "source",
    "rating",
    "question",
    "history",
    "answer",
    "note",
    "areas",
    "op",
    "followup",
    "engine",
}
GOVERNANCE = "what does a senior manager own in governance?"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def service(tmp_path, coach):
    """The feedback of a Coach whose home is a fresh folder (the session's index, its engine and matrix)."""
    feedback = Feedback.for_coach(coach)
    feedback.store = FeedbackStore(tmp_path / "feedback", feedback.store.max_bytes)
    return feedback


def asked(coach, question, history=()):
    return Asked.of(question, list(history), coach.ask(question, list(history)))


def run_cli(*args, home):
    return coach_in_process("feedback", *args, env={"COACH_HOME": str(home)})


# --- the records --------------------------------------------------------------------------------------------
def test_a_record_holds_what_was_asked_and_answered_and_nothing_else(service, coach):
    answer = coach.ask("And a director?", [GOVERNANCE])
    record = service.record(
        Asked.of("And a director?", [GOVERNANCE], answer), "down", note="wrong\nrole  ", areas=["2c"], op="owners"
    )
    lines, skipped = service.store.lines()
    assert lines == [record] and skipped == 0 and set(record) == RECORD_KEYS
    assert record["question"] == "And a director?" and record["history"] == [GOVERNANCE]
    assert record["answer"] == {
        "status": answer.status,
        "citations": [c.key for c in answer.citations],
        "text": answer.text,
    }
    assert (record["rating"], record["note"], record["areas"], record["op"]) == (
        "down",
        "wrong role",
        ["II C"],
        "owners",
    )
    assert record["followup"] is True  # the engine reads "And a director?" as continuing the governance question
    assert record["engine"] == f"0.1.0+{coach.index.digest[:12]}" and record["source"] == "page"
    assert record["time"].endswith("Z") and len(record["time"]) == 20
    assert oct(service.store.current.stat().st_mode & 0o777) == "0o600"  # the server's user only


def test_a_new_topic_after_a_question_is_not_a_follow_up(service, coach):
    record = service.record(asked(coach, "how do I end an alliance?", [GOVERNANCE]), "down")
    assert record["followup"] is False
    assert service.record(asked(coach, "how do I end an alliance?"), "up")["followup"] is None


def test_a_rating_changed_or_taken_back_keeps_the_latest_line(service, coach):
    about = asked(coach, GOVERNANCE)
    first = service.record(about, "up", ident="page-1")
    service.record(about, "down", note="not this", areas=["II C"], ident="page-1")
    other = service.record(about, "down")
    assert [r["rating"] for r in latest(service.store.lines()[0])] == ["down", "down"]
    service.record(about, None, ident="page-1")  # taken back
    lines = service.store.lines()[0]
    assert len(lines) == 4 and [r["id"] for r in latest(lines)] == [other["id"]] and first["id"] == "page-1"
    assert summarize(lines)["down"] == 1 and summarize(lines)["up"] == 0


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"areas": ["II Z"]}, "II Z is not a code of the ASAP competency matrix. Nearest valid codes"),
        ({"areas": ["II C.1"]}, "is a competency, not an area; use its area 'II C'"),
        ({"areas": ["governance"]}, "'governance' is not a matrix area code"),
        ({"areas": "II C"}, "areas must be a list of matrix area codes"),
        ({"areas": ["I A"] * 7}, "name at most 6"),
        ({"rating": "meh"}, 'rating must be "up" or "down"'),
        ({"op": "dance"}, "op 'dance' is not an operation of the example library"),
    ],
)
def test_a_bad_field_is_one_clear_message_and_stores_nothing(service, coach, changes, expected):
    fields = {"rating": "down", "areas": [], "op": None, **changes}
    with pytest.raises((InputError, UnknownCodeError)) as raised:
        service.record(Asked("q?"), fields["rating"], areas=fields["areas"], op=fields["op"])
    assert expected in str(raised.value) and "\n" not in str(raised.value)
    assert service.store.lines() == ([], 0)


def test_every_operation_of_the_library_is_accepted(service):
    for op in OPERATIONS:
        assert service.record(Asked("q?"), "down", op=op)["op"] == op


def test_an_unwritable_home_is_a_clear_message(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the feedback folder should be")
    with pytest.raises(FeedbackError, match=r"could not save the feedback in .* COACH_HOME must be writable"):
        FeedbackStore(blocked / "feedback").append({"id": "x"})


# --- appending: whole lines, whoever writes, rotated by size, never lost -----------------------------------------
WRITER = """
import sys
from coach.feedback import FeedbackStore
store = FeedbackStore(sys.argv[1], int(sys.argv[2]))
for n in range(int(sys.argv[3])):
    store.append({"id": f"{sys.argv[4]}-{n}", "rating": "up", "question": "x" * 300})
"""


@pytest.mark.integration  # other processes append at once
def test_appends_from_threads_and_processes_never_interleave_and_rotate_by_size(tmp_path):
    folder, limit = tmp_path / "feedback", 20_000
    store = FeedbackStore(folder, limit)
    processes = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(folder), str(limit), "60", f"process{p}"]) for p in range(2)
    ]

    def write(thread: int) -> None:
        for n in range(60):
            store.append({"id": f"thread{thread}-{n}", "rating": "down", "question": "y" * 300})

    threads = [threading.Thread(target=write, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    lines, skipped = store.lines()
    assert skipped == 0 and len(lines) == 6 * 60 == len({r["id"] for r in lines})
    files = store.files()
    assert len(files) >= 6 and files[-1] == folder / "feedback.jsonl"  # 360 lines of ~340 bytes, 20 kB each
    assert all(path.stat().st_size <= limit for path in files)
    for writer in ("thread0", "process1"):  # each writer's lines in the order it wrote them, across files
        assert [r["id"] for r in lines if r["id"].startswith(writer + "-")] == [f"{writer}-{n}" for n in range(60)]


def test_a_line_left_unfinished_by_a_dead_writer_does_not_swallow_the_next(tmp_path):
    store = FeedbackStore(tmp_path / "feedback")
    store.append({"id": "a", "rating": "up"})
    with open(store.current, "a", encoding="utf-8") as handle:
        handle.write('{"id": "half-writ')  # a process killed in the middle of a line
    store.append({"id": "b", "rating": "down"})
    lines, skipped = store.lines()
    assert [r["id"] for r in lines] == ["a", "b"] and skipped == 1


def test_the_answers_remembered_for_feedback_are_bounded():
    recent = RecentAnswers(limit=3)
    for n in range(5):
        recent.remember(f"id{n}", Asked(f"q{n}"), "api")
    assert recent.get("id0") is None and recent.get("id1") is None and recent.get("id4") == (Asked("q4"), "api")


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, (True, 10)),
        ({"COACH_FEEDBACK": "off", "COACH_FEEDBACK_MAX_MB": "2"}, (False, 2)),
        ({"COACH_FEEDBACK": "on"}, (True, 10)),
        ({"COACH_FEEDBACK": "0"}, (False, 10)),
    ],
)
def test_the_settings(env, expected):
    settings = Settings.from_env(env)
    assert (settings.feedback, settings.feedback_max_mb) == expected
    assert settings.feedback_dir == settings.home / "feedback"


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"COACH_FEEDBACK": "maybe"}, "COACH_FEEDBACK='maybe' is not understood; use on"),
        ({"COACH_FEEDBACK_MAX_MB": "0"}, "COACH_FEEDBACK_MAX_MB=0 is too small"),
    ],
)
def test_a_bad_setting_is_one_line(env, expected):
    with pytest.raises(ConfigError, match=expected.replace("(", r"\(")):
        Settings.from_env(env)


# --- the summary and the examples -------------------------------------------------------------------------------
def test_the_summary_counts_by_status_area_and_day_and_puts_the_worst_first(service, coach):
    end, governance = asked(coach, "how do I end an alliance?"), asked(coach, GOVERNANCE)
    refused = asked(coach, "What is II Z?")
    for given in ("down", "down", "up"):
        service.record(end, given, note="about exits" if given == "down" else "liked it", areas=["II M"])
    service.record(Asked("How do I END an   alliance?", (), end.status, end.citations, end.text), "down")
    service.record(governance, "up")
    service.record(governance, "down")
    service.record(refused, "down", note="it exists, surely")
    result = summarize(service.store.lines()[0])
    assert (result["records"], result["up"], result["down"]) == (7, 2, 5)
    assert result["by_status"] == {"answer": {"down": 4, "up": 2}, "refused": {"down": 1}}
    assert result["by_area"]["II M"] == {"down": 3, "up": 1, "should have used": 2}
    assert result["by_area"]["II C"] == {"up": 1, "down": 1}
    assert list(result["by_day"].values()) == [{"down": 5, "up": 2}]
    worst = result["worst"]
    assert [row["down"] for row in worst] == [3, 1, 1]  # the same question in other case and spacing counts once
    assert " ".join(worst[0]["question"].casefold().split()) == "how do i end an alliance?"
    assert worst[0]["notes"] == ["about exits", "about exits"] and worst[0]["areas"] == ["II M"]  # not "liked it"
    assert {row["status"] for row in worst[1:]} == {"answer", "refused"}


ALLOWED = {"q", "scope", "op", "areas", "after", "followup"}


def check_library_example(example: dict, model) -> None:
    """One example as library/README.md defines it (fields, their values, area codes in the matrix)."""
    assert set(example) <= ALLOWED and isinstance(example["q"], str) and example["q"].strip()
    assert example.get("scope", "in") in ("in", "not-covered", "out")
    assert example.get("op", "advise") in OPERATIONS
    if example.get("op", "advise") == "advise" and example.get("scope", "in") == "in":
        assert example["areas"]
    for area in example.get("areas", []):
        code = Code.parse(area)
        assert not code.is_item and model.exists(code) and str(code) == area
    assert ("after" in example) == ("followup" in example)
    assert isinstance(example.get("followup", False), bool) and isinstance(example.get("after", ""), str)


def test_the_corrected_questions_export_as_library_examples_that_round_trip(service, coach, model):
    tricky = 'our "partner" went quiet: what now?\nsecond line — é'
    service.record(asked(coach, tricky), "down", note="talked about governance #1", areas=["II K", "I A"])
    service.record(asked(coach, "And a director?", [GOVERNANCE]), "down", areas=["II C"], op="owners")
    service.record(asked(coach, "how do I end an alliance?", [GOVERNANCE]), "down", areas=["II M"])
    service.record(asked(coach, "how do I end an alliance?"), "down", note="no areas named")  # not exported
    service.record(asked(coach, GOVERNANCE), "up", areas=["II C"])  # a thumbs-up: not exported
    lines = service.store.lines()[0]
    lines.append({**lines[0], "id": "old", "areas": ["II Z", "I A"]})  # an area the matrix no longer has
    text, count = examples_yaml(lines, model, when="2026-12-03 10:00 UTC")
    examples = yaml.safe_load(text)
    assert count == len(examples) == 4 and len(corrected(lines)) == 4
    for example in examples:
        check_library_example(example, model)
    assert examples[0] == {"q": tricky, "areas": ["II K", "I A"], "op": "advise"}
    assert examples[1] == {
        "q": "And a director?",
        "after": GOVERNANCE,
        "followup": True,
        "areas": ["II C"],
        "op": "owners",
    }
    assert examples[2] == {
        "q": "how do I end an alliance?",
        "after": GOVERNANCE,
        "followup": False,  # asked after a question, but a new topic as the engine read it
        "areas": ["II M"],
        "op": "advise",
    }
    assert examples[3] == {"q": tricky, "areas": ["I A"], "op": "advise"}
    comments = [line for line in text.splitlines() if line.startswith("# 20")]
    assert len(comments) == 4 and "“talked about governance #1”" in comments[0]
    assert "left out, not areas of the matrix: II Z" in comments[3]
    assert '- q: "our \\"partner\\" went quiet: what now?\\nsecond line — é"' in text  # quoted, one line


# --- over HTTP, read back with `coach feedback` -------------------------------------------------------------------
@pytest.fixture(scope="module")
def http(app):
    with httpx.Client(base_url=app.url, timeout=60) as client:
        yield client


def cli_records(home) -> list[dict]:
    result = run_cli("export", home=home)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_feedback_through_the_json_api_and_the_openai_id_is_read_back_by_coach_feedback(http, app, settings):
    asked_reply = http.post("/api/ask", json={"question": "And a director?", "history": [GOVERNANCE]}).json()
    assert asked_reply["id"].startswith("answer-")
    by_id = http.post(
        "/api/feedback",
        json={"message_id": asked_reply["id"], "rating": "down", "note": "api: wrong role", "areas": ["II C"]},
    )
    assert by_id.status_code == 200 and by_id.json() == {"status": "stored", "id": f"fb-{asked_reply['id']}"}
    client = openai.OpenAI(base_url=f"{app.url}/v1", api_key="not-needed", max_retries=0, timeout=120)
    completion = client.chat.completions.create(
        model="alliance-coach", messages=[{"role": "user", "content": "how do I end an alliance?"}]
    )
    assert completion.id.startswith("chatcmpl-")
    by_openai = http.post("/api/feedback", json={"message_id": completion.id, "rating": "up", "note": "openai: good"})
    assert by_openai.status_code == 200
    stated = http.post(
        "/api/feedback",
        json={
            "question": "my partner went quiet after the kickoff",
            "history": [],
            "answer": {"status": "not-covered", "citations": []},
            "rating": "down",
            "note": "api: should be relationship management",
            "areas": ["II K"],
            "op": "advise",
        },
    )
    assert stated.status_code == 200 and stated.json()["id"].startswith("fb-")
    records = {r["note"]: r for r in cli_records(settings.home) if r["note"].startswith(("api:", "openai:"))}
    wrong_role = records["api: wrong role"]
    assert wrong_role["question"] == "And a director?" and wrong_role["history"] == [GOVERNANCE]
    assert wrong_role["answer"]["citations"] == [c["code"] for c in asked_reply["citations"]]
    assert wrong_role["answer"]["status"] == asked_reply["status"] and wrong_role["source"] == "api"
    good = records["openai: good"]
    assert good["source"] == "openai" and good["rating"] == "up" and good["question"] == "how do I end an alliance?"
    assert "II M" in good["answer"]["citations"]
    quiet = records["api: should be relationship management"]
    assert quiet["answer"] == {"status": "not-covered", "citations": [], "text": None} and quiet["areas"] == ["II K"]
    assert all(set(record) == RECORD_KEYS for record in records.values())
    summary = json.loads(run_cli("--json", "--top", "1000", home=settings.home).stdout)
    notes = {note for row in summary["worst"] for note in row["notes"]}
    assert {"api: wrong role", "api: should be relationship management"} <= notes
    assert "openai: good" not in notes  # a thumbs-up is not among the worst
    exported = run_cli("export", "--examples", home=settings.home).stdout
    assert '- q: "my partner went quiet after the kickoff"\n  areas: [II K]\n  op: advise' in exported
    taken_back = http.post("/api/feedback", json={"message_id": completion.id, "rating": None})
    assert taken_back.status_code == 200
    assert "openai: good" not in {r["note"] for r in cli_records(settings.home)}


@pytest.mark.parametrize(
    "body, expected",
    [
        ("not json", "the request body is not JSON"),
        (json.dumps(["x"]), "must be a JSON object"),
        (json.dumps({"rating": "down"}), 'send "message_id"'),
        (json.dumps({"question": "q?"}), "rating is missing"),
        (json.dumps({"question": "q?", "rating": None}), 'rating must be "up" or "down", not None'),
        (json.dumps({"message_id": "answer-nope", "rating": "down"}), "is not one of the latest 1,000 answers"),
        (json.dumps({"question": "q?", "rating": "down", "areas": ["II Z"]}), "II Z is not a code"),
        (json.dumps({"question": "q?", "rating": "down", "note": 5}), "note must be text"),
        (json.dumps({"question": "q?", "rating": "down", "answer": {"status": "great"}}), "answer.status 'great'"),
        (json.dumps({"question": "q?", "rating": "down", "user": "me"}), "unknown field 'user'"),
        (json.dumps({"question": "q?", "history": "x", "rating": "down"}), "history must be a list"),
    ],
)
def test_a_bad_feedback_body_is_400_in_one_line(http, app, body, expected):
    reply = http.post("/api/feedback", content=body, headers={"content-type": "application/json"})
    assert reply.status_code == 400
    error = reply.json()["error"]
    assert expected in error and "\n" not in error
    assert "Traceback" not in app.log.read_text()


@pytest.mark.integration  # the `coach` CLI in its own process
def test_coach_feedback_on_an_empty_home_says_so(tmp_path):
    result = run_cli(home=tmp_path)
    assert result.returncode == 0 and "No feedback yet in" in result.stdout
    output = tmp_path / "out" / "examples.yaml"
    written = run_cli("export", "--examples", "--output", str(output), home=tmp_path)
    assert written.returncode == 0 and "wrote 0 example(s)" in written.stdout
    assert yaml.safe_load(output.read_text()) is None  # comments only: valid YAML, nothing to add


def test_the_browser_keeps_each_answers_id_and_rating_with_the_conversation():
    from coach.app import storage
    from coach.app.feedback_view import feedback_value
    from coach.records import Answer

    exchanges = [
        storage.Exchange("q1?", Answer("a1", status="answer"), "q1?", "page-1", "up"),
        storage.Exchange("q2?", Answer("a2", status="answer"), "q2?", "page-2", ""),
    ]
    kept = storage.conversation_value(exchanges)
    assert storage.conversation(kept) == exchanges and feedback_value(exchanges) == ["Like", None]
    kept["exchanges"][1]["rating"] = "<b>great</b>"  # edited by hand in the browser: dropped, nothing else
    assert [e.rating for e in storage.conversation(kept)] == ["up", ""]


@pytest.mark.integration  # the `coach` CLI in its own process
def test_an_unreadable_feedback_file_is_one_line_from_coach_feedback(tmp_path):
    (tmp_path / "feedback" / "feedback.jsonl").mkdir(parents=True)  # a folder where the file should be
    result = run_cli(home=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: cannot read ") and "check its permissions" in result.stderr


def test_the_router_learns_the_exported_examples_after_the_rebuild(service, coach, model, tmp_path):
    """Feedback → `coach feedback export --examples` → the library → the router, retrained on the next start,
    reads the question as the maintainer corrected it."""
    from library_copies import library_copy, vector_cache_copy

    from coach.index.embeddings import model_fingerprint
    from coach.library import load_library, matrix_codes
    from coach.router import build_router

    question = "the joint standups with the partner's engineers have turned into a blame game"
    encoder = coach.retriever.index.encoder
    before = coach.engine.router.route(question).top_areas(3)
    corrected_area = next(str(a.code) for a in model.areas if a.code not in before and a.code.section == 3)
    service.record(asked(coach, question), "down", note="it should have used III", areas=[corrected_area])
    text, count = examples_yaml(service.store.lines()[0], model)
    assert count == 1
    library = library_copy(tmp_path / "library", every=2)  # half the library: trained in half the time
    (library / "from-feedback.yaml").write_text(text, encoding="utf-8")
    assert len(load_library(library, matrix_codes(model)).examples) > 1  # the loader accepts it
    cache = vector_cache_copy(coach.settings.vectors_dir, tmp_path / "cache")
    router = build_router(library, model, encoder, encoder, cache, model_fingerprint())  # embeds the new one only
    assert router.route(question).top_areas(1) == [Code.parse(corrected_area)], router.route(question).areas[:3]
