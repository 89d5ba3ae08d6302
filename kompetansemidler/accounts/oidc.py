"""OIDC login (ID-porten, Feide) for invited accounts only.

A person who logs in through OIDC is matched to an account a caseworker has
already created, first on the OIDC subject, then on the e-mail address. No
account is created and no right is given by logging in.
"""

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class InvitedUserOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        subject = claims.get("sub", "")
        if subject:
            by_subject = self.UserModel.objects.filter(oidc_subject=subject, is_active=True)
            if by_subject.exists():
                return by_subject
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(
            email__iexact=email, is_active=True, oidc_subject=""
        )

    def create_user(self, claims):
        return None

    def update_user(self, user, claims):
        if not user.oidc_subject and claims.get("sub"):
            user.oidc_subject = claims["sub"]
            user.save(update_fields=["oidc_subject"])
        return user
