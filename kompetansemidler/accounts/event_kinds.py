"""Readable names of the history events of users and their roles."""

from django.utils.translation import gettext_lazy as _

EVENT_KINDS = {
    "user.invited": _("User invited"),
    "role.granted": _("Role granted"),
    "role.revoked": _("Role revoked"),
    "api_client.registered": _("API client registered"),
    "api_client.secret_rotated": _("API client's secret replaced"),
    "api_client.revoked": _("API client revoked"),
}
