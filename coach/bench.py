"""`coach bench`: the speed figures, measured rather than asserted in tests.

- full index build: a fresh COACH_HOME, `coach index` in a new process (imports, parsing, embedding every
  record with the ONNX export, which `make install` made once for the machine; no records' vectors kept)
- rebuild, vectors kept: `coach index --rebuild` on that home (the records' vectors the build kept reused)
- first build on a machine: the same with an empty model cache (the ONNX export is made first, with torch)
- second start: `coach index` again on that home — must reuse the index (nothing re-embedded)
- cold start to first answer: a new process that opens the existing index and answers one question
- search p50/p95 and warm ask p50/p95: in this process, over the benchmark questions
- answers per second with 1, 4 and 16 concurrent askers (threads sharing one Coach)
- through the app: `python app.py` on a free 127.0.0.1 port, and 16 concurrent chats from a separate client
  process (`python -m coach.loadtest`), through POST /api/ask and through Gradio's /ask
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .evaluate.metrics import percentile
from .settings import PROJECT_ROOT, Settings
from .vectors import cache_without

QUESTION = "what does a senior manager own in governance?"


def benchmark_questions() -> list[str]:
    import yaml

    cases = PROJECT_ROOT / "eval" / "cases.yaml"
    if cases.exists():
        data = yaml.safe_load(cases.read_text(encoding="utf-8"))
        return [case["question"] if "question" in case else case["turns"][-1] for case in data]
    data = yaml.safe_load((PROJECT_ROOT / "tests" / "data" / "retrieval_questions.yaml").read_text(encoding="utf-8"))
    return [case["question"] for case in data]


def _timed_process(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=900)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed: {result.stderr[-500:]}")
    return elapsed, result.stdout


def machine() -> dict:
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
    }


def run(output: Path | None = None, rounds: int = 200, log=print, load: int = 320) -> dict:
    results: dict = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": machine()}
    coach_bin = str(Path(sys.executable).parent / "coach")
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as home:
        env = {**os.environ, "COACH_HOME": home}
        env.pop("COACH_CHROMA_URL", None)
        env["COACH_MODEL_CACHE"] = str(_cache_without_records(env, Path(home) / "model-cache"))
        results.update(_build_figures(coach_bin, env, log))
        from .facade import Coach

        coach = Coach(Settings.from_env({**env}))
        questions = benchmark_questions()
        log(f"search and ask latency over {rounds} questions…")
        search_times, ask_times = [], []
        for index in range(rounds):
            question = questions[index % len(questions)]
            started = time.perf_counter()
            try:
                coach.retriever.search(question, k=10)
            except Exception:
                pass
            search_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            coach.ask(question)
            ask_times.append(time.perf_counter() - started)
        results["search_ms"] = {
            "p50": percentile(search_times, 0.5) * 1000,
            "p95": percentile(search_times, 0.95) * 1000,
        }
        results["warm_ask_ms"] = {
            "p50": percentile(ask_times, 0.5) * 1000,
            "p95": percentile(ask_times, 0.95) * 1000,
            "mean": statistics.mean(ask_times) * 1000,
            "n": len(ask_times),
        }
        results["answers_per_second"] = {}
        for workers in (1, 4, 16):
            count = max(64, workers * 16)
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(coach.ask, [questions[i % len(questions)] for i in range(count)]))
            results["answers_per_second"][str(workers)] = count / (time.perf_counter() - started)
            log(f"  {workers} concurrent askers: {results['answers_per_second'][str(workers)]:.1f} answers/s")
        del coach
        results["through_the_app"] = through_the_app(env, load, log)
        log("first build on a machine (empty model cache: the ONNX export is made first, with torch)…")
        with tempfile.TemporaryDirectory(prefix="coach-bench-") as fresh:
            first = {**env, "COACH_HOME": str(Path(fresh) / "home"), "COACH_MODEL_CACHE": str(Path(fresh) / "models")}
            results["first_build_on_machine_s"], _ = _timed_process([coach_bin, "index"], first)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


def _cache_without_records(env: dict[str, str], target: Path) -> Path:
    """The machine's model cache as `make install` leaves it (the ONNX export made), linked into a cache of the
    benchmark's own without the records' vectors an earlier build kept: its first build embeds every record."""
    from .index.embeddings import ensure_onnx

    settings = Settings.from_env(env)
    ensure_onnx(settings)
    return cache_without("records", settings.model_cache, target)


def _build_figures(coach_bin: str, env: dict[str, str], log) -> dict:
    """A full build in a fresh home, a rebuild with the records' vectors kept, a second start (the index
    reused), and a new process's first answer."""
    results: dict = {}
    log("full index build (fresh COACH_HOME, new process)…")
    results["index_build_s"], _ = _timed_process([coach_bin, "index"], env)
    log("rebuild with the records' vectors kept…")
    results["rebuild_kept_vectors_s"], _ = _timed_process([coach_bin, "index", "--rebuild"], env)
    log("second start (reuse)…")
    results["second_start_s"], out = _timed_process([coach_bin, "index"], env)
    results["second_start_reused"] = "reused" in out
    log("cold start to first answer (new process)…")
    code = f"from coach import Coach; a = Coach().ask({QUESTION!r}); assert a.citations and not a.refused"
    results["cold_start_first_answer_s"], _ = _timed_process([sys.executable, "-c", code], env)
    return results


def through_the_app(env: dict[str, str], count: int, log) -> dict:
    """The app in its own process, and 16 concurrent chats from another (bounded: 60 s a request, 300 s a
    run), through each API, after 32 unmeasured warm-up answers."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    app = subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "app.py")],
        env={**env, "COACH_PORT": str(port), "COACH_HOST": "127.0.0.1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    figures = {}
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/health", timeout=2).close()
                break
            except OSError:
                if app.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the app did not start for the load benchmark") from None
                time.sleep(0.3)
        for interface in ("json", "gradio"):
            log(f"16 concurrent chats through the app ({interface}), {count} answers, from a separate process…")
            _, out = _timed_process(
                [
                    sys.executable,
                    "-m",
                    "coach.loadtest",
                    url,
                    "--interface",
                    interface,
                    "--count",
                    str(count),
                    "--clients",
                    "16",
                    "--warmup",
                    "32",
                ],
                env,
            )
            figures[interface] = json.loads(out.strip().splitlines()[-1])
    finally:
        app.terminate()
        app.wait(timeout=30)
    return figures


def as_table(results: dict) -> str:
    app = results.get("through_the_app", {})
    rows = [
        ("full index build", f"{results['index_build_s']:.1f} s"),
        ("rebuild, the records' vectors kept", f"{results.get('rebuild_kept_vectors_s', 0):.1f} s"),
        ("first build on a machine (ONNX export)", f"{results.get('first_build_on_machine_s', 0):.1f} s"),
        (
            "second start (index reused)",
            f"{results['second_start_s']:.1f} s{'' if results.get('second_start_reused') else ' (NOT reused)'}",
        ),
        ("cold start to first answer", f"{results['cold_start_first_answer_s']:.1f} s"),
        ("search p50 / p95", f"{results['search_ms']['p50']:.1f} / {results['search_ms']['p95']:.1f} ms"),
        ("warm ask p50 / p95", f"{results['warm_ask_ms']['p50']:.1f} / {results['warm_ask_ms']['p95']:.1f} ms"),
        *((f"answers/s, {n} concurrent", f"{v:.1f}") for n, v in results["answers_per_second"].items()),
        *(
            (
                f"app, 16 chats via {name}: p50 / p95, answers/s, errors",
                f"{f['p50_ms']:.0f} / {f['p95_ms']:.0f} ms, {f['answers_per_second']:.1f}/s, {f['errors']}",
            )
            for name, f in (("POST /api/ask", app.get("json")), ("Gradio /ask", app.get("gradio")))
            if f
        ),
    ]
    width = max(len(name) for name, _ in rows)
    machine_line = f"{results['date']} · {results['machine']['cpus']} CPUs · Python {results['machine']['python']}"
    return "\n".join([machine_line, *(f"{name:<{width}}  {value}" for name, value in rows)])
