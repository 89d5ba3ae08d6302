"""Nothing behind the login is kept by a proxy or a shared browser cache."""

from django.urls import reverse

from kompetansemidler.decisions.letters import letter_issue
from tests.decisions.objects import issued_decision

PRIVATE = "private, no-store"


def test_pages_exports_and_api_answers_to_a_logged_in_user_are_private(cast, client_for):
    client = client_for(cast.caseworker)
    for url in (
        reverse("registry:unit_list"),
        reverse("registry:unit_export", kwargs={"fmt": "csv"}),
        reverse("api:registry_units"),
        reverse("archive:public_journal"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PRIVATE, url


def test_a_grant_letter_is_private(cast, client_for):
    letter = letter_issue(actor=cast.caseworker, decision=issued_decision(cast))
    response = client_for(cast.owner_rep).get(reverse("decisions:letter", args=[letter.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == PRIVATE


def test_public_pages_and_static_files_may_be_cached(client, db):
    response = client.get(reverse("archive:public_journal"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
