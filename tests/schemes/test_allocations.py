"""Udir's allocations and the set-asides of a round: the frame follows the
allocation, changes are dated entries with history, a cut below what is bound
blocks new money, and only those the money concerns see or change it."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from kompetansemidler.core.workflow import ServiceRefused
from kompetansemidler.history.models import Event
from kompetansemidler.schemes.models import Allocation, AllocationEntry, Round, SetAside
from kompetansemidler.schemes.services import (
    allocation_enter,
    commitment_add,
    set_aside_add,
    set_aside_correct,
    set_aside_withdraw,
)

from .conftest import deadlines

D = Decimal
DATED = datetime.date(2025, 10, 1)


def keyed(data: dict) -> dict:
    """POST data as a freshly rendered form sends it, with its one-time key."""
    return {**data, "idempotency_key": uuid.uuid4().hex}


FORUM = {"forum_decision_date": datetime.date(2025, 10, 20), "forum_decision_text": "Sak 12/25"}


def enter(cast, scheme, amount, kind="initial", year=2026, office=None, reason="Tildelingsbrev"):
    return allocation_enter(
        actor=cast.udir,
        office=office or cast.vestland,
        scheme=scheme,
        year=year,
        kind=kind,
        amount=D(amount),
        dated=DATED,
        reason=reason,
    )


def facilitation(cast, round_, amount, category="facilitation"):
    return set_aside_add(
        actor=cast.caseworker,
        round=round_,
        purpose="Tilretteleggingsmidler 2026–2027",
        category=category,
        amount=D(amount),
        **FORUM,
    )


@pytest.fixture
def rekom(schemes):
    return schemes["rekom"]


def test_a_round_opened_on_an_allocation_takes_its_frame_from_it(cast, rekom, make_round):
    enter(cast, rekom, 40_000_000)
    round_ = make_round(frame=D(1))  # typed frame ignored
    assert round_.frame == D(40_000_000)


def test_without_an_allocation_the_typed_frame_stays(make_round):
    assert make_round(frame=D(26_800_000)).frame == D(26_800_000)


def test_changes_are_entries_and_the_round_frame_follows(cast, rekom, make_round):
    enter(cast, rekom, 40_000_000)
    round_ = make_round()
    enter(cast, rekom, -1_500_000, kind="revised", reason="Revidert nasjonalbudsjett")
    enter(cast, rekom, 2_000_000, kind="supplementary", reason="Tilleggstildeling")
    enter(cast, rekom, -300_000, kind="returned", reason="Tilbakeført")
    round_.refresh_from_db()
    allocation = Allocation.objects.get(office=cast.vestland, scheme=rekom, year=2026)
    assert allocation.amount == round_.frame == D(40_200_000)
    assert list(allocation.entries.values_list("amount", flat=True)) == [
        D(40_000_000),
        D(-1_500_000),
        D(2_000_000),
        D(-300_000),
    ]
    assert Event.objects.for_object(allocation).count() == 4
    assert Event.objects.for_object(round_).filter(kind="round.frame_changed").count() == 3


def test_an_entry_is_never_overwritten(cast, rekom):
    entry = enter(cast, rekom, 40_000_000)
    entry.amount = D(1)
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert AllocationEntry.objects.get().amount == D(40_000_000)


@pytest.mark.parametrize(
    ("kind", "amount", "field"),
    [
        ("revised", 1_000, "kind"),  # the first entry is the initial one
        ("initial", 0, "amount"),
        ("initial", -5, "amount"),
    ],
)
def test_bad_first_entries_are_refused(cast, rekom, kind, amount, field):
    with pytest.raises(ServiceRefused) as refused:
        enter(cast, rekom, amount, kind=kind)
    assert field in {f.field for f in refused.value.findings}
    assert not AllocationEntry.objects.exists()


def test_an_allocation_cannot_go_below_zero_nor_have_two_initial_entries(cast, rekom):
    enter(cast, rekom, 1_000_000)
    with pytest.raises(ServiceRefused):
        enter(cast, rekom, -1_000_001, kind="revised")
    with pytest.raises(ServiceRefused):
        enter(cast, rekom, 5, kind="initial")
    with pytest.raises(ServiceRefused):
        enter(cast, rekom, 5, kind="returned")
    with pytest.raises(ServiceRefused):
        enter(cast, rekom, 5, kind="revised", reason="  ")
    assert Allocation.objects.get().amount == D(1_000_000)


# --- set-asides -----------------------------------------------------------------------------


def test_set_aside_of_exactly_thirty_per_cent_passes_one_krone_more_is_refused(
    cast, rekom, make_round
):
    enter(cast, rekom, 40_000_000)
    round_ = make_round()
    with pytest.raises(ServiceRefused) as refused:
        facilitation(cast, round_, 12_000_001)
    assert [f.code for f in refused.value.findings] == ["EARMARK_CAP_EXCEEDED"]
    assert "40" in refused.value.message and "12" in refused.value.message
    facilitation(cast, round_, 12_000_000)
    round_ = Round.objects.get(pk=round_.pk)
    assert round_.set_aside == D(12_000_000)
    assert round_.available == D(28_000_000)


def test_an_earmarked_commitment_counts_against_the_cap(cast, rekom, make_round):
    enter(cast, rekom, 40_000_000)
    round_ = make_round()
    commitment_add(
        actor=cast.caseworker,
        round=round_,
        amount=D(2_000_000),
        source="Vedtak 2025/31 år 2",
        category="craft_certificate",
    )
    with pytest.raises(ServiceRefused):
        facilitation(cast, round_, 10_000_001)
    facilitation(cast, round_, 10_000_000)


def test_an_ordinary_set_aside_is_not_capped_but_cannot_exceed_the_allocation(
    cast, rekom, make_round
):
    enter(cast, rekom, 40_000_000)
    round_ = make_round()
    facilitation(cast, round_, 30_000_000, category="general")
    with pytest.raises(ServiceRefused) as refused:
        facilitation(cast, round_, 10_000_001, category="general")
    assert [f.code for f in refused.value.findings] == ["ALLOCATION_OVERBOUND"]


def test_unknown_category_and_missing_forum_decision_are_refused(cast, rekom, make_round):
    round_ = make_round()
    with pytest.raises(ServiceRefused) as refused:
        set_aside_add(
            actor=cast.caseworker,
            round=round_,
            purpose="X",
            category="nonsense",
            amount=D(100),
            forum_decision_date=datetime.date(2025, 10, 20),
            forum_decision_text=" ",
        )
    assert {f.field for f in refused.value.findings} == {"category", "forum_decision_text"}


def test_correct_and_withdraw_keep_history(cast, rekom, make_round):
    enter(cast, rekom, 40_000_000)
    round_ = make_round()
    set_aside = facilitation(cast, round_, 12_000_000)
    set_aside_correct(
        actor=cast.caseworker,
        set_aside=set_aside,
        purpose=set_aside.purpose,
        category="facilitation",
        amount=D(11_000_000),
        reason="Feil i protokollen",
        **FORUM,
    )
    set_aside_withdraw(actor=cast.caseworker, set_aside=set_aside, reason="Forumet gjorde om")
    round_ = Round.objects.get(pk=round_.pk)
    assert round_.set_aside == 0 and round_.available == D(40_000_000)
    kinds = list(
        Event.objects.for_object(round_)
        .filter(kind__startswith="round.set_aside")
        .values_list("kind", flat=True)
    )
    assert sorted(kinds) == [
        "round.set_aside_added",
        "round.set_aside_corrected",
        "round.set_aside_withdrawn",
    ]
    with pytest.raises(ServiceRefused):
        set_aside_withdraw(actor=cast.caseworker, set_aside=set_aside, reason="igjen")


def test_a_cut_below_what_is_bound_shows_a_negative_available_and_blocks(
    cast, rekom, make_round, client
):
    enter(cast, rekom, 40_000_000)
    round_ = make_round()
    facilitation(cast, round_, 12_000_000)
    commitment_add(actor=cast.caseworker, round=round_, amount=D(20_000_000), source="V")
    enter(cast, rekom, -10_000_000, kind="revised", reason="Revidert nasjonalbudsjett")
    round_ = Round.objects.get(pk=round_.pk)
    assert round_.available == D(-2_000_000)
    with pytest.raises(ServiceRefused) as refused:
        facilitation(cast, round_, 1, category="general")
    # The cut also puts the 12 000 000 set aside over 30 % of the new 30 000 000.
    assert [f.code for f in refused.value.findings] == [
        "ALLOCATION_OVERBOUND",
        "EARMARK_CAP_EXCEEDED",
    ]
    client.force_login(cast.caseworker)
    page = client.get(reverse("schemes:round_detail", args=[round_.pk])).content.decode()
    assert 'id="overbound"' in page


# --- pages ----------------------------------------------------------------------------------


def test_udir_enters_an_allocation_through_the_page(cast, rekom, client):
    client.force_login(cast.udir)
    data = {
        "office": cast.vestland.pk,
        "scheme": rekom.pk,
        "year": 2026,
        "kind": "initial",
        "amount": "40 000 000",
        "dated": "2025-10-01",
        "reason": "Tildelingsbrev 2026",
        "idempotency_key": "alloc-1",
    }
    response = client.post(reverse("schemes:allocation_enter"), data)
    assert response.status_code == 302
    again = client.post(reverse("schemes:allocation_enter"), data)
    assert again.status_code == 302
    assert Allocation.objects.get().amount == D(40_000_000)
    assert AllocationEntry.objects.count() == 1


def test_a_caseworker_cannot_enter_allocations(cast, rekom, client):
    client.force_login(cast.caseworker)
    response = client.post(
        reverse("schemes:allocation_enter"),
        keyed(
            {
                "office": cast.vestland.pk,
                "scheme": rekom.pk,
                "year": 2026,
                "kind": "initial",
                "amount": "99 000 000",
                "dated": "2025-10-01",
                "reason": "Selvtildelt",
            }
        ),
    )
    assert response.status_code == 403
    assert not Allocation.objects.exists()


def test_an_office_sees_only_its_own_allocations(cast, rekom, client):
    vestland = enter(cast, rekom, 40_000_000).allocation
    rogaland = enter(cast, rekom, 33_000_000, office=cast.rogaland).allocation
    client.force_login(cast.caseworker)
    page = client.get(reverse("schemes:allocation_list") + "?year=2026").content.decode()
    assert cast.vestland.name in page and cast.rogaland.name not in page
    assert client.get(reverse("schemes:allocation_detail", args=[vestland.pk])).status_code == 200
    assert client.get(reverse("schemes:allocation_detail", args=[rogaland.pk])).status_code == 403
    client.force_login(cast.udir)
    page = client.get(reverse("schemes:allocation_list") + "?year=2026").content.decode()
    assert cast.vestland.name in page and cast.rogaland.name in page


def test_set_aside_page_records_and_outsiders_change_nothing(cast, rekom, make_round, client):
    enter(cast, rekom, 40_000_000)
    round_ = make_round()
    data = {
        "purpose": "Tilretteleggingsmidler",
        "category": "facilitation",
        "amount": "12 000 000",
        "forum_decision_date": "2025-10-20",
        "forum_decision_text": "Sak 12/25",
    }
    url = reverse("schemes:set_aside_list", args=[round_.pk])
    for outsider in (cast.other_caseworker, cast.owner_rep, cast.udir):
        client.force_login(outsider)
        assert client.post(url, keyed(data)).status_code == 403
    assert not SetAside.objects.exists()
    client.force_login(cast.caseworker)
    assert client.post(url, keyed({**data, "amount": "12 000 001"})).status_code == 400
    assert client.post(url, keyed(data)).status_code == 302
    set_aside = SetAside.objects.get()
    for outsider in (cast.other_caseworker, cast.owner_rep):
        client.force_login(outsider)
        withdraw = reverse("schemes:set_aside_withdraw", args=[set_aside.pk])
        assert client.post(withdraw, keyed({"reason": "x"})).status_code == 403
    set_aside.refresh_from_db()
    assert set_aside.is_active


def test_round_create_form_uses_the_allocation(cast, rekom, client):
    enter(cast, rekom, 40_000_000)
    client.force_login(cast.caseworker)
    response = client.post(
        reverse("schemes:round_create"),
        {"office": cast.vestland.pk, "scheme": rekom.pk, "year": 2026, **deadlines(2026)},
    )
    assert response.status_code == 302
    assert Round.objects.get().frame == D(40_000_000)


def test_round_create_without_allocation_or_frame_is_refused(cast, rekom, client):
    client.force_login(cast.caseworker)
    response = client.post(
        reverse("schemes:round_create"),
        {"office": cast.vestland.pk, "scheme": rekom.pk, "year": 2026, **deadlines(2026)},
    )
    assert response.status_code == 400
    assert not Round.objects.exists()


def test_the_api_lists_allocations_within_the_users_scope(cast, rekom, client):
    enter(cast, rekom, 40_000_000)
    enter(cast, rekom, -500_000, kind="revised", reason="Revidert nasjonalbudsjett")
    enter(cast, rekom, 33_000_000, office=cast.rogaland)
    url = reverse("api:schemes_allocations")
    client.force_login(cast.caseworker)
    [vestland] = client.get(url, {"year": 2026}).json()
    assert vestland["office"] == cast.vestland.slug
    assert vestland["amount"] == 39_500_000
    assert [(e["kind"], e["amount"]) for e in vestland["entries"]] == [
        ("initial", 40_000_000),
        ("revised", -500_000),
    ]
    client.force_login(cast.udir)
    assert len(client.get(url).json()) == 2
    client.force_login(cast.owner_rep)
    assert client.get(url).status_code == 403


def test_a_caseworker_marks_a_commitment_earmarked_on_the_round_page(
    cast, rekom, make_round, client
):
    round_ = make_round()
    client.force_login(cast.caseworker)
    url = reverse("schemes:commitment_create", args=[round_.pk])
    data = {"amount": "2 000 000", "source": "Vedtak 2025/31 år 2", "category": "facilitation"}
    assert client.post(url, {**data, "category": "nonsense"}).status_code == 400
    assert client.post(url, data).status_code == 302
    assert round_.commitments.get().category == "facilitation"
    page = client.get(reverse("schemes:round_detail", args=[round_.pk])).content.decode()
    assert 'name="category"' in page


def test_the_round_form_lists_allocations_waiting_for_a_round(cast, rekom, client):
    enter(cast, rekom, 40_000_000, year=2027)
    enter(cast, rekom, 33_000_000, year=2027, office=cast.rogaland)
    client.force_login(cast.caseworker)
    page = client.get(reverse("schemes:round_create")).content.decode().replace("\xa0", " ")
    assert 'id="open-allocations"' in page and "40 000 000" in page
    assert "33 000 000" not in page  # another office's allocation
