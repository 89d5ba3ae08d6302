"""Putting an import's outcome into words: the lines of the command's output and
the rows of the report page, in the active language."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kompetansemidler.registry.models import Organisation, OrganisationKind, Unit

from .reasons import reason_text

COUNT_LABELS = {
    "records": gettext_lazy("Records in the file"),
    "units_created": gettext_lazy("Units created"),
    "units_changed": gettext_lazy("Units changed"),
    "units_deactivated": gettext_lazy("Units deactivated"),
    "owners_created": gettext_lazy("Owners created"),
    "owners_changed": gettext_lazy("Owners changed"),
    "rejected": gettext_lazy("Records rejected"),
    "ignored": gettext_lazy("Records ignored (neither unit nor owner)"),
}
LIST_KEYS = (
    "units_created",
    "units_changed",
    "units_deactivated",
    "owners_created",
    "owners_changed",
)
WHY_DEACTIVATED = {
    "absent": gettext_lazy("no longer in the file"),
    "inactive": gettext_lazy("marked inactive in the register"),
}


def field_label(name: str) -> str:
    """The field's name as the registry's forms call it."""
    for model in (Unit, Organisation):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name


def value_text(value) -> str:
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if value is None or value == "":
        return "–"
    return str(value)


def change_text(change: dict) -> str:
    return _("%(field)s: %(before)s → %(after)s") % {
        "field": field_label(change["field"]),
        "before": value_text(change["before"]),
        "after": value_text(change["after"]),
    }


def entry_detail(key: str, entry: dict) -> str:
    """The one line of detail the report shows for an entry of list ``key``."""
    if key == "units_created":
        return _("owner: %(owner)s") % {"owner": entry.get("owner", "")}
    if key == "owners_created":
        return str(OrganisationKind(entry["kind"]).label)
    if key == "units_deactivated":
        return str(WHY_DEACTIVATED.get(entry.get("why"), entry.get("why", "")))
    return "; ".join(change_text(change) for change in entry.get("fields", []))


def rejected_text(entry: dict) -> str:
    return " ".join(reason_text(item) for item in entry["reasons"])


def report_lines(counts: dict, report: dict, rejected: list, *, limit: int | None) -> list[str]:
    lines = [f"{COUNT_LABELS[key]}: {counts.get(key, 0)}" for key in COUNT_LABELS]
    for key in LIST_KEYS:
        entries = report.get(key, [])
        if not entries:
            continue
        lines.append("")
        lines.append(f"{COUNT_LABELS[key]}:")
        for entry in entries[:limit]:
            lines.append(
                f"  {entry['organisation_number']} {entry['name']} – {entry_detail(key, entry)}"
            )
        if limit is not None and len(entries) > limit:
            lines.append(
                "  "
                + _("… and %(count)s more (use -v 2 to list all)") % {"count": len(entries) - limit}
            )
    if rejected:
        lines.append("")
        lines.append(f"{COUNT_LABELS['rejected']}:")
        for entry in rejected:
            lines.append(
                f"  {entry['organisation_number'] or '?'} {entry['name'] or '?'} – "
                f"{rejected_text(entry)}"
            )
    return lines
