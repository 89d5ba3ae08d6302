"""Repayment claims are receivables: made when unused funds are ordered repaid (or
by ``claim_repayment``), journalled as an outgoing document, a task once past
their due date, and closed when the money is received. Received money goes back
to Udir unless the rule set lets the office reuse it in its round; then the
round has exactly that much more available."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kompetansemidler.archive.models import EntryType, RegistryEntry
from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.models import (
    RepaymentClaim,
    RepaymentDisposition,
    RepaymentSource,
)
from kompetansemidler.decisions.receivables import (
    DAYS_TO_REPAY,
    claim_repayment,
    repayment_receive,
)
from kompetansemidler.decisions.selectors import available_in_round
from kompetansemidler.decisions.services import unused_funds_decide
from kompetansemidler.history.models import Event
from tests.support.keys import with_key

from .objects import issued_decision

pytestmark = pytest.mark.django_db

RECEIVED = datetime.date(2026, 10, 1)


def claim(cast, amount=50_000, due_on=datetime.date(2026, 9, 1), decision=None):
    made = claim_repayment(
        decision=decision or issued_decision(cast),
        amount=Decimal(amount),
        reason="Ubrukte midlar i årsrapporten",
        source=RepaymentSource.ANNUAL_REPORT,
        due_on=due_on,
        actor=cast.caseworker,
    )
    # Made before the repayment arrives, whatever today's date is.
    RepaymentClaim.objects.filter(pk=made.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 8, 1))
    )
    made.refresh_from_db()
    return made


def test_unused_funds_ordered_repaid_become_a_claim_due_in_thirty_days(cast):
    decision = issued_decision(cast)
    row = unused_funds_decide(
        actor=cast.caseworker,
        decision=decision,
        unused=Decimal(80_000),
        repaid=Decimal(50_000),
        carried_over=Decimal(30_000),
        reason="Årsrapport 2026",
    )
    [made] = RepaymentClaim.objects.filter(decision=decision)
    assert (made.amount, made.source, made.unused_funds, made.is_open) == (
        Decimal(50_000),
        RepaymentSource.ANNUAL_REPORT,
        row,
        True,
    )
    assert made.due_on == timezone.localdate() + datetime.timedelta(days=DAYS_TO_REPAY)
    outgoing = RegistryEntry.objects.filter(entry_type=EntryType.OUTGOING).values_list(
        "title", flat=True
    )
    assert "Krav om tilbakebetaling av 50000 kr fra Bergen kommune" in list(outgoing)
    assert Event.objects.for_object(decision).filter(kind="decision.repayment_claimed").exists()


def test_nothing_carried_over_only_makes_no_claim(cast):
    decision = issued_decision(cast)
    unused_funds_decide(
        actor=cast.caseworker,
        decision=decision,
        unused=Decimal(10_000),
        repaid=Decimal(0),
        carried_over=Decimal(10_000),
        reason="Overført",
    )
    assert not RepaymentClaim.objects.exists()


def test_claims_up_to_the_decided_amount_pass_and_one_krone_more_fails(cast):
    decision = issued_decision(cast)  # 1 350 000 decided over two years
    claim(cast, amount=1_000_000)
    claim(cast, amount=350_000)
    with pytest.raises(ServiceRefused) as refused:
        claim(cast, amount=1)
    assert refused.value.field == "amount"
    assert RepaymentClaim.objects.filter(decision=decision).count() == 2


def test_a_claim_needs_a_known_source_and_a_reason(cast):
    decision = issued_decision(cast)
    common = {"decision": decision, "amount": Decimal(1), "actor": cast.caseworker}
    with pytest.raises(ServiceRefused):
        claim_repayment(**common, reason="x", source="gift", due_on=datetime.date(2026, 9, 1))
    with pytest.raises(ServiceRefused):
        claim_repayment(
            **common,
            reason=" ",
            source=RepaymentSource.APPEAL,
            due_on=datetime.date(2026, 9, 1),
        )
    assert not RepaymentClaim.objects.exists()


def test_a_receipt_is_registered_in_full_and_returned_to_udir_by_default(cast):
    made = claim(cast)
    round_ = made.decision.round
    before = available_in_round(round_)
    with pytest.raises(ServiceRefused):
        repayment_receive(
            actor=cast.caseworker, claim=made, received_on=RECEIVED, received_amount=Decimal(49_999)
        )
    received = repayment_receive(
        actor=cast.caseworker, claim=made, received_on=RECEIVED, received_amount=Decimal(50_000)
    )
    assert (received.received_on, received.disposition, received.reused_in_round) == (
        RECEIVED,
        RepaymentDisposition.RETURNED,
        None,
    )
    assert available_in_round(round_) == before
    with pytest.raises(ServiceRefused):
        repayment_receive(
            actor=cast.caseworker, claim=made, received_on=RECEIVED, received_amount=Decimal(50_000)
        )


def test_when_the_rule_set_allows_reuse_the_round_has_exactly_that_much_more(cast, client_for):
    made = claim(cast)
    round_ = made.decision.round
    rule_set = round_.rule_set
    rule_set.parameters = {**rule_set.parameters, "repayments_reusable": True}
    rule_set.save()
    before = available_in_round(round_)
    received = repayment_receive(
        actor=cast.caseworker, claim=made, received_on=RECEIVED, received_amount=Decimal(50_000)
    )
    assert (received.disposition, received.reused_in_round) == (
        RepaymentDisposition.REUSED,
        round_,
    )
    assert available_in_round(round_) == before + Decimal(50_000)
    page = client_for(cast.caseworker).get(reverse("schemes:round_detail", args=[round_.pk]))
    [figure] = [f for f in page.context["figures"] if f.amount == Decimal(50_000)]
    assert figure.label == "Tilbakebetalinger brukt på nytt"


def test_a_repayment_received_before_the_claim_was_made_is_refused(cast):
    made = claim(cast)
    with pytest.raises(ServiceRefused) as refused:
        repayment_receive(
            actor=cast.caseworker,
            claim=made,
            received_on=datetime.date(2026, 7, 31),
            received_amount=Decimal(50_000),
        )
    assert refused.value.field == "received_on"


def test_an_overdue_claim_is_a_task_for_the_office_and_no_other(cast, client_for):
    today = timezone.localdate()
    overdue = claim(cast, amount=25_000, due_on=today - datetime.timedelta(days=1))
    claim(cast, amount=10_000, due_on=today)
    home = client_for(cast.caseworker).get(reverse("core:home")).content.decode()
    assert "Tilbakebetalinger som har forfalt" in home
    assert "25\u00a0000" in home or "25 000" in home or "25000" in home
    assert "10000" not in home and "10 000" not in home and "10\u00a0000" not in home
    other = client_for(cast.other_caseworker).get(reverse("core:home")).content.decode()
    assert "Tilbakebetalinger som har forfalt" not in other
    repayment_receive(
        actor=cast.caseworker,
        claim=overdue,
        received_on=timezone.localdate(),
        received_amount=Decimal(25_000),
    )
    home = client_for(cast.caseworker).get(reverse("core:home")).content.decode()
    assert "Tilbakebetalinger som har forfalt" not in home


def test_the_receipt_is_registered_on_the_decision_page(cast, client_for):
    made = claim(cast)
    url = reverse("decisions:repayment_receive", args=[made.decision_id, made.pk])
    client = client_for(cast.caseworker)
    wrong = client.post(
        url,
        with_key({f"r{made.pk}-received_on": "2026-10-01", f"r{made.pk}-received_amount": "1"}),
    )
    assert wrong.status_code == 400
    assert RepaymentClaim.objects.get(pk=made.pk).is_open
    right = client.post(
        url,
        with_key(
            {f"r{made.pk}-received_on": "2026-10-01", f"r{made.pk}-received_amount": "50 000"}
        ),
    )
    assert right.status_code == 302
    assert RepaymentClaim.objects.get(pk=made.pk).received_on == RECEIVED
    assert Event.objects.for_object(made.decision).filter(kind="decision.repayment_received")


def test_another_office_and_the_outsider_cannot_register_a_receipt(cast, client_for):
    made = claim(cast)
    url = reverse("decisions:repayment_receive", args=[made.decision_id, made.pk])
    data = {f"r{made.pk}-received_on": "2026-10-01", f"r{made.pk}-received_amount": "50000"}
    for user in (cast.other_caseworker, cast.outsider, cast.owner_rep):
        assert client_for(user).post(url, with_key(data)).status_code == 403
    assert RepaymentClaim.objects.get(pk=made.pk).is_open


def test_the_api_shows_the_claims_read_only(cast, client_for):
    made = claim(cast)
    body = client_for(cast.caseworker).get(reverse("api:decisions_detail", args=[made.decision_id]))
    assert body.json()["repayment_claims"] == [
        {
            "id": made.pk,
            "amount": 50_000,
            "source": "annual_report",
            "reason": "Ubrukte midlar i årsrapporten",
            "due_on": "2026-09-01",
            "received_on": None,
            "received_amount": None,
            "disposition": None,
        }
    ]
