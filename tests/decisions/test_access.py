"""Who sees which decision: the recipient only its own issued ones, never a draft;
another office and outsiders are refused with the reason; Udir reads."""

import datetime
from decimal import Decimal

from django.urls import reverse

from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.payments import payment_register
from kompetansemidler.decisions.selectors import decisions_visible_to
from tests.support.keys import with_key

from .objects import draft_decision, issued_decision


def test_a_recipient_does_not_see_its_draft_decision(cast, client_for):
    decision = draft_decision(cast)
    assert not decisions_visible_to(cast.owner_rep).exists()
    response = client_for(cast.owner_rep).get(reverse("decisions:detail", args=[decision.pk]))
    assert response.status_code == 403


def test_a_recipient_sees_its_own_issued_decision_and_no_other_owner_does(cast, client_for):
    decision = issued_decision(cast)
    assert list(decisions_visible_to(cast.owner_rep)) == [decision]
    assert not decisions_visible_to(cast.other_owner_rep).exists()
    assert not decisions_visible_to(cast.network_coordinator).exists()
    page = client_for(cast.owner_rep).get(reverse("decisions:index"))
    assert "Bergen kommune" in page.content.decode()


def test_the_recipient_cannot_pay_or_change(cast, client_for):
    decision = issued_decision(cast)
    response = client_for(cast.owner_rep).post(
        reverse("decisions:payment_add", args=[decision.pk]),
        {"p-paid_on": "2026-06-01", "p-amount": "1000"},
    )
    assert response.status_code == 403
    assert not decision.payments.exists()


def test_another_office_is_refused_with_the_reason(cast, client_for):
    decision = issued_decision(cast)
    client = client_for(cast.other_caseworker)
    response = client.get(reverse("decisions:detail", args=[decision.pk]))
    assert response.status_code == 403
    assert "hører til et annet embete" in response.content.decode()
    assert client.get(reverse("decisions:round", args=[decision.round_id])).status_code == 403
    assert not decisions_visible_to(cast.other_caseworker).exists()


def test_the_outsider_is_refused(cast, client_for):
    decision = issued_decision(cast)
    client = client_for(cast.outsider)
    assert client.get(reverse("decisions:index")).status_code == 403
    assert client.get(reverse("decisions:detail", args=[decision.pk])).status_code == 403


def test_the_other_owner_cannot_read_bergens_letter(cast, client_for):
    letter = letter_issue(actor=cast.caseworker, decision=issued_decision(cast))
    url = reverse("decisions:letter", args=[letter.pk])
    assert client_for(cast.other_owner_rep).get(url).status_code == 403
    response = client_for(cast.owner_rep).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_payment_list_exports_for_the_accounting_system(cast, client_for):
    decision = issued_decision(cast)
    payment_register(
        actor=cast.caseworker,
        decision=decision,
        paid_on=datetime.date(2026, 6, 15),
        amount=Decimal(400_000),
    )
    response = client_for(cast.caseworker).get(
        reverse("decisions:payments_export", args=[decision.round_id, "csv"])
    )
    text = response.content.decode("utf-8-sig")
    assert "964338531" in text and "400000" in text.replace(" ", "").replace("\xa0", "")


def test_garbage_payment_input_is_answered_with_the_form_kept(cast, client_for):
    decision = issued_decision(cast)
    response = client_for(cast.caseworker).post(
        reverse("decisions:payment_add", args=[decision.pk]),
        with_key({"p-paid_on": "ikkje ein dato", "p-amount": "-5"}),
    )
    assert response.status_code == 400
    assert 'value="ikkje ein dato"' in response.content.decode()


def test_the_round_page_shows_what_is_decided_for_the_office_only(cast, client_for):
    decision = issued_decision(cast)
    url = reverse("schemes:round_detail", args=[decision.round_id])
    page = client_for(cast.caseworker).get(url).content.decode()
    assert reverse("decisions:round", args=[decision.round_id]) in page
    assert "900 000" in page or "900\xa0000" in page or "900&nbsp;000" in page
