"""Members declare conflicts of interest (habilitet); they are shown on the
member page and kept for the adoption votes."""

from datetime import date

import pytest
from django.urls import reverse

from kompetansemidler.core.workflow import STATE_REFUSED, ServiceRefused
from kompetansemidler.forums.models import ConflictOfInterest, ForumMember
from kompetansemidler.forums.services import conflict_declare, forum_member_end
from kompetansemidler.history.models import Event


def test_a_member_declares_a_conflict_for_an_organisation_and_sees_it_on_the_member_page(
    cast,
    full_forum,
    client_for,
):
    frida = ForumMember.objects.get(forum=full_forum, user=cast.forum_member)
    client = client_for(cast.forum_member)
    response = client.post(
        reverse("forums:conflict_add", args=[frida.pk]),
        {
            "organisation": cast.owner.pk,
            "declared_on": "2025-03-12",
            "description": "Eg er styrar i Solsikken barnehage, som er med i tiltaket.",
        },
    )
    assert response.status_code == 302
    conflict = ConflictOfInterest.objects.get()
    assert (conflict.member, conflict.organisation, conflict.declared_on) == (
        frida,
        cast.owner,
        date(2025, 3, 12),
    )
    assert Event.objects.for_object(frida).filter(kind="forum.conflict_declared").exists()
    page = client.get(reverse("forums:member_detail", args=[frida.pk])).content.decode()
    assert "Eg er styrar i Solsikken barnehage" in page
    assert "Bergen kommune" in page


def test_a_member_cannot_declare_a_conflict_on_someone_elses_behalf(
    cast,
    full_forum,
    client_for,
):
    other = ForumMember.objects.get(forum=full_forum, representation="ks")
    response = client_for(cast.forum_member).post(
        reverse("forums:conflict_add", args=[other.pk]),
        {"organisation": cast.owner.pk, "declared_on": "2025-03-12", "description": "x"},
    )
    assert response.status_code == 403
    assert not ConflictOfInterest.objects.exists()


def test_the_caseworker_records_a_conflict_for_any_member_and_an_empty_text_is_refused(
    cast,
    full_forum,
    client_for,
):
    other = ForumMember.objects.get(forum=full_forum, representation="ks")
    url = reverse("forums:conflict_add", args=[other.pk])
    client = client_for(cast.caseworker)
    refused = client.post(
        url, {"organisation": cast.owner.pk, "declared_on": "2025-03-12", "description": ""}
    )
    assert refused.status_code == 200
    assert 'aria-invalid="true"' in refused.content.decode()
    assert (
        client.post(
            url,
            {
                "organisation": cast.owner.pk,
                "declared_on": "2025-03-12",
                "description": "Gift med rådmannen",
            },
        ).status_code
        == 302
    )
    assert ConflictOfInterest.objects.get().recorded_by == cast.caseworker


def test_a_conflict_is_not_declared_for_an_ended_membership(cast, full_forum):
    member = ForumMember.objects.get(forum=full_forum, representation="ks")
    forum_member_end(actor=cast.caseworker, member=member, on=date(2025, 6, 30))
    with pytest.raises(ServiceRefused) as refused:
        conflict_declare(
            actor=cast.caseworker,
            member=member,
            organisation=cast.owner,
            declared_on=date(2025, 7, 1),
            description="Styremedlem",
        )
    assert refused.value.code == STATE_REFUSED
    assert refused.value.message == "Inhabilitet meldes bare for nåværende medlemmer."
    assert not ConflictOfInterest.objects.exists()
