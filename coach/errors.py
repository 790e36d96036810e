"""The project's own exceptions.

Each one carries a message written for the person at the keyboard: what went wrong, the value that was
bad, and what to do about it. The CLI prints `str(error)` as one line; the app shows it as a friendly
note. Nothing else in the package should let a raw traceback reach a user.
"""

from __future__ import annotations


def describe(exc: BaseException, limit: int = 160) -> str:
    """An exception as one short line for a message: its text on one line, or its type when it has none."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


class CoachError(Exception):
    """Base class: a problem the user can act on. `str()` is the one-line explanation."""


class ConfigError(CoachError):
    """A setting (an environment variable or option) has a value that cannot be used."""


class CorpusError(CoachError):
    """A corpus document is missing, unreadable, altered or not shaped as the parser expects."""


class CodeSyntaxError(CoachError, ValueError):
    """Text that was meant to be a matrix code but cannot be read as one."""


class UnknownCodeError(CoachError, LookupError):
    """A well-formed code that names no area or item of the matrix."""

    def __init__(self, code: str, suggestions: list[str]):
        self.code = code
        self.suggestions = suggestions
        hint = f" Nearest valid codes: {', '.join(suggestions)}." if suggestions else ""
        super().__init__(f"{code} is not a code of the ASAP competency matrix.{hint} `coach codes` lists them all.")


class IndexError_(CoachError):
    """Base for problems with the search index (named with a trailing underscore: `IndexError` is builtin).

    `str()` is for the operator (the CLI's error line, the server's log): it names the folder or the server.
    `public` is what a reply to a user of the app says: what happened and what to do, without the server's
    addresses or paths."""

    public = "the search index could not be read just now. Please try again in a minute; the server's log says why."


class IndexCorruptError(IndexError_):
    """The embedded index folder exists but cannot be read."""


class IndexBusyError(IndexError_):
    """Another process holds the index lock for longer than we are willing to wait."""


class IndexUnwritableError(IndexError_):
    """The data directory cannot be written to, so the index cannot be built there."""


class ChromaUnreachableError(IndexError_):
    """`COACH_CHROMA_URL` points at a Chroma server that does not answer."""

    public = "the search index's server did not answer. Answers resume as soon as it is back; nothing needs restarting."


class InputError(CoachError, ValueError):
    """A question or option the user gave cannot be used as it is (empty, too long ...)."""


class LLMError(CoachError):
    """The configured language-model backend failed or is missing a dependency or key."""
