"""The development plan as the page shows it: the self-assessment (a 0-3 control per competency, grouped by
area, each area rated at once from its header), the live summary, and the plan — what the target job
description adds, the gaps with suggested actions, coverage per area. HTML built here, escaped here; the
ratings' script is RATINGS_JS (run by gr.HTML's js_on_load). Pure: no Gradio."""

from __future__ import annotations

import html
from collections.abc import Iterable

from ..codes import Code
from ..development import GAP_BELOW, JOB_HEADINGS, RATINGS, Path, Plan, default_rating, ratings_for, target_items
from ..model import CompetencyModel
from ..records import MatrixItem


def _e(text: object) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def _cites(keys: Iterable[object]) -> str:
    return " ".join(f'<span class="coach-cite-key">[{_e(key)}]</span>' for key in keys)


def ratings_html(model: CompetencyModel, path: Path, rated: dict[str, int]) -> str:
    """The self-assessment: per area a collapsible group with "rate all" buttons, per competency 0-3 radios.
    `data-user` marks what the person rated (what the page sends back); the rest shows its default."""
    values = ratings_for(model, path, rated)
    groups: dict[Code, list[MatrixItem]] = {}
    for item in target_items(model, path):
        groups.setdefault(item.code.area, []).append(item)
    scale = "".join(f"<span><b>{value}</b> {_e(meaning)}</span>" for value, meaning in RATINGS.items())
    parts = [f'<p class="coach-scale-key" aria-hidden="true">{scale}</p>']
    for area_code, items in groups.items():
        area = model.known_area(area_code)
        gaps = sum(1 for item in items if values[str(item.code)] < GAP_BELOW)
        bulk = "".join(
            f'<button type="button" class="coach-bulk" data-value="{v}" '
            f'aria-label="Rate every {_e(area.code)} competency {v} ({_e(RATINGS[v])})">{v}</button>'
            for v in RATINGS
        )
        rows = []
        for item in items:
            code = str(item.code)
            current = (
                ""
                if not path.from_cert or default_rating(item, path) == 0
                else f' <span class="coach-badge">at your {_e(path.from_cert)} level</span>'
            )
            radios = "".join(
                f'<label title="{v} {_e(meaning)}"><input type="radio" name="rate-{_e(code)}" value="{v}"'
                f'{" checked" if values[code] == v else ""}><span>{v}<span class="coach-scale-word"> {_e(meaning)}'
                f"</span></span></label>"
                for v, meaning in RATINGS.items()
            )
            rows.append(
                f'<fieldset class="coach-rate-item" data-code="{_e(code)}" '
                f'data-user="{1 if code in rated else 0}"><legend><span class="coach-code">{_e(code)}</span> '
                f'{_e(item.label)}{current}</legend><div class="coach-scale">{radios}</div></fieldset>'
            )
        parts.append(
            f'<details class="coach-rate-area" data-area="{_e(area.code)}"><summary>'
            f'<span class="coach-rate-name"><span class="coach-code">{_e(area.code)}</span> {_e(area.name)}</span>'
            f'<span class="coach-rate-stat">{len(items)} to rate · <b class="coach-gap-count">{gaps}</b> below '
            f'{GAP_BELOW}</span><span class="coach-bulk-group" role="group" aria-label="Rate all of '
            f'{_e(area.code)}">all: {bulk}</span></summary>{"".join(rows)}</details>'
        )
    return f'<div class="coach-rate">{"".join(parts)}</div>'


def summary_html(plan: Plan) -> str:
    changes = len(plan.job)
    added = (
        f"The target job description adds <b>{changes}</b> change{'s' if changes != 1 else ''}"
        if changes
        else "The job descriptions do not differ"
    )
    if plan.gap_count:
        gaps = (
            f"<b>{plan.gap_count} gaps</b> of {plan.rated} {_e(plan.path.to_cert)}-level competencies "
            f"(rated below {GAP_BELOW})"
        )
    else:
        gaps = f"<b>No competency gaps</b>: all {plan.rated} {_e(plan.path.to_cert)}-level competencies rated 2 or 3"
    return f'<p class="coach-plan-summary">{gaps}. {added} (see the plan).</p>'


def plan_html(plan: Plan) -> str:
    """The plan: what the target job description adds first (it applies whatever the ratings), the gaps by
    area with suggested actions, then coverage per area."""
    parts = [f'<h3>Plan: {_e(plan.path.label)} <span class="coach-plan-date">({_e(plan.date)})</span></h3>']
    parts.append(f"<h4>What the target job description adds</h4>{_job_html(plan)}")
    parts.append("<h4>Gaps and suggested actions</h4>")
    if not plan.gap_count:
        parts.append(
            f"<p>No competency gaps at the {_e(plan.path.to_cert)} level: every one is rated 2 or 3. "
            "The step up is in the job description above.</p>"
        )
    for area in plan.areas:
        if not area.gaps:
            continue
        gaps = "".join(
            f"<li>{_e(item.label)} {_cites([item.code])} — you: {rating} ({_e(RATINGS[rating])})</li>"
            for item, rating in area.gaps
        )
        todo = "".join(f"<li>{_e(action.text)} {_cites(action.cites)}</li>" for action in area.actions)
        parts.append(
            f'<div class="coach-gap" data-area="{_e(area.area.code)}"><p class="coach-gap-head">'
            f'<span class="coach-code">{_e(area.area.code)}</span> <b>{_e(area.area.name)}</b> · '
            f"{_e(area.why)} · {area.coverage:.0%} covered</p><ul>{gaps}</ul>"
            f'<p class="coach-gap-todo">Suggested actions</p><ol>{todo}</ol></div>'
        )
    parts.append(f"<h4>Coverage per area</h4>{coverage_html(plan)}")
    return f'<div class="coach-plan">{"".join(parts)}</div>'


def _job_html(plan: Plan) -> str:
    if not plan.job:
        return "<p>Nothing: the two job descriptions are the same.</p>"
    sections = []
    for kind, heading in JOB_HEADINGS.items():
        found = [change for change in plan.job if change.kind == kind]
        if not found:
            continue
        items = "".join(
            f"<li>{_e(change.text)} {_cites(change.cites)}"
            + (f'<br><span class="coach-was">today: {_e(change.was)}</span>' if change.was else "")
            + "</li>"
            for change in found
        )
        sections.append(f'<p class="coach-job-head">{_e(heading)}</p><ul class="coach-job">{items}</ul>')
    return "".join(sections)


def coverage_html(plan: Plan) -> str:
    """Share of each area's target-level competencies rated 2 or 3, as bars (darkest: the target role's
    primary areas)."""
    rows = []
    for area in plan.areas:
        share = round(area.coverage * 100)
        rows.append(
            f'<div class="coach-bar-row"><span class="coach-bar-label"><span class="coach-code">'
            f'{_e(area.area.code)}</span> {_e(area.area.name)}</span><span class="coach-bar" role="img" '
            f'aria-label="{share}% covered"><span class="coach-bar-fill coach-rank-{area.rank}" '
            f'style="width:{share}%"></span></span><span class="coach-bar-value">{share}%</span></div>'
        )
    return f'<div class="coach-bars">{"".join(rows)}</div>'


RATINGS_JS = """
const areaStats = () => element.querySelectorAll('.coach-rate-area').forEach(area => {
  const low = [...area.querySelectorAll('input[type=radio]:checked')].filter(i => Number(i.value) < 2).length;
  const shown = area.querySelector('.coach-gap-count'); if (shown) shown.textContent = low;
});
const send = () => {
  const ratings = {};
  element.querySelectorAll('fieldset.coach-rate-item[data-user="1"]').forEach(f => {
    const checked = f.querySelector('input:checked'); if (checked) ratings[f.dataset.code] = Number(checked.value);
  });
  areaStats();
  trigger('input', {ratings});
};
element.addEventListener('change', event => {
  const item = event.target.closest('fieldset.coach-rate-item'); if (!item) return;
  item.dataset.user = '1'; send();
});
element.addEventListener('click', event => {
  const button = event.target.closest('button.coach-bulk'); if (!button) return;
  event.preventDefault(); event.stopPropagation();
  button.closest('.coach-rate-area').querySelectorAll('fieldset.coach-rate-item').forEach(item => {
    const input = item.querySelector(`input[value="${button.dataset.value}"]`);
    if (input) { input.checked = true; item.dataset.user = '1'; }
  });
  send();
});
"""
