"""The two-factor pages: set up, verify at login, recovery codes."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from .forms import AuthenticatorCodeForm, RecoveryCodeForm
from .two_factor import (
    authenticator_enrolment_confirm,
    authenticator_enrolment_start,
    authenticator_remove,
    authenticator_verify,
    has_staff_role,
    is_enrolled,
    recovery_code_use,
    recovery_codes_left,
    recovery_codes_regenerate,
    second_factor_given,
    secret_as_text,
)


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return settings.LOGIN_REDIRECT_URL


def _show_codes(request, codes):
    return render(request, "accounts/two_factor_codes.html", {"codes": codes})


@login_required
def overview(request):
    enrolled = is_enrolled(request.user)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enrolled": enrolled,
            "codes_left": recovery_codes_left(request.user) if enrolled else 0,
            "required": settings.REQUIRE_2FA_FOR_STAFF and has_staff_role(request.user),
        },
    )


@login_required
def enrol(request):
    """Show the QR code and the secret as text; a right code from the app confirms it."""
    if is_enrolled(request.user):
        return redirect("accounts:two_factor")
    device = authenticator_enrolment_start(user=request.user)
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = authenticator_enrolment_confirm(
                user=request.user, code=form.cleaned_data["code"]
            )
        except ValueError as error:
            form.add_error("code", str(error))
        else:
            otp_login(request, device)
            messages.success(request, _("Two-factor login is set up."))
            return _show_codes(request, codes)
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            # segno writes the SVG itself: no user input reaches it but the username,
            # which it escapes; it has no style attribute, so the CSP allows it.
            "qr_svg": mark_safe(
                qr.svg_inline(scale=5, light="#fff", title=_("QR code for the authenticator app"))
            ),  # noqa: S308
            "secret": secret_as_text(device),
            "next": _next_url(request),
            "required": settings.REQUIRE_2FA_FOR_STAFF and has_staff_role(request.user),
        },
    )


@login_required
def verify(request):
    """Ask for the code from the app after the password (or a one-factor OIDC login)."""
    if not is_enrolled(request.user) or second_factor_given(request):
        return redirect(_next_url(request))
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = authenticator_verify(user=request.user, code=form.cleaned_data["code"])
        except ValueError as error:
            form.add_error("code", str(error))
        else:
            otp_login(request, device)
            return redirect(_next_url(request))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@login_required
def recovery(request):
    """Log in with a recovery code instead of the app; each code works once."""
    if not is_enrolled(request.user) or second_factor_given(request):
        return redirect(_next_url(request))
    form = RecoveryCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = recovery_code_use(user=request.user, code=form.cleaned_data["code"])
        except ValueError as error:
            form.add_error("code", str(error))
        else:
            otp_login(request, device)
            left = recovery_codes_left(request.user)
            messages.warning(
                request,
                _(
                    "You logged in with a recovery code; %(left)s are left. If you lost your "
                    "phone, set up two-factor login again under Two-factor login."
                )
                % {"left": left},
            )
            return redirect(_next_url(request))
    return render(
        request, "accounts/two_factor_recovery.html", {"form": form, "next": _next_url(request)}
    )


@require_POST
@login_required
def regenerate_codes(request):
    if not is_enrolled(request.user):
        return redirect("accounts:two_factor_enrol")
    if not second_factor_given(request):
        return redirect("accounts:two_factor_verify")
    return _show_codes(request, recovery_codes_regenerate(user=request.user))


@require_POST
@login_required
def remove(request):
    """Remove the authenticator (a new phone); only after the second factor in this session."""
    if is_enrolled(request.user) and not second_factor_given(request):
        return redirect("accounts:two_factor_verify")
    authenticator_remove(user=request.user)
    messages.success(request, _("The authenticator and the recovery codes are removed."))
    return redirect("accounts:two_factor")
