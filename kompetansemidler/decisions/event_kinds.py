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
    "decision.appeal_carried_out": _("%(actor)s carried out Udir's outcome of the appeal"),
    "decision.appeal_changed": _("%(actor)s changed the decision on the appeal"),
    "decision.appeal_dismissed": _("%(actor)s dismissed the appeal"),
    "decision.appeal_sent_on": _(
        "%(actor)s sent the appeal on to Udir with the office's assessment"
    ),
    "decision.appeal_udir_decided": _("%(actor)s recorded Udir's outcome of the appeal"),
    "decision.appeal_upheld": _("%(actor)s upheld the decision on the request for reconsideration"),
    "decision.declined": _("%(actor)s recorded that the recipient declined the grant"),
    "decision.notice_sent": _("%(actor)s sent a letter about the appeal"),
    "decision.reversed": _(
        "%(actor)s changed the decision without an appeal (forvaltningsloven § 35)"
    ),
    "decision.payment_approved": _("%(actor)s approved a payment (anvisning)"),
    "decision.payment_confirmed": _("%(actor)s confirmed that a payment was paid out"),
    "decision.repayment_claimed": _("%(actor)s claimed a repayment"),
    "decision.repayment_received": _("%(actor)s registered that a repayment was received"),
}
