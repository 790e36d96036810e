"""A shared index (issue 12, items 1 and 2): several corpora side by side on one Chroma server, a collection
dropped or replaced under running apps, two replicas while one rebuilds, builds killed half-way, and a home
whose index is replaced only by a complete, verified build. Real `chroma run` servers, real app processes."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from gradio_client import Client
from servers import AppServer, ChromaServer, start_all

from coach.settings import Settings

COACH = str(Path(sys.executable).parent / "coach")
ROOT = Path(__file__).resolve().parents[2]
QUESTION = "what does a senior manager own in governance?"
EXPECTED = "Define and monitor alliance governance model"


@pytest.fixture
def server(tmp_path, chroma_seed):
    """A `chroma run` per test (these tests delete and replace collections), holding the corpus's published
    index from the start, as a server an operator indexed with `coach index`."""
    instance = ChromaServer(tmp_path / "chroma-data", seed=chroma_seed).start()
    yield instance
    instance.stop()


def chroma(url: str):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    port = int(url.rsplit(":", 1)[1])
    return chromadb.HttpClient(host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False))


def names(url: str) -> list[str]:
    return sorted(c.name for c in chroma(url).list_collections())


def smaller_corpus(tmp_path: Path) -> Path:
    """Another valid corpus (one article fewer, its manifest line removed): a different index."""
    target = tmp_path / "corpus-b"
    shutil.copytree(ROOT / "corpus", target)
    (target / "004_0c5229fc14fe2635.txt").unlink()
    sums = target / "SHA256SUMS"
    if sums.exists():
        sums.write_text("".join(line + "\n" for line in sums.read_text().splitlines() if "004_" not in line))
    return target


def coach_for(tmp_path: Path, name: str, **env):
    from coach import Coach

    return Coach(Settings.from_env({"COACH_HOME": str(tmp_path / name), **env}))


def assert_governance_answer(answer) -> None:
    assert answer.error is None and not answer.refused, answer.text
    assert EXPECTED in answer.text and {c.key for c in answer.citations} >= {"II C", "II C.1"}


def cli(*args, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([COACH, *args], capture_output=True, text=True, timeout=timeout, env={**os.environ, **env})


# --- server mode ---------------------------------------------------------------------------------------


@pytest.mark.server
def test_two_corpora_live_side_by_side_and_a_build_deletes_only_its_own(server, tmp_path):
    first = coach_for(tmp_path, "a", COACH_CHROMA_URL=server.url)
    other = coach_for(tmp_path, "b", COACH_CHROMA_URL=server.url, COACH_CORPUS=str(smaller_corpus(tmp_path)))
    assert not first.index.built and other.index.built  # the server's index read; the other corpus's built beside it
    assert first.index.collection_name != other.index.collection_name
    assert {first.index.collection_name, other.index.collection_name} <= set(names(server.url))
    answer = first.ask(QUESTION)  # the other corpus's build left this one alone
    assert_governance_answer(answer)
    assert answer.notes == []
    rebuilt = cli(
        "index",
        "--rebuild",
        env={
            "COACH_CHROMA_URL": server.url,
            "COACH_HOME": str(tmp_path / "c"),
            "COACH_CORPUS": str(smaller_corpus(tmp_path / "again")),
        },
    )
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert first.index.collection_name in names(server.url)  # still there after the other corpus rebuilt
    assert other.index.collection_name not in names(server.url)  # the rebuild replaced its own build only


@pytest.mark.server
def test_a_collection_dropped_under_a_running_app_is_rebuilt_and_the_next_answer_is_correct(server, tmp_path):
    app = AppServer(tmp_path / "app-home", {"COACH_CHROMA_URL": server.url}).start()
    try:
        client = Client(app.url, verbose=False)
        assert EXPECTED in client.predict(QUESTION, [], api_name="/ask")["text"]
        for name in names(server.url):
            chroma(server.url).delete_collection(name)
        answer = client.predict(QUESTION, [], api_name="/ask")
        assert answer["error"] is None and EXPECTED in answer["text"], answer
        assert any(c["code"] == "II C" for c in answer["citations"])
        assert any("so it was rebuilt" in note for note in answer["notes"]), answer["notes"]
        again = client.predict("how do I end an alliance?", [], api_name="/ask")
        assert again["error"] is None and "[II M.2]" in again["text"] and again["notes"] == []
    finally:
        app.stop()
    log = app.log.read_text()
    assert "could not be searched" in log and "so it was rebuilt" in log  # the note is in the server log too
    assert "Traceback" not in log and QUESTION not in log


@pytest.mark.server
def test_a_collection_replaced_by_another_process_is_reopened_not_rebuilt(server, tmp_path):
    running = coach_for(tmp_path, "app", COACH_CHROMA_URL=server.url)
    before = running.index.collection_name
    rebuilt = cli("index", "--rebuild", env={"COACH_CHROMA_URL": server.url, "COACH_HOME": str(tmp_path / "ops")})
    assert rebuilt.returncode == 0 and "index built" in rebuilt.stdout, rebuilt.stderr
    assert before not in names(server.url)  # the new build replaced it
    answer = running.ask(QUESTION)
    assert_governance_answer(answer)
    assert len(answer.notes) == 1 and "reopened" in answer.notes[0] and "nothing was rebuilt" in answer.notes[0]
    assert running.index.collection_name != before and not running.index.built


@pytest.mark.server
def test_two_replicas_give_the_same_answers_while_one_rebuilds(server, tmp_path):
    """Two app processes on one Chroma server; the collection is dropped; both keep answering, identically,
    while one of them rebuilds it (the other waits for it through the build lease, or reopens its build)."""
    questions = [QUESTION, "how do I end an alliance?", "What is a strategic alliance?"]
    replicas = start_all([AppServer(tmp_path / f"replica-{n}", {"COACH_CHROMA_URL": server.url}) for n in range(2)])
    try:
        clients = [Client(replica.url, verbose=False) for replica in replicas]
        reference = {q: clients[0].predict(q, [], api_name="/ask") for q in questions}
        assert all(clients[1].predict(q, [], api_name="/ask")["text"] == reference[q]["text"] for q in questions)
        for name in names(server.url):
            chroma(server.url).delete_collection(name)
        answers: list[tuple[int, str, dict]] = []

        def ask_all(index: int) -> None:
            for question in questions * 2:
                answers.append((index, question, clients[index].predict(question, [], api_name="/ask")))

        threads = [threading.Thread(target=ask_all, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    finally:
        for replica in replicas:
            replica.stop()
    assert len(answers) == 12
    for index, question, answer in answers:
        assert answer["error"] is None, (index, answer["text"])
        assert answer["text"] == reference[question]["text"], (index, question)
        assert answer["citations"] == reference[question]["citations"]
    notes = [note for _, _, answer in answers for note in answer["notes"]]
    assert sum("so it was rebuilt" in note for note in notes) == 1, notes  # one replica built; the other did not
    assert any("waited for another process" in note or "reopened" in note for note in notes), notes
    builds = [n for n in names(server.url) if not n.endswith(".lease")]
    assert len(builds) == 1, builds  # one build, no leftover


@pytest.mark.server
def test_a_killed_server_build_leaves_the_published_index_and_its_leftover_is_removed(server, tmp_path, cold_records):
    published = names(server.url)  # the server's published build (seeded)
    assert len(published) == 1
    builder = start_rebuild(
        tmp_path / "ops",
        lambda: any(c.metadata.get("complete") is False for c in chroma(server.url).list_collections()),
        COACH_CHROMA_URL=server.url,
        **cold_records,
    )
    builder.send_signal(signal.SIGKILL)
    builder.wait()
    reader = coach_for(tmp_path, "reader", COACH_CHROMA_URL=server.url)
    assert not reader.index.built and reader.index.collection_name in published  # the published build, intact
    assert_governance_answer(reader.ask(QUESTION))
    assert any("leftover" in note for note in reader.index.notes)
    assert names(server.url) == published  # the killed build's collection and lease are gone


# --- a shared home (embedded) ---------------------------------------------------------------------------
@pytest.fixture
def home_copy(settings, coach, tmp_path):
    target = tmp_path / "home"
    shutil.copytree(settings.home, target, ignore=shutil.ignore_patterns("*.lock", "*.damaged-*"))
    return target


def index_folders(home: Path) -> list[str]:
    return sorted(p.name for p in (home / "indexes").iterdir())


def snapshot(home: Path) -> dict[str, int]:
    """Every file under the home with its modification time (the lock file aside)."""
    return {
        str(p.relative_to(home)): p.stat().st_mtime_ns
        for p in home.rglob("*")
        if p.is_file() and p.name != "index.lock"
    }


def start_rebuild(home: Path, started, **env) -> subprocess.Popen:
    """`coach index --rebuild` in another process, returned once `started()` says it is writing its build."""
    builder = subprocess.Popen(
        [COACH, "index", "--rebuild"],
        env={**os.environ, "COACH_HOME": str(home), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(lambda: started() or builder.poll() is not None, "the rebuild to start writing")
    assert builder.poll() is None, "the rebuild finished before it could be interrupted"
    time.sleep(0.5)  # part-way through embedding
    return builder


def folders(home: Path) -> set[Path]:
    return {p for p in home.rglob("*") if p.is_dir()}


def wait_for(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_a_killed_build_leaves_the_published_index_and_no_orphan(home_copy, cold_records):
    before = folders(home_copy)
    builder = start_rebuild(home_copy, lambda: folders(home_copy) - before, **cold_records)
    builder.send_signal(signal.SIGKILL)
    builder.wait()
    from coach import Coach

    coach = Coach(Settings.from_env({"COACH_HOME": str(home_copy)}))
    assert not coach.index.built  # the published index was never touched by the killed build
    assert_governance_answer(coach.ask(QUESTION))
    assert index_folders(home_copy) == [
        coach.index.collection_name,
        coach.index.collection_name.rsplit("-", 2)[0] + ".current",
    ]  # the killed build's folder was removed
    assert any("leftover" in note for note in coach.index.notes)


def test_a_missing_document_is_one_line_and_leaves_the_shared_index_alone(home_copy, corpus_copy):
    before = snapshot(home_copy)
    (corpus_copy / "003_4899f1c0c0a1f4d2.txt").unlink()
    result = cli("index", env={"COACH_HOME": str(home_copy), "COACH_CORPUS": str(corpus_copy)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: corpus document ") and "003_4899f1c0c0a1f4d2.txt" in lines[0]
    assert "is missing" in lines[0] and "restore it" in lines[0]
    assert snapshot(home_copy) == before
    reused = cli("index", env={"COACH_HOME": str(home_copy)})
    assert "up to date (reused" in reused.stdout


def test_readers_keep_the_published_index_while_another_process_rebuilds_it(home_copy, cold_records):
    from coach import Coach

    running = Coach(Settings.from_env({"COACH_HOME": str(home_copy)}))
    builder = subprocess.Popen(
        [COACH, "index", "--rebuild"],
        env={**os.environ, "COACH_HOME": str(home_copy), **cold_records},  # embedding all: seconds to ask in
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    during = []
    while builder.poll() is None:
        during.append(running.ask(QUESTION))
        time.sleep(0.2)  # a reader asking five times a second, not a loop that takes a core from the build
    assert builder.returncode == 0, builder.stderr.read()
    assert len(during) >= 5, "the reader asked while the rebuild ran"
    time.sleep(1.1)  # the store looks for its folder at most once a second (IndexStore.present)
    after = running.ask(QUESTION)
    for answer in [*during, after]:
        assert_governance_answer(answer)
    notes = [note for answer in [*during, after] for note in answer.notes]
    assert not any("rebuilt" in note and "nothing was rebuilt" not in note for note in notes), notes
    assert running.index.collection_name in index_folders(home_copy)  # now reading the new build


def test_the_recovery_note_says_waited_when_another_process_rebuilt(home_copy, cold_records):
    from filelock import FileLock, Timeout

    from coach import Coach

    settings = Settings.from_env({"COACH_HOME": str(home_copy)})
    running = Coach(settings)
    for folder in ("indexes", "chroma"):  # this version's layout, and the layout before it
        shutil.rmtree(home_copy / folder, ignore_errors=True)
    builder = subprocess.Popen(
        [COACH, "index"],
        env={**os.environ, "COACH_HOME": str(home_copy), **cold_records},  # still embedding when asked
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def builder_holds_the_lock() -> bool:
        probe = FileLock(str(settings.lock_path))
        try:
            probe.acquire(timeout=0)
        except Timeout:
            return True
        probe.release()
        return False

    wait_for(builder_holds_the_lock, "the other process to take the build lock")
    answer = running.ask(QUESTION)
    builder.wait(timeout=300)
    assert_governance_answer(answer)
    assert len(answer.notes) == 1 and "waited for another process" in answer.notes[0], answer.notes
    assert "so it was rebuilt" not in answer.notes[0] and not running.index.built
