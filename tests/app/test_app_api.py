"""The app's API, as a script calls it with gradio_client (documented in the README)."""

import pytest
from gradio_client import Client


@pytest.fixture(scope="module")
def client(app):
    return Client(app.url, verbose=False)


def test_ask_endpoint(client):
    result = client.predict("what does a senior manager own in governance?", [], api_name="/ask")
    assert result["refused"] is False
    assert "Define and monitor alliance governance model" in result["text"]
    assert result["citations"][0]["code"] == "II C"


def test_ask_endpoint_follow_up_and_refusal(client):
    follow = client.predict(
        "And a director?", ["What does a senior alliance manager own in governance?"], api_name="/ask"
    )
    assert "Participate in alliance governance process" in follow["text"]
    refused = client.predict("What is II Z?", [], api_name="/ask")
    assert refused["refused"] is True and refused["citations"] == []


def test_only_the_documented_endpoint_is_public(client):
    info = client.view_api(print_info=False, return_format="dict")
    assert list(info["named_endpoints"]) == ["/ask"]
    parameters = [p["parameter_name"] for p in info["named_endpoints"]["/ask"]["parameters"]]
    assert parameters == ["question", "history"]
