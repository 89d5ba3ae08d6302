"""The appeal chain's forms answer bad input with the reason and what was typed,
never a server error; the office's and Udir's forms show only to those who may
use them."""

import datetime

from django.urls import reverse
from django.utils import timezone

from kompetansemidler.decisions.appeals import appeal_decide, appeal_register
from kompetansemidler.decisions.letters import letter_issue
from kompetansemidler.decisions.models import AppealOutcome
from kompetansemidler.registry.models import Organisation
from tests.support.keys import with_key

from .objects import issued_decision


def _decision(cast):
    Organisation.objects.filter(pk=cast.owner.pk).update(kind="private_owner")
    decision = issued_decision(cast)
    letter_issue(actor=cast.caseworker, decision=decision)
    return decision


def test_an_appeal_dated_tomorrow_is_refused_on_the_page_with_the_text_kept(cast, client_for):
    decision = _decision(cast)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client_for(cast.caseworker).post(
        reverse("decisions:appeal_add", args=[decision.pk]),
        with_key({"a-received_on": tomorrow, "a-summary": "Vi ber om meir."}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Klagen kan ikke være mottatt etter i dag" in page
    assert "Vi ber om meir." in page
    assert not decision.appeals.exists()


def test_udirs_outcome_of_an_unknown_kind_is_a_form_error(cast, client_for):
    decision = _decision(cast)
    appeal = appeal_register(
        actor=cast.caseworker, decision=decision, received_on=timezone.localdate(), summary="K"
    )
    appeal_decide(actor=cast.caseworker, appeal=appeal, outcome="sent_on", note="Vurdering")
    response = client_for(cast.udir).post(
        reverse("decisions:appeal_udir", args=[decision.pk, appeal.pk]),
        with_key({"ud-outcome": "granted", "ud-note": "x"}),
    )
    assert response.status_code == 400
    appeal.refresh_from_db()
    assert appeal.outcome == AppealOutcome.SENT_ON


def test_only_udir_sees_the_form_for_udirs_outcome(cast, client_for):
    decision = _decision(cast)
    appeal = appeal_register(
        actor=cast.caseworker, decision=decision, received_on=timezone.localdate(), summary="K"
    )
    appeal_decide(actor=cast.caseworker, appeal=appeal, outcome="sent_on", note="Vurdering")
    url = reverse("decisions:detail", args=[decision.pk])
    assert "Registrer Udirs avgjørelse" in client_for(cast.udir).get(url).content.decode()
    assert "Registrer Udirs avgjørelse" not in (
        client_for(cast.caseworker).get(url).content.decode()
    )


def test_the_recipient_sees_how_to_decline_but_not_the_offices_forms(cast, client_for):
    decision = _decision(cast)
    page = client_for(cast.owner_rep).get(reverse("decisions:detail", args=[decision.pk]))
    text = page.content.decode()
    assert "Takk nei til tilskuddet" in text
    assert "Endre vedtaket uten klage" not in text and "Registrer klage" not in text
