"""A scope posted by hand in an odd form is refused with a message, never an error."""

import pytest
from django.urls import reverse

from tests.support.keys import with_key

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("scope", ["organisation:²", "organisation:99999999999999999999999"])
def test_an_odd_scope_id_is_refused_with_a_message(cast, client_for, scope):
    response = client_for(cast.caseworker).post(
        reverse("accounts:grant_create", kwargs={"pk": cast.owner_rep.pk}),
        with_key({"role": "owner_representative", "scope": scope}),
    )
    assert response.status_code in (200, 400)
    assert "scope" in response.context["form"].errors
