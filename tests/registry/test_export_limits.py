"""A list too long for an Excel file is refused with a message; CSV still works."""

import pytest
from django.urls import reverse

from kompetansemidler.core import exports

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_xlsx_limit(monkeypatch):
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 5)


def test_an_excel_export_over_the_limit_shows_the_list_with_the_reason(
    cast, client_for, small_xlsx_limit
):
    response = client_for(cast.caseworker).get(
        reverse("registry:municipality_export", kwargs={"fmt": "xlsx"})
    )
    assert response.status_code == 400
    assert "text/html" in response["Content-Type"]
    assert "CSV" in response.content.decode()


def test_the_same_list_goes_out_as_csv(cast, client_for, small_xlsx_limit):
    response = client_for(cast.caseworker).get(
        reverse("registry:municipality_export", kwargs={"fmt": "csv"})
    )
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").count("\n") == 358


def test_a_filtered_list_under_the_limit_goes_out_as_excel(cast, client_for, small_xlsx_limit):
    response = client_for(cast.caseworker).get(
        reverse("registry:county_export", kwargs={"fmt": "xlsx"}), {"q": "Vestland"}
    )
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
