"""Load: 200 questions from 16 concurrent clients against the app on 127.0.0.1, through the JSON API and
through Gradio's `/ask` — zero errors, every answer cited. The clients run in a process of their own
(`python -m coach.loadtest`, as `coach bench` runs them), bounded in count (200) and time (each request
60 s, the whole run 300 s). The figures are written to tests/output/load-<interface>.json; speed targets
are `coach bench`'s business, not this test's."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.load
QUESTIONS = 200
CLIENTS = 16


@pytest.mark.parametrize("interface", ["json", "gradio"])
def test_sixteen_concurrent_clients_answer_two_hundred_questions(app, interface):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "coach.loadtest",
            app.url,
            "--interface",
            interface,
            "--count",
            str(QUESTIONS),
            "--clients",
            str(CLIENTS),
            "--timeout",
            "60",
            "--bound",
            "300",
        ],
        capture_output=True,
        text=True,
        timeout=360,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    output = Path(__file__).parents[1] / "output"
    output.mkdir(exist_ok=True)
    (output / f"load-{interface}.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(figures)
    assert figures["finished_in_bound"], "the load test ran past its 300 s bound"
    assert figures["questions"] == QUESTIONS
    assert figures["errors"] == 0 and figures["uncited"] == 0, figures["first_errors"]
