"""The approver flag (budget authority) is given with a caseworker's role, and only
there: it lets the caseworker issue decisions another caseworker prepared."""

import pytest
from django.urls import reverse

from kompetansemidler.accounts.models import Role
from tests.factories import UserFactory
from tests.support.keys import with_key

pytestmark = pytest.mark.django_db


def _grant(client, person, role, scope, approver=True):
    data = {"role": role, "scope": scope}
    if approver:
        data["is_approver"] = "on"
    return client.post(reverse("accounts:grant_create", kwargs={"pk": person.pk}), with_key(data))


def test_udir_makes_a_caseworker_an_approver(cast, client_for):
    person = UserFactory()
    response = _grant(client_for(cast.udir), person, "caseworker", f"office:{cast.vestland.pk}")
    assert response.status_code == 302
    grant = person.role_grants.get()
    assert grant.role == Role.CASEWORKER and grant.is_approver


def test_the_flag_means_nothing_outside_the_caseworker_role(cast, client_for):
    person = UserFactory()
    _grant(client_for(cast.udir), person, "owner_representative", f"organisation:{cast.owner.pk}")
    assert not person.role_grants.get().is_approver
