"""Real servers the tests start on 127.0.0.1 and stop again: a `chroma run`, and the app itself."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalServer:
    """A subprocess serving HTTP on 127.0.0.1:port, its output in a log file beside its data."""

    name = "server"
    probe = "/"

    def __init__(self, log_dir: Path, port: int | None = None, env: dict[str, str] | None = None):
        self.port = port or free_port()
        self.env = {**os.environ, **(env or {})}
        self.log = log_dir / f"{self.name}-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        raise NotImplementedError

    def start(self, timeout: float = 120) -> LocalServer:
        return self.launch().ready(timeout)

    def launch(self) -> LocalServer:
        """Start the process without waiting for it (see `start_all`)."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as handle:
            self.process = subprocess.Popen(
                self.command(), cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT
            )
        return self

    def ready(self, timeout: float = 120) -> LocalServer:
        """Wait until it answers on its probe path (a RuntimeError with its log's tail if it exits or never does)."""
        assert self.process is not None, "launch() first"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early: {self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}{self.probe}", timeout=2):
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer within {timeout} s: {self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_all(servers: list[LocalServer], timeout: float = 120) -> list[LocalServer]:
    """Start several servers at once (two app replicas start in the time of a little more than one)."""
    for server in servers:
        server.launch()
    return [server.ready(timeout) for server in servers]


class ChromaServer(LocalServer):
    """`chroma run --path DIR --host 127.0.0.1` (the binary the chromadb package installs); with `seed`, its
    data folder starts as a copy of that one (tests/conftest.py's chroma_seed: the corpus's index, published)."""

    name = "chroma"
    probe = "/api/v2/heartbeat"

    def __init__(self, path: Path, port: int | None = None, seed: Path | None = None):
        super().__init__(path.parent, port)
        self.path = path
        if seed is not None:
            shutil.copytree(seed, path)

    def command(self) -> list[str]:
        self.path.mkdir(parents=True, exist_ok=True)
        local = Path(sys.executable).parent / "chroma"
        binary = str(local) if local.exists() else (shutil.which("chroma") or "chroma")
        return [binary, "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)]


BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
CHROMIUM = "/usr/bin/chromium"


class AppServer(LocalServer):
    """The real app (`python app.py`) on a free port, over the index in `home`."""

    name = "app"

    def __init__(self, home: Path, env: dict[str, str] | None = None):
        port = free_port()
        super().__init__(
            home.parent,
            port,
            {"COACH_HOME": str(home), "COACH_PORT": str(port), "COACH_HOST": "127.0.0.1", **(env or {})},
        )
        self.home = home

    def command(self) -> list[str]:
        return [sys.executable, str(ROOT / "app.py")]


class LlamaServer(LocalServer):
    """llama-cpp-python's OpenAI-compatible server (`python -m llama_cpp.server`) on a GGUF model file.

    The Gemma 3 270M GGUF carries no chat template, so the gemma chat format is named; logits_all is off
    (the server's default keeps the logits of every position: 262,144 × n_ctx floats, ~8.6 GB at 8,192)."""

    name = "llama"
    probe = "/v1/models"
    alias = "gemma-3-270m"

    def __init__(self, model_path: Path, log_dir: Path, context: int = 8192):
        super().__init__(log_dir)
        self.model_path, self.context = model_path, context

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(self.model_path),
            "--model_alias",
            self.alias,
            "--chat_format",
            "gemma",
            "--n_ctx",
            str(self.context),
            "--n_threads",
            str(os.cpu_count() or 2),
            "--logits_all",
            "false",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]


def run_async(make_coroutine):
    """`asyncio.run(make_coroutine())` in a thread of its own: the browser tests' Playwright (its sync API)
    keeps an event loop running in the main thread for the whole session, where asyncio.run refuses to start."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()
