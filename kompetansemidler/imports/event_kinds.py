"""History sentences of imports of the national registers.

Each kind reads as one sentence, ``%(actor)s`` the one who acted (or "the
system"); the history renders it in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "registry.import": _("%(actor)s imported a register file"),
}
