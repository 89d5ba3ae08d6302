"""Ids typed or posted by hand in odd forms are refused, never a server error."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["uh_partners", "partnership"])
@pytest.mark.parametrize("view", ["needs:report_check", "needs:report_edit"])
def test_a_superscript_digit_as_an_id_is_not_a_server_error(
    owner_report, cast, client_for, field, view
):
    response = client_for(cast.owner_rep).post(
        reverse(view, kwargs={"pk": owner_report.pk}), {field: "²"}
    )
    assert response.status_code < 500
