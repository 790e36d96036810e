"""Concurrent chats against a running app, from a process of their own (so that the client's work is not
counted as the server's, nor the server's as the client's). Used by `coach bench` and tests/operating/test_load.py:

    python -m coach.loadtest http://127.0.0.1:7860 --interface json --count 320 --clients 16

Each client works through its share of the eval's answerable cases, sending each case's earlier turns as
history, one request at a time. Bounded in count and in time (each request `timeout` s, the whole run
`bound` s); prints the figures as JSON: answers/s, p50/p95/max latency, errors, uncited answers.

`--interface gradio` goes through gradio_client's `/ask` (a queue join plus an event stream per answer),
with one TLS context shared by every call: gradio_client otherwise builds a new one (loading the CA bundle,
~30 ms of CPU) for each of the two connections it opens per call, which caps a client process at about 20
answers/s whatever the server does.
"""

from __future__ import annotations

import argparse
import json
import ssl
import time
from concurrent.futures import ThreadPoolExecutor, wait

from .evaluate.metrics import percentile
from .settings import PROJECT_ROOT


def chats(count: int) -> list[tuple[str, list[str]]]:
    """`count` (question, history) pairs from the eval's answerable cases (each should get a cited answer),
    in turn."""
    from .evaluate import load_cases

    cases = [case for case in load_cases(PROJECT_ROOT / "eval" / "cases.yaml") if case.answerable]
    return [(cases[i % len(cases)].question, cases[i % len(cases)].history) for i in range(count)]


def json_caller(url: str, timeout: float):
    import httpx

    client = httpx.Client(base_url=url, timeout=timeout, limits=httpx.Limits(max_connections=64))

    def ask(question: str, history: list[str]) -> dict:
        reply = client.post("/api/ask", json={"question": question, "history": history})
        reply.raise_for_status()
        return reply.json()

    return lambda: ask


def gradio_caller(url: str, timeout: float):
    from gradio_client import Client

    context = ssl.create_default_context()

    def new_client():
        client = Client(url, verbose=False, ssl_verify=context, httpx_kwargs={"timeout": timeout})
        return lambda question, history: client.predict(question, history, api_name="/ask")

    return new_client


def run(
    url: str,
    interface: str = "json",
    count: int = 320,
    clients: int = 16,
    timeout: float = 60,
    bound: float = 300,
    warmup: int = 0,
) -> dict:
    make = (json_caller if interface == "json" else gradio_caller)(url, timeout)
    callers = [make() for _ in range(clients)]
    for number, (question, history) in enumerate(chats(warmup)):  # not measured: first calls load lazily
        callers[number % clients](question, history)
    work = chats(count)
    results: list[tuple[float, dict | None, str | None]] = []

    def worker(index: int) -> None:
        for question, history in work[index::clients]:
            started = time.perf_counter()
            try:
                answer = callers[index](question, history)
                results.append((time.perf_counter() - started, answer, None))
            except Exception as exc:
                results.append((time.perf_counter() - started, None, f"{type(exc).__name__}: {exc}"[:200]))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        _, pending = wait([pool.submit(worker, n) for n in range(clients)], timeout=bound)
    elapsed = time.perf_counter() - started
    latencies = [seconds * 1000 for seconds, _, _ in results]
    problems = [error or (answer or {}).get("error") for _, answer, error in results]  # no answer when it raised
    errors = [problem for problem in problems if problem]
    uncited = [1 for _, answer, _ in results if answer and (answer["refused"] or not answer["citations"])]
    return {
        "interface": interface,
        "url": url,
        "clients": clients,
        "questions": len(results),
        "warmup": warmup,
        "finished_in_bound": not pending,
        "seconds": round(elapsed, 1),
        "answers_per_second": round(len(results) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(latencies, 0.5), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "max_ms": round(max(latencies, default=0.0), 1),
        "errors": len(errors),
        "uncited": len(uncited),
        "first_errors": errors[:3],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--interface", choices=("json", "gradio"), default="json")
    parser.add_argument("--count", type=int, default=320)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--bound", type=float, default=300)
    parser.add_argument("--warmup", type=int, default=0, help="answers asked first and not measured")
    args = parser.parse_args()
    print(json.dumps(run(args.url, args.interface, args.count, args.clients, args.timeout, args.bound, args.warmup)))


if __name__ == "__main__":
    main()
