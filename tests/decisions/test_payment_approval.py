"""A payment is prepared by one caseworker and approved by another with budget
authority (attestasjon and anvisning), through the same two-person check as a
decision's issue. Only approved payments are paid money; the payment page, the
finance system's list and the API show both names."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kompetansemidler.core.two_person import REFUSED_NOT_APPROVER, REFUSED_SAME_PERSON
from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.models import Decision, Payment, PaymentState
from kompetansemidler.decisions.payments import (
    payment_approve,
    payment_confirm,
    payment_register,
)
from kompetansemidler.decisions.selectors import paid_total
from kompetansemidler.history.models import Event
from kompetansemidler.reporting.office_report import office_figures
from tests.support.keys import with_key

from .objects import approver, issued_decision

pytestmark = pytest.mark.django_db

JUNE_2026 = datetime.date(2026, 6, 1)


def prepared(cast, amount=400_000, by=None):
    return payment_register(
        actor=by or cast.caseworker,
        decision=issued_decision(cast),
        paid_on=JUNE_2026,
        amount=Decimal(amount),
    )


def test_the_approver_approves_what_another_prepared_and_it_counts_as_paid(cast):
    payment = prepared(cast)
    anna = approver(cast)
    approved = payment_approve(actor=anna, payment=payment)
    assert (approved.state, approved.prepared_by, approved.approved_by) == (
        PaymentState.APPROVED,
        cast.caseworker,
        anna,
    )
    decision = payment.decision
    assert paid_total(decision) == Decimal(400_000)
    assert Decision.objects.with_paid().get(pk=decision.pk).paid == Decimal(400_000)
    kinds = list(
        Event.objects.for_object(decision)
        .filter(kind__startswith="decision.payment")
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["decision.payment_registered", "decision.payment_approved"]


def test_nobody_approves_a_payment_they_prepared(cast):
    anna = approver(cast)
    payment = prepared(cast, by=anna)
    with pytest.raises(ServiceRefused) as refused:
        payment_approve(actor=anna, payment=payment)
    assert refused.value.template == REFUSED_SAME_PERSON
    assert Payment.objects.get(pk=payment.pk).state == PaymentState.PREPARED
    assert paid_total(payment.decision) == 0


def test_a_caseworker_without_budget_authority_cannot_approve(cast):
    payment = prepared(cast, by=approver(cast))
    with pytest.raises(ServiceRefused) as refused:
        payment_approve(actor=cast.caseworker, payment=payment)
    assert refused.value.template == REFUSED_NOT_APPROVER


def test_an_approved_payment_is_not_approved_twice_and_is_confirmed_once(cast):
    payment = payment_approve(actor=approver(cast), payment=prepared(cast))
    with pytest.raises(ServiceRefused):
        payment_approve(actor=approver(cast), payment=payment)
    confirmed = payment_confirm(actor=None, payment=payment)
    assert confirmed.state == PaymentState.CONFIRMED and confirmed.confirmed_at is not None
    assert paid_total(payment.decision) == Decimal(400_000)
    with pytest.raises(ServiceRefused):
        payment_confirm(actor=None, payment=confirmed)


def test_a_prepared_payment_cannot_be_confirmed_before_approval(cast):
    with pytest.raises(ServiceRefused):
        payment_confirm(actor=None, payment=prepared(cast))


def test_the_approver_approves_on_the_page_and_the_preparer_is_refused(cast, client_for):
    payment = prepared(cast)
    url = reverse("decisions:payment_approve", args=[payment.decision_id, payment.pk])
    siri = client_for(cast.caseworker).post(url, with_key(), follow=True)
    assert "Du har forberedt dette selv" in siri.content.decode()
    assert Payment.objects.get(pk=payment.pk).state == PaymentState.PREPARED
    page = client_for(approver(cast)).get(reverse("decisions:detail", args=[payment.decision_id]))
    assert url in page.content.decode()
    response = client_for(approver(cast)).post(url, with_key())
    assert response.status_code == 302
    assert Payment.objects.get(pk=payment.pk).state == PaymentState.APPROVED
    page = client_for(cast.caseworker).get(reverse("decisions:detail", args=[payment.decision_id]))
    html = page.content.decode()
    assert "Siri" in html and "Anna Attestant" in html


def test_another_office_cannot_approve(cast, client_for):
    payment = prepared(cast)
    url = reverse("decisions:payment_approve", args=[payment.decision_id, payment.pk])
    assert client_for(cast.other_caseworker).post(url, with_key()).status_code == 403
    assert client_for(cast.outsider).post(url, with_key()).status_code == 403
    assert Payment.objects.get(pk=payment.pk).state == PaymentState.PREPARED


def test_the_approvers_task_list_shows_payments_others_prepared(cast, client_for):
    payment = prepared(cast)
    home = client_for(approver(cast)).get(reverse("core:home")).content.decode()
    assert "Utbetalinger til anvisning" in home
    assert reverse("decisions:detail", args=[payment.decision_id]) in home
    siri_home = client_for(cast.caseworker).get(reverse("core:home")).content.decode()
    assert "Utbetalinger til anvisning" not in siri_home


def _approved_and_prepared(cast):
    payment_approve(actor=approver(cast), payment=prepared(cast, 400_000))
    late = payment_register(
        actor=cast.caseworker,
        decision=issued_decision(cast),
        paid_on=datetime.date(2027, 3, 1),
        amount=Decimal(123_456),
        budget_year=2026,
        late_reason="Forseinka sluttrapport",
    )
    return late


def test_the_finance_list_shows_budget_year_accounting_year_and_both_names(cast, client_for):
    _approved_and_prepared(cast)
    round_id = issued_decision(cast).round_id
    client = client_for(cast.caseworker)
    response = client.get(reverse("decisions:payments_export", args=[round_id, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    picked = [
        {
            key: row[header.index(label)]
            for key, label in (
                ("budget", "Budsjettår"),
                ("accounting", "Regnskapsår"),
                ("amount", "Beløp (kr)"),
                ("prepared", "Attestert av"),
                ("approved", "Anvist av"),
            )
        }
        for row in rows[1:]
    ]
    assert picked == [
        {
            "budget": "2026",
            "accounting": "2026",
            "amount": "400000",
            "prepared": "Siri Saksbehandler",
            "approved": "Anna Attestant",
        },
        {
            "budget": "2026",
            "accounting": "2027",
            "amount": "123456",
            "prepared": "Siri Saksbehandler",
            "approved": "",
        },
    ]
    workbook = load_workbook(
        io.BytesIO(
            client.get(reverse("decisions:payments_export", args=[round_id, "xlsx"])).content
        )
    )
    sheet = workbook.worksheets[0]
    titles = [cell.value for cell in sheet[1]]
    amount = sheet.cell(row=2, column=titles.index("Beløp (kr)") + 1)
    assert amount.value == 400000 and "#,##0" in amount.number_format
    assert sheet.cell(row=3, column=titles.index("Regnskapsår") + 1).value == 2027


def test_the_api_shows_budget_year_state_and_both_names(cast, client_for):
    _approved_and_prepared(cast)
    decision = issued_decision(cast)
    body = client_for(cast.caseworker).get(reverse("api:decisions_detail", args=[decision.pk]))
    payments = [
        {k: p[k] for k in ("budget_year", "accounting_year", "state", "prepared_by", "approved_by")}
        for p in body.json()["payments"]
    ]
    assert payments == [
        {
            "budget_year": 2026,
            "accounting_year": 2026,
            "state": "approved",
            "prepared_by": "Siri Saksbehandler",
            "approved_by": "Anna Attestant",
        },
        {
            "budget_year": 2026,
            "accounting_year": 2027,
            "state": "prepared",
            "prepared_by": "Siri Saksbehandler",
            "approved_by": "",
        },
    ]
    assert body.json()["paid"] == 400_000


def test_a_prepared_payment_is_not_paid_on_the_round_page_or_in_the_office_report(cast, client_for):
    payment = prepared(cast, amount=250_000)
    round_id = payment.decision.round_id
    client = client_for(cast.caseworker)

    def round_note():
        figures = client.get(reverse("schemes:round_detail", args=[round_id])).context["figures"]
        [figure] = [f for f in figures if f.label == "Vedtatt (år 1)"]
        return figure.note.replace("\xa0", "").replace(" ", "")

    assert "0kronerutbetalt" in round_note()
    assert office_figures(cast.vestland, 2026).paid == 0
    payment_approve(actor=approver(cast), payment=payment)
    assert "250000kronerutbetalt" in round_note()
    assert office_figures(cast.vestland, 2026).paid == Decimal(250_000)
