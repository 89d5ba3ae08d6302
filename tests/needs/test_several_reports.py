"""An owner may send several needs reports to one round (a county municipality for
separate school types), each under its own name; sending the same form twice is
still one report."""

import pytest
from django.urls import reverse

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.needs.models import NeedsReport
from kompetansemidler.needs.services import needs_report_continue, needs_report_create
from tests.support.keys import with_key

from .conftest import make_round


def start(client, round_, owner, label="", data=None):
    return client.post(
        reverse("needs:report_create"),
        data or with_key(round=round_.pk, author=f"owner:{owner.pk}", label=label),
    )


def test_a_second_report_needs_a_name_of_its_own(cast, open_round):
    needs_report_create(actor=cast.owner_rep, round_=open_round, owner=cast.owner)
    with pytest.raises(ServiceRefused) as refused:
        needs_report_create(actor=cast.owner_rep, round_=open_round, owner=cast.owner)
    assert refused.value.code == "already_reported"
    needs_report_create(
        actor=cast.owner_rep, round_=open_round, owner=cast.owner, label="Vidaregåande"
    )
    with pytest.raises(ServiceRefused):
        # The same name with other spacing is the same name.
        needs_report_create(
            actor=cast.owner_rep, round_=open_round, owner=cast.owner, label="  Vidaregåande "
        )
    labels = NeedsReport.objects.filter(round=open_round, owner=cast.owner).values_list(
        "label", flat=True
    )
    assert sorted(labels) == ["", "Vidaregåande"]


def test_the_start_page_starts_a_second_named_report(cast, open_round, client_for):
    client = client_for(cast.owner_rep)
    first = start(client, open_round, cast.owner)
    assert first.status_code == 302
    again = start(client, open_round, cast.owner)
    assert again.status_code == 200
    assert "gi den et eget navn" in again.context["form"].errors["label"][0]
    second = start(client, open_round, cast.owner, label="Grunnskule")
    assert second.status_code == 302 and second.url != first.url
    assert NeedsReport.objects.filter(round=open_round, owner=cast.owner).count() == 2
    assert "(Grunnskule)" in str(NeedsReport.objects.get(label="Grunnskule"))


def test_a_double_submitted_start_form_is_one_report(cast, open_round, client_for):
    client = client_for(cast.owner_rep)
    data = with_key(round=open_round.pk, author=f"owner:{cast.owner.pk}", label="")
    first = start(client, open_round, cast.owner, data=data)
    second = start(client, open_round, cast.owner, data=data)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert NeedsReport.objects.filter(round=open_round, owner=cast.owner).count() == 1


def test_a_continued_report_keeps_its_name(cast, open_round):
    named = needs_report_create(
        actor=cast.owner_rep, round_=open_round, owner=cast.owner, label="Grunnskule"
    )
    next_round = make_round(cast.vestland, year=2027)
    continued = needs_report_continue(actor=cast.owner_rep, previous=named, round_=next_round)
    assert continued.label == "Grunnskule"
