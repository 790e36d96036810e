"""Load: 200 questions from 16 concurrent gradio_client clients against the app on 127.0.0.1 — zero errors,
every answer cited. Bounded in count (200) and time (each request 60 s, the whole run 300 s). The figures
are written to tests/output/load.json."""

import json
import time
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import pytest
from gradio_client import Client

from coach.evaluate import load_cases
from coach.evaluate.metrics import percentile

pytestmark = pytest.mark.load
ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = 200
CLIENTS = 16


def test_sixteen_concurrent_clients_answer_two_hundred_questions(app):
    cases = [c for c in load_cases(ROOT / "eval" / "cases.yaml") if c.answerable]
    work = [cases[i % len(cases)] for i in range(QUESTIONS)]
    clients = [Client(app.url, verbose=False, httpx_kwargs={"timeout": 60}) for _ in range(CLIENTS)]
    results: list[tuple[str, float, dict | None, str | None]] = []

    def worker(index: int) -> None:
        client = clients[index]
        for case in work[index::CLIENTS]:
            started = time.perf_counter()
            try:
                answer = client.predict(case.question, case.history, api_name="/ask")
                results.append((case.id, time.perf_counter() - started, answer, None))
            except Exception as exc:  # noqa: BLE001 - counted as an error below
                results.append((case.id, time.perf_counter() - started, None, repr(exc)))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        done, pending = wait([pool.submit(worker, n) for n in range(CLIENTS)], timeout=300)
    elapsed = time.perf_counter() - started
    assert not pending, "the load test ran past its 300 s bound"
    errors = [(cid, error) for cid, _, answer, error in results if error or answer.get("error")]
    uncited = [cid for cid, _, answer, error in results if answer and (answer["status"] != "answer"
                                                                        or not answer["citations"])]
    latencies = [seconds * 1000 for _, seconds, _, _ in results]
    figures = {"questions": len(results), "clients": CLIENTS, "errors": len(errors), "uncited": len(uncited),
               "seconds": round(elapsed, 1), "answers_per_second": round(len(results) / elapsed, 1),
               "p50_ms": round(percentile(latencies, 0.5), 1), "p95_ms": round(percentile(latencies, 0.95), 1),
               "max_ms": round(max(latencies), 1)}
    output = Path(__file__).parent / "output"
    output.mkdir(exist_ok=True)
    (output / "load.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(figures)
    assert len(results) == QUESTIONS
    assert errors == [] and uncited == [], (errors[:3], uncited[:3])
