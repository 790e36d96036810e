"""Optional LLM backends (LangChain chat models) behind the citation guard.

`COACH_LLM=openai:<model>` (OPENAI_API_KEY, or any OpenAI-compatible server with COACH_LLM_BASE_URL) or
`COACH_LLM=ollama:<model>` (a local Ollama, COACH_LLM_BASE_URL to move it). The model sees only the
retrieved records with their citation keys; what it writes streams, then passes the guard: unknown keys
are removed and reported, and an answer left with an unsupported sentence or no valid citation is replaced
by the grounded composer's answer, with a note saying so.
"""

from __future__ import annotations

from .backend import LLMBackend, make_backend
from .guard import GuardResult, check

__all__ = ["GuardResult", "LLMBackend", "check", "make_backend"]
