"""Remembers, at login, whether the OIDC provider already asked for two factors."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .two_factor import ACR_SESSION_KEY, acr_gives_two_factors


@receiver(user_logged_in)
def remember_two_factor_acr(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[ACR_SESSION_KEY] = acr_gives_two_factors(getattr(user, "oidc_acr", ""))
