import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_superscript_digit_as_forum_id_is_not_a_server_error(cast, client_for):
    response = client_for(cast.caseworker).post(
        reverse("recommendations:start"), {"forum": "²", "round": "1"}
    )
    assert response.status_code < 500
