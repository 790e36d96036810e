"""COACH_CHROMA_URL: the same index in a real `chroma run` server (started by the test on 127.0.0.1)."""

import pytest
from servers import ChromaServer, free_port

from coach.errors import ChromaUnreachableError
from coach.settings import Settings

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    instance = ChromaServer(tmp_path_factory.mktemp("chroma-server") / "data").start()
    yield instance
    instance.stop()


def test_index_once_then_every_process_reads_it(server, tmp_path, settings):
    from coach import Coach

    env = {"COACH_CHROMA_URL": server.url, "COACH_HOME": str(settings.home)}
    first = Coach(Settings.from_env(env))
    assert first.index.built and "Chroma server" in first.index.store.description
    second = Coach(Settings.from_env(env))  # another app process would do exactly this
    assert not second.index.built
    answer = second.ask("what does a senior manager own in governance?")
    assert "Define and monitor alliance governance model" in answer.text
    assert {c.key for c in answer.citations} >= {"II C", "II C.1"}
    hits = second.retriever.search("how do I end an alliance?", k=5)
    assert any(h.passage.code and str(h.passage.code.area) == "II M" for h in hits)


def test_an_unreachable_server_is_one_clear_line(settings, coach):
    from coach.index import open_index

    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(ChromaUnreachableError) as caught:
        open_index(settings.with_(chroma_url=url), coach.passages)
    message = str(caught.value)
    assert message.startswith(f"cannot reach the Chroma server at {url}")
    assert "unset COACH_CHROMA_URL" in message and "\n" not in message


def test_a_stopped_server_is_a_clear_message_and_answers_resume(server, settings, caplog):
    from coach import Coach

    coach = Coach(Settings.from_env({"COACH_CHROMA_URL": server.url, "COACH_HOME": str(settings.home)}))
    server.stop()
    try:
        answer = coach.ask("how do I end an alliance?")
    finally:
        server.start()
    assert answer.refused and answer.citations == []
    assert "the search index's server did not answer" in answer.text and server.url not in answer.text
    assert "resume as soon as it is back" in answer.text and "Traceback" not in answer.text
    assert f"the Chroma server at {server.url} did not answer" in caplog.text  # the operator's log names it
    again = coach.ask("how do I end an alliance?")
    assert again.error is None and "[II M.2]" in again.text


def test_team_deployment_index_once_then_several_apps_read_it(server, settings, tmp_path):
    """`coach index` against the shared server, then two app processes (as a team would run them)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from gradio_client import Client
    from servers import AppServer, start_all

    env = {"COACH_CHROMA_URL": server.url}
    indexed = subprocess.run(
        [str(Path(sys.executable).parent / "coach"), "index"],
        capture_output=True,
        text=True,
        env={**os.environ, "COACH_HOME": str(settings.home), **env},
        timeout=300,
    )
    assert indexed.returncode == 0 and "Chroma server" in indexed.stdout, indexed.stderr
    apps = start_all([AppServer(tmp_path / f"member-{n}", env) for n in range(2)])
    try:
        for app in apps:
            result = Client(app.url, verbose=False).predict(
                "what does a senior manager own in governance?", [], api_name="/ask"
            )
            assert "Define and monitor alliance governance model" in result["text"]
            assert "records into" not in app.log.read_text()  # read the shared index; embedded nothing
    finally:
        for app in apps:
            app.stop()
