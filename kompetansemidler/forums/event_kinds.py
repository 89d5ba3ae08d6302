"""History sentences of forums, their members and their plans.

Each kind reads as one sentence, ``%(actor)s`` the one who acted (or "the
system"); the history renders it in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "forum.created": _("%(actor)s created the forum"),
    "forum.changed": _("%(actor)s changed the forum's name, counties or schemes"),
    "forum.member_added": _("%(actor)s added a member to the forum"),
    "forum.member_ended": _("%(actor)s ended a membership of the forum"),
    "forum.conflict_declared": _("%(actor)s declared a conflict of interest"),
    "forum.plan_version_saved": _("%(actor)s saved a version of the long-term plan"),
    "forum.schemes_changed": _("%(actor)s changed which schemes the forum handles"),
}
