"""All configuration, in one object read from environment variables.

| variable              | default                                   | meaning                                                   |
|-----------------------|-------------------------------------------|-----------------------------------------------------------|
| COACH_HOME            | the per-user data dir (platformdirs)      | where the embedded index and its build lock live          |
| COACH_MODEL_CACHE     | the per-user cache dir (platformdirs)     | the ONNX export and the kept vectors, shared by homes     |
| COACH_CORPUS          | `corpus/` beside the package              | the folder of source documents                            |
| COACH_LIBRARY         | `library/examples/` beside the package    | the example library the router is trained from            |
| COACH_CHROMA_URL      | unset: embedded Chroma under COACH_HOME   | `http://host:port` of a Chroma server to use instead      |
| COACH_LLM             | unset: the grounded composer answers      | `openai:<model>` or `ollama:<model>`                      |
| COACH_LLM_BASE_URL    | unset                                     | an OpenAI-compatible server (with `openai:<model>`)       |
| COACH_LLM_TIMEOUT     | 60                                        | seconds to wait for the LLM backend                       |
| COACH_LLM_MAX_TOKENS  | 1024                                      | the longest answer the LLM may write, in its tokens       |
| COACH_LOG_QUESTIONS   | 0                                         | 1: append questions to COACH_HOME/questions.log (opt-in)  |
| COACH_HOST            | 127.0.0.1                                 | where the app listens                                     |
| COACH_PORT            | 7860                                      | the app's port                                            |
| COACH_CONCURRENCY     | 16                                        | chats the page's queue serves at the same time            |
| COACH_WORKERS         | the number of CPUs                        | answers the HTTP APIs compute at once; the rest queue     |
| COACH_MAX_QUESTION    | 4000                                      | longest question accepted, in characters                  |
| COACH_FEEDBACK        | on                                        | off: no thumbs, no /api/feedback, no answers remembered   |
| COACH_FEEDBACK_MAX_MB | 10                                        | size at which a feedback file is rotated (kept, renamed)  |
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .errors import ConfigError

PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent


def _default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("alliance-coach", appauthor=False))


def _default_model_cache() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("alliance-coach", appauthor=False)) / "models"


def _path(env: dict[str, str], name: str, default: Callable[[], Path]) -> Path:
    raw = env.get(name, "").strip()
    return Path(raw).expanduser() if raw else default()


def _int(env: dict[str, str], name: str, default: int, minimum: int = 1, maximum: int | None = None) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number; unset it to use {default}.") from None
    if value < minimum:
        raise ConfigError(f"{name}={value} is too small (at least {minimum}); unset it to use {default}.")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name}={value} is too large (at most {maximum}); unset it to use {default}.")
    return value


def _flag(env: dict[str, str], name: str, default: bool = False) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{name}={raw!r} is not understood; use on (or 1) to switch it on, off (or 0) to switch it off.")


def _chroma_url(raw: str) -> str | None:
    raw = raw.strip()
    if not raw:
        return None
    parsed = urlparse(raw if "://" in raw else f"http://{raw}")
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError(f"COACH_CHROMA_URL={raw!r} is not an http(s) address; use e.g. http://127.0.0.1:8000.")
    try:
        _ = parsed.port  # urllib raises ValueError for a port out of range
    except ValueError:
        raise ConfigError(
            f"COACH_CHROMA_URL={raw!r} has no valid port (1–65535); use e.g. http://127.0.0.1:8000."
        ) from None
    if _bad_ipv4(parsed.hostname):
        raise ConfigError(
            f"COACH_CHROMA_URL={raw!r}: {parsed.hostname} is not an IP address (each part is 0–255); "
            "use the Chroma server's address, e.g. http://127.0.0.1:8000."
        )
    return parsed.geturl()


def _bad_ipv4(host: str) -> bool:
    """True for text shaped like an IPv4 address that is not one (256.1.1.1, 1.2.3): resolvers would
    otherwise try it as a host name and fail later with a misleading message."""
    if not all(part.isdigit() for part in host.split(".")):
        return False
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return True
    return False


_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)


def _host(raw: str) -> str:
    """An IP address (v4 or v6) or a host name to listen on; whether this machine has it is checked when the
    app binds its socket (coach/app/server.py)."""
    host = raw.strip() or "127.0.0.1"
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host.strip("[]")
    except ValueError:
        pass
    if _bad_ipv4(host) or not _HOSTNAME.match(host):
        raise ConfigError(
            f"COACH_HOST={raw.strip()!r} is not an IP address or host name; use 127.0.0.1 (this "
            "machine only) or 0.0.0.0 (every network interface)."
        )
    return host


@dataclass(frozen=True)
class Settings:
    home: Path = field(default_factory=_default_home)
    model_cache: Path = field(default_factory=_default_model_cache)
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    library_dir: Path = PROJECT_ROOT / "library" / "examples"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    chroma_url: str | None = None
    llm: str | None = None
    llm_base_url: str | None = None
    llm_timeout: int = 60
    llm_max_tokens: int = 1024
    log_questions: bool = False
    host: str = "127.0.0.1"
    port: int = 7860
    concurrency: int = 16
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    max_question_chars: int = 4000
    feedback: bool = True  # thumbs under answers, /api/feedback; stored in COACH_HOME/feedback/
    feedback_max_mb: int = 10

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = {
            "home": _path(env, "COACH_HOME", _default_home),
            "model_cache": _path(env, "COACH_MODEL_CACHE", _default_model_cache),
            "corpus_dir": _path(env, "COACH_CORPUS", lambda: cls.corpus_dir),
            "library_dir": _path(env, "COACH_LIBRARY", lambda: cls.library_dir),
            "chroma_url": _chroma_url(env.get("COACH_CHROMA_URL", "")),
            "llm": env.get("COACH_LLM", "").strip() or None,
            "llm_base_url": env.get("COACH_LLM_BASE_URL", "").strip() or None,
            "llm_timeout": _int(env, "COACH_LLM_TIMEOUT", 60),
            "llm_max_tokens": _int(env, "COACH_LLM_MAX_TOKENS", 1024, minimum=16),
            "log_questions": _flag(env, "COACH_LOG_QUESTIONS"),
            "host": _host(env.get("COACH_HOST", "")),
            "port": _int(env, "COACH_PORT", 7860, maximum=65535),
            "concurrency": _int(env, "COACH_CONCURRENCY", 16),
            "workers": _int(env, "COACH_WORKERS", os.cpu_count() or 1),
            "max_question_chars": _int(env, "COACH_MAX_QUESTION", 4000),
            "feedback": _flag(env, "COACH_FEEDBACK", default=True),
            "feedback_max_mb": _int(env, "COACH_FEEDBACK_MAX_MB", 10, maximum=10_000),
        }
        values.update(overrides)
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @property
    def indexes_dir(self) -> Path:
        """One folder per index build (see coach/index/store.py); `chroma/` of older versions is not used."""
        return self.home / "indexes"

    @property
    def answer_slots(self) -> int:
        """Answers the HTTP APIs compute at once. The composer is CPU-bound: more at once than the cores only
        share them and lengthen every answer, so COACH_WORKERS (the CPUs); an LLM backend mostly waits on the
        network, so COACH_CONCURRENCY. Requests beyond wait in turn."""
        return self.concurrency if self.llm else min(self.workers, self.concurrency)

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def vectors_dir(self) -> Path:
        """The engine's finer-grained vectors (sentences, job-description lines, words) and those of the index's
        records: a function of the corpus and the model only, so every home on this machine shares them."""
        return self.model_cache / "vectors"

    @property
    def feedback_dir(self) -> Path:
        """Feedback on answers, as JSON lines (coach/feedback.py)."""
        return self.home / "feedback"

    @property
    def lock_path(self) -> Path:
        return self.home / "index.lock"
