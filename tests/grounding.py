"""Checks every test answer must pass: grounded or silent."""

from __future__ import annotations

from coach.codes import Code
from coach.support import CITATION, statements


def assert_grounded(answer, model, documents):
    """Every [key] in the text has a Citation; every matrix code cited exists; every claim is cited."""
    doc_ids = {d.id for d in documents}
    keys = {c.key for c in answer.citations}
    for key in CITATION.findall(answer.text):
        assert key in keys, f"[{key}] in the text has no citation record"
    for citation in answer.citations:
        code = Code.try_parse(citation.key)
        if code is not None:
            assert model.exists(code), f"cites {citation.key}, which is not in the matrix"
        else:
            assert citation.key.split(" § ")[0] in doc_ids, f"cites unknown document {citation.key}"
        assert citation.text and citation.source
    if answer.refused:
        assert answer.citations == [], f"a declined answer cites {[c.key for c in answer.citations]}"
        return
    for statement in statements(answer.text):
        if statement.claims:
            assert statement.keys, f"uncited claim: {statement.text!r}"
