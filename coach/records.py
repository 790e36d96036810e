"""The typed records that pass between the pipeline's stages.

corpus → Document; model → Flags, MatrixItem, Area, Responsibility, Role, Category; index → Passage;
retrieve → Hit; compose/llm → Citation, Answer. They are plain frozen dataclasses so that a stage can be
tested by building its inputs by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .codes import Code

FLAG_LABELS = ("CA-AM", "CSAP", "Industry", "Context", "Core", "Company")
EXAM_LEVELS = ("CA-AM", "CSAP")
COMPETENCY_TYPES = tuple(label for label in FLAG_LABELS if label not in EXAM_LEVELS)  # "Industry" … "Company"
ROLE_IDS = ("mid", "senior", "executive")


# The ids of index records: one formatter per kind, shared by the index that writes them and the stages
# that look records up (a responsibility's is `Responsibility.record_id`; prose passages are numbered).
def item_id(code: Code) -> str:
    return f"item:{code}"


def area_id(code: Code) -> str:
    return f"area:{code}"


def fact_id(role_id: str, field: str) -> str:
    """A job-description row of a role: field is one of index.FACT_FIELDS' values ("experience" …)."""
    return f"fact:{role_id}:{field}"


def category_id(position: int) -> str:
    return f"category:{position}"


class DocumentKind(StrEnum):
    """What a corpus document is. Like every kind here a StrEnum: it compares equal to its value and is written
    as it (in JSON, ids, index metadata)."""

    GUIDE = "guide"  # the ASAP guide: the matrix, the job descriptions, the categories
    ARTICLE = "article"  # a practitioner's article


class ResponsibilityKind(StrEnum):
    """Which of a job description's two lists a responsibility is on."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


class RecordKind(StrEnum):
    """What an index record (a Passage) holds."""

    ITEM = "item"  # a competency of the matrix
    AREA = "area"  # a matrix area with its items
    RESPONSIBILITY = "responsibility"  # a responsibility of a job description
    REQUIREMENT = "requirement"  # another job-description row (experience, education …)
    CATEGORY = "category"  # a competency category of the guide's section II
    PASSAGE = "passage"  # prose: a paragraph or list item of the guide or an article
    SUMMARY = "summary"  # the matrix or a section in figures (coach/summaries.py; not in the index)


@dataclass(frozen=True)
class Document:
    id: str  # short citation id, e.g. "what-is-alliance-management"
    title: str
    kind: DocumentKind
    source_file: str
    text: str  # the body exactly as received
    author: str = ""
    publisher: str = ""


@dataclass(frozen=True)
class Flags:
    """The X columns of a matrix row. `industry` is False in section I, whose tables have no such column."""

    ca_am: bool = False
    csap: bool = False
    industry: bool = False
    context: bool = False
    core: bool = False
    company: bool = False

    def labels(self) -> list[str]:
        values = (self.ca_am, self.csap, self.industry, self.context, self.core, self.company)
        return [label for label, on in zip(FLAG_LABELS, values, strict=True) if on]

    def levels(self) -> list[str]:
        """The exam levels: "CA-AM", "CSAP"."""
        return [label for label in self.labels() if label in EXAM_LEVELS]

    def kinds(self) -> list[str]:
        """The competency types: "Industry", "Context", "Core", "Company"."""
        return [label for label in self.labels() if label in COMPETENCY_TYPES]

    def at(self, certification: str | None) -> bool:
        """Is the item expected at this exam level (CA-AM or CSAP)?"""
        return {"CSAP": self.csap, "CA-AM": self.ca_am}.get(certification or "", False)

    def as_dict(self) -> dict[str, bool]:
        return {
            "ca_am": self.ca_am,
            "csap": self.csap,
            "industry": self.industry,
            "context": self.context,
            "core": self.core,
            "company": self.company,
        }

    @property
    def csap_only(self) -> bool:
        return self.csap and not self.ca_am

    @property
    def exam(self) -> str:
        """ "both", "CA-AM only", "CSAP only" or "neither": where the matrix places it among the exams."""
        if self.ca_am and self.csap:
            return "both"
        if self.ca_am or self.csap:
            return "CA-AM only" if self.ca_am else "CSAP only"
        return "neither"

    def matches(self, exam: str | None) -> bool:
        """Does it satisfy an exam filter: "CA-AM only", "CSAP only", "both", "neither", a level, or a level
        negated ("not CA-AM": not expected at CA-AM)?"""
        if exam in (None, ""):
            return True
        if exam in EXAM_LEVELS:
            return self.at(exam)
        if exam.startswith("not ") and exam[4:] in EXAM_LEVELS:
            return not self.at(exam[4:])
        return self.exam == exam


EXAM_GROUPS = ("both", "CSAP only", "CA-AM only", "neither")


def exam_split(items: Iterable[MatrixItem]) -> dict[str, int]:
    """How many of these matrix items the guide flags for both exams, one only, or neither."""
    split = dict.fromkeys(EXAM_GROUPS, 0)
    for item in items:
        split[item.flags.exam] += 1
    return split


@dataclass(frozen=True)
class MatrixItem:
    code: Code
    statement: str
    flags: Flags
    area_name: str
    group: str = ""  # "Termination" / "Transformation" for the grouped rows of II M

    @property
    def label(self) -> str:
        return f"{self.group}: {self.statement}" if self.group else self.statement


@dataclass(frozen=True)
class Area:
    code: Code
    name: str
    section_name: str
    items: tuple[MatrixItem, ...]


@dataclass(frozen=True)
class Responsibility:
    role_id: str
    kind: ResponsibilityKind
    text: str  # without the parenthesised codes
    codes: tuple[Code, ...]
    position: int  # 1-based, as printed

    @property
    def record_id(self) -> str:
        """The id of its record in the index."""
        return f"resp:{self.role_id}:{self.kind}:{self.position}"


@dataclass(frozen=True)
class Role:
    id: str  # "mid" | "senior" | "executive"
    name: str  # "Senior-level Alliance Manager"
    example_titles: str
    certification: str  # "CA-AM" | "CSAP"
    position_description: tuple[str, ...]  # paragraphs; bullet lines start with "- "
    reporting: str
    scope: str
    primary: tuple[Responsibility, ...]
    secondary: tuple[Responsibility, ...]
    experience: tuple[str, ...]
    education: str
    certification_requirements: str

    @property
    def responsibilities(self) -> tuple[Responsibility, ...]:
        return self.primary + self.secondary

    def facts(self) -> dict[str, str]:
        """The job-description rows other than responsibilities, labelled as in the guide."""
        return {
            "Example titles": self.example_titles,
            "Certification": self.certification,
            "Position Description": "\n".join(self.position_description),
            "Reporting Relationships": self.reporting,
            "Scope of Responsibilities": self.scope,
            "Experience Required": "\n".join(self.experience),
            "Education Requirements": self.education,
            "Certification Requirements": self.certification_requirements,
        }


@dataclass(frozen=True)
class Category:
    """A competency category of the guide's section II, e.g. Core Competencies with its three groups."""

    name: str
    description: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]  # (group name or "", its listed competencies)


@dataclass(frozen=True)
class Passage:
    """One record of the index: an item, an area, a responsibility, a job fact, a category or prose."""

    id: str
    kind: RecordKind
    text: str  # what a reader sees and a citation quotes
    search_text: str  # what is embedded and matched: text plus its context
    document: str  # document id
    heading: str = ""
    code: Code | None = None  # the item or area code, for matrix records
    codes: tuple[Code, ...] = ()  # every area code the record names (responsibilities may name two)
    role: str = ""  # role id, for job-description records
    flags: Flags | None = None
    title: str = ""  # a short label for source panels
    row: str = ""  # the job-description row ("Experience Required" …), for job-description records
    position: int = 0  # order within its list or document
    lead_in: str = ""  # for list items: the sentence that introduces the list

    @property
    def area(self) -> Code | None:
        if self.code is not None:
            return self.code.area
        return self.codes[0] if self.codes else None

    @property
    def section(self) -> str:
        area = self.area
        return area.section_numeral if area else ""


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None
    exact: bool = False


@dataclass(frozen=True)
class Citation:
    """What an inline `[key]` in an answer points at."""

    key: str  # "II C.1", "II C", "what-is-alliance-management § Governance", "asap-guide § ..."
    title: str  # area name, item statement or document title
    text: str  # the source text that supports the claim
    source: str  # "ASAP Alliance Competencies Matrix", a job description, or a document title
    kind: str = ""  # the cited record's kind (a RecordKind), or empty
    flags: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        """The matrix code or document citation id, as the public API names it."""
        return self.key


class Status(StrEnum):
    """What kind of reply an Answer is. A StrEnum: it compares equal to its value and is written as it in JSON
    ("not-covered"), so the public APIs keep their strings."""

    ANSWER = "answer"  # answered from the documents, with citations
    NOT_COVERED = "not-covered"  # in the domain, but no document answers it (the nearest topics offered)
    REFUSED = "refused"  # outside the domain, injection, a code that does not exist, empty, too long
    SMALL_TALK = "small-talk"  # a greeting, thanks, "what can you do?"
    ERROR = "error"  # something failed; `Answer.error` says what, `Answer.text` tells the user


ANSWER_STATUSES = tuple(Status)


@dataclass(frozen=True)
class Profile:
    """What a user told the app about themselves, used when a question does not say (optional)."""

    role: str | None = None  # "mid" | "senior" | "executive"
    certification: str | None = None  # "CA-AM" | "CSAP" held today

    def __post_init__(self) -> None:
        from .errors import InputError

        if self.role not in (None, *ROLE_IDS):
            raise InputError(
                f"profile role {self.role!r} is not one of {', '.join(ROLE_IDS)}; leave it empty "
                "if you prefer not to say."
            )
        if self.certification not in (None, *EXAM_LEVELS):
            raise InputError(
                f"profile certification {self.certification!r} is not CA-AM or CSAP; leave it empty "
                "if you hold neither."
            )

    @property
    def empty(self) -> bool:
        return self.role is None and self.certification is None


@dataclass
class Answer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    status: Status = Status.ANSWER  # a plain string ("refused") is read as its Status
    backend: str = "composer"
    notes: list[str] = field(default_factory=list)
    intent: str = ""  # the operation answered, or why it was declined ("injection", "too-long", "error" …)
    error: str | None = None  # what failed, when status is ERROR; `text` then explains it to the user
    elapsed: float = 0.0  # seconds spent answering
    follow_ups: list[str] = field(default_factory=list)  # suggested next questions
    # what the citation guard did with an LLM's answer: "kept" (as written), "trimmed" (invented citations
    # removed), "replaced" (by the composer's answer), "failed" (the backend failed: the composer's answer);
    # None when no LLM wrote (no backend, or a refusal, small talk or not-covered, which never reach it)
    guard: str | None = None

    def __post_init__(self) -> None:
        self.status = Status(self.status)  # a status that is not one is a ValueError here, not a wrong reply later
        if (self.error is not None) != (self.status is Status.ERROR):
            raise ValueError(f"an answer with status {self.status!r} has error={self.error!r}: they go together")

    @property
    def refused(self) -> bool:
        """Declined (refused) or failed (error): no answer from the documents. Derived from `status`."""
        return self.status in (Status.REFUSED, Status.ERROR)

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "citations": [
                {
                    "code": c.key,
                    "title": c.title,
                    "text": c.text,
                    "source": c.source,
                    "kind": c.kind,
                    "flags": list(c.flags),
                }
                for c in self.citations
            ],
            "refused": self.refused,
            "status": self.status.value,
            "follow_ups": list(self.follow_ups),
            "backend": self.backend,
            "notes": list(self.notes),
            "intent": self.intent,
            "error": self.error,
            "guard": self.guard,
        }
