"""The appeal pages follow the rule set's setting per recipient kind: a municipality
has no right to appeal a grant, so what it sends is a request for reconsideration,
never late and never sent on to Udir; a private owner appeals as before."""

import datetime

import pytest
from django.urls import reverse

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.decisions.appeals import appeal_decide, appeal_register
from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.models import AppealOutcome
from kompetansemidler.registry.models import Organisation

from .objects import issued_decision, notified_long_ago


def _request_after_the_deadline(cast):
    decision = issued_decision(cast)
    letter = letter_issue(actor=cast.caseworker, decision=decision)
    notified_long_ago(decision, days=40)
    letter.refresh_from_db()
    return decision, appeal_register(
        actor=cast.caseworker,
        decision=decision,
        received_on=letter.appeal_deadline + datetime.timedelta(days=1),
        summary="Vi ber om ny vurdering",
    )


def test_a_municipalitys_request_for_reconsideration_is_not_late(cast):
    _decision, request = _request_after_the_deadline(cast)
    assert not request.is_late


def test_a_private_owners_appeal_after_the_deadline_is_late(cast):
    Organisation.objects.filter(pk=cast.owner.pk).update(kind="private_owner")
    _decision, appeal = _request_after_the_deadline(cast)
    assert appeal.is_late


def test_a_request_for_reconsideration_is_not_sent_on_to_udir(cast):
    _decision, request = _request_after_the_deadline(cast)
    with pytest.raises(ServiceRefused) as refused:
        appeal_decide(actor=cast.caseworker, appeal=request, outcome=AppealOutcome.SENT_ON, note="")
    assert refused.value.code == "no_appeal_right"


def test_the_decision_page_speaks_of_reconsideration_for_a_municipality(cast, client_for):
    decision, _request = _request_after_the_deadline(cast)
    page = client_for(cast.caseworker).get(reverse("decisions:detail", args=[decision.pk])).text
    assert "Anmodninger om ny vurdering" in page
    assert "Registrer anmodning om ny vurdering" in page


def test_a_privately_owned_college_may_appeal_a_state_college_may_not(cast):
    decision = issued_decision(cast)
    college = decision.recipient_organisation
    Organisation.objects.filter(pk=college.pk).update(kind="uh", privately_owned=False)
    decision.recipient_organisation.refresh_from_db()
    assert not decision.has_appeal_right
    Organisation.objects.filter(pk=college.pk).update(privately_owned=True)
    decision.recipient_organisation.refresh_from_db()
    assert decision.has_appeal_right
