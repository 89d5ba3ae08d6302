"""Sends a session that still owes a second factor to give it before anything else."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _

from .two_factor import ENROL, required_step

# Pages a session owing a second factor may still open: the two-factor pages
# themselves, logging out, the language switch and the health check.
OPEN_URL_NAMES = frozenset(
    {
        "accounts:two_factor_verify",
        "accounts:two_factor_recovery",
        "accounts:two_factor_enrol",
        "accounts:logout",
        "set_language",
        "healthz",
    }
)
STEP_URL_NAMES = {ENROL: "accounts:two_factor_enrol"}
REASON_API = _("Finish logging in with your second factor in the browser first.")


class TwoFactorMiddleware:
    """After AuthenticationMiddleware and django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = required_step(request)
        if step is None or self._is_open(request):
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": str(REASON_API)}, status=403)
        target = reverse(STEP_URL_NAMES.get(step, "accounts:two_factor_verify"))
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _is_open(request) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in OPEN_URL_NAMES
