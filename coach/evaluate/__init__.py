"""The evaluation suite: `coach eval` runs eval/cases.yaml through the Coach and the plain LangChain recipe,
measures groundedness and quality, writes a report, and fails when a metric is under eval/thresholds.yaml."""

from .cases import CATEGORIES, Case, load_cases
from .runner import check_thresholds, load_thresholds, run

__all__ = ["CATEGORIES", "Case", "check_thresholds", "load_cases", "load_thresholds", "run"]
