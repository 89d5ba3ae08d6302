"""Translations of the annual report's money checks (kompetansemidler.rules.reporting).

Each English template here is the same text the rule declares;
``kompetansemidler.schemes.messages.finding_text`` collects these and shows the
translated one with the finding's parameters filled in.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "USED_MORE_THAN_PAID": _(
        "The money used (%(used)s kroner) is more than the %(paid)s kroner paid."
    ),
    "SPLIT_DOES_NOT_ADD_UP": _("Money used and unused must add up to the %(paid)s kroner paid."),
    "CO_FINANCING_NOT_DOCUMENTED": _(
        "The own financing documented (%(documented)s kroner) is less than the %(required)s "
        "kroner the decision requires."
    ),
}
