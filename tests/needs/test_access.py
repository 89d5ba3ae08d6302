"""The scoping that matters most: drafts, networks and offices. The access
matrix (tests/test_access_matrix.py) checks every rule of tests/access/needs.py
for every persona."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kompetansemidler.needs.models import NeedsReport, ReportState
from kompetansemidler.needs.selectors import needs_reports_visible_to

from .conftest import make_round
from .objects import bergen_partnership, bergen_report


def test_an_owner_never_sees_another_owners_draft(cast, client_for):
    draft = bergen_report(cast, "draft")
    client = client_for(cast.other_owner_rep)
    assert client.get(reverse("needs:report_detail", args=[draft.pk])).status_code == 403
    assert "Bergen kommune" not in client.get(reverse("needs:index")).content.decode()
    assert draft not in needs_reports_visible_to(cast.other_owner_rep)


def test_caseworkers_do_not_see_drafts_even_in_their_own_office(cast):
    draft = bergen_report(cast, "draft")
    assert draft not in needs_reports_visible_to(cast.caseworker)
    sent = bergen_report(cast, "submitted")
    assert sent in needs_reports_visible_to(cast.caseworker)


def test_a_caseworker_sees_only_its_own_offices_rounds(cast, client_for):
    rogaland = NeedsReport.objects.create(
        round=make_round(cast.rogaland, "dekom"),
        owner=cast.rogaland_owner,
        state=ReportState.SUBMITTED,
    )
    vestland = bergen_report(cast, "submitted")
    assert set(needs_reports_visible_to(cast.caseworker)) == {vestland}
    assert set(needs_reports_visible_to(cast.other_caseworker)) == {rogaland}
    response = client_for(cast.caseworker).get(reverse("needs:report_detail", args=[rogaland.pk]))
    assert response.status_code == 403


def test_a_network_coordinator_sees_only_the_networks_reports(cast):
    joint = NeedsReport.objects.create(round=make_round(cast.vestland), network=cast.network)
    bergen_report(cast, "submitted")
    NeedsReport.objects.create(
        round=make_round(cast.vestland), owner=cast.other_owner, state=ReportState.SUBMITTED
    )
    assert set(needs_reports_visible_to(cast.network_coordinator)) == {joint}


def test_the_outsider_is_refused_everywhere_with_a_reason(cast, client_for):
    client = client_for(cast.outsider)
    response = client.get(reverse("needs:index"))
    assert response.status_code == 403
    assert "rolle" in response.content.decode()


def test_the_agreement_file_is_served_only_to_those_who_see_the_partnership(
    cast, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    partnership = bergen_partnership(cast)
    partnership.agreement_file = SimpleUploadedFile("avtale.pdf", b"%PDF-1.4 avtale")
    partnership.save()
    url = reverse("needs:partnership_agreement", args=[partnership.pk])
    client.force_login(cast.uh_rep)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 avtale"
    client.force_login(cast.other_owner_rep)
    assert client.get(url).status_code == 403


def test_forum_members_read_only_submitted_and_accepted_reports_of_their_office(cast):
    submitted = bergen_report(cast, "submitted")
    returned = NeedsReport.objects.create(
        round=make_round(cast.vestland), owner=cast.other_owner, state=ReportState.RETURNED
    )
    bergen_report(cast, "draft")
    rogaland = NeedsReport.objects.create(
        round=make_round(cast.rogaland, "dekom"),
        owner=cast.rogaland_owner,
        state=ReportState.ACCEPTED,
    )
    visible = set(needs_reports_visible_to(cast.forum_member))
    assert visible == {submitted}
    assert returned not in visible and rogaland not in visible


def test_uh_and_unit_leaders_read_the_sent_reports_that_name_them(cast, client_for):
    sent = bergen_report(cast, "submitted")  # names HVL and Solsikken barnehage
    other = NeedsReport.objects.create(
        round=make_round(cast.vestland, "dekom", year=2027),
        owner=cast.other_owner,
        state=ReportState.SUBMITTED,
    )
    assert set(needs_reports_visible_to(cast.uh_rep)) == {sent}
    assert set(needs_reports_visible_to(cast.unit_leader)) == {sent}
    client = client_for(cast.uh_rep)
    assert client.get(reverse("needs:report_detail", args=[sent.pk])).status_code == 200
    assert client.get(reverse("needs:report_edit", args=[sent.pk])).status_code == 403
    assert client.get(reverse("needs:report_detail", args=[other.pk])).status_code == 403


@pytest.mark.parametrize("persona", ["uh_rep", "unit_leader", "udir", "caseworker"])
def test_a_draft_is_its_authors_until_submitted(cast, client_for, persona):
    """A draft naming HVL and Solsikken barnehage is hidden from them, from the
    office and from Udir: in the selector, the page, the API and the history."""
    draft = bergen_report(cast, "draft")
    user = getattr(cast, persona)
    assert draft not in needs_reports_visible_to(user)
    client = client_for(user)
    assert client.get(reverse("needs:report_detail", args=[draft.pk])).status_code == 403
    assert client.get(f"/api/needs/reports/{draft.pk}").status_code in (403, 404)
    listed = client.get("/api/needs/reports").json()
    assert draft.pk not in {row["id"] for row in listed["items"]}
    assert draft in needs_reports_visible_to(cast.owner_rep)
