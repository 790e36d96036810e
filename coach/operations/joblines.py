"""Every line of the three job descriptions (each row; the position description paragraph by paragraph; each
responsibility), with embeddings, ranked for a question about a role (coach/operations/roles.py)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from .. import cues
from ..codes import format_codes
from ..index.records import FACT_FIELDS
from ..model import CompetencyModel
from ..records import Responsibility, fact_id
from ..text import STOPWORDS, stem, terms
from ..vectors import TextVectors, Vector


def with_codes(resp: Responsibility) -> str:
    """A responsibility as its job description prints it: " (II B and III C)" after its text."""
    return f" ({format_codes(resp.codes)})" if resp.codes else ""


@dataclass(frozen=True)
class JobLine:
    role_id: str
    label: str  # the row ("Experience Required") or "primary responsibility"
    text: str
    record_id: str
    listed: bool = False  # a list item of the row ("- overall performance of the alliance portfolio")


class JobLines:
    """Every line of the three job descriptions (each row; the position description paragraph by paragraph;
    each responsibility), with embeddings, to find the lines that answer a question about a role."""

    def __init__(self, model: CompetencyModel, vectors_of: Callable[[list[str]], TextVectors]):
        self.lines: list[JobLine] = []
        for role in model.roles:
            for label, value in role.facts().items():
                parts = value.split("\n") if label == "Position Description" else [" ".join(value.split())]
                for part in parts:
                    if part.strip():
                        self.lines.append(
                            JobLine(
                                role.id,
                                label,
                                part.lstrip("- ").strip(),
                                fact_id(role.id, FACT_FIELDS[label]),
                                part.startswith("- "),
                            )
                        )
            for resp in role.responsibilities:
                self.lines.append(
                    JobLine(role.id, f"{resp.kind} responsibility", resp.text + with_codes(resp), resp.record_id)
                )
        self.vectors = vectors_of([f"{line.label}: {line.text}" for line in self.lines])

    def listed_after(self, line: JobLine) -> list[JobLine]:
        """The list a line introduces ("This entails responsibility for:" → its items)."""
        if not line.text.endswith(":"):
            return []
        following = self.lines[self.lines.index(line) + 1 :]
        items = []
        for other in following:
            if not (other.listed and other.role_id == line.role_id and other.label == line.label):
                break
            items.append(other)
        return items

    def holds(self, roles: tuple[str, ...], stems: tuple[str, ...]) -> bool:
        """Does any line of these roles use one of these stems (or a word sharing its first six letters)?"""
        return any(self.line_holds(line, s) for line in self.lines if line.role_id in roles for s in stems if s)

    @staticmethod
    @lru_cache(maxsize=20_000)
    def _line_stems(text: str) -> frozenset[str]:
        return frozenset(terms(text))

    def line_holds(self, line: JobLine, stem_: str) -> bool:
        found = self._line_stems(f"{line.label} {line.text}")
        return stem_ in found or (len(stem_) >= 6 and any(t[:6] == stem_[:6] for t in found))

    def ranked(
        self,
        vector: Vector,
        roles: tuple[str, ...],
        focus: tuple[str, ...],
        related: tuple[str, ...] = (),
        pairs: AbstractSet[tuple[str, str]] = frozenset(),
        quantity: bool | str = False,
    ) -> list[tuple[float, JobLine]]:
        """Lines of these roles, best first: closeness in meaning, plus the share of the question's focus words
        (or words close to them) they hold, plus a little for each two-word phrase of the question they hold.
        `quantity`: asked "how many …?" (True), or how many of a thing (its stem: "allianc"), which the line
        that states a number of it answers ("one or more major alliances"; not "a team of alliance managers")."""
        closeness = self.vectors.scores(vector)
        candidates = [(row, line) for row, line in enumerate(self.lines) if line.role_id in roles]
        # only the focus words some line could hold count: "sales" in "5 years in sales" dilutes nothing
        wanted = {s for s in focus if any(self.line_holds(line, s) for _, line in candidates)}
        scored = []
        for row, line in candidates:
            sequence = terms(f"{line.label} {line.text}")
            stems = set(sequence)
            # a word held as written counts whole, one sharing only its first six letters half ("direct" and
            # "director", "competing" and "competitors")
            overlap: float = sum(1.0 if s in stems else 0.5 for s in wanted if self.line_holds(line, s))
            overlap += 0.5 * sum(1 for s in related if s in stems and not any(s[:6] == w[:6] for w in wanted))
            phrases = len(set(itertools.pairwise(sequence)) & pairs)
            score = (
                float(closeness[row])
                + OVERLAP_WEIGHT * min(overlap / max(len(wanted), 1), 1.0)
                + PHRASE_WEIGHT * phrases
                + QUANTITY_WEIGHT * (bool(quantity) and bool(cues.QUANTITY_WORDS.search(line.text)))
                + COUNTED_WEIGHT * (isinstance(quantity, str) and counts_of(line.text, quantity))
            )
            scored.append((score, line))
        scored.sort(key=lambda pair: -pair[0])
        return scored


OVERLAP_WEIGHT = 0.6  # a line holding all the focus words any line holds gains this much over closeness in meaning
PHRASE_WEIGHT = 0.15  # and this for each two-word phrase of the question it holds ("portfolio management")
QUANTITY_WEIGHT = 0.15  # and this, for "how many …?", when it states a quantity
COUNTED_WEIGHT = 0.5  # and this when it states a quantity of the very thing counted ("how many alliances …?")


_A_NUMBER = re.compile(r"one|two|three|four|five|six|several|multiple|more|\d+\+?")


def counts_of(text: str, counted: str) -> bool:
    """Does the text state a number of this thing (a stem)? "one or more major alliances", "one major alliance,
    or several secondary alliances", "12+ years of …" do; "a team of alliance managers" counts managers."""
    tokens = re.findall(r"[a-z0-9+]+|[^\sa-z0-9+]", text.lower())
    for at, token in enumerate(tokens):
        if stem(token) != counted:
            continue
        after = tokens[at + 1] if at + 1 < len(tokens) else "."
        head = not after[0].isalnum() or after in STOPWORDS  # the noun ends its phrase: it is what is counted
        if head and any(_A_NUMBER.fullmatch(word) for word in tokens[max(0, at - 3) : at]):
            return True
    return False
