"""The lines as the editor and the recommendation page print them.

A row is a dict of ready-made values (a dict, because the template engine
tries a key lookup first), so the templates only print: no lookups through a
line's related objects, and no form widget per input. Django renders every
widget through its own template; with nine inputs a line that cost about 2 ms,
which made a 2,000-line editor take seconds. The editor's inputs are plain
markup in ``editor.html`` instead, with the names, ids and attributes the
line's ``LineForm`` expects, and its words are translated once per page.

A long recommendation is shown a page of lines at a time in rank order
(``EDITOR_PAGES``, ``READING_PAGES``); the totals and findings always cover
every line (see ``views.common``).
"""

from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kompetansemidler.core.paging import Paging, paginate

from .models import RecipientKind
from .templatetags.km_recommendations import kroner

# A line's inputs, in the editor's order (co_financing is shown only where the
# round's rule set asks for own financing).
INPUTS = (
    "rank",
    "amount_year1",
    "amount_year2",
    "amount_year3",
    "co_financing",
    "coordinator_decision",
    "priority",
    "is_coordinator",
    "justification",
)


@dataclass
class LinePages:
    """How the lines, in rank order, are cut into pages of ``size``."""

    size: int

    def paginate(self, request, rows) -> Paging:
        """The page of ``rows`` (every line) the request asks for."""
        return paginate(request, rows, self.size)

    def of(self, rows) -> dict[str, int]:
        """The page each line is on (by id as a string, as findings name lines)."""
        return {str(row.pk): index // self.size + 1 for index, row in enumerate(rows)}

    def last(self, count: int) -> int:
        """The number of the last page of ``count`` lines (1 for none)."""
        return max(count - 1, 0) // self.size + 1


# The editor posts every input of its page, up to nine a line, and Django refuses
# a request with more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields (1,000 by
# default): a page of 100 lines stays below it, renders in a few tens of
# milliseconds and keeps the live check on every keystroke short.
EDITOR_PAGES = LinePages(100)
# The recommendation page only reads: a county's recommendation at today's
# numbers (under 300 lines) reads on one page.
READING_PAGES = LinePages(300)


class PriorityOptions:
    """The ``<option>`` markup of the priority select, made once per selected value."""

    def __init__(self, choices: list[tuple[str, str]]):
        self.choices = [(value, str(label)) for value, label in choices]
        self.made: dict[str, SafeString] = {}

    def __call__(self, selected: str) -> SafeString:
        if selected not in self.made:
            self.made[selected] = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (value, mark_safe(" selected") if value == selected else "", label)
                    for value, label in self.choices
                ),
            )
        return self.made[selected]


NOTHING = SafeString()


def _number(value) -> SafeString:
    # Digits (and "l12") need no escaping; marked safe, the template does not try.
    return mark_safe(str(value))


def saved_values(row) -> dict:
    """The inputs' values for a line as saved, as the form widgets would show them."""
    return {
        "rank": _number(row.rank),
        "amount_year1": _number(row.amount_year1),
        "amount_year2": _number(row.amount_year2),
        "amount_year3": _number(row.amount_year3),
        "co_financing": _number(row.co_financing),
        "coordinator_decision": row.coordinator_decision,
        "priority": str(row.priority_id or ""),
        "is_coordinator": row.is_coordinator,
        "justification": row.justification,
    }


def typed_values(form) -> dict:
    """The inputs' values as posted (kept as typed, also when refused)."""
    values = {}
    for name in form.fields:
        value = form[name].value()
        if name == "is_coordinator":
            values[name] = bool(value)
        else:
            values[name] = "" if value is None else str(value)
    return values


def editor_row(row, *, values: dict, errors, findings, options: PriorityOptions) -> dict:
    """One line of the editor: its heading, its findings and each input's value, errors
    and ``aria`` attributes (``errors`` maps an input's name to its messages)."""
    prefix = _number(f"l{row.pk}")
    result = {
        "pk": row.pk,
        "p": prefix,
        "title": row.title,
        "recipient": row.recipient_label,
        "pro_rata_key": row.pro_rata_key,
        "category": row.category,
        "proposed": kroner(row.proposed) if row.measure_id else "",
        "joint": row.recipient_kind == RecipientKind.JOINT_MEASURE,
        "findings": findings,
    }
    for name in INPUTS:
        messages = errors.get(name, ()) if errors else ()
        result[name] = {
            "value": values.get(name, ""),
            "errors": messages,
            "invalid": format_html(
                ' aria-invalid="true" aria-describedby="id_{}-{}_error"', prefix, name
            )
            if messages
            else NOTHING,
        }
    result["priority"]["options"] = options(result["priority"]["value"])
    return result


def editor_labels(fields) -> dict[str, SafeString]:
    """The labels of a line's inputs (``fields`` by name) and the other words every line
    repeats, translated and escaped once per page rather than once per line."""
    labels = {name: str(field.label) for name, field in fields.items()}
    labels.update(
        {
            "category": _("Category"),
            "proposed": _("Proposed"),
            "joint": _("County-wide joint measure"),
            "pro_rata": _("pro-rata share"),
            "justification_note": _("needed for each warning on this line"),
            "split": _("Share between networks (pro rata)"),
            "remove": _("Remove the line"),
        }
    )
    return {key: conditional_escape(text) for key, text in labels.items()}


def page_rows(rows) -> list[dict]:
    """The lines of the recommendation page's table."""
    yes, no = _("Yes"), _("No")
    return [
        {
            "pk": row.pk,
            "rank": row.rank,
            "title": row.title,
            "recipient": row.recipient_label,
            "category": row.category,
            "year1": kroner(row.amount_year1),
            "year2": kroner(row.amount_year2),
            "year3": kroner(row.amount_year3),
            "priority": row.priority_code or "–",
            "coordinator": f"{yes} ({row.coordinator_decision})" if row.is_coordinator else no,
        }
        for row in rows
    ]
