"""Which support judge runs: an NLI cross-encoder when one can be loaded offline (COACH_NLI_MODEL, a local
folder of a sentence-transformers CrossEncoder NLI model), otherwise the content-word overlap judge of
coach.support. The report names the judge that ran."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..support import SUPPORT_THRESHOLD, supported

log = logging.getLogger(__name__)
OVERLAP = f"content-word overlap (lemmatised, stopwords removed, threshold {SUPPORT_THRESHOLD})"


def make_judge():
    """(name, judge(statement, sources) -> bool)."""
    path = os.environ.get("COACH_NLI_MODEL", "").strip()
    if path and Path(path).is_dir():
        try:
            return _nli_judge(Path(path))
        except Exception as exc:
            log.warning("could not load the NLI model at %s (%s); using %s", path, exc, OVERLAP)
    return OVERLAP, supported


def _nli_judge(path: Path):
    from sentence_transformers import CrossEncoder

    model = CrossEncoder(str(path), device="cpu")
    labels = [label.lower() for label in getattr(model.model.config, "id2label", {}).values()]
    entail = labels.index("entailment") if "entailment" in labels else len(labels) - 1

    def judge(statement: str, sources: list[str]) -> bool:
        if not sources:
            return False
        scores = model.predict([(" ".join(sources)[:4000], statement)])
        return int(scores[0].argmax()) == entail

    return f"NLI cross-encoder ({path.name})", judge
