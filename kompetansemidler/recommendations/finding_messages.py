"""Translations of the recommendation rules' findings
(kompetansemidler.rules.recommendation).

Each English template here is the same text the rule declares;
``kompetansemidler.schemes.messages.finding_text`` collects these and shows the
translated one with the finding's parameters filled in.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "LEFT_OVER_EXCEEDED": _(
        "The supplementary recommendation's total of %(total)s kroner is %(excess)s kroner more "
        "than the %(available)s kroner still available (the allocation of %(frame)s kroner less "
        "%(set_aside)s kroner set aside, %(committed)s kroner committed and %(decided)s kroner "
        "already decided)."
    ),
    "REC_UNKNOWN_RECIPIENT_KIND": _(
        "“%(kind)s” is not a kind of recipient a recommendation can fund."
    ),
    "REC_NEGATIVE_AMOUNT": _(
        "The amount cannot be negative: give 0 kr to leave the line unfunded."
    ),
    "REC_NOT_WHOLE_KRONER": _("Give the amount in whole kroner, without øre."),
    "REC_UNKNOWN_CATEGORY": _(
        "“%(category)s” is not a category of this scheme: set the line to 0 kr or remove it."
    ),
    "REC_COORDINATOR_NOT_ALLOWED": _(
        "This scheme does not fund a coordinator function this year: untick the coordinator "
        "function, or set the line to 0 kr."
    ),
    "REC_COORDINATOR_NO_DECISION": _(
        "Coordinator funds need a recorded forum decision that anchors the coordinator "
        "function: enter its reference."
    ),
    "REC_PRO_RATA_OWNER": _(
        "An owner's amount must come from its assessed needs: a pro-rata split is allowed "
        "only between regions and networks, never between owners. Give the amount the owner's"
        " needs report asks for."
    ),
    "REC_C1_NO_NEEDS_REPORT": _(
        "The measure does not trace to a submitted needs report (criterion C1): set the line "
        "to 0 kr or remove it."
    ),
    "REC_C1_NO_STAFF_INVOLVEMENT": _(
        "The needs report behind the measure did not involve staff and leaders (criterion "
        "C1): ask the secretariat to return the report to its owner, or set the line to 0 kr."
    ),
    "REC_C1_NO_UH_DIALOGUE": _(
        "The needs report behind the measure had no dialogue with a university or university "
        "college (criterion C1): ask the secretariat to return the report to its owner, or "
        "set the line to 0 kr."
    ),
    "REC_C2_INDIVIDUAL": _(
        "Individual further education cannot be funded in this category; measures must "
        "develop the unit as a whole (criterion C2): set the line to 0 kr or remove it."
    ),
    "REC_C3_NO_PARTNER": _(
        "The measure has no university or university college as partner (criterion C3): ask "
        "the secretariat to return the report to its owner, or set the line to 0 kr."
    ),
    "REC_SAMI_NOT_ASSESSED": _(
        "Sámi perspectives have not been assessed for this measure: write a justification, or"
        " set the line to 0 kr."
    ),
    "REC_JUSTIFICATION_MISSING": _(
        "A warning needs a written justification before the recommendation can be adopted."
    ),
}
