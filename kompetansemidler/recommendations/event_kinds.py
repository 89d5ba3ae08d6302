"""History sentences of the forum's recommendations.

Each kind reads as one sentence, ``%(actor)s`` the one who acted (or "the
system"); the history renders it in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "recommendation.created": _("%(actor)s started the recommendation"),
    "recommendation.copied": _("%(actor)s copied the scenario from another version"),
    "recommendation.changed": _("%(actor)s changed the recommendation"),
    "recommendation.adopted": _("%(actor)s recorded that the forum adopted the recommendation"),
    "recommendation.sent": _("%(actor)s sent the recommendation to the state administrator"),
    "recommendation.supplement_started": _("%(actor)s started a supplementary recommendation"),
}
