"""What every operation works on: the typed model, the lexicon, the index's records and the evidence for the
query (computed once, on first use), plus small helpers that turn model records into cited points."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..codes import Code
from ..evidence import Evidence
from ..lexicon import AreaName, Lexicon
from ..model import CompetencyModel
from ..query import Query
from ..records import Area, Flags, MatrixItem, Passage, RecordKind, Responsibility, Role, area_id, fact_id, item_id
from ..results import Point, Result

if TYPE_CHECKING:
    from ..vectors import TextVectors
    from .joblines import JobLines

LIST_LIMIT = 12  # members of a list shown before "show all"


@dataclass
class Workspace:
    model: CompetencyModel
    lexicon: Lexicon
    records: dict[str, Passage]  # index records by id
    titles: dict[str, str]  # document id → title
    lists: dict[str, list[Passage]]  # an article list's lead-in → its items
    find_evidence: Callable[[Query], Evidence]
    summaries: dict[str, Passage] = field(default_factory=dict)  # "matrix", "section 2" … (coach/summaries.py)
    job_lines: JobLines | None = None  # every line of the job descriptions, with embeddings
    # the names of the groups some areas' rows fall into (II M's "Termination", "Transformation"), with embeddings
    group_names: TextVectors | None = None
    _evidence: dict[int, Evidence] = field(default_factory=dict)
    _sections: dict[tuple[str, str], list[Passage]] | None = None

    @property
    def sections(self) -> dict[tuple[str, str], list[Passage]]:
        """The articles' passages by (document, heading), in the author's order."""
        if self._sections is None:
            found: dict[tuple[str, str], list[Passage]] = {}
            for passage in sorted(
                (p for p in self.records.values() if p.kind == RecordKind.PASSAGE),
                key=lambda p: (p.document, p.position),
            ):
                if passage.document != self.model.guide.id:
                    found.setdefault((passage.document, passage.heading), []).append(passage)
            self._sections = found
        return self._sections

    @property
    def jobs(self) -> JobLines:
        """The job descriptions' lines (every engine workspace has them)."""
        if self.job_lines is None:
            raise LookupError("this workspace was made without the job descriptions' lines")
        return self.job_lines

    def evidence(self, query: Query) -> Evidence:
        key = id(query)
        if key not in self._evidence:
            self._evidence[key] = self.find_evidence(query)
        return self._evidence[key]

    @property
    def matrix_record(self) -> Passage:
        return self.summaries["matrix"]

    def section_record(self, number: int) -> Passage:
        return self.summaries[f"section {number}"]

    def limit(self, query: Query) -> int | None:
        return None if query.show_all else LIST_LIMIT

    # --- records -------------------------------------------------------------------------------------------
    def item_record(self, code: Code) -> Passage:
        return self.records[item_id(code)]

    def area_record(self, code: Code) -> Passage:
        return self.records[area_id(code.area)]

    def fact_record(self, role_id: str, field_name: str) -> Passage:
        return self.records[fact_id(role_id, field_name)]

    def responsibility_record(self, resp: Responsibility) -> Passage:
        return self.records[resp.record_id]

    def role_label(self, role_id: str) -> str:
        """ "senior-level alliance manager" — the role's name inside a sentence."""
        return self.model.role(role_id).name.lower()

    def roles(self) -> list[Role]:
        return list(self.model.roles)

    # --- points ----------------------------------------------------------------------------------------------
    def item_point(self, item: MatrixItem, show_types: bool = True) -> Point:
        return Point(f"{item.label}", (self.item_record(item.code),), flag_note(item.flags, show_types))

    def responsibility_point(self, resp: Responsibility, with_role: bool = False) -> Point:
        who = (
            f"{self.role_label(resp.role_id).capitalize()} ({resp.kind}): "
            if with_role
            else f"{resp.kind.capitalize()}: "
        )
        return Point(f"{who}{quote(resp.text)}", (self.responsibility_record(resp),))

    def items_by_area(
        self,
        items: list[MatrixItem],
        result: Result,
        order: list[Code] | None = None,
        full: int = 3,
        notes: dict[Code, str] | None = None,
    ) -> None:
        """A set of items grouped by area: the first `full` areas as lists, the others one line each, so a
        large set (the 55 competencies CSAP adds to CA-AM) stays complete and readable."""
        by_area: dict[Code, list[MatrixItem]] = {}
        for item in items:
            by_area.setdefault(item.code.area, []).append(item)
        order = order or sorted(by_area)
        notes = notes or {}
        for code in order[:full]:
            result.add(
                f"{self.area_name(code)} ({plural(len(by_area[code]), 'item')}){notes.get(code, '')}",
                [self.item_point(item, show_types=False) for item in by_area[code]],
            )
        rest = order[full:]
        if rest:
            result.add(
                "The other areas",
                [
                    Point(f"**{self.area_name(code)}**: " + "; ".join(item.label for item in by_area[code]), (code,))
                    for code in rest
                ],
            )

    def lists_naming(self, code: Code) -> list[tuple[Passage, list[Passage]]]:
        """Lists in the articles whose lead-in names this area ("… based on the alliance lifecycle …" names
        I B Alliance Life Cycle): (the lead-in's record, its items)."""
        names = list(self.lexicon_area(code).names)
        found = []
        for lead_in, members in self.lists.items():
            spaced = self.lexicon.split_compounds(lead_in).lower()
            if any(name in spaced for name in names):
                owner = next(
                    (p for p in self.records.values() if p.kind == RecordKind.PASSAGE and p.text == lead_in), None
                )
                found.append((owner or members[0], members))
        return found

    def area_named_by(self, lead_in: str) -> Code | None:
        """The area a list's lead-in names, if any (the reverse of lists_naming)."""
        spaced = self.lexicon.split_compounds(lead_in).lower()
        return next((area.code for area in self.lexicon.areas if any(name in spaced for name in area.names)), None)

    def following(self, passage: Passage, sentence: str, count: int) -> list[tuple[Passage, str]]:
        """The sentences after this one under the same heading, in the author's order (the rest of a thought:
        "…a conductor in an orchestra." → "The role of the conductor is to unify the performers …")."""
        flat, index = self._around(passage, sentence)
        return (
            [] if index is None else [pair for pair in flat[index + 1 : index + 1 + count] if not pair[1].endswith("?")]
        )

    def preceding(self, passage: Passage, sentence: str) -> tuple[Passage, str] | None:
        """The sentence before this one under the same heading ("This change improved our success rates." is
        read after the change it refers to)."""
        flat, index = self._around(passage, sentence)
        return flat[index - 1] if index else None

    def _around(self, passage: Passage, sentence: str) -> tuple[list[tuple[Passage, str]], int | None]:
        from ..sentences import split_sentences

        siblings = sorted(
            (
                p
                for p in self.records.values()
                if p.kind == RecordKind.PASSAGE
                and p.document == passage.document
                and p.heading == passage.heading
                and not p.lead_in
            ),
            key=lambda p: p.position,
        )
        flat = [(p, s) for p in siblings for s in split_sentences(p.text)]
        index = next((i for i, (owner, text) in enumerate(flat) if owner.id == passage.id and text == sentence), None)
        return flat, index

    def lexicon_area(self, code: Code) -> AreaName:
        return next(area for area in self.lexicon.areas if area.code == code.area)

    def area_name(self, code: Code) -> str:
        area = self.area(code)
        return f"{area.code} {area.name}"

    # --- the matrix, for codes that are in it (every code an operation holds came from the model) -------------
    def area(self, code: Code) -> Area:
        found = self.model.area(code)
        if found is None:
            raise LookupError(f"{code} is not an area of the matrix")
        return found

    def item(self, code: Code | None) -> MatrixItem:
        found = self.model.item(code) if code is not None else None
        if found is None:
            raise LookupError(f"{code} is not an item of the matrix")
        return found


def code_of(passage: Passage) -> Code:
    """The matrix code of an item or area record (every record an operation ranks as a competency has one)."""
    if passage.code is None:
        raise LookupError(f"{passage.id} has no matrix code")
    return passage.code


def quote(text: str) -> str:
    return f"“{text.strip().rstrip('.')}”"


def exam_level(flags: Flags) -> str:
    """ "both exams", "CSAP only", "CA-AM only" or "neither exam"."""
    levels = flags.levels()
    if len(levels) == 2:
        return "both exams"
    if levels:
        return f"{levels[0]} only"
    return "neither exam"


def flag_note(flags: Flags, show_types: bool = True) -> str:
    """ "(CSAP only · Core, Company)" — exam levels first, then competency types."""
    kinds = flags.kinds()
    level = exam_level(flags).replace("both exams", "CA-AM and CSAP").replace("neither exam", "in neither exam")
    return f"({level} · {', '.join(kinds)})" if show_types and kinds else f"({level})"


def number_word(n: int) -> str:
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    return words[n] if 0 <= n < len(words) else str(n)


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural_form or singular + 's')}"
