"""The caseworker in a real browser: from a sent recommendation to draft decisions,
confirms a checklist item and saves; the office's approver approves the round's
list, which issues the decision and sends its letter; the caseworker registers a
payment, is refused when overpaying (the typed amount kept), and registers an
appeal. The recipient then reads its letter. axe on every page."""

from django.utils import timezone
from playwright.sync_api import expect

from kompetansemidler.decisions.models import Decision
from tests.decisions.objects import approver, sent_recommendation
from tests.needs.objects import vestland_round


def test_the_caseworker_decides_sends_letters_pays_and_registers_an_appeal(
    cast, login, live_server, assert_accessible
):
    recommendation = sent_recommendation(cast)
    vestland_round(cast, "dekom", 2027)
    page = login(cast.caseworker)
    page.goto(f"{live_server.url}/vedtak/")
    assert_accessible(page)
    page.get_by_role("link", name=str(recommendation.round)).click()
    page.get_by_role("button", name="Lag vedtaksutkast").click()
    expect(page.get_by_role("status")).to_contain_text("1 vedtaksutkast laget")
    assert_accessible(page)

    page.get_by_role("link", name="Bergen kommune").click()
    decision = Decision.objects.get(recommendation=recommendation)
    # The checklist item the rules could not confirm from the test data: tick them all.
    for box in page.locator('fieldset input[type="checkbox"]').all():
        box.check()
    assert_accessible(page)
    page.get_by_role("button", name="Lagre", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Lagret")

    page.context.clear_cookies()
    anna = login(approver(cast))
    anna.goto(f"{live_server.url}/vedtak/runde/{recommendation.round_id}/")
    expect(anna.get_by_label("Bergen kommune: 900 000 kroner")).to_be_checked()
    assert_accessible(anna)
    anna.get_by_role("button", name="Godkjenn og fatt vedtak").click()
    expect(anna.get_by_role("status")).to_contain_text("1 vedtak godkjent")
    expect(anna.get_by_role("link", name="Tilskuddsbrev 1")).to_be_visible()
    decision.refresh_from_db()
    assert decision.issued_by == approver(cast) and decision.prepared_by == cast.caseworker

    anna.context.clear_cookies()
    page = login(cast.caseworker)
    page.goto(f"{live_server.url}/vedtak/{decision.pk}/")
    page.get_by_label("Utbetalingsdato").fill("2026-06-15")
    page.get_by_label("Beløp (kr)").fill("900000")
    page.get_by_role("button", name="Attester utbetaling").click()
    expect(page.get_by_role("status")).to_contain_text("Utbetalingen er attestert")

    # All of 2026's money is prepared: one krone more for 2026 is refused.
    page.get_by_label("Utbetalingsdato").fill("2026-06-16")
    page.get_by_label("Beløp (kr)").fill("1")
    page.get_by_role("button", name="Attester utbetaling").click()
    expect(page.locator("#refusal")).to_contain_text("igjen av beløpet vedtatt for 2026")
    expect(page.get_by_label("Beløp (kr)")).to_have_value("1")
    assert_accessible(page)

    page.get_by_label("Mottatt dato").fill(timezone.localdate().isoformat())
    page.get_by_label("Hva klagen gjelder").fill("Bergen ber om meir til lesing.")
    page.get_by_role("button", name="Registrer klage").click()
    expect(page.get_by_role("status")).to_contain_text("Klagen er registrert")
    assert_accessible(page)
    assert decision.payments.count() == 1

    page.context.clear_cookies()
    owner = login(cast.owner_rep)
    owner.goto(f"{live_server.url}/vedtak/")
    owner.get_by_role("link", name="Bergen kommune").click()
    expect(owner.get_by_role("link", name="Tilskuddsbrev 1")).to_be_visible()
    assert_accessible(owner)
