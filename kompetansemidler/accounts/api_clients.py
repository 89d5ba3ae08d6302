"""API clients: other systems' service accounts, their secrets and their tokens.

A national administrator, or a caseworker for a scope under her office,
registers a client with one role on one scope (an organisation, an office, or
none for Udir) and the scopes its tokens may carry. The client gets a user of
its own kind (``User.is_service_account``) holding that role through the one
role grant service, so every permission check treats it as a person with the
role, and the history names it as the actor.

It authenticates with OAuth2 client credentials (``api_token_issue``) and gets
a bearer token valid ``API_TOKEN_LIFETIME`` seconds. Secrets and tokens are
random 256-bit values stored only as SHA-256 hashes (a slow password hash adds
nothing to a value that cannot be guessed); the secret is shown once. Rotating
the secret or revoking the client ends every token it holds.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetansemidler.history.services import event_record

from .models import ApiClient, ApiScope, ApiToken, Role, User
from .permissions import can_grant
from .policy import Decision, deny, ensure
from .scopes import office_of_scope, scope_field_for
from .services import role_grant, role_revoke

# The roles a client may hold: an office's, an organisation's, or Udir's.
CLIENT_ROLES = (
    Role.OWNER_REPRESENTATIVE,
    Role.UH_REPRESENTATIVE,
    Role.CASEWORKER,
    Role.NATIONAL_ADMIN,
)
SECRET_PREFIX = "kmcs_"
TOKEN_PREFIX = "kmat_"

ERROR_ROLE = _("An API client acts for an organisation, an office or Udir: choose such a role.")
ERROR_NO_SCOPES = _("Choose at least one thing the client may do.")
ERROR_UNKNOWN_SCOPE = _("Unknown scope: %(scope)s.")
ERROR_CONSUMER = _("An organisation number has nine digits.")
ERROR_CONSUMER_TAKEN = _("Another active client already answers for this Maskinporten consumer.")
REASON_REVOKED = _("This API client has been revoked.")


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def token_lifetime() -> timedelta:
    return timedelta(seconds=settings.API_TOKEN_LIFETIME)


@dataclass(frozen=True)
class WithSecret:
    """A client and its new secret, which exists only here: show it once."""

    client: ApiClient
    secret: str


def can_manage_client(actor, client: ApiClient) -> Decision:
    if client.revoked_at:
        return deny(REASON_REVOKED)
    return can_grant(actor, client.grant.role, client.grant.scope)


def _clean_scopes(scopes) -> list[str]:
    cleaned = list(dict.fromkeys(str(s) for s in scopes))
    if not cleaned:
        raise ValidationError({"scopes": ValidationError(ERROR_NO_SCOPES, code="no_scopes")})
    for scope in cleaned:
        if scope not in ApiScope.values:
            raise ValidationError(
                {"scopes": ValidationError(ERROR_UNKNOWN_SCOPE % {"scope": scope}, code="scope")}
            )
    return [s for s in ApiScope.values if s in cleaned]


def _clean_consumer(number: str) -> str:
    number = (number or "").replace(" ", "")
    if number and not (len(number) == 9 and number.isascii() and number.isdigit()):
        raise ValidationError(
            {"maskinporten_consumer": ValidationError(ERROR_CONSUMER, code="consumer")}
        )
    if (
        number
        and ApiClient.objects.filter(maskinporten_consumer=number, revoked_at__isnull=True).exists()
    ):
        raise ValidationError(
            {"maskinporten_consumer": ValidationError(ERROR_CONSUMER_TAKEN, code="consumer_taken")}
        )
    return number


def _event_scope(scope) -> dict:
    is_organisation = scope is not None and scope_field_for(scope) == "organisation"
    return {
        "office": office_of_scope(scope),
        "organisation": scope if is_organisation else None,
    }


def _describe(client: ApiClient) -> dict:
    return {
        "client_id": client.client_id,
        "role": client.grant.role,
        "scope": str(client.grant.scope or ""),
        "scopes": client.scopes,
        "maskinporten_consumer": client.maskinporten_consumer,
    }


@transaction.atomic
def api_client_register(
    *, actor, name: str, role, scope, scopes, maskinporten_consumer: str = ""
) -> WithSecret:
    """Register a client acting with ``role`` on ``scope``; its secret is returned once.

    Refused (PermissionDenied) where ``actor`` may not grant the role on the
    scope, and (ValidationError) for a role no client may hold, no scopes, or
    a Maskinporten consumer another active client answers for.
    """
    ensure(can_grant(actor, role, scope))
    if Role(role) not in CLIENT_ROLES:
        raise ValidationError({"role": ValidationError(ERROR_ROLE, code="role")})
    scopes = _clean_scopes(scopes)
    consumer = _clean_consumer(maskinporten_consumer)
    client_id = f"km-{secrets.token_hex(8)}"
    user = User(username=f"api-{client_id}", first_name=name.strip()[:150], is_service_account=True)
    user.set_unusable_password()
    user.save()
    grant = role_grant(actor=actor, user=user, role=role, scope=scope)
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        name=name.strip()[:120],
        client_id=client_id,
        user=user,
        grant=grant,
        scopes=scopes,
        secret_hash=digest(secret),
        secret_set_at=timezone.now(),
        maskinporten_consumer=consumer,
        created_by=actor,
    )
    event_record(
        actor=actor,
        kind="api_client.registered",
        obj=client,
        summary=client.name,
        after=_describe(client),
        **_event_scope(scope),
    )
    return WithSecret(client, secret)


@transaction.atomic
def api_client_rotate_secret(*, actor, client: ApiClient) -> WithSecret:
    """A new secret for ``client``; the old one and every token issued stop working."""
    client = ApiClient.objects.select_for_update().select_related("grant").get(pk=client.pk)
    ensure(can_manage_client(actor, client))
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    client.secret_hash = digest(secret)
    client.secret_set_at = timezone.now()
    client.save(update_fields=["secret_hash", "secret_set_at"])
    client.tokens.all().delete()
    event_record(
        actor=actor,
        kind="api_client.secret_rotated",
        obj=client,
        summary=client.name,
        **_event_scope(client.grant.scope),
    )
    return WithSecret(client, secret)


@transaction.atomic
def api_client_revoke(*, actor, client: ApiClient) -> ApiClient:
    """End ``client`` for good: its role is revoked, its account and tokens stop working."""
    client = ApiClient.objects.select_for_update().select_related("grant").get(pk=client.pk)
    ensure(can_manage_client(actor, client))
    role_revoke(actor=actor, grant=client.grant)
    client.revoked_at = timezone.now()
    client.revoked_by = actor
    client.save(update_fields=["revoked_at", "revoked_by"])
    User.objects.filter(pk=client.user_id).update(is_active=False)
    client.tokens.all().delete()
    event_record(
        actor=actor,
        kind="api_client.revoked",
        obj=client,
        summary=client.name,
        before=_describe(client),
        **_event_scope(client.grant.scope),
    )
    return client


# Tokens ---------------------------------------------------------------------


class InvalidClient(Exception):
    """Unknown client id, wrong secret, or a revoked client (OAuth2 ``invalid_client``)."""


class InvalidScope(Exception):
    """A scope asked for that the client may not use (OAuth2 ``invalid_scope``)."""


@dataclass(frozen=True)
class IssuedToken:
    token: str
    scopes: list[str]
    expires_in: int


def client_authenticate(client_id: str, secret: str) -> ApiClient:
    """The active client with this id and secret; InvalidClient otherwise.

    The comparison takes the same time whether or not the id exists.
    """
    client = (
        ApiClient.objects.select_related("user", "grant")
        .filter(client_id=client_id, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    expected = client.secret_hash if client else digest("")
    if not hmac.compare_digest(expected, digest(secret)) or client is None:
        raise InvalidClient
    return client


def api_token_issue(*, client: ApiClient, requested: str = "", now=None) -> IssuedToken:
    """A bearer token for ``client`` with the scopes asked for (space-separated;
    empty: every scope the client has). InvalidScope for one it does not have."""
    scopes = requested.split() if requested.strip() else list(client.scopes)
    if not scopes or any(s not in client.scopes for s in scopes):
        raise InvalidScope
    now = now or timezone.now()
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.filter(client=client, expires_at__lt=now).delete()
    ApiToken.objects.create(
        client=client,
        token_hash=digest(token),
        scopes=scopes,
        expires_at=now + token_lifetime(),
    )
    return IssuedToken(token, scopes, int(token_lifetime().total_seconds()))


@dataclass(frozen=True)
class Principal:
    """Who a bearer token speaks for: the client's user, and what it may use the token for."""

    client: ApiClient
    user: User
    scopes: frozenset[str]


def principal_for_token(token: str, *, now=None) -> Principal | None:
    """The client an unexpired token of ours belongs to; None for any other token."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = (
        ApiToken.objects.select_related("client__user")
        .filter(
            token_hash=digest(token),
            expires_at__gt=now or timezone.now(),
            client__revoked_at__isnull=True,
            client__user__is_active=True,
        )
        .first()
    )
    if row is None:
        return None
    return Principal(row.client, row.client.user, frozenset(row.scopes))
