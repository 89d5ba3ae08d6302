"""Readable names of the history events of hand-kept organisations."""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "organisation.registered": _("Organisation registered"),
    "organisation.changed": _("Organisation changed"),
}
