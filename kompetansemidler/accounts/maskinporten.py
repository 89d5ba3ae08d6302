"""Maskinporten access tokens accepted as bearer tokens, when configured.

A system that holds a Maskinporten client gets an access token from
Maskinporten (the JWT bearer grant, signed with its own certificate or key)
for our scopes, and sends that token to the API. We check it as a resource
server: signed by a key in Maskinporten's JWKS, issued by the configured
issuer, not expired, for our audience when one is configured. The
organisation number in its ``consumer`` claim (``0192:<orgnr>``) names the
registered client it acts as (``ApiClient.maskinporten_consumer``); the
scopes it carries, less the configured prefix, are limited to the client's.

Settings (all from the environment; an empty issuer leaves it off):
``MASKINPORTEN_ISSUER``, ``MASKINPORTEN_JWKS_URL``, ``MASKINPORTEN_AUDIENCE``,
``MASKINPORTEN_SCOPE_PREFIX`` (default ``udir:kompetansemidler/``).
"""

import logging
from functools import cache

import jwt
from django.conf import settings

from .api_clients import Principal
from .models import ApiClient

logger = logging.getLogger(__name__)

ALGORITHMS = ["RS256", "RS384", "RS512", "PS256"]
CONSUMER_AUTHORITY = "iso6523-actorid-upis"
# The ISO 6523 code of Norwegian organisation numbers.
ORGNR_ICD = "0192"


def enabled() -> bool:
    return bool(settings.MASKINPORTEN_ISSUER and settings.MASKINPORTEN_JWKS_URL)


@cache
def _keys(url: str) -> jwt.PyJWKClient:
    # Keys are cached, and fetched again when a token names an unknown kid.
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=3600, timeout=10)


def looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2


def _consumer_number(claims: dict) -> str | None:
    consumer = claims.get("consumer")
    if not isinstance(consumer, dict) or consumer.get("authority") != CONSUMER_AUTHORITY:
        return None
    icd, _sep, number = str(consumer.get("ID", "")).partition(":")
    if icd != ORGNR_ICD or len(number) != 9 or not number.isdigit():
        return None
    return number


def principal_for_jwt(token: str) -> Principal | None:
    """The client a valid Maskinporten token acts as; None when it is not valid,
    Maskinporten is not configured, or no active client answers for its consumer."""
    if not enabled():
        return None
    audience = settings.MASKINPORTEN_AUDIENCE or None
    try:
        key = _keys(settings.MASKINPORTEN_JWKS_URL).get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            key.key,
            algorithms=ALGORITHMS,
            issuer=settings.MASKINPORTEN_ISSUER,
            audience=audience,
            options={"require": ["exp", "iat", "iss"], "verify_aud": audience is not None},
            leeway=10,
        )
    except (jwt.PyJWTError, OSError) as error:
        logger.info("Maskinporten token refused: %s", error)
        return None
    number = _consumer_number(claims)
    if number is None:
        return None
    client = (
        ApiClient.objects.select_related("user")
        .filter(maskinporten_consumer=number, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if client is None:
        return None
    prefix = settings.MASKINPORTEN_SCOPE_PREFIX
    carried = {
        s.removeprefix(prefix) for s in str(claims.get("scope", "")).split() if s.startswith(prefix)
    }
    return Principal(client, client.user, frozenset(carried & set(client.scopes)))
