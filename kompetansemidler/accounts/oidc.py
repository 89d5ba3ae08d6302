"""OIDC login (ID-porten, Feide) for invited accounts only.

A person who logs in through OIDC is matched to an account a caseworker has
already created: first on the OIDC subject; else, when they came from a
one-time invitation link, to the invited account (whose subject is then
stored); else on the e-mail address, only when the provider says it is
verified (``email_verified`` exactly true) and only for an account not yet
linked to a subject. A stored subject is never replaced. No account is
created and no right is given by logging in: rights come only from role
grants.

The ID token's ``acr`` (the level of assurance) is kept on the user for the
login, so that the two-factor policy can accept a provider login that already
used two factors.
"""

from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .invitations import SESSION_KEY, invitation_use, open_invitation


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

    def _invitation_id(self):
        session = getattr(getattr(self, "request", None), "session", None)
        return session.get(SESSION_KEY) if session is not None else None

    def filter_users_by_claims(self, claims):
        subject = claims.get("sub", "")
        users = self.UserModel.objects.filter(is_active=True)
        if subject:
            by_subject = users.filter(oidc_subject=subject)
            if by_subject.exists():
                return by_subject
        invitation = open_invitation(self._invitation_id())
        if invitation is not None:
            return users.filter(pk=invitation.user_id, oidc_subject="")
        email = (claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is not True:
            return self.UserModel.objects.none()
        return users.filter(email__iexact=email, oidc_subject="")

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None:
            user.oidc_acr = payload.get("acr") or ""
        return user

    def create_user(self, claims):
        """Never: only invited users may log in."""
        return None

    def update_user(self, user, claims):
        """Bind the subject to an account that has none yet; None refuses the login."""
        subject = claims.get("sub", "")
        if user.oidc_subject:
            return user if user.oidc_subject == subject else None
        invitation = open_invitation(self._invitation_id())
        if invitation is not None and invitation.user_id == user.pk:
            bound = invitation_use(invitation_id=invitation.pk, subject=subject)
            if bound is not None:
                self.request.session.pop(SESSION_KEY, None)
            return bound
        # Matched on a verified e-mail: bind only if nobody bound it meanwhile.
        try:
            with transaction.atomic():
                bound = self.UserModel.objects.filter(pk=user.pk, oidc_subject="").update(
                    oidc_subject=subject
                )
        except IntegrityError:
            return None
        if not bound:
            return None
        user.oidc_subject = subject
        return user
