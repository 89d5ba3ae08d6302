"""History sentences of decisions, letters, payments, appeals and unused funds.

Each kind reads as one sentence, ``%(actor)s`` the one who acted (or "the
system"); the history renders it in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "decision.drafted": _("%(actor)s drafted the decision"),
    "decision.updated": _("%(actor)s changed the draft decision"),
    "decision.issued": _("%(actor)s approved and issued the decision"),
    "decision.changed": _("%(actor)s changed the decision after an appeal"),
    "decision.letter_sent": _("%(actor)s sent the grant letter"),
    "decision.payment_registered": _("%(actor)s registered a payment"),
    "decision.appeal_registered": _("%(actor)s registered an appeal"),
    "decision.appeal_decided": _("%(actor)s recorded the outcome of an appeal"),
    "decision.unused_funds_decided": _("%(actor)s decided on unused funds"),
}
