"""History sentences of rule sets, allocations and funding rounds.

Each kind reads as one sentence, ``%(actor)s`` the one who acted (or "the
system"); the history renders it in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "rule_set.created": _("%(actor)s created the rule set"),
    "rule_set.changed": _("%(actor)s changed the rule set"),
    "allocation.entered": _("%(actor)s entered a change to the allocation"),
    "round.created": _("%(actor)s created the funding round"),
    "round.frame_changed": _("%(actor)s changed the frame with the allocation"),
    "round.set_aside_added": _("%(actor)s recorded a set-aside"),
    "round.set_aside_corrected": _("%(actor)s corrected a set-aside"),
    "round.set_aside_withdrawn": _("%(actor)s withdrew a set-aside"),
    "round.commitment_added": _("%(actor)s recorded a commitment from an earlier year"),
    "round.open_for_needs": _("%(actor)s opened the round for needs reports"),
    "round.start_prioritising": _("%(actor)s moved the round on to prioritising"),
    "round.start_deciding": _("%(actor)s moved the round on to decisions"),
    "round.start_implementing": _("%(actor)s moved the round on to implementation"),
    "round.start_reporting": _("%(actor)s moved the round on to reporting"),
    "round.close": _("%(actor)s closed the round"),
    "round.deadlines_corrected": _("%(actor)s corrected the round's deadlines"),
    "round.commitment_corrected": _("%(actor)s corrected a commitment"),
    "round.commitment_withdrawn": _("%(actor)s withdrew a commitment"),
}
