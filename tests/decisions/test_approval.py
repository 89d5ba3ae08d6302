"""Issuing a decision is its approval by another caseworker with budget authority;
no letter goes out for a decision that is not so approved."""

import pytest
from django.urls import reverse

from kompetansemidler.accounts.models import Role, RoleGrant
from kompetansemidler.core.two_person import SAME_PERSON
from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.models import Decision, DecisionState
from kompetansemidler.decisions.services import decision_issue
from tests.factories import UserFactory
from tests.support.keys import with_key

from .objects import approver, copies_for_other_recipients, draft_decision


def test_the_author_cannot_issue_her_own_decision(cast):
    decision = draft_decision(cast)
    with pytest.raises(ServiceRefused) as refused:
        decision_issue(actor=cast.caseworker, decision=decision)
    assert refused.value.code == SAME_PERSON
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT


def test_a_caseworker_without_budget_authority_cannot_issue(cast):
    decision = draft_decision(cast)
    colleague = UserFactory()
    RoleGrant.objects.create(user=colleague, role=Role.CASEWORKER, office=cast.vestland)
    with pytest.raises(ServiceRefused) as refused:
        decision_issue(actor=colleague, decision=decision)
    assert refused.value.code == SAME_PERSON


def test_an_approver_at_another_office_cannot_issue(cast):
    decision = draft_decision(cast)
    outsider = UserFactory()
    RoleGrant.objects.create(
        user=outsider, role=Role.CASEWORKER, office=cast.rogaland, is_approver=True
    )
    with pytest.raises(ServiceRefused):
        decision_issue(actor=outsider, decision=decision)


def test_the_approver_issues_what_another_prepared_and_both_are_recorded(cast):
    decision = decision_issue(actor=approver(cast), decision=draft_decision(cast))
    assert decision.is_issued
    assert decision.prepared_by == cast.caseworker
    assert decision.issued_by == approver(cast)


def test_no_letter_for_a_draft(cast):
    decision = draft_decision(cast)
    with pytest.raises(ServiceRefused) as refused:
        letter_issue(actor=cast.caseworker, decision=decision)
    assert refused.value.code == "not_approved"
    assert not decision.letters.exists()


def test_no_letter_for_a_decision_approved_by_its_author(cast):
    """A decision marked issued by the one who prepared it (written past the service)
    gets no letter."""
    decision = draft_decision(cast)
    Decision.objects.filter(pk=decision.pk).update(
        state=DecisionState.ISSUED, revision=1, issued_by=cast.caseworker
    )
    with pytest.raises(ServiceRefused) as refused:
        letter_issue(actor=cast.caseworker, decision=decision)
    assert refused.value.code == SAME_PERSON
    assert not decision.letters.exists()


def _approve(client, decisions, round_id):
    return client.post(
        reverse("decisions:round_approve", args=[round_id]),
        with_key({"decision": [str(d.pk) for d in decisions]}),
    )


def test_one_approval_issues_the_ticked_list_and_sends_the_letters(cast, client_for):
    first = draft_decision(cast)
    second, untouched = copies_for_other_recipients(first, 2)
    response = _approve(client_for(approver(cast)), [first, second], first.round_id)
    assert response.status_code == 302
    for decision in (first, second):
        decision.refresh_from_db()
        assert decision.is_issued and decision.issued_by == approver(cast)
        assert decision.letters.count() == 1
    untouched.refresh_from_db()
    assert untouched.is_draft


def test_a_batch_with_one_refused_decision_issues_none(cast, client_for):
    first = draft_decision(cast)
    (second,) = copies_for_other_recipients(first, 1)
    Decision.objects.filter(pk=second.pk).update(checklist={})
    _approve(client_for(approver(cast)), [first, second], first.round_id)
    assert Decision.objects.filter(pk__in=[first.pk, second.pk], state="draft").count() == 2


def test_the_author_cannot_approve_her_list(cast, client_for):
    decision = draft_decision(cast)
    RoleGrant.objects.filter(user=cast.caseworker).update(is_approver=True)
    _approve(client_for(cast.caseworker), [decision], decision.round_id)
    decision.refresh_from_db()
    assert decision.is_draft and not decision.letters.exists()


def test_the_round_page_offers_approval_to_the_approver_only(cast, client_for):
    decision = draft_decision(cast)
    url = reverse("decisions:round", args=[decision.round_id])
    approve_url = reverse("decisions:round_approve", args=[decision.round_id])
    assert approve_url in client_for(approver(cast)).get(url).text
    assert approve_url not in client_for(cast.caseworker).get(url).text


def test_the_decision_page_offers_issue_to_the_approver_only(cast, client_for):
    decision = draft_decision(cast)
    url = reverse("decisions:detail", args=[decision.pk])
    assert 'name="issue"' in client_for(approver(cast)).get(url).text
    assert 'name="issue"' not in client_for(cast.caseworker).get(url).text
