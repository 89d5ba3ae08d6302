"""Separation of duties: nobody grants themselves a role, and nobody sits on both
sides of a case in the same office's area.

A caseworker decides the cases of an office. An owner representative writes
the needs reports, a network coordinator the network's, and a voting forum
member ranks them: a person who held both a caseworker role and one of those
roles under the same office could write a report and decide it. The role
grant service and the forum membership service both ask here, with the
person's row locked, so two grants submitted at the same time cannot slip
past each other.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.workflow import locked

from .models import Representation, Role, RoleGrant, User
from .scopes import grants_under_offices, office_of_scope

ERROR_SELF_GRANT = _(
    "Nobody may give themselves a role or a seat: ask another caseworker at your office "
    "or the national administrator."
)
ERROR_CASEWORKER_ALSO_PARTY = _(
    "%(user)s is a caseworker at %(office)s and cannot also be %(role)s for %(scope)s, "
    "which lies in the same office's area: they would decide cases they take part in."
)
ERROR_PARTY_ALSO_CASEWORKER = _(
    "%(user)s is %(role)s for %(scope)s, which lies in %(office)s's area, and cannot also be "
    "a caseworker there: they would decide cases they take part in."
)
ERROR_CASEWORKER_VOTES = _(
    "%(user)s is a caseworker at %(office)s, the forum's office, and cannot have a vote in "
    "the forum. Add them as secretariat, without a vote."
)

# The roles on the other side of a case from the office's caseworkers. A forum
# member counts only with a vote: the secretariat never votes.
PARTY_ROLES = (Role.OWNER_REPRESENTATIVE, Role.NETWORK_COORDINATOR, Role.FORUM_MEMBER)


def is_party_role(role, representation: str = "") -> bool:
    return Role(role) in PARTY_ROLES and not (
        Role(role) == Role.FORUM_MEMBER and representation == Representation.SECRETARIAT
    )


def lock_user(user: User) -> User:
    """Lock the person's row until the transaction ends; grants to them queue here."""
    return locked(user)


def check_role_grant(*, actor, user: User, role, scope, representation: str = "") -> None:
    """Raise ValidationError if granting ``role`` on ``scope`` to ``user`` breaks
    separation of duties. Call inside the transaction, after ``lock_user``."""
    if getattr(actor, "pk", None) == user.pk:
        raise ValidationError(ERROR_SELF_GRANT, code="self_grant")
    active = RoleGrant.objects.active().filter(user=user)
    if is_party_role(role, representation):
        office = office_of_scope(scope)
        if office is not None and active.filter(role=Role.CASEWORKER, office=office).exists():
            raise ValidationError(
                ERROR_CASEWORKER_ALSO_PARTY
                % {"user": user, "office": office, "role": Role(role).label, "scope": scope},
                code="caseworker_also_party",
            )
    if Role(role) == Role.CASEWORKER:
        parties = (
            active.filter(role__in=PARTY_ROLES)
            .exclude(role=Role.FORUM_MEMBER, representation=Representation.SECRETARIAT)
            .filter(grants_under_offices([scope.pk]))
            .select_related("organisation", "forum", "network")
        )
        party = parties.first()
        seat = _voting_seat_under(user, scope) if party is None else None
        if seat is not None:
            raise ValidationError(
                ERROR_PARTY_ALSO_CASEWORKER
                % {
                    "user": user,
                    "role": Role.FORUM_MEMBER.label,
                    "scope": seat.forum,
                    "office": scope,
                },
                code="party_also_caseworker",
            )
        if party is not None:
            raise ValidationError(
                ERROR_PARTY_ALSO_CASEWORKER
                % {
                    "user": user,
                    "role": party.get_role_display(),
                    "scope": party.scope,
                    "office": scope,
                },
                code="party_also_caseworker",
            )


def _voting_seat_under(user: User, office):
    """A current voting seat of ``user`` in a forum of ``office``, if any.

    Read through the reverse relation of the forum's member records, so that
    accounts does not import the forums app (which depends on accounts).
    """
    today = timezone.localdate()
    return (
        user.forum_memberships.filter(
            votes=True, ended_by__isnull=True, forum__office=office, period_from__lte=today
        )
        .filter(Q(period_to__isnull=True) | Q(period_to__gte=today))
        .select_related("forum")
        .first()
    )


def check_forum_seat(*, actor, user: User | None, forum, votes: bool) -> None:
    """Raise ValidationError (keyed ``user``) if ``user`` may not take this seat:
    nobody seats themselves, and a caseworker of the forum's office never votes."""
    if user is None:
        return
    if getattr(actor, "pk", None) == user.pk:
        raise ValidationError({"user": ValidationError(ERROR_SELF_GRANT, code="self_grant")})
    if (
        votes
        and RoleGrant.objects.active()
        .filter(user=user, role=Role.CASEWORKER, office_id=forum.office_id)
        .exists()
    ):
        raise ValidationError(
            {
                "user": ValidationError(
                    ERROR_CASEWORKER_VOTES % {"user": user, "office": forum.office},
                    code="caseworker_votes",
                )
            }
        )
