"""Who may open the registry: everyone with a role, whatever their office;
a user without a role is told why not; an anonymous visitor is sent to log in."""

import pytest
from django.urls import reverse

from kompetansemidler.accounts.policy import REASON_NO_ROLE
from kompetansemidler.registry import selectors

PAGES = [
    ("registry:index", {}),
    ("registry:unit_list", {}),
    ("registry:unit_export", {"fmt": "xlsx"}),
    ("registry:municipality_detail", {"number": "4601"}),
    ("registry:organisation_detail", {"organisation_number": "964338531"}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_user_without_role_gets_403_with_the_reason(name, kwargs, cast, client_for):
    response = client_for(cast.outsider).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 403
    assert str(REASON_NO_ROLE) in response.content.decode()


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_anonymous_visitor_is_sent_to_log_in(name, kwargs, cast, client):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_caseworker_of_another_office_sees_the_whole_national_registry(cast, client_for):
    # The registry is public information: Rogaland's caseworker sees Vestland's units.
    response = client_for(cast.other_caseworker).get(
        reverse(
            "registry:unit_detail", kwargs={"organisation_number": cast.unit.organisation_number}
        )
    )
    assert response.status_code == 200


def test_selectors_return_nothing_to_a_user_without_role(cast):
    assert not selectors.units_visible_to(cast.outsider).exists()
    assert not selectors.municipalities_visible_to(cast.outsider).exists()
    assert selectors.units_visible_to(cast.unit_leader).exists()
