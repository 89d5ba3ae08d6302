"""Helpers the recommendation views share: scoped lookups, and the editor's lines,
forms and check.

The editor shows one page of lines (``rows.EDITOR_PAGES``, in rank order) and
posts only that page's inputs; the totals and findings are always checked over
every line, the posted ones as typed and the others as saved.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from kompetansemidler.core.paging import Paging
from kompetansemidler.forums.selectors import long_term_plan_current

from ..facts import by_line, check_rows, shown
from ..forms import LineForm, LockForm, line_initial, priority_field_choices
from ..models import Recommendation
from ..rows import (
    EDITOR_PAGES,
    INPUTS,
    PriorityOptions,
    editor_labels,
    editor_row,
    saved_values,
    typed_values,
)
from ..selectors import LineRow, line_rows

# The inputs of line 12 are named l12-rank, l12-amount_year1 …
LINE_INPUT = re.compile(r"l(\d+)-")


def priority_choices(recommendation) -> list[tuple[str, str]]:
    plan = long_term_plan_current(recommendation.forum)
    if plan is None:
        return []
    return [(str(p.pk), f"{p.code} {p.text[:60]}") for p in plan.priorities.all()]


@dataclass
class Editing:
    """What one request of the editor works on."""

    recommendation: Recommendation
    # Every line as saved, in rank order: the check covers them all.
    rows: list[LineRow]
    # The lines this page shows: the ones posted, else the requested page's.
    page_rows: list[LineRow]
    # A bound form for each posted line that differs from what is saved, by line id.
    forms: dict[int, LineForm]
    lock: LockForm
    paging: Paging
    priorities: list[tuple[str, str]]


def posted_rows(rows: list[LineRow], data) -> list[LineRow]:
    """The lines the posted form has inputs for, in rank order (a line of another
    recommendation is not among ``rows``, so it is ignored)."""
    if data is None:
        return []
    ids = {int(match[1]) for key in data if (match := LINE_INPUT.match(key))}
    return [row for row in rows if row.pk in ids]


def asks_co_financing(recommendation) -> bool:
    """Whether the round's rule set asks owners to finance part of a measure themselves."""
    return recommendation.round.rule_set.params.co_financing_share is not None


def posted_as_saved(row: LineRow, data, *, co_financing: bool) -> bool:
    """Whether every input of the line was posted exactly as the editor shows it saved.
    Such a line needs no form: validating and saving it would change nothing, and the
    live check then validates only the lines the user touched."""
    saved = saved_values(row)
    for name in INPUTS:
        key = f"l{row.pk}-{name}"
        if name == "co_financing" and not co_financing:
            continue
        if name == "is_coordinator":
            # A ticked box posts "on"; an unticked one posts nothing.
            same = data.get(key) == "on" if saved[name] else key not in data
        else:
            same = data.get(key) == saved[name]
        if not same:
            return False
    return True


def editing(request, recommendation, data=None) -> Editing:
    rows = line_rows(recommendation)
    paging = EDITOR_PAGES.paginate(request, rows)
    posted = posted_rows(rows, data)
    priorities = priority_choices(recommendation)
    co_financing = asks_co_financing(recommendation)
    forms = {
        row.pk: LineForm(
            data,
            prefix=f"l{row.pk}",
            initial=line_initial(row),
            priorities=priorities,
            co_financing=co_financing,
        )
        for row in posted
        if not posted_as_saved(row, data, co_financing=co_financing)
    }
    return Editing(
        recommendation=recommendation,
        rows=rows,
        page_rows=posted or list(paging.rows),
        forms=forms,
        lock=LockForm(data, initial={"lock_version": recommendation.lock_version}),
        paging=paging,
        priorities=priorities,
    )


TYPED_FACTS = {
    "amount_year1": "amount",
    "co_financing": "co_financing",
    "is_coordinator": "is_coordinator",
    "coordinator_decision": "coordinator_decision",
}


def typed_changes(forms: dict[int, LineForm]) -> tuple[dict, dict]:
    """From the posted line forms: the rules' view of what was typed (line id → Line
    fields) and the model values of every valid field (line id → values)."""
    facts, values = {}, {}
    for pk, form in forms.items():
        form.is_valid()
        line_values = form.values()
        values[pk] = line_values
        facts[pk] = {TYPED_FACTS[k]: v for k, v in line_values.items() if k in TYPED_FACTS}
        later = [line_values.get(k) for k in ("amount_year2", "amount_year3")]
        if all(isinstance(amount, Decimal) for amount in later):
            # Whether the line is at 0 kr in every year, as typed.
            facts[pk]["later_amounts"] = sum(later, Decimal(0))
    return facts, values


def editor_check(state: Editing, *, typed: bool) -> dict:
    """The totals, findings and form errors for the editor and its live check: over
    every line, the posted ones as typed (``typed``) and the others as saved."""
    facts, values = typed_changes(state.forms) if typed else ({}, {})
    result = check_rows(state.recommendation, state.rows, changes=facts)
    here = {str(row.pk) for row in state.page_rows}
    elsewhere = {
        line_id: page
        for line_id, page in EDITOR_PAGES.of(state.rows).items()
        if line_id not in here
    }
    findings = shown(result.findings, inputs={str(row.pk) for row in state.rows}, pages=elsewhere)
    # Justifications as typed decide whether a warning is already answered.
    justified = {
        str(row.pk)
        for row in state.rows
        if values.get(row.pk, {}).get("justification", row.justification).strip()
    }
    open_warnings = [f for f in findings if not f.is_error and f.line_id not in justified]
    form_errors = []
    for row in state.page_rows:
        form = state.forms.get(row.pk)
        if form is None or not form.errors:
            continue
        for name, field in form.fields.items():
            form_errors.extend(
                (f"id_{form.prefix}-{name}", f"{row.rank}. {row.title} – {field.label}: {error}")
                for error in form.errors.get(name, ())
            )
    return {
        "check": result,
        "findings": findings,
        "line_findings": by_line(findings),
        "open_warnings": open_warnings,
        "form_errors": form_errors,
        "ready": not result.errors and not open_warnings and not form_errors,
    }


def editor_rows(state: Editing, line_findings: dict) -> list[dict]:
    """The page's lines as the editor prints them: as typed when posted, else as saved."""
    options = PriorityOptions(priority_field_choices(state.priorities))
    rows = []
    for row in state.page_rows:
        form = state.forms.get(row.pk)
        rows.append(
            editor_row(
                row,
                values=typed_values(form) if form is not None else saved_values(row),
                errors=form.errors if form is not None else None,
                findings=line_findings.get(str(row.pk), []),
                options=options,
            )
        )
    return rows


def input_labels() -> dict:
    """The label of each of a line's inputs, and the words each line repeats."""
    return editor_labels(LineForm.base_fields)
