"""The forum page shows the composition findings, and they go away when the
composition keeps the rules."""

from datetime import date

from django.urls import reverse

from kompetansemidler.forums.models import ForumMember
from kompetansemidler.forums.services import forum_member_end


def test_an_empty_forum_page_lists_every_missing_representation(cast, rekom_forum, client_for):
    page = client_for(cast.caseworker).get(reverse("forums:detail", args=[rekom_forum.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    for code in (
        "FORUM_MISSING_PUBLIC_OWNER",
        "FORUM_MISSING_KS",
        "FORUM_MISSING_SECRETARIAT",
        "FORUM_MISSING_KINDERGARTEN_AUTHORITY",
    ):
        assert f'data-code="{code}"' in text
    assert "Ingen medlem representerer KS." in text


def test_a_complete_forum_shows_the_composition_as_valid(cast, full_forum, client_for):
    page = client_for(cast.forum_member).get(reverse("forums:detail", args=[full_forum.pk]))
    text = page.content.decode()
    assert 'id="composition-ok"' in text
    assert "data-code=" not in text
    assert "Sigrid Sekretær" in text and "Vera Voss" in text


def test_ending_a_required_member_brings_the_finding_back(cast, full_forum, client_for):
    member = ForumMember.objects.get(forum=full_forum, representation="union")
    forum_member_end(actor=cast.caseworker, member=member, on=date(2024, 12, 31))
    page = client_for(cast.caseworker).get(reverse("forums:detail", args=[full_forum.pk]))
    assert 'data-code="FORUM_MISSING_UNION"' in page.content.decode()


def test_schemes_are_set_by_the_offices_caseworker(cast, full_forum, client_for):
    from kompetansemidler.schemes.models import Scheme

    dekom = Scheme.objects.get(code="dekom")
    client_for(cast.caseworker).post(
        reverse("forums:schemes", args=[full_forum.pk]), {"schemes": [dekom.pk]}
    )
    assert list(full_forum.schemes.values_list("scheme__code", flat=True)) == ["dekom"]
