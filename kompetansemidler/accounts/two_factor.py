"""Two-factor login: a TOTP authenticator with one-time recovery codes.

Who must give a second factor, and when:

- anyone with a confirmed authenticator, at every login;
- with ``REQUIRE_2FA_FOR_STAFF`` (on in production), every caseworker and
  national administrator: one without an authenticator sets one up before
  anything else;
- an OIDC login whose ID token's ``acr`` is a two-factor level
  (``idporten-loa-substantial`` or ``idporten-loa-high``) has already given
  it; any other OIDC login is asked like a password login.

A passed second factor lives in the session (django-otp keeps the device
there; a two-factor OIDC login sets ``ACR_SESSION_KEY``), so it ends with the
session. The TOTP device and the recovery codes are django-otp's own models;
the recovery codes are a ``StaticDevice`` whose tokens are deleted when used.
"""

import base64

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kompetansemidler.history.services import event_record

from .models import Role, User
from .permissions import can_view_user
from .policy import active_grants, ensure
from .separation import lock_user

STAFF_ROLES = frozenset({Role.CASEWORKER, Role.NATIONAL_ADMIN})
TWO_FACTOR_ACR = frozenset({"idporten-loa-substantial", "idporten-loa-high"})
ACR_SESSION_KEY = "km_two_factor_acr"
RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"

# What the policy asks of a logged-in user before anything else.
VERIFY, ENROL = "verify", "enrol"

ERROR_WRONG_CODE = _("The code is wrong or has expired. Type the six digits the app shows now.")
ERROR_WRONG_RECOVERY_CODE = _("The recovery code is wrong or has already been used.")
ERROR_THROTTLED = _(
    "Too many wrong codes in a row. Wait a little before you try again; each wrong code "
    "doubles the wait."
)


def has_staff_role(user) -> bool:
    """Caseworkers and the national administrator: the roles two-factor login guards."""
    return any(Role(grant.role) in STAFF_ROLES for grant in active_grants(user))


def confirmed_authenticator(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_given(request) -> bool:
    """Has this session passed a second factor (here, or at the OIDC provider)?"""
    user = request.user
    verified = getattr(user, "is_verified", None)
    return bool((verified and verified()) or request.session.get(ACR_SESSION_KEY))


def required_step(request) -> str | None:
    """``VERIFY``, ``ENROL`` or None: what the session must do before anything else."""
    user = request.user
    if not user.is_authenticated or second_factor_given(request):
        return None
    if is_enrolled(user):
        return VERIFY
    if settings.REQUIRE_2FA_FOR_STAFF and has_staff_role(user):
        return ENROL
    return None


def acr_gives_two_factors(acr: str) -> bool:
    return acr in TWO_FACTOR_ACR


def secret_as_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def authenticator_enrolment_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up for ``user`` (made on first call).

    Refused (ValueError) once the user has a confirmed one: replacing it takes
    a session that has passed the second factor (``authenticator_remove``).
    """
    lock_user(user)
    if is_enrolled(user):
        raise ValueError("Already enrolled.")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def authenticator_enrolment_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator with a code from the app; returns it and new recovery codes.

    Raises ValueError with a message (``ERROR_WRONG_CODE``, ``ERROR_THROTTLED``).
    """
    lock_user(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or is_enrolled(user):
        raise ValueError(ERROR_WRONG_CODE)
    _check_code(device, code)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    event_record(actor=user, kind="two_factor.enrolled", obj=user, summary=str(user))
    return device, codes


def _check_code(device, code: str) -> None:
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise ValueError(ERROR_THROTTLED)
    if not device.verify_token("".join(code.split())):
        raise ValueError(ERROR_WRONG_CODE)


def authenticator_verify(*, user: User, code: str) -> TOTPDevice:
    """The user's authenticator if ``code`` is right now; a used code is not accepted again.

    Raises ValueError with a message. Runs in its own transaction so that a
    wrong code's throttling count is kept even though the login is refused.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            raise ValueError(ERROR_WRONG_CODE)
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            raise ValueError(ERROR_THROTTLED)
        right = device.verify_token("".join(code.split()))
    if not right:
        raise ValueError(ERROR_WRONG_CODE)
    return device


def recovery_code_use(*, user: User, code: str) -> StaticDevice:
    """Accept one recovery code, once: it is deleted as it is used.

    Raises ValueError with a message. The token row is deleted under a lock, so
    two requests with the same code cannot both pass.
    """
    normalised = "".join(code.split()).lower()
    with transaction.atomic():
        device = (
            StaticDevice.objects.select_for_update()
            .filter(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
            .first()
        )
        if device is None or not is_enrolled(user):
            raise ValueError(ERROR_WRONG_RECOVERY_CODE)
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            raise ValueError(ERROR_THROTTLED)
        used = device.token_set.filter(token=normalised).delete()[0] if normalised else 0
        if used:
            device.throttle_reset(commit=False)
            device.set_last_used_timestamp(commit=False)
            device.save()
            event_record(
                actor=user,
                kind="two_factor.recovery_code_used",
                obj=user,
                summary=str(user),
                after={"left": device.token_set.count()},
            )
        else:
            device.throttle_increment(commit=True)
    if not used:
        raise ValueError(ERROR_WRONG_RECOVERY_CODE)
    return device


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(
        device__user=user, device__name=RECOVERY_DEVICE_NAME, device__confirmed=True
    ).count()


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """New recovery codes; the old ones stop working. Only for an enrolled user."""
    lock_user(user)
    if not is_enrolled(user):
        raise ValueError("Not enrolled.")
    codes = _new_recovery_codes(user)
    event_record(
        actor=user, kind="two_factor.recovery_codes_regenerated", obj=user, summary=str(user)
    )
    return codes


ERROR_RESET_SELF = _(
    "You cannot reset your own two-factor login: remove the authenticator under Two-factor "
    "login after logging in with it or a recovery code, or ask a colleague."
)


@transaction.atomic
def two_factor_reset(*, actor, user: User) -> None:
    """An administrator removes ``user``'s authenticator and recovery codes (lost
    phone and codes). Never one's own: that would let a stolen password do it."""
    ensure(can_view_user(actor, user))
    if actor.pk == user.pk:
        raise ValueError(ERROR_RESET_SELF)
    lock_user(user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    event_record(
        actor=actor,
        kind="two_factor.reset",
        obj=user,
        summary=str(user),
        office=user.invited_by_office,
    )


@transaction.atomic
def authenticator_remove(*, user: User) -> None:
    """Remove the authenticator and the recovery codes, to set up a new phone.

    The caller checks that the session has passed the second factor; a staff
    user under the policy is then sent to set up a new one at once.
    """
    lock_user(user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    event_record(actor=user, kind="two_factor.removed", obj=user, summary=str(user))
