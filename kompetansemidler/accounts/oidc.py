"""OIDC login (ID-porten, Feide) for invited accounts only.

A person who logs in through OIDC is matched to an account a caseworker has
already created, first on the OIDC subject, then on the e-mail address (only
an account not yet linked to another subject, and only when the provider has
not said the address is unverified). No account is created and no right is
given by logging in: rights come only from role grants.
"""

from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class InvitedUserOIDCBackend(OIDCAuthenticationBackend):
    def verify_token(self, token, **kwargs):
        """The library checks signature, expiry and nonce; we also require that
        the ID token was issued to this client, so a token another service got
        from the same provider cannot log anyone in here."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued to another client.")
        return payload

    def verify_claims(self, claims):
        # ID-porten sends no e-mail; the subject is the one claim every
        # provider must send, and matching decides the rest.
        return bool(claims.get("sub"))

    def describe_user_by_claims(self, claims):
        return f"subject {claims.get('sub')!r}"

    def filter_users_by_claims(self, claims):
        subject = claims.get("sub", "")
        if subject:
            by_subject = self.UserModel.objects.filter(oidc_subject=subject, is_active=True)
            if by_subject.exists():
                return by_subject
        email = (claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True, oidc_subject="")

    def create_user(self, claims):
        """Never: only invited users may log in."""
        return None

    def update_user(self, user, claims):
        if not user.oidc_subject and claims.get("sub"):
            user.oidc_subject = claims["sub"]
            user.save(update_fields=["oidc_subject"])
        return user
