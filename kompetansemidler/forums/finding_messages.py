"""Translations of the forum's findings: its composition (kompetansemidler.rules.forum).

Each English template here is the same text the rule declares;
``kompetansemidler.schemes.messages.finding_text`` collects these and shows the
translated one with the finding's parameters filled in.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "FORUM_MISSING_PUBLIC_OWNER": _("No member represents the public owners."),
    "FORUM_MISSING_PRIVATE_OWNER": _("No member represents the private owners."),
    "FORUM_MISSING_UH": _(
        "No member represents a university or university college near the region."
    ),
    "FORUM_MISSING_KS": _("No member represents KS."),
    "FORUM_MISSING_PBL": _("No member represents PBL."),
    "FORUM_MISSING_UNION": _("No member represents the teachers' unions."),
    "FORUM_MISSING_KINDERGARTEN_AUTHORITY": _(
        "The forum covers Rekom, but no member represents a municipality as kindergarten authority."
    ),
    "FORUM_AUTHORITY_WITHOUT_MUNICIPALITY": _(
        "%(name)s represents the kindergarten authority but no municipality is given."
    ),
    "FORUM_OWNER_AND_AUTHORITY": _(
        "%(name)s represents the same municipality both as owner and as kindergarten authority."
    ),
    "FORUM_AUTHORITY_REPLACES_OWNER": _(
        "%(name)s represents the kindergarten authority, which does not replace the public "
        "owners' representation: the forum needs its own public owner member."
    ),
    "FORUM_MISSING_SECRETARIAT": _(
        "The state administrator has no member as the forum's secretariat."
    ),
    "FORUM_UH_NOT_NEAR": _(
        "No university or university college in or near the forum's region is represented "
        "(UH members: %(names)s). An institution is near when it is located or has a campus in "
        "one of the forum's counties: add a member from one, or record the institution's campus "
        "counties in the registry."
    ),
    "FORUM_SECRETARIAT_VOTES": _("%(name)s is the secretariat and must not have a vote."),
}
