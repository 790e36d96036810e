"""LLM backends: a LangChain chat model that writes from the retrieved records, streamed, then guarded."""

from __future__ import annotations

import logging
import os
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from ..compose.draft import Draft
from ..errors import ConfigError, LLMError
from ..model import CompetencyModel
from ..query import Query
from ..records import Answer, Passage
from ..settings import Settings
from .guard import check

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)
MAX_RECORDS = 24
PROMPT_FILE = "answer.md"
PROVIDERS = {
    "openai": ("langchain_openai", "langchain-openai"),
    "ollama": ("langchain_ollama", "langchain-ollama"),
}


@dataclass
class LLMBackend:
    name: str  # e.g. "openai:gpt-4o-mini"
    chat: BaseChatModel
    prompt: Template

    def answer(
        self, query: Query, records: list[Passage], fallback: Answer, history: list[str], model: CompetencyModel
    ) -> Generator[str, None, Answer]:
        """Stream the model's text; return the guarded Answer (or the composer's, with a note, on failure).

        The model sees the engine's own evidence for the question (the records its answer drew on, in rank
        order) and the engine's grounded answer as a draft to improve on."""
        draft = Draft(model, {}, query.operation)
        context, sources, citations = _context(records, draft, fallback)
        earlier = "\n".join(f"- {turn}" for turn in history[-4:]) or "(none)"
        prompt = self.prompt.safe_substitute(records=context, question=query.text, history=earlier, draft=fallback.text)
        text = ""
        try:
            for chunk in self.chat.stream(prompt):
                piece = _text_of(chunk.content)
                if piece:
                    text += piece
                    yield text
        except Exception as exc:
            log.warning("LLM backend %s failed: %s", self.name, exc)
            return _fallback(
                fallback,
                # the error's type only: its text may name the model server's address (the log has it)
                f"The {self.name} backend failed ({type(exc).__name__}), so this is the grounded composer's answer.",
                guard="failed",
            )
        result = check(text, sources)
        notes = []
        if result.removed:
            notes.append(f"Removed citations the model invented: {', '.join(result.removed)}.")
        if not result.ok:
            reason = (
                "it cited no source it was given"
                if not result.cited
                else f"{len(result.unsupported)} sentence(s) were not supported by their citations"
            )
            return _fallback(
                fallback,
                f"The {self.name} answer was replaced by the grounded composer's answer because {reason}.",
                notes,
                guard="replaced",
            )
        return Answer(
            text=result.text,
            citations=[citations[key] for key in result.cited],
            backend=self.name,
            notes=[*fallback.notes, *notes],
            intent=fallback.intent,
            follow_ups=fallback.follow_ups,
            guard="trimmed" if result.removed else "kept",
        )


def _context(records: list[Passage], draft: Draft, fallback: Answer):
    """The records as the model sees them, the text behind each key, and a Citation per key (the draft
    answer's own citations included, so the model may keep them)."""
    lines = []
    for passage in records[:MAX_RECORDS]:
        marker = draft.cite(passage)
        label: str = passage.kind
        if passage.flags is not None:
            label += f", {', '.join(passage.flags.labels()) or 'no exam'}"
        lines.append(f"{marker} ({label}) {passage.title}: {passage.text}")
    citations = {c.key: c for c in draft.citations()}
    citations.update({c.key: c for c in fallback.citations})
    for key, citation in citations.items():
        if not any(line.startswith(f"[{key}]") for line in lines):
            lines.append(f"[{key}] ({citation.kind}) {citation.title}: {citation.text}")
    sources = {key: f"{c.title}. {c.text}" for key, c in citations.items()}
    return "\n".join(lines), sources, citations


def _text_of(content) -> str:
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


def _fallback(answer: Answer, note: str, notes: list[str] | None = None, guard: str = "replaced") -> Answer:
    answer.notes = [*(notes or []), note]
    answer.backend = "composer (fallback)"
    answer.guard = guard
    return answer


def parse_spec(spec: str) -> tuple[str, str]:
    provider, sep, model = spec.partition(":")
    provider = provider.strip().lower()
    if not sep or not model.strip() or provider not in PROVIDERS:
        raise ConfigError(
            f"COACH_LLM={spec!r} is not understood; use openai:<model> or ollama:<model>, "
            "or unset it to use the grounded composer."
        )
    return provider, model.strip()


def make_backend(settings: Settings) -> LLMBackend:
    """The backend COACH_LLM names; a missing client library or key is a clear LLMError."""
    provider, name = parse_spec(settings.llm or "")  # unset: parse_spec's ConfigError says what to set
    module, package = PROVIDERS[provider]
    try:
        library = __import__(module)
    except ImportError:
        raise LLMError(f"COACH_LLM={settings.llm} needs the {package} package: pip install {package}") from None
    if provider == "openai":
        key = os.environ.get("OPENAI_API_KEY") or ("not-needed" if settings.llm_base_url else None)
        if not key:
            raise LLMError(
                "COACH_LLM uses OpenAI but OPENAI_API_KEY is not set; set it, or point "
                "COACH_LLM_BASE_URL at an OpenAI-compatible server."
            )
        # LangChain sends the length limit as OpenAI's current `max_completion_tokens`, which other
        # OpenAI-compatible servers (llama-cpp-python's among them) ignore: a small model then writes until
        # its context is full. Those servers get the classic `max_tokens`.
        limit = (
            {"extra_body": {"max_tokens": settings.llm_max_tokens}}
            if settings.llm_base_url
            else {"max_tokens": settings.llm_max_tokens}
        )
        chat = library.ChatOpenAI(
            model=name,
            api_key=key,
            base_url=settings.llm_base_url,
            timeout=settings.llm_timeout,
            max_retries=1,
            temperature=0,
            **limit,
        )
    else:
        options = {"base_url": settings.llm_base_url} if settings.llm_base_url else {}
        chat = library.ChatOllama(model=name, temperature=0, num_predict=settings.llm_max_tokens, **options)
    prompt_path = Path(settings.prompts_dir) / PROMPT_FILE
    try:
        prompt = Template(prompt_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the prompt file {prompt_path} ({exc.strerror or exc}).") from None
    return LLMBackend(f"{provider}:{name}", chat, prompt)
