"""History sentences of users, their roles and their second factor.

Each kind reads as one sentence, ``%(actor)s`` the one who acted (or "the
system"); the history renders it in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "user.invited": _("%(actor)s invited the user"),
    "user.invitation_created": _("%(actor)s made a one-time login link"),
    "user.oidc_linked": _("%(actor)s linked the login to ID-porten"),
    "role.granted": _("%(actor)s granted a role"),
    "role.revoked": _("%(actor)s revoked a role"),
    "two_factor.enrolled": _("%(actor)s set up two-factor login"),
    "two_factor.recovery_code_used": _("%(actor)s logged in with a recovery code"),
    "two_factor.recovery_codes_regenerated": _("%(actor)s made new recovery codes"),
    "two_factor.removed": _("%(actor)s removed two-factor login"),
    "two_factor.reset": _("%(actor)s reset the user's two-factor login"),
    "api_client.registered": _("%(actor)s registered the API client"),
    "api_client.secret_rotated": _("%(actor)s replaced the API client's secret"),
    "api_client.revoked": _("%(actor)s revoked the API client"),
}
