"""Two-factor login in real Chromium, by keyboard, with axe: a caseworker under
the staff policy is sent to set it up, confirms a code, and is asked for a code
at the next login."""

from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@override_settings(REQUIRE_2FA_FOR_STAFF=True)
def test_caseworker_sets_up_two_factor_login_and_uses_it_by_keyboard(
    page, live_server, cast, login, assert_accessible
):
    login(cast.caseworker)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ta i bruk innlogging med to faktorer"
    )
    expect(page.get_by_role("img", name="QR-kode for autentiseringsappen")).to_be_visible()
    expect(page.locator("#totp-secret")).to_be_visible()
    assert_accessible(page)

    device = TOTPDevice.objects.get(user=cast.caseworker)
    field = page.get_by_label("Kode fra autentiseringsappen")
    field.fill("000000")
    field.press("Enter")
    expect(page.locator(".ds-error-summary")).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    page.get_by_label("Kode fra autentiseringsappen").fill(code_for(device))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gjenopprettingskodene dine")
    assert_accessible(page)

    page.get_by_role("button", name="Logg ut").click()
    login(cast.caseworker)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kode fra autentiseringsappen")
    assert_accessible(page)
    page.get_by_label("Kode fra autentiseringsappen").fill(code_for(device, steps_ahead=1))
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("navigation", name="Hovedmeny").get_by_role(
            "link", name="Innlogging med to faktorer", include_hidden=True
        )
    ).to_be_attached()
