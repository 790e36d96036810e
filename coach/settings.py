"""All configuration, in one object read from environment variables.

| variable              | default                                   | meaning                                                   |
|-----------------------|-------------------------------------------|-----------------------------------------------------------|
| COACH_HOME            | the per-user data dir (platformdirs)      | where the embedded index, model export and locks live     |
| COACH_CORPUS          | `corpus/` beside the package              | the folder of source documents                            |
| COACH_CHROMA_URL      | unset: embedded Chroma under COACH_HOME   | `http://host:port` of a Chroma server to use instead      |
| COACH_LLM             | unset: the grounded composer answers      | `openai:<model>` or `ollama:<model>`                      |
| COACH_LLM_BASE_URL    | unset                                     | an OpenAI-compatible server (with `openai:<model>`)       |
| COACH_LLM_TIMEOUT     | 60                                        | seconds to wait for the LLM backend                       |
| COACH_LOG_QUESTIONS   | 0                                         | 1: append questions to COACH_HOME/questions.log (opt-in)  |
| COACH_HOST            | 127.0.0.1                                 | where the app listens                                     |
| COACH_PORT            | 7860                                      | the app's port                                            |
| COACH_CONCURRENCY     | 16                                        | chats the app answers at the same time                    |
| COACH_MAX_QUESTION    | 4000                                      | longest question accepted, in characters                  |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlparse

from .errors import ConfigError

PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent


def _default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("alliance-coach", appauthor=False))


def _int(env: dict[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number; unset it to use {default}.") from None
    if value < minimum:
        raise ConfigError(f"{name}={value} is too small (at least {minimum}); unset it to use {default}.")
    return value


def _flag(env: dict[str, str], name: str) -> bool:
    raw = env.get(name, "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{name}={raw!r} is not understood; use 1 to switch it on or 0 to switch it off.")


def _chroma_url(raw: str) -> str | None:
    raw = raw.strip()
    if not raw:
        return None
    parsed = urlparse(raw if "://" in raw else f"http://{raw}")
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError(f"COACH_CHROMA_URL={raw!r} is not an http(s) address; use e.g. http://127.0.0.1:8000.")
    return parsed.geturl()


@dataclass(frozen=True)
class Settings:
    home: Path = field(default_factory=_default_home)
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    chroma_url: str | None = None
    llm: str | None = None
    llm_base_url: str | None = None
    llm_timeout: int = 60
    log_questions: bool = False
    host: str = "127.0.0.1"
    port: int = 7860
    concurrency: int = 16
    max_question_chars: int = 4000

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides) -> "Settings":
        env = dict(os.environ if env is None else env)
        values = dict(
            home=Path(env["COACH_HOME"]).expanduser() if env.get("COACH_HOME", "").strip() else _default_home(),
            corpus_dir=Path(env["COACH_CORPUS"]).expanduser() if env.get("COACH_CORPUS", "").strip() else cls.corpus_dir,
            chroma_url=_chroma_url(env.get("COACH_CHROMA_URL", "")),
            llm=env.get("COACH_LLM", "").strip() or None,
            llm_base_url=env.get("COACH_LLM_BASE_URL", "").strip() or None,
            llm_timeout=_int(env, "COACH_LLM_TIMEOUT", 60),
            log_questions=_flag(env, "COACH_LOG_QUESTIONS"),
            host=env.get("COACH_HOST", "").strip() or "127.0.0.1",
            port=_int(env, "COACH_PORT", 7860),
            concurrency=_int(env, "COACH_CONCURRENCY", 16),
            max_question_chars=_int(env, "COACH_MAX_QUESTION", 4000),
        )
        values.update(overrides)
        return cls(**values)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def lock_path(self) -> Path:
        return self.home / "index.lock"
