"""The engine's tuning values, in one place, each with where its value came from.

Every value learned or chosen from data was chosen by cross-validation on the example library
(`coach library cv`, or `python eval/calibrate_router.py` for the sweep that chose them), never on an eval
split. Folds leave one writer out (coach/router/crossval.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .router.model import RouterSettings


@dataclass(frozen=True)
class Tuning:
    # The router's features and regularisation. vector_weight 1.0 beat 0.5 / 2.0 / 3.0 on area top-1 (0.804 vs
    # 0.795 / 0.783 / 0.766) and on out-of-scope precision; area_blend 0.8 lies between 0.7 (0.804) and 0.85
    # (0.806), both above 0.5 (0.769) and the items' closeness alone (0.520). eval/calibrate_router.py, 2026-12-04.
    router: RouterSettings = field(default_factory=lambda: RouterSettings(vector_weight=1.0, area_blend=0.8))
    # Declined as outside the coach's remit at this probability of `out`: on the library's held-out writers,
    # 0.5 declined 69 % of out-of-scope requests and 4 of 1,318 answerable questions (0.3 %); 0.4 declined
    # 73 % and 5; 0.3 declined 77 % but 22. Injection markers (coach/cues.py) are declined before this.
    out_of_scope: float = 0.5
    # Said "not covered" at this probability of `not-covered`: 0.5 caught 69 % of them and called 2 answerable
    # questions not covered; 0.4 caught 76 % and 6; 0.3 caught 82 % but 16.
    not_covered: float = 0.5
    # Read as leaning on the previous question at this probability (library: 86 % of follow-up / new-topic
    # pairs right, 1.3 % of standalone questions read as follow-ups).
    followup: float = 0.5
    # A situation's second area is named when the router scores it at least this share of the first.
    second_area: float = 0.5
    # An article sentence is shown beside a situation's competencies when it is at least this much closer in
    # meaning than the median sentence (every sentence is about alliances: closeness alone says little).
    article_margin: float = 0.2
    # A question the evidence finds outside the domain (no domain word, nothing close in meaning) is still
    # answered when the router is at least this sure it is in scope ("my counterpart and I keep clashing over
    # pricing" shares no word with the corpus).
    in_scope_confident: float = 0.9


TUNING = Tuning()
