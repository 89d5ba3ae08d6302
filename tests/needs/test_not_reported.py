"""The caseworker's list of who has not reported needs in an open round, and the
one-click reminder to them: once per person and deadline, reusing the reminders."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompetansemidler.needs.models import NeedsReport, Reminder, ReportState
from kompetansemidler.needs.not_reported import not_reported
from kompetansemidler.needs.reminders import remind
from kompetansemidler.registry.models import UnitKind
from kompetansemidler.schemes.workflow import RoundPhase
from tests.factories import NetworkFactory, OrganisationFactory, UnitFactory

from .conftest import make_round


def url(round_) -> str:
    return f"/behov/runde/{round_.pk}/ikkje-meldt/"


def test_owners_with_units_of_the_schemes_kind_and_networks_that_sent_nothing_are_listed(cast):
    rekom, dekom = make_round(cast.vestland), make_round(cast.vestland, "dekom")
    # Bergen owns a kindergarten: concerned by Rekom, not by Dekom (no school).
    missing = not_reported(rekom)
    assert cast.owner in missing.owners
    assert cast.network in missing.networks
    assert cast.owner not in not_reported(dekom).owners
    # Rogaland's owner is another office's.
    assert cast.rogaland_owner not in missing.owners

    NeedsReport.objects.create(round=rekom, owner=cast.owner, state=ReportState.SUBMITTED)
    assert cast.owner not in not_reported(rekom).owners
    # A draft is not a report.
    NeedsReport.objects.create(round=rekom, network=cast.network, state=ReportState.DRAFT)
    assert cast.network in not_reported(rekom).networks


def test_one_click_reminds_each_representative_once(cast, client_for):
    round_ = make_round(cast.vestland)
    client = client_for(cast.caseworker)
    page = client.get(url(round_)).content.decode()
    assert "Bergen kommune" in page
    assert "Påminn dem som ikke har meldt" in page

    response = client.post(url(round_), {"idempotency_key": "remind-1"}, follow=True)
    assert "2 påminnelser ble sendt" in response.content.decode()
    reminded = {r.recipient for r in Reminder.objects.filter(round=round_)}
    assert reminded == {cast.owner_rep, cast.network_coordinator}
    assert {m.to[0] for m in mail.outbox} == {u.email for u in reminded}

    # A second click, a new request: nobody is reminded twice of the same deadline.
    response = client.post(url(round_), {"idempotency_key": "remind-2"}, follow=True)
    assert "0 påminnelser ble sendt" in response.content.decode()
    assert len(mail.outbox) == len(reminded)


def test_a_closed_round_reminds_nobody(cast, client_for):
    round_ = make_round(cast.vestland, phase=RoundPhase.FORUM_PRIORITISING)
    response = client_for(cast.caseworker).post(url(round_), {"idempotency_key": "closed"})
    assert response.status_code == 302
    assert not Reminder.objects.exists()
    assert mail.outbox == []


def test_another_offices_caseworker_and_the_owner_are_refused(cast, client_for):
    round_ = make_round(cast.vestland)
    assert client_for(cast.other_caseworker).get(url(round_)).status_code == 403
    response = client_for(cast.owner_rep).post(url(round_), {"idempotency_key": "owner"})
    assert response.status_code == 403
    assert not Reminder.objects.exists()


def test_the_queries_do_not_grow_with_the_owners(cast, client_for):
    round_ = make_round(cast.vestland)
    client = client_for(cast.caseworker)
    client.get(url(round_))

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            client.get(url(round_))
        return len(context.captured_queries)

    one = count()
    for _ in range(5):
        UnitFactory(owner=OrganisationFactory(), kind=UnitKind.KINDERGARTEN)
        NetworkFactory(office=cast.vestland, coordinator=OrganisationFactory())
    assert len(not_reported(round_).owners) >= 6
    assert count() == one


def test_the_list_says_who_was_reminded_by_their_own_representative(cast, client_for):
    round_ = make_round(cast.vestland)
    # Bergen's representative reminded; Bergen also coordinates the network,
    # whose coordinator was not: the network is not marked as reminded.
    remind(round_, "needs_deadline", [(cast.owner_rep, cast.owner)])
    context = client_for(cast.caseworker).get(url(round_)).context
    assert (cast.owner, True) in context["owners"]
    assert (cast.network, False) in context["networks"]
