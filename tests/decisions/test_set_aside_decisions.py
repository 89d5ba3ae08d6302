"""A set-aside is distributed to owners by decisions that draw on it instead of on a
recommendation: together never more than the set-aside (exactly its amount passes,
one krone more is refused), through the same approval and payment paths as every
decision, and counted inside the set-aside, never again against the round."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.models import Decision, DecisionState
from kompetansemidler.decisions.selectors import (
    available_in_round,
    decided_in_round,
    set_aside_distributed,
)
from kompetansemidler.decisions.services import (
    decision_issue,
    decision_update,
    set_aside_decision_draft,
)
from kompetansemidler.history.models import Event
from kompetansemidler.registry.models import OrganisationKind
from kompetansemidler.schemes.models import Scheme
from kompetansemidler.schemes.seed import ensure_seed
from kompetansemidler.schemes.services import (
    allocation_enter,
    round_create,
    set_aside_add,
    set_aside_correct,
    set_aside_withdraw,
)
from tests.factories import OrganisationFactory
from tests.support.keys import with_key

from .objects import approver
from .objects import payment_made as payment_register

D = Decimal
CHECKED = {"c1": True, "c2": True, "c3": True, "money": True}


@pytest.fixture
def set_aside(cast):
    """Rekom 2026 in Vestland: allocation 40 000 000, of which 12 000 000 (30 %) is set
    aside for facilitation funds."""
    ensure_seed()
    rekom = Scheme.objects.get(code="rekom")
    allocation_enter(
        actor=cast.udir,
        office=cast.vestland,
        scheme=rekom,
        year=2026,
        kind="initial",
        amount=D(40_000_000),
        dated=datetime.date(2025, 10, 1),
        reason="Tildelingsbrev 2026",
    )
    round_ = round_create(
        actor=cast.caseworker,
        office=cast.vestland,
        scheme=rekom,
        year=2026,
        needs_deadline=datetime.date(2025, 11, 1),
        recommendation_deadline=datetime.date(2025, 12, 15),
        decision_deadline=datetime.date(2026, 2, 1),
        annual_report_deadline=datetime.date(2027, 3, 1),
    )
    return set_aside_add(
        actor=cast.caseworker,
        round=round_,
        purpose="Tilretteleggingsmidlar studieåret 2026–2027",
        category="facilitation",
        amount=D(12_000_000),
        forum_decision_date=datetime.date(2025, 10, 20),
        forum_decision_text="Sak 14/25: 30 % av tildelinga til tilretteleggingsmidlar.",
    )


def owners(count):
    """Kindergarten owners in Bergen (Vestland), private and municipal by turns."""
    kinds = (OrganisationKind.PRIVATE_OWNER, OrganisationKind.MUNICIPALITY)
    return [OrganisationFactory(kind=kinds[i % 2]) for i in range(count)]


def draft(cast, set_aside, owner, amount, participants=10):
    return set_aside_decision_draft(
        actor=cast.caseworker,
        set_aside=set_aside,
        organisation=owner,
        participants=participants,
        amount=D(amount),
    )


def test_decisions_summing_to_the_set_aside_pass_and_one_krone_more_is_refused(cast, set_aside):
    first, second, third = owners(3)
    draft(cast, set_aside, first, 7_000_000, participants=140)
    draft(cast, set_aside, second, 5_000_000, participants=100)
    assert set_aside_distributed(set_aside) == D(12_000_000)
    with pytest.raises(ServiceRefused) as refused:
        draft(cast, set_aside, third, 1)
    assert refused.value.code == "set_aside_exceeded"
    assert refused.value.params["left"] == 0
    assert not Decision.objects.filter(recipient_organisation=third).exists()


def test_one_krone_over_in_a_single_owners_decision_is_refused(cast, set_aside):
    (owner,) = owners(1)
    with pytest.raises(ServiceRefused) as refused:
        draft(cast, set_aside, owner, 12_000_001)
    assert refused.value.code == "set_aside_exceeded"
    assert draft(cast, set_aside, owner, 12_000_000).amount_year1 == D(12_000_000)


def test_raising_a_draft_beyond_the_set_aside_is_refused(cast, set_aside):
    first, second = owners(2)
    draft(cast, set_aside, first, 6_000_000)
    decision = draft(cast, set_aside, second, 6_000_000)
    with pytest.raises(ServiceRefused) as refused:
        decision_update(
            actor=cast.caseworker,
            decision=decision,
            amounts=(D(6_000_001), D(0), D(0)),
            conditions="",
            reasons="",
            justification="Fleire deltakarar",
            checklist=CHECKED,
        )
    assert refused.value.code == "set_aside_exceeded"
    decision.refresh_from_db()
    assert decision.amount_year1 == D(6_000_000)


def test_issued_and_paid_like_every_decision_and_counted_inside_the_set_aside(cast, set_aside):
    round_ = set_aside.round
    # The round's own available money already leaves out the set-aside.
    assert available_in_round(round_) == D(28_000_000)
    (owner,) = owners(1)
    decision = draft(cast, set_aside, owner, 12_000_000, participants=240)
    decision = decision_update(
        actor=cast.caseworker,
        decision=decision,
        amounts=decision.amounts,
        conditions="",
        reasons="",
        justification="",
        checklist=CHECKED,
    )
    # The same two-person approval: the preparer cannot issue her own decision.
    with pytest.raises(ServiceRefused):
        decision_issue(actor=cast.caseworker, decision=decision)
    issued = decision_issue(actor=approver(cast), decision=decision)
    assert issued.state == DecisionState.ISSUED
    assert decided_in_round(round_) == 0
    assert available_in_round(round_) == D(28_000_000)
    payment_register(
        actor=cast.caseworker,
        decision=issued,
        paid_on=datetime.date(2026, 8, 15),
        amount=D(12_000_000),
    )
    kinds = set(Event.objects.for_object(issued).values_list("kind", flat=True))
    assert {"decision.drafted", "decision.issued", "decision.payment_registered"} <= kinds


def test_one_decision_per_owner_and_never_both_a_recommendation_and_a_set_aside(cast, set_aside):
    (owner,) = owners(1)
    decision = draft(cast, set_aside, owner, 100_000)
    with pytest.raises(ServiceRefused) as refused:
        draft(cast, set_aside, owner, 100_000)
    assert refused.value.code == "set_aside_exists"
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(set_aside=None)


def test_only_owners_of_the_office_receive_and_later_years_are_refused(cast, set_aside):
    with pytest.raises(ServiceRefused) as refused:
        draft(cast, set_aside, cast.uh, 100_000)
    assert refused.value.code == "set_aside_recipient"
    with pytest.raises(ServiceRefused) as refused:
        draft(cast, set_aside, cast.rogaland_owner, 100_000)
    assert refused.value.code == "set_aside_recipient"
    (owner,) = owners(1)
    decision = draft(cast, set_aside, owner, 100_000)
    with pytest.raises(ServiceRefused) as refused:
        decision_update(
            actor=cast.caseworker,
            decision=decision,
            amounts=(D(100_000), D(50_000), D(0)),
            conditions="",
            reasons="",
            justification="To år",
            checklist=CHECKED,
        )
    assert refused.value.code == "set_aside_later_years"


def test_the_caseworker_distributes_from_the_set_aside_page(cast, set_aside, client_for):
    (owner,) = owners(1)
    url = reverse("decisions:set_aside", args=[set_aside.pk])
    page = client_for(cast.caseworker).get(url)
    assert page.status_code == 200 and 'name="participants"' in page.text
    round_page = client_for(cast.caseworker).get(
        reverse("decisions:round", args=[set_aside.round_id])
    )
    assert url in round_page.text
    response = client_for(cast.caseworker).post(
        url, with_key(owner=owner.pk, participants="24", amount="1 200 000")
    )
    assert response.status_code == 302
    decision = Decision.objects.get(set_aside=set_aside)
    assert (decision.recipient_organisation, decision.participants) == (owner, 24)
    assert decision.amount_year1 == D(1_200_000) and decision.recommendation is None
    over = client_for(cast.caseworker).post(
        url, with_key(owner=OrganisationFactory().pk, participants="1", amount="10 800 001")
    )
    assert over.status_code == 400 and 'value="10 800 001"' in over.text


def test_another_office_neither_sees_nor_distributes_the_set_aside(cast, set_aside, client_for):
    (owner,) = owners(1)
    url = reverse("decisions:set_aside", args=[set_aside.pk])
    assert client_for(cast.other_caseworker).get(url).status_code == 403
    response = client_for(cast.other_caseworker).post(
        url, with_key(owner=owner.pk, participants="1", amount="1000")
    )
    assert response.status_code == 403
    assert client_for(cast.owner_rep).get(url).status_code == 403
    assert not Decision.objects.filter(set_aside=set_aside).exists()


def test_a_set_aside_with_decisions_is_not_lowered_or_withdrawn(cast, set_aside):
    (owner,) = owners(1)
    draft(cast, set_aside, owner, 100_000)
    with pytest.raises(ServiceRefused) as refused:
        set_aside_withdraw(actor=cast.caseworker, set_aside=set_aside, reason="Feil")
    assert refused.value.code == "set_aside_decided"
    correction = {
        "purpose": set_aside.purpose,
        "category": set_aside.category,
        "forum_decision_date": set_aside.forum_decision_date,
        "forum_decision_text": set_aside.forum_decision_text,
        "reason": "Retta",
    }
    with pytest.raises(ServiceRefused) as refused:
        set_aside_correct(
            actor=cast.caseworker, set_aside=set_aside, amount=D(11_999_999), **correction
        )
    assert refused.value.code == "set_aside_decided"
    set_aside_correct(
        actor=cast.caseworker,
        set_aside=set_aside,
        amount=D(12_000_000),
        **{**correction, "purpose": "Tilretteleggingsmidlar 2026"},
    )
