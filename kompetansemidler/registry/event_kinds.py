"""History sentences of the organisations kept by hand (outside the national registers).

Each kind reads as one sentence, ``%(actor)s`` the one who acted (or "the
system"); the history renders it in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "organisation.registered": _("%(actor)s registered the organisation"),
    "organisation.changed": _("%(actor)s changed the organisation"),
}
