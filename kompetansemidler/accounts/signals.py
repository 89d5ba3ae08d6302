"""At every login, the session's second factor starts over.

A login keeps the session's data (Django only renews its key), so a second
factor passed earlier in the same session would otherwise carry over to a
new login. Whether the OIDC provider already asked for two factors comes
from this login's ID token (``acr``), kept on the user by the OIDC backend.
"""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django_otp import DEVICE_ID_SESSION_KEY

from .two_factor import ACR_SESSION_KEY, acr_gives_two_factors


@receiver(user_logged_in)
def start_second_factor_over(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if getattr(user, "otp_device", None) is None:
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[ACR_SESSION_KEY] = acr_gives_two_factors(getattr(user, "oidc_acr", ""))
