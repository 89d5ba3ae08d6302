"""Inviting users, granting and revoking roles. Each checks the policy and
writes a history event in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kompetansemidler.core.workflow import Transition, Workflow, locked
from kompetansemidler.history.services import event_record
from kompetansemidler.registry.models import OWNER_KINDS, OrganisationKind

from .models import ROLE_SCOPE, Representation, Role, RoleGrant, User
from .permissions import can_administer_roles, can_grant, can_revoke
from .policy import caseworker_office_ids, ensure, is_national_admin
from .scopes import office_of_scope, role_accepts_scope, scope_field_for
from .separation import check_role_grant, lock_user

ERROR_EMAIL_TAKEN = _("A user with this e-mail address already exists.")
ERROR_OFFICE_REQUIRED = _("Choose the office the user belongs to.")
ERROR_SCOPE_MISMATCH = _("For the role %(role)s, choose a scope of the kind: %(kind)s.")
ERROR_NOT_OWNER = _("%(scope)s is not a kindergarten or school owner.")
ERROR_NOT_UH = _("%(scope)s is not a university or university college.")
ERROR_REPRESENTATION_REQUIRED = _("A forum member must represent someone: choose whom.")
ERROR_REPRESENTATION_ONLY_FORUM = _("Only forum members have a representation.")
ERROR_ALREADY_GRANTED = _("%(user)s already has this role for %(scope)s.")
ERROR_NOT_ACTIVE = _("This role has already been revoked.")

# Keyed like ROLE_SCOPE, where None is a role without scope (no label).
SCOPE_KIND_LABELS: dict[str | None, Promise] = {
    "office": _("state administrator office"),
    "forum": _("collaboration forum"),
    "network": _("competence network"),
    "organisation": _("organisation"),
    "unit": _("kindergarten or school"),
}

ACTIVE, REVOKED = "active", "revoked"


def grant_state(grant: RoleGrant) -> str:
    return REVOKED if grant.revoked_at else ACTIVE


# The one transition table of a role grant. A grant has no state field: it is
# revoked once ``revoked_at`` is set, and it is kept (never deleted) after that.
GRANT_WORKFLOW = Workflow(
    refused=ERROR_NOT_ACTIVE,
    state=grant_state,
    labels={ACTIVE: _("active"), REVOKED: _("revoked")},
    transitions={"revoke": Transition((ACTIVE,), REVOKED, "role.revoked", _("revoked"))},
)


def describe_grant(grant: RoleGrant, *, active: bool) -> dict:
    """The grant as a history event records it, in words that stay readable."""
    return {
        "role": grant.role,
        "role_label": str(Role(grant.role).label),
        "scope": str(grant.scope) if grant.scope else "",
        "representation": grant.representation,
        "is_approver": grant.is_approver,
        "active": active,
    }


def _event_scope(scope) -> dict:
    office = office_of_scope(scope)
    organisation = None
    if scope is not None and scope_field_for(scope) == "organisation":
        organisation = scope
    elif scope is not None and scope_field_for(scope) == "unit":
        organisation = scope.owner
    return {"office": office, "organisation": organisation}


@transaction.atomic
def user_invite(*, actor, first_name: str, last_name: str, email: str, office=None) -> User:
    """Create an account without a password and without any role.

    The person logs in by ID-porten or Feide (matched on e-mail) or sets a
    password through the reset link. ``office`` is the inviting office; a
    caseworker with one office need not name it.
    """
    ensure(can_administer_roles(actor))
    email = email.strip()
    if User.objects.filter(email__iexact=email).exists():
        raise _field_error("email", ERROR_EMAIL_TAKEN, "email_taken")
    offices = caseworker_office_ids(actor)
    office_id: int | None
    if office is None and not is_national_admin(actor):
        if len(offices) != 1:
            raise _field_error("office", ERROR_OFFICE_REQUIRED, "office_required")
        office_id = next(iter(offices))
    else:
        office_id = office.pk if office else None
        if office_id is not None:
            ensure(can_grant(actor, Role.CASEWORKER, office))
    user = User(
        username=email.lower()[:150],
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        invited_by_office_id=office_id,
    )
    user.set_unusable_password()
    user.save()
    event_record(
        actor=actor,
        kind="user.invited",
        obj=user,
        summary=f"{user} ({email})",
        before=None,
        after={"name": str(user), "email": email},
        office=user.invited_by_office,
    )
    return user


def _field_error(field: str, message, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _validate_grant(user, role, scope, representation) -> None:
    field = scope_field_for(scope) if scope is not None else None
    if not role_accepts_scope(role, scope):
        kind = SCOPE_KIND_LABELS.get(ROLE_SCOPE[Role(role)], "")
        raise _field_error(
            "scope",
            ERROR_SCOPE_MISMATCH % {"role": Role(role).label, "kind": kind},
            "scope_mismatch",
        )
    if Role(role) == Role.OWNER_REPRESENTATIVE and scope.kind not in OWNER_KINDS:
        raise _field_error("scope", ERROR_NOT_OWNER % {"scope": scope}, "not_owner")
    if Role(role) == Role.UH_REPRESENTATIVE and scope.kind != OrganisationKind.UH:
        raise _field_error("scope", ERROR_NOT_UH % {"scope": scope}, "not_uh")
    if Role(role) == Role.FORUM_MEMBER and not representation:
        raise _field_error(
            "representation", ERROR_REPRESENTATION_REQUIRED, "representation_required"
        )
    if Role(role) != Role.FORUM_MEMBER and representation:
        raise _field_error(
            "representation", ERROR_REPRESENTATION_ONLY_FORUM, "representation_forum"
        )
    scope_filter = {field: scope} if field else {}
    if RoleGrant.objects.active().filter(user=user, role=role, **scope_filter).exists():
        raise ValidationError(
            ERROR_ALREADY_GRANTED % {"user": user, "scope": scope or Role(role).label},
            code="already_granted",
        )


@transaction.atomic
def role_grant(
    *,
    actor,
    user: User,
    role,
    scope=None,
    representation: str = "",
    is_approver: bool = False,
) -> RoleGrant:
    """Give ``user`` the ``role`` on ``scope`` (None for the national administrator).

    Refused (ValidationError) for a grant to oneself, for a grant that would put
    the person on both sides of a case in one office's area, and for a grant the
    person already holds. The checks run with the person's row locked, and a
    unique constraint on active grants stops a double submission that the lock
    cannot (two requests both inserting first).
    """
    ensure(can_grant(actor, role, scope))
    if representation:
        Representation(representation)
    user = lock_user(user)
    check_role_grant(actor=actor, user=user, role=role, scope=scope, representation=representation)
    _validate_grant(user, role, scope, representation)
    field = scope_field_for(scope) if scope is not None else None
    try:
        with transaction.atomic():
            grant = RoleGrant.objects.create(
                user=user,
                role=role,
                representation=representation,
                is_approver=bool(is_approver) and role == Role.CASEWORKER,
                granted_by=actor if actor.is_authenticated else None,
                **({field: scope} if field else {}),
            )
    except IntegrityError:
        raise ValidationError(
            ERROR_ALREADY_GRANTED % {"user": user, "scope": scope or Role(role).label},
            code="already_granted",
        ) from None
    event_record(
        actor=actor,
        kind="role.granted",
        obj=user,
        summary=f"{grant.get_role_display()}: {scope or ''}".rstrip(": "),
        before=describe_grant(grant, active=False),
        after=describe_grant(grant, active=True),
        **_event_scope(scope),
    )
    return grant


@transaction.atomic
def role_revoke(*, actor, grant: RoleGrant) -> RoleGrant:
    """End ``grant``; it is kept, with who revoked it and when. Refused
    (ServiceRefused) for a grant already revoked."""
    grant = locked(grant)
    ensure(can_revoke(actor, grant))
    transition = GRANT_WORKFLOW.check(grant, "revoke")
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    event_record(
        actor=actor,
        kind=transition.event,
        obj=grant.user,
        summary=f"{grant.get_role_display()}: {grant.scope or ''}".rstrip(": "),
        before=describe_grant(grant, active=True),
        after=describe_grant(grant, active=False),
        **_event_scope(grant.scope),
    )
    return grant
