"""COACH_CHROMA_URL: the same index in a real `chroma run` server (started by the test on 127.0.0.1)."""

import pytest

from chroma_server import ChromaServer, free_port
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
