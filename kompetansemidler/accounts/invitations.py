"""One-time login links that bind an invited person's ID-porten or Feide subject.

ID-porten sends no e-mail address, and an address a provider has not verified
proves nothing, so an invited person is linked to their account through a link
a caseworker (or the national administrator) makes for them: they open it, log
in at the provider, and the subject the provider vouches for is stored on the
account. The link carries a token signed with the secret key and naming one
``Invitation`` row; it is void once used, once expired and once a newer link
is made for the same person.
"""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.history.services import event_record

from .models import Invitation, User
from .permissions import can_view_user
from .policy import ensure
from .separation import lock_user
from .services import user_invite

SALT = "kompetansemidler.accounts.invitation"
# The session remembers the link between opening it and coming back from the provider.
SESSION_KEY = "km_invitation"
VALID_FOR = timedelta(days=14)

ERROR_ALREADY_LINKED = _(
    "%(user)s is already linked to ID-porten or Feide; a login link is not needed."
)
ERROR_INACTIVE = _("%(user)s is deactivated and cannot be invited.")


@transaction.atomic
def invitation_create(*, actor, user: User) -> tuple[Invitation, str]:
    """Make a new login link for ``user``; earlier open links for them become void.

    Returns the invitation and the token for its link.
    """
    ensure(can_view_user(actor, user))
    user = lock_user(user)
    if user.oidc_subject:
        raise ValidationError(ERROR_ALREADY_LINKED % {"user": user}, code="already_linked")
    if not user.is_active:
        raise ValidationError(ERROR_INACTIVE % {"user": user}, code="inactive")
    now = timezone.now()
    Invitation.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    invitation = Invitation.objects.create(
        user=user,
        created_by=actor if actor.is_authenticated else None,
        expires_at=now + VALID_FOR,
    )
    event_record(
        actor=actor,
        kind="user.invitation_created",
        obj=user,
        summary=str(user),
        after={"expires_at": invitation.expires_at.isoformat()},
        office=user.invited_by_office,
    )
    return invitation, signing.dumps(invitation.pk, salt=SALT)


@transaction.atomic
def user_invite_with_link(
    *, actor, first_name: str, last_name: str, email: str, office=None
) -> tuple[User, Invitation, str]:
    """Invite a person (``user_invite``) and make their first login link, in one
    transaction: an account is never left behind without the link it was made for.

    Returns the user, the invitation and the token for its link.
    """
    user = user_invite(
        actor=actor, first_name=first_name, last_name=last_name, email=email, office=office
    )
    invitation, token = invitation_create(actor=actor, user=user)
    return user, invitation, token


def open_invitation(invitation_id) -> Invitation | None:
    """The invitation if it may still be used, else None."""
    if not isinstance(invitation_id, int):
        return None
    return (
        Invitation.objects.select_related("user")
        .filter(
            pk=invitation_id,
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
            user__oidc_subject="",
        )
        .first()
    )


def invitation_from_token(token: str) -> Invitation | None:
    """The open invitation a link's token names; None for a forged, expired or used link."""
    try:
        invitation_id = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.BadSignature:
        return None
    return open_invitation(invitation_id)


@transaction.atomic
def invitation_use(*, invitation_id: int, subject: str) -> User | None:
    """Bind ``subject`` to the invited user and void the link.

    None when the link is no longer open or the subject already belongs to
    another account; a stored subject is never replaced.
    """
    invitation = Invitation.objects.select_for_update().filter(pk=invitation_id).first()
    if invitation is None or open_invitation(invitation.pk) is None or not subject:
        return None
    try:
        with transaction.atomic():
            bound = User.objects.filter(pk=invitation.user_id, oidc_subject="").update(
                oidc_subject=subject
            )
    except IntegrityError:
        return None
    if not bound:
        return None
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    user = User.objects.get(pk=invitation.user_id)
    event_record(
        actor=user,
        kind="user.oidc_linked",
        obj=user,
        summary=str(user),
        after={"through": "invitation"},
        office=user.invited_by_office,
    )
    return user
