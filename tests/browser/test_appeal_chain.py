"""The appeal chain in a real browser. A private owner's appeal is registered and
sent on to Udir with the office's assessment; Udir finds it on its list and
changes the decision; the office carries the change out from "Mine oppgaver",
which sends a new grant letter and a letter of Udir's outcome. The recipient then
declines the grant, and what is not paid goes back to the round. The letters are
read back, the money checked, and axe runs on every page."""

import datetime
import subprocess
from decimal import Decimal
from urllib.parse import urljoin

from django.utils import timezone
from playwright.sync_api import expect

from kompetansemidler.archive.models import RegistryEntry
from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.selectors import available_in_round
from kompetansemidler.registry.models import Organisation
from tests.decisions.objects import issued_decision
from tests.decisions.objects import payment_made as payment_register


def _pdf_text(page, url) -> str:
    response = page.request.get(urljoin(page.url, url))
    assert response.headers["content-type"] == "application/pdf"
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=response.body(), capture_output=True, check=True
    )
    return " ".join(out.stdout.decode().split())


def test_an_appeal_sent_on_to_udir_is_decided_there_and_the_grant_then_declined(
    cast, login, live_server, assert_accessible
):
    Organisation.objects.filter(pk=cast.owner.pk).update(kind="private_owner")
    decision = issued_decision(cast)
    letter_issue(actor=cast.caseworker, decision=decision)
    payment_register(
        actor=cast.caseworker,
        decision=decision,
        paid_on=datetime.date(2026, 6, 1),
        amount=Decimal(300_000),
    )
    url = f"{live_server.url}/vedtak/{decision.pk}/"

    page = login(cast.caseworker)
    page.goto(url)
    page.get_by_label("Mottatt dato").fill(timezone.localdate().isoformat())
    page.get_by_label("Hva klagen gjelder").fill("Vi treng meir til rettleiing.")
    page.get_by_role("button", name="Registrer klage").click()
    expect(page.get_by_role("status")).to_contain_text("Klagen er registrert")
    page.get_by_label("Utfall", exact=True).select_option("sent_on")
    page.get_by_label("Begrunnelse for utfallet, eller embetets vurdering til Udir").fill(
        "Tildelinga følgjer innstillinga frå forumet."
    )
    page.get_by_role("button", name="Registrer utfallet").click()
    expect(page.get_by_role("status")).to_contain_text("Utfallet av klagen er registrert")
    expect(page.get_by_role("link", name="Klagen sendt videre til Udir")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    udir = login(cast.udir)
    udir.goto(f"{live_server.url}/vedtak/klager/")
    assert_accessible(udir)
    udir.get_by_role("link", name="Bergen kommune").click()
    udir.get_by_label("Udirs avgjørelse", exact=True).select_option("changed")
    udir.get_by_label("Udirs begrunnelse").fill("Behovet er godt dokumentert.")
    udir.get_by_label("Beløp Udir fastsatte, år 1 (ved endring eller omgjøring)").fill("1 000 000")
    assert_accessible(udir)
    udir.get_by_role("button", name="Registrer Udirs avgjørelse").click()
    expect(udir.get_by_role("status")).to_contain_text("Udirs avgjørelse er registrert")
    decision.refresh_from_db()
    assert decision.amounts[0] == Decimal(900_000)  # the office has not carried it out yet

    udir.context.clear_cookies()
    page = login(cast.caseworker)
    page.get_by_role("link", name="Gjennomfør Udirs avgjørelse: Bergen kommune").click()
    page.get_by_role("button", name="Gjennomfør Udirs avgjørelse og orienter mottakeren").click()
    expect(page.get_by_role("status")).to_contain_text("Udirs avgjørelse er gjennomført")
    assert_accessible(page)
    decision.refresh_from_db()
    assert decision.amounts == (Decimal(1_000_000), Decimal(450_000), Decimal(0))
    letter = _pdf_text(page, page.get_by_role("link", name="Tilskuddsbrev 2").get_attribute("href"))
    assert "1 000 000 kroner" in letter
    outcome = _pdf_text(
        page, page.get_by_role("link", name="Udirs avgjørelse i klagesaken").get_attribute("href")
    )
    assert "Udir har endret vedtaket" in outcome and "kan ikke påklages" in outcome

    page.context.clear_cookies()
    round_ = decision.round
    available = available_in_round(round_)
    owner = login(cast.owner_rep)
    owner.goto(url)
    owner.get_by_label("Hvorfor det takkes nei til tilskuddet (valgfritt)").fill("Ikkje behov no.")
    owner.get_by_role("button", name="Takk nei til tilskuddet").click()
    expect(owner.get_by_role("status")).to_contain_text("Det er takket nei til tilskuddet")
    assert_accessible(owner)
    decision.refresh_from_db()
    # 300 000 paid is kept; the other 700 000 of the year goes back to the round.
    assert decision.amounts == (Decimal(300_000), Decimal(0), Decimal(0))
    assert available_in_round(round_) == available + Decimal(700_000)
    confirmation = _pdf_text(
        owner,
        owner.get_by_role("link", name="Bekreftelse på at tilskuddet er avslått").get_attribute(
            "href"
        ),
    )
    assert "1 150 000 kroner som ikke er utbetalt" in confirmation
    assert RegistryEntry.objects.filter(
        case_file__object_id=str(decision.pk), title__contains="takker nei"
    ).exists()
