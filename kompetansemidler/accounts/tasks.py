"""The role administration's panel on "Mine oppgaver", for caseworkers and Udir."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.tasks import TaskLink, TaskPanel

from .permissions import can_administer_roles
from .policy import is_national_admin
from .selectors import users_visible_to, without_active_role


def panels_for(user) -> list[TaskPanel]:
    if not can_administer_roles(user):
        return []
    without_role = without_active_role(users_visible_to(user)).count()
    if not without_role:
        # Inviting is always possible from the menu; a task is only someone waiting.
        return []
    return [
        TaskPanel(
            _("Users and roles"),
            (
                TaskLink(
                    _("Invited users without a role"),
                    reverse("accounts:user_list") + "?uten-rolle=1",
                    without_role,
                ),
                TaskLink(_("Invite a user"), reverse("accounts:user_create")),
            ),
            _("Grant roles to the people who work with the scheme.")
            if is_national_admin(user)
            else _("Grant roles to the people who work with the scheme in your office's counties."),
        )
    ]
