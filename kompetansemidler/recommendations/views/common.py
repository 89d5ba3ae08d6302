"""Helpers the recommendation views share: scoped lookups and the editor's line forms."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kompetansemidler.forums.selectors import long_term_plan_current

from ..facts import by_line, check, shown
from ..forms import LineForm, LockForm, line_initial
from ..models import Recommendation
from ..selectors import lines_for, recommendations_visible_to

REASON_NOT_VISIBLE = _(
    "This recommendation belongs to another forum or office than the ones your roles cover."
)


def visible_or_403(user, pk) -> Recommendation:
    recommendation = recommendations_visible_to(user).filter(pk=pk).first()
    if recommendation is None:
        if Recommendation.objects.filter(pk=pk).exists():
            raise PermissionDenied(REASON_NOT_VISIBLE)
        raise Http404
    return recommendation


def priority_choices(recommendation) -> list[tuple[str, str]]:
    plan = long_term_plan_current(recommendation.forum)
    if plan is None:
        return []
    return [(str(p.pk), f"{p.code} {p.text[:60]}") for p in plan.priorities.all()]


def line_forms(recommendation, lines, data=None) -> list[tuple]:
    """(line, form) for every line; one query for the priorities, none per line."""
    priorities = priority_choices(recommendation)
    co_financing = recommendation.round.rule_set.params.co_financing_share is not None
    return [
        (line, LineForm(data, prefix=f"l{line.pk}", initial=line_initial(line),
                        priorities=priorities, co_financing=co_financing))
        for line in lines
    ]


TYPED_FACTS = {"amount_year1": "amount", "co_financing": "co_financing",
               "is_coordinator": "is_coordinator", "coordinator_decision": "coordinator_decision"}


def typed_changes(pairs) -> tuple[dict, dict]:
    """From the posted line forms: the rules' view of what was typed (line id → Line
    fields) and the model values of every valid field (line id → values)."""
    facts, values = {}, {}
    for line, form in pairs:
        form.is_valid()
        line_values = form.values()
        values[line.pk] = line_values
        facts[line.pk] = {TYPED_FACTS[k]: v for k, v in line_values.items() if k in TYPED_FACTS}
    return facts, values


def editor_context(recommendation, pairs, *, typed: bool) -> dict:
    """The totals, findings and per-line findings for the editor and its live check."""
    lines = [line for line, _form in pairs]
    if typed:
        facts, values = typed_changes(pairs)
        for line in lines:
            # Justifications as typed decide whether a warning is already answered.
            line.typed_justification = values[line.pk].get("justification", line.justification)
    else:
        facts = {}
        for line in lines:
            line.typed_justification = line.justification
    result = check(recommendation, lines, changes=facts)
    inputs = {str(line.pk) for line in lines}
    findings = shown(result.findings, inputs=inputs)
    justified = {str(line.pk) for line in lines if line.typed_justification.strip()}
    open_warnings = [f for f in findings if not f.is_error and f.line_id not in justified]
    form_errors = []
    for line, form in pairs:
        if form.is_bound:
            for field in form:
                form_errors.extend((field.auto_id, f"{line.rank}. {line.title} – {field.label}: "
                                    f"{error}") for error in field.errors)
    return {
        "check": result, "findings": findings, "line_findings": by_line(findings),
        "open_warnings": open_warnings, "form_errors": form_errors,
        "ready": not result.errors and not open_warnings and not form_errors,
        "pairs": pairs,
    }


def editor_pairs(recommendation, data=None):
    lines = list(lines_for(recommendation))
    return line_forms(recommendation, lines, data), LockForm(
        data, initial={"lock_version": recommendation.lock_version})
